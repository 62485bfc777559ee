"""The process pool and the Dask engine give the same tables as the in-process engine."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from flows.schemas import SCHEMAS


def assert_same_tables(left, right) -> None:
    for table in SCHEMAS:
        pd.testing.assert_frame_equal(
            pd.read_parquet(left / table), pd.read_parquet(right / table), obj=table
        )


@pytest.mark.slow
def test_dask_engine_tables_equal_local_engine(corpus_run, tmp_path):
    pytest.importorskip("prefect_dask")
    from flows.flow import run

    config, _ = corpus_run
    dask = replace(config, out_dir=tmp_path / "dask", engine="dask", workers=2, batch_size=2)
    summary = run(dask)
    assert {r.stage: r.processed for r in summary.reports}["tag"] == 6
    assert_same_tables(config.out_dir, dask.out_dir)


def test_process_pool_tables_equal_in_process(corpus_run, tmp_path):
    from flows.flow import run

    config, _ = corpus_run
    pooled = replace(config, out_dir=tmp_path / "pool", workers=2, batch_size=1)
    run(pooled)
    assert_same_tables(config.out_dir, pooled.out_dir)


def test_a_rerun_with_few_changed_pages_starts_no_workers(corpus_run, tmp_path, monkeypatch):
    """A re-run with at most a batch of changed pages computes them in this process."""
    import shutil

    from flows import engine
    from flows.flow import run

    config, _ = corpus_run
    raw = tmp_path / "raw"
    shutil.copytree(config.raw_dir, raw)
    pooled = replace(config, raw_dir=raw, out_dir=tmp_path / "pool", workers=2, batch_size=2)
    started = []
    real_pool = engine.worker_pool

    def counting_pool(cfg):
        started.append(cfg.workers)
        return real_pool(cfg)

    monkeypatch.setattr(engine, "worker_pool", counting_pool)
    run(pooled)
    assert started, "a first run uses the worker pool"
    started.clear()
    page = raw / "WOR" / "002_db228ef21157a38f.txt"
    page.write_text(page.read_text(encoding="utf-8") + "\nAdded line.\n", encoding="utf-8")
    summary = run(pooled)
    assert {r.stage: r.processed for r in summary.reports}["tag"] == 1
    assert started == []
    fresh = replace(pooled, out_dir=tmp_path / "fresh", workers=1)
    run(fresh)
    assert_same_tables(fresh.out_dir, pooled.out_dir)


def test_a_worker_is_ready_with_the_pipeline_and_without_prefect(tmp_path):
    """Workers build spaCy once and never import Prefect (over a second per worker at start)."""
    from flows import engine
    from flows.config import RunConfig

    config = RunConfig(raw_dir=tmp_path, out_dir=tmp_path / "out", workers=1)
    try:
        pool = engine.worker_pool(config)
        # eval travels by reference (builtins), so asking imports nothing in the worker.
        loaded = "sorted(m for m in __import__('sys').modules if m.split('.')[0] in " + (
            "('prefect', 'spacy', 'extractors'))"
        )
        roots = {m.split(".")[0] for m in pool.submit(eval, loaded).result(timeout=120)}
    finally:
        engine.shutdown_pool()
    assert roots == {"spacy", "extractors"}
