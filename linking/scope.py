"""What a judgement in the minutes grades: the council's children's services (as a whole, one
of Ofsted's sub-judgements, or all of them), or something out of scope and why.

Out of scope: a school's grade, a SEND area inspection, another inspectorate's finding,
a service Ofsted inspects on its own (a children's home, a fostering agency, a college),
another council's services. The graded thing is read from the judgement's `subject`,
then from the words just before the grade in its sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from linking.councils import council_key
from linking.vocab import (
    AFTER,
    ALL_AREAS,
    BEFORE,
    OFSTED,
    OTHER_INSPECTORATES,
    OVERALL,
    SCHOOLS,
    SEPARATE_SERVICES,
    SUB_JUDGEMENT_CUES,
)


@dataclass(frozen=True)
class Scope:
    """A judgement's scope (None when out of scope) and the reason for it."""

    scope: str | None
    reason: str


def grade_position(sentence: str, text: str) -> int:
    """Where the grade as written sits in its sentence (0 when it cannot be found)."""
    found = sentence.find(text)
    return max(found, 0)


def other_council(text: str, own: set[str], councils: Mapping[str, str]) -> str | None:
    """A council other than the page's own named in the text ("Cornwall Council", "Kent's")."""
    pattern = r"((?:[A-Z][\w'\u2019&,-]*\s+(?:and\s+|upon\s+|on\s+)?){0,4}[A-Z][\w'\u2019&-]*)"
    for m in re.finditer(pattern, text):
        words = m.group(1).split()
        # Every run of the capitalised words: "Cornwall Council", "Gloucestershire County".
        for i in range(len(words)):
            for j in range(len(words), i, -1):
                key = council_key(" ".join(words[i:j]).rstrip(",'\u2019s"))
                phrase = " ".join(words[i:j])
                at_start = m.start() == 0 and i == 0
                named = key in councils and key not in own
                # A lone first word of a sentence may be a verb ("Reading", "Bury").
                if named and (not at_start or j - i > 1 or re.search(r"['\u2019]s$", phrase)):
                    return councils[key]
    return None


def scope_of_grade(
    sentence: str, position: int, length: int
) -> tuple[str, str]:  # (scope, what named it)
    """The scope named around a grade: all areas, a sub-judgement, else overall."""
    after = sentence[position + length : position + length + AFTER]
    before = sentence[max(0, position - BEFORE) : position]
    if ALL_AREAS.search(after) or ALL_AREAS.search(before[-30:]):
        return "all_judgements", "every judgement ('in all areas')"
    best: tuple[int, str, str] | None = None
    for scope, cue in SUB_JUDGEMENT_CUES.items():
        for m in cue.finditer(before):
            distance = len(before) - m.end()
            if best is None or distance < best[0]:
                best = (distance, scope, m.group(0))
        for m in cue.finditer(after):
            if best is None or m.start() < best[0]:
                best = (m.start(), scope, m.group(0))
    if best is not None:
        return best[1], f"the sub-judgement '{best[2]}'"
    if OVERALL.search(before) or OVERALL.search(after):
        return "overall", "overall effectiveness"
    return "overall", "the children's services as a whole"


def classify(judgement: Mapping, own: set[str], councils: Mapping[str, str]) -> Scope:
    """The scope of one judgement row (grade, text, subject, framework, sentence)."""
    sentence = judgement.get("sentence") or judgement.get("text") or ""
    subject = judgement.get("subject") or ""
    framework = judgement.get("framework")
    if framework == "school_inspection" or SCHOOLS.search(subject):
        return Scope(None, "a school's grade (school inspection), not the council's")
    if framework == "SEND_area_inspection":
        return Scope(None, "a SEND area inspection (Ofsted and CQC): no children's services grade")
    position = grade_position(sentence, judgement.get("text") or "")
    before = sentence[max(0, position - BEFORE) : position]
    if OTHER_INSPECTORATES.search(sentence) and not OFSTED.search(sentence):
        found = OTHER_INSPECTORATES.search(sentence).group(0)
        return Scope(None, f"another inspectorate's finding ({found})")
    # What was graded: the subject when the extractor found one, else the words before.
    service = SEPARATE_SERVICES.search(subject or before[-50:])
    if service:
        return Scope(None, f"a service Ofsted inspects on its own ({service.group(0)})")
    council = other_council(subject, own, councils) or other_council(before, own, councils)
    if council:
        return Scope(None, f"another council's services ({council})")
    scope, named = scope_of_grade(sentence, position, len(judgement.get("text") or ""))
    return Scope(scope, named)
