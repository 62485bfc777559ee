"""Offset helpers agree with spaCy's own (slower) Doc.text, Doc.sents and token lookup."""

from __future__ import annotations

import pytest

from extractors.common.tokens import doc_text, sentence_spans, token_index_at, token_starts
from extractors.pipeline import build_nlp

TEXTS = [
    "Apologies\n\nApologies were received.  The Chairman welcomed all.\n\n \n(c) Item 2-3rd.",
    "One line only",
    "",
    "Apologies\n\nReceived.  The Chair welcomed all.\n \n(c) Item 2-3rd.",
    "a. b",
]


@pytest.mark.parametrize("text", TEXTS)
def test_sentence_spans_equal_doc_sents(text):
    doc = build_nlp()(text)
    assert [doc_text(doc)[s:e] for s, e in sentence_spans(doc)] == [s.text for s in doc.sents]
    assert doc_text(doc) == doc.text == text


def test_token_index_at_every_character():
    doc = build_nlp().make_doc("Mr B Allbut,  Ms T Onslow\n\nand 2nd-19th")
    starts = token_starts(doc)
    for token in doc:
        for offset in range(token.idx, token.idx + len(token.text_with_ws)):
            assert token_index_at(starts, offset) == token.i
