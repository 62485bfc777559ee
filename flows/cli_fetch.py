"""`minutes fetch` and `minutes councils`: councils' meetings from their ModernGov web services.

The fetch itself runs without Prefect (it is I/O: one thread and connection per site);
`minutes run --council ...` runs the same fetch as the flow's `fetch` stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.config import FetchConfig, RunConfig
from flows.console import UsageProblem, console, err_console, parse_day, usage_errors
from flows.fetching import COUNTS, fetch_all, fetch_options, resolve_councils
from moderngov.errors import ModernGovError
from moderngov.options import FetchSummary

MB = 1024 * 1024

# Options shared by `fetch`, `run` and `serve` (declared once).
CouncilOption = Annotated[
    list[str] | None,
    typer.Option("--council", help="fetch this council first: id, name or site URL (repeatable)"),
]
CouncilsFile = Annotated[
    Path | None,
    typer.Option(
        "--councils", help="CSV (council_id,name,base_url) adding or overriding registry entries"
    ),
]
Since = Annotated[
    str | None, typer.Option(help="first meeting date, YYYY-MM-DD (default: 90 days ago)")
]
Until = Annotated[
    str | None, typer.Option(help="last meeting date, YYYY-MM-DD (default: in 30 days)")
]
Delay = Annotated[float, typer.Option(help="minimum seconds between two requests to one site")]
Contact = Annotated[
    str | None, typer.Option(help="e-mail or URL sites can reach you at (sent in the User-Agent)")
]


def fetch_config(
    names: Iterable[str],
    councils_file: Path | None,
    run_date: date,
    since: str | None = None,
    until: str | None = None,
    *,
    committee: str | None = None,
    include_expired: bool = False,
    settle_days: int = 60,
    delay: float = 1.0,
    contact: str | None = None,
) -> FetchConfig:
    """Check fetch options (councils exist, dates parse and agree) into a FetchConfig."""
    if delay < 0 or settle_days < 0:
        raise UsageProblem("--delay and --settle-days must be 0 or more")
    config = FetchConfig(
        councils=tuple(names),
        councils_file=councils_file,
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        committee=committee,
        include_expired=include_expired,
        settle_days=settle_days,
        delay=delay,
        contact=contact,
    )
    try:
        resolve_councils(config.councils, config.councils_file)
        fetch_options(config, run_date, MB)
    except ModernGovError as exc:
        raise UsageProblem(str(exc)) from None
    return config


def fetch(
    councils: Annotated[list[str], typer.Argument(help="council ids, names or site URLs")],
    since: Since = None,
    until: Until = None,
    committee: Annotated[
        str | None, typer.Option(help="only committees whose title matches this regex (any case)")
    ] = None,
    raw_dir: Annotated[
        Path, typer.Option(help="where answers go: <raw-dir>/<council_id>/<committee_id>/<id>.xml")
    ] = Path("raw"),
    include_expired: Annotated[bool, typer.Option(help="also ask expired committees")] = False,
    settle_days: Annotated[
        int, typer.Option(help="a meeting with minutes older than this is not asked for again")
    ] = 60,
    delay: Delay = 1.0,
    contact: Contact = None,
    councils_file: CouncilsFile = None,
    max_page_mb: Annotated[float, typer.Option(help="refuse answers larger than this")] = 10.0,
    strict: Annotated[bool, typer.Option(help="exit 1 when any request failed")] = False,
) -> None:
    """Fetch councils' meetings from their ModernGov web services into the raw folder."""
    run_date = date.today()  # the edge: everything below takes the date as a parameter
    with usage_errors():
        if max_page_mb <= 0:
            raise UsageProblem("--max-page-mb must be above 0")
        chosen = fetch_config(
            councils,
            councils_file,
            run_date,
            since,
            until,
            committee=committee,
            include_expired=include_expired,
            settle_days=settle_days,
            delay=delay,
            contact=contact,
        )
        config = RunConfig(
            raw_dir=raw_dir, max_page_bytes=int(max_page_mb * MB), fetch=chosen, run_date=run_date
        )
    summaries = fetch_with_progress(config)
    print_fetch_summaries(summaries, raw_dir)
    # Every error record counts: a council whose site is unreachable has no meeting failed.
    failed = sum(len(s.errors) for s in summaries)
    if strict and failed:
        err_console.print(f"minutes: --strict: {failed} requests failed")
        raise typer.Exit(1)


def fetch_with_progress(config: RunConfig) -> list[FetchSummary]:
    """Fetch with a progress bar per council (meetings done of meetings listed)."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=console) as bars:
        named = resolve_councils(config.fetch.councils, config.fetch.councils_file)
        tasks = {c.council_id: bars.add_task(f"{c.council_id} listing", total=None) for c in named}

        def advance(council_id: str, done: int, total: int | None) -> None:
            bars.update(tasks[council_id], description=council_id, completed=done, total=total)

        return fetch_all(config, advance)


def print_fetch_summaries(summaries: list[FetchSummary], raw_dir: Path) -> None:
    """A table of what each council's fetch did, then its failures."""
    table = Table(title="fetched", show_edge=False)
    headers = ("council", "committees", "meetings", *COUNTS, "requests", "kB", "s")
    for name in headers:
        table.add_column(name, justify="left" if name == "council" else "right")
    for s in summaries:
        counts = [str(getattr(s, k)) for k in ("committees", "meetings", *COUNTS, "requests")]
        table.add_row(s.council_id, *counts, f"{s.bytes / 1024:,.0f}", f"{s.seconds:.1f}")
    console.print(table)
    errors = [e for s in summaries for e in s.errors]
    for error in errors[:20]:
        console.print(f"  {error['error']}: {error['message']}", soft_wrap=True, markup=False)
    if errors:
        console.print(
            f"{len(errors)} failures kept in {raw_dir}/<council>/.fetch-errors.json; "
            "the next `minutes run` lists them in `errors` (stage fetch)"
        )


def councils(
    search: Annotated[
        str | None, typer.Option(help="only councils whose id, names or site contain this word")
    ] = None,
    councils_file: CouncilsFile = None,
) -> None:
    """List the council registry (ids, names, ModernGov sites)."""
    from moderngov.registry import load_registry

    with usage_errors():
        try:
            registry = load_registry(councils_file)
        except ModernGovError as exc:
            raise UsageProblem(str(exc)) from None
    found = registry.search(search)
    table = Table(show_edge=False)
    for name in ("id", "name", "official name", "site", "status"):
        table.add_column(name, overflow="fold")
    for c in found:
        table.add_row(c.council_id, c.name, c.official_name or "", c.site, c.status)
    console.print(table)
    console.print(f"{len(found)} of {len(registry)} councils")
