"""ModernGov web-service `GetMeeting` XML -> page text like a browser's agenda page, plus facts.

The layout parser then finds the header ("Committee - Tuesday, 10th February,
2026 10.00 am") and the numbered items exactly as on a saved text page. What the
answer states outright (meeting id, date, status, committee, attendees) comes back as
structured facts, so ingest does not read it back from the text.

Escaping: sites HTML-encode plain fields and then XML-encode the result
(`Members&amp;#39;`), and send bodies as HTML escaped once for XML. The XML parser
undoes the XML layer; plain fields are then HTML-unescaped once, and bodies are
parsed as HTML (which decodes their entities once). Nothing is unescaped twice.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from extractors.common.errors import MalformedPageError, NotAMeetingPageError
from extractors.dates.scan import parse_date_text
from extractors.people.names import load_name_vocab
from extractors.readers.html import html_to_text

TRUE = "true"
# Roots of the other web-service answers a raw folder may hold by mistake.
OTHER_ANSWERS = {
    "getmeetings": "a GetMeetings answer",
    "committees": "a GetCommittees answer",
    "attachment": "a GetAttachment answer",
    "html": "an HTML page",
}
# An item's outcome sections, in the order a ModernGov page shows them.
SECTIONS = (("Decision:", "decisionnonemptyhtmlbody"), ("Minutes:", "minutesnonemptyhtmlbody"))
# Words that may come before "Councillor" in a title ("County Councillor Jane Smith").
COUNCILLOR_PREFIXES = ("County", "City", "Borough", "District", "Town", "Parish")


@dataclass(frozen=True)
class AnswerFacts:
    """What a GetMeeting answer states about its meeting."""

    meeting_id: str | None
    committee: str | None
    meeting_date: date | None
    status: str | None
    minutes_published: bool


@dataclass(frozen=True)
class Attendee:
    """One `attendees/attendee` of a GetMeeting answer, as written (honorific split off)."""

    seq: int
    name: str
    honorific: str | None
    member_id: str | None
    role: str | None
    key_posts: str | None
    attendance: str
    party: str | None
    ward: str | None


@dataclass(frozen=True)
class MeetingPage:
    """The page text of a GetMeeting answer and the facts it states."""

    text: str
    facts: AnswerFacts
    attendees: tuple[Attendee, ...]


def read_meeting_xml(data: bytes, source: str) -> MeetingPage:
    """The text of a GetMeeting answer (header, attendance, items) and its facts."""
    meeting = parse_meeting_root(data, source)
    # The answer names no committee of its own: a linked document's committee is the
    # meeting's; an item's "refer to" committee usually is, but may be where it goes next.
    committee = first_plain(meeting, ".//linkeddoc/committeetitle", ".//refertocommittee") or None
    day = parse_date_text(plain(meeting, "meetingdate"))  # dd/mm/yyyy, day first
    status = plain(meeting, "meetingstatus") or None
    items = [item_lines(item, source) for item in meeting.iterfind("agendaitems/agendaitem")]
    # Any minutes or decision makes it the "Agenda and minutes" page; else the agenda alone.
    kind = "Agenda and minutes" if any(outcome for _, outcome in items) else "Agenda"
    when = header_date(day, plain(meeting, "meetingtime")) or plain(meeting, "meetingdate")
    lines = [
        f"Agendas, Meetings and Minutes - {kind}",
        "",
        f"{committee or 'Meeting'} - {when}",
        "",
    ]
    if venue := plain(meeting, "meetinglocation"):
        lines += [f"Venue: {venue}", ""]
    if status:
        lines += [f"Status: {status}", ""]
    attendees = read_attendees(meeting)
    lines += attendance_lines(attendees)
    lines += ["Items", "No.\tItem", ""]
    for item, _ in items:
        lines += item
    facts = AnswerFacts(
        meeting_id=plain(meeting, "meetingid") or None,
        committee=committee,
        meeting_date=day,
        status=status,
        minutes_published=plain(meeting, "minutepublished").lower() == TRUE,
    )
    return MeetingPage("\n".join(lines).rstrip() + "\n", facts, attendees)


def parse_meeting_root(data: bytes, source: str) -> Element:
    """The <meeting> root, without DTDs or entities; other answers are NotAMeetingPageError."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise MalformedPageError(
            f"{source}: expected GetMeeting XML without DTD or entities: {exc!r}"
        ) from exc
    except ParseError as exc:
        raise MalformedPageError(f"{source}: expected well-formed GetMeeting XML: {exc}") from exc
    if root.tag != "meeting":
        what = OTHER_ANSWERS.get(root.tag.lower(), f"a <{root.tag}> document")
        raise NotAMeetingPageError(
            f"{source}: not a meeting page: {what} (<{root.tag}>), "
            "expected a GetMeeting answer (<meeting>)"
        )
    return root


