"""The run configuration and every path the pipeline uses, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import linking

# Ofsted's recorded outcomes and its lookup of authorities, shipped with the package
# (attribution in linking/data/NOTICE.md); --ofsted-outcomes names a newer outcomes file.
OFSTED_DATA = Path(linking.__file__).parent / "data"
OFSTED_OUTCOMES = OFSTED_DATA / "ofsted_la_outcomes.csv"
OFSTED_LOOKUP = OFSTED_DATA / "ofsted_la_lookup.csv"

# `fetch` runs only when councils are given; the other stages read and write tables.
# `link` computes what spans the pages of a council (person keys, office holders, Ofsted).
STAGES = ("fetch", "ingest", "split", "tag", "tables", "link")
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class FetchConfig:
    """Which councils to fetch from their ModernGov web services, and how politely."""

    councils: tuple[str, ...] = ()  # ids, names or site URLs, as the user gave them
    councils_file: Path | None = None  # a CSV adding or overriding registry entries
    since: date | None = None  # default: the run date minus 90 days
    until: date | None = None  # default: the run date plus 30 days
    committee: str | None = None  # regex searched in committee titles
    include_expired: bool = False
    settle_days: int = 60
    delay: float = 1.0  # minimum seconds between two requests to one site
    contact: str | None = None  # named in the User-Agent
    timeout: float = 30.0
    attempts: int = 4
    backoff: float = 2.0  # first retry's wait in seconds (doubles, with jitter)
    max_sites: int = 8  # sites fetched at once, one thread and one connection each


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
    fetch: FetchConfig = field(default_factory=FetchConfig)
    run_date: date | None = None  # the day the run is for (fetch ranges, settled meetings)
    ofsted_outcomes: Path | None = None  # a newer Ofsted outcomes file (default: the shipped one)
