"""The `minutes_dates` component: UK dates, ranges and financial years as DATE spans."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractors.common import vocab
from extractors.common.batched import BatchedComponent
from extractors.common.spans import add_span, add_to_group, with_attrs
from extractors.common.tokens import doc_text, token_index_at, token_starts
from extractors.dates.scan import find_dates


class DateTagger(BatchedComponent):
    """Add every date in the Doc to a span group, with ISO value, precision and year source.

    Attrs per span: value, precision, start, end, year_source, day, month, year,
    weekday (0 = Monday, when written), weekday_mismatch, range_role. Year-less
    dates ("26 January") carry value None until ``resolve_date`` gives them the
    meeting's year.
    """

    def __init__(
        self, *, span_group: str = vocab.SPAN_GROUPS[vocab.DATE], include_years: bool = True
    ) -> None:
        self.span_group = span_group
        # Bare years ("the 2019 inspection") help judgements find a year; a
        # caller wanting only calendar dates can switch them off.
        self.include_years = include_years

    def __call__(self, doc: Doc) -> Doc:
        dates = find_dates(doc_text(doc), years=self.include_years)
        # A strict span exists exactly when the date starts and ends on token
        # boundaries (its first and last characters are never spaces). Then no
        # token needs splitting and it is the span add_span would make (a date
        # holds digits, so it is never blank).
        spans = [doc.char_span(found.start, found.end, label=vocab.DATE) for found in dates]
        if None not in spans:
            pairs = zip(spans, dates, strict=True)
            add_to_group(doc, self.span_group, [with_attrs(s, f.attrs) for s, f in pairs])
            return doc
        split_tokens(doc, [offset for found in dates for offset in (found.start, found.end)])
        add_to_group(doc, self.span_group)
        for found in dates:
            add_span(doc, self.span_group, found.start, found.end, vocab.DATE, found.attrs)
        return doc


def split_tokens(doc: Doc, offsets: list[int]) -> None:
    """Split tokens that a date boundary falls inside ("2nd-19th" is one token, two dates)."""
    starts = token_starts(doc)
    cuts_by_token: dict[int, list[int]] = {}
    for cut in sorted(set(offsets)):
        i = token_index_at(starts, cut)
        if i < 0:
            continue
        token = doc[i]
        if token.idx < cut < token.idx + len(token.text):
            cuts_by_token.setdefault(i, []).append(cut - token.idx)
    if not cuts_by_token:
        return
    with doc.retokenize() as retokenizer:
        for i, inner in cuts_by_token.items():
            token = doc[i]
            bounds = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces))


@Language.factory(
    "minutes_dates",
    default_config={"span_group": vocab.SPAN_GROUPS[vocab.DATE], "include_years": True},
)
def make_dates_component(
    nlp: Language, name: str, span_group: str, include_years: bool
) -> DateTagger:
    """Build the date tagger (patterns: extractors/dates/patterns.jsonl)."""
    return DateTagger(span_group=span_group, include_years=include_years)
