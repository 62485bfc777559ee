"""Numbered item headings: "279." above the title, "1. Title", "23/5 Title", "D14/23 Title".

Every line that could head an item is a candidate; the items are the best-scoring run of
increasing numbers, so lists inside items and stray numbers drop out.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.layout.lines import TIME_ONLY_RE, Line, next_content, previous_content
from extractors.layout.numbers import ItemNumber, number_gap, parse_number
from extractors.layout.titles import (
    INLINE_RE,
    MAX_TITLE_CHARS,
    OWN_NUMBER_RE,
    Heading,
    bad_title,
    clean_title,
    is_title_like,
    strip_time,
    wrapped_title,
)
from extractors.layout.vocab import SECTION_RE, is_items_header

# "5 May 2020 ..." is a date in the text, not item 5.
MONTH_START_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b", re.IGNORECASE
)


class Candidate(NamedTuple):
    """A line that could head a numbered item, with what the sequence scorer needs."""

    heading: Heading
    number: ItemNumber
    style: str  # "own" (number on its own line) or "inline"
    last: int  # index of the heading's last line (its title line)
    # Prior from the heading's surroundings (first in the area, confirmed by a label or
    # file link, or led in by "...:"); it breaks ties between equally long sequences.
    bonus: float


def step_score(a: Candidate, b: Candidate) -> float | None:
    """Score of b following a in one item sequence (None: numbers cannot follow)."""
    if b.heading.line <= a.last:
        return None
    gap = number_gap(a.number, b.number)
    if gap is None:
        return None
    score = 1.0 if gap <= 1 else 0.8 if gap <= 3 else 0.5 if gap <= 10 else -0.5
    # A page keeps one heading style; a switch is more likely a list inside an item.
    return score - (0.4 if a.style != b.style else 0.0)


def is_one(number: ItemNumber) -> bool:
    """True for the number a list starts at ("1", "23/1")."""
    major, minor, sub = number.key
    return (minor if number.family[1] == "slashed" else major) == 1 and not sub


def mark_restarts(cands: list[Candidate]) -> list[Candidate]:
    """Lower the prior of numbered lists inside items: runs that restart at 1 after an item 1."""
    seen_one, previous, marked = False, None, []
    for cand in cands:
        one = is_one(cand.number)
        # Consecutive numbers (even across a style switch) continue the list's run.
        in_run = previous is not None and (step_score(previous, cand) or 0) >= 0.6
        if one and seen_one:
            previous = cand
        elif not in_run:
            previous = None
        if previous is not None:
            cand = cand._replace(bonus=cand.bonus - 0.6)
            previous = cand
        seen_one = seen_one or one
        marked.append(cand)
    return marked


def best_sequence(cands: list[Candidate]) -> list[Candidate]:
    """The highest-scoring run of increasing item numbers (drops lists and stray numbers)."""
    if not cands:
        return []
    cands = mark_restarts(cands)
    score = [1.0 + c.bonus for c in cands]
    back = [-1] * len(cands)
    for i, cand in enumerate(cands):
        for j in range(max(0, i - 300), i):  # bounded: a page of numbers stays linear
            step = step_score(cands[j], cand)
            # ">=": on a tie the nearer predecessor wins, so a list in an item loses.
            if step is not None and score[j] + step + cand.bonus >= score[i]:
                score[i], back[i] = score[j] + step + cand.bonus, j
    i = max(range(len(cands)), key=lambda k: (score[k], -k))
    chain = []
    while i >= 0:
        chain.append(cands[i])
        i = back[i]
    return chain[::-1]


def heading_start(lines: list[Line], i: int, start: int) -> int:
    """The heading's first line: a time column line just above the number belongs to it."""
    above = previous_content(lines, i, start)
    return above.index if above is not None and TIME_ONLY_RE.fullmatch(above.clean) else i


def prior_weight(lines: list[Line], heading_line: int, start: int) -> float:
    """Prior for a heading from the line above it: the area's first line, or a list's lead-in."""
    above = previous_content(lines, heading_line, start)
    if above is None or is_items_header(above.clean):
        return 0.5  # nothing above it in the items area: the agenda's first item
    # "The Committee is asked to:" introduces a numbered list, not the next item.
    lead_in = above.clean.endswith(":") and not SECTION_RE.fullmatch(above.clean)
    return -0.3 if lead_in else 0.0


