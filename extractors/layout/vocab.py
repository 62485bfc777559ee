"""Vocabulary of ModernGov page layouts: page titles, header labels, section labels, page chrome.

Kept in code (not a pattern file) so that editing it changes the `split` stage's code hash
(flows.incremental.STAGE_CODE watches layout/*.py). Every pattern matches a whole stripped line,
case-insensitively, and has an example beside it.
"""

from __future__ import annotations

import re

_DASH = r"\s*[-\u2013\u2014]\s*"

# (pattern, page kind, example): the page's title line, first match wins.
PAGE_TITLES = (
    (r"agenda item", "agenda_item", "Agenda item"),
    (
        r"agenda,? (?:and )?(?:draft )?(?:decisions|minutes)",
        "agenda_and_minutes",
        "Agenda and minutes",
    ),
    (
        r"agenda,? (?:reports?|decisions),? (?:and )?(?:draft )?(?:decisions|minutes)",
        "agenda_and_minutes",
        "Agenda, decisions and minutes",
    ),
    (r"agenda(?:,? (?:and )?reports?(?: pack)?| frontsheet)?", "agenda", "Agenda and reports"),
    (rf"issue{_DASH}meetings|issue history|issue details", "issue_history", "Issue - meetings"),
    (
        r"decision details|decision notice|record of (?:executive )?decision",
        "decision",
        "Decision details",
    ),
    (r"meeting documents", "meeting_documents", "Meeting documents"),
    (r"(?:draft |printed |signed |approved )?(?:minutes|decisions)", "minutes", "Draft minutes"),
)

# Titles of ModernGov pages that are about no single meeting: (pattern, kind, example).
NON_MEETING_TITLES = (
    (
        r"(?:meetings? )?calendar(?: of meetings)?(?:\s*[-\u2013:].*)?|meeting calendar",
        "meeting calendar",
        "Calendar",
    ),
    (
        r"browse meetings|(?:list of |forthcoming |future |past |upcoming )?meetings"
        r"|meetings? list|committee meetings",
        "meeting list",
        "Browse meetings",
    ),
    (
        r"committee details|committee membership|membership of .+",
        "committee details",
        "Committee details",
    ),
    (r"committee structure|(?:list of )?committees", "committee list", "Committee structure"),
    (
        r"(?:your |find (?:your |a )?|list of )?councillors?(?: details| by .+)?|member index",
        "member list",
        "Your councillors",
    ),
    (
        r"(?:search|search results?|search documents|document search|free text search)"
        r"(?:\s*[-:].*)?",
        "search results",
        "Search results",
    ),
    (r"what'?s new", "what's new", "What's new"),
    (r"outside bod(?:y|ies)(?: details)?", "outside bodies", "Outside bodies"),
    (r"forward plans?|(?:key )?decisions? plan", "forward plan", "Forward plans"),
    (
        r"(?:register of |delegated |recent |officer )decisions|decisions? register",
        "decision register",
        "Register of decisions",
    ),
    (r"election results?.*|e-?petitions?|document library|library", "other listing", "ePetitions"),
)

# Labels of header lines (before the items): "Venue: County Hall", "Contact: ...", "Media".
HEADER_LABELS = (
    (r"venue|place|location|address", "Venue: Civic Hall, Leeds"),
    (r"contacts?|officer contact|contact officer|clerk", "Contact: Jane Hart, 0113 378 1234"),
    (r"tel|telephone|phone|e-?mail|fax|web|website", "Tel: 01992 555123"),
    (r"meeting|date|time|date and time|date & time", "Date: Tuesday 3 March 2020"),
    (r"media|webcast|view the webcast|watch the meeting|live stream", "Media"),
    (r"members?|membership|chair(?:man|person)?|vice[- ]chair(?:man)?", "Membership: Cllrs ..."),
    (r"note|notes|please note|status", "Note: this meeting will be webcast"),
    (r"items?|documents|agenda frontsheet.*|agenda reports pack.*", "Agenda frontsheet PDF 97 KB"),
)

