"""The raw folder: which files are pages, and each page's stable id (the hash of its bytes)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from extractors.common.errors import PageError

HIDDEN = (".", "_", "~")


class DuplicatePageError(PageError):
    """Two raw files have the same bytes; the page is kept once, under the first path."""


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
