"""Raw page bytes -> text (decode_bytes) and text -> the normalised text all offsets refer to."""

from __future__ import annotations

import codecs
import re

from extractors.common.errors import BinaryPageError, EmptyPageError, PageEncodingError

# File signatures of formats that are never page text (PDF, ZIP/Office, PNG, GIF, JPEG,
# gzip, old Office, RAR, 7z).
BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
    b"Rar!",
    b"7z\xbc\xaf",
)
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls other than tab, LF, VT, FF, CR (and ESC/SUB, which stray into old text files).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 26, 27))
# Share of control bytes above which a file is taken for binary rather than text with noise.
CONTROL_RATIO = 0.05

# Space characters a browser shows as a plain space (NBSP, en/em spaces, ideographic ...).
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000\u000b\u000c\u0085"
# Invisible characters dropped outright: BOM, zero-width space/joiners, word joiner, soft hyphen.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060\u00ad"
# Character classes rather than str.translate: translate looks every character up in
# a dict, which cost more per page than reading its layout; a regex class scans in C.
_SPACE_CHARS = re.compile(f"[{_SPACES}]")
_INVISIBLE_CHARS = re.compile(f"[{_INVISIBLE}]")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")


def check_binary(data: bytes, source: str) -> None:
    """Raise BinaryPageError when the bytes are a known binary format or full of control bytes."""
    for magic in BINARY_MAGIC:
        if data.startswith(magic):
            raise BinaryPageError(
                f"{source}: expected page text, got binary data starting {magic!r}"
            )
    if data.startswith(UTF16_BOMS):
        return
    if b"\x00" in data:
        raise BinaryPageError(f"{source}: expected page text, got NUL bytes (binary data?)")
    controls = sum(data.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > max(2, CONTROL_RATIO * len(data)):
        raise BinaryPageError(
            f"{source}: expected page text, got {controls} control bytes in {len(data)}"
        )


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a page's bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252."""
    if not data.strip():
        raise EmptyPageError(f"{source}: expected page text, the file is empty or blank")
    check_binary(data, source)
    if data.startswith(codecs.BOM_UTF8):
        return _decode_strict(data[len(codecs.BOM_UTF8) :], "utf-8", source)
    if data.startswith(UTF16_BOMS):
        text = _decode_strict(data, "utf-16", source)
        if not text.strip():
            raise EmptyPageError(f"{source}: expected page text, the UTF-16 file is blank")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; such a file is in some other encoding.
    return _decode_strict(data, "cp1252", source)


def _decode_strict(data: bytes, encoding: str, source: str) -> str:
    """Decode or raise PageEncodingError naming the file and the encoding tried."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PageEncodingError(
            f"{source}: expected UTF-8, UTF-16 (with BOM) or Windows-1252 text, "
            f"{encoding} cannot decode byte {data[exc.start : exc.start + 1]!r} at {exc.start}"
        ) from exc


# Category Cc: C0 controls but tab and newline, DEL, and the C1 block.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """Unify line ends and spaces, drop invisible and control characters; keep quotes/dashes."""
    text = _SPACE_CHARS.sub(" ", _NEWLINES.sub("\n", text))
    text = _INVISIBLE_CHARS.sub("", text)
    # Other control characters (C0 except \t \n, C1) carry nothing a reader sees
    # (one regex pass: a per-character check cost more than parsing the page).
    return _CONTROL.sub("", text)
