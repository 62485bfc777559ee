"""The first-character guards on the date regexes never change what they match."""

from __future__ import annotations

import random
import re
import sys

import pytest

from extractors.dates.vocab import compiled_patterns, load_vocab, match_starts
from tests.extractors.dates.test_scan import PAGES, TRICKY

GUARDED = compiled_patterns()
BARE = compiled_patterns(guarded=False)


def matches(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def fragments_text(seed: int) -> str:
    rng = random.Random(seed)
    pieces = [p for text in TRICKY for p in text.replace("\n", " \n ").split(" ")]
    pieces += ["\n", "٣/٤/٢٠٢٠", "FINANCIAL", "Budget", "quarter", "Q2", "1/2/03", "Fri."]
    return " ".join(rng.choices(pieces, k=60))


@pytest.mark.parametrize("name", list(BARE))
def test_guard_admits_every_match_start(name):
    """Wherever the bare pattern matches, the guarded one matches the same way."""
    texts = TRICKY + [fragments_text(seed) for seed in range(40)]
    for text in texts:
        for pos in range(len(text) + 1):
            bare = BARE[name].match(text, pos)
            guarded = GUARDED[name].match(text, pos)
            assert (bare and (bare.span(), bare.groups())) == (
                guarded and (guarded.span(), guarded.groups())
            ), (name, text, pos)


def test_guarded_patterns_agree_on_real_pages():
    assert PAGES, "no sample pages found"
    for path in PAGES:
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in BARE:
            assert matches(GUARDED[name], text) == matches(BARE[name], text), (name, path)


def test_guards_cover_every_initial():
    """Every month and weekday form (title and upper case) starts with an admitted letter."""
    vocab = load_vocab()
    starts = match_starts(vocab)
    for form in vocab.months:
        assert re.fullmatch(starts["month_year"], form[0])
    for form in vocab.weekdays:
        assert re.fullmatch(starts["day_month"], form[0])


def test_case_insensitive_guard_folds_like_the_words():
    """ "(?i:[fmb])" admits exactly the characters that can begin "(?i:financial|...)"."""
    words = re.compile("(?i:f|m|b)")
    guard = re.compile(match_starts(load_vocab())["fin_words"])
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(words.fullmatch(char)) == bool(guard.fullmatch(char)), hex(code)
