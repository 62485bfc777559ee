"""Fast token lookups by character offset, without creating a Token object per token.

Iterating a Doc builds a Python Token for every token, which cost more than all
our matching; components instead find the few tokens they need by offset.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc

# Where the Doc's text is kept (pipeline.make_doc puts it there before any component runs).
TEXT_KEY = "minutes_text"


def token_starts(doc: Doc) -> np.ndarray:
    """Character offset of every token's first character, in token order."""
    return doc.to_array(IDX).astype(np.int64)


def token_index_at(starts: np.ndarray, char: int) -> int:
    """Index of the token whose text or trailing whitespace holds character ``char``."""
    return int(np.searchsorted(starts, char, side="right")) - 1


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of every sentence, exactly as ``Span.text`` of ``doc.sents`` spans."""
    if not len(doc):
        return []
    table = doc.to_array([IDX, LENGTH, SENT_START])
    # One numpy pass finds the few sentence starts among many tokens; the rest is plain
    # lists (numpy calls on a page's few hundred tokens cost more than they save).
    firsts = np.flatnonzero(table[1:, 2] == 1).tolist()
    offsets, lengths = table[:, 0].tolist(), table[:, 1].tolist()
    starts = [0] + [i + 1 for i in firsts]
    lasts = firsts + [len(offsets) - 1]
    return [(offsets[f], offsets[k] + lengths[k]) for f, k in zip(starts, lasts, strict=True)]


def doc_text(doc: Doc) -> str:
    """The Doc's text, joined once per Doc and kept (``Doc.text`` re-joins every token each call).

    Safe to keep: our components only split tokens, which never changes the text.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
