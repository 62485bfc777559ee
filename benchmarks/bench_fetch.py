"""Benchmark fetching from local fake ModernGov sites: requests/s at the politeness, concurrency.

    python benchmarks/bench_fetch.py [--delay 1.0] [--councils 4] [--since 2024-01-01]

Serves the recorded Gloucester site (tests/data/moderngov, synthetic answers for the
meetings not recorded) on 127.0.0.1, fetches it twice (first and incremental), then
fetches N such sites at once (one thread and one connection each). Prints figures only;
nothing here asserts a speed. No request leaves the machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from moderngov.client import ClientSettings  # noqa: E402
from moderngov.councils import fetch_councils  # noqa: E402
from moderngov.fetch import fetch_council  # noqa: E402
from moderngov.options import FetchOptions, FetchSummary  # noqa: E402
from moderngov.registry import load_registry  # noqa: E402
from tests.moderngov.site import ModernGovSite, recorded_site  # noqa: E402

RUN_DATE = date(2026, 1, 20)  # the recorded meetings are of 2024-2025


def line(label: str, summary: FetchSummary, site: ModernGovSite) -> str:
    """One figure line: requests as the server counted them, time, rate and what was written."""
    seen = len(site.requests)
    rate = seen / summary.seconds if summary.seconds else 0.0
    return (
        f"{label:<22} {seen:>4} requests  {summary.seconds:6.2f} s  {rate:5.2f} req/s  "
        f"new {summary.new}, changed {summary.changed}, unchanged {summary.unchanged}, "
        f"settled {summary.settled}, failed {summary.failed}; {summary.bytes:,} bytes"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests")
    parser.add_argument("--councils", type=int, default=4, help="sites fetched at once")
    parser.add_argument("--since", default="2024-01-01")
    parser.add_argument("--validators", default="none", help="none, etag, last-modified, both")
    args = parser.parse_args()
    options = FetchOptions(
        since=date.fromisoformat(args.since),
        until=RUN_DATE,
        client=ClientSettings(delay=args.delay),
    )
    registry = load_registry()
    print(f"politeness: {args.delay:g} s between requests, one connection per site")
    with tempfile.TemporaryDirectory() as tmp, recorded_site(args.validators) as site:
        council = registry.resolve(site.url)
        raw = Path(tmp) / "raw"
        first = fetch_council(council, raw, options, RUN_DATE)
        print(line("first fetch", first, site))
        site.requests.clear()
        second = fetch_council(council, raw, options, RUN_DATE)
        print(line("second fetch", second, site))

    sites = [recorded_site(args.validators).start() for _ in range(args.councils)]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            councils = [registry.resolve(s.url) for s in sites]
            started = time.perf_counter()
            summaries = fetch_councils(councils, Path(tmp), options, RUN_DATE)
            wall = time.perf_counter() - started
        requests = sum(len(s.requests) for s in sites)
        alone = sum(s.seconds for s in summaries)
        print(
            f"{args.councils} councils at once: {requests} requests in {wall:.2f} s "
            f"({requests / wall:.2f} req/s overall, {alone:.1f} s if fetched one after another; "
            f"{sum(s.new for s in summaries)} meetings written)"
        )
    finally:
        for s in sites:
            s.stop()


if __name__ == "__main__":
    main()
