"""Attributes of an Ofsted grade: what was graded, the inspection year and the framework."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from extractors.common.fold import fold
from extractors.judgements.context import cues_of, has_inspection_context

# A four-digit year, but not part of a financial year ("2018-19", "2015/16") or an amount.
YEAR = re.compile(r"(?<![\d/£$.,-])((?:19[89]|20[0-4])\d)(?![\d%]|\s?[/-]\s?\d)")
GRADING_VERB = re.compile(
    r"\b(?:rated|judged|graded|deemed|found|assessed|inspected|received|achieved|awarded"
    r"|retained|maintained|downgraded|upgraded|moved|improved)\b",
    re.I,
)
# An active grading verb with its object, right before the grade: "rated the services as".
ACTIVE_OBJECT = re.compile(
    r"\b(?:rated|judged|graded|deemed|found|assessed|moved|considered)\s+"
    r"(?P<np>(?:the|its|their|our|[A-Z][\w'’-]*)\b[^,;]*?)"
    r"(?:\s+(?:as|to\s+be|to|from|being))?[\s'\"‘’“”`]*$"
)
# The inspectors are who grades, not what is graded.
GRADERS = re.compile(r"ofsted|inspect|hmi\b|\bcqc\b", re.I)
# Words between a subject and its grading verb ("Schools which had previously been judged").
AUXILIARIES = {
    "which", "that", "who", "has", "have", "had", "was", "were", "is", "are", "be", "been",
    "being", "previously", "now", "also", "all", "not", "no", "longer", "never", "again",
    "already", "recently", "subsequently", "then", "since", "each", "both", "currently",
}  # fmt: skip
DETERMINERS = {"the", "its", "their", "his", "her", "our", "this", "these", "those", "every"}
# Words that end a noun phrase when reading backwards from a grading verb.
NP_STOPS = {
    "of", "about", "whether", "in", "on", "for", "with", "to", "by", "and", "or", "there",
    "a", "an", "from", "at", "as", "than", "how", "many", "number", "proportion",
}  # fmt: skip
PRONOUNS = {"it", "they", "he", "she", "we", "this", "which", "that", "who", "these"}
MAX_SUBJECT_WORDS = 6
# Children's services frameworks by inspection year (SIF from Nov 2013, ILACS from 2018).
SIF_FIRST_YEAR, ILACS_FIRST_YEAR = 2013, 2018


def find_subject_before_verb(clause: str) -> str | None:
    """The noun phrase before a passive grading verb ("the Authority had been judged")."""
    verbs = list(GRADING_VERB.finditer(clause))
    if not verbs:
        return None
    words = re.findall(r"[\w'’-]+", clause[: verbs[-1].start()])
    while words and words[-1].lower() in AUXILIARIES:
        words.pop()
    phrase: list[str] = []
    while words and len(phrase) < MAX_SUBJECT_WORDS:
        word = words.pop()
        low = word.lower()
        if low in NP_STOPS:
            break
        if low in AUXILIARIES and low not in ("all", "each", "both"):
            return None  # a verb stands between: "the Service was surprised to be judged"
        phrase.insert(0, word)
        if low in DETERMINERS:
            break
    if not phrase or all(w.lower() in DETERMINERS | PRONOUNS for w in phrase):
        return None
    if GRADERS.search(" ".join(phrase)):
        return None
    return " ".join(phrase)


def find_subject(sentence: str, grade_start: int, clause: str) -> str | None:
    """What was graded, as short text: the object or subject of the grading verb, else a cue."""
    folded = fold(sentence)
    hits = [
        m
        for cue in cues_of("subject")
        if cue.may_match(folded)
        for m in cue.regex.finditer(sentence)
    ]
    verbs = list(GRADING_VERB.finditer(sentence[:grade_start]))
    # A service named after the verb is this grade's: "and children's services 'inadequate'".
    after_verb = [
        m for m in hits if verbs and verbs[-1].end() < m.start() and m.end() <= grade_start
    ]
    active = ACTIVE_OBJECT.search(clause)
    if active and not GRADERS.search(active.group("np")):
        return active.group("np").strip()
    if after_verb:
        return tidy(max(after_verb, key=lambda m: m.end()).group(0))
    passive = find_subject_before_verb(clause)
    if passive:
        return passive
    if not hits:
        return None
    before = [m for m in hits if m.end() <= grade_start]
    best = max(before, key=lambda m: m.end()) if before else min(hits, key=lambda m: m.start())
    return tidy(best.group(0))


def tidy(text: str) -> str:
    """Collapse runs of whitespace."""
    return re.sub(r"\s+", " ", text).strip()


def find_years(text: str) -> list[tuple[int, int]]:
    """(offset, year) of every plain year in the text."""
    return [(m.start(), int(m.group(1))) for m in YEAR.finditer(text)]


def nearest_year(text: str, position: int) -> int | None:
    """The year written nearest to ``position`` in the text (earlier one on a tie)."""
    years = find_years(text)
    if not years:
        return None
    return min(years, key=lambda y: (abs(y[0] - position), y[0] > position))[1]


def index_inspection_years(sentences: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(doc offset, year) of years in sentences about an inspection, in text order."""
    found = []
    for start, text in sentences:
        # Years first: most sentences have none, and the context regex is the slower scan.
        years = find_years(text)
        if years and has_inspection_context(text):
            found += [(start + offset, year) for offset, year in years]
    return sorted(found)


