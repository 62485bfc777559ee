"""Page text with every mention as one highlight element, nested or overlapping spans included."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from report.labels import css_class

# Attributes too long for a tooltip (the sentence is the text around the mark).
HIDDEN_ATTRS = frozenset({"sentence"})
# What a reader checks first, when a mention has it; the other attributes follow in their order.
FIRST_ATTRS = ("grade", "polarity", "year", "title", "remit", "value", "context", "name")


@dataclass(frozen=True)
class Span:
    """A mention to highlight: page offsets, label and the attributes of its element."""

    start: int
    end: int
    label: str
    attrs: dict[str, str] = field(default_factory=dict)


def describe_attrs(label: str, raw: str | dict | None) -> str:
    """The tooltip of a mention: its label, then one `name: value` line per attribute set."""
    values = json.loads(raw) if isinstance(raw, str) and raw else (raw or {})
    lines = [label]
    order = sorted(values, key=lambda k: FIRST_ATTRS.index(k) if k in FIRST_ATTRS else 99)
    for name, value in ((k, values[k]) for k in order):
        if value is None or value == "" or name in HIDDEN_ATTRS:
            continue
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value
        lines.append(f"{name.replace('_', ' ')}: {shown}")
    return "\n".join(lines)


def mention_span(mention: dict) -> Span:
    """The highlight of one `mentions` row (page offsets, label, tooltip, its id when known)."""
    attrs = {
        "data-label": mention["label"],
        "data-start": str(mention["start_char"]),
        "data-end": str(mention["end_char"]),
        "data-tip": describe_attrs(mention["label"], mention.get("attrs")),
        "tabindex": "0",
    }
    if mention.get("mention_id"):
        attrs["id"] = f"m-{mention['mention_id']}"
    return Span(mention["start_char"], mention["end_char"], mention["label"], attrs)


def open_tag(span: Span, continued: bool) -> str:
    """The opening tag of a span's element; a continuation (after a crossing) has no data."""
    classes = f"m {css_class(span.label)}" + (" cont" if continued else "")
    attrs = {} if continued else span.attrs
    extra = "".join(f' {k}="{escape(v)}"' for k, v in attrs.items())
    return f'<mark class="{classes}"{extra}>'


def render_text(text: str, lo: int, hi: int, spans: Iterable[Span]) -> Markup:
    """text[lo:hi] escaped, with one element per span (offsets in text; clipped to lo..hi).

    Spans nest as elements; when two spans cross, the inner one is closed where
    the outer ends and goes on as a continuation element without data, so each
    span keeps exactly one element carrying its label and offsets.
    """
    todo: Sequence[Span] = sorted(
        (s for s in spans if s.start < hi and s.end > lo or lo <= s.start == s.end <= hi),
        key=lambda s: (max(s.start, lo), -min(s.end, hi)),
    )
    end_of = {id(s): min(s.end, hi) for s in todo}
    cuts = sorted({lo, hi, *(max(s.start, lo) for s in todo), *end_of.values()})
    out: list[str] = []
    stack: list[Span] = []
    pos, nxt = lo, 0
    for cut in cuts:
        out.append(str(escape(text[pos:cut])))
        pos = cut
        reopen = []
        while any(end_of[id(s)] == cut for s in stack):
            span = stack.pop()
            out.append("</mark>")
            if end_of[id(span)] != cut:
                reopen.append(span)
        starting = []
        while nxt < len(todo) and max(todo[nxt].start, lo) == cut:
            starting.append(todo[nxt])
            nxt += 1
        opened = sorted(reopen + starting, key=lambda s: -end_of[id(s)])
        for span in opened:
            out.append(open_tag(span, continued=any(span is r for r in reopen)))
            if end_of[id(span)] == cut:  # an empty span: nothing to wrap
                out.append("</mark>")
            else:
                stack.append(span)
    return Markup("".join(out))
