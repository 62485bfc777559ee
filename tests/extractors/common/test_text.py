"""Tests for decode_bytes and normalise_text (extractors/text.py)."""

from __future__ import annotations

import codecs

import pytest

from extractors.common.errors import BinaryPageError, EmptyPageError, PageEncodingError
from extractors.common.text import decode_bytes, normalise_text

PAGE = "Leeds City Council \u2013 \u2018Good\u2019 rating, \u201cclosed\u201d, \u00a311 million"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PAGE.encode("utf-8"), PAGE),
        (codecs.BOM_UTF8 + PAGE.encode("utf-8"), PAGE),
        (PAGE.encode("utf-16"), PAGE),  # with the platform's BOM
        (codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"), PAGE),
        (PAGE.encode("cp1252"), PAGE),
        (
            b"Kent \x93quoted\x94 \x96 \xa3250 caf\xe9",
            "Kent \u201cquoted\u201d \u2013 \u00a3250 caf\u00e9",
        ),
        (b"Agenda\r\n\r\n1.\tApologies\x0c", "Agenda\r\n\r\n1.\tApologies\x0c"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16-be", "cp1252", "cp1252-bytes", "controls-allowed"],
)
def test_decode_bytes_reads_text_encodings(data, expected):
    assert decode_bytes(data, "raw/kent.txt") == expected


@pytest.mark.parametrize(
    "data",
    [b"", b"   \r\n\t  \n", codecs.BOM_UTF16_LE + "  \n ".encode("utf-16-le")],
    ids=["empty", "whitespace", "utf16-blank"],
)
def test_decode_bytes_rejects_empty_pages(data):
    with pytest.raises(EmptyPageError, match="raw/empty.txt"):
        decode_bytes(data, "raw/empty.txt")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x06\x00",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"GIF89a\x01\x00\x01\x00",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"Agenda\x00and\x00minutes",
        bytes(range(1, 9)) * 20 + b"some text",
    ],
    ids=["pdf", "zip", "png", "gif", "jpeg", "nul-bytes", "control-bytes"],
)
def test_decode_bytes_rejects_binary(data):
    with pytest.raises(BinaryPageError, match="raw/minutes.txt.*expected page text"):
        decode_bytes(data, "raw/minutes.txt")


def test_decode_bytes_names_file_and_encodings_when_undecodable():
    # 0x81 is one of the five bytes Windows-1252 leaves undefined (and not UTF-8 either).
    with pytest.raises(PageEncodingError, match=r"raw/odd.txt: expected UTF-8.*Windows-1252"):
        decode_bytes(b"Cornwall \x81 Council", "raw/odd.txt")


def test_decode_bytes_rejects_broken_utf8_after_bom():
    with pytest.raises(PageEncodingError, match="raw/bom.txt"):
        decode_bytes(codecs.BOM_UTF8 + b"Hampshire \xff\xfe", "raw/bom.txt")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Items\r\nNo. Item\r\n", "Items\nNo. Item\n"),
        ("Venue: Civic Hall\rContact: J Hart", "Venue: Civic Hall\nContact: J Hart"),
        ("Morris\u00a0\u00a0Officers\u2009here\u202f!", "Morris  Officers here !"),
        ("\ufeffAgenda\u200b item\u00ad", "Agenda item"),
        ("1.\tApologies\x07\x1b\x85", "1.\tApologies "),
        # Typographic quotes and dashes are kept: titles are compared as printed.
        (
            "Children\u2019s Services \u2013 \u201cgood\u201d",
            "Children\u2019s Services \u2013 \u201cgood\u201d",
        ),
        ("line one\u2028line two", "line one\nline two"),
    ],
    ids=["crlf", "cr", "spaces", "invisible", "controls", "quotes-kept", "line-separator"],
)
def test_normalise_text(text, expected):
    assert normalise_text(text) == expected


def test_normalise_text_is_idempotent():
    once = normalise_text("A\r\n\u00a0B\u200b\x01")
    assert normalise_text(once) == once


def test_normalise_text_agrees_with_a_per_character_table_on_random_strings():
    """The regex classes do what a character table (str.translate) does, in every mix."""
    import random
    import re

    from extractors.common.text import _INVISIBLE, _SPACES

    table = {ord(c): " " for c in _SPACES} | {ord(c): None for c in _INVISIBLE}
    newlines = re.compile(r"\r\n?|\u2028|\u2029")
    controls = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    rng = random.Random(7)
    alphabet = "ab \n\r\t" + _SPACES + _INVISIBLE + "\x00\x85\u2028\u2029é"
    for _ in range(5000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 30)))
        expected = controls.sub("", newlines.sub("\n", text).translate(table))
        assert normalise_text(text) == expected, repr(text)
