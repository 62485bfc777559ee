"""Bad pages become `errors` rows naming file and stage; the good pages are still written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from flows.config import RunConfig

GOLD = Path(__file__).parent.parent / "data" / "gold"
CP1252_PAGE = (
    "Agendas, Meetings and Minutes - Agenda and minutes\r\n\r\n"
    "Items\r\nNo.\tItem\r\n\r\n"
    "12.\t\r\nApologies for Absence\r\n\r\nMinutes:\r\n\r\n"
    "Apologies were received from Cllr J O\u2019Neill \u2013 \u00a3500 noted.\r\n\r\n"
    "13.\t\r\nChildren\u2019s Services Update\r\n\r\nMinutes:\r\n\r\n"
    "The Panel noted the \u201cupdate\u201d.\r\n"
)


@pytest.fixture(scope="module")
def bad_run(prefect_harness, tmp_path_factory):
    from flows.flow import run

    base = tmp_path_factory.mktemp("bad")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(GOLD / "000_890c0f0d2ed68804.txt", raw / "good.txt")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (raw / "windows.txt").write_bytes(CP1252_PAGE.encode("cp1252"))
    (raw / "no-items.txt").write_text("Thank you for visiting.\nNothing is published here yet.\n")
    line = "The Panel discussed the budget in great detail and at length. " * 4 + "\n"
    (raw / "huge.txt").write_text(line * (20 * 1024 * 1024 // len(line) + 1))
    config = RunConfig(raw_dir=raw, out_dir=base / "output", workers=1)
    summary = run(config)
    return config, summary


def test_each_bad_page_has_an_error_row_naming_file_and_stage(bad_run):
    config, summary = bad_run
    errors = pd.read_parquet(config.out_dir / "errors")
    got = {(r.source, r.stage, r.error) for r in errors.itertuples()}
    assert got == {
        ("empty.txt", "ingest", "EmptyPageError"),
        ("binary.txt", "ingest", "BinaryPageError"),
        ("huge.txt", "ingest", "PageTooLargeError"),
        ("no-items.txt", "split", "NoItemsError"),
    }
    for row in errors.itertuples():
        assert row.source in row.message
    assert summary.failed_pages == 4


def test_good_and_windows_1252_pages_are_still_written(bad_run):
    config, _ = bad_run
    docs = pd.read_parquet(config.out_dir / "documents").set_index("source")
    assert set(docs.index) == {"good.txt", "windows.txt", "no-items.txt"}
    text = docs.loc["windows.txt", "text"]
    assert "O\u2019Neill" in text and "\u00a3500" in text and "\r" not in text
    items = pd.read_parquet(config.out_dir / "items")
    windows = items[items.doc_id == docs.loc["windows.txt", "doc_id"]]
    assert list(windows.number) == ["12", "13"]
    assert list(windows.title) == ["Apologies for Absence", "Children\u2019s Services Update"]
    assert (items.doc_id == docs.loc["good.txt", "doc_id"]).sum() == 6
