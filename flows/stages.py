"""Stage logic over batches of pages (no Prefect): each stage's task only wires these."""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from extractors.common.errors import NoItemsError, PageTooLargeError
from extractors.dates.meeting_date import find_meeting_date
from extractors.layout import parse_page
from extractors.pipeline import Mention, segment_page, shared_nlp, tag_segments
from extractors.readers import read_page
from extractors.records import build_records
from flows.sources import doc_id_of, error_row, read_bounded

MENTION_COLUMNS = list(Mention.__dataclass_fields__)


@dataclass
class BatchResult:
    """A batch's new rows per table, its error rows and the doc_ids it processed."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


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
            data = read_bounded(Path(raw_dir) / page["source"], max_page_bytes, page["source"])
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
