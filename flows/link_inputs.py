"""What the `link` stage reads: the pages' rows from the earlier tables, held compactly.

The stage recomputes whole councils, whose pages lie anywhere in doc_id order, so
it holds the input columns of every page it recomputes. They stay in Arrow, with
repeated values (titles, grades, names, doc_ids) read as dictionaries, and a page's
rows are found as one slice; only the rows of the councils in hand become Python
values. Holding them as Python rows, or a row index per page, cost about 4 kB a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from flows import table_reader
from flows.config import RunConfig

# What each table gives the linking (read for the pages of the councils recomputed).
INPUT_COLUMNS = {
    "page_people": ["mention_id", "doc_id", "name", "surname", "role_id", "start_char"],
    "roles": [
        "mention_id", "doc_id", "text", "title", "category", "remit", "organisation",
        "person_id", "resolved_from", "start_char",
    ],
    "judgements": [
        "mention_id", "doc_id", "grade", "polarity", "subject", "year", "framework", "text",
        "sentence",
    ],
    "attendance": ["doc_id", "seq", "name", "role", "key_posts"],
}  # fmt: skip
# Columns whose values repeat across rows (a page's doc_id, vocabularies, a council's
# names and titles, short span texts): read as dictionaries. Ids and sentences are not.
REPEATED = {
    "doc_id", "name", "surname", "text", "title", "category", "remit", "organisation",
    "resolved_from", "grade", "polarity", "subject", "framework", "role",
}  # fmt: skip
ROWS_PER_READ = 4096  # rows turned into Python values at a time


def plain_rows(
    config: RunConfig, table: str, columns: list[str] | None = None, doc_ids=None
) -> list[dict[str, Any]]:
    """A table's rows (some columns, some pages) as plain Python values: None, dates, lists."""
    rows = table_reader.read_stored(config.out_dir, table, columns, doc_ids)
    if rows is None:
        return []
    return list(as_dicts(rows, columns or rows.column_names))


def as_dicts(rows: pa.Table, columns: list[str]) -> Iterator[dict[str, Any]]:
    """Rows as dicts of every column (None when the table lacks one), a few thousand at a
    time: never every row's Python values and their dicts at once."""
    for batch in rows.to_batches(ROWS_PER_READ):
        for row in batch.to_pylist():
            yield {c: row.get(c) for c in columns}


class InputTable:
    """One input table's columns, read once, whose rows are then taken page by page.

    Reading the table filtered by the doc_ids of each chunk of councils scanned the
    whole table per chunk: quadratic in the archive.
    """

    def __init__(self, config: RunConfig, table: str, doc_ids: set[str]) -> None:
        self.columns = INPUT_COLUMNS[table]
        self.span_of: dict[str, tuple[int, int]] = {}
        self.table: pa.Table | None = None
        if not doc_ids:
            return
        rows = table_reader.read_stored(config.out_dir, table, self.columns, doc_ids, REPEATED)
        if rows is not None:
            self.table, self.span_of = page_slices(rows)

    def rows(self, doc_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """doc_id -> its rows as plain Python values (every input column, None when absent)."""
        spans = [self.span_of[d] for d in doc_ids if d in self.span_of]
        if self.table is None or not spans:
            return {}
        taken = self.table.take(np.concatenate([np.arange(*span) for span in spans]))
        found: dict[str, list[dict[str, Any]]] = {}
        for row in as_dicts(taken, self.columns):
            found.setdefault(row["doc_id"], []).append(row)
        return found


def page_slices(rows: pa.Table) -> tuple[pa.Table, dict[str, tuple[int, int]]]:
    """The rows grouped by page (as written: tables are in doc_id order, else sorted here),
    and each page's (start, stop) among them."""
    ids = rows.column("doc_id").cast(pa.string()).combine_chunks()
    if not table_reader.in_doc_order(ids):
        rows = rows.sort_by([("doc_id", "ascending")])
        ids = rows.column("doc_id").cast(pa.string()).combine_chunks()
    if not len(ids):
        return rows, {}
    changes = pc.not_equal(ids[1:], ids[:-1]).to_numpy(zero_copy_only=False)
    starts = np.concatenate([[0], np.flatnonzero(changes) + 1])
    stops = np.append(starts[1:], len(ids))
    pages = ids.take(pa.array(starts)).to_pylist()
    return rows, dict(zip(pages, zip(starts.tolist(), stops.tolist(), strict=True), strict=True))
