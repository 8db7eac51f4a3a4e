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


# Encodings news archives actually use; on a short text charset-normalizer often ranks an obscure
# code page that decodes without "chaos" (French Latin-1 read as cp775) above these.
COMMON_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1251", "koi8_r", "cp1256", "iso8859_6", "cp1250",
    "iso8859_2", "gb18030", "big5", "shift_jis", "euc_jp", "euc_kr", "cp1253", "cp1254", "cp1255",
)


def _plausible_encodings(data: bytes) -> list[str]:
    """Encodings that read `data` with little chaos, common ones first."""
    matches = [m for m in from_bytes(data[: 64 * 1024]) if m.chaos <= MAX_CHAOS]
    names = [m.encoding for m in matches if m.encoding not in {"utf_8", "ascii"}]
    common = [name for name in COMMON_ENCODINGS if name in names]
    return common + [name for name in names if name not in common]


def decode_text(data: bytes, name: str) -> str:
    """Text of `data`, or `SkipInput(undecodable)` when no encoding reads it sensibly."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_marked(data, encoding, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        utf8_error = error
    for guess in _plausible_encodings(data):
        try:
            return data.decode(guess)
        except UnicodeDecodeError:
            continue
    raise SkipInput(
        SkipReason.UNDECODABLE,
        f"{name} is not UTF-8 (byte {utf8_error.start}) and no other encoding reads it cleanly",
    )


def _decode_marked(data: bytes, encoding: str, name: str) -> str:
    """Text after a byte-order mark, or `SkipInput(undecodable)` when the bytes break the encoding."""
    try:
        return data.decode(encoding, errors="strict")
    except UnicodeDecodeError as error:
        raise SkipInput(
            SkipReason.UNDECODABLE,
            f"{name} starts with a {encoding} byte-order mark but byte {error.start} breaks it "
            f"({error.reason})",
        ) from None
