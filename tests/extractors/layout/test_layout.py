"""Tests for parse_page (extractors/layout.py) on the corpus and on other councils' layouts."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from extractors.common import vocab
from extractors.common.text import decode_bytes, normalise_text
from extractors.layout import parse_page

DATA = Path(__file__).parents[2] / "data"
GOLD = DATA / "gold"
LAYOUTS = DATA / "layouts"
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
QUOTES |= str.maketrans({"\u2013": "-", "\u2014": "-"})


def norm(title: str) -> str:
    """The title as eval/score.py compares it."""
    title = unicodedata.normalize("NFKC", title).translate(QUOTES).lower()
    return " ".join(title.split()).strip(" .,:;")


def read(path: Path) -> str:
    """A page's normalised text, as the ingest stage makes it."""
    return normalise_text(decode_bytes(path.read_bytes(), path.name))


def check_spans(text, layout):
    """Every item's slice holds its title's first word; slices are ordered and disjoint."""
    previous_end = layout.header_end
    for seq, item in enumerate(layout.items, start=1):
        assert item.seq == seq
        assert previous_end <= item.start_char < item.end_char <= len(text)
        first_word = item.title.split()[0]
        # An issue's occurrence is titled with the issue, printed once at the top.
        issue = layout.page_kind == "issue_history"
        where = text if issue else text[item.start_char : item.end_char]
        assert first_word in where, item
        previous_end = item.end_char


@pytest.mark.parametrize("page", sorted(GOLD.glob("*.txt")), ids=lambda p: p.name[:3])
def test_corpus_pages_give_their_gold_items(page):
    gold = yaml.safe_load(page.with_name(page.name.replace(".txt", ".gold.yaml")).read_text())
    text = read(page)
    layout = parse_page(text)
    want = [(i["number"] and str(i["number"]), norm(i["title"])) for i in gold["items"]]
    assert [(i.number, norm(i.title)) for i in layout.items] == want
    assert layout.page_kind == gold["page_kind"]
    assert layout.committee == gold["committee"]
    check_spans(text, layout)


def test_corpus_truncated_items_are_flagged():
    layout = parse_page(read(next(GOLD.glob("002_*.txt"))))
    assert [i.truncated for i in layout.items] == [False] * 4 + [True] * 3 + [False] * 2


