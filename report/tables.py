"""Reading the output tables for the report: whichever tables and columns the run wrote."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from flows import storage, table_reader

# Per-page tables attached to each page view, when the run wrote them (sorted by doc_id).
PAGE_TABLES = ("items", "mentions", "attendance")


def table_parts(out_dir: Path, table: str) -> list[Path]:
    """The Parquet parts of a table in order (none when the table is absent; no user's files)."""
    return storage.part_files(out_dir, table)


def has_table(out_dir: Path, table: str) -> bool:
    """Whether the run wrote this table."""
    return bool(table_parts(out_dir, table))


def table_columns(out_dir: Path, table: str) -> list[str]:
    """The columns a table has on disk ([] when it is absent)."""
    return table_reader.stored_columns(out_dir, table)


def read_table(out_dir: Path, table: str, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A table as pandas with pyarrow dtypes, keeping only the wanted columns it has.

    An absent table reads as an empty frame (with no columns), so callers check columns.
    """
    arrow = table_reader.read_stored(out_dir, table, None if columns is None else list(columns))
    if arrow is None:
        return pd.DataFrame()
    return arrow.to_pandas(types_mapper=pd.ArrowDtype)


def iter_rows(out_dir: Path, table: str, columns: Iterable[str] | None = None) -> Iterator[dict]:
    """Rows of a table as dicts, part by part, never the whole table in memory."""
    have = table_columns(out_dir, table)
    wanted = have if columns is None else [c for c in columns if c in have]
    yield from table_reader.iter_rows(out_dir, table, wanted, batch_rows=512)


def sorted_by_doc(out_dir: Path, table: str) -> bool:
    """Whether a table's rows are in doc_id order (one column read)."""
    ids = table_reader.read_table(out_dir, table, ["doc_id"])
    return table_reader.in_doc_order(ids.column("doc_id").combine_chunks())


def rows_in_doc_order(out_dir: Path, table: str) -> Iterator[dict]:
    """A table's rows in doc_id order: streamed, or sorted in memory if written unsorted."""
    if sorted_by_doc(out_dir, table):
        return iter_rows(out_dir, table)
    arrow = table_reader.read_table(out_dir, table)
    return iter(arrow.sort_by("doc_id").to_pylist())


def iter_pages(out_dir: Path) -> Iterator[dict]:
    """`documents` rows in doc_id order, each with its rows of every per-page table present.

    Every table is streamed in doc_id order (the tables' sort order), so memory
    holds one page at a time whatever the number of pages.
    """
    pages = iter_rows(out_dir, "documents")
    present = [t for t in PAGE_TABLES if has_table(out_dir, t)]
    for table in present:
        pages = table_reader.with_rows(pages, rows_in_doc_order(out_dir, table), table)
    for page in pages:
        doc = {key: value for key, value in page.items() if key not in present}
        yield {"doc": doc, **{t: page.get(t, []) for t in PAGE_TABLES}}
