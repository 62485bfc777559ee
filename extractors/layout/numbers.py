"""Agenda item numbers as councils print them, and the order they run in.

`279`, `16.`, `5a`, `5(a)`, `7.1`, `23/5` (year first), `4/12`, `D14/23` and `CAB12/25`
(a series prefix, the year last), Roman `iv.`. The key puts one page's numbers in order;
the family says which numbers can belong to one sequence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

ROMAN = r"(?=[ivxIVX])(?:[xX]{0,3})(?:[iI][xX]|[iI][vV]|[vV]?[iI]{0,3})"
# Arabic numbers in every shape; the named groups say which shape matched.
ARABIC = (
    r"(?P<prefix>[A-Z]{1,5})?(?P<major>\d{1,4})"
    r"(?:/(?P<slash>\d{1,4})|\.(?P<dot>\d{1,2})(?![.\d])|(?P<letter>[a-z])\b"
    r"|\((?P<sub>[a-z]|[ivx]{1,4})\))?"
)
# In a heading line a Roman numeral needs its dot or bracket ("iv." / "IV)"): "I" is a word.
NUMBER = rf"{ARABIC}|(?P<roman>{ROMAN})(?=[.)])"
NUMBER_RE = re.compile(rf"{ARABIC}|(?P<roman>{ROMAN})")
ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}


class ItemNumber(NamedTuple):
    """A parsed item number: its family (which numbers may follow it) and its sort key."""

    text: str
    family: tuple[str, str]  # (series prefix, "plain" | "slashed" | "roman")
    key: tuple[int, int, str]
    dotted: bool


def roman_value(text: str) -> int:
    """The value of a Roman numeral written in i, v and x."""
    values = [ROMAN_VALUES[c] for c in text.lower()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def parse_number(text: str) -> ItemNumber | None:
    """The item number a whole string is (without its trailing dot), or None."""
    match = NUMBER_RE.fullmatch(text)
    if not match or not text:
        return None
    if match["roman"]:
        return ItemNumber(text, ("", "roman"), (roman_value(match["roman"]), 0, ""), False)
    prefix = (match["prefix"] or "").upper()
    major = int(match["major"])
    if match["slash"]:
        return ItemNumber(text, (prefix, "slashed"), (major, int(match["slash"]), ""), False)
    if match["dot"]:
        return ItemNumber(text, (prefix, "plain"), (major, int(match["dot"]), ""), True)
    sub = (match["letter"] or match["sub"] or "").lower()
    return ItemNumber(text, (prefix, "plain"), (major, 0, sub), False)


def number_gap(a: ItemNumber, b: ItemNumber) -> int | None:
    """How far b's number is past a's in one sequence (None: b cannot follow a)."""
    if a.family != b.family or b.key <= a.key:
        return None
    (a_major, a_minor, _), (b_major, b_minor, b_sub) = a.key, b.key
    if a.family[1] == "slashed":
        # "23/5" -> "23/6" (year first) or "D14/23" -> "D15/23" (year last); a new year
        # restarts the count ("23/44" -> "24/1").
        if a_major == b_major:
            return b_minor - a_minor
        if a_minor == b_minor:
            return b_major - a_major
        return b_minor if b_minor <= 3 else 99
    if a_major == b_major:
        return 1 if b_minor - a_minor <= 1 or b_sub else b_minor - a_minor
    return b_major - a_major
