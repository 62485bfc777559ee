"""Our tokenizer splits exactly as spaCy's (with the slash infix), and its chunk cache stays on."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import spacy
from spacy.attrs import IDX, NORM, ORTH, SPACY
from spacy.symbols import ORTH as ORTH_KEY

from extractors.common.tokenizer import identity_special_cases, split_slashes, tune_tokenizer
from extractors.pipeline import build_nlp

DATA = Path(__file__).parents[2] / "data"
# Pieces that meet the dropped special cases and their neighbours in every order:
# quotes and apostrophes by words and punctuation, runs of spaces, tabs and line breaks,
# dashes, and special cases that stay (emoticons, abbreviations, contractions).
PIECES = [
    "'", "’", "‘", "''", "\"", "—", "–", "-", " ", "  ", "\t", "\n", "\n\n", " \n", "\xa0",
    "Council", "Children’s", "Members'", "'Good'", "‘Outstanding’", "don't", "can’t", "e.g.",
    "p.m.", "Mr.", "Cllr", ":(", "8)", "(a)", "2.00", "3rd", ".", ",", ";", ":", "/", "Grice",
    "Samantha", "(", ")", "…", "s", "'s", "’s", "Director—Children", "x'", "'x", "’.", ".’",
]  # fmt: skip


def reference_nlp() -> spacy.language.Language:
    """spaCy's English tokenizer with only our slash infix: what the tokens must equal."""
    nlp = spacy.blank("en")
    split_slashes(nlp)
    return nlp


def token_rows(doc) -> list[list[int]]:
    return doc.to_array([ORTH, SPACY, IDX, NORM]).tolist()


def fuzz_texts(count: int, seed: int = 17) -> list[str]:
    rng = random.Random(seed)
    joins = ["", "", " ", "\n"]
    return [
        "".join(rng.choice(PIECES) + rng.choice(joins) for _ in range(rng.randint(1, 40)))
        for _ in range(count)
    ]


def fixture_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(DATA.glob("*/*.txt"))]


def test_dropped_special_cases_are_one_character_identities():
    rules = spacy.blank("en").tokenizer.rules
    dropped = identity_special_cases(rules)
    assert {"\n", " ", "'"} <= set(dropped)
    assert all(len(key) == 1 and rules[key] == [{ORTH_KEY: key}] for key in dropped)
    nlp = build_nlp(components=())
    assert not set(dropped) & set(nlp.tokenizer.rules)
    assert ":(" in nlp.tokenizer.rules  # special cases that split differently stay


@pytest.mark.parametrize("source", ["fixtures", "fuzz"])
def test_tokens_equal_spacys_own(source):
    texts = fixture_texts() if source == "fixtures" else fuzz_texts(3000)
    assert texts
    ours, reference = build_nlp(components=()), reference_nlp()
    for text in texts:
        assert token_rows(ours.make_doc(text)) == token_rows(reference.make_doc(text)), text


def counting_affix_searches(nlp) -> list[str]:
    """Record every chunk the tokenizer asks its suffix search about."""
    asked: list[str] = []
    search = nlp.tokenizer.suffix_search

    def counted(text: str):
        asked.append(text)
        return search(text)

    nlp.tokenizer.suffix_search = counted
    return asked


def test_a_pages_words_are_split_once_however_many_line_breaks():
    # A line break (a special case in spaCy's English) came before the words: spaCy's
    # tokenizer then split them afresh at every later sight.
    text = "Minutes\nThe Director's report (attached) was noted, with thanks."
    for tuned in (True, False):
        nlp = spacy.blank("en")
        if tuned:
            tune_tokenizer(nlp)
        asked = counting_affix_searches(nlp)
        before = len(asked)  # setting the search re-reads the special cases through it
        nlp.make_doc(text)
        first = len(asked) - before
        nlp.make_doc(text)
        again = len(asked) - before - first
        assert first > 0
        assert (again == 0) is tuned, "cached" if tuned else "spaCy's own now caches"


class WhitespaceTokenizer:
    """A custom tokenizer with no special cases (a trained model may bring its own)."""

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str):
        return spacy.tokens.Doc(self.vocab, words=text.split())


def test_a_custom_tokenizer_without_special_cases_is_left_as_it_is():
    nlp = spacy.blank("en")
    nlp.tokenizer = WhitespaceTokenizer(nlp.vocab)
    tune_tokenizer(nlp)
    assert [t.text for t in nlp("Grice/Samantha said so")] == ["Grice/Samantha", "said", "so"]
