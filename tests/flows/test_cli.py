"""The command line refuses bad folders with one line and prints the data dictionary."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
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


def minutes(*args: str) -> subprocess.CompletedProcess:
    """The real command in its own process (Prefect's log handlers and CliRunner do not mix)."""
    command = [sys.executable, "-m", "flows.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_strict_exits_1_when_a_page_failed_and_summary_says_so(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("Agenda\n\nItems\nNo.\tItem\n\n1.\t\nApologies\n\nNone.\n")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "same.txt").write_bytes((raw / "page.txt").read_bytes())  # a duplicate: an errors row
    args = ["run", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "o"), "--workers", "1"]
    lenient = minutes(*args)
    assert lenient.returncode == 0, lenient.stderr
    # One count of failed pages, defined once: the pages line agrees with the last line.
    assert "2 pages failed this run" in lenient.stdout
    assert "; 2 failed" in lenient.stdout
    strict = minutes(*args, "--strict")
    assert strict.returncode == 1
    assert "--strict: 2 pages failed" in strict.stderr


def test_a_model_that_is_not_installed_is_one_line_exit_2(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "page.txt").write_text("1.\tApologies\n\nNone.\n")
    args = ["run", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "o")]
    result = runner.invoke(app, [*args, "--model", "en_core_web_nosuch"])
    assert result.exit_code == 2
    assert "'en_core_web_nosuch' is not installed" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()  # refused before any work


READ_ONLY_RUN = (
    "import sys; from typer.testing import CliRunner; from flows.cli import app; "
    "r = CliRunner().invoke(app, sys.argv[1:]); print(r.output, end=''); sys.exit(r.exit_code)"
)


def test_a_read_only_output_folder_is_one_line_exit_2_before_any_work(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "locked"
    raw.mkdir()
    out.mkdir()
    (raw / "page.txt").write_text("1.\tApologies\n\nNone.\n")
    out.chmod(0o555)
    try:
        # Root writes anywhere: run without the capabilities that bypass permissions.
        prefix = ["setpriv", "--bounding-set=-dac_override", "--"] if os.geteuid() == 0 else []
        args = ["run", "--raw-dir", str(raw), "--out-dir", str(out / "tables")]
        done = subprocess.run(
            [*prefix, sys.executable, "-c", READ_ONLY_RUN, *args],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        out.chmod(0o755)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "is not writable" in done.stdout and len(done.stdout.strip().splitlines()) == 1
    assert not list(out.iterdir())


def test_schema_prints_square_brackets_as_written():
    result = runner.invoke(app, ["schema"])
    assert "date32[day]?" in result.output
    assert "documents.text[start_char:end_char] == text" in result.output
