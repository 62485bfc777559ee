"""The `minutes` command line: run the pipeline, fetch, print the data dictionary, serve."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from flows import cli_fetch
from flows.cli_fetch import Contact, CouncilOption, CouncilsFile, Delay, Since, Until, fetch_config
from flows.config import STAGES
from flows.console import console, err_console, usage_errors
from flows.options import UsageProblem, check_raw_dir, make_config

if TYPE_CHECKING:
    from report import Site

app = typer.Typer(add_completion=False, help="UK council meeting pages -> grounded Parquet tables.")
app.command(name="fetch")(cli_fetch.fetch)
app.command(name="councils")(cli_fetch.councils)


def print_summary(summary, seconds: float, out_dir: Path) -> None:
    """The end-of-run summary: page changes, stage work, rows per table, failures."""
    for report in summary.reports:
        if report.changes:
            changes = ", ".join(f"{n} {k}" for k, n in report.changes.items())
            what = "meetings fetched" if report.stage == "fetch" else "pages"
            console.print(f"{what}: {changes}; {summary.failed_pages} failed")
    stages = Table(title="stages", show_edge=False)
    for col in ("stage", "processed", "reused", "failed"):
        stages.add_column(col, justify="right" if col != "stage" else "left")
    for r in summary.reports:
        stages.add_row(r.stage, str(r.processed), str(r.reused), str(len(r.errors)))
    console.print(stages)
    rows = Table(title=f"tables in {out_dir}", show_edge=False)
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for table, n in summary.tables.items():
        rows.add_row(table, f"{n:,}")
    console.print(rows)
    failed = summary.failed_pages
    note = f"; see {out_dir}/errors" if summary.errors else ""
    console.print(
        f"done in {seconds:.1f} s: {failed} pages failed this run, "
        f"{summary.errors} rows in errors{note}"
    )
    if summary.report is not None:
        print_site(summary.report)


def print_site(site: Site) -> None:
    """Where the review site is and how big it is; the user's files it left alone."""
    console.print(
        f"report: {site.index} ({site.pages:,} pages, {site.bytes / 1e6:,.1f} MB, "
        f"{site.seconds:.1f} s)",
        soft_wrap=True,
        markup=False,
    )
    for name in site.kept:
        console.print(f"kept report/{name}: not written by the report (or changed since)")


@app.command()
def run(
    raw_dir: Annotated[Path, typer.Option(help="folder of raw pages, read recursively")] = Path(
        "raw"
    ),
    out_dir: Annotated[Path, typer.Option(help="folder the Parquet tables go to")] = Path("output"),
    stage: Annotated[
        list[str] | None,
        typer.Option(help=f"run only this stage (repeatable): {', '.join(STAGES)}"),
    ] = None,
    refresh: Annotated[
        bool, typer.Option(help="recompute every page, ignoring unchanged ones")
    ] = False,
    strict: Annotated[bool, typer.Option(help="exit 1 when any page failed")] = False,
    engine: Annotated[str, typer.Option(help="local (process pool) or dask")] = "local",
    dask_address: Annotated[
        str | None, typer.Option(help="scheduler of an existing Dask cluster, tcp://host:8786")
    ] = None,
    model: Annotated[
        str | None, typer.Option(help="an installed spaCy pipeline whose PERSON entities help")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(help="worker processes for tagging (default: all cores)")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="pages per batch")] = 100,
    max_page_mb: Annotated[
        float, typer.Option(help="larger raw files are not read (an errors row each)")
    ] = 10.0,
    follow_links: Annotated[
        bool, typer.Option(help="also read files behind links that leave the raw folder")
    ] = False,
    wait: Annotated[
        float, typer.Option(help="seconds to wait for another run holding the output folder")
    ] = 60.0,
    no_report: Annotated[
        bool, typer.Option("--no-report", help="skip writing the review site at the end")
    ] = False,
    ofsted_outcomes: Annotated[
        Path | None,
        typer.Option(help="a newer Ofsted outcomes CSV (same columns as the shipped one)"),
    ] = None,
    council: CouncilOption = None,
    councils_file: CouncilsFile = None,
    since: Since = None,
    until: Until = None,
    delay: Delay = 1.0,
    contact: Contact = None,
) -> None:
    """Run the pipeline (fetching --council first): raw pages -> documents, items, ... tables."""
    import time

    run_date = date.today()  # the edge: stages get the run date, never the clock
    with usage_errors():
        chosen = fetch_config(
            council or (), councils_file, run_date, since, until, delay=delay, contact=contact
        )
        config = make_config(
            raw_dir=raw_dir,
            out_dir=out_dir,
            stage=stage,
            refresh=refresh,
            strict=strict,
            engine=engine,
            dask_address=dask_address,
            model=model,
            workers=workers,
            batch_size=batch_size,
            max_page_mb=max_page_mb,
            follow_links=follow_links,
            wait_seconds=wait,
            report=not no_report,
            ofsted_outcomes=ofsted_outcomes,
            fetch=chosen,
            run_date=run_date,
        )
        from flows.flow import MissingInputError
        from flows.flow import run as run_flow
        from flows.output_folder import OutputFolderError

        started = time.perf_counter()
        try:
            summary = run_flow(config)
        except (MissingInputError, OutputFolderError) as exc:
            raise UsageProblem(str(exc)) from exc
    print_summary(summary, time.perf_counter() - started, out_dir)
    if strict and summary.failed_pages:
        err_console.print(f"minutes: --strict: {summary.failed_pages} pages failed")
        raise typer.Exit(1)


