"""The ingest stage over saved pages: meeting pages become documents, other pages error rows."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.stages import ingest_batch

HTML = Path(__file__).parents[1] / "data" / "html"
CALENDAR_TEXT = "Calendar\n\nMarch 2026\n\nMon\tTue\n\nCabinet, 10.00 am\n"


def test_non_meeting_pages_become_error_rows_and_no_documents(tmp_path):
    names = ["kent_meeting_calendar.html", "leeds_committee_details.html"]
    names += ["kingston_agenda_decisions_minutes.html"]
    for name in names:
        shutil.copy(HTML / name, tmp_path / name)
    (tmp_path / "calendar.txt").write_text(CALENDAR_TEXT)
    pages = [{"doc_id": str(n), "source": s} for n, s in enumerate([*names, "calendar.txt"])]
    result = ingest_batch(pages, tmp_path, 10 * 1024 * 1024)
    errors = {e["source"]: e for e in result.errors}
    assert set(errors) == {"kent_meeting_calendar.html", "leeds_committee_details.html"} | {
        "calendar.txt"
    }
    for row in errors.values():
        assert row["stage"] == "ingest" and row["error"] == "NotAMeetingPageError"
    assert "not a meeting page (meeting calendar)" in errors["calendar.txt"]["message"]
    assert (
        "not a meeting page (committee details)"
        in errors["leeds_committee_details.html"]["message"]
    )
    documents = result.frames["documents"]
    assert list(documents.source) == ["kingston_agenda_decisions_minutes.html"]
    assert documents.committee[0] == "Kingston and North Kingston Neighbourhood Committee"
    assert str(documents.meeting_date[0]) == "2026-01-15" and documents.n_items[0] == 12
