"""Headings of a page that prints no item numbers: Title Case lines where its pattern puts items.

A capitalised line after a blank line is a heading only with the evidence the page gives: a
section label ("Minutes:", "Decision:") right after it, an attachment link on it, its number
in brackets, or blank lines around it. A line inside an item's minutes or decision text
(after its "Minutes:" label) is a sub-heading unless a section label of its own follows it
before the next heading, so "Staffing" inside the minutes stays in its item.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.layout.lines import Line, blank_after, blank_before, next_content
from extractors.layout.titles import (
    FILE_SUFFIX_RE,
    Heading,
    bad_title,
    clean_title,
    is_title_like,
    number_in_title,
    wrapped_title,
)
from extractors.layout.vocab import HEADER_LABEL_RE, SECTION_RE, is_items_header

# Labels after which an item's minutes or decision text runs.
TEXT_LABEL_RE = re.compile(r"(?:minutes|decisions?|resolved|resolutions?)\s*:?", re.IGNORECASE)


# Blank lines per content line below which a page counts as printed without them.
DENSE_SHARE = 10


class _Candidate(NamedTuple):
    heading: Heading
    last: int
    marked: bool


def opens_block(lines: list[Line], i: int, dense: bool) -> bool:
    """True when line i starts a block of text (a heading may stand there).

    That is after a blank line or, on a page printed without blank lines, after a finished
    sentence, a label or a header line.
    """
    if blank_before(lines, i) or not dense:
        return blank_before(lines, i)
    above = lines[i - 1].clean
    return above[-1] in ".;:!?)" or bool(
        SECTION_RE.fullmatch(above) or HEADER_LABEL_RE.fullmatch(above) or is_items_header(above)
    )


def closes_block(lines: list[Line], i: int, end: int, dense: bool) -> bool:
    """True when line i ends a block: before a blank line (or, without blank lines, before text)."""
    if blank_after(lines, i) or i + 1 >= end:
        return True
    below = lines[i + 1].clean
    return dense and (below[-1] in ".;:!?" or not is_title_like(below))


def candidate(
    lines: list[Line], text: str, line: Line, end: int, dense: bool = False
) -> _Candidate | None:
    """The heading a line would be on an unnumbered page, or None when it cannot be one."""
    raw = text[line.start : line.end].strip()
    title = clean_title(line.clean)
    if (
        not title
        or not opens_block(lines, line.index, dense)
        or not (title[0].isalpha() or title[0] in "\"'\u2018\u201c")
        or title[-1] in ".;,:!?"
        or "\t" in raw
        or "   " in raw
        or bad_title(title)
        or SECTION_RE.fullmatch(title)
        or HEADER_LABEL_RE.fullmatch(title)
        or not is_title_like(title)
    ):
        return None
    # Without blank lines a wrapped title cannot be told from the text under it.
    title, last = (title, line.index) if dense else wrapped_title(lines, line, title, end)
    after = next_content(lines, last, end)
    labelled = after is not None and SECTION_RE.fullmatch(after.clean) is not None
    marked = labelled or bool(FILE_SUFFIX_RE.search(line.clean)) or bool(number_in_title(title))
    if not marked and not closes_block(lines, last, end, dense):
        # An unmarked line running straight into text is a paragraph's lead, not a heading.
        return None
    return _Candidate(Heading(line.index, number_in_title(title), title), last, marked)


def label_counts(lines: list[Line], regex: re.Pattern[str]) -> list[int]:
    """Running count of label lines: counts[j] - counts[i] labels lie in lines[i:j]."""
    counts = [0]
    for line in lines:
        counts.append(counts[-1] + bool(line.clean and regex.fullmatch(line.clean)))
    return counts


def find_unnumbered(
    lines: list[Line], text: str, start: int, end: int, skip: frozenset[int] = frozenset()
) -> list[Heading]:
    """Headings of a page that prints no numbers (see the module docstring)."""
    content = sum(1 for ln in lines[start:end] if ln.clean)
    # A page printed without blank lines between paragraphs (under a tenth of its lines).
    dense = (end - start - content) * DENSE_SHARE < content
    cands = []
    for line in lines[start:end]:
        if line.clean and line.index not in skip:
            found = candidate(lines, text, line, end, dense)
            if found is not None and not (cands and found.heading.line <= cands[-1].last):
                cands.append(found)
    text_labels, labels = label_counts(lines, TEXT_LABEL_RE), label_counts(lines, SECTION_RE)
    kept: list[_Candidate] = []
    for pos, cand in enumerate(cands):
        stop = cands[pos + 1].heading.line if pos + 1 < len(cands) else end
        in_minutes = bool(kept) and text_labels[cand.heading.line] > text_labels[kept[-1].last + 1]
        if cand.marked or not in_minutes or labels[stop] > labels[cand.last + 1]:
            kept.append(cand)
    return [c.heading for c in kept]
