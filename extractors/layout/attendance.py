"""Attendance and membership blocks: lines that list people, never agenda item headings.

"Present:", "Members present:", "Also in attendance:", "Officers:" and the lines under them
("Councillor Ann Example (Chair)", "Councillor B Sample (substituting for Councillor C
Person)", "Jo Bloggs - Head of Service", "Councillors A Smith, B Jones and C Brown").
"""

from __future__ import annotations

import re

from extractors.layout.lines import Line

HONORIFIC = (
    r"(?:Councillors?|Cllrs?\.?|Mr|Mrs|Ms|Miss|Mx|Dr|Prof(?:essor)?|Rev(?:d|erend)?\.?|Canon"
    r"|Sir|Dame|Lord|Lady|Baroness|Baron|Alderman|Aldermen|County Councillor|Messrs)\.?"
)
# "A", "A.", "J R", "Ann", "Bennett-Wake", "O'Neill", "McDonald", "de Souza".
NAME_PART = (
    r"(?:[A-Z]\.?|(?:O['\u2019]|Mc|Mac|de |van |von )?[A-Z][a-z]+(?:[-'\u2019][A-Z][a-z]+)*)"
)
PERSON = rf"(?:{HONORIFIC}\s+)?{NAME_PART}(?:\s+{NAME_PART}){{0,3}}"
HONOURED = rf"{HONORIFIC}\s+{NAME_PART}(?:\s+{NAME_PART}){{0,3}}"
NOTE = r"\s*\([^()]{1,80}\)"  # "(Chair)", "(substituting for Councillor C Person)"
# A line of honorific names: "Councillor Ann Example (Chair)", "Cllrs A Smith, B Jones and C Brown".
HONOURED_LINE_RE = re.compile(
    rf"{HONOURED}(?:{NOTE})?(?:\s*(?:,|;|\band\b|&)\s*{PERSON}(?:{NOTE})?)*"
    rf"(?:\s*[-\u2013\u2014:,]\s*.{{0,80}})?\.?"
)
OFFICE_WORDS = (
    r"Head|Director|Officer|Manager|Chief|Clerk|Lawyer|Solicitor|Adviser|Advisor|Leader|Chair"
    r"|Chairman|Chairwoman|Chairperson|Executive|Accountant|Treasurer|Co-?ordinator|Lead"
    r"|Consultant|Inspector|Superintendent|Commander|Governor|Representative|Secretary|Analyst"
    r"|Partner|Commissioner|Auditor|Planner|Engineer|Assistant|Deputy|Principal|Senior|Interim"
    r"|Acting|Strategic|Corporate|Democratic|Scrutiny|Cabinet|Portfolio|Member|Mayor|Monitoring"
    r"|Independent|Vice|Service|Services"
)
# Words of agenda headings that are never part of a personal name ("Budget Update - Chief ...").
HEADING_WORDS = frozenset(
    {
        "Update", "Updates", "Report", "Reports", "Budget", "Plan", "Plans", "Programme",
        "Monitoring", "Review", "Strategy", "Policy", "Performance", "Services", "Service",
        "Annual", "Minutes", "Agenda", "Item", "Items", "Council", "Committee", "Board",
        "Panel", "Scheme", "Project", "Proposal", "Proposals", "Consultation", "Results",
        "Outcome", "Inspection", "Ofsted", "Children", "Care", "Health", "Education", "Schools",
        "School", "Finance", "Financial", "Capital", "Revenue", "Quarter", "Year", "Draft",
        "Final", "Public", "Questions", "Petition", "Petitions", "Motion", "Motions",
        "Appointment", "Appointments", "Any", "Other", "Business", "Urgent", "Exclusion",
        "Press", "Declarations", "Interest", "Interests", "Apologies", "Work", "Forward",
        "Annex", "Appendix", "Statement", "Framework", "Assessment", "Audit", "Risk", "Fund",
        "Grant", "Grants", "Investment", "Question", "Call", "Action", "Announcements",
        "Communications", "Allowances", "Development", "Champion", "Champions", "Briefing",
    }
)  # fmt: skip
# "Jo Bloggs - Head of Service", "Ann Smith, Director of Finance", "Tom Lee (Legal Adviser)".
NAME_ROLE_RE = re.compile(
    rf"{PERSON}\s*(?:[-\u2013\u2014,:]|\()\s*(?:the\s+)?"
    rf"(?:[A-Z][\w&'\u2019-]*\s+(?:(?:and|of|for|&)\s+)?){{0,4}}(?:{OFFICE_WORDS})\b(?!['\u2019]s).{{0,100}}"
)
# Labels that open a block of names; a bare one ("Present") heads no agenda item either.
BARE_LABEL = (
    r"(?:(?:members?|councillors?|officers?|others?|also|co-opted members?|substitutes?)\s+)?"
    r"(?:present|in attendance|attending)(?:\s+(?:were|as observers?|remotely|virtually))?"
    r"|councillors present"
)
# Labels that also title agenda items ("Apologies", "Membership"): only with a colon.
COLON_LABEL = (
    r"members|councillors|officers|attendees|attendance|substitutes?"
    r"|apologies(?: for absence)?(?: were received from)?"
    r"|absent|membership|observers?|witnesses|guests|advisers|in the chair|chair(?:man|person)?"
)
LABEL_LINE_RE = re.compile(
    rf"(?:{BARE_LABEL})\s*(?:[:\-\u2013]\s*.*)?|(?:{BARE_LABEL}|{COLON_LABEL})\s*:\s*.*",
    re.IGNORECASE,
)
# A wrapped list of names under a label: needs initials, a comma or an honorific to tell it
# from a Title Case heading ("A Smith, B Jones and C Brown").
NAME_LIST_RE = re.compile(rf"(?:{PERSON}(?:{NOTE})?\s*(?:,|;|\band\b|&)?\s*)+\.?")
LIST_MARK_RE = re.compile(rf",|\b[A-Z]\.?\s+[A-Z][a-z]|^{HONORIFIC}\s")


def is_person_line(line: str) -> bool:
    """True for a line that lists people (with honorifics) or names a person and their office."""
    if not (HONOURED_LINE_RE.fullmatch(line) or NAME_ROLE_RE.fullmatch(line)):
        return False
    # "Councillor Questions", "Budget Update - Chief Finance Officer" are agenda headings.
    name = re.split(r"\s*[-\u2013\u2014,:(]", line, maxsplit=1)[0]
    return not HEADING_WORDS.intersection(name.split())


def attendance_lines(lines: list[Line], start: int, end: int) -> set[int]:
    """Indexes of the lines of attendance blocks (label lines and the names under them)."""
    found: set[int] = set()
    in_block = False
    for line in lines[start:end]:
        text = line.clean
        if not text:
            continue
        if LABEL_LINE_RE.fullmatch(text):
            found.add(line.index)
            in_block = True
        elif is_person_line(text) or (
            in_block and NAME_LIST_RE.fullmatch(text) and LIST_MARK_RE.search(text)
        ):
            found.add(line.index)
        else:
            in_block = False
    return found
