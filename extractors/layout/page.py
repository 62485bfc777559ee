"""Page layout of a ModernGov page's text: kind, header facts and the character span of each item.

Pure and total: odd text gives a PageLayout with fewer (or no) items, never an exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.layout.header import MEETING_LINE_RE, Header, Line, read_header, split_lines
from extractors.layout.items import (
    INLINE_RE,
    OWN_NUMBER_RE,
    Heading,
    clean_title,
    find_flattened,
    find_numbered,
    find_unnumbered,
    next_content,
    number_in_title,
    strip_time,
)
from extractors.layout.vocab import SECTION_RE

# "The  ...  view the full minutes text for item 283." closes a shortened item.
TRUNCATED_RE = re.compile(
    r"view the full (?:minutes|decisions?|[a-z]+) text for item\s*[\w/.]*\s*\|?\s*$", re.IGNORECASE
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


def parse_page(text: str) -> PageLayout:
    """Find the page kind, header facts and agenda items of a page's normalised text."""
    lines = split_lines(text)
    header = read_header(lines)
    if header.page_kind == "issue_history":
        headings = find_meeting_headings(lines, header) or find_headings(lines, text, header)
    elif header.page_kind == "agenda_item":
        headings = find_single_heading(lines, header)
    else:
        headings = find_headings(lines, text, header)
    items = build_items(lines, text, header, headings)
    return PageLayout(
        page_kind=header.page_kind,
        title=header.title,
        committee=header.committee,
        header_date_text=header.date_text,
        header_end=items[0].start_char if items else len(text),
        items=items,
    )


def find_headings(lines: list[Line], text: str, header: Header) -> list[Heading]:
    """Item headings of a list page: flattened rows, else numbered, else title-like lines."""
    start, end = header.area_start, header.area_end
    return (
        find_flattened(lines, text, start, end)
        or find_numbered(lines, start, end)
        or find_unnumbered(lines, text, start, end)
    )


def find_single_heading(lines: list[Line], header: Header) -> list[Heading]:
    """The one item of an "Agenda item" page: its first content line (number maybe above it)."""
    content = [ln for ln in lines[header.area_start : header.area_end] if ln.clean]
    content = [ln for ln in content if not MEETING_LINE_RE.fullmatch(ln.clean)]
    if not content:
        return []
    first, number = content[0], None
    text = strip_time(first.clean)
    own = OWN_NUMBER_RE.fullmatch(text)
    if own and len(content) > 1 and not SECTION_RE.fullmatch(content[1].clean):
        number, text = own["number"], content[1].clean
    elif inline := INLINE_RE.fullmatch(text):
        number, text = inline["number"], inline["title"]
    title = clean_title(text)
    if not title or SECTION_RE.fullmatch(title):
        return []
    number = number or number_in_title(title) or _meeting_item_number(lines)
    return [Heading(first.index, number, title)]


def _meeting_item_number(lines: list[Line]) -> str | None:
    """The "(Item 41)" number of the page's "Meeting:" line, if any."""
    for line in lines:
        match = MEETING_LINE_RE.fullmatch(line.clean)
        if match and match["number"]:
            return match["number"]
    return None


def find_meeting_headings(lines: list[Line], header: Header) -> list[Heading]:
    """Items of an "Issue - meetings" page: one per "Meeting: dd/mm/yyyy - ... (Item N)" line."""
    headings = []
    # From the top: a "Meeting:" line right under the title looks like a header line.
    for line in lines[: header.area_end]:
        match = MEETING_LINE_RE.fullmatch(line.clean)
        if not match:
            continue
        number, title = match["number"], line.clean
        row = next_content(lines, line.index, header.area_end)
        if row is not None and not MEETING_LINE_RE.fullmatch(row.clean):
            # The item's own heading row ("41 Kent Children's Services pdf icon PDF 1 MB").
            inline = INLINE_RE.fullmatch(row.clean)
            cleaned = clean_title(inline["title"] if inline else row.clean)
            if inline and cleaned and (number is None or inline["number"] == number):
                number, title = inline["number"], cleaned
            elif cleaned and cleaned != row.clean and not SECTION_RE.fullmatch(row.clean):
                # A heading row without a number still shows its attachment link.
                title = cleaned
        headings.append(Heading(line.index, number, title))
    return headings


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
        truncated = TRUNCATED_RE.search(text[start:end]) is not None
        items.append(ItemSpan(seq, heading.number, heading.title, start, end, truncated))
    return tuple(items)
