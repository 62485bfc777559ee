"""Write the review site: index, one view per page, page lists and failures, swapped in whole."""

from __future__ import annotations

import math
import shutil
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from flows import storage
from report.charts import grades_chart, judgements_chart
from report.folder import install_site
from report.labels import known_labels, label_colours
from report.pages import page_view
from report.render import write_page
from report.summary import (
    failures_summary,
    grade_counts,
    items_summary,
    judgement_points,
    page_rows,
    pages_by_council_year,
    people_by_context,
    read_pages,
    top_offices,
)
from report.tables import has_table, iter_pages, read_table

REPORT_DIR = "report"
LIST_SIZE = 500  # pages per page list
INDEX_PAGES = 100  # pages listed on the index itself


class ReportError(Exception):
    """The report cannot be written (shown as one line by the CLI)."""


class MissingTablesError(ReportError):
    """The output folder holds no `documents` table to report on."""


@dataclass
class Site:
    """What `build_site` wrote."""

    path: Path
    pages: int
    files: int
    bytes: int
    seconds: float
    kept: list[str] = field(default_factory=list)  # the user's files in report/, left as they are

    @property
    def index(self) -> Path:
        """The site's front page."""
        return self.path / "index.html"


def check_tables(out_dir: Path) -> None:
    """Raise MissingTablesError unless the folder holds a `documents` table to report on."""
    if not has_table(out_dir, "documents"):
        raise MissingTablesError(
            f"{out_dir} holds no documents table: run `minutes run --out-dir {out_dir}` first"
        )


def build_site(out_dir: Path, list_size: int = LIST_SIZE) -> Site:
    """Write the review site for the tables under ``out_dir`` to ``out_dir/report``, atomically."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    check_tables(out_dir)
    staging = storage.staging_dir(out_dir) / f"{REPORT_DIR}-{uuid.uuid4().hex[:12]}"
    staging.mkdir(parents=True)
    target = out_dir / REPORT_DIR
    try:
        written = write_site(out_dir, staging, list_size)
        digests = {name: d for name, (_, d) in written.items()}
        kept = install_site(staging, target, storage.trash_dir(out_dir), digests)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Site(
        path=target,
        pages=sum(1 for name in written if name.startswith("docs/")),
        files=len(written),
        bytes=sum(size for size, _ in written.values()),
        seconds=time.perf_counter() - started,
        kept=kept,
    )


def write_site(out_dir: Path, site: Path, list_size: int) -> dict[str, tuple[int, str]]:
    """Write every file of the site under ``site``; returns relative path -> (bytes, digest)."""
    written: dict[str, tuple[int, str]] = {}
    labels = read_table(out_dir, "mentions", ["label"])
    label_counts = labels["label"].value_counts() if "label" in labels else pd.Series(dtype=int)
    colours = label_colours(str(k) for k in label_counts.index)
    written["report.css"] = write_page(site / "report.css", "report.css", colours=colours)
    docs = read_pages(out_dir)
    errors = read_table(out_dir, "errors")
    failed = set(errors["source"]) if "source" in errors else set()
    rows = page_rows(docs, failed)
    n_lists = max(1, math.ceil(len(rows) / list_size))
    for n in range(n_lists):
        chunk = rows[n * list_size : (n + 1) * list_size]
        name = f"pages/{n + 1}.html"
        written[name] = write_page(
            site / name,
            "pages.html",
            root="../",
            page_list=chunk,
            number=n + 1,
            n_lists=n_lists,
            n_pages=len(rows),
            first=n * list_size + 1 if chunk else 0,
            last=n * list_size + len(chunk),
        )
    points = judgement_points(out_dir, docs)
    grades = grade_counts(points)
    dated = points.dropna(subset=["meeting_date"]) if "meeting_date" in points else points.iloc[:0]
    written["index.html"] = write_page(
        site / "index.html",
        "index.html",
        root="",
        n_pages=len(rows),
        n_mentions=int(label_counts.sum()),
        labels=[(label, int(label_counts.get(label, 0))) for label in known_labels(colours)],
        by_year=pages_by_council_year(docs),
        items=items_summary(out_dir, docs),
        failures=failures_summary(errors),
        judgements_svg=judgements_chart(points),
        undated=len(points) - len(dated),
        grades=grades,
        grades_svg=grades_chart(grades),
        offices=top_offices(out_dir),
        people=people_by_context(out_dir),
        page_list=rows[:INDEX_PAGES],
        n_lists=n_lists,
        list_size=list_size,
    )
    doc_ids = dict(zip(docs.get("source", []), docs.get("doc_id", []), strict=True))
    error_rows = [{**e, "doc_id": doc_ids.get(e["source"])} for e in errors.to_dict("records")]
    written["errors.html"] = write_page(
        site / "errors.html", "errors.html", root="", errors=error_rows
    )
    written.update(write_page_views(out_dir, site))
    return written


def write_page_views(out_dir: Path, site: Path) -> dict[str, tuple[int, str]]:
    """One view per page, streamed in doc_id order with its items, mentions and attendance."""
    written = {}
    (site / "docs").mkdir()
    for page in iter_pages(out_dir):
        name = f"docs/{page['doc']['doc_id']}.html"
        written[name] = write_page(site / name, "page.html", root="../", v=page_view(page))
    return written