# Section labels inside an item: never item titles.
SECTION_LABELS = (
    (r"minutes", "Minutes:"),
    (r"decisions?", "Decision:"),
    (r"additional documents", "Additional documents:"),
    (r"supporting documents", "Supporting documents:"),
    (r"(?:background )?documents|attachments|appendi(?:x|ces)|background papers", "Documents:"),
    (r"purpose(?: of (?:the )?report)?|summary|reasons? for (?:the )?decision", "Purpose:"),
    (r"recommendations?|resolved|resolution|agreed", "RESOLVED:"),
    (r"alternative options considered|alternative options", "Alternative options considered:"),
    (r"interests declared|declarations? of interest made", "Interests declared:"),
    (r"chair(?:man|person|woman)?|signed|date signed", "Chairman"),
)

# Page chrome after the items: a whole line like these ends the items area.
FOOTERS = (
    (r"back to top|top of page|return to top", "Back to top"),
    (r"print(?: this page)?|printer friendly(?: version)?", "Print this page"),
    # "(c)" alone is also a lettered paragraph ("(c) Derek Benson stated ..."): only a year
    # or "copyright" after it makes it the copyright line.
    (
        r"powered by .*|(?:\u00a9|copyright)\s*.*|\(c\)\s*(?:\d{4}|copyright)\b.*",
        "Powered by Modern.gov",
    ),
    (r"contact us|accessibility(?: statement)?|cookies?(?: policy| settings)?", "Contact us"),
    (r"privacy(?: notice| policy)?|site ?map|terms (?:and|&) conditions|disclaimer", "Privacy"),
    (r"printed (?:draft )?(?:minutes|decisions)\b.*", "Printed minutes PDF 152 KB"),
    (
        r"(?:agenda|public) (?:reports )?pack\b.*|agenda frontsheet\b.*",
        "Agenda reports pack PDF 2 MB",
    ),
    (r"(?:meeting )?attendance details|meeting details|link to this page", "Attendance details"),
    (r"(?:share|follow us|subscribe|rss)\b.*|skip to (?:main )?content", "Share this page"),
)


def compile_alternatives(rows: tuple[tuple, ...], suffix: str = "") -> re.Pattern[str]:
    """One case-insensitive whole-line regex from the first field of each row."""
    body = "|".join(f"(?:{row[0]})" for row in rows)
    return re.compile(rf"(?:{body}){suffix}", re.IGNORECASE)


NON_MEETING_RES = tuple((re.compile(p, re.IGNORECASE), kind) for p, kind, _ in NON_MEETING_TITLES)
TITLE_RES = tuple((re.compile(p, re.IGNORECASE), kind) for p, kind, _ in PAGE_TITLES)
HEADER_LABEL_RE = re.compile(
    rf"(?:{'|'.join(f'(?:{p})' for p, _ in HEADER_LABELS)})\s*(?::.*)?", re.IGNORECASE
)
SECTION_RE = compile_alternatives(SECTION_LABELS, r"\s*:?")
FOOTER_RE = compile_alternatives(FOOTERS)


def non_meeting_title(line: str) -> str | None:
    """The kind of non-meeting page a title line names ("Calendar" -> meeting calendar), or None."""
    return next((kind for regex, kind in NON_MEETING_RES if regex.fullmatch(line.strip())), None)


# Words of the agenda table's column header ("No. Item", "Item No. Title", "Time No. Item").
ITEMS_HEADER_WORDS = frozenset(
    {"items", "item", "no", "no.", "nos", "nos.", "number", "time", "title", "subject", "page"}
    | {"minute", "min", "min.", "ref", "ref.", "reference", "description", "heading", "/", "|"}
)


def is_items_header(line: str) -> bool:
    """True for the agenda table's column header ("Items", "No. Item", "Item No. / Title")."""
    words = line.lower().replace("\t", " ").split()
    return (
        0 < len(words) <= 5
        and set(words) <= ITEMS_HEADER_WORDS
        and (bool({"item", "items"} & set(words)) or len(set(words) - {"/", "|"}) >= 2)
    )