def plain(node: Element, path: str) -> str:
    """A plain text field: XML-decoded by the parser, HTML-unescaped once here, stripped."""
    found = node.find(path)
    return html_lib.unescape(found.text or "").strip() if found is not None else ""


def first_plain(node: Element, *paths: str) -> str:
    """The first non-empty plain field among several paths."""
    return next((v for v in (plain(node, p) for p in paths) if v), "")


def attribute(node: Element, name: str) -> str | None:
    """A plain attribute value (HTML-unescaped once), None when absent or blank."""
    return html_lib.unescape(node.get(name) or "").strip() or None


def body(item: Element, tag: str, source: str) -> str:
    """An escaped-HTML body as the text a browser shows ('' when it shows none)."""
    found = item.find(tag)
    if found is None or not (found.text or "").strip():
        return ""
    try:
        return html_to_text(found.text or "", source).strip()
    except MalformedPageError:  # markup with no visible text (an empty paragraph)
        return ""


def header_date(day: date | None, time: str) -> str:
    """ModernGov's header style: "Tuesday, 10th February, 2026 10.00 am"."""
    if day is None:
        return ""
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day:%A}, {day.day}{suffix} {day:%B}, {day.year} {time}".strip()


def split_honorific(name: str) -> tuple[str | None, str]:
    """("Councillor", "Jeremy Hilton") from "Councillor Jeremy Hilton"; (None, name) without one."""
    honorifics = load_name_vocab().honorifics
    words = name.split()
    taken = 0
    while taken < len(words) - 1:
        word = words[taken].rstrip(".")
        before_councillor = word in COUNCILLOR_PREFIXES and words[taken + 1] == "Councillor"
        if word not in honorifics and not before_councillor:
            break
        taken += 1
    return (" ".join(words[:taken]) or None), " ".join(words[taken:])


def read_attendees(meeting: Element) -> tuple[Attendee, ...]:
    """The attendees with their role, attendance, party and ward, in the answer's order."""
    rows = []
    for person in meeting.iterfind("attendees/attendee"):
        written = attribute(person, "name")
        if not written:
            continue
        honorific, name = split_honorific(written)
        rows.append(
            Attendee(
                seq=len(rows) + 1,
                name=name,
                honorific=honorific,
                member_id=attribute(person, "memberid"),
                role=attribute(person, "roledescription"),
                key_posts=attribute(person, "keyposts"),
                attendance=attribute(person, "attendance") or "",
                party=attribute(person, "politicalparty"),
                ward=attribute(person, "ward"),
            )
        )
    return tuple(rows)


def attendance_lines(attendees: tuple[Attendee, ...]) -> list[str]:
    """An "Attendance" block of "Name - Role (attendance)" lines before the items."""
    rows = []
    for person in attendees:
        name = f"{person.honorific} {person.name}" if person.honorific else person.name
        role = f" - {person.role}" if person.role else ""
        rows.append(name + role + (f" ({person.attendance})" if person.attendance else ""))
    return ["Attendance:", *rows, ""] if rows else []


def item_lines(item: Element, source: str) -> tuple[list[str], bool]:
    """One agenda item's lines (number, title, agenda text, decision, minutes, documents),
    and whether it has a decision or minutes. A restricted item keeps its number and title.
    """
    number = plain(item, "fulldisplaynumberformat")
    lines = [f"{number}\t" if number else "", plain(item, "agendaitemtitle") or "Untitled item", ""]
    if plain(item, "isrestricted").lower() == TRUE:
        return lines, False
    if agenda := body(item, "agendatext", source):
        lines += [agenda, ""]
    outcome = False
    for label, tag in SECTIONS:
        if text := body(item, tag, source):
            lines += [label, "", text, ""]
            outcome = True
    documents = [
        plain(doc, "title")
        for doc in item.iterfind("linkeddocuments/linkeddoc")
        if plain(doc, "isrestricted").lower() != TRUE
    ]
    if any(documents):
        lines += ["Supporting documents:", "", *[d for d in documents if d], ""]
    return lines, outcome
