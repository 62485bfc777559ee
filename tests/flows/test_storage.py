"""Tables are validated against their schema and replaced as a whole."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from flows import storage, table_reader
from flows.schemas import (
    SchemaError,
    data_dictionary_markdown,
    empty_frame,
    schema_of,
    to_arrow,
)


def error_frame(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "source": [f"p{i}.txt" for i in range(n)],
            "stage": ["ingest"] * n,
            "error": ["EmptyPageError"] * n,
            "message": ["empty"] * n,
            "council_id": [None] * n,
            "url": [None] * n,
        }
    )


def test_write_then_replace_whole_table(tmp_path):
    assert storage.write_frame(tmp_path, "errors", error_frame(3)) == 3
    assert storage.write_frame(tmp_path, "errors", error_frame(1)) == 1
    assert len(pd.read_parquet(tmp_path / "errors")) == 1
    assert not any(storage.staging_dir(tmp_path).iterdir())


def test_failed_write_keeps_previous_table(tmp_path):
    storage.write_frame(tmp_path, "errors", error_frame(2))
    with pytest.raises(RuntimeError), storage.TableWriter(tmp_path, "errors") as writer:
        writer.write(error_frame(5))
        raise RuntimeError("killed half-way")
    assert len(pd.read_parquet(tmp_path / "errors")) == 2


def test_schema_rejects_unknown_values_missing_columns_and_nulls():
    bad_stage = error_frame(1).assign(stage="parse")
    with pytest.raises(SchemaError, match="not in"):
        to_arrow("errors", bad_stage)
    with pytest.raises(SchemaError, match="missing"):
        to_arrow("errors", error_frame(1).drop(columns="message"))
    with pytest.raises(SchemaError, match="null"):
        to_arrow("errors", error_frame(1).assign(message=None))


def test_recover_tables_restores_a_swap_cut_off_between_renames(tmp_path):
    storage.write_frame(tmp_path, "errors", error_frame(2))
    trash = storage.trash_dir(tmp_path)
    trash.mkdir(parents=True, exist_ok=True)
    (tmp_path / "errors").rename(trash / "errors-abc123")
    storage.recover_tables(tmp_path)
    assert len(pd.read_parquet(tmp_path / "errors")) == 2


def test_working_tables_live_in_the_private_folder_and_recover_there(tmp_path):
    people = empty_frame("page_people")
    assert "person_key" not in people.columns  # the link stage adds it to `people`
    storage.write_frame(tmp_path, "page_people", people)
    folder = storage.table_dir(tmp_path, "page_people")
    assert folder.parent.parent == tmp_path / ".council-minutes" and storage.table_exists(
        tmp_path, "page_people"
    )
    assert not (tmp_path / "page_people").exists()
    trash = storage.trash_dir(tmp_path)
    trash.mkdir(parents=True, exist_ok=True)
    folder.rename(trash / "page_people-abc123")
    storage.recover_tables(tmp_path)
    assert storage.table_exists(tmp_path, "page_people")


def test_empty_table_is_still_readable(tmp_path):
    storage.write_frame(tmp_path, "judgements", empty_frame("judgements"))
    frame = pd.read_parquet(tmp_path / "judgements")
    assert frame.empty and "grade_rank" in frame.columns


def test_data_dictionary_lists_every_table():
    text = data_dictionary_markdown()
    for table in (
        "documents",
        "items",
        "mentions",
        "roles",
        "people",
        "dates",
        "judgements",
        "errors",
    ):
        assert f"### `{table}`" in text


def test_consecutive_batches_share_a_part_and_keep_their_order_and_keys(tmp_path):
    batches = storage.PART_BATCHES * 2 + 3
    frames = [
        error_frame(2).assign(source=lambda f, b=b: f.source + f"-{b:03d}") for b in range(batches)
    ]
    with storage.TableWriter(tmp_path, "errors") as writer:
        for frame in frames:
            writer.write_merged(None, frame)
        writer.page_keys = {"p0": "k"}
    assert writer.rows == 2 * batches
    parts = storage.part_files(tmp_path, "errors")
    # Two full parts, then the rest with the page keys in its footer; a row group each.
    assert [pq.ParquetFile(p).metadata.num_rows for p in parts] == [20, 20, 6]
    assert [pq.ParquetFile(p).metadata.num_row_groups for p in parts] == [1, 1, 1]
    rows = pd.read_parquet(tmp_path / "errors")
    assert rows.source.tolist() == [s for frame in frames for s in frame.source]
    assert storage.read_table_state(tmp_path, "errors") == {"p0": "k"}


def test_rows_are_read_a_row_group_at_a_time(tmp_path):
    # Parquet's own batches run across row groups: a wide table's pages would pile up.
    frames = [error_frame(3).assign(source=lambda f, b=b: f.source + f"{b}") for b in range(4)]
    folder = storage.table_dir(tmp_path, "errors")
    folder.mkdir(parents=True)
    schema = schema_of("errors")
    with pq.ParquetWriter(folder / "part-00000.parquet", schema) as writer:
        for frame in frames:
            writer.write_table(to_arrow("errors", frame))
    batches = list(table_reader.iter_batches(tmp_path, "errors", batch_rows=1000))
    assert [len(batch) for batch in batches] == [3, 3, 3, 3]
    assert sum((batch.column("source").to_pylist() for batch in batches), []) == [
        s for frame in frames for s in frame.source
    ]
