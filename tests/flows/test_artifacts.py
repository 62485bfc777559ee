"""Each run publishes its summary to Prefect as artifacts, readable back through the client."""

from __future__ import annotations

import json

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

from flows.artifacts import ERRORS_KEY, SUMMARY_KEY, TABLES_KEY, summary_markdown, top_errors
from flows.config import RunConfig
from flows.flow import RunSummary, run
from flows.incremental import StageReport
from tests.conftest import RAW


def read_artifacts(flow_run_id: str) -> dict:
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


def test_run_publishes_summary_tables_and_errors(corpus_run):
    config, summary = corpus_run
    artifacts = read_artifacts(summary.flow_run_id)
    assert set(artifacts) == {SUMMARY_KEY, TABLES_KEY, ERRORS_KEY}
    markdown = artifacts[SUMMARY_KEY].data
    assert artifacts[SUMMARY_KEY].type == "markdown"
    assert "Pages: 6 new, 0 changed, 0 unchanged, 0 removed, 0 failed." in markdown
    assert "| documents | 6 |" in markdown and "report/index.html" in markdown
    assert artifacts[TABLES_KEY].type == "table"
    rows = json.loads(artifacts[TABLES_KEY].data)
    assert {"table": "documents", "rows": 6} in rows


def test_failed_pages_show_as_top_errors(prefect_harness, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "ok.txt").write_text(next(RAW.rglob("*.txt")).read_text(encoding="utf-8"))
    (raw / "empty.txt").write_bytes(b"")
    config = RunConfig(raw_dir=raw, out_dir=tmp_path / "out", workers=1, report=False)
    summary = run(config)
    assert summary.report is None and not (config.out_dir / "report").exists()
    errors = json.loads(read_artifacts(summary.flow_run_id)[ERRORS_KEY].data)
    assert errors == [
        {
            "stage": "ingest",
            "error": "EmptyPageError",
            "files": 1,
            "example": "empty.txt: expected page text, the file is empty or blank",
        }
    ]


def test_summary_markdown_groups_errors():
    failed = [
        {
            "source": f"p{n}.txt",
            "stage": "split",
            "error": "NoItemsError",
            "message": f"p{n}.txt: no items",
        }
        for n in range(3)
    ]
    summary = RunSummary(
        reports=[StageReport("split", processed=5, errors=failed)], tables={"items": 9}
    )
    assert top_errors(summary) == [
        {"stage": "split", "error": "NoItemsError", "files": 3, "example": "p0.txt: no items"}
    ]
    text = summary_markdown(summary, "out")
    assert "| split | NoItemsError | 3 | p0.txt: no items |" in text
    assert "3 failed" in text
