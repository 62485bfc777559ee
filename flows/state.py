"""Small key -> value bookkeeping tables under `<out>/_state/`: what each stage last did."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

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
