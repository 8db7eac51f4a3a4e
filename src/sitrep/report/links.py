"""The one rule for links taken from input (pages and both report formats): http(s) with a host, or text.

An address from an article is whatever the source wrote: `javascript:` and `data:` addresses, and
any that do not parse (`http://[::1`, a port past 65535, control characters), are shown as text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

LINK_SCHEMES = ("http", "https")
# Whitespace or a control character anywhere: browsers would strip or reinterpret it.
UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f-\x9f]")


def linkable(url: object) -> str | None:
    """The address, stripped, when it is safe to link (http or https with a host); else None."""
    if not isinstance(url, str) or not url.strip():
        return None
    address = url.strip()
    if UNSAFE_CHARACTERS.search(address):
        return None
    try:
        parts = urlsplit(address)
        host, _ = parts.hostname, parts.port  # each raises ValueError on a malformed address
    except ValueError:
        return None
    return address if parts.scheme.lower() in LINK_SCHEMES and host else None
