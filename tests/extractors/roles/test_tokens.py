"""Tests for the roles token table: it must read exactly what spaCy Tokens would."""

from __future__ import annotations

import pytest
import spacy

from extractors.roles.tokens import WordMemo, build_token_table, read_columns

TEXTS = [
    "The Director of Children\u2019s Services (DCS) reported.",
    "Present:  Cllr J Ashby (Chairman)\n\nMr A Pryce (co-opted member)",
    "CHAIRMAN'S ANNOUNCEMENTS \u2013 Vice-Chairman, Well-being",
    "",
]


def table_of(doc):
    """The token table of ``doc`` with a fresh word memo."""
    memo = WordMemo(lambda text, lower: lower == "director")
    orth, spacy_col = (c.tolist() for c in read_columns(doc).T)
    memo.learn(doc.vocab, set(orth))
    return build_token_table(orth, spacy_col, memo), memo


@pytest.mark.parametrize("text", TEXTS)
def test_table_reads_what_tokens_say(text):
    doc = spacy.blank("en")(text)
    t, _ = table_of(doc)
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
    t, memo = table_of(doc)
    assert [w.text for w in t.words] == ["see", "2015", "/16", "Director"]
    assert [w.trigger for w in t.words] == [False, False, False, True]
    assert memo.learn(doc.vocab, {doc[3].orth}) == {doc[3].orth}
