"""Table storage: Parquet datasets written through the schemas, in parts, swapped in as a whole.

Also where each table's page keys and the small bookkeeping tables under `_state/` live.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from types import TracebackType

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from flows.output_folder import STATE, private_dir
from flows.schemas import SCHEMAS, WORK_SCHEMAS, empty_frame, schema_of, sort_keys, to_arrow

META_KEY = b"council_minutes"
PAGE_KEYS = b"council_minutes_pages"  # doc_id -> stage key, in the footer of a table's last part
PART_RE = re.compile(r"part-\d{5}\.parquet")
LEGACY_KEYS = "_state.json"  # where earlier versions kept page keys, inside the table folder
# Low-cardinality columns are dictionary-encoded by Parquet; long text is not
# worth a dictionary, so leave those out to keep pages compact.
PLAIN_COLUMNS = {"text", "sentence", "attrs", "message", "reason", "evidence"}
WORK = "work"  # working tables, inside our private folder


def table_dir(out_dir: Path, table: str) -> Path:
    """Where a table lives: output tables at the top, working tables in our private folder."""
    if table in WORK_SCHEMAS:
        return private_dir(out_dir) / WORK / table
    return Path(out_dir) / table


def staging_dir(out_dir: Path) -> Path:
    """Where tables are written before they are swapped into place."""
    return private_dir(out_dir) / "staging"


def trash_dir(out_dir: Path) -> Path:
    """Where a replaced table waits for a moment before it is deleted."""
    return private_dir(out_dir) / "trash"


class TableWriter:
    """Write one table as numbered Parquet parts into staging; on success replace the old table.

    Readers see either the previous complete table or the new one: parts go to
    a staging folder on the same filesystem and the folder is renamed into place.
    The page keys travel in the footer of the last part, so a table and its keys
    are swapped together and every Parquet reader opens the folder as it is.
    """

    def __init__(self, out_dir: Path, table: str, meta: dict | None = None) -> None:
        self.out_dir, self.table = Path(out_dir), table
        self.schema = schema_of(table).with_metadata({META_KEY: json.dumps(meta or {}).encode()})
        self.staging = staging_dir(out_dir) / f"{table}-{uuid.uuid4().hex[:12]}"
        self.rows = 0
        self.page_keys: dict[str, str] | None = None
        self._parts = 0

    def __enter__(self) -> TableWriter:
        self.staging.mkdir(parents=True, exist_ok=True)
        return self

    def write(self, frame: pd.DataFrame, extra_meta: dict[bytes, bytes] | None = None) -> None:
        """Validate and write one batch of rows (sorted by the table's keys) as a part."""
        if frame.empty and self._parts and extra_meta is None:
            return
        frame = frame.sort_values(sort_keys(self.table), kind="stable")
        self._write_part(to_arrow(self.table, frame), extra_meta)

    def write_merged(self, reused: pa.Table | None, new: pd.DataFrame | None) -> None:
        """One batch: last run's rows of its reused pages, kept in Arrow (they were
        validated when written), and its new rows, together in the table's key order."""
        parts = [] if reused is None or not reused.num_rows else [reused]
        if new is not None and len(new):
            parts.append(to_arrow(self.table, new))
        if not parts:
            self.write(empty_frame(self.table))
            return
        plain = self.schema.remove_metadata()
        arrow = pa.concat_tables([part.select(plain.names).cast(plain) for part in parts])
        # A stable sort, nulls last, like the frame's: old rows first among equal keys.
        self._write_part(arrow.sort_by([(key, "ascending") for key in sort_keys(self.table)]))

    def _write_part(self, arrow: pa.Table, extra_meta: dict[bytes, bytes] | None = None) -> None:
        meta = {**self.schema.metadata, **(extra_meta or {})}
        arrow = arrow.replace_schema_metadata(meta)
        dictionary = [n for n in self.schema.names if n not in PLAIN_COLUMNS]
        path = self.staging / f"part-{self._parts:05d}.parquet"
        pq.write_table(arrow, path, compression="zstd", use_dictionary=dictionary)
        self._parts += 1
        self.rows += arrow.num_rows

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        empty = empty_frame(self.table)
        if self.page_keys is not None:
            keys = json.dumps(self.page_keys, sort_keys=True, separators=(",", ":"))
            self.write(empty, {PAGE_KEYS: keys.encode()})
        elif not self._parts:
            self.write(empty)
        swap_into_place(self.staging, table_dir(self.out_dir, self.table), self.out_dir)


def is_our_file(path: Path) -> bool:
    """Whether a file in a table folder is one we wrote (a numbered part or legacy page keys)."""
    return PART_RE.fullmatch(path.name) is not None or path.name == LEGACY_KEYS


def swap_into_place(staging: Path, target: Path, out_dir: Path | None = None) -> None:
    """Replace the folder ``target`` by ``staging`` with renames on one filesystem.

    Anything in ``target`` that we did not write is moved into the new folder
    first, so a user's file beside our parts survives byte for byte.
    """
    trash = trash_dir(out_dir or target.parent) / f"{target.name}-{uuid.uuid4().hex[:12]}"
    trash.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        for entry in target.iterdir():
            if not is_our_file(entry):
                os.replace(entry, staging / entry.name)
        os.replace(target, trash)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staging, target)
    shutil.rmtree(trash, ignore_errors=True)


