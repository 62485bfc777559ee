"""The `fetch` stage's wiring: councils and options from the run config, then moderngov's fetch.

The network work itself is `moderngov.fetch_councils` (no Prefect); this module turns a
RunConfig into its inputs and its summaries into a StageReport.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from flows.config import FetchConfig, RunConfig
from flows.incremental import StageReport
from moderngov.client import ClientSettings
from moderngov.councils import fetch_councils
from moderngov.options import FetchOptions, FetchSummary, Progress
from moderngov.registry import Council, load_registry
from moderngov.state import read_fetch_errors

# Summary counts shown per council and totalled in the stage report.
COUNTS = ("new", "changed", "unchanged", "settled", "failed")


def resolve_councils(names: Iterable[str], councils_file: Path | None = None) -> list[Council]:
    """The councils named by ids, names or site URLs (each once); raises CouncilLookupError."""
    registry = load_registry(councils_file)
    found: dict[str, Council] = {}
    for name in names:
        council = registry.resolve(name)
        found.setdefault(council.council_id, council)
    return list(found.values())


def fetch_options(fetch: FetchConfig, run_date: date, max_page_bytes: int) -> FetchOptions:
    """FetchOptions for a run; raises FetchOptionsError for contradictory dates or a bad regex."""
    client = ClientSettings(
        delay=fetch.delay,
        timeout=fetch.timeout,
        attempts=fetch.attempts,
        backoff_initial=fetch.backoff,
        backoff_max=max(fetch.backoff, 60.0),
        jitter=min(1.0, fetch.backoff),
        max_bytes=max_page_bytes,
        contact=fetch.contact,
    )
    return FetchOptions.around(
        run_date,
        since=fetch.since,
        until=fetch.until,
        committee=fetch.committee,
        include_expired=fetch.include_expired,
        settle_days=fetch.settle_days,
        client=client,
    )


def fetch_all(config: RunConfig, progress: Progress | None = None) -> list[FetchSummary]:
    """Fetch every council of the run into the raw folder."""
    run_date = config.run_date or date.today()  # the edge: a run without a date is for today
    councils = resolve_councils(config.fetch.councils, config.fetch.councils_file)
    options = fetch_options(config.fetch, run_date, config.max_page_bytes)
    Path(config.raw_dir).mkdir(parents=True, exist_ok=True)
    return fetch_councils(
        councils,
        Path(config.raw_dir),
        options,
        run_date,
        progress=progress,
        max_sites=config.fetch.max_sites,
    )


def fetch_report(config: RunConfig, summaries: list[FetchSummary]) -> StageReport:
    """The stage report: meetings written and kept, and every council's last fetch errors."""
    totals = {k: sum(getattr(s, k) for s in summaries) for k in COUNTS}
    return StageReport(
        "fetch",
        processed=totals["new"] + totals["changed"],
        reused=totals["unchanged"] + totals["settled"],
        # The councils' error files, as ingest folds them: both give the same rows.
        errors=read_fetch_errors(Path(config.raw_dir)),
        # Failures are counted once, in the run summary (the error rows above).
        changes={k: totals[k] for k in COUNTS if k != "failed"}
        | {"requests": sum(s.requests for s in summaries)},
        seconds=max((s.seconds for s in summaries), default=0.0),
    )


def describe_summary(summary: FetchSummary) -> str:
    """One line per council for logs: what was fetched and what it cost."""
    counts = ", ".join(f"{getattr(summary, k)} {k}" for k in COUNTS)
    return (
        f"{summary.council_id} ({summary.council}): {summary.committees} committees, "
        f"{summary.meetings} meetings: {counts}; {summary.requests} requests, "
        f"{summary.bytes:,} bytes, {summary.seconds:.1f} s"
    )
