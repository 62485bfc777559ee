"""Table storage: Parquet datasets written through the schemas, in parts, swapped in as a whole.

Also where each table's page keys and the small bookkeeping tables under `_state/` live.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from flows.schemas import SCHEMAS, sort_keys, to_arrow

STAGING = ".staging"
TRASH = ".trash"
META_KEY = b"council_minutes"
# Low-cardinality columns are dictionary-encoded by Parquet; long text is not
# worth a dictionary, so leave those out to keep pages compact.
PLAIN_COLUMNS = {"text", "sentence", "attrs", "message"}


class TableWriter:
    """Write one table as numbered Parquet parts into staging; on success replace the old table.

    Readers see either the previous complete table or the new one: parts go to
    a staging folder on the same filesystem and the folder is renamed into place.
    """

    def __init__(self, out_dir: Path, table: str, meta: dict | None = None) -> None:
        self.out_dir, self.table = Path(out_dir), table
        self.schema = SCHEMAS[table].with_metadata({META_KEY: json.dumps(meta or {}).encode()})
        self.staging = self.out_dir / STAGING / f"{table}-{uuid.uuid4().hex[:12]}"
        self.rows = 0
        self._parts = 0

    def __enter__(self) -> TableWriter:
        self.staging.mkdir(parents=True, exist_ok=True)
        return self

    def write(self, frame: pd.DataFrame) -> None:
        """Validate and write one batch of rows (sorted by the table's keys) as a part."""
        if frame.empty and self._parts:
            return
        frame = frame.sort_values(sort_keys(self.table), kind="stable")
        arrow = to_arrow(self.table, frame).replace_schema_metadata(self.schema.metadata)
        dictionary = [n for n in self.schema.names if n not in PLAIN_COLUMNS]
        path = self.staging / f"part-{self._parts:05d}.parquet"
        pq.write_table(arrow, path, compression="zstd", use_dictionary=dictionary)
        self._parts += 1
        self.rows += len(frame)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        if not self._parts:
            self.write(pd.DataFrame({n: [] for n in self.schema.names}))
        swap_into_place(self.staging, self.out_dir / self.table)


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace the folder ``target`` by ``staging`` with renames on one filesystem."""
    trash = target.parent / TRASH / f"{target.name}-{uuid.uuid4().hex[:12]}"
    trash.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.replace(target, trash)
    os.replace(staging, target)
    shutil.rmtree(trash, ignore_errors=True)


def recover_tables(out_dir: Path) -> None:
    """Undo a swap cut off between its two renames, and drop stale staging folders."""
    out_dir = Path(out_dir)
    trash = out_dir / TRASH
    if trash.is_dir():
        for old in sorted(trash.iterdir(), key=lambda p: p.stat().st_mtime, reverse=True):
            target = out_dir / old.name.rsplit("-", 1)[0]
            if not target.exists():
                os.replace(old, target)
        shutil.rmtree(trash, ignore_errors=True)
    shutil.rmtree(out_dir / STAGING, ignore_errors=True)


def write_frame(out_dir: Path, table: str, frame: pd.DataFrame, meta: dict | None = None) -> int:
    """Write a whole table from one frame; returns its row count."""
    with TableWriter(out_dir, table, meta) as writer:
        writer.write(frame)
    return writer.rows


def table_exists(out_dir: Path, table: str) -> bool:
    """Whether a complete table is in place."""
    return any((Path(out_dir) / table).glob("*.parquet"))


def dataset(out_dir: Path, table: str) -> ds.Dataset:
    """The table as a pyarrow dataset (parts in order)."""
    return ds.dataset(Path(out_dir) / table, format="parquet")


def read_frame(
    out_dir: Path, table: str, columns: list[str] | None = None, doc_ids=None
) -> pd.DataFrame:
    """Read a table (optionally some columns, some doc_ids) as a DataFrame."""
    data = dataset(out_dir, table)
    filt = ds.field("doc_id").isin(list(doc_ids)) if doc_ids is not None else None
    return data.to_table(columns=columns, filter=filt).to_pandas()


def count_rows(out_dir: Path, table: str) -> int:
    """Rows in a table, from Parquet footers (no data read)."""
    return sum(
        pq.ParquetFile(p).metadata.num_rows for p in (Path(out_dir) / table).glob("*.parquet")
    )


def iter_rows(
    out_dir: Path, table: str, columns: list[str], batch_rows: int = 256
) -> Iterator[dict]:
    """Rows of a table as dicts, part by part in order, never the whole table in memory."""
    for part in sorted((Path(out_dir) / table).glob("*.parquet")):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=batch_rows, columns=columns):
            yield from batch.to_pylist()


STATE_DIR = "_state"
STATE_SCHEMA = pa.schema([("name", pa.string()), ("value", pa.string())])


def state_path(out_dir: Path, name: str) -> Path:
    """Where one bookkeeping table lives."""
    return Path(out_dir) / STATE_DIR / f"{name}.parquet"


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


TABLE_STATE = "_state.json"  # "_" prefix: pyarrow and pandas skip it; "*.parquet" globs miss it


def read_table_state(out_dir: Path, table: str) -> dict[str, str]:
    """doc_id -> stage key of the pages whose rows a table holds (saved inside the table)."""
    path = Path(out_dir) / table / TABLE_STATE
    return json.loads(path.read_text()) if path.exists() else {}


def write_table_state(folder: Path, done: dict[str, str]) -> None:
    """Save the page keys into a table's (staging) folder, so they move with the table."""
    (Path(folder) / TABLE_STATE).write_text(json.dumps(done, sort_keys=True))
