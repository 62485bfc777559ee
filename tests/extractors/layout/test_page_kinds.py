"""Page kinds and layouts in text: decisions, issue histories, printed minutes, attendance blocks,
agenda-table numbering, unnumbered pages, header styles, and pages that are no meeting pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.common import vocab
from extractors.common.errors import NotAMeetingPageError
from extractors.common.text import decode_bytes, normalise_text
from extractors.dates.scan import parse_date_text
from extractors.layout import parse_page
from extractors.readers import read_page

DATA = Path(__file__).parents[2] / "data"
LAYOUTS = DATA / "layouts"

# fixture -> (page_kind, committee, meeting date, status, [(number, title)])
KIND_CASES = {
    "birmingham_printed_minutes": (
        "unknown",
        "CABINET",
        "2020-01-14",
        None,
        [
            ("784", "NOTICE OF RECORDING/WEBCAST"),
            ("785", "DECLARATIONS OF INTERESTS"),
            ("786", "APOLOGIES"),
            ("787", "CHILDREN'S SERVICES IMPROVEMENT - PROGRESS UPDATE"),
            ("788", "EXCLUSION OF THE PUBLIC"),
        ],
    ),
    "kent_printed_minutes_wrapped": (
        "unknown",
        "Children's, Young People and Education Cabinet Committee",
        "2020-03-03",
        None,
        [
            ("52", "Apologies and Substitutes"),
            ("53", "Declarations of Interest by Members in items on the Agenda"),
            ("54", "Minutes of the meeting held on 15 January 2020"),
            (
                "55",
                "Ofsted Inspection of Local Authority Children's Services - Outcome and "
                "Improvement Plan",
            ),
        ],
    ),
    "leeds_attendance_unnumbered": (
        "agenda_and_minutes",
        "Inner South Community Committee",
        "2026-03-04",
        None,
        [
            (None, "Apologies for Absence"),
            (None, "Open Forum"),
            (None, "Community Safety Update"),
            (None, "Youth Activity Fund Applications 2026/27"),
            (None, "Dates, Times and Venues of Future Meetings"),
        ],
    ),
    "bristol_unnumbered_decisions": (
        "agenda_and_minutes",
        "Cabinet",
        "2026-03-03",
        None,
        [
            (None, "Welcome, Introductions and Safety Information"),
            (None, "Public Forum"),
            (None, "Quarter 3 Performance Report"),
            (None, "Children's Residential Care Sufficiency Strategy"),
        ],
    ),
    "essex_item_no_title_header": (
        "agenda",
        "Essex Schools Forum",
        "2026-03-11",
        None,
        [
            ("14", "Membership, Apologies and Declarations of Interest"),
            ("15", "Minutes of the Previous Meeting"),
            ("16", "High Needs Block Budget 2026/27"),
            ("17", "Date of Next Meeting"),
        ],
    ),
    "norfolk_time_no_item": (
        "agenda_and_minutes",
        "Children's Services Committee",
        "2026-01-20",
        None,
        [
            ("1", "To receive apologies and details of any substitute members attending"),
            ("2", "Minutes"),
            ("3", "Local Member Issues/Questions"),
            ("4", "Ofsted Inspection of Children's Services"),
        ],
    ),
    "lancashire_sub_items": (
        "agenda_and_minutes",
        "Cabinet",
        "2026-02-05",
        None,
        [
            ("5", "Apologies"),
            ("6", "Matters for Decision"),
            ("6(a)", "Revenue Budget 2026/27"),
            ("6(b)", "Capital Strategy 2026/27 to 2028/29"),
            ("7.1", "Children's Services Sufficiency Strategy"),
            ("7.2", "Home to School Transport Policy"),
            ("8", "Urgent Business"),
        ],
    ),
    "cheshire_prefixed_numbers": (
        "agenda_and_minutes",
        "Cabinet",
        "2026-02-10",
        None,
        [
            ("CAB12/25", "Apologies for Absence"),
            ("CAB13/25", "Declarations of Interest"),
            ("CAB14/25", "Medium Term Financial Strategy 2026-30"),
            ("CAB15/25", "Children's Social Care Placements Framework"),
        ],
    ),
    "durham_year_last_numbers": (
        "minutes",
        "Children and Young People's Overview and Scrutiny Committee",
        "2026-03-09",
        None,
        [
            ("D14/23", "Apologies"),
            ("D15/23", "Substitute Members"),
            ("D16/23", "Declarations of Interest"),
            ("D17/23", "Early Help Strategy Update"),
        ],
    ),
    "hampshire_decision_details": (
        "decision",
        "Cabinet",
        "2026-02-16",
        None,
        [(None, "Children's Services Capital Programme 2026/27")],
    ),
    "cornwall_individual_decision": (
        "decision",
        "Portfolio Holder for Children and Families",
        "2026-03-11",
        None,
        [(None, "Award of Contract for Home to School Transport Routes")],
    ),
    "camden_issue_several_meetings": (
        "issue_history",
        "Full Council",
        "2026-03-18",
        None,
        [
            ("12", "Youth Justice Plan 2026/27"),
            ("9", "Youth Justice Plan 2026/27"),
            ("6", "Youth Justice Plan 2026/27"),
        ],
    ),
    "wiltshire_issue_single": (
        "issue_history",
        "Children's Select Committee",
        "2026-01-27",
        None,
        [("41", "SEND Transport Review")],
    ),
    "bristol_date_label_header": (
        "agenda",
        "People Scrutiny Commission",
        "2026-02-09",
        None,
        [
            ("1", "Apologies for Absence and Substitutions"),
            ("2", "Declarations of Interest"),
            ("3", "Chair's Business"),
            ("4", "Public Forum"),
            ("5", "SEND Improvement Programme Update"),
        ],
    ),
    "cheshire_meeting_of_header": (
        "minutes",
        "Children and Families Committee",
        "2026-03-02",
        None,
        [
            ("1", "Apologies for Absence"),
            ("2", "Declarations of Interest"),
            ("3", "Fostering Service Annual Report"),
        ],
    ),
    "norfolk_cancelled_meeting": (
        "agenda",
        "Norfolk Health Overview and Scrutiny Committee",
        "2026-02-12",
        "cancelled",
        [],
    ),
    "devon_postponed_meeting": (
        "agenda",
        "Children's Scrutiny Committee",
        "2026-03-16",
        "postponed",
        [("1", "Apologies"), ("2", "Minutes")],
    ),
}


def read(path: Path) -> str:
    """A page's normalised text, as the ingest stage makes it."""
    return normalise_text(decode_bytes(path.read_bytes(), path.name))


