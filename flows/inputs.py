"""What each stage reads: page streams joined from the previous stages' tables, in doc_id order."""

from __future__ import annotations

from collections.abc import Iterator, Set

from flows import table_reader
from flows.config import RunConfig
from flows.schemas import SCHEMAS
from flows.table_reader import with_rows


def document_index(config: RunConfig) -> list[dict]:
    """The pages of the `documents` table as {"doc_id": ...} (one column read)."""
    doc_ids = table_reader.read_frame(config.out_dir, "documents", ["doc_id"])["doc_id"]
    return [{"doc_id": doc_id} for doc_id in doc_ids]


def read_documents(
    config: RunConfig, columns: list[str], skip: Set[str] = frozenset()
) -> Iterator[dict]:
    """Rows of the `documents` table (some columns) in doc_id order, but those in ``skip``."""
    yield from table_reader.iter_rows(config.out_dir, "documents", columns, skip=skip)


def pages_with_items(config: RunConfig, skip: Set[str] = frozenset()) -> Iterator[dict]:
    """`documents` rows with their items' (item_id, start_char, end_char), in doc_id order.

    Pages without items (they failed split) are tagged as one header segment.
    """
    pages = read_documents(config, ["doc_id", "source", "text"], skip)
    columns = ["doc_id", "item_id", "start_char", "end_char"]
    items = table_reader.iter_rows(config.out_dir, "items", columns, skip=skip)
    for page in with_rows(pages, items, "items"):
        page["items"] = [(r["item_id"], r["start_char"], r["end_char"]) for r in page["items"]]
        yield page


def pages_with_mentions(config: RunConfig, skip: Set[str] = frozenset()) -> Iterator[dict]:
    """`documents` rows (meeting dates) with their `mentions` rows, in doc_id order."""
    pages = read_documents(config, ["doc_id", "source", "meeting_date"], skip)
    names = list(SCHEMAS["mentions"].names)
    mentions = table_reader.iter_rows(config.out_dir, "mentions", names, skip=skip)
    return with_rows(pages, mentions, "mentions")
