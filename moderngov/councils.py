"""Several councils at once: one thread and one connection per site, councils of a site in turn."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from moderngov.client import SiteClient
from moderngov.fetch import fetch_council
from moderngov.options import FetchOptions, FetchSummary, Progress, utc_now
from moderngov.registry import Council, site_key


def fetch_councils(
    councils: Iterable[Council],
    raw_dir: Path,
    options: FetchOptions,
    run_date: date,
    *,
    progress: Progress | None = None,
    max_sites: int = 8,
    now: Callable[[], str] = utc_now,
) -> list[FetchSummary]:
    """Fetch several councils, sites concurrently (one thread and connection per site).

    Councils sharing a site (Adur and Worthing) take turns on its one connection.
    """
    by_site: dict[str, list[Council]] = {}
    for council in councils:
        by_site.setdefault(site_key(council.site), []).append(council)

    def fetch_site(group: list[Council]) -> list[FetchSummary]:
        with SiteClient(group[0].site, options.client) as client:
            return [fetch_one(c, raw_dir, options, run_date, client, progress, now) for c in group]

    if not by_site:
        return []
    with ThreadPoolExecutor(max_workers=max(1, min(max_sites, len(by_site)))) as pool:
        results = list(pool.map(fetch_site, by_site.values()))
    return [summary for group in results for summary in group]


def fetch_one(
    council: Council,
    raw_dir: Path,
    options: FetchOptions,
    run_date: date,
    client: SiteClient,
    progress: Progress | None,
    now: Callable[[], str],
) -> FetchSummary:
    """One council of a site's group; a failure before its fetch starts is recorded, not raised."""
    try:
        return fetch_council(
            council, raw_dir, options, run_date, client=client, progress=progress, now=now
        )
    except Exception as exc:  # a bug or a full disk must not stop the other councils
        summary = FetchSummary(council.council_id, council.name, failed=1)
        summary.errors.append(
            {
                "source": council.council_id,
                "stage": "fetch",
                "error": type(exc).__name__,
                "message": f"{council.webservice}: fetch stopped: {exc}",
                "council_id": council.council_id,
                "url": council.webservice,
            }
        )
        return summary
