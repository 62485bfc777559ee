"""Reading the tables back: whole or some pages and columns, or streamed part by part.

Every reader opens one Parquet file at a time in this thread (``pq.ParquetFile``): a
dataset scan (``pq.read_table`` is one, even for a single file) reads ahead many row
groups on several threads, and at 10,000 pages that raised the main process's peak by
tens of MB to read a few MB.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows.schemas import schema_of
from flows.storage import part_files


def stored_columns(out_dir: Path, table: str) -> list[str]:
    """The columns a table was written with ([] when it is absent; an older output may
    lack newer ones)."""
    parts = part_files(out_dir, table)
    return pq.read_schema(parts[0]).names if parts else []


def read_parts(
    out_dir: Path, table: str, columns: list[str] | None = None, dictionary: Iterable[str] = ()
) -> Iterator[pa.Table]:
    """Each part of a table in order, whole (some columns; ``dictionary`` columns read as
    dictionaries)."""
    dictionary = list(dictionary)
    for part in part_files(out_dir, table):
        parquet = pq.ParquetFile(part, read_dictionary=dictionary)
        yield parquet.read(columns=columns, use_threads=False)


def read_table(
    out_dir: Path,
    table: str,
    columns: list[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    dictionary: Iterable[str] = (),
) -> pa.Table:
    """A table (some columns, some pages; ``dictionary`` columns read as dictionaries),
    read part after part."""
    wanted = None if doc_ids is None else pa.array(sorted(doc_ids), pa.string())
    # The pages are chosen by doc_id, whether or not the caller wants that column.
    read = columns
    if columns is not None and wanted is not None and "doc_id" not in columns:
        read = [*columns, "doc_id"]
    pieces = []
    for rows in read_parts(out_dir, table, read, dictionary):
        if wanted is not None:
            rows = rows.filter(pc.is_in(rows.column("doc_id").cast(pa.string()), wanted))
        pieces.append(rows if columns is None else rows.select(columns))
    if not pieces:
        empty = schema_of(table).empty_table()
        return empty if columns is None else empty.select(columns)
    return pa.concat_tables(pieces, promote_options="permissive")


def read_stored(
    out_dir: Path,
    table: str,
    columns: list[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    dictionary: Iterable[str] = (),
) -> pa.Table | None:
    """Like ``read_table``, but only the wanted columns the table was written with (an older
    output may lack newer ones); None when the table is absent."""
    have = stored_columns(out_dir, table)
    if not have:
        return None
    wanted = have if columns is None else [c for c in columns if c in have]
    return read_table(out_dir, table, wanted, doc_ids, [c for c in dictionary if c in wanted])


def in_doc_order(ids: pa.Array) -> bool:
    """Whether doc_ids (one array, no chunks) never decrease: a table as written, sorted."""
    return len(ids) < 2 or bool(pc.all(pc.less_equal(ids[:-1], ids[1:])).as_py())


def with_rows(pages: Iterator[dict], rows: Iterator[dict], name: str) -> Iterator[dict]:
    """Pages with their rows of another table under ``name``: a merge of two streams
    sorted by doc_id, so no page's rows wait in memory for their page."""
    pending = next(rows, None)
    for page in pages:
        found = []
        while pending is not None and pending["doc_id"] < page["doc_id"]:
            pending = next(rows, None)
        while pending is not None and pending["doc_id"] == page["doc_id"]:
            found.append(pending)
            pending = next(rows, None)
        yield {**page, name: found}


def read_frame(
    out_dir: Path, table: str, columns: list[str] | None = None, doc_ids=None
) -> pd.DataFrame:
    """Read a table (optionally some columns, some doc_ids) as a DataFrame."""
    return read_table(out_dir, table, columns, doc_ids).to_pandas()


def count_rows(out_dir: Path, table: str) -> int:
    """Rows in a table, from Parquet footers (no data read)."""
    return sum(pq.ParquetFile(p).metadata.num_rows for p in part_files(out_dir, table))


def iter_batches(
    out_dir: Path, table: str, columns: list[str] | None = None, batch_rows: int = 256
) -> Iterator[pa.RecordBatch]:
    """A table's rows in Arrow batches, part by part in order: one pass over the data.

    A row group (one batch of the run that wrote it) is read at a time: Parquet's own
    batches run across row groups, and ``batch_rows`` of a wide table's rows (page
    texts) then held tens of MB.
    """
    for part in part_files(out_dir, table):
        parquet = pq.ParquetFile(part)
        for group in range(parquet.num_row_groups):
            rows = parquet.read_row_group(group, columns=columns, use_threads=False)
            yield from rows.to_batches(max_chunksize=batch_rows)


def iter_rows(
    out_dir: Path,
    table: str,
    columns: list[str],
    batch_rows: int = 256,
    skip: Set[str] = frozenset(),
) -> Iterator[dict]:
    """Rows of a table as dicts, part by part in order, never the whole table in memory.

    Rows of the pages in ``skip`` are left out before they become Python values.
    """
    skipped = pa.array(sorted(skip), pa.string()) if skip else None
    # Skipped rows never reach Python: read larger batches (fewer set lookups) then.
    rows_per_read = batch_rows if skipped is None else max(batch_rows, 4096)
    for batch in iter_batches(out_dir, table, columns, rows_per_read):
        if skipped is not None:
            batch = batch.filter(pc.invert(pc.is_in(batch.column("doc_id"), skipped)))
        yield from batch.to_pylist()


class RowsByDoc:
    """Take some pages' rows from a table sorted by doc_id, reading it once from start to end.

    Callers ask for pages in increasing doc_id order (a stage's batches); rows of
    pages nobody asks for are skipped. Reading a filtered dataset per batch instead
    would scan the whole table each time: quadratic in the archive's size.
    """

    def __init__(self, out_dir: Path, table: str, batch_rows: int = 4096) -> None:
        self.table = table
        self.stream = iter_batches(out_dir, table, batch_rows=batch_rows)
        self.pending: pa.RecordBatch | None = None
        self.last: str | None = None

    def take(self, doc_ids: list[str]) -> pa.Table | None:
        """The rows of these pages (all after any page taken before), in table order."""
        if not doc_ids:
            return None
        upto = max(doc_ids)
        if self.last is not None and min(doc_ids) <= self.last:
            raise ValueError(f"{self.table}: pages must be taken in doc_id order")
        self.last = upto
        wanted, pieces = pa.array(sorted(set(doc_ids)), pa.string()), []
        while (batch := self.pending or next(self.stream, None)) is not None:
            self.pending = None
            # The table is sorted by doc_id: rows up to `upto` form a prefix of the batch.
            ids = batch.column("doc_id").cast(pa.string())
            inside = pc.sum(pc.less_equal(ids, upto)).as_py() or 0
            head = batch.slice(0, inside)
            pieces.append(head.filter(pc.is_in(ids.slice(0, inside), wanted)))
            if inside < len(batch):
                self.pending = batch.slice(inside)
                break
        if not pieces:
            return None
        return pa.Table.from_batches(pieces)