@pytest.mark.parametrize("name", sorted(KIND_CASES))
def test_page_kinds_and_layouts(name):
    kind, committee, day, status, items = KIND_CASES[name]
    text = read(LAYOUTS / f"{name}.txt")
    layout = parse_page(text)
    assert layout.page_kind == kind and kind in vocab.PAGE_KINDS
    assert (layout.committee, layout.status) == (committee, status)
    assert str(parse_date_text(layout.header_date_text or "")) == day
    assert [(i.number, i.title) for i in layout.items] == items
    previous_end = layout.header_end
    for item in layout.items:
        assert previous_end <= item.start_char < item.end_char <= len(text)
        previous_end = item.end_char


def body(name: str, seq: int) -> str:
    """The text of a fixture's item ``seq``."""
    text = read(LAYOUTS / f"{name}.txt")
    item = parse_page(text).items[seq - 1]
    return text[item.start_char : item.end_char]


def test_decision_fields_are_inside_the_one_item_not_items():
    decision = body("hampshire_decision_details", 1)
    assert decision.startswith("Children's Services Capital Programme 2026/27")
    assert "Decided at meeting: 16/02/2026 - Cabinet" in decision


def test_each_occurrence_of_an_issue_spans_its_meeting():
    first, second = (
        body("camden_issue_several_meetings", 1),
        body("camden_issue_several_meetings", 2),
    )
    assert first.startswith("Meeting: 18/03/2026 - Full Council") and "adopted" in first
    assert second.startswith("Meeting: 04/03/2026 - Cabinet") and "adopted" not in second


