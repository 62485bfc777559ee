"""Cue tests for Ofsted grades: which grade words are grades, and how they are asserted."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.common.fold import has_any

PATTERN_FILE = Path(__file__).parent / "patterns.jsonl"

QUOTES = "'\"‘’“”`´"
# Look this many words back for a grading verb ("rated the services as 'inadequate'").
LICENCE_WINDOW = 9
STRICT_WINDOW = 5
# Polarity cues further back than this belong to another clause or thought.
POLARITY_WINDOW = 14


@dataclass(frozen=True)
class Cue:
    """One compiled pattern from the pattern file."""

    kind: str
    value: str | None
    regex: re.Pattern[str]
    # Lower-case words one of which every match contains (empty: no such list). Text
    # whose fold() has none is skipped: the regexes are slow case-insensitive scans.
    words: tuple[str, ...] = ()

    def may_match(self, folded: str) -> bool:
        """Whether the regex could match text whose fold() is ``folded``: False means never."""
        return not self.words or has_any(folded, self.words)


@cache
def load_cues() -> dict[str, tuple[Cue, ...]]:
    """Read the pattern file once, grouped by kind, each pattern compiled case-insensitively."""
    groups: dict[str, list[Cue]] = {}
    for line in PATTERN_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        regex = re.compile(row["pattern"], re.IGNORECASE)
        cue = Cue(row["kind"], row.get("value"), regex, tuple(row.get("words", ())))
        groups.setdefault(row["kind"], []).append(cue)
    return {kind: tuple(cues) for kind, cues in groups.items()}


def cues_of(kind: str) -> tuple[Cue, ...]:
    """The compiled cues of one kind (empty if the file has none)."""
    return load_cues().get(kind, ())


@cache
def grade_regex() -> re.Pattern[str]:
    """One alternation of every grade surface form, longest forms first, whole words only."""
    parts = [f"(?P<g{i}>{cue.regex.pattern})" for i, cue in enumerate(cues_of("grade"))]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


# Every match of a grade pattern contains one of these (lower-case, found in fold()ed
# text; "RI" is matched case-sensitively, so in the text itself): text without any
# is skipped before the slow case-insensitive grade regex. Keep in step with the
# "grade" patterns (a test checks each pattern and its example).
GRADE_WORDS = ("requir", "outstanding", "good", "adequate", "satisfactory")
CASED_GRADE_WORDS = ("RI",)


def grade_of(match: re.Match[str]) -> str:
    """The canonical grade named by a match of grade_regex()."""
    names = (n for n, text in match.groupdict().items() if text and re.fullmatch(r"g\d+", n))
    index = int(next(names)[1:])
    value = cues_of("grade")[index].value
    assert value is not None
    return value


def matches_any(kind: str, text: str) -> bool:
    """Whether any cue of this kind occurs in the text."""
    return any(cue.regex.search(text) for cue in cues_of(kind))


def is_whole_word(kind: str, word: str) -> bool:
    """Whether a single word is one of the listed words of this kind."""
    return any(cue.regex.fullmatch(word) for cue in cues_of(kind))


@cache
def inspection_context_regex() -> re.Pattern[str]:
    """All inspection-context cues as one alternation (one scan per sentence, not one per cue)."""
    cues = "|".join(f"(?:{c.regex.pattern})" for c in cues_of("context"))
    return re.compile(rf"\b(?:{cues})", re.I)


def has_inspection_context(sentence: str) -> bool:
    """Whether the sentence talks about an inspection (Ofsted, inspectors, rated, judged ...)."""
    return inspection_context_regex().search(sentence) is not None


def is_inherent_grade(surface: str) -> bool:
    """Forms that only ever name the grade: "requires improvement to be good", "RI"."""
    return any(cue.regex.fullmatch(surface) for cue in cues_of("inherent"))


def clause_before(left: str) -> str:
    """The part of the text before a grade that belongs to the grade's own clause."""
    cut = 0
    for cue in cues_of("boundary"):
        for match in cue.regex.finditer(left):
            cut = max(cut, match.end())
    return left[cut:]


WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")


def words_of(text: str) -> list[str]:
    """Lower-cased words (apostrophes kept inside words) in order."""
    return [w.lower() for w in WORD.findall(text)]


def last_words(text: str, n: int) -> str:
    """The tail of the text holding its last ``n`` words."""
    starts = [m.start() for m in WORD.finditer(text)]
    return text[starts[-n] :] if len(starts) > n else text


def is_quoted(text: str, start: int, end: int) -> bool:
    """Whether the grade is written in quotes: an opening quote before it or a closing one after."""
    opens = start > 0 and text[start - 1] in QUOTES and (start < 2 or not text[start - 2].isalnum())
    closes = (
        end < len(text)
        and text[end] in QUOTES
        and (end + 1 >= len(text) or not text[end + 1].isalnum())
    )
    return opens or closes


# "Ofsted judgement: good", "Overall effectiveness - Inadequate".
LABELLED = re.compile(
    rf"(?:judge?ment|rating|grade|outcome|effectiveness)s?\s*[:\-–]\s*[{QUOTES}]*$", re.I
)


def is_licensed(left: str, strict: bool = False) -> bool:
    """Whether a grading verb or noun (rated, judged, judgement of ...) leads up to the grade.

    ``strict`` (for the legacy grades, also plain English words) wants a close verb of
    grading with no "that" clause between: "judged the council adequate".
    """
    # Not cut at "but"/commas: "judged good but not outstanding" grades both.
    left = re.split(r"[.;!?]", left)[-1]
    if LABELLED.search(left):
        return True
    words = words_of(left)[-(STRICT_WINDOW if strict else LICENCE_WINDOW) :]
    kind = "strict_licence" if strict else "licence"
    hits = [i for i, w in enumerate(words) if is_whole_word(kind, w)]
    if not hits:
        return False
    return not strict or not set(words[hits[-1] :]) & {"that", "which", "whether", "if"}


def next_word(right: str) -> str | None:
    """The first word after the grade, if nothing but spaces and quotes come before it."""
    match = re.match(rf"[\s{QUOTES}]*([A-Za-z]+(?:[-'’][A-Za-z]+)*)", right)
    return match.group(1).lower() if match else None


def follows_rating_noun(left: str, right: str) -> bool:
    """Whether a rating noun follows ("an 'inadequate' judgement", "the RI range")."""
    word = next_word(right)
    if word is None:
        return False
    if is_whole_word("rating_noun", word):
        return True
    # "the requires improvement range", but not "a good range of services".
    after_the = re.search(rf"\bthe[\s{QUOTES}]*$", left, re.I) is not None
    return after_the and is_whole_word("scale_noun", word)


def is_attributive(left: str, right: str) -> bool:
    """Whether the grade qualifies an ordinary noun ("good practice", "outstanding actions")."""
    word = next_word(right)
    if word is None or is_whole_word("follower", word):
        return False
    return not follows_rating_noun(left, right)


def polarity_of(
    clause: str, kinds: tuple[str, ...] = ("negated", "aspiration", "hypothetical")
) -> str:
    """The polarity cue nearest before the grade in its clause, else "asserted"."""
    # The original case matters: "may" the verb is a cue, "May" the month is not.
    tail = last_words(clause, POLARITY_WINDOW)
    best, best_end = "asserted", -1
    for cue in cues_of("polarity"):
        if cue.value not in kinds:
            continue
        for match in cue.regex.finditer(tail):
            if match.end() > best_end:
                best, best_end = str(cue.value), match.end()
    return best
