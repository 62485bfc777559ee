"""A sentence-boundary component for minutes: line breaks end sentences as well as punctuation."""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import IS_PUNCT, ORTH
from spacy.language import Language
from spacy.pipeline.sentencizer import Sentencizer
from spacy.tokens import Doc

from extractors.common.tokens import doc_text, token_index_at, token_starts

NEWLINES = re.compile(r"\n+")


class LineBreakSentences:
    """Start a sentence after final punctuation (as spaCy's sentencizer) and after line breaks.

    Minutes are full of bullets, headings and table rows without final
    punctuation; punctuation alone would glue them together. Works on token
    arrays rather than Token objects: spaCy's sentencizer, which creates one
    per token, cost as much as all our extractors together.
    """

    def __init__(self, *, punctuation: bool = True) -> None:
        self.punctuation = punctuation
        self._punct: dict[int, np.ndarray] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        # The first token always starts a sentence, as with spaCy's sentencizer.
        starts = {0, *self.after_punctuation(doc)} if self.punctuation else {0}
        offsets = token_starts(doc)
        # The token holding each line break (in its text or trailing space) ends a sentence.
        for match in NEWLINES.finditer(doc_text(doc)):
            starts.add(token_index_at(offsets, match.start()) + 1)
        starts = {i for i in starts if 0 <= i < len(doc)}
        for i in sorted(starts):
            doc[i].is_sent_start = True
        if starts == {0} and len(doc) > 1:
            # One sentence: mark the second token "inside" so the Doc still counts as
            # having sentence boundaries (spaCy ignores the first token's flag).
            doc[1].is_sent_start = False
        return doc

    def after_punctuation(self, doc: Doc) -> list[int]:
        """Tokens that start a sentence by the sentencizer's rule (first non-punct after . ! ?)."""
        key = id(doc.vocab)
        if key not in self._punct:
            hashes = [doc.vocab.strings.add(c) for c in Sentencizer.default_punct_chars]
            self._punct[key] = np.array(sorted(hashes), dtype=np.uint64)
        table = doc.to_array([ORTH, IS_PUNCT])
        final = np.isin(table[:, 0], self._punct[key]).tolist()
        punct = table[:, 1].astype(bool).tolist()
        found, seen = [], False
        for i, (is_final, is_punct) in enumerate(zip(final, punct, strict=True)):
            if seen and not is_punct and not is_final:
                found.append(i)
                seen = False
            elif is_final:
                seen = True
        return found


@Language.factory("minutes_sentences", default_config={"punctuation": True})
def make_sentences_component(nlp: Language, name: str, punctuation: bool) -> LineBreakSentences:
    """Build the sentence splitter (punctuation and line breaks; no sentencizer needed)."""
    return LineBreakSentences(punctuation=punctuation)
