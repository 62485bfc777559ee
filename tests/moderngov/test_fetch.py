"""Fetching a council end to end from a local fake site: files, state, incremental, faults."""

from __future__ import annotations

import json
import socket
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from moderngov.councils import fetch_councils
from moderngov.fetch import fetch_council
from moderngov.options import FetchOptions
from moderngov.registry import Council, load_registry
from moderngov.state import ERRORS_FILE, STATE_FILE, write_atomic
from tests.moderngov.conftest import FAST
from tests.moderngov.site import Reply, meeting_xml, ordinary_meeting

RUN_DATE = date(2026, 2, 20)
OPTIONS = FetchOptions(since=date(2025, 10, 1), until=date(2026, 3, 31), client=FAST)
STAMP = "2026-02-20T06:00:00+00:00"


def council_at(site) -> Council:
    return load_registry().resolve(site.url)


def fetch(site, raw: Path, options: FetchOptions = OPTIONS, **kw):
    return fetch_council(council_at(site), raw, options, RUN_DATE, now=lambda: STAMP, **kw)


def files(raw: Path) -> dict[str, tuple[int, int]]:
    """Every meeting file under raw/ with its inode and modification time."""
    return {
        p.relative_to(raw).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(raw.rglob("*.xml"))
    }


def errors(raw: Path, site) -> list[dict]:
    return json.loads((raw / council_at(site).council_id / ERRORS_FILE).read_text())


def test_a_first_fetch_writes_each_answer_as_served(site, tmp_path):
    summary = fetch(site, tmp_path)
    cid = council_at(site).council_id
    assert sorted(files(tmp_path)) == [
        f"{cid}/10/4966.xml",
        f"{cid}/10/4967.xml",
        f"{cid}/20/501.xml",
        f"{cid}/20/502.xml",
    ]
    for ident, meeting in site.meetings.items():
        path = tmp_path / cid / str(meeting.committee_id) / f"{ident}.xml"
        assert not path.exists() or path.read_bytes() == meeting.body
    assert (summary.committees, summary.meetings, summary.new, summary.failed) == (2, 4, 4, 0)
    assert summary.requests == 1 + 2 + 4 and summary.bytes > 0
    # Deleted committees are never asked for; expired ones not without a reason to.
    assert {r.params["lCommitteeId"] for r in site.calls("GetMeetings")} == {"10", "20"}
    state = json.loads((tmp_path / cid / STATE_FILE).read_text())
    entry = state["meetings"]["4967"]
    assert entry["path"] == "10/4967.xml" and entry["fetched_at"] == STAMP
    assert entry["meeting_date"] == "2026-02-10" and entry["minutes_published"] is True
    assert entry["url"].endswith("/mgWebService.asmx/GetMeeting?lMeetingId=4967")
    assert errors(tmp_path, site) == []


def test_getmeetings_is_asked_with_uk_dates_over_windows(gloucester, tmp_path):
    options = replace(
        OPTIONS, since=date(2024, 1, 1), until=date(2026, 1, 31), committee="^cabinet$"
    )
    summary = fetch(gloucester, tmp_path, options)
    windows = [
        (r.params["sFromDate"], r.params["sToDate"]) for r in gloucester.calls("GetMeetings")
    ]
    assert windows == [
        ("01/01/2024", "30/12/2024"),
        ("31/12/2024", "30/12/2025"),
        ("31/12/2025", "31/01/2026"),
    ]
    assert summary.committees == 1 and summary.new == 20


def test_a_second_fetch_skips_settled_meetings_and_gets_304s(etag_site, tmp_path):
    fetch(etag_site, tmp_path)
    before = files(tmp_path)
    etag_site.requests.clear()
    summary = fetch(etag_site, tmp_path)
    asked = [r.params["lMeetingId"] for r in etag_site.calls("GetMeeting")]
    # 501 has minutes and is older than 60 days: settled, not asked for again.
    assert sorted(asked) == ["4966", "4967", "502"]
    assert all("if-none-match" in r.headers for r in etag_site.calls("GetMeeting"))
    assert (summary.settled, summary.unchanged, summary.new, summary.changed) == (1, 3, 0, 0)
    assert files(tmp_path) == before  # same inodes and mtimes: nothing rewritten


