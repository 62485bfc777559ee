"""Item headings in a page's items area: numbered, unnumbered and flattened (one per line)."""

from __future__ import annotations

import re
from typing import NamedTuple

from extractors.layout.header import HEADER_LABEL_RE, Line, is_header_line
from extractors.layout.vocab import FOOTER_RE, SECTION_RE

NUMBER = r"\d{1,4}/\d{1,4}|\d{1,4}[a-z]?"
AMPM_TIME = r"\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?\s?m\.?"
TIME_ONLY_RE = re.compile(rf"{AMPM_TIME}|\d{{1,2}}:\d{{2}}", re.IGNORECASE)
TIME_PREFIX_RE = re.compile(rf"(?:{AMPM_TIME})\s+", re.IGNORECASE)
TRAILING_TIME_RE = re.compile(rf"\s+(?:{AMPM_TIME})$", re.IGNORECASE)
OWN_NUMBER_RE = re.compile(rf"(?P<number>{NUMBER})\.?", re.IGNORECASE)
# "1. Apologies", "23/5 Declarations of Interest": a number, then a title in capitals.
TITLE_START = "[A-Z\"'\u2018\u201c]"
INLINE_RE = re.compile(rf"(?P<number>{NUMBER})(?:\.[ \t]*|[ \t]+)(?P<title>{TITLE_START}.*)")
# "5 May 2020 ..." is a date in the text, not item 5.
MONTH_START_RE = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b", re.IGNORECASE
)
# "pdf icon PDF 346 KB", "docx icon DOCX 54 KB", "PDF 1 MB" after a title (maybe repeated).
FILE_SUFFIX_RE = re.compile(
    r"(?:\s*(?:\w{1,12}\s+icon\s+)?(?:PDF|DOCX?|XLSX?|PPTX?|RTF|ODT|HTML?)\s+[\d.,]+\s*[KMG]B)+\s*$",
    re.IGNORECASE,
)
# "... (Agenda item 5)" / "(Item 41)": the only number some pages print.
TITLE_NUMBER_RE = re.compile(
    r"\((?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<number>[0-9][\w/]*?)\.?\)\s*$", re.IGNORECASE
)
# Cells of a flattened table row ("Title  description  Minutes: text |").
CELL_SPLIT_RE = re.compile(r"\t+|\s{2,}|\s\|\s")
INLINE_SECTION_RE = re.compile(r"\s(?:minutes|decisions?)\s*:\s+\S", re.IGNORECASE)
STOPWORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the"}
    | {"to", "with", "any", "its", "per", "via", "vs", "v", "&", "de"}
)
WORD_RE = re.compile(r"[^\W\d_][\w'\u2019-]*")
MAX_TITLE_CHARS = 200


class Heading(NamedTuple):
    """An item heading: the line it starts on, its printed number (or None) and title."""

    line: int
    number: str | None
    title: str


class _Candidate(NamedTuple):
    heading: Heading
    key: tuple[int, int, str]
    slashed: bool
    style: str
    last: int  # index of the heading's last line (its title line)
    # Prior from the heading's surroundings (first in the area, confirmed by a label or
    # file link, or led in by "...:"); it breaks ties between equally long sequences.
    bonus: float


def clean_title(text: str) -> str:
    """A heading's title: whitespace collapsed, no file-size suffix, time column or cell bar."""
    title = " ".join(text.split()).strip(" |")
    title = FILE_SUFFIX_RE.sub("", title)
    return TRAILING_TIME_RE.sub("", title).strip(" |")


def number_in_title(title: str) -> str | None:
    """The item number a title carries at its end, "(Agenda item 5)" -> "5"."""
    match = TITLE_NUMBER_RE.search(title)
    return match["number"] if match else None


def is_title_like(text: str) -> bool:
    """True for a short heading in title case or capitals (most content words capitalised)."""
    words = WORD_RE.findall(text)
    if not words or len(text) > 150 or len(text.split()) > 16 or not words[0][0].isupper():
        return False
    content = [w for w in words if w.lower() not in STOPWORDS]
    return bool(content) and sum(w[0].isupper() for w in content) / len(content) >= 0.75


def strip_time(text: str) -> str:
    """The line without a leading time column ("10.31 am 1. Apologies" -> "1. Apologies")."""
    return TIME_PREFIX_RE.sub("", text, count=1) if TIME_PREFIX_RE.match(text) else text


