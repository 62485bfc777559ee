"""The lines of a page's text with their character offsets, and walking over them."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

AMPM_TIME = r"\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?"
# A line that is only a time column ("10.31 am", "14:00").
TIME_ONLY_RE = re.compile(rf"{AMPM_TIME}|\d{{1,2}}:\d{{2}}", re.IGNORECASE)


class Line(NamedTuple):
    """One line of the page: its offsets (end excludes the newline) and stripped text."""

    index: int
    start: int
    end: int
    clean: str


def split_lines(text: str) -> list[Line]:
    """The page's lines with their character offsets."""
    return list(_split_lines(text))


# Ingest reads a page's title (is it a meeting page?) and then its whole layout:
# the last few pages' lines are kept so a page is cut into lines once.
@lru_cache(maxsize=4)
def _split_lines(text: str) -> tuple[Line, ...]:
    lines, start = [], 0
    for index, raw in enumerate(text.split("\n")):
        lines.append(Line(index, start, start + len(raw), " ".join(raw.split())))
        start += len(raw) + 1
    return tuple(lines)


def next_content(lines: list[Line], i: int, end: int) -> Line | None:
    """The next non-blank line after index i (skipping a time column) before ``end``."""
    for j in range(i + 1, min(end, len(lines))):  # indexes: slicing per line is quadratic
        if lines[j].clean and not TIME_ONLY_RE.fullmatch(lines[j].clean):
            return lines[j]
    return None


def previous_content(lines: list[Line], i: int, start: int = 0) -> Line | None:
    """The nearest non-blank line before index i, not before ``start``."""
    for j in range(i - 1, start - 1, -1):
        if lines[j].clean:
            return lines[j]
    return None


def blank_before(lines: list[Line], i: int) -> bool:
    """True when line i is the first line or follows a blank line."""
    return i == 0 or not lines[i - 1].clean


def blank_after(lines: list[Line], i: int) -> bool:
    """True when line i is the last line or a blank line follows it."""
    return i + 1 >= len(lines) or not lines[i + 1].clean
