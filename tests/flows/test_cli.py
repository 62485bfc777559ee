"""The command line refuses bad folders with one line and prints the data dictionary."""

from __future__ import annotations

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def test_missing_raw_dir_is_one_line_exit_2(tmp_path):
    result = runner.invoke(
        app, ["run", "--raw-dir", str(tmp_path / "nope"), "--out-dir", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "does not exist" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_empty_raw_dir_is_refused(tmp_path):
    (tmp_path / "raw").mkdir()
    result = runner.invoke(
        app, ["run", "--raw-dir", str(tmp_path / "raw"), "--out-dir", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "holds no pages" in result.output


def test_unknown_stage_is_refused(tmp_path):
    result = runner.invoke(app, ["run", "--stage", "parse", "--out-dir", str(tmp_path)])
    assert result.exit_code == 2 and "unknown stage parse" in result.output


def test_stage_alone_without_its_input_is_refused(tmp_path):
    result = runner.invoke(app, ["run", "--stage", "tag", "--out-dir", str(tmp_path)])
    assert result.exit_code == 2 and "does not exist yet" in result.output


def test_schema_prints_every_table():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    for table in (
        "documents",
        "items",
        "mentions",
        "roles",
        "people",
        "dates",
        "judgements",
        "errors",
    ):
        assert table in result.output


def test_strict_exits_1_when_a_page_failed_and_summary_says_so(prefect_harness, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("Agenda\n\nItems\nNo.\tItem\n\n1.\t\nApologies\n\nNone.\n")
    (raw / "empty.txt").write_bytes(b"")
    args = ["run", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "o"), "--workers", "1"]
    lenient = runner.invoke(app, args)
    assert lenient.exit_code == 0, lenient.output
    assert "1 pages failed this run" in lenient.output
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1
    assert "--strict: 1 pages failed" in strict.output