def _key(number: str) -> tuple[tuple[int, int, str], bool]:
    """Sort key of an item number and whether it is of the "23/5" kind."""
    major, _, rest = number.partition("/")
    if rest:
        return (int(major), int(rest), ""), True
    digits = major.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return (int(digits), 0, major[len(digits) :].lower()), False


def _step(a: _Candidate, b: _Candidate) -> float | None:
    """Score of b following a in one item sequence (None: numbers cannot follow)."""
    if a.slashed != b.slashed or b.key <= a.key or b.heading.line <= a.last:
        return None
    pos = 1 if a.slashed else 0
    same_series = not a.slashed or a.key[0] == b.key[0]
    gap = b.key[pos] - a.key[pos] if same_series else (b.key[1] if b.key[1] <= 3 else 99)
    score = 1.0 if gap <= 1 else 0.8 if gap <= 3 else 0.5 if gap <= 10 else -0.5
    # A page keeps one heading style; a switch is more likely a list inside an item.
    return score - (0.4 if a.style != b.style else 0.0)


def mark_restarts(cands: list[_Candidate]) -> list[_Candidate]:
    """Lower the prior of numbered lists inside items: runs that restart at 1 after an item 1."""
    seen_one, previous, marked = False, None, []
    for cand in cands:
        is_one = cand.key[1 if cand.slashed else 0] == 1 and not cand.key[2]
        # Consecutive numbers (even across a style switch) continue the list's run.
        in_run = previous is not None and (_step(previous, cand) or 0) >= 0.6
        if is_one and seen_one:
            previous = cand
        elif not in_run:
            previous = None
        if previous is not None:
            cand = cand._replace(bonus=cand.bonus - 0.6)
            previous = cand
        seen_one = seen_one or is_one
        marked.append(cand)
    return marked


def best_sequence(cands: list[_Candidate]) -> list[_Candidate]:
    """The highest-scoring run of increasing item numbers (drops lists and stray numbers)."""
    if not cands:
        return []
    cands = mark_restarts(cands)
    score = [1.0 + c.bonus for c in cands]
    back = [-1] * len(cands)
    for i, cand in enumerate(cands):
        for j in range(max(0, i - 300), i):  # bounded: a page of numbers stays linear
            step = _step(cands[j], cand)
            # ">=": on a tie the nearer predecessor wins, so a list in an item loses.
            if step is not None and score[j] + step + cand.bonus >= score[i]:
                score[i], back[i] = score[j] + step + cand.bonus, j
    i = max(range(len(cands)), key=lambda k: (score[k], -k))
    chain = []
    while i >= 0:
        chain.append(cands[i])
        i = back[i]
    return chain[::-1]


def next_content(lines: list[Line], i: int, end: int) -> Line | None:
    """The next non-blank line after index i (skipping a time column) before ``end``."""
    for j in range(i + 1, end):  # indexes, not a slice: slicing per line is quadratic
        if lines[j].clean and not TIME_ONLY_RE.fullmatch(lines[j].clean):
            return lines[j]
    return None


def _heading_start(lines: list[Line], i: int, start: int) -> int:
    """The heading's first line: a time column line just above the number belongs to it."""
    for j in range(i - 1, start - 1, -1):
        if lines[j].clean:
            return j if TIME_ONLY_RE.fullmatch(lines[j].clean) else i
    return i


def _bad_title(text: str) -> bool:
    """True for lines that cannot be an item title (labels, chrome, bare numbers)."""
    return (
        not re.search(r"[^\W\d_]", text)
        # "Minutes" can be an item's title; "Minutes:" is always a section label.
        or (text.endswith(":") and SECTION_RE.fullmatch(text) is not None)
        or FOOTER_RE.fullmatch(text) is not None
        or OWN_NUMBER_RE.fullmatch(text) is not None
    )


def _prior_weight(lines: list[Line], heading_line: int, start: int) -> float:
    """Prior for a heading from the line above it: the area's first line, or a list's lead-in."""
    for j in range(heading_line - 1, start - 1, -1):
        above = lines[j].clean
        if above:
            # "The Committee is asked to:" introduces a numbered list, not the next item.
            lead_in = above.endswith(":") and not SECTION_RE.fullmatch(above)
            return -0.3 if lead_in else 0.0
    return 0.5  # nothing above it in the items area: the agenda's first item


