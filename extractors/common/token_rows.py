"""Per-Doc token tables as plain Python lists, for components that touch few tokens of a page.

numpy calls cost a few microseconds each: on a page's few hundred tokens one
``to_array`` turned into lists, then bisect and list comprehensions, is cheaper
than a chain of numpy calls (and than creating Token objects).
Build these inside a component's call: an earlier component may split tokens.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of every sentence: the same as tokens.sentence_spans, as lists."""
    if not len(doc):
        return []
    table = doc.to_array([IDX, LENGTH, SENT_START])
    # One numpy pass finds the few sentence starts among many tokens; the rest is lists.
    firsts = np.flatnonzero(table[1:, 2] == 1).tolist()
    offsets, lengths = table[:, 0].tolist(), table[:, 1].tolist()
    starts = [0] + [i + 1 for i in firsts]
    lasts = firsts + [len(offsets) - 1]
    return [(offsets[f], offsets[k] + lengths[k]) for f, k in zip(starts, lasts, strict=True)]
