"""fold() keeps every letter re.IGNORECASE would match, so trigger tests never miss a match."""

from __future__ import annotations

import re
import string

import pytest

from extractors.common.fold import find_words, fold, has_any, spans_holding


def test_fold_covers_every_ignorecase_lookalike_of_ascii_letters():
    letters = re.compile("[a-z]", re.IGNORECASE)
    for code in range(0x110000):
        char = chr(code)
        if letters.fullmatch(char):
            folded = fold(char)
            assert len(folded) == 1 and folded in string.ascii_lowercase, hex(code)
            assert re.fullmatch(folded, char, re.IGNORECASE), hex(code)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("Rated GOOD by Ofsted", ("good",), True),
        ("\u017fatisfactory", ("satisfactory",), True),
        ("OUT\u0130NG", ("outing",), True),
        ("nothing here", ("good", "ofsted"), False),
    ],
)
def test_has_any(text, words, expected):
    assert has_any(fold(text), words) is expected


def test_find_words_finds_every_occurrence_overlaps_included():
    assert sorted(find_words("goodgood adequate", ("good", "adequate", "odg"))) == [
        (0, 4),
        (2, 5),
        (4, 8),
        (9, 17),
    ]


def test_spans_holding_wants_the_whole_hit_inside():
    spans = [(0, 10), (12, 20), (25, 30)]
    assert spans_holding([(1, 4), (9, 13), (26, 30), (21, 23)], spans) == {0, 2}
