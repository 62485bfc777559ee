"""A sentence-boundary component for minutes: line breaks end sentences as well as punctuation."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class LineBreakSentences:
    """Mark a sentence start after every token that contains a line break.

    Minutes are full of bullets, headings and table rows without final
    punctuation; the punctuation-only sentencizer would glue them together.
    """

    def __call__(self, doc: Doc) -> Doc:
        for i, token in enumerate(doc[:-1]):
            if "\n" in token.text or "\n" in token.whitespace_:
                doc[i + 1].is_sent_start = True
        return doc


@Language.factory("minutes_sentences")
def make_sentences_component(nlp: Language, name: str) -> LineBreakSentences:
    """Build the line-break sentence splitter (runs after spaCy's sentencizer)."""
    return LineBreakSentences()
