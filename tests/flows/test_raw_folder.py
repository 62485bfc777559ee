"""Odd raw folders: links, loops, odd names, huge and unreadable files become errors rows."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from flows.config import RunConfig
from flows.sources import hash_sources, list_raw_files, read_bounded
from tests.conftest import GOLD

PAGE = GOLD / "001_b7939150af6ffa63.txt"
MB = 1024 * 1024


def errors_by_source(scan) -> dict[str, dict]:
    return {row["source"]: row for row in scan.errors}


def test_a_link_leaving_the_raw_folder_is_not_read(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "secret.txt"
    raw.mkdir()
    shutil.copy(PAGE, raw / "page.txt")
    outside.write_text("1. Apologies\n\nTop secret system file.\n")
    (raw / "link.txt").symlink_to(outside)
    (raw / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    scan = hash_sources(raw, 10 * MB)
    assert [p["source"] for p in scan.pages] == ["page.txt"]
    errors = errors_by_source(scan)
    assert "link leaves the raw folder" in errors["link.txt"]["message"]
    assert "link leaves the raw folder" in errors["linked-folder"]["message"]
    followed = hash_sources(raw, 10 * MB, follow_links=True)
    assert "link.txt" in followed.sources  # --follow-links reads it on purpose


def test_links_inside_the_raw_folder_are_read(tmp_path):
    raw = tmp_path / "raw"
    (raw / "2019").mkdir(parents=True)
    shutil.copy(PAGE, raw / "2019" / "page.txt")
    (raw / "latest").symlink_to(raw / "2019", target_is_directory=True)
    assert list_raw_files(raw) == ["2019/page.txt", "latest/page.txt"]


def test_link_loops_and_broken_links_get_an_errors_row(tmp_path):
    raw = tmp_path / "raw"
    (raw / "a").mkdir(parents=True)
    shutil.copy(PAGE, raw / "a" / "page.txt")
    (raw / "a" / "back").symlink_to(raw, target_is_directory=True)  # a loop through a folder
    (raw / "self.txt").symlink_to(raw / "self.txt")  # a link to itself
    (raw / "gone.txt").symlink_to(raw / "missing.txt")
    scan = hash_sources(raw, 10 * MB)
    errors = errors_by_source(scan)
    assert "link loop" in errors["a/back"]["message"]
    assert "link loop" in errors["self.txt"]["message"]
    assert "broken link" in errors["gone.txt"]["message"]
    assert list(scan.sources) == ["a/page.txt"]


def test_a_file_name_that_is_not_utf8_is_an_errors_row_and_the_run_goes_on(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PAGE, raw / "page.txt")
    with open(os.path.join(os.fsencode(raw), b"caf\xe9 minutes.txt"), "wb") as handle:
        handle.write(PAGE.read_bytes() + b"\nanother copy\n")
    scan = hash_sources(raw, 10 * MB)
    assert list(scan.sources) == ["page.txt"]
    (row,) = scan.errors
    assert row["source"] == "caf\\xe9 minutes.txt"
    assert "not valid UTF-8" in row["message"]
    row["message"].encode("utf-8")  # writable to Parquet


def test_a_huge_file_is_refused_from_its_size_before_it_is_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PAGE, raw / "page.txt")
    with open(raw / "huge.txt", "wb") as handle:  # sparse: 2 GB on paper, nothing on disk
        handle.truncate(2 * 1024 * MB)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scan = hash_sources(raw, 10 * MB)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200, f"{grown_mb:.0f} MB more: the file was read"
    assert errors_by_source(scan)["huge.txt"]["error"] == "PageTooLargeError"
    assert "--max-page-mb" in errors_by_source(scan)["huge.txt"]["message"]
    with pytest.raises(Exception, match="at most"):
        read_bounded(raw / "huge.txt", MB, "huge.txt")


def test_the_size_limit_is_an_option(prefect_harness, tmp_path):
    from flows.flow import run

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(PAGE, raw / "page.txt")
    shutil.copy(GOLD / "002_db228ef21157a38f.txt", raw / "longer.txt")
    limit = (raw / "longer.txt").stat().st_size - 1
    config = RunConfig(raw_dir=raw, out_dir=tmp_path / "out", workers=1, max_page_bytes=limit)
    summary = run(config)
    assert [e["source"] for r in summary.reports for e in r.errors] == ["longer.txt"]
    assert list(pd.read_parquet(tmp_path / "out" / "documents").source) == ["page.txt"]


SCAN = "import json, sys; from flows.sources import hash_sources; " + (
    "print(json.dumps(hash_sources(sys.argv[1], 10 * 1024 * 1024).errors))"
)
# Root reads any folder whatever its mode: the scan then runs without the capabilities
# that bypass permission checks (setpriv, from util-linux), like an ordinary user.
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_an_unreadable_folder_is_an_errors_row(tmp_path):
    raw = tmp_path / "raw"
    (raw / "closed").mkdir(parents=True)
    shutil.copy(PAGE, raw / "page.txt")
    shutil.copy(PAGE, raw / "closed" / "page.txt")
    (raw / "closed").chmod(0)
    try:
        prefix = WITHOUT_OVERRIDE if os.geteuid() == 0 else []
        done = subprocess.run(
            [*prefix, sys.executable, "-c", SCAN, str(raw)],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parents[2],
            check=True,
        )
        errors = json.loads(done.stdout)
        assert [(e["source"], e["error"]) for e in errors] == [("closed", "SourceError")]
        assert "folder not read" in errors[0]["message"]
    finally:
        (raw / "closed").chmod(0o755)


def test_names_skipped_on_purpose_are_those_the_readme_lists(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("page.txt", ".hidden.txt", "_draft.txt", "~backup.txt"):
        shutil.copy(PAGE, raw / name)
    assert list_raw_files(raw) == ["page.txt"]
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    assert "starting with `.`, `_` or `~`" in readme
