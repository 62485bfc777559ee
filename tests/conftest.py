"""Shared fixtures: the corpus, one Prefect test harness per session, one full corpus run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOLD = DATA / "gold"
RAW = Path(__file__).parent.parent / "raw"


@pytest.fixture(scope="session")
def prefect_harness():
    """A throwaway Prefect API for the whole session (starting one costs seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def copy_corpus(target: Path) -> Path:
    """Copy the shipped sample corpus (raw/) to ``target`` and return it."""
    shutil.copytree(RAW, target)
    return target


@pytest.fixture(scope="session")
def corpus_run(prefect_harness, tmp_path_factory):
    """Run every stage once over a copy of raw/; returns (config, summary)."""
    from flows.config import RunConfig
    from flows.flow import run

    base = tmp_path_factory.mktemp("corpus")
    config = RunConfig(raw_dir=copy_corpus(base / "raw"), out_dir=base / "output", workers=1)
    return config, run(config)
