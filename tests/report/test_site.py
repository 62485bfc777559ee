"""The site: all files written, text escaped, counts right, swapped in whole, others' files kept."""

from __future__ import annotations

import re

import pyarrow as pa
import pytest
from typer.testing import CliRunner

import report.site
from flows import output_folder, storage
from flows.cli import app
from report import MissingTablesError, build_site
from report.folder import MANIFEST
from report.tables import read_table
from tests.report.conftest import write


def html_files(site):
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }


def test_site_files_and_escaping(tiny_output):
    site = build_site(tiny_output)
    files = html_files(site.path)
    assert set(files) == {"index.html", "errors.html", "pages/1.html", "docs/a.html", "docs/b.html"}
    assert (site.path / "report.css").exists() and (site.path / MANIFEST).exists()
    assert site.pages == 2 and site.bytes == sum(
        p.stat().st_size for p in site.path.rglob("*") if p.is_file() and p.name != MANIFEST
    )
    for name, html in files.items():
        assert "<script" not in html, name  # the site has no scripts, so any would be page text
        assert "<Scrutiny>" not in html and "<Independent>" not in html, name
    page = files["docs/a.html"]
    assert 'id="m-a:40-49:PERSON"' in page  # a mention's element is its mention_id's anchor
    assert "&lt;script&gt;alert(" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in files["docs/b.html"]
    assert "javascript:" not in files["docs/b.html"]
    assert 'href="https://example.org/ieListDocuments.aspx?MId=1"' in page


def test_every_mention_is_one_highlight_of_its_label(tiny_output):
    site = build_site(tiny_output)
    mentions = read_table(tiny_output, "mentions")
    for doc_id, rows in mentions.groupby("doc_id"):
        html = (site.path / "docs" / f"{doc_id}.html").read_text(encoding="utf-8")
        found = re.findall(r'<mark class="[^"]*" data-label="([^"]+)" data-start="(\d+)"', html)
        want = sorted(zip(rows["label"], rows["start_char"].astype(str), strict=True))
        assert sorted(found) == want


def test_index_uses_new_columns_and_tables_when_present(tiny_output):
    index = (build_site(tiny_output).path / "index.html").read_text(encoding="utf-8")
    assert "Worcestershire" in index and "kent" in index  # council, else council_id
    assert index.count("<svg") == 2  # judgements over time, grades by council
    assert "Democratic Services Officer" in index and "Ann Smith (1)" in index
    assert "apologies" in index and "Bob Jones" in index
    assert 'href="errors.html"' in index
    a = (tiny_output / "report" / "docs" / "a.html").read_text(encoding="utf-8")
    b = (tiny_output / "report" / "docs" / "b.html").read_text(encoding="utf-8")
    assert 'id="attendance"' in a and "&lt;Independent&gt;" in a
    assert 'id="attendance"' not in b

    write(
        tiny_output,
        "office_holders",
        [{"title": "Director of Children's Services", "name": "Jo Bloggs", "n_pages": 7}],
    )
    index = (build_site(tiny_output).path / "index.html").read_text(encoding="utf-8")
    assert "Jo Bloggs (7)" in index and "Ann Smith (1)" not in index


def test_only_documents_is_enough(tmp_path):
    out = tmp_path / "out"
    output_folder.claim(out)
    write(out, "documents", [{"doc_id": "x", "source": "x.txt", "text": "Hello"}])
    site = build_site(out)
    assert site.pages == 1
    index = site.index.read_text(encoding="utf-8")
    assert "unknown" in index and "No judgements" in index


def test_missing_documents_is_a_named_error(tmp_path):
    with pytest.raises(MissingTablesError, match="minutes run"):
        build_site(tmp_path)


def test_page_lists_are_paginated(tiny_output):
    site = build_site(tiny_output, list_size=1)
    assert (site.path / "pages" / "2.html").exists()
    assert 'href="2.html"' in (site.path / "pages" / "1.html").read_text(encoding="utf-8")


def test_files_the_tool_did_not_write_are_kept(tiny_output):
    site = build_site(tiny_output)
    (site.path / "notes.txt").write_text("mine")
    (site.path / "docs" / "keep.md").write_text("mine too")
    build_site(tiny_output)
    assert (site.path / "notes.txt").read_text() == "mine"
    assert (site.path / "docs" / "keep.md").read_text() == "mine too"
    assert not any(storage.staging_dir(tiny_output).iterdir())


def test_a_generated_file_changed_by_hand_is_kept_and_named(tiny_output):
    site = build_site(tiny_output)
    (site.path / "index.html").write_text("my own front page")
    again = build_site(tiny_output)
    assert again.kept == ["index.html"]
    assert (site.path / "index.html").read_text() == "my own front page"
    assert build_site(tiny_output).kept == ["index.html"]  # and on every later build
    assert "Children" in (site.path / "docs" / "a.html").read_text(encoding="utf-8")


def test_a_report_folder_the_tool_did_not_write_is_kept_whole(tiny_output):
    target = tiny_output / "report"
    target.mkdir()
    (target / "index.html").write_text("someone else's")
    site = build_site(tiny_output)
    assert site.kept == ["index.html"]
    assert (target / "index.html").read_text() == "someone else's"
    assert (target / "errors.html").exists()


def test_a_failed_build_keeps_the_previous_site(tiny_output, monkeypatch):
    before = build_site(tiny_output).index.read_text(encoding="utf-8")

    def broken(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(report.site, "write_page_views", broken)
    write(tiny_output, "documents", [{"doc_id": "z", "source": "z.txt", "text": "new"}])
    with pytest.raises(RuntimeError):
        build_site(tiny_output)
    assert (tiny_output / "report" / "index.html").read_text(encoding="utf-8") == before
    assert not any(storage.staging_dir(tiny_output).iterdir())


def test_report_command(tiny_output, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    result = CliRunner().invoke(app, ["report", "--out-dir", str(tiny_output), "--open"])
    assert result.exit_code == 0, result.output
    assert "2 pages" in result.output
    assert opened == [(tiny_output / "report" / "index.html").resolve().as_uri()]
    missing = CliRunner().invoke(app, ["report", "--out-dir", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "holds no documents table" in missing.output


def test_label_outside_the_vocabulary_gets_a_colour(tiny_output):
    write(
        tiny_output,
        "mentions",
        [
            {
                "doc_id": "b",
                "label": "VENUE",
                "text": "Agenda",
                "start_char": 0,
                "end_char": 6,
                "attrs": "{}",
            }
        ],
        pa.schema(
            [
                ("doc_id", pa.string()),
                ("label", pa.string()),
                ("text", pa.string()),
                ("start_char", pa.int64()),
                ("end_char", pa.int64()),
                ("attrs", pa.string()),
            ]
        ),
    )
    site = build_site(tiny_output)
    assert ".l-VENUE {" in (site.path / "report.css").read_text(encoding="utf-8")
    assert 'data-label="VENUE"' in (site.path / "docs" / "b.html").read_text(encoding="utf-8")
