"""The output folder as a Frictionless Data Package: every table's fields, types, keys and meaning.

Generated from the same schemas as the data dictionary (`flows/schemas.py`), so
catalogue tools, `frictionless validate` and Datasette users can open the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pyarrow as pa

from flows import storage
from flows.schemas import FOREIGN_KEYS, PRIMARY_KEYS, SCHEMAS, TABLE_DESCRIPTIONS

PACKAGE_FILE = "datapackage.json"
PACKAGE_NAME = "council-minutes"
PACKAGE_STATE = "datapackage"  # the digest of the last one written: a user's own is never replaced


def field_type(type_: pa.DataType) -> str:
    """The Table Schema type of a pyarrow type."""
    checks = (
        (pa.types.is_boolean, "boolean"),
        (pa.types.is_integer, "integer"),
        (pa.types.is_floating, "number"),
        (pa.types.is_date, "date"),
        (pa.types.is_timestamp, "datetime"),
        (pa.types.is_list, "array"),
        (pa.types.is_struct, "object"),
    )
    for check, name in checks:
        if check(type_):
            return name
    return "string"


def describe_field(field: pa.Field) -> dict:
    """One Table Schema field: name, type, description, required and allowed values."""
    meta = {k.decode(): v.decode() for k, v in (field.metadata or {}).items()}
    described: dict = {"name": field.name, "type": field_type(field.type)}
    if meta.get("description"):
        described["description"] = meta["description"]
    if described["type"] == "array":
        # A list column (office_holders.evidence) reaches frictionless as a numpy array,
        # which its array type refuses: "any", and the item type said in the description.
        described["type"] = "any"
        described["description"] = f"{meta.get('description', '')} (a list of strings)".strip()
    constraints: dict = {}
    if not field.nullable:
        constraints["required"] = True
    if meta.get("allowed"):
        constraints["enum"] = meta["allowed"].split(", ")
    if constraints:
        described["constraints"] = constraints
    if field.nullable and described["type"] in ("integer", "number"):
        # Readers that go through pandas (frictionless among them) see a null integer as NaN.
        described["missingValues"] = ["", "nan"]
    return described


def describe_resource(table: str, parts: list[str]) -> dict:
    """The Data Resource of one table: its Parquet parts and its Table Schema with keys."""
    schema: dict = {
        "fields": [describe_field(f) for f in SCHEMAS[table]],
        # Parquet has real nulls: no string stands for a missing value.
        "missingValues": [],
    }
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[table]
    foreign = [
        {"fields": cols, "reference": {"resource": ref, "fields": ref_cols}}
        for t, cols, ref, ref_cols in FOREIGN_KEYS
        if t == table
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    resource = {
        "name": table,
        "profile": "tabular-data-resource",
        "path": parts if len(parts) > 1 else parts[0],
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "schema": schema,
    }
    if table in TABLE_DESCRIPTIONS:
        resource["description"] = TABLE_DESCRIPTIONS[table]
    return resource


def table_parts(out_dir: Path, table: str) -> list[str]:
    """The Parquet parts of a table, as paths relative to the output folder."""
    return [p.relative_to(out_dir).as_posix() for p in storage.part_files(out_dir, table)]


def describe_package(out_dir: Path) -> dict:
    """The Data Package descriptor of the tables in place under ``out_dir``."""
    out_dir = Path(out_dir)
    present = [t for t in SCHEMAS if storage.table_exists(out_dir, t)]
    resources = [describe_resource(t, table_parts(out_dir, t)) for t in present]
    for resource in resources:
        keys = resource["schema"].get("foreignKeys", [])
        # A reference to a table this folder lacks would make the package invalid.
        resource["schema"]["foreignKeys"] = [
            k for k in keys if k["reference"]["resource"] in present
        ]
        if not resource["schema"]["foreignKeys"]:
            del resource["schema"]["foreignKeys"]
    return {
        "name": PACKAGE_NAME,
        "title": "council-minutes tables",
        "description": "Tables found in UK council ModernGov meeting pages; every span row "
        "points back to documents.text[start_char:end_char].",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def written_by_us(out_dir: Path) -> bool:
    """Whether `datapackage.json` is absent or still the one the last run wrote (same digest)."""
    path = Path(out_dir) / PACKAGE_FILE
    if not path.exists():
        return True
    recorded = storage.read_state(out_dir, PACKAGE_STATE).get("digest")
    return recorded == hashlib.sha256(path.read_bytes()).hexdigest()


def write_datapackage(out_dir: Path) -> Path | None:
    """Write `datapackage.json` beside the tables, unless one the user wrote is there (None)."""
    if not written_by_us(out_dir):
        return None
    path = Path(out_dir) / PACKAGE_FILE
    data = (json.dumps(describe_package(out_dir), indent=2) + "\n").encode("utf-8")
    tmp = storage.staging_dir(out_dir) / f"{PACKAGE_FILE}.{os.getpid()}.tmp"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_bytes(data)
    storage.write_state(out_dir, PACKAGE_STATE, {"digest": hashlib.sha256(data).hexdigest()})
    os.replace(tmp, path)
    return path
