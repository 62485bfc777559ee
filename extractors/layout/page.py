"""Page layout of a ModernGov page's text: kind, header facts and the character span of each item.

Pure and total: odd text gives a PageLayout with fewer (or no) items, never an exception.
Each page kind is read by its own module; list pages (agendas, minutes) by the numbered,
flattened and unnumbered heading finders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.layout.attendance import attendance_lines
from extractors.layout.decision import is_decision_page, read_decision
from extractors.layout.flattened import find_flattened
from extractors.layout.header import Header, read_header
from extractors.layout.issue import read_issue
from extractors.layout.item_page import read_item_page
from extractors.layout.lines import Line, split_lines
from extractors.layout.meeting import MeetingFacts
from extractors.layout.numbered import find_numbered
from extractors.layout.titles import Heading
from extractors.layout.unnumbered import find_unnumbered

# "The  ...  view the full minutes text for item 283." closes a shortened text (a recorded
# vote table may still follow it on the page).
TRUNCATED_RE = re.compile(
    r"view the full (?:minutes|decisions?|[a-z]+) text for item\s*[\w/.()]*\s*\|?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class ItemSpan:
    """One agenda item: its order, printed number, title and slice of the page text."""

    seq: int
    number: str | None
    title: str
    start_char: int
    end_char: int
    truncated: bool


@dataclass(frozen=True)
class PageLayout:
    """What a page is and where its items are; offsets refer to the normalised page text."""

    page_kind: str
    title: str | None
    committee: str | None
    header_date_text: str | None
    header_end: int
    items: tuple[ItemSpan, ...]
    # "cancelled", "postponed", ... when the header says so.
    status: str | None = None
    # The kind of a non-meeting page ("meeting calendar") its title names, else None.
    not_meeting: str | None = None


def parse_page(text: str) -> PageLayout:
    """Find the page kind, header facts and agenda items of a page's normalised text."""
    lines = split_lines(text)
    header = read_header(lines)
    kind = header.page_kind
    if kind == "unknown" and header.non_meeting is None and is_decision_page(lines):
        kind = "decision"
    headings, meeting = read_kind(lines, text, header, kind)
    committee, date_text = header.committee, header.date_text
    if meeting is not None and kind == "agenda_item":
        # An item page's header, when it has one, names the meeting; else its "Meeting:" line.
        committee, date_text = committee or meeting.committee, date_text or meeting.date_text
    elif meeting is not None:
        # A decision's meeting and an issue's first occurrence are the page's meeting.
        committee, date_text = meeting.committee or committee, meeting.date_text or date_text
    items = build_items(lines, text, header, headings)
    return PageLayout(
        page_kind=kind,
        title=header.title,
        committee=committee,
        header_date_text=date_text,
        header_end=items[0].start_char if items else len(text),
        items=items,
        status=header.status,
        not_meeting=header.non_meeting,
    )


def read_kind(
    lines: list[Line], text: str, header: Header, kind: str
) -> tuple[list[Heading], MeetingFacts | None]:
    """The item headings of the page's kind, and the meeting its own lines name (if any)."""
    if kind == "decision":
        headings, meeting = read_decision(lines, header.title_line + 1, header.area_end)
        return headings, meeting
    if kind == "issue_history":
        headings, meeting = read_issue(lines, header.title_line, header.area_end)
        return headings or find_list_headings(lines, text, header), meeting
    if kind == "agenda_item":
        return read_item_page(lines, header.area_start, header.area_end)
    return find_list_headings(lines, text, header), None


def find_list_headings(lines: list[Line], text: str, header: Header) -> list[Heading]:
    """Item headings of a list page: flattened rows, else numbered, else title-like lines."""
    start, end = header.area_start, header.area_end
    skip = frozenset(attendance_lines(lines, start, end))
    return (
        find_flattened(lines, text, start, end, skip)
        or find_numbered(lines, start, end, skip)
        or find_unnumbered(lines, text, start, end, skip)
    )


def build_items(
    lines: list[Line], text: str, header: Header, headings: list[Heading]
) -> tuple[ItemSpan, ...]:
    """Character spans from headings: each runs to the next heading or the end of the items."""
    area_end = lines[header.area_end - 1].end if header.area_end > 0 else 0
    items = []
    for seq, heading in enumerate(headings, start=1):
        start = lines[heading.line].start
        stop = lines[headings[seq].line].start if seq < len(headings) else area_end
        end = start + len(text[start:stop].rstrip())
        if end <= start:
            continue
        truncated = TRUNCATED_RE.search(text[start:end]) is not None
        items.append(ItemSpan(len(items) + 1, heading.number, heading.title, start, end, truncated))
    return tuple(items)
