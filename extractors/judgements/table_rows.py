"""Grades tables in minutes: an area name and its grade on one line, or the grade on the next."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from extractors.judgements.context import grade_regex, matches_any

MAX_AREA_WORDS = 16


@cache
def table_row_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Grades-table rows: area and grade on one line (after spaces/tab/colon) or on the next."""
    grade = grade_regex().pattern
    same_line = r"^[ \t]*(?P<area>[^\n]*?[A-Za-z][^\n]*?)(?:[ \t]{2,}|\t|[ \t]*[:|][ \t]*)"
    next_line = r"^[ \t]*(?P<area>[^\n]*?[A-Za-z][^\n]*?)[ \t:|]*\n(?:[ \t]*\n)?[ \t]*"
    tail = rf"(?P<grade>{grade})[ \t|.]*$"
    flags = re.IGNORECASE | re.MULTILINE
    return re.compile(same_line + tail, flags), re.compile(next_line + tail, flags)


def is_area_name(area: str) -> bool:
    """Whether a line reads like the first cell of a grades table (short, not a sentence)."""
    area = area.strip(" \t|•·-*")
    if not area or area[-1] in ".,;?!" or len(area.split()) > MAX_AREA_WORDS:
        return False
    return grade_regex().fullmatch(area) is None


@cache
def grade_at_line_end() -> re.Pattern[str]:
    """A grade closing a line: the only place a grades-table row can end."""
    return re.compile(rf"(?:{grade_regex().pattern})[ \t|.]*$", re.IGNORECASE | re.MULTILINE)


def row_windows(text: str, line_start: int) -> tuple[int, ...]:
    """Starts of the one or two lines above (the area cell may sit on the line before)."""
    starts = []
    cursor = line_start
    for _ in range(2):
        if cursor == 0:
            break
        cursor = text.rfind("\n", 0, cursor - 1) + 1
        starts.append(cursor)
    return tuple(starts)


def find_table_rows(
    text: str, doc_context: Callable[[], bool], start: int = 0
) -> list[tuple[int, int, int, re.Match[str]]]:
    """(row start, grade start, grade end, match) for each grades-table row in the text.

    The row patterns are only tried where a line ends with a grade, anchored at
    that line or the ones above: scanning every line start was quadratic-ish.
    ``doc_context`` (whether the text is about an inspection) is asked only for
    a row whose area is not a known grades-table area. No grade may start on a line
    before ``start``.
    """
    same_line, next_line = table_row_regexes()
    found: tuple[list, list] = ([], [])
    for hit in grade_at_line_end().finditer(text, start):
        line_start = text.rfind("\n", 0, hit.start()) + 1
        line_end = hit.end()
        candidates = [(0, same_line.match(text, line_start, line_end))]
        candidates += [
            (1, next_line.match(text, ws, line_end)) for ws in row_windows(text, line_start)
        ]
        for kind, match in candidates:
            if match is None:
                continue
            area = match.group("area")
            if not is_area_name(area):
                continue
            if not (matches_any("table_area", area) or doc_context()):
                continue
            found[kind].append(
                (match.start("area"), match.start("grade"), match.end("grade"), match)
            )
    return found[0] + found[1]
