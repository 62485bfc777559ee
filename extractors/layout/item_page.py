"""Agenda item pages (mgAi.aspx): one item, maybe its number, and the meeting it belongs to.

The item's title is the first content line under the page title (its number may stand
above it, or only in "(Agenda item 5)" or the "Meeting: 14/03/2019 - Cabinet (Item 41)" line).
"""

from __future__ import annotations

from extractors.layout.lines import Line
from extractors.layout.meeting import MEETING_LINE_RE, MeetingFacts
from extractors.layout.titles import (
    INLINE_RE,
    OWN_NUMBER_RE,
    Heading,
    clean_title,
    number_in_title,
    strip_time,
    wrapped_title,
)
from extractors.layout.vocab import SECTION_RE


def meeting_of_item(lines: list[Line]) -> MeetingFacts | None:
    """The meeting the page's "Meeting:" line names, with the item's number there."""
    for line in lines:
        match = MEETING_LINE_RE.fullmatch(line.clean) if line.clean else None
        if match:
            committee = match["committee"].strip() or None
            return MeetingFacts(committee, match["date"], None, match["number"])
    return None


def read_item_page(
    lines: list[Line], start: int, end: int
) -> tuple[list[Heading], MeetingFacts | None]:
    """The one item of an "Agenda item" page and the meeting it was on."""
    meeting = meeting_of_item(lines)
    content = [
        ln for ln in lines[start:end] if ln.clean and not MEETING_LINE_RE.fullmatch(ln.clean)
    ]
    if not content:
        return [], meeting
    first, number = content[0], None
    text = strip_time(first.clean)
    title_line = first
    own = OWN_NUMBER_RE.fullmatch(text)
    if own and len(content) > 1 and not SECTION_RE.fullmatch(content[1].clean):
        number, title_line = own["number"], content[1]
        text = title_line.clean
    elif inline := INLINE_RE.fullmatch(text):
        number, text = inline["number"], inline["title"]
    title = clean_title(text)
    # "Minutes" can title the item ("Minutes of the last meeting"); "Minutes:" is a label.
    if not title or (title.endswith(":") and SECTION_RE.fullmatch(title)):
        return [], meeting
    title, _ = wrapped_title(lines, title_line, title, end)
    number = number or number_in_title(title) or (meeting.number if meeting else None)
    return [Heading(first.index, number, title)], meeting