def test_without_validators_an_unchanged_body_is_not_rewritten(site, tmp_path):
    fetch(site, tmp_path)
    before = files(tmp_path)
    summary = fetch(site, tmp_path)
    assert (summary.unchanged, summary.settled, summary.changed) == (3, 1, 0)
    assert files(tmp_path) == before


def test_a_changed_answer_is_rewritten(etag_site, tmp_path):
    fetch(etag_site, tmp_path)
    published = ordinary_meeting(502, date(2026, 2, 3), "Confirmed", True)
    etag_site.replace_meeting(502, published)
    summary = fetch(etag_site, tmp_path)
    cid = council_at(etag_site).council_id
    assert summary.changed == 1
    assert (tmp_path / cid / "20" / "502.xml").read_bytes() == published


BAD_ANSWERS = {
    "html page": (Reply(body=b"<!DOCTYPE html><html><body>Moved</body></html>"), "NotXmlError"),
    "redirect stub": (
        Reply(body=b"<html><head><meta http-equiv='refresh' content='0;url=/'></head></html>"),
        "NotXmlError",
    ),
    "malformed": (
        Reply(body=b"<?xml version='1.0'?><meeting><a></b></meeting>"),
        "MalformedXmlError",
    ),
    "truncated": (Reply(body=meeting_xml(502, date(2026, 2, 3))[:300]), "MalformedXmlError"),
    "entities": (
        Reply(body=b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "x">]><meeting>&a;</meeting>'),
        "MalformedXmlError",
    ),
    "other meeting": (Reply(body=meeting_xml(999, date(2026, 2, 3))), "UnexpectedAnswerError"),
    "404": (Reply(404, b"<html>Not found</html>"), "HttpStatusError"),
    "cut short": (Reply(body=meeting_xml(502, date(2026, 2, 3)), cut=200), "ConnectFailedError"),
}


@pytest.mark.parametrize("case", list(BAD_ANSWERS))
def test_a_bad_answer_is_recorded_and_the_good_copy_stays(site, tmp_path, case):
    fetch(site, tmp_path)
    cid = council_at(site).council_id
    good = (tmp_path / cid / "20" / "502.xml").read_bytes()
    reply, error = BAD_ANSWERS[case]
    site.script("GetMeeting", 502, *[reply] * FAST.attempts)
    summary = fetch(site, tmp_path)
    assert (tmp_path / cid / "20" / "502.xml").read_bytes() == good
    assert summary.failed == 1 and summary.unchanged == 2  # the other meetings went on
    [row] = errors(tmp_path, site)
    assert row["error"] == error and row["stage"] == "fetch" and row["council_id"] == cid
    assert row["source"] == f"{cid}/20/502.xml" and row["url"] in row["message"]
    assert row["url"].endswith("GetMeeting?lMeetingId=502")


def test_a_meeting_that_times_out_is_recorded_and_the_rest_go_on(site, tmp_path):
    site.script("GetMeeting", 4967, Reply(stall=True), Reply(stall=True))
    options = replace(OPTIONS, client=replace(FAST, timeout=0.5, attempts=2))
    summary = fetch(site, tmp_path, options)
    assert summary.new == 3 and summary.failed == 1
    assert [e["error"] for e in errors(tmp_path, site)] == ["FetchTimeoutError"]


def test_a_first_fetch_that_fails_writes_no_file(site, tmp_path):
    site.script("GetMeeting", 502, Reply(body=b"<html>Error</html>"))
    fetch(site, tmp_path)
    cid = council_at(site).council_id
    assert not (tmp_path / cid / "20" / "502.xml").exists()
    assert not list(tmp_path.rglob("*.tmp"))


def test_429_and_503_during_a_fetch_are_retried(site, tmp_path):
    site.script("GetMeetings", 10, Reply(429, headers={"Retry-After": "0"}))
    site.script("GetMeeting", 4967, Reply(503), Reply(503))
    summary = fetch(site, tmp_path)
    assert summary.new == 4 and summary.failed == 0
    assert len(site.calls("GetMeeting")) == 6