def fallback_year(index: list[tuple[int, int]], position: int) -> int | None:
    """The inspection year last mentioned before ``position`` in the item, else the next one."""
    if not index:
        return None
    i = bisect_left(index, (position, 0))
    return index[i - 1][1] if i > 0 else index[0][1]


def find_explicit_frameworks(text: str) -> set[str]:
    """Frameworks named outright in the text (ILACS, SIF, SEND, legacy reviews)."""
    folded = fold(text)
    return {
        str(cue.value)
        for cue in cues_of("framework")
        if cue.value != "school_inspection" and cue.may_match(folded) and cue.regex.search(text)
    }


def is_school_subject(subject: str | None) -> bool:
    """Whether the graded thing is a school or other education provider."""
    return subject is not None and matches_any_school(subject)


def framework_by_year(year: int | None) -> str | None:
    """The children's services framework in force in that year."""
    if year is None:
        return None
    if year < SIF_FIRST_YEAR:
        return "legacy"
    return "SIF" if year < ILACS_FIRST_YEAR else "ILACS"


def find_framework(
    grade: str | None,
    sentence: str,
    subject: str | None,
    year: int | None,
    year_in_sentence: bool,
    doc_frameworks: Callable[[], set[str]],
) -> str | None:
    """The inspection framework: named in the sentence, implied by school words, grade or year.

    ``doc_frameworks`` gives those named anywhere in the item (a scan of the whole
    item, so asked only when nothing closer decides).
    """
    if is_school_subject(subject):
        return "school_inspection"
    named = find_explicit_frameworks(sentence)
    for framework in ("SEND_area_inspection", "ILACS", "SIF", "legacy"):
        if framework in named:
            return framework
    schoolish = subject is None and matches_any_school(sentence)
    if schoolish or (grade == "satisfactory" and matches_any_school(sentence)):
        return "school_inspection"
    if grade in ("adequate", "satisfactory"):
        return "legacy"
    if year_in_sentence:
        return framework_by_year(year)
    in_item = doc_frameworks()
    if len(in_item) == 1:
        return next(iter(in_item))
    return framework_by_year(year)


def matches_any_school(text: str) -> bool:
    """Whether the text mentions schools or other education providers."""
    folded = fold(text)
    return any(
        cue.value == "school_inspection" and cue.may_match(folded) and cue.regex.search(text)
        for cue in cues_of("framework")
    )
