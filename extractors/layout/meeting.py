"""Lines that name the meeting: committee, date (and time) and status, in every header style.

"Cabinet - Thursday, 16th July, 2020 10.00 am", "... 7:30 pm, CANCELLED", a committee line
over a date line, "Date: ...", "Meeting: 14/03/2019 - Cabinet (Item 41)", "Meeting of
Cabinet, Tuesday, 3rd March, 2020 2.00 pm" and printed minutes' opening sentence
("Minutes of a meeting of the Cabinet held at County Hall on Tuesday 3 March 2020").
"""

from __future__ import annotations

import re
from typing import NamedTuple


def line_re(pattern: str) -> re.Pattern[str]:
    """A case-insensitive pattern for header lines."""
    return re.compile(pattern, re.IGNORECASE)


WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?)"
)
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
TIME = (
    r"(?:\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?|\d{1,2}[.:]\d{2}(?:\s*(?:hrs|hours))?"
    r"|\d{4}\s*(?:hrs|hours)|noon|midday)"
)
LONG_DATE = (
    rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
)
NUMERIC_DATE = r"\d{1,2}/\d{1,2}/\d{2,4}"
# The time may come first ("2.00 pm, Tuesday 3 March 2020") or after ("..., 2020 2.00 pm").
HEADER_DATE = (
    rf"(?:{TIME},?\s+(?:on\s+)?)?(?:{LONG_DATE}|{NUMERIC_DATE})(?:,?\s+(?:at\s+|from\s+)?{TIME})?"
)
DASH = r"\s+[-\u2013\u2014]\s+"
STATUS_WORDS = r"cancelled|canceled|postponed|rescheduled|adjourned|moved|abandoned|withdrawn"
# ", CANCELLED" / " - POSTPONED" / " (Cancelled)" after a header's date and time.
STATUS_SUFFIX = rf"(?:\s*[,\-\u2013\u2014]?\s*\(?(?P<status>{STATUS_WORDS})\)?)?\.?"
# "This meeting has been cancelled.", "MEETING POSTPONED", "Cancelled".
STATUS_LINE_RE = line_re(
    r"(?:(?:please note:?\s*)?this meeting (?:has been|was|is)\s+|meeting\s+)?"
    rf"(?P<status>{STATUS_WORDS})"
    r"(?:\s+(?:and|-|\u2013|to|until|due)\b.*)?\.?"
)

