"""End to end through the Prefect flow on the corpus: tables, gold items, grounding, order."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml

from flows.schemas import SCHEMAS, SPAN_TABLES, sort_keys

GOLD = Path(__file__).parent.parent / "data" / "gold"


def read(config, table: str) -> pd.DataFrame:
    return pd.read_parquet(config.out_dir / table)


def test_every_table_is_written_with_its_schema(corpus_run):
    config, summary = corpus_run
    for table, schema in SCHEMAS.items():
        written = pq.read_schema(next((config.out_dir / table).glob("*.parquet")))
        assert written.remove_metadata().equals(schema.remove_metadata(), check_metadata=False), (
            table
        )
    assert summary.tables["documents"] == 6  # five text pages and one web-service XML answer
    assert read(config, "errors").empty, read(config, "errors").to_dict("records")


@pytest.mark.parametrize("gold_path", sorted(GOLD.glob("*.gold.yaml")), ids=lambda p: p.name[:3])
def test_items_equal_gold(corpus_run, gold_path):
    config, _ = corpus_run
    gold = yaml.safe_load(gold_path.read_text())
    docs = read(config, "documents")
    doc_id = docs.loc[docs["source"] == f"WOR/{gold['doc']}", "doc_id"].item()  # raw/WOR/
    items = read(config, "items").query("doc_id == @doc_id").sort_values("seq")
    got = [
        (None if pd.isna(n) else str(n), " ".join(t.split()))
        for n, t in zip(items.number, items.title, strict=True)
    ]
    want = [
        (None if i["number"] is None else str(i["number"]), " ".join(i["title"].split()))
        for i in gold["items"]
    ]
    assert got == want
    assert docs.loc[docs["doc_id"] == doc_id, "n_items"].item() == len(want)


def test_items_are_slices_of_their_document(corpus_run):
    config, _ = corpus_run
    texts = dict(read(config, "documents")[["doc_id", "text"]].itertuples(index=False))
    items = read(config, "items")
    assert len(items)
    for row in items.itertuples(index=False):
        assert texts[row.doc_id][row.start_char : row.end_char] == row.text
        assert row.title.split()[0].strip("'\"") in row.text


@pytest.mark.parametrize("table", SPAN_TABLES)
def test_every_span_is_grounded_in_its_document(corpus_run, table):
    config, _ = corpus_run
    texts = dict(read(config, "documents")[["doc_id", "text"]].itertuples(index=False))
    frame = read(config, table)
    if table in ("mentions", "people", "dates", "roles"):
        assert len(frame), f"{table} is empty on the corpus"
    for row in frame.itertuples(index=False):
        assert texts[row.doc_id][row.start_char : row.end_char] == row.text


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_rows_are_sorted_by_their_keys(corpus_run, table):
    config, _ = corpus_run
    frame = read(config, table)
    keys = sort_keys(table)
    pd.testing.assert_frame_equal(
        frame, frame.sort_values(keys, kind="stable").reset_index(drop=True)
    )
