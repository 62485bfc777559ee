"""The run's summary as Prefect artifacts, so the Prefect UI shows what each (scheduled) run did."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from prefect.artifacts import create_markdown_artifact, create_table_artifact

if TYPE_CHECKING:
    from flows.flow import RunSummary

SUMMARY_KEY = "council-minutes-summary"
TABLES_KEY = "council-minutes-tables"
ERRORS_KEY = "council-minutes-errors"
TOP_ERRORS = 10


def page_changes(summary: RunSummary) -> dict[str, int]:
    """Pages new, changed, unchanged, removed and failed this run."""
    changes = {k: n for r in summary.reports for k, n in r.changes.items()}
    return {**changes, "failed": summary.failed_pages}


def top_errors(summary: RunSummary, limit: int = TOP_ERRORS) -> list[dict]:
    """This run's failures by stage and error class, most frequent first, with an example."""
    errors = [e for r in summary.reports for e in r.errors]
    counts = Counter((e["stage"], e["error"]) for e in errors)
    example = {(e["stage"], e["error"]): e for e in reversed(errors)}
    return [
        {
            "stage": stage,
            "error": error,
            "files": n,
            "example": example[stage, error]["message"],  # messages name their file
        }
        for (stage, error), n in counts.most_common(limit)
    ]


def summary_markdown(summary: RunSummary, out_dir: str) -> str:
    """The run's summary as Markdown: page changes, stages, rows per table, top errors, report."""
    lines = ["# council-minutes run", ""]
    changes = page_changes(summary)
    lines.append("Pages: " + ", ".join(f"{n:,} {k}" for k, n in changes.items()) + ".")
    lines += ["", "| stage | processed | reused | failed | seconds |", "|---|--:|--:|--:|--:|"]
    for r in summary.reports:
        lines.append(
            f"| {r.stage} | {r.processed:,} | {r.reused:,} | {len(r.errors):,} | {r.seconds:.1f} |"
        )
    lines += ["", "| table | rows |", "|---|--:|"]
    lines += [f"| {table} | {n:,} |" for table, n in summary.tables.items()]
    errors = top_errors(summary)
    if errors:
        lines += [
            "",
            "## Top errors",
            "",
            "| stage | error | files | example |",
            "|---|---|--:|---|",
        ]
        for e in errors:
            example = e["example"].replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {e['stage']} | {e['error']} | {e['files']} | {example} |")
    lines += ["", f"Tables in `{out_dir}`; `{summary.errors:,}` rows in `errors`."]
    if summary.report is not None:
        lines.append(f"Review site: `{summary.report.index}` ({summary.report.pages:,} pages).")
    return "\n".join(lines) + "\n"


def publish_summary(summary: RunSummary, out_dir: str) -> None:
    """Publish the summary (Markdown), rows per table and top errors (tables) to Prefect."""
    create_markdown_artifact(
        summary_markdown(summary, out_dir), key=SUMMARY_KEY, description="What this run did"
    )
    rows = [{"table": t, "rows": n} for t, n in summary.tables.items()]
    create_table_artifact(rows, key=TABLES_KEY, description="Rows per table after this run")
    create_table_artifact(
        top_errors(summary) or [{"stage": "", "error": "none", "files": 0, "example": ""}],
        key=ERRORS_KEY,
        description="This run's failures by stage and error class",
    )
