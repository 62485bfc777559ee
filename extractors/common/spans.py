"""The one way extractors attach spans (with their attributes) to a spaCy Doc."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

# Attributes of a span (canonical title, grade, ISO value, ...) travel with it
# into the `mentions` table as JSON, so `tables` never needs the raw text again.
if not Span.has_extension("attrs"):
    Span.set_extension("attrs", default=None)


def add_span(
    doc: Doc,
    group: str,
    start_char: int,
    end_char: int,
    label: str,
    attrs: dict[str, Any] | None = None,
) -> Span | None:
    """Add the character range as a labelled span to ``doc.spans[group]``; None if it is empty."""
    span = doc.char_span(start_char, end_char, label=label, alignment_mode="expand")
    if span is None or not span.text.strip():
        return None
    add_to_group(doc, group, [with_attrs(span, attrs)])
    return span


def with_attrs(span: Span, attrs: dict[str, Any] | None) -> Span:
    """The span, carrying (a copy of) its extractor's attributes."""
    span._.attrs = dict(attrs or {})
    return span


def add_to_group(doc: Doc, group: str, spans: list[Span] | None = None) -> None:
    """Append spans to ``doc.spans[group]``, making the group (maybe empty) when it is missing.

    Not ``doc.spans.setdefault``: spaCy's builds a new SpanGroup on every call.
    """
    if group in doc.spans:
        doc.spans[group].extend(spans or [])
    else:
        doc.spans[group] = spans or []


def spans_of(doc: Doc, group: str) -> list[Span]:
    """The spans in one group, in text order (empty if the component did not run)."""
    if group not in doc.spans:
        return []
    return sorted(doc.spans[group], key=lambda s: (s.start_char, s.end_char))
