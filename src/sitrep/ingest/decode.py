"""Bytes to text: UTF-8 first, a byte-order mark next, a confident guess last, else a skip."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from sitrep.ingest.draft import SkipInput
from sitrep.records import SkipReason

SNIFF_BYTES = 8192
# charset-normalizer's "chaos" score: above this the guessed decoding is mostly garbage.
MAX_CHAOS = 0.10
_BINARY_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x7fELF", b"OggS", b"ID3",
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(head: bytes) -> bool:
    """True for the start of a file that is not text (known magic numbers or NUL bytes)."""
    if any(head.startswith(magic) for magic in _BINARY_MAGIC):
        return True
    return b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def decode_text(data: bytes, name: str) -> str:
    """Text of `data`, or `SkipInput(undecodable)` when no encoding reads it sensibly."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="strict")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    guess = from_bytes(data[: 64 * 1024]).best()
    if guess is not None and guess.chaos <= MAX_CHAOS and guess.encoding not in {"utf_8", "ascii"}:
        try:
            return data.decode(guess.encoding)
        except UnicodeDecodeError:
            pass
    raise SkipInput(
        SkipReason.UNDECODABLE,
        f"{name} is not UTF-8 (byte {utf8_error.start}) and no other encoding reads it cleanly",
    )