def recover_tables(out_dir: Path) -> None:
    """Undo a swap cut off between its two renames, and drop stale staging folders.

    Both folders are our private ones: nothing outside them is touched.
    """
    out_dir = Path(out_dir)
    trash = trash_dir(out_dir)
    if trash.is_dir():
        for old in sorted(trash.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
            name = old.name.rsplit("-", 1)[0]
            known = name in SCHEMAS or name in WORK_SCHEMAS
            if old.is_dir() and known and not table_dir(out_dir, name).exists():
                table_dir(out_dir, name).parent.mkdir(parents=True, exist_ok=True)
                os.replace(old, table_dir(out_dir, name))
        shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(staging_dir(out_dir), ignore_errors=True)


def write_frame(out_dir: Path, table: str, frame: pd.DataFrame, meta: dict | None = None) -> int:
    """Write a whole table from one frame; returns its row count."""
    with TableWriter(out_dir, table, meta) as writer:
        writer.write(frame)
    return writer.rows


def part_files(out_dir: Path, table: str) -> list[Path]:
    """The table's parts in order: only files we wrote (a user's file beside them is not read)."""
    folder = table_dir(out_dir, table)
    return sorted(p for p in folder.glob("part-*.parquet") if PART_RE.fullmatch(p.name))


def table_exists(out_dir: Path, table: str) -> bool:
    """Whether a complete table is in place."""
    return bool(part_files(out_dir, table))


def read_table(
    out_dir: Path,
    table: str,
    columns: list[str] | None = None,
    doc_ids: Iterable[str] | None = None,
    dictionary: Iterable[str] = (),
) -> pa.Table:
    """A table (some columns, some pages; ``dictionary`` columns read as dictionaries),
    read part after part in one thread.

    A dataset scan reads ahead many batches on several threads: at 10,000 pages it
    raised the main process's peak by tens of MB to read a few MB of columns.
    """
    wanted = None if doc_ids is None else pa.array(sorted(doc_ids), pa.string())
    # The pages are chosen by doc_id, whether or not the caller wants that column.
    read = columns
    if columns is not None and wanted is not None and "doc_id" not in columns:
        read = [*columns, "doc_id"]
    pieces, dictionary = [], list(dictionary)
    for part in part_files(out_dir, table):
        rows = pq.read_table(part, columns=read, read_dictionary=dictionary, use_threads=False)
        if wanted is not None:
            rows = rows.filter(pc.is_in(rows.column("doc_id").cast(pa.string()), wanted))
        pieces.append(rows if columns is None else rows.select(columns))
    if not pieces:
        empty = schema_of(table).empty_table()
        return empty if columns is None else empty.select(columns)
    return pa.concat_tables(pieces, promote_options="permissive")


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
    """A table's rows in Arrow batches, part by part in order: one pass over the data."""
    for part in part_files(out_dir, table):
        yield from pq.ParquetFile(part).iter_batches(batch_size=batch_rows, columns=columns)


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


def state_path(out_dir: Path, name: str) -> Path:
    """Where one bookkeeping table lives (inside our private folder, away from the tables)."""
    return private_dir(out_dir) / STATE / f"{name}.parquet"


STATE_SCHEMA = pa.schema([("name", pa.string()), ("value", pa.string())])


def read_state(out_dir: Path, name: str) -> dict[str, str]:
    """The mapping last written under ``name`` ({} if there is none)."""
    path = state_path(out_dir, name)
    if not path.exists():
        return {}
    table = pq.read_table(path)
    return dict(zip(table["name"].to_pylist(), table["value"].to_pylist(), strict=True))


def write_state(out_dir: Path, name: str, mapping: dict[str, str]) -> None:
    """Replace one bookkeeping table atomically (write aside, then rename)."""
    path = state_path(out_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = sorted(mapping)
    table = pa.table({"name": names, "value": [mapping[n] for n in names]}, schema=STATE_SCHEMA)
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, path)


def read_table_state(out_dir: Path, table: str) -> dict[str, str]:
    """doc_id -> stage key of the pages whose rows a table holds (from its last part's footer)."""
    parts = part_files(out_dir, table)
    if not parts:
        return {}
    meta = pq.read_schema(parts[-1]).metadata or {}
    return json.loads(meta[PAGE_KEYS]) if PAGE_KEYS in meta else {}
