"""Tables analysts can trust: paths follow files, every reader opens them, keys join them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from flows.config import RunConfig
from flows.schemas import FOREIGN_KEYS, PRIMARY_KEYS, SCHEMAS, SPAN_TABLES
from tests.conftest import copy_corpus

README = Path(__file__).parents[2] / "README.md"


@pytest.fixture
def rerun(prefect_harness, tmp_path):
    from flows.flow import run

    config = RunConfig(raw_dir=copy_corpus(tmp_path / "raw"), out_dir=tmp_path / "out", workers=1)
    run(config)
    return config, run


def sources(config: RunConfig) -> set[str]:
    return set(pd.read_parquet(config.out_dir / "documents").source)


def test_a_renamed_raw_file_keeps_its_row_under_the_new_path(rerun):
    config, run = rerun
    old = next(config.raw_dir.glob("WOR/001_*.txt"))  # the corpus sits under its council
    old.rename(config.raw_dir / "WOR" / "renamed-page.txt")
    summary = run(config)
    assert "WOR/renamed-page.txt" in sources(config) and f"WOR/{old.name}" not in sources(config)
    assert summary.reports[0].changes == {"new": 1, "changed": 0, "unchanged": 5, "removed": 1}
    assert {r.stage: r.processed for r in summary.reports}["split"] == 0  # reused by content


def test_when_the_first_of_two_duplicates_goes_the_row_follows_the_second(rerun):
    config, run = rerun
    first = next(config.raw_dir.glob("WOR/000_*.txt"))
    shutil.copy(first, config.raw_dir / "WOR" / "zz-copy.txt")
    run(config)
    assert f"WOR/{first.name}" in sources(config) and "WOR/zz-copy.txt" not in sources(config)
    first.unlink()
    run(config)
    assert "WOR/zz-copy.txt" in sources(config)


def test_every_table_folder_opens_as_is_in_pandas_pyarrow_duckdb_and_polars(corpus_run):
    import polars as pl

    config, _ = corpus_run
    for table in SCHEMAS:
        folder = config.out_dir / table
        rows = len(pd.read_parquet(folder))
        assert ds.dataset(folder, format="parquet").count_rows() == rows, table
        glob = str(folder / "*.parquet")
        assert duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[0][0] == rows
        assert pl.read_parquet(folder).height == rows, table


def test_span_rows_have_stable_unique_ids_and_links_are_foreign_keys(corpus_run):
    config, _ = corpus_run
    frames = {t: pd.read_parquet(config.out_dir / t) for t in SCHEMAS}
    for table, key in PRIMARY_KEYS.items():
        assert frames[table].set_index(key).index.is_unique, table
    for table, columns, ref, ref_columns in FOREIGN_KEYS:
        values = frames[table][columns].dropna()
        known = frames[ref].set_index(ref_columns).index
        assert values.set_index(columns).index.isin(known).all(), (table, columns, ref)
    people, roles = frames["people"], frames["roles"]
    assert people.role_id.notna().any() and roles.person_id.notna().any()
    for table in SPAN_TABLES:
        frame = frames[table]
        expected = frame.doc_id + ":" + frame.start_char.astype(str) + "-"
        expected += frame.end_char.astype(str) + ":"
        assert all(m.startswith(e) for m, e in zip(frame.mention_id, expected, strict=True))
    # Every linked pair is written side by side in the page: the id points at the right row.
    linked = people.dropna(subset=["role_id"]).merge(
        roles, left_on="role_id", right_on="mention_id", suffixes=("", "_role")
    )
    assert (linked.role == linked.text_role).all()


def readme_block(name: str) -> str:
    text = README.read_text()
    block = re.search(rf"<!-- {name}:start -->\s*```python\n(.*?)```", text, re.S)
    assert block, f"README has no {name} example"
    return block.group(1)


def test_the_readme_reader_example_gives_the_documented_types(corpus_run, monkeypatch):
    config, _ = corpus_run
    monkeypatch.chdir(config.out_dir.parent)
    code = readme_block("readers").replace('"output/', f'"{config.out_dir.name}/')
    namespace: dict = {}
    exec(compile(code, "README", "exec"), namespace)
    judgements, documents = namespace["judgements"], namespace["documents"]
    assert judgements.dtypes["year"] == pd.ArrowDtype(pa.int16())
    assert documents.dtypes["meeting_date"] == pd.ArrowDtype(pa.date32())
    assert judgements["year"].isna().any() or judgements["year"].notna().all()
    for line in code.splitlines():  # the types the comments promise are the ones we get
        documented = re.search(r"(\w+)\.dtypes\[\"(\w+)\"\]\s+# (\S+)", line)
        if documented:
            frame, column, dtype = documented.groups()
            assert str(namespace[frame].dtypes[column]) == dtype


def test_the_readme_join_example_runs_on_a_real_output(corpus_run, monkeypatch):
    config, _ = corpus_run
    monkeypatch.chdir(config.out_dir.parent)
    code = readme_block("joins").replace("'output/", f"'{config.out_dir.name}/")
    code = code.replace("duckdb.sql(", "result = duckdb.sql(").replace(").show()", ")")
    namespace: dict = {}
    exec(compile(code, "README", "exec"), namespace)
    rows = namespace["result"].fetchall()
    assert rows and any(row[3] for row in rows)  # some people come with their role
