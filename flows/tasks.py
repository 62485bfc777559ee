"""Prefect tasks, one per stage: read the previous stage's Parquet, call the stage logic, write."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pandas as pd
from prefect import get_run_logger, task

from flows import storage
from flows.config import RunConfig
from flows.engine import map_batches
from flows.schemas import SCHEMAS, empty_frame
from flows.stages import (
    Batch,
    BatchResult,
    build_tables_batch,
    classify_sources,
    hash_sources,
    ingest_batch,
    split_batch,
    tag_pages,
)
from flows.state import read_state, read_table_state, write_state, write_table_state

TYPED_TABLES = ("roles", "people", "dates", "judgements")


@dataclass
class StageReport:
    """What a stage did: rows written, pages processed or reused, failures, page changes."""

    stage: str
    rows: dict[str, int] = field(default_factory=dict)
    processed: int = 0
    reused: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    changes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def batched(rows: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` rows from any iterable."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def plan_batches(
    config: RunConfig, stage: str, outputs: tuple[str, ...], pages: Iterable[dict]
) -> Iterator[Batch]:
    """Cut pages (sorted by doc_id) into batches, marking those whose rows can be reused."""
    reusable: set[str] = set()
    if not config.refresh and all(storage.table_exists(config.out_dir, t) for t in outputs):
        key = config.stage_key(stage)
        reusable = current_pages(config, outputs, key)
    for chunk in batched(pages, config.batch_size):
        yield Batch(
            reuse=[p["doc_id"] for p in chunk if p["doc_id"] in reusable],
            todo=[p for p in chunk if p["doc_id"] not in reusable],
        )


def write_outputs(
    config: RunConfig,
    report: StageReport,
    outputs: tuple[str, ...],
    results: Iterable[tuple[Batch, BatchResult]],
) -> None:
    """Write each batch's reused and new rows in order, then swap every output table into place."""
    key = config.stage_key(report.stage)
    done: dict[str, str] = {}
    logger = get_run_logger()
    meta = {"key": key}
    with ExitStack() as stack:
        writers = {
            t: stack.enter_context(storage.TableWriter(config.out_dir, t, meta)) for t in outputs
        }
        for n, (batch, result) in enumerate(results, start=1):
            for table, writer in writers.items():
                old = reused_rows(config, table, batch.reuse)
                frames = [f for f in (old, result.frames.get(table)) if f is not None and len(f)]
                writer.write(pd.concat(frames, ignore_index=True) if frames else empty_frame(table))
            done.update(dict.fromkeys(batch.reuse + result.done, key))
            report.reused += len(batch.reuse)
            report.processed += len(result.done)
            report.errors += result.errors
            if batch.todo:
                logger.info("%s: batch %d, %d pages done", report.stage, n, len(done))
        # The page keys travel inside each table, so a table and its keys never disagree.
        for writer in writers.values():
            write_table_state(writer.staging, done)
    report.rows = {t: w.rows for t, w in writers.items()}
    logger.info(
        "%s: %d pages processed, %d reused, %d failed; rows %s",
        report.stage,
        report.processed,
        report.reused,
        len(report.errors),
        report.rows,
    )


def reused_rows(config: RunConfig, table: str, doc_ids: list[str]) -> pd.DataFrame | None:
    """Last run's rows of some pages (read while the new table is still in staging)."""
    if not doc_ids:
        return None
    return storage.read_frame(config.out_dir, table, doc_ids=doc_ids)


def document_ids(config: RunConfig) -> list[str]:
    """The doc_ids of the `documents` table (one column read)."""
    return storage.read_frame(config.out_dir, "documents", ["doc_id"])["doc_id"].tolist()


def current_pages(config: RunConfig, outputs: tuple[str, ...], key: str) -> set[str]:
    """Pages whose rows every one of a stage's tables holds under ``key``.

    All tables are checked: a killed run may have swapped some of them and not the others.
    """
    pages: set[str] | None = None
    for table in outputs:
        state = read_table_state(config.out_dir, table)
        ok = {doc_id for doc_id, k in state.items() if k == key}
        pages = ok if pages is None else pages & ok
    return pages or set()


def already_current(
    config: RunConfig, report: StageReport, outputs: tuple[str, ...], doc_ids: list[str]
) -> bool:
    """Whether the stage's tables already hold exactly these pages under the current key.

    Then they are kept as they are: a no-change run reads no rows at all. The page
    keys are read from inside each table, so they always describe the table in place.
    """
    if config.refresh or not all(storage.table_exists(config.out_dir, t) for t in outputs):
        return False
    key = config.stage_key(report.stage)
    if current_pages(config, outputs, key) != set(doc_ids):
        return False
    report.reused = len(doc_ids)
    report.rows = {t: storage.count_rows(config.out_dir, t) for t in outputs}
    get_run_logger().info("%s: all %d pages unchanged, tables kept", report.stage, len(doc_ids))
    return True