def test_unreachable_councils_are_recorded_and_others_go_on(site, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    councils = [load_registry().resolve(f"http://127.0.0.1:{closed}"), council_at(site)]
    summaries = fetch_councils(councils, tmp_path, OPTIONS, RUN_DATE)
    by_id = {s.council_id: s for s in summaries}
    assert by_id[council_at(site).council_id].new == 4
    assert [e["error"] for e in by_id[f"127.0.0.1-{closed}"].errors] == ["ConnectFailedError"]
    written = json.loads((tmp_path / f"127.0.0.1-{closed}" / ERRORS_FILE).read_text())
    assert written[0]["source"] == f"127.0.0.1-{closed}"


def test_an_interrupted_fetch_leaves_no_partial_file_and_resumes(site, tmp_path):
    def stop_after_two(council_id: str, done: int, total: int | None) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        fetch(site, tmp_path, progress=stop_after_two)
    first = files(tmp_path)
    assert len(first) == 2 and not list(tmp_path.rglob("*.tmp"))
    for name in first:
        assert (tmp_path / name).read_bytes() in {m.body for m in site.meetings.values()}
    summary = fetch(site, tmp_path)
    # The state was saved on the way out: 501 (minutes out, old) is settled, 4966 re-checked.
    assert (summary.new, summary.unchanged, summary.settled) == (2, 1, 1)
    after = files(tmp_path)
    assert len(after) == 4 and all(after[name] == first[name] for name in first)


def test_a_write_cut_off_before_its_rename_leaves_only_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "GLO" / "129" / "7837.xml"
    write_atomic(target, b"<meeting>old</meeting>")

    def killed(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("moderngov.state.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"<meeting>new</meeting>")
    assert target.read_bytes() == b"<meeting>old</meeting>"
    assert [p.name for p in target.parent.iterdir()] == ["7837.xml"]


def test_expired_committees_with_include_expired(site, tmp_path):
    fetch(site, tmp_path, replace(OPTIONS, include_expired=True))
    cid = council_at(site).council_id
    assert (tmp_path / cid / "30" / "301.xml").exists()
    assert not (tmp_path / cid / "40").exists()


def test_an_expired_committee_is_asked_when_the_range_reaches_back_before_its_expiry(
    site, tmp_path
):
    cid = council_at(site).council_id
    state = {"committees": {"30": {"title": "Old Board", "current_until": "2025-12-15"}}}
    (tmp_path / cid).mkdir()
    (tmp_path / cid / STATE_FILE).write_text(json.dumps(state))
    fetch(site, tmp_path, replace(OPTIONS, since=date(2026, 1, 1)))
    assert "30" not in {r.params["lCommitteeId"] for r in site.calls("GetMeetings")}
    fetch(site, tmp_path)  # since 2025-10-01: before the committee expired
    assert (tmp_path / cid / "30" / "301.xml").exists()


def test_committee_filter(site, tmp_path):
    summary = fetch(site, tmp_path, replace(OPTIONS, committee="children"))
    assert summary.committees == 1
    assert {r.params["lCommitteeId"] for r in site.calls("GetMeetings")} == {"20"}


def test_the_council_file_names_the_site_and_committees(site, tmp_path):
    fetch(site, tmp_path)
    council = council_at(site)
    info = json.loads((tmp_path / council.council_id / ".council.json").read_text())
    assert info["site"] == site.url and info["committees"]["20"] == "Children's Scrutiny"


def test_the_minimum_interval_holds_over_a_whole_fetch(site, tmp_path):
    delay = 0.15
    fetch(site, tmp_path, replace(OPTIONS, client=replace(FAST, delay=delay)))
    times = [r.at for r in site.requests]
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert len(times) == 7 and busiest <= 1 / delay + 1
    assert len({r.port for r in site.requests}) == 1  # one connection for the whole fetch


def test_last_modified_alone_gives_if_modified_since_and_304s(tmp_path):
    from tests.moderngov.site import small_site

    with small_site("last-modified") as site:
        fetch(site, tmp_path)
        before = files(tmp_path)
        site.requests.clear()
        summary = fetch(site, tmp_path)
        asked = site.calls("GetMeeting")
        assert asked and all("if-modified-since" in r.headers for r in asked)
        assert all("if-none-match" not in r.headers for r in asked)
        assert summary.unchanged == 3 and files(tmp_path) == before
