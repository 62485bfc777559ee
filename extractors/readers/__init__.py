"""One interface over the input formats: raw bytes of a page -> normalised page text (and facts)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING

from extractors.common.errors import EmptyPageError, NotAMeetingPageError, PageError
from extractors.common.text import decode_bytes, normalise_text
from extractors.layout import non_meeting_kind

if TYPE_CHECKING:
    from extractors.readers.xml import AnswerFacts, Attendee

# File suffix -> format name (vocab.FORMATS); anything else under raw/ is not a page.
SUFFIX_FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".xml": "xml"}


class UnsupportedFormatError(PageError):
    """The file's suffix is not a page format the pipeline reads."""


@dataclass(frozen=True)
class PageText:
    """A page's normalised text (all offsets refer to it), its input format, and for a
    web-service answer what it states outright (meeting facts and attendees)."""

    text: str
    format: str
    meta: AnswerFacts | None = None
    attendance: tuple[Attendee, ...] = ()


def format_of(source: str) -> str:
    """The input format of a file from its suffix; raises UnsupportedFormatError."""
    suffix = PurePath(source).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise UnsupportedFormatError(f"{source}: expected one of {known}, got {suffix or 'none'!r}")
    return SUFFIX_FORMATS[suffix]


def read_page(data: bytes, source: str) -> PageText:
    """Decode and normalise one raw page of any supported format."""
    fmt = format_of(source)
    meta, attendance = None, ()
    if fmt == "xml":
        from extractors.readers.xml import read_meeting_xml

        meeting = read_meeting_xml(data, source)
        text, meta, attendance = meeting.text, meeting.facts, meeting.attendees
    elif fmt == "html":
        from extractors.readers.html import read_html_page

        text = read_html_page(decode_bytes(data, source), source)
    else:
        text = decode_bytes(data, source)
    text = normalise_text(text)
    if not text.strip():
        raise EmptyPageError(f"{source}: expected page text, the {fmt} file has none")
    # A saved calendar, committee or search page shows its kind in its title line.
    kind = non_meeting_kind(text) if fmt != "xml" else None
    if kind:
        raise NotAMeetingPageError(f"{source}: not a meeting page ({kind})")
    return PageText(text=text, format=fmt, meta=meta, attendance=attendance)