DATE_LINE_RE = line_re(rf"(?P<date>{HEADER_DATE}){STATUS_SUFFIX}")
ONE_LINE_HEADER_RE = line_re(rf"(?P<committee>\S.*?){DASH}(?P<date>{HEADER_DATE}){STATUS_SUFFIX}")
# "Cabinet, Tuesday 3rd March 2020 2.00 pm": a comma before the date needs its weekday.
COMMA_HEADER_RE = line_re(
    rf"(?P<committee>[A-Z][^,]*?),\s+(?P<date>(?={WEEKDAY}){HEADER_DATE}){STATUS_SUFFIX}"
)
# "Agenda for Cabinet on Tuesday, 3rd March, 2020, 2.00 pm" (a saved page's own title).
AGENDA_FOR_RE = line_re(
    r"(?:agenda|minutes|decisions)(?:,?\s+(?:reports|decisions|(?:and\s+)?(?:draft\s+)?minutes))*"
    rf"\s+for\s+(?:the\s+)?(?P<committee>\S.*?)\s+on\s+(?P<date>{HEADER_DATE}){STATUS_SUFFIX}"
    r"(?:\s+[-\u2013|]\s+\S.*)?"  # the site's name after it: "... 2.00 pm - Kent County Council"
)
# "Meeting of Cabinet, Tuesday, 3rd March, 2020 2.00 pm" / "Meeting of the Cabinet on ...".
MEETING_OF_RE = line_re(
    rf"(?:(?:special|extraordinary|annual|additional)\s+)?meeting\s+of\s+(?:the\s+)?"
    rf"(?P<committee>\S.*?)(?:,|\s+on|{DASH})\s+(?P<date>{HEADER_DATE}){STATUS_SUFFIX}"
)
DATE_LABEL_RE = line_re(
    rf"(?:(?:meeting\s+)?date(?:\s+(?:and|&)\s+time)?(?:\s+of\s+(?:the\s+)?meeting)?|when)"
    rf"\s*:\s*(?P<date>{HEADER_DATE}){STATUS_SUFFIX}.*"
)
COMMITTEE_LABEL_RE = line_re(
    r"(?:committee|meeting(?: of)?|body|decision[- ]maker|forum|panel|board)\s*:\s*"
    r"(?P<committee>[^\d\s].{2,120})"
)
# "Meeting: 14/03/2019 - Children and Young People Select Committee (Item 41)"
MEETING_LINE_RE = line_re(
    rf"meeting\s*:\s*(?P<date>{HEADER_DATE})\s*[-\u2013\u2014]\s*(?P<committee>.*?)"
    r"(?:\s*\((?:agenda\s+)?item\s+(?P<number>[\w/().]+?)\.?\))?\s*"
)
# Printed minutes: "Minutes of a meeting of the Cabinet held at ... on Tuesday 3 March 2020",
# "MINUTES of the meeting of the X held on ...", "Minutes of the Cabinet meeting held on ...",
# "At a meeting of the X held at ... on ...". The committee is what names the meeting.
_HELD_ON = (
    rf"\s+held\b(?:(?!\bheld\b).){{0,160}}?\bon\s+(?:{WEEKDAY},?\s+)?"
    rf"(?P<date>{LONG_DATE}|{NUMERIC_DATE})"
)
_KIND = (
    r"(?:(?:special|extraordinary|ordinary|annual|adjourned|reconvened|formal|informal"
    r"|virtual|remote|hybrid|public)\s+)*"
)
PRINTED_RES = (
    line_re(
        rf"(?:(?:draft|confirmed|unconfirmed|approved)\s+)?minutes\s+of\s+(?:the\s+|a\s+|an\s+)?{_KIND}"
        rf"(?:meeting|proceedings|session)\s+of\s+(?:the\s+)?(?P<committee>.+?),?{_HELD_ON}"
    ),
    line_re(
        rf"(?:(?:draft|confirmed|unconfirmed|approved)\s+)?minutes\s+of\s+(?:the\s+|a\s+)?"
        rf"(?P<committee>(?!meeting\b).+?)\s+{_KIND}meeting,?{_HELD_ON}"
    ),
    line_re(
        rf"at\s+(?:the\s+|a\s+|an\s+){_KIND}meeting\s+of\s+(?:the\s+)?(?P<committee>.+?),?{_HELD_ON}"
    ),
)


class MeetingFacts(NamedTuple):
    """What one header line (or sentence) says: committee, date text, status, item number."""

    committee: str | None
    date_text: str | None
    status: str | None = None
    number: str | None = None


def normal_status(word: str | None) -> str | None:
    """Status word as a value: "CANCELLED" -> "cancelled", "canceled" -> "cancelled"."""
    if not word:
        return None
    word = word.lower()
    return "cancelled" if word == "canceled" else word


def read_meeting_line(line: str) -> MeetingFacts | None:
    """The meeting a single header line names, or None when it names none."""
    for regex in (
        MEETING_LINE_RE,
        MEETING_OF_RE,
        AGENDA_FOR_RE,
        ONE_LINE_HEADER_RE,
        COMMA_HEADER_RE,
    ):
        match = regex.fullmatch(line)
        if match:
            groups = match.groupdict()
            committee = (groups.get("committee") or "").strip(" ,-\u2013") or None
            return MeetingFacts(
                committee, match["date"], normal_status(groups.get("status")), groups.get("number")
            )
    labelled = DATE_LABEL_RE.fullmatch(line)
    if labelled:
        return MeetingFacts(None, labelled["date"], normal_status(labelled["status"]))
    return None


def read_printed_opening(text: str) -> MeetingFacts | None:
    """Committee and date from printed minutes' opening sentence (lines joined), or None."""
    joined = " ".join(text.split())
    for regex in PRINTED_RES:
        match = regex.match(joined)
        if match:
            committee = " ".join(match["committee"].split()).strip(" ,")
            return MeetingFacts(committee or None, match["date"])
    return None


def date_line(line: str) -> MeetingFacts | None:
    """A line that is only a date (and time, maybe a status): the second line of a header."""
    match = DATE_LINE_RE.fullmatch(line)
    return MeetingFacts(None, match["date"], normal_status(match["status"])) if match else None


def status_line(line: str) -> str | None:
    """The status a whole line announces ("This meeting has been cancelled."), or None."""
    match = STATUS_LINE_RE.fullmatch(line)
    return normal_status(match["status"]) if match else None
