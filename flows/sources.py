"""The raw folder: which files are pages, and each page's stable id (the hash of its bytes).

Walked by hand rather than with `rglob`, because every odd entry must become an
`errors` row instead of being followed, skipped silently or stopping the run:
links leaving the folder, link loops, names that are not UTF-8, unreadable
folders, files over the size limit (checked before a byte is read).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from extractors.common.errors import PageError, PageTooLargeError

# Names skipped on purpose: hidden files, our own bookkeeping, editor backups.
HIDDEN = (".", "_", "~")


class DuplicatePageError(PageError):
    """Two raw files have the same bytes; the page is kept once, under the first path."""


class SourceError(PageError):
    """A raw folder entry cannot be read as a page (a link, a loop, an odd name, no access)."""


@dataclass
class SourceScan:
    """The raw folder: distinct pages by doc_id, every file's doc_id, and unreadable entries."""

    pages: list[dict[str, str]] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)


def doc_id_of(data: bytes) -> str:
    """The stable id of a page: the start of the SHA-256 of its raw bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def error_row(source: str, stage: str, exc: BaseException) -> dict[str, str]:
    """An `errors` row for a page that failed a stage."""
    message = str(exc) or repr(exc)
    if source not in message:
        message = f"{source}: {message}"
    return {"source": source, "stage": stage, "error": type(exc).__name__, "message": message}


def shown_name(name: str) -> str:
    """A file name as text that can always be written: undecodable bytes shown as \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def is_utf8(name: str) -> bool:
    """Whether a name read from the file system is valid UTF-8 (else it holds surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_bounded(path: Path, max_bytes: int, source: str) -> bytes:
    """A file's bytes, refusing (before reading them) a file larger than ``max_bytes``."""
    size = path.stat().st_size
    if size > max_bytes:
        raise PageTooLargeError(
            f"{source}: expected a page of at most {max_bytes:,} bytes, got {size:,} "
            "(raise the limit with --max-page-mb)"
        )
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)  # the file may have grown since stat
    if len(data) > max_bytes:
        raise PageTooLargeError(f"{source}: expected a page of at most {max_bytes:,} bytes")
    return data


class RawWalk:
    """Collect the raw folder's page files (relative paths) and an error row per odd entry."""

    def __init__(self, raw_dir: Path, follow_links: bool = False) -> None:
        self.root = Path(raw_dir)
        self.real_root = self.root.resolve()
        self.follow_links = follow_links
        self.files: list[str] = []
        self.errors: list[dict[str, str]] = []

    def fail(self, source: str, message: str) -> None:
        """Record an entry that is not read, with the reason."""
        self.errors.append(error_row(source, "ingest", SourceError(f"{source}: {message}")))

    def walk(self, folder: Path, rel: str = "", ancestors: frozenset[str] = frozenset()) -> None:
        """Visit one folder (recursively); ``ancestors`` are the real paths above it (loops)."""
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.fail(rel or ".", f"folder not read: {exc.strerror or exc}")
            return
        real_here = os.path.realpath(folder)
        for entry in entries:
            source = f"{rel}/{entry.name}" if rel else entry.name
            if not is_utf8(entry.name):
                self.fail(shown_name(source), "name is not valid UTF-8; rename the file")
                continue
            if entry.name.startswith(HIDDEN):
                continue
            self.visit(entry, source, ancestors | {real_here})

    def visit(self, entry: os.DirEntry, source: str, ancestors: frozenset[str]) -> None:
        """Take a file, descend into a folder, or record why an entry is not read."""
        if entry.is_symlink():
            try:
                target = Path(entry.path).resolve(strict=True)
            except (OSError, RuntimeError) as exc:
                reason = "link loop" if isinstance(exc, RuntimeError) else "broken link"
                self.fail(source, f"{reason}, not read ({exc})")
                return
            if not self.follow_links and not target.is_relative_to(self.real_root):
                self.fail(source, f"link leaves the raw folder (-> {target}), not read")
                return
        try:
            if entry.is_dir():
                real = os.path.realpath(entry.path)
                if real in ancestors:
                    self.fail(source, f"link loop back to {real}, not read")
                    return
                self.walk(Path(entry.path), source, ancestors)
            elif entry.is_file():
                self.files.append(source)
            else:
                self.fail(source, "not a regular file (a device, socket or pipe), not read")
        except OSError as exc:
            self.fail(source, f"not read: {exc.strerror or exc}")


def list_raw_files(raw_dir: Path, follow_links: bool = False) -> list[str]:
    """Every page file under the raw folder (recursively), sorted; hidden names skipped."""
    walker = RawWalk(raw_dir, follow_links)
    walker.walk(Path(raw_dir))
    return sorted(walker.files)


def hash_sources(raw_dir: Path, max_bytes: int, follow_links: bool = False) -> SourceScan:
    """Hash every raw file; pages come back sorted by doc_id, duplicates as error rows."""
    walker = RawWalk(raw_dir, follow_links)
    walker.walk(Path(raw_dir))
    scan = SourceScan(errors=walker.errors)
    first: dict[str, str] = {}
    for source in sorted(walker.files):
        try:
            doc_id = doc_id_of(read_bounded(Path(raw_dir) / source, max_bytes, source))
        except (OSError, PageError) as exc:
            scan.errors.append(error_row(source, "ingest", exc))
            continue
        scan.sources[source] = doc_id
        if doc_id in first:
            dup = DuplicatePageError(
                f"{source}: expected a distinct page, "
                f"has the same bytes as {first[doc_id]} (kept once)"
            )
            scan.errors.append(error_row(source, "ingest", dup))
        else:
            first[doc_id] = source
    scan.pages = [{"doc_id": d, "source": s} for d, s in sorted(first.items())]
    return scan


@dataclass(frozen=True)
class CouncilDirectory:
    """What ingest knows of the councils whose folders are under the raw folder.

    ``councils`` maps a first-level folder name to the council's id, name, site and
    committee titles (from the registry, then from what a fetch recorded in the folder).
    """

    councils: dict[str, dict]

    def key_of(self, source: str) -> str:
        """A digest of what is known of a page's council: part of its ingest key, so a
        changed registry entry or site re-reads that council's pages and no others."""
        folder = source.split("/", 1)[0] if "/" in source else ""
        entry = self.councils.get(folder)
        if entry is None:
            return ""
        return hashlib.sha256(json.dumps(entry, sort_keys=True).encode()).hexdigest()[:16]


def council_directory(raw_dir: Path, councils_file: Path | None = None) -> CouncilDirectory:
    """The councils of the raw folder's first-level folders (registry ids or fetched sites)."""
    from moderngov.registry import load_registry
    from moderngov.state import read_council_files

    registry = load_registry(councils_file)
    fetched = read_council_files(raw_dir)
    root = Path(raw_dir)
    folders = {p.name for p in root.iterdir() if p.is_dir()} if root.is_dir() else set()
    councils: dict[str, dict] = {}
    for folder in sorted(folders):
        known = registry.get(folder)
        entry = {"council_id": folder, "name": known.name, "site": known.site} if known else {}
        entry |= {k: v for k, v in fetched.get(folder, {}).items() if v}
        if entry:
            councils[folder] = {"council_id": folder, **entry}
    return CouncilDirectory(councils)
