"""Prefect tasks, one per stage: each declares what it reads, computes and writes.

How unchanged pages are reused lives in `flows/incremental.py`; the batch logic
in `flows/stages.py`; what a stage reads in `flows/inputs.py`.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from prefect import get_run_logger, task

from flows import storage, table_reader
from flows.config import RunConfig
from flows.datapackage import write_datapackage
from flows.fetching import describe_summary, fetch_all, fetch_report
from flows.incremental import (
    StageReport,
    StageSpec,
    remember_sources,
    run_stage,
    source_changes,
)
from flows.inputs import document_index, pages_with_items, pages_with_mentions, read_documents
from flows.linking import link_pages
from flows.schemas import empty_frame
from flows.sources import council_directory, hash_sources
from flows.stages import TABLES_OUTPUTS, build_tables_batch, ingest_batch, split_batch, tag_pages
from moderngov.state import read_fetch_errors

if TYPE_CHECKING:
    from report import Site

TYPED_TABLES = tuple(TABLES_OUTPUTS.values())  # people go to the working table page_people


@task(name="fetch")
def fetch(config: RunConfig) -> StageReport:
    """Fetch the councils' new and changed meetings into the raw folder (one thread per site)."""
    summaries = fetch_all(config)
    logger = get_run_logger()
    for summary in summaries:
        logger.info("fetch: %s", describe_summary(summary))
    return fetch_report(config, summaries)


@task(name="ingest", retries=2, retry_delay_seconds=1)
def ingest(config: RunConfig) -> StageReport:
    """Read raw pages into `documents` and `attendance`, reusing rows of unchanged pages."""
    raw_dir = Path(config.raw_dir)
    scan = hash_sources(raw_dir, config.max_page_bytes, config.follow_links)
    directory = council_directory(raw_dir, config.fetch.councils_file)
    # A page's rows depend on its path and on what is known of its council (registry, site).
    pages = [{**p, "council": directory.key_of(p["source"])} for p in scan.pages]
    args = (raw_dir, config.max_page_bytes, directory.councils)
    outputs = ("documents", "attendance")
    spec = StageSpec("ingest", outputs, ingest_batch, args, key_fields=("source", "council"))
    report = StageReport("ingest", errors=list(scan.errors))
    changes = source_changes(config, scan.sources)
    todo = lambda skip: [p for p in pages if p["doc_id"] not in skip]  # noqa: E731
    run_stage(config, spec, pages, todo, report)
    remember_sources(config, scan.sources)
    report.changes = changes
    # The last fetch's failures go to `errors` (stage fetch) with every ingest.
    report.errors += read_fetch_errors(raw_dir)
    return report


@task(name="split", retries=2, retry_delay_seconds=1)
def split(config: RunConfig) -> StageReport:
    """Split every page of `documents` into the `items` table."""
    spec = StageSpec("split", ("items",), split_batch)
    columns = ["doc_id", "source", "text", "status"]
    pages = lambda skip: read_documents(config, columns, skip)  # noqa: E731
    return run_stage(config, spec, document_index(config), pages)


@task(name="tag", retries=1, retry_delay_seconds=1)
def tag(config: RunConfig) -> StageReport:
    """Tag the header and items of every page with the spaCy pipeline into `mentions`."""
    spec = StageSpec("tag", ("mentions",), tag_pages, (config.model,))
    return run_stage(config, spec, document_index(config), partial(pages_with_items, config))


@task(name="tables", retries=1, retry_delay_seconds=1)
def tables(config: RunConfig) -> StageReport:
    """Build `roles`, `dates`, `judgements` and each page's people from `mentions`."""
    spec = StageSpec("tables", TYPED_TABLES, build_tables_batch)
    return run_stage(config, spec, document_index(config), partial(pages_with_mentions, config))


@task(name="link", retries=1, retry_delay_seconds=1)
def link(config: RunConfig) -> StageReport:
    """Link across the pages of each council: `people` with `person_key`, `office_holders`,
    `ofsted_check`; only councils whose pages, code or data changed are recomputed."""
    return link_pages(config)


@task(name="record-errors", retries=2, retry_delay_seconds=1)
def record_errors(config: RunConfig, reports: list[StageReport]) -> int:
    """Write `errors`: this run's failures plus earlier ones from stages this run did not touch."""
    logger = get_run_logger()
    for error in [e for r in reports for e in r.errors][:50]:
        logger.warning("%s failed %s: %s", error["source"], error["stage"], error["message"])
    ran = {r.stage for r in reports}
    if "ingest" in ran:
        ran.add("fetch")  # ingest folds in every council's last fetch errors
    kept = pd.DataFrame()
    if storage.table_exists(config.out_dir, "errors"):
        old = table_reader.read_frame(config.out_dir, "errors")
        # An errors table from an older version may lack the newer (nullable) columns.
        kept = old[~old["stage"].isin(ran)].reindex(columns=empty_frame("errors").columns)
    new = pd.DataFrame(
        [e for r in reports for e in r.errors], columns=empty_frame("errors").columns
    )
    frames = [f for f in (kept, new) if len(f)]
    frame = pd.concat(frames, ignore_index=True) if frames else empty_frame("errors")
    return storage.write_frame(config.out_dir, "errors", frame.drop_duplicates())


@task(name="describe-tables", retries=1, retry_delay_seconds=1)
def describe_tables(config: RunConfig) -> Path | None:
    """Write `datapackage.json`: every table's fields, types, keys and meaning."""
    path = write_datapackage(config.out_dir)
    if path is None:
        get_run_logger().warning("kept %s/datapackage.json: it is not ours", config.out_dir)
    return path


@task(name="report", retries=1, retry_delay_seconds=1)
def write_report(config: RunConfig) -> Site:
    """Write the review site under `<out-dir>/report` from the tables."""
    from report import build_site  # matplotlib and Jinja2: only for runs that write the site

    site = build_site(config.out_dir)
    logger = get_run_logger()
    logger.info("report: %s (%d pages, %.1f s)", site.index, site.pages, site.seconds)
    for name in site.kept:
        logger.warning("kept report/%s: not written by the report (or changed since)", name)
    return site
