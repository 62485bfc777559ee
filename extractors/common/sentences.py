"""A sentence-boundary component for minutes: line breaks end sentences as well as punctuation."""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LENGTH, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

from extractors.common.tokens import doc_text

# The sentencizer's final punctuation, as a lookup table by code point: all are
# single characters, so a token is one exactly when it is one character long
# and its character is in the table (the last entry, False, takes every higher one).
_FINAL_CODES = [ord(c) for c in Sentencizer.default_punct_chars]
IS_FINAL = np.zeros(max(_FINAL_CODES) + 2, dtype=bool)
IS_FINAL[_FINAL_CODES] = True
NEWLINE = ord("\n")
# Token.is_sent_start's values as stored in the token array (-1 is "not a start").
START, INSIDE = 1, np.uint64(2**64 - 1)


class LineBreakSentences:
    """Start a sentence after final punctuation (as spaCy's sentencizer) and after line breaks.

    Minutes are full of bullets, headings and table rows without final
    punctuation; punctuation alone would glue them together. Works on arrays of
    the Doc's code points and token offsets, read and written once per Doc:
    spaCy's sentencizer creates a Token per token, and setting ``is_sent_start``
    token by token, a Python loop over every token or character, or ``np.isin``
    on a page's few hundred tokens each cost more than finding the boundaries.
    """

    def __init__(self, *, punctuation: bool = True) -> None:
        self.punctuation = punctuation

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # as Token.is_sent_start would: parsed Docs are fixed
        codes = np.frombuffer(doc_text(doc).encode("utf-32-le"), dtype=np.uint32)
        table = doc.to_array([IDX, LENGTH, IS_PUNCT, SENT_START])
        offsets = table[:, 0].astype(np.int64)  # int64: searches of uint64 by int go via float
        # The first token always starts a sentence, as with spaCy's sentencizer.
        starts = {0}
        if self.punctuation:
            single = table[:, 1] == 1
            finals = single & IS_FINAL[np.minimum(codes[offsets], len(IS_FINAL) - 1)]
            starts.update(after_punctuation(np.flatnonzero(finals).tolist(), table[:, 2].tolist()))
        # The token holding a run of line breaks (in its text or trailing space) ends a sentence.
        newline = codes == NEWLINE
        newline[1:] &= ~newline[:-1]
        runs = np.flatnonzero(newline)
        if len(runs):
            starts.update(offsets.searchsorted(runs, side="right").tolist())
        starts.discard(len(offsets))
        flags = table[:, 3]
        flags[sorted(starts)] = START
        if len(starts) == 1 and len(offsets) > 1:
            # One sentence: mark the second token "inside" so the Doc still counts as
            # having sentence boundaries (spaCy ignores the first token's flag).
            flags[1] = INSIDE
        doc.from_array([SENT_START], flags.reshape(-1, 1))
        return doc


def after_punctuation(finals: list[int], puncts: list[int]) -> list[int]:
    """Tokens that start a sentence by the sentencizer's rule (first non-punct after . ! ?).

    ``finals`` are the indices of final-mark tokens in order, ``puncts`` every
    token's IS_PUNCT.
    """
    found, resume, size, final_set = [], 0, len(puncts), set(finals)
    for i in finals:
        if i < resume:
            continue
        # Skip the run of punctuation after the final mark (closing quotes, "?!").
        j = i + 1
        while j < size and (puncts[j] or j in final_set):
            j += 1
        if j < size:
            found.append(j)
        resume = j + 1
    return found


@Language.factory("minutes_sentences", default_config={"punctuation": True})
def make_sentences_component(nlp: Language, name: str, punctuation: bool) -> LineBreakSentences:
    """Build the sentence splitter (punctuation and line breaks; no sentencizer needed)."""
    return LineBreakSentences(punctuation=punctuation)
