"""The run configuration and every path the pipeline uses, in one place."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import extractors

STAGES = ("ingest", "split", "tag", "tables")
ENGINES = ("local", "dask")
PACKAGE_DIR = Path(extractors.__file__).parent
# Code each stage's output depends on: editing any of it re-runs that stage and
# the ones after it for every page.
STAGE_CODE = {
    "ingest": (
        "common/text.py",
        "common/errors.py",
        "layout/*.py",
        "readers/*.py",
        "dates/meeting_date.py",
        "dates/parse.py",
        "dates/vocab.py",
        "dates/patterns.jsonl",
    ),
    "split": ("layout/*.py",),
    "tag": ("*.py", "*/*.py", "*/patterns.jsonl"),
    "tables": ("records.py", "dates/*.py", "common/vocab.py", "dates/patterns.jsonl"),
}


@dataclass(frozen=True)
class RunConfig:
    """Everything one run needs to know; stages receive it instead of reading globals or clocks."""

    raw_dir: Path = Path("raw")
    out_dir: Path = Path("output")
    stages: tuple[str, ...] = STAGES
    refresh: bool = False
    strict: bool = False
    batch_size: int = 100
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    engine: str = "local"
    dask_address: str | None = None
    model: str | None = None
    max_page_bytes: int = 10 * 1024 * 1024

    def stage_key(self, stage: str) -> str:
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
        digest.update(str(self.max_page_bytes).encode())
        if STAGES.index(stage) >= STAGES.index("tag"):
            digest.update(str(self.model).encode())
        return digest.hexdigest()[:16]
