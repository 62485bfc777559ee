"""The view of one page: header facts, items as sections with highlighted text, attendance."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from report.highlight import mention_span, render_text
from report.labels import known_labels

# Facts shown in a page's header when the run wrote them: (column, heading).
HEADER_FACTS = (
    ("committee", "Committee"),
    ("title", "Page"),
    ("status", "Status"),
    ("page_kind", "Page kind"),
    ("meeting_id", "Meeting id"),
    ("source", "Source file"),
)
UNKNOWN = "unknown"


@dataclass
class Section:
    """A stretch of the page: the header before the first item, or one item."""

    anchor: str
    number: str | None
    title: str
    start: int
    end: int
    html: Markup = Markup("")
    counts: Counter = field(default_factory=Counter)


def council_name(doc: dict) -> str:
    """The council of a page: its name, else its id, else 'unknown'."""
    return doc.get("council") or doc.get("council_id") or UNKNOWN


def meeting_date_text(doc: dict) -> str | None:
    """The meeting date in ISO form with where it came from (header, inferred)."""
    value = doc.get("meeting_date")
    if value is None:
        return None
    shown = value.isoformat() if isinstance(value, date) else str(value)
    source = doc.get("meeting_date_source")
    return f"{shown} ({source})" if source else shown


def safe_url(url: str | None) -> str | None:
    """A source link only when it is a web address (never javascript: or a local path)."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


def header_facts(doc: dict) -> list[tuple[str, str]]:
    """(heading, value) pairs of the facts the page has."""
    facts = [("Council", council_name(doc))]
    when = meeting_date_text(doc)
    if when:
        facts.append(("Meeting date", when))
    for column, heading in HEADER_FACTS:
        value = doc.get(column)
        if value not in (None, ""):
            facts.append((heading, str(value)))
    return facts


def page_sections(text: str, items: list[dict]) -> list[Section]:
    """The page cut at each item's start: a header section (if any text precedes), then items."""
    items = sorted(items, key=lambda i: i["start_char"])
    starts = [i["start_char"] for i in items]
    first = starts[0] if starts else len(text)
    sections = [Section("header", None, "Page header", 0, first)] if first > 0 or not items else []
    for n, item in enumerate(items):
        end = starts[n + 1] if n + 1 < len(items) else len(text)
        anchor = f"item-{item.get('seq', n + 1)}"
        sections.append(Section(anchor, item.get("number"), item["title"], item["start_char"], end))
    return sections


def highlight_sections(text: str, sections: list[Section], mentions: list[dict]) -> None:
    """Fill each section's html with its mentions (a mention belongs where it starts)."""
    starts = [s.start for s in sections]
    spans: list[list] = [[] for _ in sections]
    for mention in mentions:
        at = max(bisect_right(starts, mention["start_char"]) - 1, 0)
        spans[at].append(mention_span(mention))
        sections[at].counts[mention["label"]] += 1
    for section, found in zip(sections, spans, strict=True):
        section.html = render_text(text, section.start, section.end, found)


def page_view(page: dict) -> dict:
    """Everything the page template shows for one page (a row of `iter_pages`)."""
    doc, mentions = page["doc"], page["mentions"]
    text = doc.get("text") or ""
    sections = page_sections(text, page["items"])
    highlight_sections(text, sections, mentions)
    counts = Counter(m["label"] for m in mentions)
    attendance = [{k: v for k, v in row.items() if k != "doc_id"} for row in page["attendance"]]
    return {
        "doc": doc,
        "heading": doc.get("committee") or doc.get("title") or doc.get("source"),
        "council": council_name(doc),
        "facts": header_facts(doc),
        "url": safe_url(doc.get("url")),
        "sections": sections,
        "legend": [(label, counts.get(label, 0)) for label in known_labels(counts)],
        "n_mentions": len(mentions),
        "attendance": attendance,
        "attendance_columns": list(attendance[0]) if attendance else [],
    }
