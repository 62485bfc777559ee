"""Benchmark the pipeline on N synthetic pages: throughput, per-stage times, overhead, memory.

    python benchmarks/bench.py --pages 1000 [--workers 2] [--engine local|dask]

Prints figures only; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import generate  # noqa: E402


def bare_tokenizer_rate(texts: list[str]) -> tuple[int, float]:
    """Tokens in the texts and the seconds bare spacy.blank('en').pipe takes over them."""
    import spacy

    nlp = spacy.blank("en")
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
    return tokens, time.perf_counter() - started


def prefect_overhead() -> float:
    """Seconds a flow run with one trivial task costs (local API start-up included)."""
    from prefect import flow, task
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    @task
    def nothing() -> int:
        return 0

    @flow
    def empty_flow() -> int:
        return nothing()

    started = time.perf_counter()
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        empty_flow()
    return time.perf_counter() - started


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest child (MB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--engine", default="local", choices=("local", "dask"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--keep", type=Path, default=None, help="work folder to keep (default: temp)"
    )
    args = parser.parse_args()

    import os

    import pandas as pd

    from flows.config import RunConfig
    from flows.flow import run
    from report import build_site

    work = args.keep or Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    started = time.perf_counter()
    generate(work / "raw", args.pages, args.seed)
    print(
        f"generated {args.pages} synthetic pages in {time.perf_counter() - started:.1f} s -> {work}"
    )

    overhead = prefect_overhead()
    workers = args.workers or os.cpu_count() or 1
    config = RunConfig(
        raw_dir=work / "raw",
        out_dir=work / "output",
        workers=workers,
        batch_size=args.batch_size,
        engine=args.engine,
        report=False,  # timed on its own below
    )
    started = time.perf_counter()
    summary = run(config)
    total = time.perf_counter() - started
    stages = {r.stage: r.seconds for r in summary.reports}
    site = build_site(config.out_dir)

    items = pd.read_parquet(config.out_dir / "items", columns=["text"])["text"].tolist()
    tokens, bare_seconds = bare_tokenizer_rate(items)
    own, child = peak_rss_mb()
    tag_rate = tokens / stages["tag"] if stages.get("tag") else float("nan")
    bare_rate = tokens / bare_seconds

    print(
        f"pages            {args.pages:,}  ({workers} workers, engine {args.engine}, "
        f"batch {args.batch_size})"
    )
    # The empty flow ran first and started the local API; the pipeline run reuses it,
    # so its wall time is the cost beyond Prefect's start-up.
    print(f"Prefect overhead {overhead:.1f} s  (first flow run: local API start + one task)")
    print(f"pipeline         {total:.1f} s  beyond start-up ({overhead + total:.1f} s with it)")
    print(f"pages/s          {args.pages / total:,.0f}  beyond start-up")
    print(f"tokens           {tokens:,} in item texts")
    print(f"tokens/s (tag)   {tag_rate:,.0f}")
    print(f"tokens/s (bare)  {bare_rate:,.0f}  spacy.blank('en').pipe, one process")
    print(f"tag / bare       {tag_rate / bare_rate:.2f}")
    for stage, seconds in stages.items():
        print(f"stage {stage:<10} {seconds:.2f} s")
    print(f"peak RSS         {own:,.0f} MB main process, {child:,.0f} MB largest worker")
    print(f"rows             {summary.tables}")
    print(f"pages in errors  {summary.failed_pages}")
    print(
        f"report           {site.seconds:.1f} s, {site.bytes / 1e6:,.1f} MB in "
        f"{site.files:,} files ({site.bytes / max(site.pages, 1) / 1e3:,.1f} kB per page view; "
        f"index {site.index.stat().st_size / 1e3:,.0f} kB)"
    )


if __name__ == "__main__":
    main()
