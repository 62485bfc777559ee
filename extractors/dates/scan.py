"""Scan a text for dates, running each date regex only on the lines that could hold one.

The date regexes are long alternations (optional weekday, day, month names) that
the regex engine tries at every character; over a page they cost more than
tokenising it. No date runs across a line break (the patterns use horizontal
whitespace only), so a pattern's matches in a text are exactly its matches in
the lines holding its cue: a month name for the written forms, a four-digit year
for financial years and bare years. One cheap scan per cue finds those lines;
the patterns then search only there.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from extractors.dates.parse import HANDLERS, FoundDate
from extractors.dates.vocab import compiled_patterns, load_vocab

DIGIT = re.compile(r"\d")
# Patterns that need a month name somewhere in their match ("3rd March", "August 11, 2017").
NEEDS_MONTH = frozenset({"range_full", "range_day", "month_first", "day_month", "month_year"})
# Patterns whose every match holds a four-digit year ("Q3 2021/22", "2018-19", "in 2019").
NEEDS_YEAR = frozenset({"quarter", "fin_words", "fin_year", "bare_year"})
YEAR_CUE = re.compile(r"(?:19|20)\d\d")
# The remaining pattern (numeric dates) starts with a digit, so the regex engine
# already skips ahead quickly: a cue would cost as much as the pattern itself.

# Ranges, rare, get a second and narrower cue within the month lines: a range of
# days has a day, maybe a suffix, then a connector ("2nd to", "11-").
RANGE_DAY_CUE = re.compile(r"\d(?:st|nd|rd|th|ST|ND|RD|TH)?[^\S\n]*(?:to|until|till|and|-|–|—)")


@cache
def month_cue() -> re.Pattern[str]:
    """The first three letters of every month form (title and upper case): in every month name."""
    prefixes = sorted({form[:3] for form in load_vocab().months})
    return re.compile("|".join(map(re.escape, prefixes)))


def lines_with(
    text: str, lines: list[tuple[int, int]], cue: re.Pattern[str], times: int = 1
) -> list[tuple[int, int]]:
    """The lines holding the cue at least ``times`` times (non-overlapping)."""
    if times == 1:
        return [(a, b) for a, b in lines if cue.search(text, a, b)]
    return [(a, b) for a, b in lines if len(cue.findall(text, a, b)) >= times]


def cue_lines(text: str, cue: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each line holding the cue and a digit; ``end`` includes the line break.

    Keeping the line break inside the window lets lookaheads see the same
    character they see in the whole text.
    """
    windows: list[tuple[int, int]] = []
    position = 0
    while match := cue.search(text, position):
        start = text.rfind("\n", 0, match.start()) + 1
        newline = text.find("\n", match.end())
        end = len(text) if newline < 0 else newline + 1
        if DIGIT.search(text, start, end):
            windows.append((start, end))
        position = end
    return windows


def pattern_windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Where each pattern must look: month-name lines, year lines, or the whole text."""
    month_lines = cue_lines(text, month_cue())
    year_lines = cue_lines(text, YEAR_CUE)
    windows = {name: month_lines for name in NEEDS_MONTH}
    if month_lines:
        # A range of two full dates names two months.
        windows["range_full"] = lines_with(text, month_lines, month_cue(), times=2)
        windows["range_day"] = lines_with(text, month_lines, RANGE_DAY_CUE)
    windows.update({name: year_lines for name in NEEDS_YEAR})
    windows["numeric"] = [(0, len(text))]
    return windows


def find_dates(text: str, *, years: bool = True, whole_text: bool = False) -> list[FoundDate]:
    """Every date in the text in order; longer forms claim their characters first.

    ``whole_text`` runs every pattern over the whole text (what the line windows
    must always agree with; tests compare the two).
    """
    if not DIGIT.search(text):
        return []  # every date form has a digit
    windows = None if whole_text else pattern_windows(text)
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
