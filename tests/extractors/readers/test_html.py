"""Saved ModernGov HTML: only the content block is read; other ModernGov pages are refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.common.errors import NotAMeetingPageError
from extractors.dates.meeting_date import find_meeting_date
from extractors.layout import parse_page
from extractors.readers import read_page
from extractors.readers.html import html_to_text

HTML = Path(__file__).parents[2] / "data" / "html"

# fixture -> (page_kind, committee, meeting date, status, [(number, title)])
MEETING_PAGES = {
    "kingston_agenda_decisions_minutes": (
        "agenda_and_minutes",
        "Kingston and North Kingston Neighbourhood Committee",
        "2026-01-15",
        None,
        [
            ("54", "Public Question Time"),
            ("55", "Petitions"),
            ("56", "Apologies for Absence"),
            ("57", "Declarations of Interest"),
            ("58", "Minutes"),
            (
                "59",
                "Petition Regarding the Introduction of Traffic Management Measures On "
                "Manorgate Road",
            ),
            ("60", "Coombe Lane West Zebra Crossing - Local Consultation Results"),
            ("61", "Community Safety Update"),
            ("62", "Planned Highway Maintenance and Street Lighting Capital Programme 2026/27"),
            ("63", "Community Grants Programme"),
            ("64", "Decision Progress Update"),
            ("65", "Urgent Items Authorised by the Chair"),
        ],
    ),
    "kirklees_decision_details": (
        "decision",
        "Policy Committee",
        "2015-10-19",
        None,
        [(None, "Minutes of Previous Meeting")],
    ),
    "birmingham_decision_details": (
        "decision",
        "Cabinet Member for Children, Young People and Families",
        "2026-02-04",
        None,
        [(None, "Award of Contract for Supported Accommodation for Care Leavers")],
    ),
    "camden_agenda_and_minutes_no_modgov": (
        "agenda_and_minutes",
        "Cabinet",
        "2026-03-11",
        None,
        [
            ("1", "Apologies for Absence"),
            ("2", "Declarations of Interest"),
            ("3", "Housing Revenue Account Budget 2026/27"),
            ("4", "Reports of the Scrutiny Committees"),
            ("4(a)", "Children's Services Scrutiny Panel - Annual Report"),
            ("4(b)", "Ofsted Focused Visit - Scrutiny Response"),
            ("5", "Any Other Business"),
        ],
    ),
    "surrey_agenda_item": (
        "agenda_item",
        "Cabinet",
        "2026-02-24",
        None,
        [("86", "Budget Monitoring 2025/26 - Month 9")],
    ),
    "norfolk_issue_history": (
        "issue_history",
        "Cabinet",
        "2026-03-09",
        None,
        [
            ("14", "Home to School Transport Policy 2026/27"),
            ("9", "Home to School Transport Policy 2026/27"),
        ],
    ),
    "essex_cancelled_meeting": (
        "agenda",
        "Place Services and Economic Growth Policy and Scrutiny Committee",
        "2026-03-05",
        "cancelled",
        [],
    ),
}


def read(name: str):
    """A saved page's text and layout, as the ingest stage reads them."""
    path = HTML / f"{name}.html"
    page = read_page(path.read_bytes(), path.name)
    return page, parse_page(page.text)


@pytest.mark.parametrize("name", sorted(MEETING_PAGES))
def test_meeting_pages_give_committee_date_and_items(name):
    kind, committee, day, status, items = MEETING_PAGES[name]
    page, layout = read(name)
    assert page.format == "html"
    assert (layout.page_kind, layout.committee, layout.status) == (kind, committee, status)
    meeting_date, source = find_meeting_date(page.text, layout.header_date_text)
    assert (meeting_date.isoformat(), source) == (day, "header")
    assert [(i.number, i.title) for i in layout.items] == items
    for item in layout.items:
        assert page.text[item.start_char : item.end_char].strip()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("kent_meeting_calendar", "meeting calendar"),
        ("leeds_committee_details", "committee details"),
        ("bristol_search_results", "search results"),
        ("lancashire_browse_meetings", "meeting list"),
        ("hackney_decision_register", "decision register"),
    ],
)
def test_other_moderngov_pages_are_not_meeting_pages(name, kind):
    path = HTML / f"{name}.html"
    with pytest.raises(NotAMeetingPageError, match=rf"{path.name}: not a meeting page \({kind}\)"):
        read_page(path.read_bytes(), path.name)


def test_site_chrome_comments_and_hidden_text_are_not_page_text():
    page, layout = read("kingston_agenda_decisions_minutes")
    assert page.text.startswith("Agenda, decisions and minutes\n")
    for chrome in ("Skip to main content", "Section menu", "Outside bodies", "\u00a9 2024"):
        assert chrome not in page.text
    # An HTML comment, a screen-reader-only repeat and a hidden column header.
    assert "FB9901" not in page.text and "#79852" not in page.text
    assert ", item 59." not in page.text and "No.\tItem" not in page.text
    camden, _ = read("camden_agenda_and_minutes_no_modgov")
    for hidden in ("cookies", "Internal reference", "Draft note", "build 2026", "Contact us"):
        assert hidden not in camden.text


def test_sub_headings_and_numbered_lists_stay_inside_their_item():
    page, layout = read("camden_agenda_and_minutes_no_modgov")
    housing = layout.items[2]
    body = page.text[housing.start_char : housing.end_char]
    assert "Key Points" in body and "2. the service charges" in body
    assert body.startswith("3.\n\nHousing Revenue Account Budget 2026/27")


def test_truncated_minutes_are_flagged():
    _, layout = read("kingston_agenda_decisions_minutes")
    assert [i.number for i in layout.items if i.truncated] == ["59", "60"]


def test_fragment_without_content_block_is_rendered_whole():
    text = html_to_text("<p>Minutes <b>noted</b>.</p><!-- x --><p hidden>no</p>", "f.html")
    assert text == "Minutes noted.\n"
