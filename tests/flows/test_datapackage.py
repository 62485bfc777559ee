"""`datapackage.json` describes every table from the schemas and validates with frictionless."""

from __future__ import annotations

import json
import shutil

import frictionless
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows import storage
from flows.datapackage import PACKAGE_FILE, describe_field, field_type, write_datapackage
from flows.schemas import FOREIGN_KEYS, PRIMARY_KEYS, SCHEMAS


def test_run_writes_a_valid_package_of_every_table(corpus_run):
    config, _ = corpus_run
    path = config.out_dir / PACKAGE_FILE
    package = json.loads(path.read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == list(SCHEMAS)
    for resource in package["resources"]:
        schema = SCHEMAS[resource["name"]]
        assert [f["name"] for f in resource["schema"]["fields"]] == schema.names
        assert all(f.get("description") for f in resource["schema"]["fields"])
        assert resource["schema"].get("primaryKey") == PRIMARY_KEYS.get(resource["name"])
    report = frictionless.validate(str(path))
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])


def test_a_broken_key_makes_the_package_invalid(corpus_run, tmp_path):
    config, _ = corpus_run
    out = tmp_path / "out"
    for table in SCHEMAS:
        shutil.copytree(config.out_dir / table, out / table)
    part = storage.part_files(out, "judgements")[0]  # the rows; a last part may hold only keys
    arrow = pq.read_table(part)
    doc_ids = arrow.column("doc_id").to_pylist()
    doc_ids[0] = "no-such-page"
    pq.write_table(arrow.set_column(0, "doc_id", pa.array(doc_ids)), part)
    report = frictionless.validate(str(write_datapackage(out)))
    assert not report.valid
    assert {e[0] for e in report.flatten(["type"])} == {"foreign-key"}


def test_keys_name_real_columns():
    for table, columns in PRIMARY_KEYS.items():
        assert set(columns) <= set(SCHEMAS[table].names), table
    for table, columns, ref, ref_columns in FOREIGN_KEYS:
        assert set(columns) <= set(SCHEMAS[table].names), table
        assert set(ref_columns) <= set(SCHEMAS[ref].names), ref


@pytest.mark.parametrize(
    ("type_", "name"),
    [
        (pa.string(), "string"),
        (pa.int8(), "integer"),
        (pa.int64(), "integer"),
        (pa.bool_(), "boolean"),
        (pa.date32(), "date"),
        (pa.float64(), "number"),
        (pa.timestamp("s"), "datetime"),
        (pa.list_(pa.string()), "array"),
    ],
)
def test_field_types(type_, name):
    assert field_type(type_) == name


def test_field_constraints_come_from_the_schema():
    grade = describe_field(SCHEMAS["judgements"].field("grade"))
    assert grade["constraints"]["required"] is True
    assert "requires_improvement" in grade["constraints"]["enum"]
    year = describe_field(SCHEMAS["judgements"].field("year"))
    assert "constraints" not in year and year["type"] == "integer"


def test_a_datapackage_the_user_wrote_is_never_replaced(tmp_path):
    out = tmp_path / "out"
    storage.write_frame(out, "documents", storage.empty_frame("documents"))
    assert write_datapackage(out) == out / PACKAGE_FILE
    assert write_datapackage(out) == out / PACKAGE_FILE  # ours: rewritten
    (out / PACKAGE_FILE).write_text('{"name": "mine"}')
    assert write_datapackage(out) is None
    assert (out / PACKAGE_FILE).read_text() == '{"name": "mine"}'
