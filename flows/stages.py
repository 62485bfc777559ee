"""Stage logic over batches of pages (no Prefect): each stage's task only wires these."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extractors.common.errors import NoItemsError, PageError, PageTooLargeError
from extractors.dates.meeting_date import find_meeting_date
from extractors.layout import parse_page
from extractors.pipeline import Mention, segment_page, shared_nlp, tag_segments
from extractors.readers import read_page
from extractors.records import build_records

HIDDEN = (".", "_", "~")
MENTION_COLUMNS = list(Mention.__dataclass_fields__)


class DuplicatePageError(PageError):
    """Two raw files have the same bytes; the page is kept once, under the first path."""


@dataclass
class BatchResult:
    """A batch's new rows per table, its error rows and the doc_ids it processed."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


@dataclass
class Batch:
    """A slice of pages in doc_id order: some reuse last run's rows, the rest are computed."""

    reuse: list[str]
    todo: list[dict]


@dataclass
class SourceScan:
    """The raw folder: distinct pages by doc_id, every file's doc_id, and unreadable files."""

    pages: list[dict[str, str]]
    sources: dict[str, str]
    errors: list[dict[str, str]]


def doc_id_of(data: bytes) -> str:
    """The stable id of a page: the start of the SHA-256 of its raw bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def error_row(source: str, stage: str, exc: BaseException) -> dict[str, str]:
    """An `errors` row for a page that failed a stage."""
    message = str(exc) or repr(exc)
    if source not in message:
        message = f"{source}: {message}"
    return {"source": source, "stage": stage, "error": type(exc).__name__, "message": message}


def list_raw_files(raw_dir: Path) -> list[str]:
    """Every file under the raw folder (recursively), sorted relative paths; hidden ones skipped."""
    files = []
    for path in Path(raw_dir).rglob("*"):
        rel = path.relative_to(raw_dir)
        if path.is_file() and not any(part.startswith(HIDDEN) for part in rel.parts):
            files.append(rel.as_posix())
    return sorted(files)


def hash_sources(raw_dir: Path) -> SourceScan:
    """Hash every raw file; pages come back sorted by doc_id, duplicates as error rows."""
    first: dict[str, str] = {}
    sources: dict[str, str] = {}
    errors = []
    for source in list_raw_files(raw_dir):
        try:
            doc_id = doc_id_of((Path(raw_dir) / source).read_bytes())
        except OSError as exc:
            errors.append(error_row(source, "ingest", exc))
            continue
        sources[source] = doc_id
        if doc_id in first:
            dup = DuplicatePageError(
                f"{source}: expected a distinct page, "
                f"has the same bytes as {first[doc_id]} (kept once)"
            )
            errors.append(error_row(source, "ingest", dup))
        else:
            first[doc_id] = source
    pages = [{"doc_id": d, "source": s} for d, s in sorted(first.items())]
    return SourceScan(pages, sources, errors)


def classify_sources(known: Mapping[str, str], current: Mapping[str, str]) -> dict[str, int]:
    """Count files new, changed, unchanged since the last run, and those removed."""
    counts = Counter(
        "new" if source not in known else "unchanged" if known[source] == doc_id else "changed"
        for source, doc_id in current.items()
    )
    counts["removed"] = len(set(known) - set(current))
    return {k: counts[k] for k in ("new", "changed", "unchanged", "removed")}


def ingest_page(source: str, data: bytes, max_page_bytes: int) -> dict[str, Any]:
    """A `documents` row from a raw page's bytes; raises a PageError for unreadable pages."""
    if len(data) > max_page_bytes:
        raise PageTooLargeError(
            f"{source}: expected a page of at most {max_page_bytes:,} bytes, got {len(data):,}"
        )
    page = read_page(data, source)
    layout = parse_page(page.text)
    meeting_date, date_source = find_meeting_date(page.text, layout.header_date_text)
    return {
        "doc_id": doc_id_of(data),
        "source": source,
        "format": page.format,
        "page_kind": layout.page_kind,
        "title": layout.title,
        "committee": layout.committee,
        "meeting_date": meeting_date,
        "meeting_date_source": date_source,
        "text": page.text,
        "n_items": len(layout.items),
    }


def ingest_batch(pages: list[dict], raw_dir: Path, max_page_bytes: int) -> BatchResult:
    """`documents` rows for a batch of raw files (dicts with doc_id and source)."""
    result, rows = BatchResult(), []
    for page in pages:
        try:
            data = (Path(raw_dir) / page["source"]).read_bytes()
            rows.append(ingest_page(page["source"], data, max_page_bytes))
            result.done.append(page["doc_id"])
        except Exception as exc:  # recorded, never fatal: the other pages go on
            result.errors.append(error_row(page["source"], "ingest", exc))
    result.frames["documents"] = pd.DataFrame(rows)
    return result


def split_document(doc_id: str, source: str, text: str) -> list[dict[str, Any]]:
    """The `items` rows of one page; raises NoItemsError when it has none."""
    layout = parse_page(text)
    if not layout.items:
        raise NoItemsError(f"{source}: expected agenda items (numbered or titled), found none")
    return [
        {
            "doc_id": doc_id,
            "item_id": f"{doc_id}:{item.seq}",
            "seq": item.seq,
            "number": item.number,
            "title": item.title,
            "text": text[item.start_char : item.end_char],
            "start_char": item.start_char,
            "end_char": item.end_char,
            "truncated": item.truncated,
        }
        for item in layout.items
    ]


def split_batch(pages: list[dict]) -> BatchResult:
    """`items` rows for a batch of `documents` rows."""
    result, rows = BatchResult(), []
    for page in pages:
        try:
            rows += split_document(page["doc_id"], page["source"], page["text"])
            result.done.append(page["doc_id"])
        except Exception as exc:
            result.errors.append(error_row(page["source"], "split", exc))
    result.frames["items"] = pd.DataFrame(rows)
    return result


def tag_pages(pages: list[dict], model: str | None = None) -> BatchResult:
    """`mentions` rows for a batch of pages (doc_id, source, text, items as (id, start, end)).

    Runs in worker processes, so it returns a small frame rather than spaCy Docs.
    """
    result, rows = BatchResult(), []
    if not pages:
        result.frames["mentions"] = pd.DataFrame(columns=MENTION_COLUMNS)
        return result
    nlp = shared_nlp(model)
    for page in pages:
        try:
            segments = segment_page(page["doc_id"], page["text"], page["items"])
            rows += [astuple(m) for m in tag_segments(nlp, segments)]
            result.done.append(page["doc_id"])
        except Exception as exc:  # one bad page must not sink its batch
            result.errors.append(error_row(page["source"], "tag", exc))
    result.frames["mentions"] = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return result


def build_tables_batch(pages: list[dict]) -> BatchResult:
    """Typed rows (roles, people, dates, judgements) for pages carrying their `mentions` rows."""
    from flows.schemas import SCHEMAS

    result = BatchResult()
    collected: dict[str, list[dict]] = {}
    for page in pages:
        try:
            records = build_records(page["mentions"], {page["doc_id"]: page["meeting_date"]})
        except Exception as exc:
            result.errors.append(error_row(page["source"], "tables", exc))
            continue
        for name, recs in records.items():
            collected.setdefault(name, []).extend(recs)
        result.done.append(page["doc_id"])
    result.frames = {
        name: pd.DataFrame(recs, columns=SCHEMAS[name].names) for name, recs in collected.items()
    }
    return result
