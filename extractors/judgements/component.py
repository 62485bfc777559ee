"""spaCy component tagging Ofsted grades (and SEND inspection outcomes) with their attributes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from extractors.common import vocab
from extractors.common.batched import BatchedComponent
from extractors.common.fold import find_words, fold, spans_holding
from extractors.common.spans import add_span
from extractors.common.tokens import doc_text, sentence_spans
from extractors.judgements.attrs import (
    fallback_year,
    find_explicit_frameworks,
    find_framework,
    find_subject,
    index_inspection_years,
    nearest_year,
)
from extractors.judgements.context import (
    CASED_GRADE_WORDS,
    GRADE_WORDS,
    clause_before,
    cues_of,
    follows_rating_noun,
    grade_of,
    grade_regex,
    has_inspection_context,
    is_attributive,
    is_inherent_grade,
    is_licensed,
    is_quoted,
    next_word,
    polarity_of,
)
from extractors.judgements.table_rows import find_table_rows

GROUP = vocab.SPAN_GROUPS[vocab.JUDGEMENT]
# Between two grades of one list: "good or outstanding", "from 'inadequate' to 'good'".
CONNECTOR = re.compile(r"[\s,/'\"‘’“”`]*(?:(?:or|and|to|nor|and/or)\b)?[\s,/'\"‘’“”`]*", re.I)
# A list of this many different grades describes the scale, it grades nothing.
SCALE_SIZE = 4
# Also everyday words, so they need a close grading verb ("judged the council adequate").
LEGACY_GRADES = ("adequate", "satisfactory")
# A table "area" that only names the grade column: "Ofsted judgement: Good".
GRADE_LABEL = re.compile(
    r"(?:the\s+)?(?:ofsted\s+)?(?:overall\s+)?(?:judge?ment|rating|grade)s?", re.I
)
# Bullets that start a sentence in minutes are not part of its text.
BULLETS = " \t\n·•▪◦‣*–—-"


@dataclass
class Candidate:
    """A grade word in a sentence, before we know whether it is an inspection grade."""

    start: int  # offsets in the sentence
    end: int
    grade: str
    accepted: bool


def is_verb_to(right: str) -> bool:
    """Whether the grade reads "good to see", not "from inadequate to good"."""
    if next_word(right) != "to":
        return False
    after = re.sub(r"^[\s'\"‘’“”`]*to\b", "", right, count=1, flags=re.I)
    return grade_regex().match(after.lstrip(" '\"‘’“”`")) is None


def find_candidates(sentence: str) -> list[Candidate]:
    """Grade words in an inspection sentence, each marked accepted if it reads as a grade."""
    found = []
    for match in grade_regex().finditer(sentence):
        start, end = match.span()
        left, right = sentence[:start], sentence[end:]
        quoted = is_quoted(sentence, start, end)
        rated_noun = follows_rating_noun(left, right)
        if not quoted and (is_attributive(left, right) or is_verb_to(right)):
            continue  # "good practice", "an outstanding leadership team", "good to see"
        clause = clause_before(left)
        grade = grade_of(match)
        accepted = (
            quoted
            or rated_noun
            or is_inherent_grade(match.group(0))
            or is_licensed(left, strict=grade in LEGACY_GRADES)
            or (polarity_of(clause, ("aspiration", "hypothetical")) != "asserted"
                and re.search(r"\b(?:be|become|becoming|being|to|from)\W*$", clause, re.I))
        )  # fmt: skip
        found.append(Candidate(start, end, grade, bool(accepted)))
    return found


def group_candidates(sentence: str, found: list[Candidate]) -> list[list[Candidate]]:
    """Split grades into lists joined only by connectors ("good or outstanding")."""
    groups: list[list[Candidate]] = []
    for cand in found:
        if groups and CONNECTOR.fullmatch(sentence[groups[-1][-1].end : cand.start]):
            groups[-1].append(cand)
        else:
            groups.append([cand])
    return groups


def is_grade_scale(grades: list[Candidate]) -> bool:
    """Whether a list names the whole scale ("outstanding, good, requires improvement and ...")."""
    return len({c.grade for c in grades}) >= SCALE_SIZE


class ItemFacts:
    """What the whole item (the Doc) says that single sentences may not, read on first use.

    Most items grade nothing: their whole-text scans would be wasted.
    """

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans  # (start, end) of the sentences

    @cached_property
    def year_index(self) -> list[tuple[int, int]]:
        """(offset, year) of inspection years."""
        return index_inspection_years([self.sentence(k) for k in range(len(self.spans))])

    def sentence(self, k: int) -> tuple[int, str]:
        """(start, text) of the k-th sentence."""
        start, end = self.spans[k]
        return start, self.text[start:end]

    @cached_property
    def frameworks(self) -> set[str]:
        """Frameworks named outright."""
        return find_explicit_frameworks(self.text)

    @cached_property
    def inspection_context(self) -> bool:
        """Whether the item talks about an inspection anywhere."""
        return has_inspection_context(self.text)


def describe(
    facts: ItemFacts,
    grade: str | None,
    polarity: str,
    sentence: tuple[int, str],
    offset: int,
    clause: str | None,
) -> dict[str, Any]:
    """The span attributes of a grade at ``offset`` in its sentence (or table row)."""
    s_start, text = sentence
    s_year = nearest_year(text, offset)
    year = s_year if s_year is not None else fallback_year(facts.year_index, s_start + offset)
    subject = find_subject(text, offset, clause) if clause is not None else None
    framework = find_framework(
        grade, text, subject, year, s_year is not None, lambda: facts.frameworks
    )
    return {
        "grade": grade,
        "grade_rank": vocab.GRADE_RANKS[grade] if grade else None,
        "polarity": polarity,
        "subject": subject,
        "year": year,
        "sentence": text.strip().lstrip(BULLETS + "\xa0").strip(),
        "framework": framework,
    }


def tag_table_rows(doc: Doc, group: str, facts: ItemFacts, start: int = 0) -> list[tuple[int, int]]:
    """Tag each grades-table row's grade (subject = the area name); return their ranges.

    No grade starts on a line before ``start``.
    """
    taken = []
    for row_start, g_start, g_end, match in find_table_rows(
        facts.text, lambda: facts.inspection_context, start
    ):
        row = (row_start, facts.text[row_start:g_end])
        attrs = describe(facts, grade_of(match), "asserted", row, g_start - row_start, None)
        area = match.group("area").strip(BULLETS + "|:")
        attrs["subject"] = None if GRADE_LABEL.fullmatch(area) else area
        add_span(doc, group, g_start, g_end, vocab.JUDGEMENT, attrs)
        taken.append((g_start, g_end))
    return taken


def tag_sentence(
    doc: Doc, group: str, facts: ItemFacts, sentence: tuple[int, str], taken: list[tuple[int, int]]
) -> None:
    """Tag the accepted grades of one sentence; a list of grades shares one polarity."""
    s_start, text = sentence
    if not has_inspection_context(text):
        return
    found = [
        c
        for c in find_candidates(text)
        if not any(a < s_start + c.end and s_start + c.start < b for a, b in taken)
    ]
    for grades in group_candidates(text, found):
        if not any(c.accepted for c in grades) or is_grade_scale(grades):
            continue
        clause = clause_before(text[: grades[0].start])
        polarity = polarity_of(clause)
        for cand in grades:
            attrs = describe(facts, cand.grade, polarity, sentence, cand.start, clause)
            add_span(doc, group, s_start + cand.start, s_start + cand.end, vocab.JUDGEMENT, attrs)


def tag_outcomes(doc: Doc, group: str, facts: ItemFacts, sentence: tuple[int, str]) -> None:
    """Tag "written statement of action" outcomes of SEND area inspections (no grade)."""
    s_start, text = sentence
    folded = fold(text)
    for cue in cues_of("outcome"):
        if not cue.may_match(folded):
            continue
        for match in cue.regex.finditer(text):
            clause = clause_before(text[: match.start()])
            polarity = polarity_of(clause, ("negated", "hypothetical"))
            attrs = describe(facts, None, polarity, sentence, match.start(), clause)
            attrs["framework"] = "SEND_area_inspection"
            add_span(
                doc, group, s_start + match.start(), s_start + match.end(), vocab.OUTCOME, attrs
            )


class JudgementTagger(BatchedComponent):
    """Add JUDGEMENT spans for Ofsted grades and OUTCOME spans for SEND written statements."""

    def __init__(self, *, group: str = GROUP) -> None:
        self.group = group

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        folded = fold(text)
        # Trigger words found once per item decide which sentences the slow
        # case-insensitive regexes run on at all: most text names no grade.
        grade_hits = find_words(folded, GRADE_WORDS) + find_words(text, CASED_GRADE_WORDS)
        outcome_cues = [cue for cue in cues_of("outcome") if cue.may_match(folded)]
        if not (grade_hits or outcome_cues):
            return doc
        spans = sentence_spans(doc)
        facts = ItemFacts(text, spans)
        taken = []
        if grade_hits:
            # Every grade holds a trigger word on its first line (grades that run over
            # lines start with "requir"), so none starts on a line above the first.
            first = min(start for start, _ in grade_hits)
            taken = tag_table_rows(doc, self.group, facts, text.rfind("\n", 0, first) + 1)
        graded = spans_holding(grade_hits, spans)
        outcomes = set(range(len(spans))) if outcome_cues else set()
        for k in sorted(graded | outcomes):
            if k in graded:
                tag_sentence(doc, self.group, facts, facts.sentence(k), taken)
            if k in outcomes:
                tag_outcomes(doc, self.group, facts, facts.sentence(k))
        return doc


@Language.factory("minutes_judgements", default_config={"group": GROUP})
def make_judgements_component(nlp: Language, name: str, group: str) -> JudgementTagger:
    """Build the Ofsted judgements tagger."""
    return JudgementTagger(group=group)
