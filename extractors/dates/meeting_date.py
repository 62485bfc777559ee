"""The meeting date of a page: from its header, else from the public-participation deadline."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

import holidays

from extractors.dates.parse import FoundDate
from extractors.dates.scan import find_dates, parse_date_text

NUMBERS = {"a": 1, "one": 1, "the": 1, "two": 2, "three": 3, "four": 4, "five": 5}
# "(no later than 9.00am on) the working day before the meeting",
# "two clear working days before the date of the meeting".
DEADLINE = re.compile(
    r"(?i:\b(?P<n>a|one|the|two|three|four|five|[1-5])\s+(?:clear\s+)?working\s+days?\s+"
    r"(?:before|prior\s+to)\s+(?:the\s+(?:date\s+of\s+the\s+)?)?meeting)"
)
# "Minutes of the (last|previous) Meeting held on 22 November 2016": the reference
# year for a deadline written without one.
PREVIOUS_MEETING = re.compile(r"(?i:\bmeeting\s+held\s+on\s+)")
# How far around the deadline phrase its date may be written, within one paragraph.
WINDOW_AFTER, WINDOW_BEFORE = 160, 200


def find_meeting_date(
    text: str, header_date_text: str | None = None
) -> tuple[date | None, str | None]:
    """(meeting date, "header" | "inferred") or (None, None) when the page gives neither."""
    if header_date_text:
        stated = parse_date_text(header_date_text)
        if stated is not None:
            return stated, "header"
    inferred = infer_from_deadline(text)
    return (inferred, "inferred") if inferred else (None, None)


def infer_from_deadline(text: str) -> date | None:
    """The meeting date implied by "N working day(s) before the meeting (in this case ...)"."""
    for phrase in DEADLINE.finditer(text):
        found = deadline_near(text, phrase)
        if found is None:
            continue
        deadline = deadline_day(found, text)
        if deadline is not None:
            count = phrase.group("n").lower()
            return add_working_days(deadline, int(count) if count.isdigit() else NUMBERS[count])
    return None


def deadline_near(text: str, phrase: re.Match[str]) -> FoundDate | None:
    """The day date written with the deadline phrase: first one after it, else last one before."""
    para_start = max(text.rfind("\n", 0, phrase.start()) + 1, phrase.start() - WINDOW_BEFORE)
    para_end = text.find("\n", phrase.end())
    para_end = min(len(text) if para_end < 0 else para_end, phrase.end() + WINDOW_AFTER)
    days = [
        f
        for f in find_dates(text[para_start:para_end], years=False)
        if f.attrs["precision"] == "day"
    ]
    after = [f for f in days if f.start >= phrase.end() - para_start]
    before = [f for f in days if f.end <= phrase.start() - para_start]
    if after:
        return after[0]
    return before[-1] if before else None


def deadline_day(found: FoundDate, text: str) -> date | None:
    """The deadline as a date; a year-less one follows the previous meeting's date in the page."""
    if found.attrs["value"]:
        return date.fromisoformat(found.attrs["value"])
    reference = previous_meeting_date(text)
    if reference is None:
        return None
    month, day = found.attrs["month"], found.attrs["day"]
    for year in (reference.year, reference.year + 1, reference.year + 2):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February
            continue
        if candidate > reference:
            return candidate
    return None


def previous_meeting_date(text: str) -> date | None:
    """The date in "Minutes of the Meeting held on 22 November 2016", if the page has one."""
    for held in PREVIOUS_MEETING.finditer(text):
        stated = parse_date_text(text[held.end() : held.end() + 60].split("\n")[0])
        if stated is not None:
            return stated
    return None


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England & Wales bank holidays of a year and the next (built once per process)."""
    table = holidays.country_holidays("GB", subdiv="ENG", years=range(year, year + 2))
    return frozenset(table)


def add_working_days(day: date, count: int) -> date:
    """The date ``count`` working days after ``day`` (England & Wales bank holidays skipped)."""
    closed = bank_holidays(day.year)
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            count -= 1
    return day
