"""Date vocabulary (month and weekday names, context words) and the regexes built from it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATTERNS = Path(__file__).parent / "patterns.jsonl"

# Horizontal whitespace only: a date never runs across a line break, and pages
# carry non-breaking spaces (\s covers both, minus the newline).
SP = r"[^\S\n]+"
# A day number, not glued to a preceding number, amount, time or section number.
DAY_CORE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|ST|ND|RD|TH)?(?!\d)"
DAY = r"(?<![\w£$€.,/:\-–])" + DAY_CORE
# A written year; "2018-19", "2015/16" and "2020.5" are not plain years.
YEAR = r"(?:19|20)\d\d(?!\d|/\d|[-–]\d|[.,]\d)"
# Financial/municipal year "2018-19", "2015/16", "2023/2024" (checked to be consecutive).
FIN_YEAR = r"(?P<fy1>(?:19|20)\d\d)(?P<fysep>[-/–])(?P<fy2>\d\d(?:\d\d)?)(?![\w/%]|[.\-–]\d)"


@dataclass(frozen=True)
class DateVocab:
    """Month and weekday forms with their numbers, and the word sets used to judge bare years."""

    months: dict[str, int]
    weekdays: dict[str, int]
    words: dict[str, frozenset[str]]


@cache
def load_vocab() -> DateVocab:
    """Read dates/patterns.jsonl (month and weekday forms match in title or upper case)."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    words: dict[str, set[str]] = {}
    for line in PATTERNS.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        kind = entry["kind"]
        if kind in ("month", "weekday"):
            table = months if kind == "month" else weekdays
            for form in entry["forms"]:
                table[form] = table[form.upper()] = entry["number"]
        else:
            words.setdefault(kind, set()).update(w.lower() for w in entry["words"])
    return DateVocab(months, weekdays, {k: frozenset(v) for k, v in words.items()})


def alternation(forms: list[str]) -> str:
    """A regex alternation of whole words, longest first so "March" wins over "Mar"."""
    alts = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    # An abbreviation may carry a full stop, but only mid-date ("3 Sept. 2019"),
    # so a sentence's final stop stays outside the span.
    return rf"(?<![A-Za-z])(?:{alts})(?![A-Za-z])(?:\.(?={SP}\d))?"


def date_part(prefix: str, vocab: DateVocab, *, after_connector: bool = False) -> str:
    """Regex for "[Weekday[,]] [the] 3rd [of] March[,] [2020]" with groups named by prefix."""
    weekday = alternation(list(vocab.weekdays))
    month = alternation(list(vocab.months))
    year_part = rf"(?:,?{SP}(?P<{prefix}y>{YEAR}))?"
    # After "11-" the day follows a hyphen, which elsewhere marks a non-date.
    day = DAY_CORE if after_connector else DAY
    return (
        rf"(?:(?P<{prefix}wd>{weekday}),?{SP}(?:the{SP})?)?"
        rf"(?P<{prefix}d>{day}){SP}(?:of{SP})?(?P<{prefix}m>{month}){year_part}"
    )


def initials(forms: dict[str, int]) -> str:
    """The first letters of the forms (title and upper case alike), as one string."""
    return "".join(sorted({form[0] for form in forms}))


def match_starts(vocab: DateVocab) -> dict[str, str]:
    """A regex for the first character of each pattern's matches.

    Read off the front of each source in ``pattern_sources``: an optional weekday
    then a day number, a month name, "Q"/"quarter", a financial word, a year.
    Digits are ``\\d`` throughout, a superset of the ASCII days.
    """
    weekday, month = initials(vocab.weekdays), initials(vocab.months)
    return {
        "range_full": rf"[{weekday}\d]",
        "range_day": rf"[{weekday}\d]",
        "month_first": f"[{weekday}{month}]",
        "day_month": rf"[{weekday}\d]",
        "numeric": r"\d",
        "quarter": "[Qq]",
        "fin_words": "(?i:[fmb])",  # exactly as case-insensitive as the words
        "fin_year": "[12]",
        "month_year": f"[{month}]",
        "bare_year": "[12]",
    }


def pattern_sources(vocab: DateVocab) -> dict[str, str]:
    """The date regex sources by name, in the priority order the scanner tries them."""
    weekday = alternation(list(vocab.weekdays))
    month = alternation(list(vocab.months))
    connector = r"(?P<conn>to|until|till|and|-|–|—)"
    return {
        # "2 October to 19 November 2018", "13 March 2017 and 30 March 2017"
        "range_full": rf"{date_part('a', vocab)}{SP}{connector}{SP}{date_part('b', vocab)}",
        # "2nd to 19th October 2018", "11-29 January 2021"
        "range_day": rf"(?:(?P<awd>{weekday}),?{SP})?(?P<ad>{DAY})(?:{SP})?{connector}(?:{SP})?"
        + date_part("b", vocab, after_connector=True),
        # "August 11, 2017" (rare in UK minutes, but unambiguous with a year)
        "month_first": (
            rf"(?:(?P<bwd>{weekday}),?{SP})?(?P<bm>{month}){SP}"
            rf"(?P<bd>(?:[12]\d|3[01]|0?[1-9]))(?:st|nd|rd|th)?,?{SP}(?P<by>{YEAR})"
        ),
        "day_month": date_part("b", vocab),
        # "10/02/2026", "10.02.2026", "10-02-2026", "10/02/26"
        "numeric": (
            r"(?<![\w.,/:\-–£$€])(?P<bd>\d{1,2})(?P<sep>[./-])(?P<bm>\d{1,2})(?P=sep)"
            r"(?P<by>\d{4}|\d{2})(?![\w/]|[.\-–]\d)"
        ),
        # "Q3 2021/22", "Quarter 1 of 2019/20"
        "quarter": rf"(?<!\w)(?:Q|[Qq]uarter{SP})(?P<q>[1-4]){SP}(?:of{SP}(?:the{SP})?)?{FIN_YEAR}",
        # "financial year 2018 to 2019"
        "fin_words": (
            rf"(?i:financial|municipal|fiscal|budget){SP}(?i:years?){SP}(?:of{SP})?"
            rf"(?P<fy1>(?:19|20)\d\d){SP}(?:to|-|–){SP}(?P<fy2>(?:19|20)\d\d)(?!\d)"
        ),
        "fin_year": rf"(?<![\w£$€.,/:\-–]){FIN_YEAR}",
        "month_year": rf"(?P<bm>{month}),?{SP}(?P<by>{YEAR})",
        "bare_year": r"(?<![\w£$€.,/:\-–])(?P<by>(?:19|20)\d\d)(?![\w/%]|[.,]\d|[-–]\d)",
    }


@cache
def compiled_patterns(*, guarded: bool = True) -> dict[str, re.Pattern[str]]:
    """The date regexes by name, in the priority order the scanner tries them.

    The regex engine tries each pattern at every position of the text, and the
    patterns open with optional groups and lookbehinds that cost a lot to
    reject. A lookahead on the first character (see ``match_starts``) rejects
    most positions at once and admits every position where a match can start,
    so the matches are the same; ``guarded=False`` gives the bare patterns the
    tests compare with.
    """
    vocab = load_vocab()
    sources = pattern_sources(vocab)
    if guarded:
        starts = match_starts(vocab)
        sources = {name: f"(?={starts[name]})" + source for name, source in sources.items()}
    return {name: re.compile(source) for name, source in sources.items()}
