"""A run killed with SIGKILL part-way leaves the last complete tables; the next run completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from flows.schemas import SCHEMAS
from tests.conftest import RAW


def write_pages(raw, copies: int) -> None:
    """Distinct copies of the corpus pages (a trailing line changes each page's bytes)."""
    raw.mkdir(parents=True, exist_ok=True)
    for page in sorted(RAW.rglob("*.txt")):
        text = page.read_text(encoding="utf-8")
        for n in range(copies):
            (raw / f"{page.stem}-{n:03d}.txt").write_text(f"{text}\nCopy {n}.\n", encoding="utf-8")


def minutes(*args: str) -> list[str]:
    return [sys.executable, "-m", "flows.cli", "run", *args]


@pytest.mark.slow
def test_sigkill_mid_run_keeps_last_good_tables(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_pages(raw, 1)
    args = ["--raw-dir", str(raw), "--out-dir", str(out), "--workers", "1", "--batch-size", "5"]
    subprocess.run(minutes(*args), check=True, capture_output=True, timeout=300)
    before = {t: pd.read_parquet(out / t) for t in SCHEMAS}

    write_pages(raw, 80)
    # Its own process group, so the kill takes the run's Prefect API child with it.
    proc = subprocess.Popen(
        minutes(*args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 240
    # Kill once the tag stage has written some parts of its new table into staging.
    while time.monotonic() < deadline and proc.poll() is None:
        if any(out.glob(".council-minutes/staging/mentions-*/part-00003.parquet")):
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()

    for table, frame in before.items():
        if table in ("documents", "items"):
            continue  # already replaced by the killed run: complete new tables, checked below
        pd.testing.assert_frame_equal(pd.read_parquet(out / table), frame, obj=table)
    docs = pd.read_parquet(out / "documents")
    assert len(docs) in (5, 400)  # a whole table, old or new, never a mix

    done = subprocess.run(minutes(*args), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert len(pd.read_parquet(out / "documents")) == 400
    assert not any((out / ".council-minutes" / "staging").iterdir())
    mentions = pd.read_parquet(out / "mentions")
    assert mentions.doc_id.nunique() == 400
