"""Find UK (day-first) dates in text and normalise them: the project's one date normaliser."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from extractors.dates.vocab import load_vocab

# Bare years are only taken in this window: older or later four-digit numbers
# in minutes are amounts, codes or phone fragments far more often than years.
BARE_YEARS = range(1990, 2040)
WORD = re.compile(r"[A-Za-z][\w'’-]*|\S")
# Compiled once: the handlers run per match, and re's pattern cache costs a lookup each call.
LEADING_NUMBER = re.compile(r"\d+")
BETWEEN_BEFORE = re.compile(r"(?i:between)[^\S\n]+$")
DAY_JUST_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?[^\S\n]*(?:of[^\S\n]+)?$")


@dataclass(frozen=True)
class FoundDate:
    """One date found in a text: character offsets and its attrs (see ``day_attrs``)."""

    start: int
    end: int
    attrs: dict[str, Any]


def base_attrs(precision: str, year_source: str = "explicit") -> dict[str, Any]:
    """Attrs with every key present (rows get the same columns whatever the form)."""
    return {
        "value": None,
        "precision": precision,
        "start": None,
        "end": None,
        "year_source": year_source,
        "day": None,
        "month": None,
        "year": None,
        "weekday": None,
        "weekday_mismatch": False,
        "range_role": None,
    }


def day_attrs(
    day: int,
    month: int,
    year: int | None,
    *,
    weekday: int | None = None,
    range_role: str | None = None,
) -> dict[str, Any] | None:
    """Attrs of a day (None if no such day); without a year the value waits for resolve_date."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(2000, month)[1]:
        return None
    attrs = base_attrs("day", "explicit" if year else "inferred")
    attrs.update(day=day, month=month, year=year, weekday=weekday, range_role=range_role)
    if year is None:
        return attrs
    try:
        when = date(year, month, day)
    except ValueError:  # 29 February of a common year
        return None
    iso = when.isoformat()
    attrs.update(value=iso, start=iso, end=iso)
    attrs["weekday_mismatch"] = weekday is not None and when.weekday() != weekday
    return attrs


def month_attrs(month: int, year: int) -> dict[str, Any]:
    """Attrs of a calendar month ("January 2017")."""
    attrs = base_attrs("month")
    last = calendar.monthrange(year, month)[1]
    attrs.update(value=f"{year:04d}-{month:02d}", month=month, year=year)
    attrs.update(start=date(year, month, 1).isoformat(), end=date(year, month, last).isoformat())
    return attrs


def year_attrs(year: int) -> dict[str, Any]:
    """Attrs of a calendar year ("the 2019 inspection")."""
    attrs = base_attrs("year")
    attrs.update(value=str(year), year=year, start=f"{year}-01-01", end=f"{year}-12-31")
    return attrs


def period_attrs(first: date, last: date) -> dict[str, Any]:
    """Attrs of a period such as a financial year, value "start/end"."""
    attrs = base_attrs("period")
    attrs.update(start=first.isoformat(), end=last.isoformat())
    attrs["value"] = f"{attrs['start']}/{attrs['end']}"
    return attrs


def financial_start(first: str, second: str) -> int | None:
    """The starting year of "2018-19" / "2023/2024", None unless the years are consecutive."""
    start = int(first)
    end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
    if len(second) == 2 and end < start:  # "1999/00"
        end += 100
    return start if end == start + 1 else None


def quarter_attrs(quarter: int, start_year: int) -> dict[str, Any]:
    """A financial-year quarter as a period: Q1 is April-June, Q4 January-March."""
    month = 4 + 3 * (quarter - 1)
    year = start_year + (month > 12)
    month = month - 12 if month > 12 else month
    last = calendar.monthrange(year, month + 2)[1]
    return period_attrs(date(year, month, 1), date(year, month + 2, last))


def read_part(m: re.Match[str], prefix: str) -> tuple[int, int, int | None, int | None]:
    """(day, month, year, weekday) of a named date part of a match."""
    vocab = load_vocab()
    day = int(LEADING_NUMBER.match(m.group(f"{prefix}d")).group())
    month = vocab.months[m.group(f"{prefix}m").rstrip(".")]
    year = m.group(f"{prefix}y")
    weekday = m.groupdict().get(f"{prefix}wd")
    return (
        day,
        month,
        int(year) if year else None,
        vocab.weekdays[weekday.rstrip(".")] if weekday else None,
    )


def range_roles(m: re.Match[str], text: str) -> tuple[str | None, str | None]:
    """Start/end roles, except for "13 March and 30 March" unless written "between ... and"."""
    if m.group("conn") == "and" and not BETWEEN_BEFORE.search(text[: m.start()]):
        return None, None
    return "start", "end"


def range_pair(
    m: re.Match[str], text: str, first: tuple, second: tuple, first_end: int
) -> list[FoundDate]:
    """The two dates of a range, as (day, month, year, weekday) parts; none if either is invalid."""
    first_role, second_role = range_roles(m, text)
    ad, am, ay, awd = first
    bd, bm, by, bwd = second
    start = day_attrs(ad, am, ay, weekday=awd, range_role=first_role)
    end = day_attrs(bd, bm, by, weekday=bwd, range_role=second_role)
    if start is None or end is None:
        return []
    second_start = m.start("bwd") if m.group("bwd") else m.start("bd")
    return [FoundDate(m.start(), first_end, start), FoundDate(second_start, m.end(), end)]


def handle_range_full(m: re.Match[str], text: str) -> list[FoundDate]:
    """ "2 October to 19 November 2018": two dates, the year written once applies to both."""
    ad, am, ay, awd = read_part(m, "a")
    bd, bm, by, bwd = read_part(m, "b")
    if ay is None and by is not None:
        ay = by - (am > bm)  # "20 December to 5 January 2019"
    if by is None and ay is not None:
        by = ay + (bm < am)
    first_end = m.end("ay") if m.group("ay") else m.end("am")
    return range_pair(m, text, (ad, am, ay, awd), (bd, bm, by, bwd), first_end)


