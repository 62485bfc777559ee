"""The web-service calls a fetch makes and what their answers say.

`<site>/mgWebService.asmx/GetCommittees?lDays=0`, `GetMeetings?lCommitteeId=N&sFromDate=
dd/mm/yyyy&sToDate=dd/mm/yyyy` and `GetMeeting?lMeetingId=N`. Answers are parsed without
DTDs or entities; an HTML page, malformed or truncated XML, or another method's answer is
a named error naming the URL.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from moderngov.errors import MalformedXmlError, NotXmlError, UnexpectedAnswerError
from moderngov.registry import Council

# What an HTML page starts with (after a BOM and blank space): redirect stubs, error pages.
HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
TRUE = "true"


@dataclass(frozen=True)
class Committee:
    """A committee as GetCommittees lists it."""

    committee_id: int
    title: str
    deleted: bool = False
    expired: bool = False
    category: str | None = None


@dataclass(frozen=True)
class MeetingRef:
    """A meeting as GetMeetings lists it."""

    meeting_id: int
    committee_id: int
    meeting_date: date | None
    status: str | None = None


@dataclass(frozen=True)
class MeetingAnswer:
    """What the fetch needs to know of a GetMeeting answer."""

    meeting_id: int
    meeting_date: date | None
    status: str | None
    minutes_published: bool


def committees_url(council: Council) -> str:
    """GetCommittees for every committee (lDays=0)."""
    return f"{council.webservice}/GetCommittees?lDays=0"


def meetings_url(council: Council, committee_id: int, start: date, end: date) -> str:
    """GetMeetings of one committee between two dates (inclusive)."""
    query = urlencode(
        {"lCommitteeId": committee_id, "sFromDate": uk_date(start), "sToDate": uk_date(end)},
        safe="/",
    )
    return f"{council.webservice}/GetMeetings?{query}"


def meeting_url(council: Council, meeting_id: int) -> str:
    """GetMeeting of one meeting."""
    return f"{council.webservice}/GetMeeting?lMeetingId={meeting_id}"


def uk_date(day: date) -> str:
    """dd/mm/yyyy, as the service takes and gives dates."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def parse_uk_date(text: str | None) -> date | None:
    """A dd/mm/yyyy date, or None when the text is not one."""
    match = UK_DATE.fullmatch((text or "").strip())
    if not match:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def date_windows(since: date, until: date, days: int) -> Iterator[tuple[date, date]]:
    """Consecutive inclusive (start, end) windows of at most ``days`` days covering the range."""
    start = since
    while start <= until:
        end = min(until, start + timedelta(days=days - 1))
        yield start, end
        start = end + timedelta(days=1)


def parse_answer(data: bytes, url: str, root: str) -> Element:
    """The root element of an answer, or NotXmlError, MalformedXmlError, UnexpectedAnswerError."""
    if HTML_START.match(data[:4096]):
        raise NotXmlError(url, f"expected XML ({root}), the site answered with an HTML page")
    if not data.strip():
        raise MalformedXmlError(url, f"expected XML ({root}), the answer is empty")
    try:
        element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise MalformedXmlError(url, f"expected XML without DTD or entities: {exc!r}") from exc
    except ParseError as exc:
        raise MalformedXmlError(url, f"expected well-formed XML ({root}): {exc}") from exc
    if element.tag != root:
        raise UnexpectedAnswerError(url, f"expected a <{root}> answer, found <{element.tag}>")
    return element


def text_of(node: Element, path: str) -> str:
    """A child element's text, stripped ('' when absent); sites HTML-encode titles before
    XML-encoding them (`Children&amp;#39;s`), so the HTML layer is undone here, once."""
    found = node.find(path)
    return html.unescape(found.text or "").strip() if found is not None else ""


def parse_committees(data: bytes, url: str) -> list[Committee]:
    """The committees of a GetCommittees answer."""
    root = parse_answer(data, url, "committees")
    committees = []
    for node in root.iterfind("committee"):
        ident = text_of(node, "committeeid")
        if not ident.isdigit():
            continue
        committees.append(
            Committee(
                committee_id=int(ident),
                title=text_of(node, "committeetitle"),
                deleted=text_of(node, "committeedeleted").lower() == TRUE,
                expired=text_of(node, "committeeexpired").lower() == TRUE,
                category=text_of(node, "committeecategory") or None,
            )
        )
    return committees


def parse_meetings(data: bytes, url: str) -> list[MeetingRef]:
    """The meetings of a GetMeetings answer, with their committee."""
    root = parse_answer(data, url, "getmeetings")
    meetings = []
    for committee in root.iterfind("committee"):
        committee_id = text_of(committee, "committeeid")
        for node in committee.iterfind("committeemeetings/meeting"):
            ident = text_of(node, "meetingid")
            if not ident.isdigit() or not committee_id.isdigit():
                continue
            meetings.append(
                MeetingRef(
                    meeting_id=int(ident),
                    committee_id=int(committee_id),
                    meeting_date=parse_uk_date(text_of(node, "meetingdate")),
                    status=text_of(node, "meetingstatus") or None,
                )
            )
    return meetings


def parse_meeting(data: bytes, url: str, meeting_id: int) -> MeetingAnswer:
    """Check a GetMeeting answer is the meeting asked for; its date, status and minutes flag."""
    root = parse_answer(data, url, "meeting")
    found = text_of(root, "meetingid")
    if found != str(meeting_id):
        raise UnexpectedAnswerError(url, f"expected meeting {meeting_id}, found {found or 'none'}")
    return MeetingAnswer(
        meeting_id=meeting_id,
        meeting_date=parse_uk_date(text_of(root, "meetingdate")),
        status=text_of(root, "meetingstatus") or None,
        minutes_published=text_of(root, "minutepublished").lower() == TRUE,
    )