@app.command()
def report(
    out_dir: Annotated[Path, typer.Option(help="folder holding the tables")] = Path("output"),
    open_: Annotated[
        bool, typer.Option("--open", help="open the index in a web browser afterwards")
    ] = False,
    wait: Annotated[
        float, typer.Option(help="seconds to wait for another run holding the output folder")
    ] = 60.0,
) -> None:
    """Write the review site to <out-dir>/report from the tables (no pipeline run)."""
    import webbrowser

    from flows.output_folder import OutputFolderError, claim, hold
    from report import ReportError, build_site, check_tables

    try:
        check_tables(out_dir)
        claim(out_dir)
        # Not while a run is replacing the tables: the site shows one run's tables.
        with hold(out_dir, wait):
            site = build_site(out_dir)
    except (ReportError, OutputFolderError) as exc:
        err_console.print(f"minutes: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from None
    print_site(site)
    if open_:
        webbrowser.open(site.index.resolve().as_uri())


@app.command()
def schema(markdown: Annotated[bool, typer.Option(help="print Markdown tables")] = False) -> None:
    """Print the data dictionary: every table's columns, types and meanings."""
    from flows.schemas import data_dictionary_markdown, describe_schemas

    if markdown:
        typer.echo(data_dictionary_markdown())
        return
    current = None
    for table, column, type_, nullable, doc in describe_schemas():
        if table != current:
            console.print(f"\n[bold]{escape(table)}[/bold]")
            current = table
        # Types and descriptions hold square brackets (date32[day], text[start:end]):
        # printed as they are, never read as Rich markup.
        line = f"  {column:<20} {type_ + ('?' if nullable else ''):<10} {doc}"
        console.print(line, soft_wrap=True, markup=False, highlight=False)


@app.command()
def serve(
    cron: Annotated[
        str, typer.Option(help="when to run, as a cron line (server's time zone)")
    ] = "0 6 * * *",
    raw_dir: Annotated[Path, typer.Option(help="folder of raw pages, read recursively")] = Path(
        "raw"
    ),
    out_dir: Annotated[Path, typer.Option(help="folder the Parquet tables go to")] = Path("output"),
    name: Annotated[str, typer.Option(help="deployment name")] = "nightly",
    council: CouncilOption = None,
    councils_file: CouncilsFile = None,
    delay: Delay = 1.0,
    contact: Contact = None,
) -> None:
    """Run the pipeline (fetching --council first) on a cron schedule on a Prefect server."""
    from prefect.settings import PREFECT_API_URL

    with usage_errors():
        chosen = fetch_config(
            council or (), councils_file, date.today(), delay=delay, contact=contact
        )
        if not chosen.councils:
            check_raw_dir(raw_dir)
        if not PREFECT_API_URL.value():
            raise UsageProblem(
                "serve needs a Prefect server: start `prefect server start` and set "
                "PREFECT_API_URL=http://127.0.0.1:4200/api (or use OS cron with `minutes run`)"
            )
    from flows.flow import serve as serve_flow

    console.print(f"serving deployment council-minutes-scheduled/{name} on cron {cron!r}")
    serve_flow(raw_dir, out_dir, cron, name, chosen)


def main() -> None:
    """Entry point for `python -m flows.cli`."""
    app()


if __name__ == "__main__":
    main()