def handle_range_day(m: re.Match[str], text: str) -> list[FoundDate]:
    """ "2nd to 19th October 2018": the first date takes month and year from the second."""
    bd, bm, by, bwd = read_part(m, "b")
    ad = int(LEADING_NUMBER.match(m.group("ad")).group())
    am, ay = bm, by
    if ad > bd:  # "30 September to 2 October" is written in full; "30 to 2 October" means this
        am, ay = (bm - 1, by) if bm > 1 else (12, by - 1 if by else None)
    awd = load_vocab().weekdays[m.group("awd").rstrip(".")] if m.group("awd") else None
    return range_pair(m, text, (ad, am, ay, awd), (bd, bm, by, bwd), m.end("ad"))


def handle_day(m: re.Match[str], text: str) -> list[FoundDate]:
    """ "Friday 11 August 2017", "3rd March, 2020", "August 11, 2017", "26 January"."""
    day, month, year, weekday = read_part(m, "b")
    attrs = day_attrs(day, month, year, weekday=weekday)
    return [FoundDate(m.start(), m.end(), attrs)] if attrs else []


def handle_numeric(m: re.Match[str], text: str) -> list[FoundDate]:
    """ "10/02/2026" day first; two-digit years only with slashes ("10/02/26")."""
    year_text = m.group("by")
    if len(year_text) == 2:
        if m.group("sep") != "/":
            return []
        year = 2000 + int(year_text) if int(year_text) < 70 else 1900 + int(year_text)
    elif year_text[:2] in ("19", "20"):
        year = int(year_text)
    else:
        return []
    attrs = day_attrs(int(m.group("bd")), int(m.group("bm")), year)
    return [FoundDate(m.start(), m.end(), attrs)] if attrs else []


def handle_quarter(m: re.Match[str], text: str) -> list[FoundDate]:
    """ "Q3 2021/22": October-December 2021."""
    start = financial_start(m.group("fy1"), m.group("fy2"))
    if start is None:
        return []
    return [FoundDate(m.start(), m.end(), quarter_attrs(int(m.group("q")), start))]


def handle_financial(m: re.Match[str], text: str) -> list[FoundDate]:
    """ "2018-19", "2015/16", "2023/2024", "financial year 2018 to 2019": 1 April-31 March."""
    start = financial_start(m.group("fy1"), m.group("fy2"))
    if start is None:
        return []
    attrs = period_attrs(date(start, 4, 1), date(start + 1, 3, 31))
    return [FoundDate(m.start("fy1"), m.end("fy2"), attrs)]


def handle_month_year(m: re.Match[str], text: str) -> list[FoundDate]:
    """ "January 2017" (a day number just before means a malformed day date: skip)."""
    if DAY_JUST_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
        return []
    month = load_vocab().months[m.group("bm").rstrip(".")]
    return [FoundDate(m.start(), m.end(), month_attrs(month, int(m.group("by"))))]


def handle_bare_year(m: re.Match[str], text: str) -> list[FoundDate]:
    """A bare year only where it names a time or event: "in 2018", "the 2019 inspection"."""
    year = int(m.group("by"))
    if year not in BARE_YEARS:
        return []
    words = load_vocab().words
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = [w.lower() for w in WORD.findall(text[max(line_start, m.start() - 40) : m.start()])]
    after = [w.lower() for w in WORD.findall(text[m.end() : m.end() + 40])][:2]
    if before and before[-1] in words["year_legislation"]:  # "Children Act 1989"
        return []
    if any(w in words["year_event"] for w in after):
        return [FoundDate(m.start(), m.end(), year_attrs(year))]
    lead = before[:-1] if before and before[-1] in words["year_modifier"] else before
    if not lead or lead[-1] not in words["year_preposition"]:
        return []
    if after and after[0] in words["year_count_noun"]:  # "in 2019 cases"
        return []
    return [FoundDate(m.start(), m.end(), year_attrs(year))]


HANDLERS: dict[str, Callable[[re.Match[str], str], list[FoundDate]]] = {
    "range_full": handle_range_full,
    "range_day": handle_range_day,
    "month_first": handle_day,
    "day_month": handle_day,
    "numeric": handle_numeric,
    "quarter": handle_quarter,
    "fin_words": handle_financial,
    "fin_year": handle_financial,
    "month_year": handle_month_year,
    "bare_year": handle_bare_year,
}


def resolve_date(attrs: dict[str, Any], meeting_date: date | None) -> dict[str, Any]:
    """A copy of the attrs, a missing year taken from the meeting date (the nearest such day)."""
    out = dict(attrs)
    if out.get("value") or meeting_date is None or not out.get("day") or not out.get("month"):
        return out
    candidates = []
    for year in (meeting_date.year - 1, meeting_date.year, meeting_date.year + 1):
        try:
            candidates.append(date(year, out["month"], out["day"]))
        except ValueError:
            continue
    if not candidates:
        return out
    weekday = out.get("weekday")
    # Nearest to the meeting; a written weekday breaks near-ties (within half a year).
    near = [c for c in candidates if abs((c - meeting_date).days) <= 183] or candidates
    matching = [c for c in near if weekday is not None and c.weekday() == weekday]
    when = min(matching or near, key=lambda c: abs((c - meeting_date).days))
    iso = when.isoformat()
    out.update(value=iso, start=iso, end=iso, year=when.year, year_source="inferred")
    out["weekday_mismatch"] = weekday is not None and when.weekday() != weekday
    return out
