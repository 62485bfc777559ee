"""The link stage through the flow: person keys, office holders and Ofsted checks across
the pages of a council, and its incremental rules (per council, code, outcomes file)."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from flows.config import OFSTED_OUTCOMES, FetchConfig, RunConfig
from tests.conftest import DATA, copy_corpus

LINK = DATA / "link"
GLOUCESTER = DATA / "moderngov" / "gloucester_getmeeting_7837.xml"


def make_raw(target: Path) -> Path:
    """The corpus (raw/WOR, raw/MAN), the invented council's and Kent's pages, a fetched answer."""
    raw = copy_corpus(target)
    for council in ("NMR", "KEN"):
        shutil.copytree(LINK / council, raw / council)
    (raw / "GLO" / "501").mkdir(parents=True)
    shutil.copy(GLOUCESTER, raw / "GLO" / "501" / "7837.xml")
    return raw


def config_for(tmp: Path, **extra) -> RunConfig:
    fetch = FetchConfig(councils_file=LINK / "councils.csv")
    return RunConfig(raw_dir=make_raw(tmp / "raw"), out_dir=tmp / "out", workers=1,
                     report=False, fetch=fetch, **extra)  # fmt: skip


@pytest.fixture(scope="module")
def linked(prefect_harness, tmp_path_factory):
    from flows.flow import run

    config = config_for(tmp_path_factory.mktemp("link"))
    return config, run(config)


def read(config: RunConfig, table: str) -> pd.DataFrame:
    return pd.read_parquet(config.out_dir / table)


def processed(summary) -> dict[str, tuple[int, int]]:
    return {r.stage: (r.processed, r.reused) for r in summary.reports}


def keys_of(people: pd.DataFrame, doc_ids: set[str]) -> dict[str, set]:
    rows = people[people.doc_id.isin(doc_ids)]
    return rows.groupby("name")["person_key"].agg(set).to_dict()


def test_one_person_written_three_ways_has_one_key_and_namesakes_stay_apart(linked):
    config, summary = linked
    assert summary.failed_pages == 0, read(config, "errors").to_dict("records")
    docs = read(config, "documents")
    northmoor = set(docs.loc[docs.council_id == "NMR", "doc_id"])
    people = read(config, "people")
    found = keys_of(people, northmoor)
    oborski = {"F M Oborski", "Fran Oborski", "Oborski"}
    assert {k for name in oborski for k in found[name]} == {"NMR:oborski:fran"}
    assert found["J Smith"] == found["John Smith"] == {"NMR:smith:john"}
    assert found["A Smith"] == {"NMR:smith:a"}
    bare = people[people.doc_id.isin(northmoor) & (people.name == "Smith")]
    assert bare.person_key.tolist() == ["NMR:smith"] and bare.person_key_ambiguous.all()
    assert not people[people.name != "Smith"].person_key_ambiguous.any()
    assert found["Patel"] == found["Sam Patel"] == {"NMR:patel:sam"}
    # The same name at another council is another key; every row has one.
    assert people.person_key.notna().all()
    assert set(people.loc[people.name == "Derek Benson", "person_key"]) == {"WOR:benson:derek"}


def test_office_holders_change_between_meetings_and_keep_other_bodies_apart(linked):
    config, _ = linked
    held = read(config, "office_holders")
    dcs = held[(held.council_id == "NMR") & (held.title == "Director of Children's Services")]
    got = dcs.sort_values("first_seen")[["name", "first_seen", "last_seen", "n_pages"]]
    assert got.values.tolist() == [
        ["Jo Bloggs", date(2019, 3, 5), date(2019, 3, 5), 1],
        ["Sam Patel", date(2019, 9, 10), date(2019, 9, 10), 1],
    ]
    # "The Director, Sam Patel," (a bare title resolved to the full one) counts for it.
    assert any(e.endswith(":ROLE") and "Director" for e in dcs.iloc[1].evidence)
    assert len([e for e in dcs.iloc[1].evidence if e.endswith(":ROLE")]) == 2
    lead = held[(held.council_id == "NMR") & (held.category == "cabinet_member")]
    assert lead[["name", "person_key", "n_pages"]].values.tolist() == [
        ["Pat Green", "NMR:green:pat", 3]
    ]
    assert (lead.first_seen.item(), lead.last_seen.item()) == (date(2019, 3, 5), date(2019, 11, 21))
    cornwall = held[held.person_key == "WOR:doughty:trevor"]
    assert cornwall[["title", "organisation"]].values.tolist() == [
        ["Director of Children's Services", "Cornwall Council"]
    ]
    # Fetched meetings: the attendee's role on the committee and key posts.
    glo = held[held.council_id == "GLO"].set_index(["name", "title"])
    assert ("Jeremy Hilton", "Leader of the Council") in glo.index
    assert ("Jeremy Hilton", "Cabinet Member for Regeneration") in glo.index
    assert glo.loc[("Jeremy Hilton", "Chair"), "category"] == "chair"
    assert held.holding_id.is_unique


def test_office_holder_evidence_and_keys_point_at_rows(linked):
    config, _ = linked
    held, people, roles = (read(config, t) for t in ("office_holders", "people", "roles"))
    attendance = read(config, "attendance")
    attendees = set(attendance.doc_id + ":attendee:" + attendance.seq.astype(str))
    mentions = set(people.mention_id) | set(roles.mention_id) | attendees
    for row in held.itertuples():
        assert len(row.evidence) and set(row.evidence) <= mentions, row.holding_id
        if any(e.endswith(":PERSON") for e in row.evidence):
            assert row.person_key in set(people.person_key), row.holding_id
    assert attendance.key_posts.notna().any()


def verdicts(config: RunConfig, council_id: str) -> list[tuple]:
    checks = read(config, "ofsted_check")
    rows = checks[checks.council_id == council_id]
    return list(zip(rows.grade, rows.year.astype("Int64").tolist(), rows.verdict, strict=True))


def test_ofsted_checks_on_the_corpus_and_other_councils(linked):
    config, _ = linked
    assert verdicts(config, "WOR") == [
        ("inadequate", 2017, "no_official_grade"),
        ("inadequate", 2016, "no_official_grade"),
        ("requires_improvement", 2019, "agrees"),
        ("requires_improvement", 2019, "agrees"),
        ("requires_improvement", 2019, "agrees"),
        ("good", pd.NA, "out_of_scope"),
        ("outstanding", pd.NA, "out_of_scope"),
        ("outstanding", pd.NA, "out_of_scope"),
    ]
    kent = read(config, "ofsted_check").query("council_id == 'KEN'")
    assert kent.verdict.tolist() == ["differs", "out_of_scope"]
    assert kent.official_grade.tolist()[0] == "outstanding" and "Medway" in kent.reason.iloc[1]
    assert sorted(verdicts(config, "NMR"), key=str) == [
        ("good", 2019, "no_inspection_found"),  # Northmoor is in no Ofsted file
        ("good", pd.NA, "out_of_scope"),  # three primary schools
        ("inadequate", 2016, "no_inspection_found"),
    ]
    judgements = read(config, "judgements")
    asserted = judgements[judgements.polarity == "asserted"].merge(
        read(config, "documents")[["doc_id", "council_id"]], on="doc_id"
    )
    checks = read(config, "ofsted_check")
    assert set(checks.mention_id) == set(asserted.loc[asserted.council_id.notna(), "mention_id"])


def test_a_new_page_recomputes_only_its_council(linked, tmp_path):
    from flows.flow import run

    config, _ = linked
    out = tmp_path / "out"
    shutil.copytree(config.out_dir, out)
    raw = tmp_path / "raw"
    shutil.copytree(config.raw_dir, raw)
    moved = replace(config, raw_dir=raw, out_dir=out)
    (raw / "NMR" / "cabinet_2020-01-16.txt").write_text(
        "Cabinet - Thursday, 16th January, 2020 10.00 am\n\nItems\nNo. Item\n\n61.\n\n"
        "Budget\n\nMinutes:\n\nCouncillor Pat Green, Cabinet Member for Children and Families, "
        "presented the budget.\n",
        encoding="utf-8",
    )
    before = {t: read(config, t) for t in ("office_holders", "ofsted_check")}
    summary = run(moved)
    # NMR's four pages; the other councils' eight (WOR, MAN, KEN, GLO) are reused.
    assert processed(summary)["link"] == (4, 8)
    after = {t: pd.read_parquet(out / t) for t in before}
    lead = after["office_holders"].query("person_key == 'NMR:green:pat'")
    assert lead.n_pages.item() == 4 and lead.last_seen.item() == date(2020, 1, 16)
    others = after["office_holders"].query("council_id != 'NMR'").reset_index(drop=True)
    old = before["office_holders"].query("council_id != 'NMR'").reset_index(drop=True)
    pd.testing.assert_frame_equal(others, old)
    pd.testing.assert_frame_equal(after["ofsted_check"], before["ofsted_check"])
    again = run(moved)
    assert processed(again)["link"] == (0, 12)


def test_a_newer_outcomes_file_or_new_rules_recompute_the_checks(linked, tmp_path, monkeypatch):
    import flows.incremental
    from flows.flow import run

    config, _ = linked
    out = tmp_path / "out"
    shutil.copytree(config.out_dir, out)
    newer = tmp_path / "newer.csv"
    text = OFSTED_OUTCOMES.read_text(encoding="utf-8")
    newer.write_text(text, encoding="utf-8")
    moved = replace(config, out_dir=out, ofsted_outcomes=newer)
    assert processed(run(moved))["link"] == (11, 0)  # another outcomes file: every council
    assert processed(run(moved))["link"] == (0, 11)
    # A corrected record: Kent's 2022 inspection now reads good overall.
    kent = "80476,kent,https://files.ofsted.gov.uk/v1/file/50187561"
    line = next(row for row in text.splitlines() if row.startswith(kent))
    corrected = line.replace(",outstanding,outstanding,good,", ",good,outstanding,good,", 1)
    newer.write_text(text.replace(line, corrected), encoding="utf-8")
    summary = run(moved)
    assert processed(summary)["link"] == (11, 0) and processed(summary)["tables"] == (0, 11)
    checks = pd.read_parquet(out / "ofsted_check").query("council_id == 'KEN'")
    assert checks.verdict.tolist() == ["agrees", "out_of_scope"]
    # Editing the linking rules re-links every council; the earlier stages are reused.
    package = tmp_path / "linking-copy"
    shutil.copytree(Path(flows.incremental.OTHER_CODE["link"][0]), package)
    (package / "vocab.py").write_text((package / "vocab.py").read_text() + "\n")
    monkeypatch.setitem(flows.incremental.OTHER_CODE, "link", (package, ("*.py", "data/*.csv")))
    summary = run(moved)
    assert processed(summary)["link"] == (11, 0) and processed(summary)["tag"] == (0, 11)


def test_link_reruns_alone_and_a_failing_council_is_recorded(linked, tmp_path, monkeypatch):
    import flows.linking
    from flows.flow import run

    config, _ = linked
    out = tmp_path / "out"
    shutil.copytree(config.out_dir, out)
    alone = replace(config, out_dir=out, stages=("link",))
    summary = run(alone)
    assert processed(summary) == {"link": (0, 11)}
    real = flows.linking.link_scope

    def failing(rows, *args):
        if rows.scope == "KEN":
            raise RuntimeError("no way to link Kent")
        return real(rows, *args)

    monkeypatch.setattr(flows.linking, "link_scope", failing)
    summary = run(replace(alone, refresh=True))
    assert processed(summary) == {"link": (10, 0)}
    errors = pd.read_parquet(out / "errors")
    assert errors[["source", "stage", "error"]].values.tolist() == [
        ["KEN/cyp_cabinet_committee_2022-07-12.txt", "link", "RuntimeError"]
    ]
    people = pd.read_parquet(out / "people").merge(
        pd.read_parquet(out / "documents")[["doc_id", "council_id"]], on="doc_id"
    )
    assert people.loc[people.council_id == "KEN", "person_key"].isna().all()
    assert people.loc[people.council_id != "KEN", "person_key"].notna().all()
    assert "KEN" not in set(pd.read_parquet(out / "ofsted_check").council_id)
    monkeypatch.setattr(flows.linking, "link_scope", real)
    summary = run(alone)  # the failed council is tried again, the others reused
    assert processed(summary) == {"link": (1, 10)} and summary.failed_pages == 0


def test_link_reads_each_input_table_once_however_many_chunks(linked, tmp_path, monkeypatch):
    """One scope per chunk: the input tables are still read once each (not once per chunk)."""
    import flows.linking
    from flows import table_reader
    from flows.flow import run

    config, _ = linked
    out = tmp_path / "out"
    shutil.copytree(config.out_dir, out)
    opened: list[str] = []
    real_read = table_reader.read_table

    def counting(out_dir, table, *args, **kwargs):
        opened.append(table)
        return real_read(out_dir, table, *args, **kwargs)

    monkeypatch.setattr(table_reader, "read_table", counting)
    monkeypatch.setattr(flows.linking, "SCOPES_PER_READ", 1)
    summary = run(replace(config, out_dir=out, stages=("link",), refresh=True))
    assert processed(summary) == {"link": (11, 0)}
    for table in ("page_people", "roles", "judgements"):
        assert opened.count(table) == 1, (table, opened)
    for table in ("people", "office_holders", "ofsted_check"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / table), read(config, table))


README = Path(__file__).parents[2] / "README.md"


@pytest.mark.parametrize("name", ["offices", "ofsted"])
def test_the_readme_queries_give_the_output_it_shows(corpus_run, monkeypatch, name):
    import re

    config, _ = corpus_run
    text = README.read_text(encoding="utf-8")
    block = re.search(
        rf"<!-- {name}:start -->\s*```python\n(.*?)```\s*<!-- {name}:end -->", text, re.S
    )
    shown = re.search(r"```text\n(.*?)```", text[block.end() :], re.S).group(1)
    monkeypatch.chdir(config.out_dir.parent)
    code = block.group(1).replace("'output/", f"'{config.out_dir.name}/")
    code = code.replace("duckdb.sql(", "result = duckdb.sql(").replace(".show(max_width=160)", "")
    namespace: dict = {"duckdb": __import__("duckdb")}
    exec(compile(code, "README", "exec"), namespace)
    rows = namespace["result"].fetchall()
    lines = [line for line in shown.splitlines() if line.startswith("│ ") and "varchar" not in line]
    assert len(rows) == len(lines) - 1  # the header line
    for row, line in zip(rows, lines[1:], strict=True):
        cells = [c.strip() for c in line.strip("│").split("│")]
        assert cells == ["NULL" if v is None else str(v) for v in row]


def test_an_unreadable_outcomes_file_stops_the_run_before_any_work(tmp_path):
    from typer.testing import CliRunner

    from flows.cli import app

    raw = copy_corpus(tmp_path / "raw")
    bad = tmp_path / "outcomes.csv"
    bad.write_text("urn,local_authority\n80584,worcestershire\n", encoding="utf-8")
    for path, says in ((bad, "inspection_link"), (tmp_path / "none.csv", "cannot read")):
        args = ["run", "--raw-dir", str(raw), "--out-dir", str(tmp_path / "out")]
        result = CliRunner().invoke(app, [*args, "--ofsted-outcomes", str(path)])
        assert result.exit_code == 2 and says in result.output and str(path) in result.output
        assert not (tmp_path / "out").exists()


def test_link_alone_needs_the_tables_stage_output(tmp_path):
    from flows.flow import MissingInputError, check_inputs

    config = RunConfig(out_dir=tmp_path / "out", stages=("link",))
    with pytest.raises(MissingInputError, match="page_people"):
        check_inputs(config)