def test_a_wrapped_title_is_joined_and_its_item_starts_on_its_first_line():
    item = body("leeds_attendance_unnumbered", 4)
    assert item.startswith("Youth Activity Fund\nApplications 2026/27")


def test_sub_headings_inside_minutes_stay_inside_their_item():
    assert "Key Issues Raised" in body("leeds_attendance_unnumbered", 3)
    quarter = body("bristol_unnumbered_decisions", 3)
    assert "Children's Services" in quarter and "Adult Social Care" in quarter


def test_paragraphs_and_lists_inside_items_are_not_items():
    assert "7.1.1 Members noted" in body("lancashire_sub_items", 5)
    assert "2.\tAgree the transfer" in body("essex_item_no_title_header", 3)
    assert "2) RESOLVED that the report be noted." in body("kent_printed_minutes_wrapped", 4)


@pytest.mark.parametrize(
    ("text", "items"),
    [
        # The column header row starts the list and is never an item.
        ("Agenda\n\nItem No.\tTitle\n\n1.\tApologies\n\n2.\tMinutes\n", ["1", "2"]),
        ("Agenda\n\nNo.\tTitle\n\n1.\tApologies\n\n2.\tMinutes\n", ["1", "2"]),
        ("Agenda\n\nItems\n\n16.\tApologies\n\n17.\tMinutes\n\n18.\tBudget\n", ["16", "17", "18"]),
        ("Agenda\n\nItems\n\n4/12\tApologies\n\n4/13\tMinutes\n", ["4/12", "4/13"]),
        ("Agenda\n\nItems\n\ni.\tApologies\n\nii.\tMinutes\n\niii.\tBudget\n", ["i", "ii", "iii"]),
        ("Agenda\n\nItems\n\n1)\tApologies\n\n2)\tMinutes\n", ["1", "2"]),
    ],
)
def test_item_numbers_are_read_as_printed(text, items):
    assert [i.number for i in parse_page(text).items] == items


@pytest.mark.parametrize(
    "line",
    [
        "Councillor Ann Example (Chair)",
        "Councillor B Sample (substituting for Councillor C Person)",
        "Jo Bloggs - Head of Service",
        "Cllrs A Smith, B Jones and C Brown",
        "Present:",
        "Members present: Councillors A Smith and B Jones",
        "Officers:",
    ],
)
def test_attendance_lines_are_never_items(line):
    text = f"Agenda and minutes\n\nItems\n\n{line}\n\nApologies\n\nMinutes:\n\nNone.\n"
    assert [i.title for i in parse_page(text).items] == ["Apologies"]


@pytest.mark.parametrize(
    "path", sorted((DATA / "not_meetings").glob("*.txt")), ids=lambda p: p.stem
)
def test_text_pages_of_other_kinds_are_not_meeting_pages(path):
    with pytest.raises(NotAMeetingPageError, match="not a meeting page"):
        read_page(path.read_bytes(), path.name)


def test_site_menu_before_the_title_does_not_make_a_meeting_page_another_kind():
    menu = "Skip to main content\n\nCalendar\n\nCommittees\n\nDecisions\n\nSearch documents\n\n"
    page = "Agenda and minutes\n\nCabinet - Tuesday, 3rd March, 2026 2.00 pm\n\n1.\tApologies\n"
    layout = parse_page(read_page((menu + page).encode(), "menu.txt").text)
    assert (layout.page_kind, layout.committee) == ("agenda_and_minutes", "Cabinet")


