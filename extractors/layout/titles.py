"""Item headings and titles: what a title line looks like, its clean text, a wrapped title."""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.layout.attendance import is_person_line
from extractors.layout.lines import AMPM_TIME, Line, blank_after
from extractors.layout.numbers import NUMBER
from extractors.layout.vocab import FOOTER_RE, HEADER_LABEL_RE, SECTION_RE, is_items_header

TIME_PREFIX_RE = re.compile(rf"(?:{AMPM_TIME})\s+", re.IGNORECASE)
TRAILING_TIME_RE = re.compile(rf"\s+(?:{AMPM_TIME})$", re.IGNORECASE)
OWN_NUMBER_RE = re.compile(rf"(?P<number>{NUMBER})[.)]?")
# "1. Apologies", "23/5 Declarations of Interest", "iv. Budget": a number, then a title.
TITLE_START = "[A-Z\"'\u2018\u201c]"
INLINE_RE = re.compile(rf"(?P<number>{NUMBER})(?:[.)][ \t]*|[ \t]+)(?P<title>{TITLE_START}.*)")
# "pdf icon PDF 346 KB", "docx icon DOCX 54 KB", "PDF 1 MB" after a title (maybe repeated).
FILE_SUFFIX_RE = re.compile(
    r"(?:\s*(?:\w{1,12}\s+icon\s+)?(?:PDF|DOCX?|XLSX?|PPTX?|RTF|ODT|HTML?)\s+[\d.,]+\s*[KMG]B)+\s*$",
    re.IGNORECASE,
)
# "... (Agenda item 5)" / "(Item 41)": the only number some pages print.
TITLE_NUMBER_RE = re.compile(
    r"\((?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<number>[0-9][\w/]*?)\.?\)\s*$", re.IGNORECASE
)
STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the"}
    | {"to", "with", "any", "its", "per", "via", "vs", "v", "&", "de"}
)
WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*")
# A note under a heading, wholly in brackets: "(Item 5)", "(previously circulated)".
NOTE_LINE_RE = re.compile(r"\([^()]*\)")
MAX_TITLE_CHARS = 200


class Heading(NamedTuple):
    """An item heading: the line it starts on, its printed number (or None) and title."""

    line: int
    number: str | None
    title: str


def clean_title(text: str) -> str:
    """A heading's title: whitespace collapsed, no file-size suffix, time column or cell bar."""
    title = " ".join(text.split()).strip(" |")
    # Both patterns are anchored at the end but tried from every character, which
    # on long lines cost more than the rest of splitting: look only when the last
    # character could end them ("KB"; "pm", "a.m.").
    if title[-1:] in ("b", "B"):
        title = FILE_SUFFIX_RE.sub("", title)
    if title.rstrip(".")[-1:] in ("m", "M"):
        title = TRAILING_TIME_RE.sub("", title)
    return title.strip(" |")


def number_in_title(title: str) -> str | None:
    """The item number a title carries at its end, "(Agenda item 5)" -> "5"."""
    match = TITLE_NUMBER_RE.search(title)
    return match["number"] if match else None


def is_title_like(text: str) -> bool:
    """True for a short heading in title case or capitals (most content words capitalised)."""
    words = WORD_RE.findall(text)
    if not words or len(text) > 150 or len(text.split()) > 16 or not words[0][0].isupper():
        return False
    content = [w for w in words if w.lower() not in STOPWORDS]
    return bool(content) and sum(w[0].isupper() for w in content) / len(content) >= 0.75


def strip_time(text: str) -> str:
    """The line without a leading time column ("10.31 am 1. Apologies" -> "1. Apologies")."""
    return TIME_PREFIX_RE.sub("", text, count=1) if TIME_PREFIX_RE.match(text) else text


def bad_title(text: str) -> bool:
    """True for lines that cannot be an item title (labels, chrome, people, bare numbers)."""
    return (
        not re.search(r"[^\W\d_]", text)
        # "Minutes" can be an item's title; "Minutes:" is always a section label.
        or (text.endswith(":") and SECTION_RE.fullmatch(text) is not None)
        or FOOTER_RE.fullmatch(text) is not None
        or OWN_NUMBER_RE.fullmatch(text) is not None
        or is_items_header(text)
        or is_person_line(text)
    )


def wrapped_title(lines: list[Line], line: Line, title: str, end: int) -> tuple[str, int]:
    """The title joined with its wrapped second line, and the index of the title's last line.

    A second line continues the title when it follows with no blank line, carries no
    sentence end and is itself title-like or starts with a joining word ("of Children's
    Services"), and a blank line or a section label comes after it.
    """
    j = line.index + 1
    if j >= end or title[-1:] in ".;:!?" or not lines[j].clean or FILE_SUFFIX_RE.search(line.clean):
        return title, line.index
    nxt = clean_title(lines[j].clean)
    if not nxt or NOTE_LINE_RE.fullmatch(nxt):
        return title, line.index
    after = lines[j + 1].clean if j + 1 < end else ""
    first_word = nxt.split()[0]
    continues = is_title_like(nxt) or first_word in STOPWORDS or title.split()[-1] in STOPWORDS
    if (
        continues
        and nxt[-1] not in ".;:!?,"
        and not bad_title(nxt)
        and not SECTION_RE.fullmatch(nxt)
        and not HEADER_LABEL_RE.fullmatch(nxt)
        and not OWN_NUMBER_RE.fullmatch(nxt)
        and not INLINE_RE.fullmatch(nxt)
        and (blank_after(lines, j) or SECTION_RE.fullmatch(after) or NOTE_LINE_RE.fullmatch(after))
        and len(title) + len(nxt) < MAX_TITLE_CHARS
    ):
        return clean_title(f"{title} {nxt}"), j
    return title, line.index
