"""Tests for find_meeting_date: header dates and dates inferred from participation deadlines."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from extractors.dates.meeting_date import add_working_days, find_meeting_date

GOLD = Path(__file__).parents[2] / "data" / "gold"
NOTICE = (
    "Members of the public wishing to take part should notify the Head of Democratic "
    "Services in writing no later than {when} on {which} before the meeting ({case}).  "
    "Enquiries can be made through the telephone number below."
)


def notice(case: str, when: str = "9.00am", which: str = "the working day") -> str:
    return "Public Participation\n\n" + NOTICE.format(when=when, which=which, case=case) + "\n"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Tuesday, 3rd March, 2020 2.00 pm", date(2020, 3, 3)),
        ("Wednesday 8 November 2017 10.30 am", date(2017, 11, 8)),
        ("14/03/2019", date(2019, 3, 14)),
    ],
)
def test_header_date_wins(header, expected):
    # The deadline would say 14 August 2017: the stated header date takes precedence.
    text = notice("in this case Friday 11 August 2017")
    assert find_meeting_date(text, header) == (expected, "header")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Friday deadline -> Monday meeting.
        (notice("in this case Friday 11 August 2017"), date(2017, 8, 14)),
        # Maundy Thursday: Good Friday and Easter Monday are bank holidays.
        (notice("in this case Thursday 17 April 2025"), date(2025, 4, 22)),
        # Friday before the Spring Bank Holiday (Monday 26 May 2025).
        (notice("in this case Friday 23 May 2025"), date(2025, 5, 27)),
        # Christmas: Wed 24 Dec 2025 -> Christmas Day, Boxing Day, weekend -> Monday 29th.
        (notice("in this case 24 December 2025"), date(2025, 12, 29)),
        # Two working days before: add two.
        (
            notice("i.e. Thursday 9 March 2023", when="12 noon", which="two working days"),
            date(2023, 3, 13),
        ),
        (
            notice("i.e. 7 June 2022", which="3 clear working days"),
            date(2022, 6, 10),
        ),
    ],
)
def test_inferred_from_deadline(text, expected):
    assert find_meeting_date(text, None) == (expected, "inferred")


def test_deadline_date_written_before_the_phrase():
    text = (
        "Questions must reach Cornwall Council by 12 noon on Monday 6 January 2020, "
        "being the working day before the meeting.\n"
    )
    assert find_meeting_date(text, None) == (date(2020, 1, 7), "inferred")


def test_year_less_deadline_takes_year_after_previous_meeting():
    text = (
        notice("in this case 26 January")
        + "\nMinutes\n\nThe Minutes of the Meeting held on 22 November 2016 were agreed.\n"
    )
    assert find_meeting_date(text, None) == (date(2017, 1, 27), "inferred")
    # Same deadline, previous meeting earlier in the same year.
    later = text.replace("22 November 2016", "5 January 2017")
    assert find_meeting_date(later, None) == (date(2017, 1, 27), "inferred")


@pytest.mark.parametrize(
    ("text", "header"),
    [
        ("Agenda and minutes\n\nVenue: County Hall, Matlock\n", None),
        ("Agenda and minutes\n\nVenue: County Hall, Matlock\n", "To be confirmed"),
        # A year-less deadline with no previous meeting date: no year to give it.
        (notice("in this case 26 January"), None),
        # A deadline phrase without any date.
        (notice("see the council website"), None),
        ("", None),
    ],
)
def test_no_meeting_date(text, header):
    assert find_meeting_date(text, header) == (None, None)


def test_add_working_days_crosses_years():
    assert add_working_days(date(2021, 12, 31), 1) == date(2022, 1, 4)


def gold_pages():
    return sorted(GOLD.glob("*.gold.yaml"))


@pytest.mark.parametrize("gold_path", gold_pages(), ids=lambda p: p.name[:3])
def test_corpus_meeting_dates(gold_path):
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = (GOLD / gold["doc"]).read_text(encoding="utf-8")
    stated, inferred = gold.get("meeting_date"), gold.get("meeting_date_inferred")
    got = find_meeting_date(text, None)
    if inferred:
        assert got == (date.fromisoformat(str(inferred)), "inferred")
    elif not stated:
        assert got == (None, None)
