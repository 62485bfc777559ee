"""Page streams: each page meets its rows of another table by merging two doc_id-ordered streams."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from flows import storage
from flows.config import RunConfig
from flows.inputs import pages_with_items, with_rows


def test_each_page_gets_its_own_rows_and_rows_of_unknown_pages_are_passed_over():
    pages = iter([{"doc_id": "b"}, {"doc_id": "d"}, {"doc_id": "f"}])
    rows = iter([{"doc_id": d, "n": n} for n, d in enumerate("abbcdg")])
    merged = list(with_rows(pages, rows, "rows"))
    assert [(p["doc_id"], [r["n"] for r in p["rows"]]) for p in merged] == [
        ("b", [1, 2]),
        ("d", [4]),
        ("f", []),
    ]


def test_pages_stream_with_their_items_and_skipped_pages_are_left_out(tmp_path):
    docs = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "source": ["a.txt", "b.txt", "c.txt"], "text": ["x"] * 3}
    )
    items = pd.DataFrame(
        {
            "doc_id": ["a", "a", "c"],
            "item_id": ["a:1", "a:2", "c:1"],
            "seq": [1, 2, 1],
            "start_char": [0, 10, 5],
            "end_char": [10, 20, 9],
        }
    )
    config = RunConfig(raw_dir=tmp_path, out_dir=tmp_path)
    for name, frame in (("documents", docs), ("items", items)):
        # Only the columns the stream reads: what it reads is what this test is about.
        storage.table_dir(tmp_path, name).mkdir(parents=True)
        pq.write_table(
            pa.Table.from_pandas(frame), storage.table_dir(tmp_path, name) / "part-00000.parquet"
        )
    pages = list(pages_with_items(config, skip={"c"}))
    assert [(p["doc_id"], p["items"]) for p in pages] == [
        ("a", [("a:1", 0, 10), ("a:2", 10, 20)]),
        ("b", []),
    ]
