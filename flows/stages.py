"""Stage logic over batches of pages (no Prefect): each stage's task only wires these."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pandas as pd

from extractors.common import vocab
from extractors.common.errors import NoItemsError, PageTooLargeError
from flows.sources import doc_id_of, error_row, read_bounded

# The extractors (spaCy, the layout rules, the readers) are imported inside the batch
# functions: those run in the worker processes, and the main process, which only plans
# and writes, then starts without them (seconds and a hundred MB less).
if TYPE_CHECKING:
    from spacy.language import Language

    from extractors.readers import PageText


@dataclass
class BatchResult:
    """A batch's new rows per table, its error rows and the doc_ids it processed."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)
    done: list[str] = field(default_factory=list)


def mention_columns() -> list[str]:
    """The columns of a `mentions` row, in the order of the pipeline's Mention tuples."""
    from extractors.pipeline import Mention

    return list(Mention._fields)


def attendance_columns() -> list[str]:
    """The columns of an `attendance` row."""
    from extractors.readers.xml import Attendee

    return ["doc_id", *Attendee.__dataclass_fields__]


def ingest_page(
    source: str, data: bytes, max_page_bytes: int, councils: Mapping[str, Mapping] | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A `documents` row and its `attendance` rows from a raw page's bytes.

    Raises a PageError for unreadable pages. ``councils`` maps the raw folder's
    first-level folders to councils (see flows.sources.council_directory).
    """
    from extractors.dates.meeting_date import find_meeting_date
    from extractors.layout import parse_page
    from extractors.readers import read_page

    if len(data) > max_page_bytes:
        raise PageTooLargeError(
            f"{source}: expected a page of at most {max_page_bytes:,} bytes, got {len(data):,}"
        )
    page = read_page(data, source)
    layout = parse_page(page.text)
    doc_id = doc_id_of(data)
    facts = page.meta
    if facts and facts.meeting_date:
        meeting_date, date_source = facts.meeting_date, "header"
    else:
        meeting_date, date_source = find_meeting_date(page.text, layout.header_date_text)
    council = council_of(source, councils or {})
    row = {
        "doc_id": doc_id,
        "source": source,
        "format": page.format,
        "page_kind": layout.page_kind,
        "title": layout.title,
        # A fetched page's folder names its committee exactly (GetCommittees' title).
        "committee": committee_of(source, council)
        or (facts and facts.committee)
        or layout.committee,
        "meeting_date": meeting_date,
        "meeting_date_source": date_source,
        "text": page.text,
        "n_items": len(layout.items),
        **meeting_columns(page, council, layout.status),
    }
    attendance = [{"doc_id": doc_id, **asdict(person)} for person in page.attendance]
    return row, attendance


def council_of(source: str, councils: Mapping[str, Mapping]) -> Mapping | None:
    """The council of a raw file: the one its first folder is named after (raw/WOR/...)."""
    parts = PurePosixPath(source).parts
    return councils.get(parts[0]) if len(parts) > 1 else None


def committee_of(source: str, council: Mapping | None) -> str | None:
    """A fetched meeting's committee title from its folder (raw/<council>/<committee_id>/...)."""
    parts = PurePosixPath(source).parts
    if council is None or len(parts) != 3:
        return None
    return (council.get("committees") or {}).get(parts[1])


def meeting_columns(
    page: PageText, council: Mapping | None, header_status: str | None
) -> dict[str, Any]:
    """The council, meeting id, public URL and status columns of a `documents` row.

    The status is the web-service answer's (lower case: "cancelled", "confirmed; special
    meeting"), else the one the page header states ("cancelled", "postponed", ...).
    """
    meeting_id = page.meta.meeting_id if page.meta else None
    stated = page.meta.status.lower() if page.meta and page.meta.status else None
    site = council.get("site") if council else None
    return {
        "council_id": council.get("council_id") if council else None,
        "council": council.get("name") if council else None,
        "meeting_id": meeting_id,
        "url": f"{site}/ieListDocuments.aspx?MId={meeting_id}" if site and meeting_id else None,
        "status": stated or header_status,
    }


def ingest_batch(
    pages: list[dict],
    raw_dir: Path,
    max_page_bytes: int,
    councils: Mapping[str, Mapping] | None = None,
) -> BatchResult:
    """`documents` and `attendance` rows for a batch of raw files (dicts with doc_id, source)."""
    result, rows, attendance = BatchResult(), [], []
    for page in pages:
        try:
            data = read_bounded(Path(raw_dir) / page["source"], max_page_bytes, page["source"])
            row, people = ingest_page(page["source"], data, max_page_bytes, councils)
            rows.append(row)
            attendance += people
            result.done.append(page["doc_id"])
        except Exception as exc:  # recorded, never fatal: the other pages go on
            result.errors.append(error_row(page["source"], "ingest", exc))
    result.frames["documents"] = pd.DataFrame(rows)
    result.frames["attendance"] = pd.DataFrame(attendance, columns=attendance_columns())
    return result


def has_no_items(status: str | None) -> bool:
    """Whether a meeting's status means it did not take place then (cancelled, postponed)."""
    words = re.findall(r"[a-z]+", (status or "").lower())
    return any(word in vocab.NO_ITEMS_STATUSES for word in words)


def split_document(
    doc_id: str, source: str, text: str, status: str | None = None
) -> list[dict[str, Any]]:
    """The `items` rows of one page; raises NoItemsError when it has none.

    A cancelled or postponed meeting has no items, and that is no error.
    """
    from extractors.layout import parse_page

    layout = parse_page(text)
    if not layout.items:
        if has_no_items(status or layout.status):
            return []
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
            rows += split_document(page["doc_id"], page["source"], page["text"], page.get("status"))
            result.done.append(page["doc_id"])
        except Exception as exc:
            result.errors.append(error_row(page["source"], "split", exc))
    result.frames["items"] = pd.DataFrame(rows)
    return result


def tag_pages(pages: list[dict], model: str | None = None) -> BatchResult:
    """`mentions` rows for a batch of pages (doc_id, source, text, items as (id, start, end)).

    Runs in worker processes, so it returns a small frame rather than spaCy Docs.
    """
    if not pages:
        result = BatchResult()
        result.frames["mentions"] = pd.DataFrame(columns=mention_columns())
        return result
    from extractors.pipeline import shared_nlp

    return tag_with(shared_nlp(model), pages)


def tag_with(nlp: Language, pages: list[dict]) -> BatchResult:
    """`mentions` rows for a batch of pages, tagged by ``nlp``; a page it fails on goes to errors.

    The batch's segments go through one ``nlp.pipe``, so each component works
    through many Docs in turn (see extractors.common.batched); when that fails,
    the pages are tagged one by one to find the page at fault.
    """
    from extractors.pipeline import segment_page, tag_segments

    result, segmented = BatchResult(), []
    for page in pages:
        try:
            segmented.append((page, segment_page(page["doc_id"], page["text"], page["items"])))
        except Exception as exc:
            result.errors.append(error_row(page["source"], "tag", exc))
    try:
        rows = list(tag_segments(nlp, [s for _, segments in segmented for s in segments]))
        result.done += [page["doc_id"] for page, _ in segmented]
    except Exception:
        rows = []
        for page, segments in segmented:
            try:
                rows += list(tag_segments(nlp, segments))  # all of a page's rows or none
                result.done.append(page["doc_id"])
            except Exception as exc:  # one bad page must not sink its batch
                result.errors.append(error_row(page["source"], "tag", exc))
    result.frames["mentions"] = pd.DataFrame(rows, columns=mention_columns())
    return result


# The tables stage's people go to a working table: `link` writes `people` with their keys.
TABLES_OUTPUTS = {
    "roles": "roles",
    "people": "page_people",
    "dates": "dates",
    "judgements": "judgements",
}


def build_tables_batch(pages: list[dict]) -> BatchResult:
    """Typed rows (roles, people, dates, judgements) for pages carrying their `mentions` rows."""
    from extractors.records import build_records
    from flows.schemas import schema_of

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
        TABLES_OUTPUTS[name]: pd.DataFrame(recs, columns=schema_of(TABLES_OUTPUTS[name]).names)
        for name, recs in collected.items()
    }
    return result
