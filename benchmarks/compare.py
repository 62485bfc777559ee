"""Compare every table of two output folders with `assert_frame_equal` (rows sorted first).

    python benchmarks/compare.py OUT_A OUT_B [--ignore-columns source]

Prints one line per table and exits 1 when any table differs: the check that a
restructuring or a speed-up left every result as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def load(folder: Path, table: str, ignore: list[str]) -> pd.DataFrame:
    """A table as a frame sorted by all its columns (row order is not part of the comparison)."""
    arrow = pq.read_table(folder / table)
    arrow = arrow.drop_columns([c for c in ignore if c in arrow.column_names])
    frame = arrow.to_pandas(types_mapper=pd.ArrowDtype)
    columns = [f.name for f in arrow.schema if not pa.types.is_nested(f.type)]
    return frame.sort_values(columns, kind="stable").reset_index(drop=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--ignore-columns", nargs="*", default=[])
    args = parser.parse_args()
    tables = sorted(
        p.name
        for p in args.a.iterdir()
        if p.is_dir() and not p.name.startswith(("_", ".")) and any(p.glob("*.parquet"))
    )
    failed = 0
    for table in tables:
        if not (args.b / table).is_dir():
            print(f"{table:<14} missing in {args.b}")
            failed += 1
            continue
        a, b = load(args.a, table, args.ignore_columns), load(args.b, table, args.ignore_columns)
        try:
            pd.testing.assert_frame_equal(a, b, obj=table)
            print(f"{table:<14} identical ({len(a):,} rows)")
        except AssertionError as exc:
            failed += 1
            print(f"{table:<14} DIFFERS: {str(exc).splitlines()[0:3]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
