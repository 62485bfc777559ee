"""The header of a ModernGov page: title and kind, committee, meeting date text, items area."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from extractors.layout.vocab import FOOTER_RE, HEADER_LABEL_RE, SECTION_RE, TITLE_RES

WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
TIME = r"(?:\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?|\d{1,2}[.:]\d{2}|noon|midday)"
LONG_DATE = (
    rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
)
NUMERIC_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"
HEADER_DATE = rf"(?:{LONG_DATE}|{NUMERIC_DATE})(?:,?\s+(?:at\s+)?{TIME})?"
DASH = r"\s+[-\u2013\u2014]\s+"

DATE_LINE_RE = re.compile(rf"(?P<date>{HEADER_DATE})", re.IGNORECASE)
ONE_LINE_HEADER_RE = re.compile(rf"(?P<committee>\S.*?){DASH}(?P<date>{HEADER_DATE})", re.I)
DATE_LABEL_RE = re.compile(rf"date(?: and time| & time)?\s*:\s*(?P<date>{HEADER_DATE}).*", re.I)
# "Meeting: 14/03/2019 - Children and Young People Select Committee (Item 41)"
MEETING_LINE_RE = re.compile(
    rf"meeting\s*:\s*(?P<date>{HEADER_DATE})\s*[-\u2013\u2014]\s*(?P<committee>.*?)"
    r"(?:\s*\((?:agenda\s+)?item\s+(?P<number>[\w/]+)\.?\))?\s*",
    re.IGNORECASE,
)
BREADCRUMB_RE = re.compile(r".+?\s+[-\u2013\u2014>|]\s+(?P<title>[^-\u2013\u2014>|]+)")
# A bare item number ("279.", "23/5"): the items have begun, so no page title follows.
BARE_NUMBER_RE = re.compile(r"\d{1,4}(?:/\d{1,4})?[a-z]?\.?", re.IGNORECASE)
ITEMS_HEADER_WORDS = {"items", "item", "no", "no.", "number", "time", "title", "subject", "page"}
# How far down the page the title and header lines are looked for (non-blank lines).
HEADER_SCAN = 12


class Line(NamedTuple):
    """One line of the page: its offsets (end excludes the newline) and stripped text."""

    index: int
    start: int
    end: int
    clean: str


@dataclass(frozen=True)
class Header:
    """What the top of the page says, and where its items area lies (line indexes)."""

    title: str | None
    page_kind: str
    committee: str | None
    date_text: str | None
    area_start: int
    area_end: int


def split_lines(text: str) -> list[Line]:
    """The page's lines with their character offsets."""
    lines, start = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(Line(index, start, start + len(raw), " ".join(raw.split())))
        start += len(raw) + 1
    return lines


def kind_of_title(line: str) -> str | None:
    """The page kind a title line names, or None when it is not a page title."""
    for regex, kind in TITLE_RES:
        if regex.fullmatch(line):
            return kind
    return None


def is_items_header(line: str) -> bool:
    """True for the agenda table's column header ("Items", "No. Item", "Time No. Item")."""
    words = line.lower().split()
    return (
        0 < len(words) <= 4
        and set(words) <= ITEMS_HEADER_WORDS
        and bool({"item", "items"} & set(words))
    )


def is_date_line(line: str) -> bool:
    """True for a line that is only a meeting date (and time)."""
    return DATE_LINE_RE.fullmatch(line) is not None


def is_header_line(line: str) -> bool:
    """True for lines that belong to a page header: labels, dates, the items table header."""
    return bool(
        HEADER_LABEL_RE.fullmatch(line)
        or is_date_line(line)
        or ONE_LINE_HEADER_RE.fullmatch(line)
        or is_items_header(line)
    )


def find_title(lines: list[Line]) -> tuple[str | None, str, int]:
    """The page title, its kind and its line index (-1 when the page shows none)."""
    seen, crumb = 0, None
    for line in lines:
        if not line.clean:
            continue
        if BARE_NUMBER_RE.fullmatch(line.clean) or is_items_header(line.clean):
            break
        kind = kind_of_title(line.clean)
        if kind:
            return line.clean, kind, line.index
        match = BREADCRUMB_RE.fullmatch(line.clean)
        if crumb is None and match and kind_of_title(match["title"].strip()):
            crumb = (match["title"].strip(), kind_of_title(match["title"].strip()), line.index)
        seen += 1
        if seen >= HEADER_SCAN:
            break
    return crumb if crumb else (None, "unknown", -1)


def find_committee_date(lines: list[Line], stop: int) -> tuple[str | None, str | None]:
    """Committee and raw date text from the header lines before line index ``stop``."""
    content = [ln for ln in lines[:stop] if ln.clean][: HEADER_SCAN + 4]
    for pos, line in enumerate(content):
        meeting = MEETING_LINE_RE.fullmatch(line.clean)
        if meeting:
            return meeting["committee"].strip() or None, meeting["date"]
        one_line = ONE_LINE_HEADER_RE.fullmatch(line.clean)
        if one_line and not (
            kind_of_title(one_line["committee"]) or HEADER_LABEL_RE.fullmatch(one_line["committee"])
        ):
            return one_line["committee"].strip(), one_line["date"]
        labelled = DATE_LABEL_RE.fullmatch(line.clean)
        if labelled:
            return None, labelled["date"]
        if is_date_line(line.clean):
            prev = content[pos - 1].clean if pos else ""
            is_committee = prev and not (
                kind_of_title(prev) or is_header_line(prev) or BREADCRUMB_RE.fullmatch(prev)
            )
            return (prev if is_committee and len(prev) < 150 else None), line.clean
    return None, None


def find_area_start(lines: list[Line], title_index: int) -> int:
    """Index of the first line of the items area (after the items header or header lines)."""
    content = [ln for ln in lines[title_index + 1 :] if ln.clean]
    for line in content[: HEADER_SCAN * 2]:
        if is_items_header(line.clean):
            return line.index + 1
        if SECTION_RE.fullmatch(line.clean):
            break
    start = title_index + 1
    for pos, line in enumerate(content):
        nxt = content[pos + 1].clean if pos + 1 < len(content) else ""
        if is_header_line(line.clean) or (is_date_line(nxt) and not is_header_line(line.clean)):
            start = line.index + 1
            continue
        if pos == 0 and title_index < 0 and BREADCRUMB_RE.fullmatch(line.clean):
            start = line.index + 1
            continue
        break
    return start


def find_area_end(lines: list[Line], start: int) -> int:
    """Index just past the items area: the first page-chrome line after ``start``."""
    for line in lines[start:]:
        if line.clean and FOOTER_RE.fullmatch(line.clean):
            return line.index
    return len(lines)


def read_header(lines: list[Line]) -> Header:
    """Title, kind, committee, date text and the items area of a page."""
    title, kind, title_index = find_title(lines)
    start = find_area_start(lines, title_index)
    committee, date_text = find_committee_date(lines, start)
    if date_text is None and kind in ("agenda_item", "issue_history"):
        # These pages name the meeting in a "Meeting:" line below the item title.
        meeting = next((m for ln in lines if (m := MEETING_LINE_RE.fullmatch(ln.clean))), None)
        if meeting:
            committee, date_text = meeting["committee"].strip() or None, meeting["date"]
    return Header(title, kind, committee, date_text, start, find_area_end(lines, start))
