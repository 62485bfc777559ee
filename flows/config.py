"""The run configuration and every path the pipeline uses, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

STAGES = ("ingest", "split", "tag", "tables")
ENGINES = ("local", "dask")


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
    follow_links: bool = False  # read files behind links that leave the raw folder
    wait_seconds: float = 60.0  # how long to wait for another run holding the output folder
    report: bool = True  # write the review site at the end of the run
