"""Small key -> value bookkeeping tables under `<out>/_state/`: what each stage last did."""

from __future__ import annotations

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
