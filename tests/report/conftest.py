"""A small output folder written by hand: tables the report knows, extra columns and new tables."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows import output_folder

HEADER = "Agendas, Meetings and Minutes\n\nContact: Ann Smith, Democratic Services Officer\n\n"
ITEM_1 = (
    "1.\n\nApologies\n\nApologies were received from Cllr <script>alert('x')</script> "
    "Bob Jones.\n\n"
)
ITEM_2 = (
    "2.\n\nOfsted\n\nIn March 2019 Ofsted judged the service to be 'good' & not 'inadequate'; "
    "the ambition is to be outstanding.\n"
)
TEXT_A = HEADER + ITEM_1 + ITEM_2
TEXT_B = "Agenda item\n\nNothing to see: <b>bold</b> & <i>\n"


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def mention(doc_id: str, text: str, label: str, needle: str, item=None, **attrs) -> dict:
    """A `mentions` row for the first occurrence of needle."""
    start, end = span(text, needle)
    return {
        "doc_id": doc_id,
        "mention_id": f"{doc_id}:{start}-{end}:{label}",
        "item_id": item,
        "label": label,
        "text": needle,
        "start_char": start,
        "end_char": end,
        "attrs": json.dumps(attrs),
    }


def write(out: Path, table: str, rows: list[dict], schema: pa.Schema | None = None) -> None:
    """Write rows as one Parquet part of a table folder."""
    folder = out / table
    folder.mkdir(parents=True, exist_ok=True)
    arrow = pa.Table.from_pylist(rows, schema=schema) if rows or schema else pa.table({})
    pq.write_table(arrow, folder / "part-00000.parquet")


def mentions_a() -> list[dict]:
    """Mentions of page A: nested (a PERSON inside a ROLE line) and crossing spans."""
    item1, item2 = "a:1", "a:2"
    return [
        mention("a", TEXT_A, "PERSON", "Ann Smith", context="mention", name="Ann Smith"),
        mention("a", TEXT_A, "ROLE", "Ann Smith, Democratic Services Officer", title="<Officer>"),
        mention("a", TEXT_A, "ROLE", "Democratic Services Officer", title="Officer & Clerk"),
        mention("a", TEXT_A, "PERSON", "Bob Jones", item1, context="apologies", honorific="Cllr"),
        mention("a", TEXT_A, "DATE", "March 2019", item2, value="2019-03", precision="month"),
        # Crosses the DATE above: "2019 Ofsted".
        mention("a", TEXT_A, "OUTCOME", "2019 Ofsted", item2),
        mention("a", TEXT_A, "JUDGEMENT", "good", item2, grade="good", polarity="asserted"),
        mention(
            "a", TEXT_A, "JUDGEMENT", "inadequate", item2, grade="inadequate", polarity="negated"
        ),
        mention(
            "a",
            TEXT_A,
            "JUDGEMENT",
            "outstanding",
            item2,
            grade="outstanding",
            polarity="aspiration",
        ),
    ]


@pytest.fixture
def tiny_output(tmp_path) -> Path:
    """An output folder with pages A (items, attendance) and B (no items), an error, new columns."""
    out = tmp_path / "output"
    output_folder.claim(out)  # as a run leaves it: ours, with a manifest
    write(
        out,
        "documents",
        [
            {
                "doc_id": "a",
                "source": "a.txt",
                "format": "txt",
                "page_kind": "agenda_and_minutes",
                "title": "Agenda and minutes",
                "committee": "Children's <Scrutiny>",
                "meeting_date": date(2019, 9, 11),
                "meeting_date_source": "header",
                "text": TEXT_A,
                "n_items": 2,
                "council": "Worcestershire",
                "council_id": "wor",
                "url": "https://example.org/ieListDocuments.aspx?MId=1",
                "status": "held",
            },
            {
                "doc_id": "b",
                "source": "sub/b.txt",
                "format": "txt",
                "page_kind": "agenda_item",
                "title": None,
                "committee": None,
                "meeting_date": None,
                "meeting_date_source": None,
                "text": TEXT_B,
                "n_items": 0,
                "council": None,
                "council_id": "kent",
                "url": "javascript:alert(1)",
                "status": None,
            },
        ],
    )
    s1, e1 = span(TEXT_A, ITEM_1)
    s2, e2 = span(TEXT_A, ITEM_2)
    write(
        out,
        "items",
        [
            {
                "doc_id": "a",
                "item_id": "a:1",
                "seq": 1,
                "number": "1",
                "title": "Apologies",
                "text": ITEM_1,
                "start_char": s1,
                "end_char": e1,
                "truncated": False,
            },
            {
                "doc_id": "a",
                "item_id": "a:2",
                "seq": 2,
                "number": "2",
                "title": "Ofsted <Report>",
                "text": ITEM_2,
                "start_char": s2,
                "end_char": e2,
                "truncated": True,
            },
        ],
    )
    rows = sorted(mentions_a(), key=lambda m: (m["start_char"], m["end_char"]))
    rows.append(mention("b", TEXT_B, "ROLE", "<b>bold</b>", title="Bold"))
    write(out, "mentions", rows)
    judgements = [
        {"doc_id": "a", "item_id": "a:2", "grade": g, "grade_rank": r, "polarity": p, "year": 2019}
        for g, r, p in (
            ("good", 2, "asserted"),
            ("inadequate", 4, "negated"),
            ("outstanding", 1, "aspiration"),
        )
    ]
    write(out, "judgements", judgements)
    write(
        out,
        "roles",
        [
            {"doc_id": "a", "title": "Democratic Services Officer", "person": "Ann Smith"},
            {"doc_id": "b", "title": "Bold", "person": None},
        ],
    )
    write(
        out,
        "people",
        [
            {"doc_id": "a", "name": "Ann Smith", "context": "mention"},
            {"doc_id": "a", "name": "Bob Jones", "context": "apologies"},
        ],
    )
    write(
        out,
        "attendance",
        [
            {
                "doc_id": "a",
                "name": "Bob Jones",
                "honorific": "Cllr",
                "role": "Member",
                "attendance": "Apologies",
                "party": "<Independent>",
                "ward": None,
            },
        ],
    )
    write(
        out,
        "errors",
        [
            {
                "source": "bad.txt",
                "stage": "ingest",
                "error": "EmptyPageError",
                "message": "bad.txt: expected text, got 0 bytes <oops>",
            }
        ],
    )
    return out
