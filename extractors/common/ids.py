"""Stable ids of tagged spans: the same page, offsets and label give the same id on every run."""

from __future__ import annotations


def mention_id(doc_id: str, start_char: int, end_char: int, label: str) -> str:
    """The id of a span: "<doc_id>:<start>-<end>:<LABEL>" (readable, and a join key)."""
    return f"{doc_id}:{start_char}-{end_char}:{label}"