# fixture -> (page_kind, title, committee, header_date_text, [(number, title)], truncated seqs)
LAYOUT_CASES = {
    "leeds_one_line_header": (
        "agenda_and_minutes",
        "Agenda and minutes",
        "Children's Services Scrutiny Board",
        "Tuesday, 3rd March, 2020 2.00 pm",
        [
            ("18", "APPEALS AGAINST REFUSAL OF INSPECTION OF DOCUMENTS"),
            ("19", "MINUTES OF THE PREVIOUS MEETING"),
            ("20", "Inspection of Local Authority Children's Services"),
            ("21", "Work Schedule"),
        ],
        {3},
    ),
    "kent_two_line_header": (
        "agenda",
        "Agenda",
        "Education and Skills Scrutiny Committee",
        "Wednesday 8 November 2017 10.30 am",
        [
            ("1", "Membership"),
            ("2", "Apologies and Substitutes"),
            ("3", "Declarations of Interests by Members in items on the agenda"),
            ("4", "Kent Commissioning Plan for Education Provision 2018-22"),
            ("5", "Work Programme 2017/18"),
        ],
        set(),
    ),
    "cornwall_slash_numbers": (
        "agenda_and_minutes",
        "Agenda and minutes",
        "Children's Schools and Families Overview and Scrutiny Committee",
        "Wednesday, 12th June, 2019 10.00 am",
        [
            ("19/44", "Apologies"),
            ("19/45", "Declarations of Interest"),
            ("19/46", "Ofsted Focused Visit"),
            ("19/47", "Forward Work Programme"),
        ],
        set(),
    ),
    "cornwall_inline_slash": (
        "minutes",
        "Minutes",
        "Cabinet",
        "Wednesday, 6th December, 2023 10.00 am",
        [
            ("23/5", "Apologies for Absence"),
            ("23/6", "Declarations of Interest"),
            ("23/7", "Financial Monitoring Report - Quarter 2"),
        ],
        set(),
    ),
    "hampshire_time_column": (
        "agenda_and_minutes",
        "Agenda and minutes",
        "Children and Young People Select Committee",
        "Thursday, 14th March, 2019 10.00 am",
        [
            ("1", "Apologies for absence"),
            ("2", "Declarations of interest"),
            ("3", "Children's Services Performance Report"),
            ("4", "Work Programme"),
        ],
        set(),
    ),
    "derbyshire_agenda_item": (
        "agenda_item",
        "Agenda item",
        "Cabinet",
        "14/03/2019",
        [("41", "Budget Monitoring 2018/19 - Period 10")],
        set(),
    ),
    "essex_agenda_item_number_in_title": (
        "agenda_item",
        "Agenda item",
        None,
        None,
        [("7", "Annual Report of the Director of Public Health 2018 (Agenda item 7)")],
        set(),
    ),
    "surrey_issue_meetings": (
        "issue_history",
        "Issue - meetings",
        "Children and Young People Select Committee",
        "14/03/2019",
        [
            ("41", "Children's Services Improvement Plan"),
            ("17", "Children's Services Improvement Plan"),
            # An occurrence without its agenda row is still the issue, under the number printed.
            ("9", "Children's Services Improvement Plan"),
        ],
        set(),
    ),
    "norfolk_meeting_documents": (
        "meeting_documents",
        "Meeting documents",
        "People and Communities Select Committee",
        "Friday, 17th January, 2020 10.00 am",
        [
            ("1", "To receive apologies and details of any substitute members attending"),
            ("2", "Minutes"),
            ("3", "Members to Declare any Interests"),
            ("4", "Children's Services Transformation Update"),
        ],
        set(),
    ),
    "devon_no_header": (
        "unknown",
        None,
        None,
        None,
        [
            ("1", "Minutes"),
            ("2", "Items Requiring Urgent Attention"),
            ("3", "Fostering Service Annual Report"),
        ],
        set(),
    ),
    "suffolk_unnumbered": (
        "agenda_and_minutes",
        "Agenda and minutes",
        "Education and Children's Services Scrutiny Committee",
        "Monday 21 January 2019 9.30 am",
        [
            (None, "Public Participation"),
            (None, "Apologies for Absence and Substitutions"),
            (None, "Declarations of Interest and Dispensations"),
            (None, "Peer Review of Children's Services"),
        ],
        set(),
    ),
    "hertfordshire_lists_in_items": (
        "agenda_and_minutes",
        "Agenda and minutes",
        "Health and Wellbeing Board",
        "Wednesday, 20th May, 2020 10.00 am",
        [
            ("1", "Apologies for Absence"),
            ("2", "Minutes of the Last Meeting"),
            ("3", "Better Care Fund Plan"),
            ("4", "Any Other Business"),
        ],
        set(),
    ),
    "lancashire_flattened": (
        "agenda_and_minutes",
        "Agenda and minutes",
        "Corporate Parenting Panel",
        "Monday, 9th July, 2018 2.00 pm",
        [
            (None, "Apologies for absence"),
            (None, "Minutes of the previous meeting"),
            (None, "Virtual School Annual Report"),
        ],
        {3},
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUT_CASES))
def test_layouts_of_other_councils(name):
    kind, title, committee, date_text, items, truncated = LAYOUT_CASES[name]
    text = read(LAYOUTS / f"{name}.txt")
    layout = parse_page(text)
    assert layout.page_kind == kind
    assert layout.page_kind in vocab.PAGE_KINDS
    assert (layout.title, layout.committee, layout.header_date_text) == (
        title,
        committee,
        date_text,
    )
    assert [(i.number, i.title) for i in layout.items] == items
    assert {i.seq for i in layout.items if i.truncated} == truncated
    check_spans(text, layout)


def test_every_layout_fixture_has_a_case():
    from tests.extractors.layout.test_page_kinds import KIND_CASES

    assert {p.stem for p in LAYOUTS.glob("*.txt")} == set(LAYOUT_CASES) | set(KIND_CASES)


def test_paragraph_numbers_stay_inside_their_item():
    text = read(LAYOUTS / "leeds_one_line_header.txt")
    item = parse_page(text).items[2]
    body = text[item.start_char : item.end_char]
    assert item.number == "20"
    assert "20.1 The Board noted" in body and "20.1.1 Members" in body and "\nStaffing" in body


def test_time_column_belongs_to_its_item_not_the_previous_one():
    text = read(LAYOUTS / "hampshire_time_column.txt")
    items = parse_page(text).items
    assert text[items[1].start_char :].startswith("10.05 am")
    assert "10.05 am" not in text[items[0].start_char : items[0].end_char]


def test_page_chrome_after_items_is_not_in_the_last_item():
    text = read(LAYOUTS / "leeds_one_line_header.txt")
    last = parse_page(text).items[-1]
    assert "Back to top" not in text[last.start_char : last.end_char]
    assert text[last.start_char : last.end_char].endswith("work schedule be noted.")


def test_items_run_to_the_end_of_the_page_text():
    # The corpus's last items hold lettered paragraphs "(c) ..." (not a copyright footer).
    for page in sorted(GOLD.glob("*.txt")):
        text = read(page)
        last = parse_page(text).items[-1]
        assert not text[last.end_char :].strip(), page.name


def test_lettered_paragraph_c_is_not_a_copyright_footer():
    text = (
        "Agenda item\n\nBudget Update\n\nMinutes:\n\n(a) The Panel asked about costs.\n\n"
        "(c) Mr K Patel stated that costs had risen.\n\n(c) 2024 Hampshire County Council\n"
    )
    item = parse_page(text).items[-1]
    body = text[item.start_char : item.end_char]
    assert body.endswith("costs had risen.") and "2024" not in body


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Agenda\n\nItems\nNo.\tItem\n\n1.\t\nApologies\n\nNone.\n", [("1", "Apologies")]),
        (
            "Agenda\n\nItems\nNo.\tItem\n\n10.31 am\t4.\t\nApologies\n\nNone.\n",
            [("4", "Apologies")],
        ),
        ("Agenda\n\nItems\nNo.\tItem\n\nSome intro text here.\n\n2.\t\nBudget\n\nNone.\n", []),
    ],
)
def test_a_page_of_one_numbered_item(text, items):
    assert [(i.number, i.title) for i in parse_page(text).items] == items


