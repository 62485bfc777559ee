"""The output folder is ours only if we made it: a manifest marks it, a lock guards it.

The tool never deletes or replaces what it did not write. A folder it did not
create (no manifest) is refused unless it is empty; inside its own folder it
keeps everything it did not write (see `storage.swap_into_place`). One run at a
time holds the folder's lock; the kernel releases it when that run dies, so a
killed run never blocks the next one.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

PRIVATE = ".council-minutes"  # our bookkeeping inside the output folder (hidden from readers)
MANIFEST = "manifest.json"
LEGACY_STATE = Path("_state") / "sources.parquet"  # what an output of an earlier version holds
STATE = "state"  # bookkeeping tables (flows.storage.state_path)


class OutputFolderError(Exception):
    """The output folder cannot be used: not ours, not writable, or held by another run."""


def private_dir(out_dir: Path) -> Path:
    """Our folder inside the output folder (manifest, lock, staging, trash, state, work tables)."""
    return Path(out_dir) / PRIVATE


def is_ours(out_dir: Path) -> bool:
    """Whether the folder carries our manifest."""
    return (private_dir(out_dir) / MANIFEST).is_file()


def check_writable(out_dir: Path) -> None:
    """Fail before any work when the output folder (or the parent to hold it) is read-only."""
    probe = Path(out_dir)
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if not probe.is_dir():
        raise OutputFolderError(f"output folder {out_dir}: {probe} is not a folder")
    try:
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as exc:
        raise OutputFolderError(
            f"output folder {out_dir} is not writable ({exc.strerror or exc}); "
            "choose another with --out-dir"
        ) from None


def check_claimable(out_dir: Path) -> None:
    """Refuse (without writing anything) a folder we may not write or may not make ours."""
    out_dir = Path(out_dir)
    check_writable(out_dir)
    if is_ours(out_dir) or not out_dir.exists():
        return
    if any(out_dir.iterdir()) and not (out_dir / LEGACY_STATE).is_file():
        raise OutputFolderError(
            f"output folder {out_dir} is not empty and was not created by council-minutes "
            f"(no {PRIVATE}/{MANIFEST}); choose a new or empty folder with --out-dir"
        )


def claim(out_dir: Path) -> None:
    """Make sure the folder is ours: create it with a manifest, adopt an empty or legacy one.

    A non-empty folder without our manifest is refused: writing there could replace
    the user's own files.
    """
    out_dir = Path(out_dir)
    check_claimable(out_dir)
    if is_ours(out_dir):
        return
    write_manifest(out_dir)
    legacy = out_dir / LEGACY_STATE
    if legacy.is_file():
        # An earlier version's output: its page state moves into our private folder.
        state = private_dir(out_dir) / STATE
        state.mkdir(exist_ok=True)
        os.replace(legacy, state / legacy.name)
        if not any(legacy.parent.iterdir()):
            legacy.parent.rmdir()


def write_manifest(out_dir: Path) -> None:
    """Mark the folder as ours (atomically: a half-written manifest never exists)."""
    folder = private_dir(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {
        "tool": "council-minutes",
        "created": datetime.now().astimezone().isoformat(timespec="seconds"),
        "note": "This folder is written by council-minutes; it only replaces files it wrote.",
    }
    tmp = folder / f".{MANIFEST}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2) + "\n")
    os.replace(tmp, folder / MANIFEST)


def holder_of(out_dir: Path) -> str:
    """Who holds the lock, as "since HH:MM (pid N)", from the note the holder left."""
    try:
        note = json.loads((private_dir(out_dir) / "lock.json").read_text())
        started = datetime.fromtimestamp(note["started"]).strftime("%H:%M")
        return f"since {started} (pid {note['pid']})"
    except (OSError, ValueError, KeyError):
        return "(holder unknown)"


@contextmanager
def hold(out_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the output folder's lock for a run; wait up to ``wait_seconds`` for another run."""
    folder = private_dir(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / "lock", thread_local=False)
    try:
        lock.acquire(timeout=max(wait_seconds, 0))
    except Timeout:
        raise OutputFolderError(
            f"another run holds {out_dir} {holder_of(out_dir)}; try again later "
            "(or give it longer with --wait SECONDS)"
        ) from None
    try:
        note = {"pid": os.getpid(), "started": time.time()}
        (folder / "lock.json").write_text(json.dumps(note))
        yield
    finally:
        lock.release()
