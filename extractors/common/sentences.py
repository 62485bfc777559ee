"""A sentence-boundary component for minutes: line breaks end sentences as well as punctuation."""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, LENGTH, SENT_START
from spacy.errors import Errors
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

from extractors.common.batched import BatchedComponent
from extractors.common.fold import find_words
from extractors.common.tokens import doc_text

# The sentencizer's final punctuation: all single characters, so a token is one
# exactly when it is one character long and starts at one of them.
FINAL_CHARS = frozenset(Sentencizer.default_punct_chars)
ASCII_FINALS = tuple(sorted(c for c in FINAL_CHARS if c.isascii()))
NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Token.is_sent_start's values as stored in the token array (-1 is "not a start").
START, INSIDE = 1, np.uint64(2**64 - 1)


class LineBreakSentences(BatchedComponent):
    """Start a sentence after final punctuation (as spaCy's sentencizer) and after line breaks.

    Minutes are full of bullets, headings and table rows without final
    punctuation; punctuation alone would glue them together. Finds the marks
    and line breaks in the text with str.find, maps them to tokens by offset,
    and reads and writes the token array once per Doc: spaCy's sentencizer
    creates a Token per token, and setting ``is_sent_start`` token by token, a
    Python loop over every token, or ``np.isin`` on a page's few hundred tokens
    each cost more than finding the boundaries.
    """

    def __init__(self, *, punctuation: bool = True) -> None:
        self.punctuation = punctuation

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if doc.has_annotation("DEP"):
            raise ValueError(Errors.E043)  # as Token.is_sent_start would: parsed Docs are fixed
        text = doc_text(doc)
        table = doc.to_array([IDX, LENGTH, IS_PUNCT, SENT_START])
        # Plain lists and bisect: a page's few hundred tokens are too few for
        # numpy calls to pay for themselves.
        offsets, lengths, puncts = table[:, :3].T.tolist()
        # The first token always starts a sentence, as with spaCy's sentencizer.
        starts = {0}
        if self.punctuation:
            finals = set()
            for mark in find_final_marks(text):
                k = bisect_right(offsets, mark) - 1
                # A mark inside a longer token ("e.g.", "1.5") is not the sentencizer's.
                if offsets[k] == mark and lengths[k] == 1:
                    finals.add(k)
            starts.update(after_punctuation(sorted(finals), puncts))
        # The token holding a run of line breaks (in its text or trailing space) ends a sentence.
        starts.update(bisect_right(offsets, at) for at in find_line_breaks(text))
        starts.discard(len(offsets))
        flags = table[:, 3]
        flags[sorted(starts)] = START
        if len(starts) == 1 and len(offsets) > 1:
            # One sentence: mark the second token "inside" so the Doc still counts as
            # having sentence boundaries (spaCy ignores the first token's flag).
            flags[1] = INSIDE
        doc.from_array([SENT_START], flags.reshape(-1, 1))
        return doc


def find_final_marks(text: str) -> list[int]:
    """Offsets of the sentencizer's final marks in the text, in order.

    str.find for the ASCII ones, then a scan of non-ASCII characters only: re
    scans a class of all 128 marks, most non-ASCII, slowly.
    """
    found = [start for start, _ in find_words(text, ASCII_FINALS)]
    if not text.isascii():
        found += [m.start() for m in NON_ASCII.finditer(text) if m.group() in FINAL_CHARS]
    return sorted(found)


def find_line_breaks(text: str) -> list[int]:
    """Offsets where a run of line breaks starts."""
    found = []
    at = text.find("\n")
    while at >= 0:
        found.append(at)
        end = at + 1
        while text.startswith("\n", end):
            end += 1
        at = text.find("\n", end)
    return found


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
