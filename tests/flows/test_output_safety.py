"""The tool only replaces what it wrote: the output folder is claimed, locked, and kept whole."""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from flows import output_folder, table_reader
from flows.cli import app
from flows.config import RunConfig
from tests.conftest import copy_corpus

runner = CliRunner()
# The layout a user had in the folder they pointed --out-dir at (issue 11, finding 1).
USER_FILES = {
    "people/contacts.csv": b"name,phone\nAnn Example,0113 000 0000\n",
    "documents/report.docx": b"PK\x03\x04 not really a docx",
    "errors/log.txt": b"my own notes about errors\n",
    ".staging/draft.txt": b"a draft I keep here\n",
    ".trash/people-0123456789ab/part-00000.parquet": b"not ours either",
    ".trash/notes.md": b"# kept\n",
    "people/part-notes.txt": b"beside the parts\n",
    "mentions/README": b"hand-written\n",
    "_state/readme.txt": b"mine\n",
    "report/index.html": b"<p>my report</p>\n",
    "data.csv": b"a,b\n1,2\n",
}


def digests(root: Path) -> dict[str, str]:
    return {rel: hashlib.sha256((root / rel).read_bytes()).hexdigest() for rel in USER_FILES}


def place_user_files(root: Path) -> dict[str, str]:
    for rel, data in USER_FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return digests(root)


def test_non_empty_folder_not_ours_is_refused_and_left_untouched(tmp_path):
    raw, out = copy_corpus(tmp_path / "raw"), tmp_path / "mine"
    before = place_user_files(out)
    listing = sorted(p.relative_to(out) for p in out.rglob("*"))
    result = runner.invoke(app, ["run", "--raw-dir", str(raw), "--out-dir", str(out)])
    assert result.exit_code == 2
    assert "not created by council-minutes" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert digests(out) == before
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == listing  # nothing added


def test_inside_our_folder_files_we_did_not_write_survive_every_run(prefect_harness, tmp_path):
    from flows.flow import run

    config = RunConfig(raw_dir=copy_corpus(tmp_path / "raw"), out_dir=tmp_path / "out", workers=1)
    run(config)
    before = place_user_files(config.out_dir)
    next(config.raw_dir.rglob("*.txt")).write_text("1.\tApologies\n\nNone.\n")  # a changed page
    run(config)
    run(RunConfig(**{**config.__dict__, "refresh": True}))
    assert digests(config.out_dir) == before
    assert len(table_reader.read_frame(config.out_dir, "documents")) == 6  # our parts only


def test_an_empty_folder_or_a_new_one_is_claimed_with_a_manifest(tmp_path):
    (tmp_path / "empty").mkdir()
    for folder in (tmp_path / "empty", tmp_path / "new" / "deeper"):
        output_folder.claim(folder)
        assert output_folder.is_ours(folder)
    output_folder.claim(tmp_path / "new" / "deeper")  # claiming again is a no-op


def test_an_earlier_versions_output_is_adopted(tmp_path):
    out = tmp_path / "out"
    (out / "_state").mkdir(parents=True)
    (out / "_state" / "sources.parquet").write_bytes(b"PAR1")
    output_folder.claim(out)
    assert output_folder.is_ours(out) and not (out / "_state").exists()


HOLDER = """
import sys, time
from pathlib import Path
from flows import output_folder, storage, table_reader
with output_folder.hold(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(120)
"""


def hold_in_child(out: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_run_is_refused_while_another_holds_the_folder(tmp_path):
    raw, out = copy_corpus(tmp_path / "raw"), tmp_path / "out"
    output_folder.claim(out)
    holder = hold_in_child(out)
    try:
        args = ["run", "--raw-dir", str(raw), "--out-dir", str(out), "--wait", "0.5"]
        result = runner.invoke(app, args)
        assert result.exit_code == 2
        assert f"another run holds {out} since " in result.output
        assert f"(pid {holder.pid})" in result.output
    finally:
        holder.kill()
        holder.wait()
    # The holder was killed: its lock went with it, so the folder is free at once.
    with output_folder.hold(out, wait_seconds=0):
        pass


def test_a_scheduled_run_waits_then_fails_clearly_when_the_folder_stays_busy(
    prefect_harness, tmp_path
):
    from flows.flow import scheduled_run

    raw, out = copy_corpus(tmp_path / "raw"), tmp_path / "out"
    output_folder.claim(out)
    holder = hold_in_child(out)
    try:
        with pytest.raises(output_folder.OutputFolderError, match="another run holds"):
            scheduled_run(str(raw), str(out), wait_seconds=0.2)
    finally:
        holder.kill()
        holder.wait()


def minutes_run(raw: Path, out: Path, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "flows.cli", "run", "--raw-dir", str(raw)]
    command += ["--out-dir", str(out), "--workers", "1", *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_runs_at_once_on_one_folder_both_complete_one_after_the_other(tmp_path):
    raw, out = copy_corpus(tmp_path / "raw"), tmp_path / "out"
    runs = [minutes_run(raw, out, "--wait", "240") for _ in range(2)]
    results = [(proc.wait(timeout=300), proc.stderr.read()) for proc in runs]
    assert [code for code, _ in results] == [0, 0], results
    assert len(pd.read_parquet(out / "documents")) == 6


def tree_of(pid: int) -> list:
    import psutil

    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


@pytest.mark.slow
def test_sigkill_of_the_main_process_leaves_no_process_of_the_run_behind(tmp_path):
    import psutil

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    pages = sorted(copy_corpus(tmp_path / "corpus").rglob("*.txt"))
    for n in range(60):
        for page in pages:
            (raw / f"{page.stem}-{n}.txt").write_text(page.read_text() + f"\nCopy {n}.\n")
    proc = minutes_run(raw, out, "--workers", "2", "--batch-size", "5")
    deadline = time.monotonic() + 240
    helpers = []
    # Kill once the worker pool is busy tagging: the API server and two workers are up.
    while time.monotonic() < deadline and proc.poll() is None:
        helpers = tree_of(proc.pid)
        if len(helpers) >= 4 and any(out.glob(".council-minutes/staging/mentions-*/part-*")):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    helpers = [p for p in tree_of(proc.pid) if p.pid != proc.pid]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    try:
        gone, alive = psutil.wait_procs(helpers, timeout=20)
        assert not alive, [(p.pid, p.name()) for p in alive]
    finally:
        for leftover in helpers:
            with contextlib.suppress(psutil.Error):
                leftover.kill()
