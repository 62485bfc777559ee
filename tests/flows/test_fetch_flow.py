"""`minutes run --council <site>` fetches from a local ModernGov site, then processes it."""

from __future__ import annotations

from datetime import date

import pandas as pd
from typer.testing import CliRunner

from flows.cli import app
from tests.moderngov.conftest import FAST
from tests.moderngov.site import Reply, ordinary_meeting, small_site

runner = CliRunner()


def read(out, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)


def test_run_with_a_council_fetches_then_processes(prefect_harness, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    with small_site() as site:
        args = [
            "run", "--council", site.url, "--raw-dir", str(raw), "--out-dir", str(out),
            "--workers", "1", "--delay", "0.01", "--since", "2025-10-01", "--until", "2026-03-31",
        ]  # fmt: skip
        first = runner.invoke(app, args)
        assert first.exit_code == 0, first.output
        assert "meetings fetched: 4 new" in first.output
        cid = f"127.0.0.1-{site.url.rsplit(':', 1)[1]}"
        docs = read(out, "documents").set_index("meeting_id")
        assert sorted(docs.index) == ["4966", "4967", "501", "502"]
        assert set(docs.council_id) == {cid} and set(docs.council) == {site.url.split("//")[1]}
        assert docs.loc["4967", "url"] == f"{site.url}/ieListDocuments.aspx?MId=4967"
        assert docs.loc["4967", "source"] == f"{cid}/10/4967.xml"
        # The cancelled meeting: a documents row with its status, no items, no error; its
        # committee (not in the answer) comes from what the fetch recorded.
        cancelled = docs.loc["4966"]
        assert (cancelled.status, cancelled.n_items) == ("cancelled", 0)
        assert cancelled.committee == "Audit Committee"
        assert read(out, "errors").empty, read(out, "errors").to_dict("records")
        items = read(out, "items")
        assert items.groupby("doc_id").size().to_dict() == {
            docs.loc[m, "doc_id"]: n for m, n in {"4967": 2, "501": 3, "502": 3}.items()
        }
        attendance = read(out, "attendance").merge(read(out, "documents")[["doc_id", "meeting_id"]])
        chair = attendance[(attendance.meeting_id == "501") & (attendance.seq == 1)].iloc[0]
        assert (chair.honorific, chair["name"], chair.role, chair.attendance) == (
            "Councillor",
            "Alice Smith",
            "Chair",
            "Apologies",
        )
        assert (chair.party, chair.ward, chair.member_id) == ("LAB", "North", "11")

        # A bad answer (twice: this run and the strict one): recorded in `errors` (stage
        # fetch); the good copy is still processed.
        site.script("GetMeeting", 502, *[Reply(body=b"<html><body>Error</body></html>")] * 2)
        second = runner.invoke(app, args)
        assert second.exit_code == 0, second.output
        [row] = read(out, "errors").to_dict("records")
        assert (row["stage"], row["error"], row["council_id"]) == ("fetch", "NotXmlError", cid)
        assert row["source"] == f"{cid}/20/502.xml" and row["url"].endswith("lMeetingId=502")
        assert "502" in set(read(out, "documents").meeting_id)
        strict = runner.invoke(app, [*args, "--strict"])
        assert strict.exit_code == 1

        # The minutes come out: the answer is rewritten and only that page re-processed.
        site.replace_meeting(502, ordinary_meeting(502, date(2026, 2, 3), "Confirmed", True))
        third = runner.invoke(app, args)
        assert third.exit_code == 0, third.output
        assert "meetings fetched: 0 new, 1 changed" in third.output
        assert "pages: 0 new, 1 changed, 3 unchanged" in third.output
        assert read(out, "errors").empty
        updated = read(out, "documents").set_index("meeting_id").loc["502"]
        assert "RESOLVED that the report be noted." in updated.text
        assert updated.page_kind == "agenda_and_minutes"


def test_fetch_command_writes_files_and_prints_a_summary(tmp_path):
    with small_site() as site:
        args = ["fetch", site.url, "--raw-dir", str(tmp_path), "--delay", str(FAST.delay)]
        result = runner.invoke(app, [*args, "--since", "2025-10-01", "--until", "2026-03-31"])
        assert result.exit_code == 0, result.output
        assert len(list(tmp_path.rglob("*.xml"))) == 4
        assert "fetched" in result.output and "127.0.0.1" in result.output
        site.script("GetMeeting", 502, *[Reply(404)] * 4)
        strict = runner.invoke(app, [*args, "--since", "2025-10-01", "--strict"])
        assert strict.exit_code == 1 and "HttpStatusError" in strict.output
        # A council whose committees cannot be read fails --strict too (no meeting failed).
        site.script("GetCommittees", None, Reply(body=b"<html><body>Maintenance</body></html>"))
        down = runner.invoke(app, [*args, "--strict"])
        assert down.exit_code == 1 and "NotXmlError" in down.output


def test_bad_fetch_usage_is_one_line_exit_2(tmp_path):
    for args, said in [
        (["fetch", "Atlantis"], "no council 'Atlantis'"),
        (["fetch", "WOR", "--since", "2024-02-30"], "--since: expected a date"),
        (["fetch", "WOR", "--since", "2025-01-01", "--until", "2024-01-01"], "is after"),
        (["fetch", "ftp://example.org"], "http"),
        (["run", "--stage", "fetch", "--out-dir", str(tmp_path)], "needs councils"),
    ]:
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert said in result.output and len(result.output.strip().splitlines()) == 1


def test_councils_lists_and_searches_the_registry(tmp_path):
    result = runner.invoke(app, ["councils", "--search", "gloucester"])
    assert result.exit_code == 0 and "GLO" in result.output and "3 of 305" in result.output
    extra = tmp_path / "extra.csv"
    extra.write_text("council_id,name,base_url\nZZZ,Zedshire,https://zed.example\n")
    mine = runner.invoke(app, ["councils", "--councils", str(extra), "--search", "zed"])
    assert "ZZZ" in mine.output and "1 of 306" in mine.output
