"""Which part of a saved ModernGov page is content, and whether it is a meeting page at all."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

from extractors.layout.header import kind_of_title
from extractors.layout.vocab import non_meeting_title

# ModernGov content next to the page title: the block holding these is the content block.
CONTENT_CLASS_RE = re.compile(r"^mg(?:Content|ItemTable|WordPara|Footer|Links|SubTitle)")
# Markup only a meeting's own pages carry: its agenda table, or an item's or decision's
# labelled facts ("Decided at meeting:", "Meeting:").
AGENDA_CLASS_RE = re.compile(r"^mg(?:ItemNumberCell|AiTitleTxt|ItemTable|SubItemTitleTxt)$")
MEETING_LABEL_RE = re.compile(r"^\s*(?:decided at meeting|decision maker|meeting)\s*:", re.I)
# ModernGov pages that are about no single meeting: calendars, meeting lists, committee and
# member pages, searches and registers (the .aspx name, lower case, by prefix).
NON_MEETING_SCRIPTS = (
    ("mgcalendar", "meeting calendar"),
    ("ielistmeetings", "meeting list"),
    ("iedochome", "meeting list"),
    ("mgcommitteedetails", "committee details"),
    ("mgcommitteemembers", "committee membership"),
    ("mglistcommittees", "committee list"),
    ("mgmemberindex", "member list"),
    ("mgfindmember", "member list"),
    ("mguserinfo", "councillor details"),
    ("iedocsearch", "search results"),
    ("mgsearch", "search results"),
    ("iesearch", "search results"),
    ("mgwhatsnew", "what's new"),
    ("mgdelegateddecisions", "decision register"),
    ("mgplanshome", "forward plan"),
    ("mglistplans", "forward plan"),
    ("mglistoutsidebodies", "outside bodies"),
    ("mgoutsidebodydetails", "outside bodies"),
    ("mgepetition", "petitions"),
    ("mgmanageelectionresults", "election results"),
    ("mgelectionresults", "election results"),
    ("eccatdisplay", "document library"),
)
SCRIPT_RE = re.compile(r"([A-Za-z]+)\.aspx", re.IGNORECASE)
# Where a saved page names its own address ("<!-- saved from url=(0075)https://... -->").
SAVED_FROM_RE = re.compile(r"saved from url=\(\d+\)(\S+)", re.IGNORECASE)


def content_block(soup: BeautifulSoup) -> Tag:
    """The ModernGov content block: div#modgov, else the block holding the page title, else main."""
    block = soup.find(id="modgov")
    if isinstance(block, Tag):
        return block
    title = soup.find(class_="mgMainTitleTxt")
    if isinstance(title, Tag):
        for ancestor in title.parents:
            if ancestor.name in ("body", "html", "[document]"):
                break
            if ancestor.find(class_=CONTENT_CLASS_RE):
                return ancestor
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if isinstance(main, Tag):
        return main
    return soup.body or soup


def page_address(soup: BeautifulSoup) -> str:
    """The page's own address as the saved file states it (canonical, og:url, base, comment)."""
    for tag, attr in (
        (soup.find("link", rel="canonical"), "href"),
        (soup.find("meta", property="og:url"), "content"),
        (soup.find("base"), "href"),
    ):
        if isinstance(tag, Tag) and tag.get(attr):
            return str(tag[attr])
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        match = SAVED_FROM_RE.search(str(comment))
        if match:
            return match[1]
    return ""


def has_meeting_markup(block: Tag) -> bool:
    """True when the block shows an agenda table or a meeting's labelled facts."""
    if block.find(class_=AGENDA_CLASS_RE):
        return True
    labels = block.find_all(class_="mgLabel")
    return any(MEETING_LABEL_RE.match(label.get_text()) for label in labels)


def non_meeting_kind(soup: BeautifulSoup, block: Tag) -> str | None:
    """The kind of a ModernGov page that is not a meeting page, or None for a meeting page."""
    if has_meeting_markup(block):
        return None
    heading = block.find(class_="mgMainTitleTxt") or block.find("h1")
    title = " ".join(heading.get_text().split()) if isinstance(heading, Tag) else ""
    script = SCRIPT_RE.search(page_address(soup))
    by_address = script and next(
        (k for prefix, k in NON_MEETING_SCRIPTS if script[1].lower().startswith(prefix)), None
    )
    kind = non_meeting_title(title) or by_address
    if kind:
        return kind
    if block.find(class_=re.compile(r"^mgCalendar")):
        return "meeting calendar"
    is_moderngov_title = isinstance(heading, Tag) and "mgMainTitleTxt" in (
        heading.get("class") or []
    )
    if is_moderngov_title and kind_of_title(title) in (None, "minutes"):
        # A ModernGov title naming no meeting page ("Decisions" over the register of
        # decisions, a committee's own name over its details) with no agenda under it.
        return "decision register" if "decision" in title.lower() else "other ModernGov page"
    return None
