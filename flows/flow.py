"""The pipeline flow: run the chosen stages in order and record every page that failed."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prefect import flow
from prefect.runtime import flow_run
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

from flows import output_folder, storage, table_reader
from flows.artifacts import publish_summary
from flows.config import STAGES, FetchConfig, RunConfig
from flows.engine import dask_task_runner, shutdown_pool
from flows.incremental import StageReport
from flows.lifeline import lifeline
from flows.schemas import TABLES
from flows.tasks import (
    describe_tables,
    fetch,
    ingest,
    link,
    record_errors,
    split,
    tables,
    tag,
    write_report,
)

if TYPE_CHECKING:
    from report import Site

STAGE_TASKS = {
    "fetch": fetch,
    "ingest": ingest,
    "split": split,
    "tag": tag,
    "tables": tables,
    "link": link,
}
# The table each stage reads: re-running a stage alone needs it in place.
STAGE_INPUTS = {"split": "documents", "tag": "items", "tables": "mentions", "link": "page_people"}


class MissingInputError(Exception):
    """A stage was asked to run alone but the table it reads has not been written yet."""


@dataclass
class RunSummary:
    """What one run did, for the CLI's summary and for tests."""

    reports: list[StageReport] = field(default_factory=list)
    errors: int = 0
    tables: dict[str, int] = field(default_factory=dict)
    report: Site | None = None  # the review site written; None with --no-report
    flow_run_id: str | None = None

    @property
    def failed_pages(self) -> int:
        """Distinct raw files with at least one `errors` row from this run."""
        return len({e["source"] for r in self.reports for e in r.errors})


def check_inputs(config: RunConfig) -> None:
    """Fail early, with the reason, when a chosen stage's input table is missing."""
    for stage in config.stages:
        earlier = STAGES[: STAGES.index(stage)]
        needed = STAGE_INPUTS.get(stage)
        runs_alone = needed and earlier and earlier[-1] not in config.stages
        if runs_alone and not storage.table_exists(config.out_dir, needed):
            raise MissingInputError(
                f"stage {stage!r} reads {storage.table_dir(config.out_dir, needed)}, which "
                "does not exist yet: run the earlier stages first (minutes run without --stage)"
            )


@flow(name="council-minutes", log_prints=True)
def run_pipeline(config: RunConfig) -> RunSummary:
    """Run the chosen stages over the raw folder and write every table under the output folder."""
    storage.recover_tables(config.out_dir)
    summary = RunSummary()
    try:
        for stage in STAGES:
            if stage == "fetch" and not config.fetch.councils:
                continue  # nothing to fetch: the raw folder is read as it is
            if stage in config.stages:
                started = time.perf_counter()
                report = STAGE_TASKS[stage](config)
                report.seconds = time.perf_counter() - started  # for the summary and benchmarks
                summary.reports.append(report)
    finally:
        shutdown_pool()
    summary.errors = record_errors(config, summary.reports)
    summary.tables = {
        table: table_reader.count_rows(config.out_dir, table)
        for table in TABLES
        if storage.table_exists(config.out_dir, table)
    }
    describe_tables(config)
    if config.report:
        summary.report = write_report(config)
    summary.flow_run_id = flow_run.get_id()
    publish_summary(summary, str(config.out_dir))
    return summary


def run(config: RunConfig) -> RunSummary:
    """Run the flow with this project's Prefect settings and the configured engine.

    The output folder is claimed (ours or refused) and locked before any work; the
    lifeline ends the run's helper processes if this process is killed.
    """
    check_inputs(config)
    output_folder.claim(config.out_dir)
    pipeline: Any = run_pipeline
    if config.engine == "dask":
        pipeline = run_pipeline.with_options(task_runner=dask_task_runner(config))
    # No heartbeat thread: runs are short-lived and it adds a second to every run.
    with (
        output_folder.hold(config.out_dir, config.wait_seconds),
        lifeline(),
        temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}),
    ):
        return pipeline(config)


@flow(name="council-minutes-scheduled")
def scheduled_run(
    raw_dir: str = "raw",
    out_dir: str = "output",
    strict: bool = False,
    wait_seconds: float = 600,
    councils: list[str] | None = None,
    councils_file: str | None = None,
    delay: float = 1.0,
    contact: str | None = None,
) -> int:
    """The pipeline as a deployment runs it on a schedule: fetch the councils, then all stages."""
    fetch = FetchConfig(
        councils=tuple(councils or ()),
        councils_file=Path(councils_file) if councils_file else None,
        delay=delay,
        contact=contact,
    )
    config = RunConfig(
        raw_dir=Path(raw_dir).resolve(),
        out_dir=Path(out_dir).resolve(),
        strict=strict,
        wait_seconds=wait_seconds,
        fetch=fetch,
        run_date=date.today(),  # the schedule's edge: each run is for the day it fires
    )
    output_folder.claim(config.out_dir)
    # Overlapping schedules: a run that finds the folder busy waits, then fails clearly.
    with output_folder.hold(config.out_dir, config.wait_seconds):
        summary = run_pipeline(config)
    if strict and summary.failed_pages:
        raise RuntimeError(f"{summary.failed_pages} pages failed; see {out_dir}/errors")
    return summary.errors


def serve(
    raw_dir: Path, out_dir: Path, cron: str, name: str = "nightly", fetch: FetchConfig | None = None
) -> None:
    """Register the scheduled deployment with the Prefect server and run its flows (blocks)."""
    fetch = fetch or FetchConfig()
    parameters = {"raw_dir": str(Path(raw_dir).resolve()), "out_dir": str(Path(out_dir).resolve())}
    if fetch.councils:
        file = str(Path(fetch.councils_file).resolve()) if fetch.councils_file else None
        parameters |= {"councils": list(fetch.councils), "councils_file": file}
        parameters |= {"delay": fetch.delay, "contact": fetch.contact}
    scheduled_run.serve(name=name, cron=cron, parameters=parameters)
