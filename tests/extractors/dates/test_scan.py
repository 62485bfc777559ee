"""The line-window date scan finds exactly what every pattern finds over the whole text."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from extractors.dates.scan import DIGIT, cue_lines, find_dates, month_cue, pattern_windows

ROOT = Path(__file__).resolve().parents[3]
PAGES = sorted((ROOT / "raw").rglob("*.txt")) + sorted((ROOT / "tests/data").rglob("*.txt"))

# Dates at line starts and ends, split over lines, next to CRLF and tabs, and
# month-like words without digits: the places where a window could cut a match.
TRICKY = [
    "Meeting held on\n3rd March 2020\nat 2pm",
    "Tuesday,\n3 March 2020",
    "held 2nd to\n19th October 2018 and 2018-19\r\nQ3 2021/22",
    "March\n2020 and May 2019\n",
    "Marketing 12 Mayor 2019 Decade 2020",
    "financial year\n2018 to 2019; financial year 2018 to 2019",
    "10/02/2026\n10.02.26\t11-29 January 2021 1 April 2021 - 31 March 2022",
    "between 13 March 2017 and 30 March 2017.\nIn 2015 an LGA Peer Review; in early 2019",
    "AUGUST 11, 2017\n\n\nSept 5 2019 Sept. 2019 the 1st of April 2021",
    "from 2 October to 19 November 2018; Wednesday 2nd - Friday 4th March 2022",
    "2nd until 19th October 2018, 3 Mar. to 5 APR 2020\n7th and 8th May",
    "no digits here at all in March or May",
    # Numeric dates: only 19xx/20xx years, or two-digit years with slashes, count.
    "10/02/26 10-02-26 10.02.26\n10-02-26\n1/2/1899 3/4/2019\n٣/٤/٢٠٢٠ ٣/٤/٢٠",
    "ref 12/34/5678 and 1/2/03/04\n31/12/99; 01/01/00 2019/20 in 2019 Jan",
    "15/1/2020 Jan 2020 January 2019, 5 2019\nDecision 2019 Mayor 12 Marketing/12/20",
    "Q1 2019/20\nfinancial year 2018 to 2019\nFinancial Years 2018 - 2019; 2018–19\n2019 2020",
    "BUDGET YEAR 201920 to 2021\nquarter 3 of the 2020/2021 2019/20/21 Q2 1999/00",
    "",
]


def assert_same(text: str) -> None:
    for years in (True, False):
        gated = find_dates(text, years=years)
        whole = find_dates(text, years=years, whole_text=True)
        assert [(f.start, f.end, f.attrs) for f in gated] == [
            (f.start, f.end, f.attrs) for f in whole
        ]


@pytest.mark.parametrize("text", TRICKY)
def test_windows_agree_with_whole_text_on_tricky_lines(text):
    assert_same(text)


def test_windows_agree_with_whole_text_on_real_pages():
    assert PAGES, "no sample pages found"
    for path in PAGES:
        assert_same(path.read_text(encoding="utf-8", errors="replace"))


def test_windows_agree_on_shuffled_fragments():
    """Fragments of real dates glued in random orders, with and without line breaks."""
    rng = random.Random(7)
    pieces = [p for text in TRICKY for p in text.replace("\n", " \n ").split(" ")] + ["\n"] * 20
    for _ in range(300):
        assert_same(" ".join(rng.choices(pieces, k=40)))


def test_windows_skip_lines_without_cues():
    text = "Apologies were received.\nThe meeting on 3 March 2020.\nNo figures here.\n"
    windows = pattern_windows(text)
    month_line = (text.index("The"), text.index("No figures"))
    assert windows["day_month"] == [month_line]
    assert windows["bare_year"] == [month_line]
    assert find_dates(text)[0].attrs["value"] == "2020-03-03"


def reference_lines(text: str, cue: re.Pattern[str], *, times: int = 1) -> list[tuple[int, int]]:
    """One line at a time, one cue at a time: lines (with their break) holding the cue."""
    lines, start = [], 0
    for part in text.split("\n"):
        end = min(start + len(part) + 1, len(text))
        if len(cue.findall(text, start, end)) >= times:
            lines.append((start, end))
        start += len(part) + 1
    return lines


def assert_cue_lines_agree(text: str) -> None:
    year = reference_lines(text, re.compile(r"(?:19|20)\d\d"))
    two_years = reference_lines(text, re.compile(r"(?:19|20)\d\d"), times=2)
    slash = reference_lines(text, re.compile(r"/\d\d?/\d\d"))
    month = [line for line in reference_lines(text, month_cue()) if DIGIT.search(text, *line)]
    two = [line for line in reference_lines(text, month_cue(), times=2) if line in month]
    lines = cue_lines(text)
    assert lines.year == year
    assert set(lines.two_years) >= set(two_years)  # a year hit is "19"/"20": "202019" is two
    assert lines.year_or_slash == sorted(set(year) | set(slash))
    assert lines.month == month
    assert lines.two_months == two
    assert lines.month_and_year == [line for line in month if line in year]


def test_one_cue_scan_finds_the_lines_of_each_cue():
    """The combined cue scan agrees with one scan per cue, line by line."""
    rng = random.Random(11)
    pieces = [p for text in TRICKY for p in text.replace("\n", " \n ").split(" ")] + ["\n"] * 20
    texts = TRICKY + [" ".join(rng.choices(pieces, k=40)) for _ in range(300)]
    texts += [path.read_text(encoding="utf-8", errors="replace") for path in PAGES]
    for text in texts:
        assert_cue_lines_agree(text)


def test_numeric_dates_only_searched_with_a_year_or_slashes():
    text = "Item 10-02-26 noted.\nPaid 10/02/26.\nIn 2026 paid 10.\nHeld 10.02.2026.\n"
    paid, year, held = text.index("Paid"), text.index("In 2026"), text.index("Held")
    assert pattern_windows(text)["numeric"] == [(paid, year), (held, len(text))]
    assert [f.attrs["value"] for f in find_dates(text)] == ["2026-02-10", "2026", "2026-02-10"]


def test_no_windows_without_cues():
    assert pattern_windows("Item 10-02-26 noted.\nPage 12.\n") == {}
    assert find_dates("Item 10-02-26 noted.\nPage 12.\n") == []