def test_lists_inside_an_item_are_not_items():
    titles = [i.title for i in parse_page(read(LAYOUTS / "kent_two_line_header.txt")).items]
    assert "Note the content of the plan." not in titles
    assert not any(t.startswith("That the Committee") for t in titles)


def test_numbers_that_break_the_sequence_stay_inside_their_item():
    text = read(LAYOUTS / "hertfordshire_lists_in_items.txt")
    items = parse_page(text).items
    minutes, plan = (text[i.start_char : i.end_char] for i in items[1:3])
    assert "1. Attendance List Corrected" in minutes and "2. Action Log Updated" in minutes
    assert "5 May 2020 Submission Deadline" in plan and "12 Budget Lines" in plan
    assert "2020\n\nRated Good" in plan
    assert text[items[3].start_char : items[3].end_char].endswith(
        "5 June 2020 Extraordinary Meeting"
    )


def test_header_ends_where_the_first_item_starts():
    text = read(LAYOUTS / "cornwall_slash_numbers.txt")
    layout = parse_page(text)
    assert layout.header_end == layout.items[0].start_char
    assert "Venue: Trelawny Room" in text[: layout.header_end]


def test_crlf_and_nbsp_pages_parse_like_plain_ones():
    plain = (LAYOUTS / "cornwall_slash_numbers.txt").read_text()
    messy = plain.replace("\n", "\r\n").replace("Minutes:", "Minutes:\u00a0")
    layout = parse_page(normalise_text(messy))
    assert [i.number for i in layout.items] == ["19/44", "19/45", "19/46", "19/47"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n\n",
        "x" * 5000,
        "1.\n\n2.\n\n3.\n",
        "Agenda item\n\nMinutes:\n",
        "Issue - meetings\n\nMeeting: 14/03/2019 - Cabinet (Item 4)\n| |\n",
        "No. Item\n279.\n\n279.\n\nMinutes:\n\n20.1\n\n20.1.1\n",
        "Agenda and minutes\n\nMinutes: a |\n|\n  |  \n",
        "\t\t\n\u2019\u2019 -  - \n(Agenda item )\n",
    ],
    ids=[
        "empty",
        "blank",
        "one-long-line",
        "bare-numbers",
        "item-page-no-title",
        "issue-bars",
        "repeated-numbers",
        "bars",
        "punctuation",
    ],
)
def test_odd_text_never_raises(text):
    layout = parse_page(text)
    assert layout.page_kind in vocab.PAGE_KINDS
    for item in layout.items:
        assert item.title.strip()
        assert 0 <= item.start_char < item.end_char <= len(text)


def test_page_without_items_has_all_text_as_header():
    layout = parse_page("Agenda\n\nVenue: Shire Hall, Matlock\n")
    assert layout.items == ()
    assert layout.header_end == len("Agenda\n\nVenue: Shire Hall, Matlock\n")
    assert re.fullmatch(r"[a-z_]+", layout.page_kind)


def test_a_lone_number_in_an_unnumbered_page_is_not_an_item():
    text = (
        "Agenda and minutes\n\nNo. Item\n\nApologies and Welcome\n\nNone.\n\n"
        "Ofsted Inspection Outcome\n\nThe grades were:\n\n2019\n\nGood overall\n"
    )
    layout = parse_page(text)
    assert [(i.number, i.title) for i in layout.items] == [
        (None, "Apologies and Welcome"),
        (None, "Ofsted Inspection Outcome"),
    ]


SITE_MENU = (
    "Skip to main content\n\nSection menu\n\nCalendar\n\nCommittees\n\nCouncillors\n\n"
    "Decisions\n\nMeetings\n\nOutside bodies\n\nSearch documents\n\nWhat's New\n\n"
)


@pytest.mark.parametrize("page", sorted(GOLD.glob("*.txt")), ids=lambda p: p.name[:3])
@pytest.mark.parametrize("variant", ["site_menu", "no_blank_lines"])
def test_corpus_items_survive_a_site_menu_and_missing_blank_lines(page, variant):
    gold = yaml.safe_load(page.with_name(page.name.replace(".txt", ".gold.yaml")).read_text())
    text = read(page)
    text = SITE_MENU + text if variant == "site_menu" else re.sub(r"\n\s*\n+", "\n", text)
    layout = parse_page(text)
    want = [(i["number"] and str(i["number"]), norm(i["title"])) for i in gold["items"]]
    assert [(i.number, norm(i.title)) for i in layout.items] == want
    assert layout.page_kind == gold["page_kind"]
