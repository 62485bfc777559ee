"""Incremental work: stage keys, page state, reuse of unchanged pages and the partial-change merge.

A page's rows are recomputed only when its bytes, the code and patterns of its
stage (or an earlier one) or the settings change. Every decision about what to
reuse is made here; `flows/storage.py` only stores tables and their page keys.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from prefect import get_run_logger

import extractors
import linking
from flows import storage, table_reader
from flows.config import STAGES, RunConfig
from flows.engine import map_batches
from flows.stages import BatchResult

PACKAGE_DIR = Path(extractors.__file__).parent
# Code each stage's output depends on: editing any of it re-runs that stage and
# the ones after it for every page.
STAGE_CODE = {
    "ingest": (
        "common/text.py",
        "common/errors.py",
        "layout/*.py",
        "readers/*.py",
        # Attendees' honorifics are split off with the people vocabulary.
        "people/names.py",
        "people/patterns.jsonl",
        "dates/meeting_date.py",
        "dates/parse.py",
        "dates/vocab.py",
        "dates/patterns.jsonl",
    ),
    "split": ("layout/*.py",),
    "tag": ("*.py", "*/*.py", "*/patterns.jsonl"),
    "tables": ("records.py", "dates/*.py", "common/vocab.py", "dates/patterns.jsonl"),
}
# Code outside extractors/ a stage depends on: the linking package and the data it ships.
OTHER_CODE = {"link": (Path(linking.__file__).parent, ("*.py", "data/*.csv"))}
SOURCES_STATE = "sources"  # raw path -> doc_id of the last run, for new/changed/removed counts


@dataclass
class Batch:
    """A slice of pages in doc_id order: some reuse last run's rows, the rest are computed."""

    reuse: list[str]
    todo: list[dict]


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


@dataclass(frozen=True)
class StageSpec:
    """What a stage writes and how it computes a batch: the task declares, this module runs it."""

    name: str
    outputs: tuple[str, ...]
    compute: Callable[..., BatchResult]
    args: tuple = ()
    # Page fields besides the bytes that a page's rows depend on ("source" for `documents`,
    # so a renamed file is re-read under its new path rather than reused under the old one).
    key_fields: tuple[str, ...] = ()


def stage_key(config: RunConfig, stage: str) -> str:
    """A hash of the code, patterns and settings a stage's output depends on.

    Keys chain: a stage's key covers every earlier stage's code too, so a
    change to the splitter also re-tags the pages it split differently.
    """
    digest = hashlib.sha256(b"council-minutes/1")
    for name in STAGES[: STAGES.index(stage) + 1]:
        digest.update(name.encode())
        for pattern in STAGE_CODE.get(name, ()):
            for path in sorted(PACKAGE_DIR.glob(pattern)):
                digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
                digest.update(path.read_bytes())
        base, patterns = OTHER_CODE.get(name, (PACKAGE_DIR, ()))
        for pattern in patterns:
            for path in sorted(base.glob(pattern)):
                digest.update(path.relative_to(base).as_posix().encode())
                digest.update(path.read_bytes())
    digest.update(str(config.max_page_bytes).encode())
    if STAGES.index(stage) >= STAGES.index("tag"):
        digest.update(str(config.model).encode())
    if STAGES.index(stage) >= STAGES.index("link") and config.ofsted_outcomes:
        digest.update(Path(config.ofsted_outcomes).read_bytes())  # a user's newer outcomes
    return digest.hexdigest()[:16]


def scope_keys(config: RunConfig, scopes: Mapping[str, object]) -> dict[str, str]:
    """scope -> the key its `link` rows must carry to be reused: the stage key and what the
    scope's rows are computed from (its pages' ids and facts, what is known of its council).

    A scope is a council, or one page without a council. A new, changed or removed page
    changes only its own council's key.
    """
    base = stage_key(config, "link")
    return {
        scope: hashlib.sha256(
            json.dumps([base, scope, facts], sort_keys=True, default=str).encode()
        ).hexdigest()[:16]
        for scope, facts in scopes.items()
    }


def page_keys(config: RunConfig, spec: StageSpec, index: Iterable[dict]) -> dict[str, str]:
    """doc_id -> the key its rows must carry to be reused: the stage key, plus key fields."""
    base = stage_key(config, spec.name)
    if not spec.key_fields:
        return {page["doc_id"]: base for page in index}
    keys = {}
    for page in index:
        extra = "\0".join(str(page[f]) for f in spec.key_fields)
        keys[page["doc_id"]] = hashlib.sha256(f"{base}\0{extra}".encode()).hexdigest()[:16]
    return keys


def classify_sources(known: Mapping[str, str], current: Mapping[str, str]) -> dict[str, int]:
    """Count files new, changed, unchanged since the last run, and those removed."""
    counts = Counter(
        "new" if source not in known else "unchanged" if known[source] == doc_id else "changed"
        for source, doc_id in current.items()
    )
    counts["removed"] = len(set(known) - set(current))
    return {k: counts[k] for k in ("new", "changed", "unchanged", "removed")}


def source_changes(config: RunConfig, sources: Mapping[str, str]) -> dict[str, int]:
    """How the raw files differ from the last run's: new, changed, unchanged, removed."""
    return classify_sources(storage.read_state(config.out_dir, SOURCES_STATE), sources)


