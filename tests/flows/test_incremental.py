"""Re-runs pay only for changes; single stages re-run from the previous stage's Parquet."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace

import pandas as pd
import pytest

from flows.config import RunConfig
from flows.schemas import SCHEMAS
from tests.conftest import copy_corpus


def frames(out_dir) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(out_dir / t) for t in SCHEMAS}


def processed(summary) -> dict[str, int]:
    return {r.stage: r.processed for r in summary.reports}


@pytest.fixture
def run_corpus(prefect_harness, tmp_path):
    from flows.flow import run

    config = RunConfig(raw_dir=copy_corpus(tmp_path / "raw"), out_dir=tmp_path / "out", workers=1)
    return config, run(config), run


def part_files(out_dir) -> dict[str, int]:
    return {str(p): p.stat().st_mtime_ns for t in SCHEMAS for p in (out_dir / t).glob("*.parquet")}


def test_unchanged_rerun_does_no_page_work_and_gives_equal_tables(run_corpus):
    config, first, run = run_corpus
    before = frames(config.out_dir)
    files = part_files(config.out_dir)
    second = run(config)
    # Every stage saw its tables current: nothing rewritten but the errors table.
    after = {k: v for k, v in part_files(config.out_dir).items() if "/errors/" not in k}
    assert after == {k: v for k, v in files.items() if "/errors/" not in k}
    assert processed(second) == {"ingest": 0, "split": 0, "tag": 0, "tables": 0, "link": 0}
    assert second.reports[0].changes == {"new": 0, "changed": 0, "unchanged": 6, "removed": 0}
    assert second.failed_pages == 0
    for table, frame in frames(config.out_dir).items():
        pd.testing.assert_frame_equal(frame, before[table], obj=table)


def test_added_changed_and_removed_pages(run_corpus):
    config, first, run = run_corpus
    raw = config.raw_dir
    old_ids = set(pd.read_parquet(config.out_dir / "documents").doc_id)
    removed = raw / "WOR" / "001_b7939150af6ffa63.txt"
    removed.unlink()
    changed = raw / "WOR" / "004_2bb15e426f3c8508.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAdded line.\n", encoding="utf-8")
    (raw / "extra").mkdir()
    (raw / "extra" / "new.txt").write_text(
        "Agenda\n\nItems\nNo.\tItem\n\n1.\t\nApologies\n\nApologies from Mr K Lowe.\n",
        encoding="utf-8",
    )
    summary = run(config)
    assert summary.reports[0].changes == {"new": 1, "changed": 1, "unchanged": 4, "removed": 1}
    assert summary.failed_pages == 0
    assert processed(summary)["ingest"] == 2 and processed(summary)["tag"] == 2
    docs = pd.read_parquet(config.out_dir / "documents")
    assert set(docs.source) == {p.relative_to(raw).as_posix() for p in raw.rglob("*.*")}
    gone = old_ids - set(docs.doc_id)
    assert len(gone) == 2  # the removed page and the old version of the changed one
    for table in ("items", "mentions", "people", "roles", "dates"):
        assert not set(pd.read_parquet(config.out_dir / table).doc_id) & gone, table


def test_page_keys_live_inside_each_table_and_readers_skip_them(run_corpus):
    config, first, run = run_corpus
    import duckdb

    from flows.storage import read_table_state

    # Swapped with the table itself (in its last part's footer): a run killed between
    # two renames can never leave a table beside the page keys of another version of it.
    assert len(read_table_state(config.out_dir, "items")) == 6
    assert {p.suffix for p in (config.out_dir / "mentions").iterdir()} == {".parquet"}
    glob = str(config.out_dir / "items" / "*.parquet")
    assert duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[0][0] == len(
        pd.read_parquet(config.out_dir / "items")
    )


def test_one_stage_reruns_alone_and_refresh_recomputes(run_corpus):
    config, first, run = run_corpus
    before = frames(config.out_dir)
    summary = run(replace(config, stages=("tables",)))
    assert [r.stage for r in summary.reports] == ["tables"] and processed(summary) == {"tables": 0}
    summary = run(replace(config, stages=("tag", "tables"), refresh=True))
    assert processed(summary) == {"tag": 6, "tables": 6}
    for table, frame in frames(config.out_dir).items():
        pd.testing.assert_frame_equal(frame, before[table], obj=table)


def test_editing_a_pattern_file_retags_but_does_not_reingest(run_corpus, tmp_path, monkeypatch):
    config, first, run = run_corpus
    import flows.incremental

    package = tmp_path / "extractors-copy"
    shutil.copytree(flows.incremental.PACKAGE_DIR, package)
    pattern = package / "roles" / "patterns.jsonl"  # read by tag only
    pattern.write_text(pattern.read_text() + "\n")
    monkeypatch.setattr(flows.incremental, "PACKAGE_DIR", package)
    summary = run(config)
    # The link stage's key covers the earlier stages' code: every council is re-linked.
    assert processed(summary) == {"ingest": 0, "split": 0, "tag": 6, "tables": 6, "link": 6}


def test_two_fresh_runs_give_identical_tables(run_corpus, tmp_path):
    config, first, run = run_corpus
    other = replace(config, out_dir=tmp_path / "again")
    run(other)
    for table, frame in frames(other.out_dir).items():
        pd.testing.assert_frame_equal(frame, frames(config.out_dir)[table], obj=table)


def change_pages(raw) -> None:
    """Edit one page and remove another, in the middle of the doc_id order."""
    changed = raw / "WOR" / "002_db228ef21157a38f.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nAdded line.\n", encoding="utf-8")
    (raw / "WOR" / "003_65ad50408d827144.txt").unlink()


def test_partial_rerun_in_small_batches_equals_a_fresh_run(run_corpus, tmp_path):
    config, first, run = run_corpus
    change_pages(config.raw_dir)
    # Batches of two pages: reused rows are merged with new ones across several batches.
    summary = run(replace(config, batch_size=2))
    assert processed(summary)["tag"] == 1
    assert {r.stage: r.reused for r in summary.reports}["tag"] == 4
    fresh = replace(config, out_dir=tmp_path / "fresh")
    run(fresh)
    for table, frame in frames(fresh.out_dir).items():
        pd.testing.assert_frame_equal(frames(config.out_dir)[table], frame, obj=table)


def test_partial_rerun_reads_each_old_table_once(run_corpus, monkeypatch):
    config, first, run = run_corpus
    from flows import table_reader

    streams, filtered = Counter(), Counter()
    iter_batches, read_frame = table_reader.iter_batches, table_reader.read_frame

    def counting_iter_batches(out_dir, table, *args, **kwargs):
        streams[table] += 1
        return iter_batches(out_dir, table, *args, **kwargs)

    def counting_read_frame(out_dir, table, columns=None, doc_ids=None):
        filtered[table] += doc_ids is not None
        return read_frame(out_dir, table, columns, doc_ids)

    monkeypatch.setattr(table_reader, "iter_batches", counting_iter_batches)
    monkeypatch.setattr(table_reader, "read_frame", counting_read_frame)
    change_pages(config.raw_dir)
    # One page per batch: a read per batch would show as five reads of each table. The
    # stages' reads only: the review site, written after them, streams its tables once more.
    summary = run(replace(config, batch_size=1, stages=("ingest", "split", "tag"), report=False))
    assert processed(summary) == {"ingest": 1, "split": 1, "tag": 1}
    assert not +filtered
    # documents: ingest's reuse, then split's and tag's input; items: split's reuse and
    # tag's input; the others: their stage's reuse.
    assert streams == {"documents": 3, "attendance": 1, "items": 2, "mentions": 1}


def test_partial_rerun_reads_only_the_changed_pages_inputs(run_corpus, monkeypatch):
    """Reused pages' texts, items and mentions never become Python rows in a re-run."""
    config, first, run = run_corpus
    from flows import table_reader

    rows = Counter()
    iter_rows = table_reader.iter_rows

    def counting_iter_rows(out_dir, table, *args, **kwargs):
        for row in iter_rows(out_dir, table, *args, **kwargs):
            rows[table] += 1
            yield row

    monkeypatch.setattr(table_reader, "iter_rows", counting_iter_rows)
    change_pages(config.raw_dir)
    stages = ("ingest", "split", "tag", "tables")
    # The stages' rows only: the review site, written after them, reads every page's rows.
    summary = run(replace(config, stages=stages, report=False))
    assert processed(summary) == dict.fromkeys(stages, 1)
    documents = pd.read_parquet(config.out_dir / "documents")
    doc_id = documents.loc[documents.source.str.startswith("WOR/002"), "doc_id"].item()
    mentions = pd.read_parquet(config.out_dir / "mentions")
    items = pd.read_parquet(config.out_dir / "items")
    counts = {
        "items": int((items.doc_id == doc_id).sum()),
        "mentions": int((mentions.doc_id == doc_id).sum()),
    }
    # The changed page once for each of split, tag and tables; its items and mentions once.
    assert rows == {"documents": 3, **counts}
