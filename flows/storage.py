"""Table storage: Parquet datasets written through the schemas, in parts, swapped in as a whole.

Also where each table's page keys and the small bookkeeping tables under `_state/` live.
Reading the tables back is `flows.table_reader`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from pathlib import Path
from types import TracebackType

import pandas as pd
import pyarrow as pa
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
# A part holds the rows of this many consecutive batches (1,000 pages at the default batch
# size), kept in Arrow until then. A part per batch made ~100 small files a table at 10,000
# pages; a re-run reads and rewrites them all, and that per-file (and per-row-group) cost
# was most of its time: 8.6-8.9 s against 5.7 s for 100 changed pages.
PART_BATCHES = 10


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
        self._pending: list[pa.Table] = []  # sorted batches not yet written, in order

    def __enter__(self) -> TableWriter:
        self.staging.mkdir(parents=True, exist_ok=True)
        return self

    def write(self, frame: pd.DataFrame, extra_meta: dict[bytes, bytes] | None = None) -> None:
        """Validate and add one batch of rows (sorted by the table's keys) to the table."""
        if frame.empty and (self._parts or self._pending) and extra_meta is None:
            return
        frame = frame.sort_values(sort_keys(self.table), kind="stable")
        self._add(to_arrow(self.table, frame), extra_meta)

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
        self._add(arrow.sort_by([(key, "ascending") for key in sort_keys(self.table)]))

    def _add(self, arrow: pa.Table, extra_meta: dict[bytes, bytes] | None = None) -> None:
        """Keep a batch's rows; write the kept batches as one part once there are enough.

        Batches come in the table's order, so consecutive batches make one sorted part.
        """
        self._pending.append(arrow)
        if len(self._pending) >= PART_BATCHES or extra_meta is not None:
            self._flush(extra_meta)

    def _flush(self, extra_meta: dict[bytes, bytes] | None = None) -> None:
        """Write the kept batches as the next part."""
        if not self._pending:
            return
        arrow = pa.concat_tables(self._pending)
        self._pending = []
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
        elif not self._parts and not self._pending:
            self.write(empty)
        self._flush()
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
