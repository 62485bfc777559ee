"""token_rows gives what tokens.py's numpy versions give."""

from __future__ import annotations

import pytest

from extractors.common.token_rows import sentence_bounds
from extractors.common.tokens import sentence_spans
from extractors.pipeline import build_nlp


@pytest.mark.parametrize(
    "text",
    ["Apologies\n\nReceived.  The Chair welcomed all.\n \n(c) Item 2-3rd.", "One line", "", "a. b"],
)
def test_sentence_bounds_equal_sentence_spans(text):
    doc = build_nlp()(text)
    assert sentence_bounds(doc) == sentence_spans(doc)
