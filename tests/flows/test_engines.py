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
