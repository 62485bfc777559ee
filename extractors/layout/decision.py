"""Decision details pages (ieDecisionDetails.aspx): one decision, its labelled fields, its meeting.

The page's title (the decision) is its one item. "Decision maker:", "Decision status:",
"Date of decision:", "Decided at meeting:" ... are fields, never items. The committee is
the meeting's ("Decided at meeting: 19/10/2015 - Policy Committee"), else the decision
maker; the meeting date is that meeting's, else the date of decision.
"""

from __future__ import annotations

import re

from extractors.layout.lines import Line
from extractors.layout.meeting import HEADER_DATE, MeetingFacts
from extractors.layout.titles import Heading, bad_title, clean_title
from extractors.layout.vocab import FOOTER_RE

# Label lines of a decision page, with or without a value after the colon.
FIELD_LABELS = (
    r"decision makers?|decision[- ]taker|decision status|decision type|status"
    r"|(?:is )?key decision\??"
    r"|(?:is )?(?:subject|open) to call[- ]in\??|call[- ]in (?:deadline|expiry date|details)"
    r"|date of (?:decision|publication)|decision date|effective from|implementation date"
    r"|decided at meeting|meeting|wards? affected|divisions? affected|purpose|decision"
    r"|decisions?(?: made)?|reasons? for (?:the )?decisions?"
    r"|alternative options(?: considered| rejected)?"
    r"|(?:details of )?alternative options considered and rejected|interests and exemptions"
    r"|(?:declarations? of )?(?:conflicts? of )?interests?(?: declared)?|dispensations?"
    r"|report author|lead officer|contact(?: officer)?|publication date|background papers"
    r"|accompanying documents|supporting documents|documents|consultees?|consultation"
    r"|portfolio(?: holder)?|lead member|department|directorate|financial implications"
    r"|legal implications|reason for urgency|urgent item\??"
    r"|notice of proposed decision first published"
    r"|anticipated restriction|restrictions?|exempt information|source of decision"
)
FIELD_RE = re.compile(rf"(?P<label>{FIELD_LABELS})\s*(?::|\?)\s*(?P<value>.*)", re.IGNORECASE)
# "19/10/2015 - Policy Committee" after "Decided at meeting:".
DECIDED_AT_RE = re.compile(
    rf"(?P<date>{HEADER_DATE})\s*[-\u2013\u2014]\s*(?P<committee>.+?)\s*", re.IGNORECASE
)
# Links ModernGov puts under the title ("Find out more about this issue").
CHROME_RE = re.compile(r"find out more about this issue|view (?:the )?(?:issue|decision).*", re.I)
# A page with this many field labels is a decision page even without its title line.
MIN_FIELDS = 3


def field_values(lines: list[Line], start: int, end: int) -> dict[str, str]:
    """The decision's labelled fields (lower-case label -> value; first one of each wins)."""
    fields: dict[str, str] = {}
    for line in lines[start:end]:
        match = FIELD_RE.fullmatch(line.clean) if line.clean else None
        if match:
            label = " ".join(match["label"].lower().split()).rstrip("?")
            fields.setdefault(label, match["value"].strip())
    return fields


def is_decision_page(lines: list[Line]) -> bool:
    """True when the page shows the labelled fields of a decision (without a title line)."""
    fields = field_values(lines, 0, min(len(lines), 200))
    known = {"decision maker", "decision status", "date of decision", "decided at meeting"}
    return len(known & set(fields)) + ("is key decision" in fields) >= MIN_FIELDS


def decision_title(lines: list[Line], start: int, end: int) -> Line | None:
    """The decision's title: the first content line under the page title that is no field."""
    for line in lines[start:end]:
        text = line.clean
        if not text or CHROME_RE.fullmatch(text):
            continue
        if FIELD_RE.fullmatch(text) or FOOTER_RE.fullmatch(text) or bad_title(clean_title(text)):
            return None
        return line
    return None


def read_decision(lines: list[Line], start: int, end: int) -> tuple[list[Heading], MeetingFacts]:
    """The decision as the page's one item, and the meeting it was decided at."""
    fields = field_values(lines, start, end)
    committee, date_text = fields.get("decision maker") or None, fields.get("date of decision")
    decided = DECIDED_AT_RE.fullmatch(fields.get("decided at meeting", ""))
    if decided:
        committee, date_text = decided["committee"], decided["date"]
    title = decision_title(lines, start, end)
    headings = [Heading(title.index, None, clean_title(title.clean))] if title else []
    return headings, MeetingFacts(committee, date_text or None)
