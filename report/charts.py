"""Charts as inline SVG drawn by matplotlib: judgements over time, grades by council."""

from __future__ import annotations

import io
import re
from itertools import product

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from markupsafe import Markup, escape
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from extractors.common.vocab import GRADE_RANKS, POLARITIES

# Text stays text (small, searchable); fixed ids keep the SVG identical run to run.
SVG_PARAMS = {"svg.fonttype": "none", "font.size": 10}
MARKERS = ("o", "x", "^", "s", "D", "v")  # in the order of POLARITIES
# Judgements in one marker (at least) -> its area in points².
MARKER_SIZES = {1: 28, 2: 50, 4: 80, 8: 120}
RANK_COLOURS = {1: "#1a9850", 2: "#66bd63", 3: "#f46d43", 4: "#a50026"}


def rank_names() -> dict[int, str]:
    """Grade rank -> the grades sharing it ('requires improvement / adequate / ...')."""
    names: dict[int, list[str]] = {}
    for grade, rank in GRADE_RANKS.items():
        names.setdefault(rank, []).append(grade.replace("_", " "))
    # The first grade names the rank; legacy grades of the same rank follow in brackets.
    return {
        rank: grades[0].capitalize() + (f"\n({', '.join(grades[1:])})" if grades[1:] else "")
        for rank, grades in sorted(names.items())
    }


def polarity_marker(polarity: str, i: int) -> tuple[str, bool]:
    """The marker of a polarity and whether it is filled (only grades given are)."""
    at = POLARITIES.index(polarity) if polarity in POLARITIES else i
    return MARKERS[at % len(MARKERS)], polarity == POLARITIES[0]


def polarity_handle(polarity: str, i: int) -> Line2D:
    """A grey legend entry for a polarity's marker."""
    marker, filled = polarity_marker(polarity, i)
    face = "#555555" if filled or marker == "x" else "none"
    return Line2D([], [], ls="", marker=marker, mfc=face, mec="#555555", mew=1.4, label=polarity)


def to_svg(figure: Figure, label: str, salt: str) -> Markup:
    """A figure as an inline, responsive SVG element with an accessible name."""
    buffer = io.StringIO()
    with matplotlib.rc_context({**SVG_PARAMS, "svg.hashsalt": salt}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    # Drop the fixed size: the viewBox and CSS make it fit a phone or a desktop.
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    title = f'<svg role="img" aria-label="{escape(label)}"'
    return Markup(svg.replace("<svg", title, 1))


def judgements_chart(points: pd.DataFrame) -> Markup | None:
    """Grade by meeting date, one marker per polarity, sized by the number of judgements."""
    if points.empty or "meeting_date" not in points:
        return None
    dated = points.dropna(subset=["meeting_date", "grade_rank"])
    if dated.empty:
        return None
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(dated["meeting_date"].astype(object)),
            "rank": dated["grade_rank"].astype(int),
            "polarity": dated["polarity"].astype(str),
        }
    )
    # One marker per month, grade and polarity: the chart's size follows the time span, not
    # the number of pages, and each size level is one scatter (one SVG marker definition).
    frame["date"] = frame["date"].dt.to_period("M").dt.to_timestamp()
    counts = frame.groupby(["date", "rank", "polarity"]).size().rename("n").reset_index()
    counts["size"] = [max(s for s in MARKER_SIZES if s <= n) for n in counts["n"]]
    polarities = [p for p in POLARITIES if p in set(counts["polarity"])]
    polarities += sorted(set(counts["polarity"]) - set(polarities))
    figure = Figure(figsize=(8, 3.8))
    axes = figure.subplots()
    for (i, polarity), size in product(enumerate(polarities), MARKER_SIZES):
        rows = counts[(counts["polarity"] == polarity) & (counts["size"] == size)]
        if rows.empty:
            continue
        offset = (i - (len(polarities) - 1) / 2) * 0.12
        marker, filled = polarity_marker(polarity, i)
        colours = [RANK_COLOURS.get(r, "#555555") for r in rows["rank"]]
        axes.scatter(
            rows["date"],
            rows["rank"] + offset,
            s=MARKER_SIZES[size],
            marker=marker,
            # An "x" is drawn with its face colour only; the other open markers with their edge.
            c=colours if filled or marker == "x" else "none",
            edgecolors=None if marker == "x" else colours,
            linewidths=1.4,
            zorder=3,
        )
    names = rank_names()
    axes.set_yticks(list(names), list(names.values()))
    axes.set_ylim(max(names) + 0.6, min(names) - 0.6)
    axes.grid(axis="y", color="#dddddd", zorder=0)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlabel("meeting date")
    # Colour is the grade; the legend explains the marker of every polarity, drawn or not.
    shown = [*POLARITIES, *(p for p in polarities if p not in POLARITIES)]
    handles = [polarity_handle(p, i) for i, p in enumerate(shown)]
    axes.legend(
        handles=handles, loc="lower left", bbox_to_anchor=(0, 1.02), ncols=len(shown), frameon=False
    )
    first, last = frame["date"].min(), frame["date"].max()
    pad = max((last - first) * 0.05, pd.Timedelta(days=45))
    axes.set_xlim(first - pad, last + pad)
    locator = mdates.AutoDateLocator(maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    pages = dated["doc_id"].nunique()
    label = f"Ofsted judgements by meeting date: {len(dated)} judgements on {pages} pages"
    return to_svg(figure, label, "judgements")


def grades_chart(counts: dict) -> Markup | None:
    """Asserted grades per council as stacked horizontal bars (from `grade_counts`)."""
    if not counts["rows"]:
        return None
    councils = [c for c, _ in counts["rows"]]
    figure = Figure(figsize=(8, 1.2 + 0.35 * len(councils)))
    axes = figure.subplots()
    left = [0] * len(councils)
    for j, grade in enumerate(counts["grades"]):
        widths = [row[j] for _, row in counts["rows"]]
        colour = RANK_COLOURS.get(GRADE_RANKS.get(grade, 0), "#999999")
        hatch = "//" if grade in ("adequate", "satisfactory") else None
        axes.barh(
            councils,
            widths,
            left=left,
            height=0.6,
            color=colour,
            hatch=hatch,
            label=grade.replace("_", " "),
        )
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlabel("asserted judgements")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(
        loc="lower left", bbox_to_anchor=(0, 1.02), ncols=len(counts["grades"]), frameon=False
    )
    return to_svg(figure, "Asserted Ofsted grades by council", "grades")