def remember_sources(config: RunConfig, sources: dict[str, str]) -> None:
    """Record the raw files this run read, for the next run's page changes."""
    storage.write_state(config.out_dir, SOURCES_STATE, sources)


def batched(rows: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of at most ``size`` rows from any iterable."""
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def current_pages(
    config: RunConfig, outputs: tuple[str, ...], expected: dict[str, str]
) -> set[str]:
    """Pages whose rows every one of a stage's tables holds under their expected key.

    All tables are checked: a killed run may have swapped some of them and not the others.
    """
    pages: set[str] | None = None
    for table in outputs:
        state = storage.read_table_state(config.out_dir, table)
        ok = {doc_id for doc_id, k in state.items() if expected.get(doc_id) == k}
        pages = ok if pages is None else pages & ok
    return pages or set()


def reusable_pages(config: RunConfig, spec: StageSpec, expected: dict[str, str]) -> set[str] | None:
    """Pages whose last rows every output table holds under their expected key.

    None when nothing can be reused: --refresh, or an output table is missing.
    """
    if config.refresh or not all(storage.table_exists(config.out_dir, t) for t in spec.outputs):
        return None
    return current_pages(config, spec.outputs, expected)


def plan_batches(
    config: RunConfig, index: list[dict], reusable: set[str], todo: Iterable[dict]
) -> Iterator[Batch]:
    """Cut the stage's pages (the index, in doc_id order) into batches of reused and new pages.

    ``todo`` streams, in the same order, only the pages to compute: a reused page's
    inputs are never read or turned into Python values.
    """
    pending = iter(todo)
    for chunk in batched((page["doc_id"] for page in index), config.batch_size):
        batch = Batch(reuse=[d for d in chunk if d in reusable], todo=[])
        for doc_id in (d for d in chunk if d not in reusable):
            page = next(pending, None)
            if page is None or page["doc_id"] != doc_id:
                found = page and page["doc_id"]
                raise RuntimeError(f"page stream out of step: expected {doc_id}, got {found}")
            batch.todo.append(page)
        yield batch


def write_outputs(
    config: RunConfig,
    report: StageReport,
    spec: StageSpec,
    expected: dict[str, str],
    results: Iterable[tuple[Batch, BatchResult]],
) -> None:
    """Write each batch's reused and new rows in order, then swap every output table into place."""
    meta = {"key": stage_key(config, spec.name)}
    done: dict[str, str] = {}
    logger = get_run_logger()
    with ExitStack() as stack:
        writers = {
            t: stack.enter_context(storage.TableWriter(config.out_dir, t, meta))
            for t in spec.outputs
        }
        # Last run's rows, merged by doc_id with the batches: each old table is read once
        # (while the new one is still in staging), however many batches reuse pages.
        old_tables = {t: table_reader.RowsByDoc(config.out_dir, t) for t in spec.outputs}
        for n, (batch, result) in enumerate(results, start=1):
            for table, writer in writers.items():
                writer.write_merged(old_tables[table].take(batch.reuse), result.frames.get(table))
            done.update({d: expected[d] for d in batch.reuse + result.done})
            report.reused += len(batch.reuse)
            report.processed += len(result.done)
            report.errors += result.errors
            if batch.todo:
                logger.info("%s: batch %d, %d pages done", report.stage, n, len(done))
        # The page keys travel inside each table, so a table and its keys never disagree.
        for writer in writers.values():
            writer.page_keys = done
    report.rows = {t: w.rows for t, w in writers.items()}
    logger.info(
        "%s: %d pages processed, %d reused, %d failed; rows %s",
        report.stage,
        report.processed,
        report.reused,
        len(report.errors),
        report.rows,
    )


def already_current(
    config: RunConfig,
    report: StageReport,
    spec: StageSpec,
    expected: dict[str, str],
    reusable: set[str] | None,
) -> bool:
    """Whether the stage's tables already hold exactly these pages under their expected keys.

    Then they are kept as they are: a no-change run reads no rows at all. The page
    keys are read from inside each table, so they always describe the table in place.
    """
    if reusable is None or reusable != set(expected):
        return False
    report.reused = len(expected)
    report.rows = {t: table_reader.count_rows(config.out_dir, t) for t in spec.outputs}
    get_run_logger().info("%s: all %d pages unchanged, tables kept", report.stage, len(expected))
    return True


def run_stage(
    config: RunConfig,
    spec: StageSpec,
    index: list[dict],
    pages: Callable[[set[str]], Iterable[dict]],
    report: StageReport | None = None,
) -> StageReport:
    """Keep the tables if current; else compute the pages that changed, reuse the rest, write.

    ``index`` lists the stage's pages in doc_id order (doc_id and the spec's key fields);
    ``pages(skip)`` streams, in that order, the pages not in ``skip`` with everything the
    stage computes from (a re-run then reads only what changed).
    """
    report = report or StageReport(spec.name)
    expected = page_keys(config, spec, index)
    # The page keys are read from each output table once, for both decisions.
    reusable = reusable_pages(config, spec, expected)
    if not already_current(config, report, spec, expected, reusable):
        reusable = reusable or set()
        batches = plan_batches(config, index, reusable, pages(reusable))
        # A re-run's few changed pages are computed without starting the workers.
        to_compute = len(expected.keys() - reusable) if reusable else None
        results = map_batches(spec.compute, batches, config, *spec.args, to_compute=to_compute)
        write_outputs(config, report, spec, expected, results)
    return report
