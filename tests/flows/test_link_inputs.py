"""The link stage's inputs: a page's rows as written, however the table's parts lie."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from flows import storage
from flows.config import RunConfig
from flows.link_inputs import InputTable, page_slices, plain_rows


def people_rows(doc_id: str, n: int) -> list[dict]:
    return [
        {
            "doc_id": doc_id,
            "mention_id": f"{doc_id}:{i}-{i + 5}:PERSON",
            "item_id": None,
            "text": f"Name {doc_id} {i}",
            "name": f"Name {doc_id} {i}",
            "honorific": "Cllr",
            "surname": "Smith" if i % 2 else "Jones",
            "role": None,
            "role_id": None,
            "context": "mention",
            "start_char": i,
            "end_char": i + 5,
        }
        for i in range(n)
    ]


def write_parts(out, table: str, batches: list[list[dict]]) -> None:
    with storage.TableWriter(out, table) as writer:
        for rows in batches:
            writer.write(pd.DataFrame(rows))


def test_a_page_s_rows_come_whole_and_in_order_across_parts(tmp_path):
    # Pages in doc_id order across three parts, one page with no rows, one left out.
    batches = [people_rows("a", 3) + people_rows("b", 1), people_rows("c", 4), people_rows("d", 2)]
    write_parts(tmp_path, "page_people", batches)
    config = RunConfig(raw_dir=tmp_path, out_dir=tmp_path)
    inputs = InputTable(config, "page_people", {"a", "c", "d", "e"})
    found = inputs.rows(["d", "a", "e"])
    assert sorted(found) == ["a", "d"]
    assert [r["start_char"] for r in found["a"]] == [0, 1, 2]
    assert [r["surname"] for r in found["d"]] == ["Jones", "Smith"]
    assert set(found["a"][0]) == set(inputs.columns)  # every input column, plain values
    assert inputs.rows(["b"]) == {}  # not asked for when the table was read
    everything = plain_rows(config, "page_people", ["doc_id", "start_char"], doc_ids=["c"])
    assert everything == [{"doc_id": "c", "start_char": i} for i in range(4)]
    # Pages are chosen by doc_id even when that column is not asked for.
    starts = plain_rows(config, "page_people", ["start_char"], doc_ids=["d", "b"])
    assert starts == [{"start_char": 0}, {"start_char": 0}, {"start_char": 1}]


def test_rows_not_in_doc_id_order_are_grouped_keeping_their_order():
    rows = pa.table({"doc_id": ["b", "a", "b", "a", "c"], "n": [1, 2, 3, 4, 5]})
    table, spans = page_slices(rows)
    assert {d: table.slice(s, e - s).column("n").to_pylist() for d, (s, e) in spans.items()} == {
        "a": [2, 4],
        "b": [1, 3],
        "c": [5],
    }


def test_an_empty_table_has_no_pages():
    table, spans = page_slices(pa.table({"doc_id": pa.array([], pa.string())}))
    assert spans == {} and table.num_rows == 0
