"""Issue history pages ("Issue - meetings"): one issue, considered at one meeting or several.

Each "Meeting: 14/03/2019 - Cabinet (Item 41)" line is an occurrence of the issue at a
meeting, not an item: the item is the issue, under the number that meeting printed (41),
once per occurrence. The page's meeting is its first occurrence.
"""

from __future__ import annotations

from extractors.layout.lines import Line, next_content
from extractors.layout.meeting import MEETING_LINE_RE, MeetingFacts
from extractors.layout.titles import INLINE_RE, Heading, bad_title, clean_title
from extractors.layout.vocab import SECTION_RE


def issue_title(lines: list[Line], start: int, end: int) -> str | None:
    """The issue's title: the first content line under the page title, before any meeting."""
    first = next_content(lines, start - 1, end)
    if first is None or MEETING_LINE_RE.fullmatch(first.clean) or bad_title(first.clean):
        return None
    return clean_title(first.clean) or None


def row_title(lines: list[Line], meeting: Line, number: str | None, end: int) -> str | None:
    """The title on the agenda row under a "Meeting:" line ("41 Title pdf icon PDF 1 MB")."""
    row = next_content(lines, meeting.index, end)
    if row is None or MEETING_LINE_RE.fullmatch(row.clean) or SECTION_RE.fullmatch(row.clean):
        return None
    inline = INLINE_RE.fullmatch(row.clean)
    if inline and (number is None or inline["number"] == number):
        return clean_title(inline["title"]) or None
    cleaned = clean_title(row.clean)
    # Without a number the row is a heading only when it shows its attachment link.
    return cleaned if cleaned and cleaned != row.clean else None


def read_issue(
    lines: list[Line], title_index: int, end: int
) -> tuple[list[Heading], MeetingFacts | None]:
    """One item per occurrence of the issue, and the first occurrence's meeting."""
    title = issue_title(lines, title_index + 1, end)
    headings, first = [], None
    for line in lines[max(title_index, 0) : end]:
        match = MEETING_LINE_RE.fullmatch(line.clean) if line.clean else None
        if not match:
            continue
        number = match["number"]
        heading_title = title or row_title(lines, line, number, end) or line.clean
        headings.append(Heading(line.index, number, heading_title))
        if first is None:
            first = MeetingFacts(match["committee"].strip() or None, match["date"])
    return headings, first
