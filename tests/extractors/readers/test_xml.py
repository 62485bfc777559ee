"""Faithful reading of GetMeeting answers: escaping once, every section, facts and attendees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from extractors.common.errors import NotAMeetingPageError
from extractors.layout import parse_page
from extractors.readers import read_page
from extractors.readers.xml import split_honorific
from tests.moderngov.site import attendee_xml, item_xml, meeting_xml

RECORDED = Path(__file__).parents[2] / "data" / "moderngov"


def recorded(name: str):
    return read_page((RECORDED / name).read_bytes(), name)


def items_of(page) -> list[tuple[str | None, str]]:
    return [(i.number, i.title) for i in parse_page(page.text).items]


def item_text(page, seq: int) -> str:
    item = parse_page(page.text).items[seq - 1]
    return page.text[item.start_char : item.end_char]


def test_titles_are_unescaped_exactly_once():
    page = recorded("gloucester_getmeeting_7837.xml")
    assert ("54", "Leader and Cabinet Members' Question Time (15 minutes)") in items_of(page)
    assert "&#39;" not in page.text and "&amp;" not in page.text and "&nbsp;" not in page.text
    assert "Council’s administration" in page.text


def test_an_item_keeps_its_agenda_text_then_its_decision_and_minutes():
    page = recorded("gloucester_getmeeting_7837.xml")
    assert [n for n, _ in items_of(page)] == ["51", "52", "53", "54", "55"]
    text = item_text(page, 5)
    agenda = text.index("To consider the report of the Head of Paid Service")
    decision = text.index("Decision:\n\nRESOLVED:")
    minutes = text.index("Minutes:\n\nCabinet considered the report")
    assert agenda < decision < minutes
    assert "Cabinet - Public Questions" in item_text(page, 2)  # a linked document's title


def test_the_printed_number_is_fulldisplaynumberformat():
    page = recorded("manchester_audit_2026-02-10.xml")
    # agendaitemnumber says 4 and 12; the page prints 1. and 9.
    assert items_of(page) == [("1", "Minutes"), ("9", "Work Programme")]


def test_meeting_facts_and_attendees_come_back_structured():
    page = recorded("gloucester_getmeeting_7837.xml")
    assert page.meta.meeting_id == "7837" and page.meta.committee == "Cabinet"
    assert page.meta.meeting_date == date(2025, 11, 21)
    assert page.meta.status == "Confirmed; Special Meeting" and page.meta.minutes_published
    first, officer = page.attendance[0], page.attendance[7]
    assert (first.honorific, first.name, first.role, first.attendance) == (
        "Councillor",
        "Jeremy Hilton",
        "Chair",
        "Present, as expected",
    )
    assert (first.member_id, first.party, first.ward) == ("129", "LIBDEM", "K&W")
    assert (officer.honorific, officer.name, officer.role, officer.party) == (
        None,
        "Jon McGinty",
        "Officer",
        None,
    )
    assert [a.seq for a in page.attendance] == list(range(1, 14))


def test_a_cancelled_meeting_has_its_status_and_no_items():
    page = recorded("manchester_getmeeting_cancelled.xml")
    assert page.meta.status == "Cancelled" and items_of(page) == []
    assert [a.attendance for a in page.attendance] == ["Expected"]
    assert parse_page(page.text).page_kind == "agenda"


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("gloucester_getmeetings_cabinet.xml", "a GetMeetings answer"),
        ("gloucester_getcommittees.xml", "a GetCommittees answer"),
        ("gloucester_getattachment_65461.xml", "a GetAttachment answer"),
    ],
)
def test_other_answers_are_not_meetings(name, what):
    with pytest.raises(NotAMeetingPageError, match=f"{name}: not a meeting page: {what}"):
        recorded(name)


def synthetic(items: str, attendees: str = "") -> object:
    data = meeting_xml(7, date(2025, 3, 4), items=items, attendees=attendees)
    return read_page(data, "synthetic.xml")


def test_a_restricted_item_is_kept_without_text():
    page = synthetic(
        item_xml("1.", "Apologies", "<p>To receive apologies.</p>", "<p>None received.</p>")
        + item_xml(
            "2.",
            "Exempt Contract Award",
            "<p>Secret agenda</p>",
            "<p>Secret minutes</p>",
            restricted=True,
        )  # fmt: skip
        + item_xml("3.", "Any Other Business", "", "<p>There was none.</p>")
    )
    assert items_of(page) == [
        ("1", "Apologies"),
        ("2", "Exempt Contract Award"),
        ("3", "Any Other Business"),
    ]
    assert "Secret" not in page.text
    assert item_text(page, 2).strip() == "2.\t\nExempt Contract Award"


def test_decisions_alone_make_a_decisions_page_and_are_kept():
    page = synthetic(
        item_xml("7.", "Budget", "", "", decision="<p>RESOLVED that the budget be set.</p>")
    )
    assert "Decision:\n\nRESOLVED that the budget be set." in page.text
    assert parse_page(page.text).page_kind == "agenda_and_minutes"


def test_entities_in_bodies_and_names_are_decoded_once():
    page = synthetic(
        item_xml("1.", "Fish & Chips &amp; Peas", "<p>Q&amp;A &lt;b&gt; stays text</p>", ""),
        attendee_xml("Cllr Dr Siân O&#39;Neill", "Chair", "Apologies", 5, ward="Town &amp; Gown"),
    )
    # The title was "Fish & Chips &amp; Peas" as the site typed it: one unescape gives it back.
    assert items_of(page) == [("1", "Fish & Chips &amp; Peas")]
    assert "Q&A <b> stays text" in page.text
    [person] = page.attendance
    assert (person.honorific, person.name, person.ward) == (
        "Cllr Dr",
        "Siân O'Neill",
        "Town & Gown",
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Councillor Jeremy Hilton", ("Councillor", "Jeremy Hilton")),
        ("County Councillor Jane Smith", ("County Councillor", "Jane Smith")),
        ("Mrs F M Oborski", ("Mrs", "F M Oborski")),
        ("Jon McGinty", (None, "Jon McGinty")),
        ("Dr", (None, "Dr")),
    ],
)
def test_honorifics_are_split_from_names(written, expected):
    assert split_honorific(written) == expected
