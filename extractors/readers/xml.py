"""ModernGov web-service `GetMeeting` XML -> page text shaped like a browser's agenda page.

The layout parser then finds the header ("Committee - Tuesday, 10th February,
2026 10.00 am") and the numbered items exactly as on a saved text page.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from datetime import date

from extractors.common.errors import MalformedPageError
from extractors.readers.html import html_to_text

# Entity and DOCTYPE declarations can expand without bound ("billion laughs"); the
# web service never sends them, so a page that has them is refused.
DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def meeting_xml_to_text(data: bytes, source: str) -> str:
    """The text of a GetMeeting answer: header, attendance, then each item with its minutes."""
    if DECLARATION.search(data[:65536]):
        raise MalformedPageError(f"{source}: expected GetMeeting XML without DTD or entities")
    try:
        meeting = ET.fromstring(data)
    except ET.ParseError as exc:
        raise MalformedPageError(f"{source}: expected well-formed GetMeeting XML: {exc}") from exc
    if meeting.tag != "meeting":
        raise MalformedPageError(f"{source}: expected a <meeting> root, found <{meeting.tag}>")
    committee = first_text(meeting, ".//committeetitle", ".//refertocommittee") or "Meeting"
    when = header_date(value(meeting, "meetingdate"), value(meeting, "meetingtime"))
    lines = ["Agendas, Meetings and Minutes - Agenda and minutes", "", f"{committee} - {when}", ""]
    if venue := value(meeting, "meetinglocation"):
        lines += [f"Venue: {venue}", ""]
    lines += attendance_lines(meeting)
    lines += ["Items", "No.\tItem", ""]
    for item in meeting.iterfind("agendaitems/agendaitem"):
        lines += item_lines(item, source)
    return "\n".join(lines).rstrip() + "\n"


def value(node: ET.Element, path: str) -> str:
    """Stripped text of a child element ('' when absent or empty)."""
    found = node.find(path)
    return (found.text or "").strip() if found is not None else ""


def first_text(node: ET.Element, *paths: str) -> str:
    """The first non-empty value among several paths."""
    return next((v for v in (value(node, p) for p in paths) if v), "")


def header_date(day_month_year: str, time: str) -> str:
    """ModernGov's header style: "Tuesday, 10th February, 2026 10.00 am" from dd/mm/yyyy."""
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", day_month_year)
    if not match:
        return day_month_year
    day = date(int(match[3]), int(match[2]), int(match[1]))
    suffix = "th" if 11 <= day.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    text = f"{day:%A}, {day.day}{suffix} {day:%B}, {day.year}"
    return f"{text} {time}".strip()


def attendance_lines(meeting: ET.Element) -> list[str]:
    """An "Attendance" block of "Name - Role (attendance)" lines before the items."""
    rows = []
    for person in meeting.iterfind("attendees/attendee"):
        name = (person.get("name") or "").strip()
        if not name:
            continue
        role = (person.get("roledescription") or "").strip()
        status = (person.get("attendance") or "").strip()
        rows.append(name + (f" - {role}" if role else "") + (f" ({status})" if status else ""))
    return ["Attendance:", *rows, ""] if rows else []


def item_lines(item: ET.Element, source: str) -> list[str]:
    """One agenda item: number line, title, minutes text, supporting documents."""
    number = value(item, "fulldisplaynumberformat")
    lines = [f"{number}\t" if number else "", value(item, "agendaitemtitle") or "Untitled item", ""]
    body = value(item, "minutesnonemptyhtmlbody") or value(item, "agendatext")
    if body:
        label = "Minutes:" if value(item, "minutesnonemptyhtmlbody") else "Agenda text:"
        text = html_to_text(html_lib.unescape(body) if "&lt;" in body else body, source)
        lines += [label, "", text.strip(), ""]
    documents = [value(doc, "title") for doc in item.iterfind("linkeddocuments/linkeddoc")]
    if any(documents):
        lines += ["Supporting documents:", "", *[d for d in documents if d], ""]
    return lines
