"""Command-line options -> a checked RunConfig: every reason a run cannot start, before any work."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flows.config import ENGINES, STAGES, FetchConfig, RunConfig


class UsageProblem(Exception):
    """The command cannot start: a folder or option is wrong (shown as one line, exit 2)."""


def check_raw_dir(raw_dir: Path) -> None:
    """Refuse a missing, non-folder or empty raw folder with a one-line reason."""
    if not raw_dir.exists():
        raise UsageProblem(f"raw folder {raw_dir} does not exist (give one with --raw-dir)")
    if not raw_dir.is_dir():
        raise UsageProblem(f"raw folder {raw_dir} is not a folder")
    from flows.sources import list_raw_files

    if not list_raw_files(raw_dir):
        raise UsageProblem(f"raw folder {raw_dir} holds no pages (.txt, .html, .xml)")


def check_out_dir(out_dir: Path) -> None:
    """Refuse an output folder we may not write, or one that is not ours, before any work."""
    from flows.output_folder import OutputFolderError, check_claimable

    try:
        check_claimable(out_dir)
    except OutputFolderError as exc:
        raise UsageProblem(str(exc)) from None


def check_model(model: str | None) -> None:
    """Refuse --model for a spaCy pipeline that is not installed (one line, not a traceback)."""
    if not model:
        return
    from extractors.pipeline import ModelNotFoundError
    from extractors.pipeline import check_model as check

    try:
        check(model)
    except ModelNotFoundError as exc:
        raise UsageProblem(str(exc)) from None


def check_ofsted_outcomes(path: Path | None) -> None:
    """Refuse an --ofsted-outcomes file that cannot be read as Ofsted's outcomes (one line)."""
    if path is None:
        return
    from flows.reference import OfstedFileError, read_csv_rows
    from linking.outcomes import REQUIRED_COLUMNS, OutcomesFormatError, read_inspections

    try:
        read_inspections(read_csv_rows(path, REQUIRED_COLUMNS, "Ofsted outcomes file"), str(path))
    except (OfstedFileError, OutcomesFormatError) as exc:
        raise UsageProblem(f"--ofsted-outcomes: {exc}") from None


def make_config(
    *, stage: list[str] | None, workers: int | None, max_page_mb: float, **options: Any
) -> RunConfig:
    """Validate the `run` options into a RunConfig (raises UsageProblem with the reason)."""
    stages = tuple(s for s in STAGES if s in (stage or STAGES))
    unknown = sorted(set(stage or ()) - set(STAGES))
    if unknown:
        raise UsageProblem(f"unknown stage {', '.join(unknown)}; stages are {', '.join(STAGES)}")
    if options["engine"] not in ENGINES:
        raise UsageProblem(f"unknown engine {options['engine']}; engines are {', '.join(ENGINES)}")
    if options["dask_address"] and options["engine"] != "dask":
        raise UsageProblem("--dask-address needs --engine dask")
    if options["batch_size"] < 1:
        raise UsageProblem("--batch-size must be at least 1")
    if max_page_mb <= 0:
        raise UsageProblem("--max-page-mb must be above 0")
    fetch = options.get("fetch") or FetchConfig()
    if "fetch" in (stage or ()) and not fetch.councils:
        raise UsageProblem("stage fetch needs councils: give them with --council")
    # With councils the fetch fills the raw folder first; without, it must hold pages.
    if "ingest" in stages and not fetch.councils:
        check_raw_dir(options["raw_dir"])
    check_model(options["model"])
    check_ofsted_outcomes(options.get("ofsted_outcomes"))
    check_out_dir(options["out_dir"])
    return RunConfig(
        stages=stages,
        workers=workers or os.cpu_count() or 1,
        max_page_bytes=int(max_page_mb * 1024 * 1024),
        **options,
    )
