"""The report folder: a manifest of what the tool wrote, the user's files kept, the swap.

A file under `report/` is the tool's only while it has the bytes the tool wrote
(its digest is in the manifest). Anything else, a file of the user's or one of
ours changed by hand, is moved into the new site unchanged and never replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

MANIFEST = ".written-by-minutes-report.json"


def digest(data: bytes) -> str:
    """A short content digest (manifest entries)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_manifest(site: Path) -> dict[str, str]:
    """Relative path -> digest of the files the tool wrote into a site ({} if none)."""
    path = Path(site) / MANIFEST
    if not path.is_file():
        return {}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def users_files(site: Path) -> list[str]:
    """Files in a site that the tool did not write, or that changed since it wrote them."""
    site = Path(site)
    if not site.is_dir():
        return []
    ours = read_manifest(site)
    theirs = []
    for path in sorted(p for p in site.rglob("*") if not p.is_dir()):
        name = path.relative_to(site).as_posix()
        if name == MANIFEST:
            continue
        if name not in ours or path.is_symlink() or digest(path.read_bytes()) != ours[name]:
            theirs.append(name)
    return theirs


def install_site(staging: Path, target: Path, trash: Path, written: dict[str, str]) -> list[str]:
    """Swap the staged site in place of ``target``, keeping the user's files; returns those kept.

    The manifest lists only what the tool wrote and the user did not overwrite;
    the user's files move into the new site (they win over a generated file of
    the same name), then two renames replace the folder.
    """
    kept = users_files(target)
    manifest = {name: d for name, d in written.items() if name not in set(kept)}
    (staging / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    moved: list[str] = []
    try:
        for name in kept:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(target / name, staging / name)
            moved.append(name)
    except OSError:
        for name in moved:  # put them back before the staged site is dropped
            os.replace(staging / name, target / name)
        raise
    old = trash / f"{target.name}-{uuid.uuid4().hex[:12]}"
    old.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
    return kept
