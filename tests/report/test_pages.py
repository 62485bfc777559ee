"""A page view: header facts from whichever columns exist, sections, attendance when present."""

from __future__ import annotations

from report.pages import council_name, header_facts, page_sections, page_view
from report.tables import iter_pages, read_table
from tests.report.conftest import write


def test_council_falls_back_to_id_then_unknown():
    assert council_name({"council": "Kent", "council_id": "kent"}) == "Kent"
    assert council_name({"council": None, "council_id": "kent"}) == "kent"
    assert council_name({}) == "unknown"


def test_header_facts_show_only_what_the_page_has():
    facts = dict(header_facts({"committee": "Cabinet", "meeting_date": None, "status": ""}))
    assert facts == {"Council": "unknown", "Committee": "Cabinet"}


def test_sections_cover_the_whole_page():
    text = "head\n1. One\nbody\n2. Two\nmore\n"
    items = [
        {"seq": 2, "number": "2", "title": "Two", "start_char": 17, "end_char": 29},
        {"seq": 1, "number": "1", "title": "One", "start_char": 5, "end_char": 16},
    ]
    sections = page_sections(text, items)
    assert [(s.anchor, s.start, s.end) for s in sections] == [
        ("header", 0, 5),
        ("item-1", 5, 17),
        ("item-2", 17, len(text)),
    ]
    assert [(s.anchor, s.start, s.end) for s in page_sections(text, [])] == [
        ("header", 0, len(text))
    ]


def test_pages_stream_with_their_rows(tiny_output):
    pages = {p["doc"]["doc_id"]: p for p in iter_pages(tiny_output)}
    assert len(pages["a"]["items"]) == 2 and len(pages["a"]["attendance"]) == 1
    assert len(pages["b"]["mentions"]) == 1 and pages["b"]["attendance"] == []
    assert len(pages["a"]["mentions"]) == len(
        read_table(tiny_output, "mentions").query("doc_id == 'a'")
    )


def test_page_view_counts_and_links(tiny_output):
    views = {p["doc"]["doc_id"]: page_view(p) for p in iter_pages(tiny_output)}
    a, b = views["a"], views["b"]
    assert a["council"] == "Worcestershire" and b["council"] == "kent"
    assert a["url"].startswith("https://")
    assert b["url"] is None  # only http(s) links are shown
    assert dict(a["legend"])["JUDGEMENT"] == 3
    assert a["attendance_columns"] == ["name", "honorific", "role", "attendance", "party", "ward"]
    assert [s.anchor for s in a["sections"]] == ["header", "item-1", "item-2"]


def test_a_table_written_out_of_doc_id_order_still_attaches(tiny_output):
    rows = [
        {"doc_id": d, "name": n, "attendance": "Present"}
        for d, n in (("b", "Zed"), ("a", "Amy"), ("b", "Yan"))
    ]
    write(tiny_output, "attendance", rows)
    pages = {p["doc"]["doc_id"]: p for p in iter_pages(tiny_output)}
    assert [r["name"] for r in pages["a"]["attendance"]] == ["Amy"]
    assert [r["name"] for r in pages["b"]["attendance"]] == ["Zed", "Yan"]