@pytest.mark.parametrize(
    ("header", "committee", "day"),
    [
        ("Agenda for Cabinet on Tuesday, 3rd March, 2026, 2.00 pm", "Cabinet", "2026-03-03"),
        (
            "Agenda for Audit Committee on Tuesday, 3rd March, 2026, 2.00 pm - Kent County Council",
            "Audit Committee",
            "2026-03-03",
        ),
        ("Cabinet, Tuesday 3rd March 2026 2.00 pm", "Cabinet", "2026-03-03"),
        ("Schools Forum - 2.00 pm, Wednesday 4 March 2026", "Schools Forum", "2026-03-04"),
        (
            "Audit Committee\nDate and Time: Thursday, 5 March 2026 at 7.00 pm",
            "Audit Committee",
            "2026-03-05",
        ),
        (
            "Committee: Health Scrutiny Panel\nDate of meeting: 6 March 2026",
            "Health Scrutiny Panel",
            "2026-03-06",
        ),
        (
            "Meeting of the Licensing Committee on Monday 9 March 2026",
            "Licensing Committee",
            "2026-03-09",
        ),
    ],
)
def test_header_styles(header, committee, day):
    layout = parse_page(f"Agenda and minutes\n\n{header}\n\n1.\tApologies\n\n2.\tMinutes\n")
    assert layout.committee == committee
    assert str(parse_date_text(layout.header_date_text)) == day


def test_a_previous_meeting_named_in_an_item_is_not_the_meeting():
    text = (
        "Agenda and minutes\n\nItems\nNo. Item\n\n1.\tMinutes\n\n"
        "Minutes of a meeting of the Cabinet held on Tuesday 3 February 2026 were approved.\n"
    )
    layout = parse_page(text)
    assert (layout.committee, layout.header_date_text) == (None, None)


def test_headings_that_start_like_names_or_labels_are_still_items():
    text = (
        "Agenda\n\nItems\nNo. Item\n\n1.\tApologies\n\n2.\tCouncillor Questions\n\n"
        "3.\tLord Mayor's Announcements\n\n4.\tBudget Update - Chief Finance Officer\n\n"
        "5.\n\nAttendance\n\nMinutes:\n\nAll were present.\n"
    )
    assert [i.number for i in parse_page(text).items] == ["1", "2", "3", "4", "5"]


def test_a_lone_minutes_heading_deep_in_an_untitled_page_is_an_item_not_the_title():
    items = "".join(f"Item Heading Number {n}\n\nText of item {n}.\n\n" for n in range(1, 9))
    layout = parse_page(items + "Minutes\n\nThe minutes were agreed.\n")
    assert layout.page_kind == "unknown" and layout.title is None
    assert [i.title for i in layout.items][0] == "Item Heading Number 1"


def test_an_agenda_item_titled_minutes_is_the_item():
    text = (
        "Agenda item\n\nMinutes\n\nMeeting: 15/01/2026 - Kingston and North Kingston "
        "Neighbourhood Committee (Item 58.)\n\nTo confirm the minutes.\n\nMinutes:\n\nApproved.\n"
    )
    layout = parse_page(text)
    assert [(i.number, i.title) for i in layout.items] == [("58", "Minutes")]
    assert layout.committee == "Kingston and North Kingston Neighbourhood Committee"


def test_a_list_page_title_under_a_breadcrumb_is_not_an_item():
    text = (
        "Agendas, Meetings and Minutes - Agenda and minutes\n\nAgenda, decisions and minutes\n\n"
        "Venue: Guildhall\n\nApologies\n\nMinutes:\n\nNone.\n\nBudget\n\nMinutes:\n\nAgreed.\n"
    )
    layout = parse_page(text)
    assert layout.title == "Agenda, decisions and minutes"
    assert [i.title for i in layout.items] == ["Apologies", "Budget"]
