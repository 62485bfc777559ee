"""Ingest knows a page's council from its first folder (registry id or fetched site)."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.sources import council_directory
from flows.stages import ingest_page, split_document

RECORDED = Path(__file__).parents[1] / "data" / "moderngov"
LAYOUTS = Path(__file__).parents[1] / "data" / "layouts"
LIMIT = 10 * 1024 * 1024


def raw_folder(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    for folder in ("MAN", "WOR", "saved"):
        (raw / folder).mkdir(parents=True)
    shutil.copy(RECORDED / "manchester_audit_2026-02-10.xml", raw / "MAN" / "audit.xml")
    shutil.copy(RECORDED / "manchester_getmeeting_cancelled.xml", raw / "saved" / "4966.xml")
    (raw / "WOR" / "page.txt").write_text("Agenda\n\nItems\nNo.\tItem\n\n1.\t\nApologies\n")
    return raw


def ingest(raw: Path, source: str, councils: dict) -> tuple[dict, list[dict]]:
    return ingest_page(source, (raw / source).read_bytes(), LIMIT, councils)


def test_a_registry_folder_names_the_council_and_the_meeting_page(tmp_path):
    raw = raw_folder(tmp_path)
    directory = council_directory(raw)
    assert sorted(directory.councils) == ["MAN", "WOR"]
    row, attendance = ingest(raw, "MAN/audit.xml", directory.councils)
    assert (row["council_id"], row["council"], row["meeting_id"]) == ("MAN", "Manchester", "4967")
    assert row["url"] == "https://democracy.manchester.gov.uk/ieListDocuments.aspx?MId=4967"
    assert (row["status"], row["committee"], row["meeting_date_source"]) == (
        "confirmed",
        "Audit Committee",
        "header",
    )
    assert [(a["name"], a["attendance"]) for a in attendance] == [("Basil Curley", "Expected")]
    page, _ = ingest(raw, "WOR/page.txt", directory.councils)
    assert (page["council_id"], page["council"], page["url"]) == ("WOR", "Worcestershire", None)


def test_a_page_outside_a_council_folder_has_no_council(tmp_path):
    raw = raw_folder(tmp_path)
    row, _ = ingest(raw, "saved/4966.xml", council_directory(raw).councils)
    assert (row["council_id"], row["council"], row["url"]) == (None, None, None)
    assert (row["meeting_id"], row["status"], row["n_items"]) == ("4966", "cancelled", 0)
    # A cancelled meeting splits into no items, and that is no error.
    assert split_document(row["doc_id"], row["source"], row["text"], row["status"]) == []


def test_a_pages_key_follows_what_is_known_of_its_council_only(tmp_path):
    raw = raw_folder(tmp_path)
    base = council_directory(raw)
    unrelated = tmp_path / "unrelated.csv"
    unrelated.write_text("council_id,name,base_url\nZZZ,Zedshire,https://zed.example\n")
    assert council_directory(raw, unrelated).councils == base.councils
    moved = tmp_path / "moved.csv"
    moved.write_text("council_id,name,base_url\nMAN,Manchester,https://new.manchester.example\n")
    directory = council_directory(raw, moved)
    # Only Manchester's pages are read again; Worcestershire's and the others' are kept.
    assert directory.key_of("MAN/audit.xml") != base.key_of("MAN/audit.xml")
    assert directory.key_of("WOR/page.txt") == base.key_of("WOR/page.txt") != ""
    assert directory.key_of("saved/4966.xml") == "" and directory.key_of("top.txt") == ""
    row, _ = ingest(raw, "MAN/audit.xml", directory.councils)
    assert row["url"] == "https://new.manchester.example/ieListDocuments.aspx?MId=4967"


def test_a_text_page_of_a_cancelled_meeting_has_its_status_and_no_items():
    data = (LAYOUTS / "norfolk_cancelled_meeting.txt").read_bytes()
    row, attendance = ingest_page("norfolk.txt", data, LIMIT)
    assert (row["status"], row["council_id"], attendance) == ("cancelled", None, [])
    assert split_document(row["doc_id"], row["source"], row["text"], row["status"]) == []
    # A postponed meeting's page may still list its agenda: its items are kept.
    data = (LAYOUTS / "devon_postponed_meeting.txt").read_bytes()
    row, _ = ingest_page("devon.txt", data, LIMIT)
    assert row["status"] == "postponed"
    assert len(split_document(row["doc_id"], row["source"], row["text"], row["status"])) == 2
