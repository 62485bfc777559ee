"""Tests for the roles token table: it must read exactly what spaCy Tokens would."""

from __future__ import annotations

import pytest
import spacy

from extractors.roles.tokens import WordMemo, read_token_table

TEXTS = [
    "The Director of Children\u2019s Services (DCS) reported.",
    "Present:  Cllr J Ashby (Chairman)\n\nMr A Pryce (co-opted member)",
    "CHAIRMAN'S ANNOUNCEMENTS \u2013 Vice-Chairman, Well-being",
    "",
]


def table_of(doc, is_trigger=lambda text, lower: True):
    """The token table of ``doc`` and its trigger indices, with a fresh word memo."""
    return read_token_table(doc, WordMemo(is_trigger))


@pytest.mark.parametrize("text", TEXTS)
def test_table_reads_what_tokens_say(text):
    doc = spacy.blank("en")(text)
    t, triggers = table_of(doc)
    assert triggers == list(range(len(doc)))
    if not len(doc):
        assert t is None  # no token can start an office: no table is built
        return
    for k, tok in enumerate(doc):
        word = t.words[k]
        assert (word.text, word.alpha, word.lower, word.upper) == (
            tok.text,
            tok.is_alpha,
            tok.is_lower,
            tok.is_upper,
        )
        assert (word.title_case, word.space, bool(t.ws[k])) == (
            tok.is_title,
            tok.is_space,
            bool(tok.whitespace_),
        )
    for a in range(len(doc) + 1):
        for b in range(a, len(doc) + 1):
            assert t.span_text(a, b) == doc[a:b].text


def test_table_follows_a_split_token():
    """A table built after a retokenisation (as the dates component may do) sees the pieces."""
    doc = spacy.blank("en")("see 2015/16 Director")
    with doc.retokenize() as retokenizer:
        retokenizer.split(doc[1], ["2015", "/16"], heads=[(doc[1], 0), (doc[1], 0)])
    t, triggers = table_of(doc, lambda text, lower: lower == "director")
    assert [w.text for w in t.words] == ["see", "2015", "/16", "Director"]
    assert [w.trigger for w in t.words] == [False, False, False, True]
    assert triggers == [3]


def test_no_table_without_a_trigger():
    """A Doc with no word that can start an office gets no table."""
    doc = spacy.blank("en")("Members asked about the budget.")
    assert table_of(doc, lambda text, lower: lower == "director") == (None, [])


def test_memo_is_dropped_when_too_large(monkeypatch):
    """Past MAX_WORDS words the memo starts afresh, and still reads every word right."""
    monkeypatch.setattr("extractors.roles.tokens.MAX_WORDS", 2)
    memo = WordMemo(lambda text, lower: lower == "director")
    first = spacy.blank("en")("The Director said")
    read_token_table(first, memo)
    assert len(memo) == 3
    doc = spacy.blank("en")("the Director")
    t, triggers = read_token_table(doc, memo)
    assert len(memo) == 2 and triggers == [1]
    assert [w.text for w in t.words] == ["the", "Director"]