def read_candidate(lines: list[Line], line: Line, end: int) -> tuple[str, str, str, Line] | None:
    """(number, raw title, style, title line) when ``line`` could head a numbered item."""
    text = strip_time(line.clean)
    own = OWN_NUMBER_RE.fullmatch(text)
    if own:
        title_line = next_content(lines, line.index, end)
        if title_line is None or bad_title(title_line.clean):
            return None
        return own["number"], title_line.clean, "own", title_line
    inline = INLINE_RE.fullmatch(text)
    if not inline or MONTH_START_RE.match(inline["title"]):
        return None
    title = clean_title(inline["title"])
    ends_sentence = title[-1:] in ".;,:!" and not (title.endswith(".") and is_title_like(title))
    if not title or ends_sentence or len(title) > MAX_TITLE_CHARS or bad_title(title):
        return None
    return inline["number"], inline["title"], "inline", line


def numbered_candidates(
    lines: list[Line], start: int, end: int, skip: frozenset[int] = frozenset()
) -> list[Candidate]:
    """Every line that could head a numbered item, in page order (``skip``: never headings)."""
    cands: list[Candidate] = []
    for line in lines[start:end]:
        if not line.clean or line.index in skip:
            continue
        found = read_candidate(lines, line, end)
        number = parse_number(found[0]) if found else None
        if found is None or number is None or found[3].index in skip:
            continue
        raw_number, raw_title, style, title_line = found
        if number.dotted and not top_level_dotted(lines, cands, number, line.index):
            continue
        title, last = wrapped_title(lines, title_line, clean_title(raw_title), end)
        if not title:
            continue
        after = next_content(lines, last, end)
        confirmed = title != raw_title.strip() or (after and SECTION_RE.fullmatch(after.clean))
        heading = Heading(heading_start(lines, line.index, start), raw_number, title)
        bonus = (0.05 if confirmed else 0.0) + prior_weight(lines, heading.line, start)
        cands.append(Candidate(heading, number, style, last, bonus))
    return cands


def top_level_dotted(
    lines: list[Line], cands: list[Candidate], number: ItemNumber, at: int
) -> bool:
    """True when "7.1" heads a sub-item of the agenda, not a paragraph of item 7's minutes.

    It does when no item 7 comes before it, when it follows item 7 before any "Minutes:"
    label, or when it follows its own sibling 7.0 ... 7.(n-1) that is a sub-item.
    """
    major, minor, _ = number.key
    previous = cands[-1] if cands else None
    if previous is None or previous.number.key[0] < major:
        return True
    if previous.number.key[:2] == (major, minor - 1) and previous.number.dotted:
        return True
    if previous.number.key[:2] == (major, 0) and not previous.number.dotted:
        between = lines[previous.last + 1 : at]
        return not any(SECTION_RE.fullmatch(ln.clean) for ln in between if ln.clean)
    return False


# What may precede a page's lone numbered heading: the "No. Item" column header, or the
# heading's own number line, maybe after a time ("1.", "23/5", "10.31 am 4.").
LONE_NUMBER_RE = re.compile(
    r"(?:\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?\s*)?\d+(?:[./]\d+)?\.?\s*|(?:no\.?\s*)?items?\s*|",
    re.IGNORECASE,
)


def find_numbered(
    lines: list[Line], start: int, end: int, skip: frozenset[int] = frozenset()
) -> list[Heading]:
    """Numbered item headings ("279." above the title, "1. Title", "23/5 Title")."""
    chain = best_sequence(numbered_candidates(lines, start, end, skip))
    if len(chain) == 1:
        first = next((ln for ln in lines[start:end] if ln.clean), None)
        heading = chain[0].heading.line
        # A lone "2. The report ..." or "2019" line deep in the text is not an agenda; only
        # its number line ("1." or "10.31 am 1.") may come before the lone heading.
        above = lines[first.index : heading] if first is not None else []
        if first is None or not all(LONE_NUMBER_RE.fullmatch(ln.clean) for ln in above):
            return []
    return [c.heading for c in chain]
