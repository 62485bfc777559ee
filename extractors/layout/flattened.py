"""Headings of an agenda table flattened to one item per line ("Title  text  Minutes: ... |")."""

from __future__ import annotations

import re

from extractors.layout import titles
from extractors.layout.header import is_header_line
from extractors.layout.lines import Line
from extractors.layout.titles import Heading

# Cells of a flattened table row ("Title  description  Minutes: text |").
CELL_SPLIT_RE = re.compile(r"\t+|\s{2,}|\s\|\s")
INLINE_SECTION_RE = re.compile(r"\s(?:minutes|decisions?)\s*:\s+\S", re.IGNORECASE)


def is_flat_row(line: Line) -> bool:
    """A line that ends in a cell bar or carries a "Minutes: ..." cell after its title."""
    return line.clean.endswith("|") or bool(INLINE_SECTION_RE.search(line.clean[1:]))


def find_flattened(
    lines: list[Line], text: str, start: int, end: int, skip: frozenset[int] = frozenset()
) -> list[Heading]:
    """Headings of a table flattened to one item per line ("Title  text  Minutes: ... |")."""
    nonblank = [ln for ln in lines[start:end] if ln.clean and ln.index not in skip]
    # Most pages have no flattened row at all: find that out before the costly
    # header-line test of every line.
    flat_rows = [ln for ln in nonblank if is_flat_row(ln)]
    if not flat_rows:
        return []
    content = [ln for ln in nonblank if not is_header_line(ln.clean)]
    kept = {ln.index for ln in content}
    flat = [ln for ln in flat_rows if ln.index in kept]
    if not flat or len(flat) * 2 < len(content):
        return []
    headings = []
    for line in content:
        raw = titles.strip_time(text[line.start : line.end].strip())
        cells = [c for c in CELL_SPLIT_RE.split(raw) if c.strip(" |")]
        if len(cells) < 2:
            cells = re.split(r"\s(?=(?:minutes|decisions?)\s*:)", raw, maxsplit=1, flags=re.I)
        number = None
        first = cells[0].strip()
        own, inline = titles.OWN_NUMBER_RE.fullmatch(first), titles.INLINE_RE.fullmatch(first)
        if own and len(cells) > 1:
            number, first = own["number"], cells[1].strip()
        elif inline:
            number, first = inline["number"], inline["title"]
        title = titles.clean_title(first)
        if title and not titles.bad_title(title):
            headings.append(Heading(line.index, number or titles.number_in_title(title), title))
    return headings
