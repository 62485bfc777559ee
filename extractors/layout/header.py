"""The header of a ModernGov page: title and kind, committee, date text, status, items area."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from extractors.layout.lines import Line, next_content, split_lines
from extractors.layout.meeting import (
    COMMITTEE_LABEL_RE,
    MeetingFacts,
    date_line,
    read_meeting_line,
    read_printed_opening,
    status_line,
)
from extractors.layout.vocab import (
    FOOTER_RE,
    HEADER_LABEL_RE,
    SECTION_RE,
    TITLE_RES,
    is_items_header,
    non_meeting_title,
)

BREADCRUMB_RE = re.compile(r".+?\s+[-\u2013\u2014>|/]\s+(?P<title>[^-\u2013\u2014>|/]+)")
# A bare item number ("279.", "23/5", "D14/23"): the items have begun, so no page title follows.
BARE_NUMBER_RE = re.compile(r"[A-Z]{0,5}\d{1,4}(?:[/.]\d{1,4})?[a-z]?[.)]?", re.IGNORECASE)
# "1. Apologies", "784 NOTICE OF RECORDING": a numbered heading line.
NUMBERED_LINE_RE = re.compile(r"[A-Z]{0,5}\d{1,4}(?:/\d{1,4})?[.)]?\s+[A-Z]")
# How far down the page the title is looked for (non-blank lines; site menus come first).
TITLE_SCAN = 40
# Kinds of page whose title is followed by the title of their one item, issue or decision.
SINGLE_KINDS = ("agenda_item", "issue_history", "decision")
# Longest line of a site menu or breadcrumb above the title (words).
MENU_WORDS = 8
# How far below the title the committee and date are looked for (non-blank lines).
HEADER_SCAN = 12
# Printed minutes start their opening sentence like this; it may wrap over a few lines.
OPENING_START_RE = re.compile(
    r"(?:(?:draft|confirmed|unconfirmed)\s+)?minutes\s+of\b|at\s+a\b", re.IGNORECASE
)


class Title(NamedTuple):
    """The page title line: its text, the page kind it names and the kind of a non-meeting page."""

    text: str | None
    kind: str
    index: int
    non_meeting: str | None = None


@dataclass(frozen=True)
class Header:
    """What the top of the page says, and where its items area lies (line indexes)."""

    title: str | None
    page_kind: str
    committee: str | None
    date_text: str | None
    status: str | None
    area_start: int
    area_end: int
    title_line: int = -1
    non_meeting: str | None = None


def kind_of_title(line: str) -> str | None:
    """The page kind a title line names, or None when it is not a page title."""
    for regex, kind in TITLE_RES:
        if regex.fullmatch(line):
            return kind
    return None


def is_header_line(line: str) -> bool:
    """True for lines that belong to a page header: labels, dates, the items table header."""
    return bool(
        HEADER_LABEL_RE.fullmatch(line)
        or read_meeting_line(line)
        or date_line(line)
        or is_items_header(line)
        or status_line(line)
    )


def title_of(line: str) -> Title | None:
    """The title a line is (directly or as a breadcrumb's last part), or None."""
    crumb = BREADCRUMB_RE.fullmatch(line)
    for text in (line, crumb["title"].strip() if crumb else None):
        if not text:
            continue
        kind = kind_of_title(text)
        if kind:
            return Title(text, kind, -1)
        other = non_meeting_title(text)
        if other:
            return Title(text, "unknown", -1, other)
    return None


def title_candidates(lines: list[Line]) -> list[tuple[Line, Title]]:
    """Lines near the top that could be the page title, up to where the items begin.

    A page has one title: a title-like line right under the title of a page of one item
    ("Agenda item" / "Minutes") is that item's, unless it repeats the title (a breadcrumb).
    """
    found: list[tuple[Line, Title]] = []
    seen, previous = 0, None
    for line in lines:
        if not line.clean:
            continue
        if BARE_NUMBER_RE.fullmatch(line.clean) or is_items_header(line.clean):
            break
        title = title_of(line.clean)
        under = found[-1][1] if found and previous is found[-1][0] else None
        if title and not (under and under.kind in SINGLE_KINDS and under.text != title.text):
            found.append((line, title._replace(index=line.index)))
        previous = line
        seen += 1
        if seen >= TITLE_SCAN:
            break
    return found


def find_title(lines: list[Line]) -> Title:
    """The page title: the first one a meeting header follows, else the last one above the text.

    Site menus come before the page's own title and may hold title words ("Calendar",
    "Decisions"); below the first text line a lone "Minutes" heads an item, not the page.
    """
    found = title_candidates(lines)
    chrome_until = first_prose_line(lines)
    for line, title in found:
        after = next_content(lines, line.index, len(lines))
        if after is not None and is_header_line(after.clean):
            return title
    above_text = [title for line, title in found if line.index <= chrome_until]
    return above_text[-1] if above_text else Title(None, "unknown", -1)


def first_prose_line(lines: list[Line]) -> int:
    """Index of the first line that reads as text rather than menu, breadcrumb or title."""
    for line in lines:
        text = line.clean
        if text and (len(text.split()) > MENU_WORDS or text[-1] in ".;!?"):
            return line.index
    return len(lines)


def non_meeting_kind(text: str) -> str | None:
    """The kind of non-meeting page the text's title names ("meeting calendar"), or None."""
    return find_title(split_lines(text)).non_meeting


def find_meeting(
    lines: list[Line], start: int, stop: int, *, openings_only: bool = False
) -> tuple[MeetingFacts, int]:
    """Committee, date text and status of the header lines in [start, stop), and their line.

    The line index is that of the last line that said them (-1 when none did).
    """
    content = [ln for ln in lines[start:stop] if ln.clean][: HEADER_SCAN + 4]
    committee_label, last = None, -1
    for pos, line in enumerate(content):
        opening = printed_opening(content, pos)
        if opening:
            return opening
        if openings_only:
            continue
        facts = read_meeting_line(line.clean) or date_line(line.clean)
        if facts and not (facts.committee and title_of(facts.committee)):
            committee = facts.committee
            if committee and HEADER_LABEL_RE.fullmatch(committee):
                committee = None
            # A date under the committee's own line: "Cabinet" / "Tuesday 3 March 2020".
            prev = content[pos - 1].clean if pos else ""
            committee = committee or committee_label or (prev if is_committee(prev) else None)
            return facts._replace(committee=committee), line.index
        labelled = COMMITTEE_LABEL_RE.fullmatch(line.clean)
        if labelled and committee_label is None:
            committee_label, last = labelled["committee"].strip(), line.index
    return MeetingFacts(committee_label, None), last


def is_committee(line: str) -> bool:
    """True for a line that can name the committee above a date line."""
    return (
        bool(line)
        and len(line) < 150
        and not (title_of(line) or is_header_line(line) or BREADCRUMB_RE.fullmatch(line))
    )


def find_status(lines: list[Line], start: int, stop: int) -> str | None:
    """The meeting's status (cancelled, postponed ...) as its header lines state it."""
    for line in [ln for ln in lines[start:stop] if ln.clean][: HEADER_SCAN + 4]:
        facts = read_meeting_line(line.clean) or date_line(line.clean)
        status = (facts.status if facts else None) or status_line(line.clean)
        if status:
            return status
    return None


def printed_opening(content: list[Line], pos: int) -> tuple[MeetingFacts, int] | None:
    """Printed minutes' opening sentence from content[pos] (it may wrap), and its last line."""
    if not OPENING_START_RE.match(content[pos].clean):
        return None
    for size in range(1, 6):
        window = content[pos : pos + size]
        opening = read_printed_opening(" ".join(ln.clean for ln in window))
        if opening:
            return opening, window[-1].index
    return None


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
        # A committee line is header when a bare or labelled date follows it.
        dated = date_line(nxt) or read_meeting_line(nxt)
        undated_committee = dated is not None and dated.committee is None
        if is_header_line(line.clean) or (undated_committee and not is_header_line(line.clean)):
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


def items_begin(lines: list[Line], start: int) -> int:
    """Index of the first line from ``start`` that looks like an item heading or the item list."""
    for line in lines[start:]:
        text = line.clean
        if text and (
            BARE_NUMBER_RE.fullmatch(text) or is_items_header(text) or NUMBERED_LINE_RE.match(text)
        ):
            return line.index
    return len(lines)


def read_header(lines: list[Line]) -> Header:
    """Title, kind, committee, date text, status and the items area of a page."""
    title = find_title(lines)
    top = max(title.index, 0)
    start = find_area_start(lines, title.index)
    facts, _ = find_meeting(lines, top, start)
    if facts.date_text is None:
        # Printed minutes name the meeting in their opening sentence, maybe under the
        # council's name and without any page title.
        opened, opened_last = find_meeting(lines, top, items_begin(lines, top), openings_only=True)
        if opened.date_text and opened.committee:
            facts, start = opened, max(start, opened_last + 1)
    return Header(
        title.text,
        title.kind,
        facts.committee,
        facts.date_text,
        find_status(lines, top, start),
        start,
        find_area_end(lines, start),
        title.index,
        title.non_meeting,
    )
