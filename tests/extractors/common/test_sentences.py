"""The sentence component: spaCy's sentencizer rule on punctuation, plus line breaks."""

from __future__ import annotations

import pytest
import spacy

from extractors.common.sentences import LineBreakSentences

PUNCTUATED = [
    'He said "No." Then left! Did he? Yes?! ok',
    "e.g. 1.5 million. Next । Hindi danda 。 CJK stop",
    "Ends with a stop.",
    "(a) item. (b) item.) x",
    ". Leading stop",
    "One",
]


@pytest.mark.parametrize("text", PUNCTUATED)
def test_punctuation_starts_as_spacy_sentencizer(text):
    nlp = spacy.blank("en")
    ours, theirs = nlp.make_doc(text), nlp.make_doc(text)
    LineBreakSentences()(ours)
    nlp.add_pipe("sentencizer")(theirs)
    assert [s.text for s in ours.sents] == [s.text for s in theirs.sents]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Apologies\nMr A Smith\n\n\nMinutes", ["Apologies\n", "Mr A Smith\n\n\n", "Minutes"]),
        ("a \n b", ["a \n ", "b"]),
        ("no break here", ["no break here"]),
        ("\n\nStart", ["\n\n", "Start"]),
        ("end.\n", ["end.", "\n"]),  # the sentencizer rule: "\n" is not punctuation
    ],
)
def test_line_breaks_end_sentences(text, expected):
    doc = spacy.blank("en").make_doc(text)
    LineBreakSentences()(doc)
    assert [s.text for s in doc.sents] == expected
    assert doc.has_annotation("SENT_START")