def run_stage(
    config: RunConfig,
    report: StageReport,
    outputs: tuple[str, ...],
    doc_ids: list[str],
    pages: Callable[[], Iterable[dict]],
    func: Callable[..., BatchResult],
    *args: object,
) -> StageReport:
    """Keep the tables if current; else map ``func`` over batches of ``pages()`` and write them."""
    if not already_current(config, report, outputs, doc_ids):
        batches = plan_batches(config, report.stage, outputs, pages())
        write_outputs(config, report, outputs, map_batches(func, batches, config, *args))
    return report


def read_documents(config: RunConfig, columns: list[str]) -> Iterator[dict]:
    """Rows of the `documents` table (some columns) in doc_id order, streamed part by part."""
    yield from storage.iter_rows(config.out_dir, "documents", columns)


@task(name="ingest", retries=2, retry_delay_seconds=1)
def ingest(config: RunConfig) -> StageReport:
    """Read raw pages into `documents`, reusing rows of pages whose bytes did not change."""
    report = StageReport("ingest")
    scan = hash_sources(Path(config.raw_dir))
    report.errors += scan.errors
    report.changes = classify_sources(read_state(config.out_dir, "sources"), scan.sources)
    doc_ids = [p["doc_id"] for p in scan.pages]
    args = (Path(config.raw_dir), config.max_page_bytes)
    run_stage(config, report, ("documents",), doc_ids, lambda: scan.pages, ingest_batch, *args)
    write_state(config.out_dir, "sources", scan.sources)
    report.changes["failed"] = len(report.errors)
    return report


@task(name="split", retries=2, retry_delay_seconds=1)
def split(config: RunConfig) -> StageReport:
    """Split every page of `documents` into the `items` table."""
    return run_stage(
        config,
        StageReport("split"),
        ("items",),
        document_ids(config),
        lambda: read_documents(config, ["doc_id", "source", "text"]),
        split_batch,
    )


@task(name="tag", retries=1, retry_delay_seconds=1)
def tag(config: RunConfig) -> StageReport:
    """Tag the header and items of every page with the spaCy pipeline into `mentions`."""
    return run_stage(
        config,
        StageReport("tag"),
        ("mentions",),
        document_ids(config),
        lambda: pages_with_items(config),
        tag_pages,
        config.model,
    )


def pages_with_items(config: RunConfig) -> Iterator[dict]:
    """`documents` rows with their items' (item_id, start_char, end_char), in doc_id order."""
    items = storage.read_frame(
        config.out_dir, "items", ["doc_id", "item_id", "start_char", "end_char"]
    )
    spans: dict[str, list] = {}
    for row in items.itertuples(index=False):
        spans.setdefault(row.doc_id, []).append((row.item_id, row.start_char, row.end_char))
    # Pages without items (they failed split) are tagged as one header segment.
    for page in read_documents(config, ["doc_id", "source", "text"]):
        yield {**page, "items": spans.pop(page["doc_id"], [])}


@task(name="tables", retries=1, retry_delay_seconds=1)
def tables(config: RunConfig) -> StageReport:
    """Build `roles`, `people`, `dates` and `judgements` from `mentions` and meeting dates."""
    return run_stage(
        config,
        StageReport("tables"),
        TYPED_TABLES,
        document_ids(config),
        lambda: pages_with_mentions(config),
        build_tables_batch,
    )


def pages_with_mentions(config: RunConfig) -> Iterator[dict]:
    """`documents` rows (meeting dates) with their `mentions` rows, in doc_id order."""
    pages = read_documents(config, ["doc_id", "source", "meeting_date"])
    mentions = storage.iter_rows(config.out_dir, "mentions", list(SCHEMAS["mentions"].names))
    return with_mentions(pages, mentions)


def with_mentions(pages: Iterator[dict], mentions: Iterator[dict]) -> Iterator[dict]:
    """Pages with their `mentions` rows attached: a merge of two streams sorted by doc_id."""
    pending = next(mentions, None)
    for page in pages:
        rows = []
        while pending is not None and pending["doc_id"] < page["doc_id"]:
            pending = next(mentions, None)
        while pending is not None and pending["doc_id"] == page["doc_id"]:
            rows.append(pending)
            pending = next(mentions, None)
        yield {**page, "mentions": rows}


@task(name="record-errors", retries=2, retry_delay_seconds=1)
def record_errors(config: RunConfig, reports: list[StageReport]) -> int:
    """Write `errors`: this run's failures plus earlier ones from stages this run did not touch."""
    logger = get_run_logger()
    for error in [e for r in reports for e in r.errors][:50]:
        logger.warning("%s failed %s: %s", error["source"], error["stage"], error["message"])
    ran = {r.stage for r in reports}
    kept = pd.DataFrame()
    if storage.table_exists(config.out_dir, "errors"):
        old = storage.read_frame(config.out_dir, "errors")
        kept = old[~old["stage"].isin(ran)]
    new = pd.DataFrame(
        [e for r in reports for e in r.errors], columns=empty_frame("errors").columns
    )
    frames = [f for f in (kept, new) if len(f)]
    frame = pd.concat(frames, ignore_index=True) if frames else empty_frame("errors")
    return storage.write_frame(config.out_dir, "errors", frame.drop_duplicates())