def numbered_candidates(lines: list[Line], start: int, end: int) -> list[_Candidate]:
    """Every line that could head a numbered item, in page order."""
    cands = []
    for line in lines[start:end]:
        if not line.clean:
            continue
        text = strip_time(line.clean)
        own = OWN_NUMBER_RE.fullmatch(text)
        if own:
            title_line = next_content(lines, line.index, end)
            if title_line is None or _bad_title(title_line.clean):
                continue
            number, raw_title, style = own["number"], title_line.clean, "own"
        else:
            inline = INLINE_RE.fullmatch(text)
            if not inline or MONTH_START_RE.match(inline["title"]):
                continue
            number, raw_title, style = inline["number"], inline["title"], "inline"
            title_line = line
        title = clean_title(raw_title)
        if style == "inline":
            ends_sentence = title[-1:] in ".;,:!" and not (
                title.endswith(".") and is_title_like(title)
            )
            if ends_sentence or len(title) > MAX_TITLE_CHARS or _bad_title(title):
                continue
        if not title:
            continue
        after = next_content(lines, title_line.index, end)
        confirmed = title != raw_title.strip() or (after and SECTION_RE.fullmatch(after.clean))
        key, slashed = _key(number)
        heading = Heading(_heading_start(lines, line.index, start), number, title)
        bonus = (0.05 if confirmed else 0.0) + _prior_weight(lines, heading.line, start)
        cands.append(_Candidate(heading, key, slashed, style, title_line.index, bonus))
    return cands


# What may precede a page's lone numbered heading: the "No. Item" column header, or the
# heading's own number line, maybe after a time ("1.", "23/5", "10.31 am 4.").
LONE_NUMBER_RE = re.compile(
    r"(?:\d{1,2}[.:]\d{2}\s*[ap]\.?m\.?\s*)?\d+(?:[./]\d+)?\.?\s*|(?:no\.?\s*)?items?\s*|",
    re.IGNORECASE,
)


def find_numbered(lines: list[Line], start: int, end: int) -> list[Heading]:
    """Numbered item headings ("279." above the title, "1. Title", "23/5 Title")."""
    chain = best_sequence(numbered_candidates(lines, start, end))
    if len(chain) == 1:
        first = next((ln for ln in lines[start:end] if ln.clean), None)
        heading = chain[0].heading.line
        # A lone "2. The report ..." or "2019" line deep in the text is not an agenda; only
        # its number line ("1." or "10.31 am 1.") may come before the lone heading.
        above = lines[first.index : heading] if first is not None else []
        if first is None or not all(LONE_NUMBER_RE.fullmatch(ln.clean) for ln in above):
            return []
    return [c.heading for c in chain]


def find_unnumbered(lines: list[Line], text: str, start: int, end: int) -> list[Heading]:
    """Headings of a page that prints no numbers: title-case lines after a blank line."""
    headings, prev_blank = [], True
    for line in lines[start:end]:
        raw = text[line.start : line.end].strip()
        title = clean_title(line.clean)
        if (
            prev_blank
            and title
            and (title[0].isalpha() or title[0] in "\"'\u2018\u201c")
            and title[-1] not in ".;,:!?"
            and "\t" not in raw
            and "   " not in raw
            and not _bad_title(title)
            and not SECTION_RE.fullmatch(title)
            and not HEADER_LABEL_RE.fullmatch(title)
            and is_title_like(title)
        ):
            headings.append(Heading(line.index, number_in_title(title), title))
        prev_blank = not line.clean
    return headings


def find_flattened(lines: list[Line], text: str, start: int, end: int) -> list[Heading]:
    """Headings of a table flattened to one item per line ("Title  text  Minutes: ... |")."""
    content = [ln for ln in lines[start:end] if ln.clean and not is_header_line(ln.clean)]
    flat = [
        ln
        for ln in content
        if ln.clean.endswith("|") or INLINE_SECTION_RE.search(ln.clean[1:] if ln.clean else "")
    ]
    if not flat or len(flat) * 2 < len(content):
        return []
    headings = []
    for line in content:
        raw = strip_time(text[line.start : line.end].strip())
        cells = [c for c in CELL_SPLIT_RE.split(raw) if c.strip(" |")]
        if len(cells) < 2:
            cells = re.split(r"\s(?=(?:minutes|decisions?)\s*:)", raw, maxsplit=1, flags=re.I)
        number = None
        first = cells[0].strip()
        own, inline = OWN_NUMBER_RE.fullmatch(first), INLINE_RE.fullmatch(first)
        if own and len(cells) > 1:
            number, first = own["number"], cells[1].strip()
        elif inline:
            number, first = inline["number"], inline["title"]
        title = clean_title(first)
        if title and not _bad_title(title):
            headings.append(Heading(line.index, number or number_in_title(title), title))
    return headings
