"""Trigger words in front of the slow regexes: every pattern's matches must contain one."""

from __future__ import annotations

import json
import re

import pytest

from extractors.common.fold import find_words, fold
from extractors.judgements.context import (
    CASED_GRADE_WORDS,
    GRADE_WORDS,
    PATTERN_FILE,
    cues_of,
    grade_regex,
    load_cues,
)


def top_level_alternatives(pattern: str) -> list[str]:
    """The pattern split at its top-level "|" (outside groups, classes and escapes)."""
    parts, depth, in_class, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*parts, pattern[start:]]


def test_top_level_alternatives():
    assert top_level_alternatives(r"a|(?:b|c)|[|]|\|d") == ["a", "(?:b|c)", "[|]", r"\|d"]


@pytest.mark.parametrize("cue", cues_of("grade"), ids=lambda c: c.regex.pattern)
def test_every_grade_form_holds_a_grade_word(cue):
    for part in top_level_alternatives(cue.regex.pattern):
        cased = any(word in part for word in CASED_GRADE_WORDS)
        assert cased or any(word in part.lower() for word in GRADE_WORDS), part


def test_every_example_match_holds_its_words():
    rows = [json.loads(line) for line in PATTERN_FILE.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["kind"] == "grade":
            words, cased = GRADE_WORDS, CASED_GRADE_WORDS
        elif row.get("words"):
            words, cased = tuple(row["words"]), ()
        else:
            continue
        text = row["example"]
        matches = list(re.finditer(row["pattern"], text, re.IGNORECASE))
        assert matches, row["pattern"]
        hits = find_words(fold(text), words) + find_words(text, cased)
        for match in matches:
            assert any(match.start() <= a and b <= match.end() for a, b in hits), match.group()


CUES_WITH_WORDS = [cue for cues in load_cues().values() for cue in cues if cue.words]


@pytest.mark.parametrize("cue", CUES_WITH_WORDS, ids=lambda c: f"{c.kind}:{c.regex.pattern}")
def test_every_alternative_of_a_cue_holds_one_of_its_words(cue):
    assert all(word == word.lower() for word in cue.words)
    for part in top_level_alternatives(cue.regex.pattern):
        assert any(word in part.lower() for word in cue.words), part


@pytest.mark.parametrize(
    "text",
    [
        "rated Inadequate",
        "REQUIRES\nIMPROVEMENT",
        "moved from RI to good",
        "\u017fatisfactory",  # long s: re.IGNORECASE reads it as "s"
    ],
)
def test_grade_matches_are_found_by_their_words(text):
    hits = find_words(fold(text), GRADE_WORDS) + find_words(text, CASED_GRADE_WORDS)
    for match in grade_regex().finditer(text):
        assert any(match.start() <= a and b <= match.end() for a, b in hits), match.group()
