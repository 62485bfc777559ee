"""Scan a text for dates, running each date regex only on the lines that could hold one.

The date regexes are long alternations (optional weekday, day, month names) that
the regex engine tries at every character; over a page they cost more than
tokenising it. No date runs across a line break (the patterns use horizontal
whitespace only), so a pattern's matches in a text are exactly its matches in
the lines holding its cue: a month name for the written forms, a four-digit year
for financial years and bare years, a year or slashes for numeric dates. One
cheap scan finds the cues of every line at once; each pattern then searches
only the lines it could match in (see ``pattern_windows``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from extractors.dates.parse import HANDLERS, FoundDate
from extractors.dates.vocab import compiled_patterns, load_vocab

DIGIT = re.compile(r"\d")
Line = tuple[int, int]

# Ranges, rare, get a second and narrower cue within the month lines: a range of
# days has a day, maybe a suffix, then a connector ("2nd to", "11-").
RANGE_DAY_CUE = re.compile(r"\d(?:st|nd|rd|th|ST|ND|RD|TH)?[^\S\n]*(?:to|until|till|and|-|–|—)")
# Quarters and financial years hold "2018-19" / "2015/16" / "2023/2024": a
# narrower cue within the year lines.
FIN_YEAR_CUE = re.compile(r"(?:19|20)\d\d[-/–]\d\d")
# A numeric date "10/02/2026" holds a separator, a month, the separator, two digits.
NUMERIC_CUE = re.compile(r"[./-]\d\d?[./-]\d\d")


@cache
def month_cue() -> re.Pattern[str]:
    """The first three letters of every month form (title and upper case): in every month name."""
    prefixes = sorted({form[:3] for form in load_vocab().months})
    return re.compile("|".join(map(re.escape, prefixes)))


@cache
def any_cue() -> re.Pattern[str]:
    """Every cue in one regex, each told apart by its first character.

    A month prefix (letters); the "19"/"20" of a four-digit year; the slash
    before "02/26" in "10/02/26" (two-digit years are only read with slashes).
    Each alternative starts with a literal, so the regex engine skips to
    candidates in C; the lookaheads keep the hits short, so no hit can hide a
    cue of another kind.
    """
    return re.compile("|".join([month_cue().pattern, r"19(?=\d\d)|20(?=\d\d)", r"/(?=\d\d?/\d\d)"]))


@dataclass(frozen=True)
class CueLines:
    """(start, end) of the lines holding each cue; ``end`` includes the line break.

    Keeping the line break inside the window lets lookaheads see the same
    character they see in the whole text.
    """

    month: list[Line]  # a month prefix and a digit
    two_months: list[Line]  # two month prefixes and a digit
    year: list[Line]  # a four-digit 19xx/20xx
    two_years: list[Line]
    month_and_year: list[Line]
    year_or_slash: list[Line]  # a four-digit year or "/02/26"


def cue_lines(text: str) -> CueLines:
    """The lines of the text by the cues they hold, found in one pass."""
    cue = any_cue()
    month: list[Line] = []
    two_months: list[Line] = []
    year: list[Line] = []
    two_years: list[Line] = []
    month_and_year: list[Line] = []
    year_or_slash: list[Line] = []
    position = 0
    while match := cue.search(text, position):
        start = text.rfind("\n", 0, match.start()) + 1
        newline = text.find("\n", match.end())
        end = len(text) if newline < 0 else newline + 1
        position = end
        firsts = [hit[0] for hit in cue.findall(text, match.start(), end)]
        months = sum(first.isalpha() for first in firsts)
        years = firsts.count("1") + firsts.count("2")
        has_year = years > 0
        line = (start, end)
        if has_year:
            year.append(line)
            if years >= 2:
                two_years.append(line)
        if has_year or "/" in firsts:
            year_or_slash.append(line)
        if months and (has_year or DIGIT.search(text, start, end)):
            month.append(line)
            if months >= 2:
                two_months.append(line)
            if has_year:
                month_and_year.append(line)
    return CueLines(month, two_months, year, two_years, month_and_year, year_or_slash)


def pattern_windows(text: str) -> dict[str, list[Line]]:
    """Where each pattern must look: the lines holding what every match of it holds.

    Every written form has a month name and a digit; ranges of two full
    dates name two months; "August 11, 2017" and "January 2017" end in a year,
    and so do bare years; quarters and financial years hold "2018-19", and
    "financial year 2018 to 2019" two years, each after a space (so each is a
    cue hit of its own: a year hit takes only its "19"/"20"). A numeric date only
    counts with a 19xx/20xx year or, two-digit, with slashes (``handle_numeric``),
    so the lines with neither cannot add one. No window at all ({}) when no
    line holds a cue.
    """
    lines = cue_lines(text)
    if not lines.month and not lines.year_or_slash:
        return {}  # the windows below are all within these lines
    fin_year_lines = [(a, b) for a, b in lines.year if FIN_YEAR_CUE.search(text, a, b)]
    return {
        "range_full": lines.two_months,
        "range_day": [(a, b) for a, b in lines.month if RANGE_DAY_CUE.search(text, a, b)],
        "month_first": lines.month_and_year,
        "day_month": lines.month,
        "numeric": [(a, b) for a, b in lines.year_or_slash if NUMERIC_CUE.search(text, a, b)],
        "quarter": fin_year_lines,
        "fin_words": lines.two_years,
        "fin_year": fin_year_lines,
        "month_year": lines.month_and_year,
        "bare_year": lines.year,
    }


def find_dates(text: str, *, years: bool = True, whole_text: bool = False) -> list[FoundDate]:
    """Every date in the text in order; longer forms claim their characters first.

    ``whole_text`` runs every pattern over the whole text (what the line windows
    must always agree with; tests compare the two).
    """
    if not DIGIT.search(text):
        return []  # every date form has a digit
    windows = None if whole_text else pattern_windows(text)
    if windows == {}:
        return []
    claimed: list[tuple[int, int]] = []
    found: list[FoundDate] = []
    for name, pattern in compiled_patterns().items():
        if name == "bare_year" and not years:
            continue
        spans = [(0, len(text))] if windows is None else windows[name]
        for start, end in spans:
            for m in pattern.finditer(text, start, end):
                if any(m.start() < b and a < m.end() for a, b in claimed):
                    continue
                dates = HANDLERS[name](m, text)
                if dates:
                    claimed.append((m.start(), m.end()))
                    found.extend(dates)
    return sorted(found, key=lambda f: (f.start, f.end))


def parse_date_text(text: str) -> date | None:
    """The first full date with a year in a header line ("Tuesday, 3rd March, 2020 2.00 pm")."""
    for found in find_dates(text, years=False):
        if found.attrs["precision"] == "day" and found.attrs["value"]:
            return date.fromisoformat(found.attrs["value"])
    return None
