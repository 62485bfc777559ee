"""Typed table rows from mention rows: the `tables` stage's pure logic."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from extractors.common import vocab
from extractors.dates.parse import resolve_date

SPAN_COLUMNS = ("doc_id", "mention_id", "item_id", "text", "start_char", "end_char")
# Columns each typed table takes from a mention's attrs (the rest stay in `mentions`).
ATTR_COLUMNS = {
    "roles": ("title", "category", "remit", "organisation", "person", "person_id", "resolved_from"),
    "people": ("name", "honorific", "surname", "role", "role_id", "context"),
    "dates": ("value", "precision", "start", "end", "year_source", "weekday_mismatch"),
    "judgements": ("grade", "grade_rank", "polarity", "subject", "year", "framework", "sentence"),
}
TABLE_LABELS = {
    "roles": vocab.ROLE,
    "people": vocab.PERSON,
    "dates": vocab.DATE,
    "judgements": vocab.JUDGEMENT,
}


def build_records(
    mentions: Iterable[Mapping[str, Any]], meeting_dates: Mapping[str, date | None]
) -> dict[str, list[dict[str, Any]]]:
    """Rows of roles, people, dates and judgements from mention rows and pages' meeting dates."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_LABELS}
    by_label = {label: name for name, label in TABLE_LABELS.items()}
    for mention in mentions:
        name = by_label.get(mention["label"])
        if name is None:
            continue
        attrs = json.loads(mention["attrs"] or "{}")
        if name == "dates":
            if attrs.get("precision") == "year":
                # A bare year ("the 2019 inspection") names an event rather than a
                # calendar date: it stays in `mentions` (label DATE) for analysts and
                # for judgement years, and out of `dates`, which holds calendar dates.
                continue
            attrs = resolve_date(attrs, meeting_dates.get(mention["doc_id"]))
            if not attrs.get("value"):
                # A year-less date on a page with no meeting date has no value to
                # give; it stays visible in `mentions` (label DATE).
                continue
            attrs["start"] = date.fromisoformat(attrs["start"])
            attrs["end"] = date.fromisoformat(attrs["end"])
            attrs["weekday_mismatch"] = bool(attrs.get("weekday_mismatch"))
        row = {key: mention[key] for key in SPAN_COLUMNS}
        row.update({key: attrs.get(key) for key in ATTR_COLUMNS[name]})
        tables[name].append(row)
    return tables
