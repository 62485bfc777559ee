"""The data contract: one pyarrow schema per output table, used to validate every write."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from extractors.common import vocab
from flows.columns import DATE, STR
from flows.columns import column as _f
from flows.schemas_link import OFFICE_HOLDER_FIELDS, OFSTED_CHECK_FIELDS, PERSON_KEY_FIELDS


class SchemaError(Exception):
    """A table about to be written does not match its schema."""


def _span_fields() -> list[pa.Field]:
    return [
        _f("start_char", pa.int64(), "offset of the span's first character in documents.text"),
        _f(
            "end_char",
            pa.int64(),
            "offset just past the span: documents.text[start_char:end_char] == text",
        ),
    ]


def _doc_item() -> list[pa.Field]:
    return [
        _f("doc_id", pa.string(), "id of the page (documents.doc_id)"),
        _f(
            "mention_id",
            pa.string(),
            "stable id of the span, <doc_id>:<start_char>-<end_char>:<LABEL> "
            "(the same on every run; mentions.mention_id)",
        ),
        _f("item_id", pa.string(), "agenda item (items.item_id); null in the page header", True),
    ]


# `documents` columns saying which council and meeting a page is (web-service answers and
# pages under a council's folder); all may be null.
MEETING_COLUMNS = {
    "council_id": "council of the page: the registry id of its first folder under the raw "
    "folder (raw/WOR/...), or the id a fetch gave the site; null when unknown",
    "council": "the council's name (registry, or the site's host)",
    "meeting_id": "ModernGov meeting id (web-service answers)",
    "url": "public page of the meeting: <site>/ieListDocuments.aspx?MId=<meeting_id>",
    "status": "meeting status in lower case, as the web-service answer gives it (confirmed, "
    "cancelled, confirmed; special meeting) or the page header states it (cancelled, "
    "postponed, ...); a cancelled meeting's page may have no items",
}

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            _f(
                "doc_id",
                STR,
                "stable id of the page: first 16 hex digits of the SHA-256 of its raw bytes",
            ),
            _f("source", STR, "path of the raw file under the raw folder"),
            _f("format", STR, "input format", allowed=vocab.FORMATS),
            _f("page_kind", STR, "kind of ModernGov page", allowed=vocab.PAGE_KINDS),
            _f("title", STR, "page title as printed", True),
            _f("committee", STR, "committee named in the page header", True),
            _f("meeting_date", DATE, "date of the meeting", True),
            _f(
                "meeting_date_source",
                STR,
                "header: stated; inferred: from the public-participation deadline",
                True,
                vocab.MEETING_DATE_SOURCES,
            ),
            _f("text", STR, "the normalised page text all offsets refer to"),
            _f("n_items", pa.int32(), "number of agenda items found"),
            *[_f(name, STR, doc, True) for name, doc in MEETING_COLUMNS.items()],
        ]
    ),
    "items": pa.schema(
        [
            _f("doc_id", STR, "id of the page"),
            _f("item_id", STR, "<doc_id>:<seq>"),
            _f("seq", pa.int32(), "1-based position of the item on the page"),
            _f(
                "number",
                STR,
                "item number as printed (279, 23/5), null when the page prints none",
                True,
            ),
            _f("title", STR, "item heading as printed, without 'pdf icon PDF NN KB'"),
            _f("text", STR, "the item's text: documents.text[start_char:end_char]"),
            *_span_fields(),
            _f(
                "truncated",
                pa.bool_(),
                "the page shows only the start of the minutes ('view the full minutes text')",
            ),
        ]
    ),
    "mentions": pa.schema(
        [
            *_doc_item(),
            _f("label", STR, "kind of span", allowed=vocab.LABELS),
            _f("text", STR, "the span as written"),
            *_span_fields(),
            _f(
                "attrs",
                STR,
                "the extractor's attributes of the span as a JSON object "
                "(source of the typed tables)",
            ),
        ]
    ),
    "roles": pa.schema(
        [
            *_doc_item(),
            _f("text", STR, "the office as written"),
            _f("title", STR, "canonical title (abbreviations expanded, bare titles resolved)"),
            _f("category", STR, "kind of office", allowed=vocab.ROLE_CATEGORIES),
            _f(
                "remit", STR, "portfolio or service the office covers (Children and Families)", True
            ),
            _f("organisation", STR, "body the office belongs to, when written", True),
            _f("person", STR, "name of the holder when written beside the role", True),
            _f("person_id", STR, "the holder's row: people.mention_id", True),
            _f(
                "resolved_from",
                STR,
                "for a bare title (the Director): the full title it refers to",
                True,
            ),
            *_span_fields(),
        ]
    ),
    "people": pa.schema(
        [
            *_doc_item(),
            _f("text", STR, "the name as written (the span), without honorific"),
            _f("name", STR, "name as written, without honorific"),
            _f("honorific", STR, "Mr, Mrs, Ms, Dr, Cllr, Councillor, ...", True),
            _f("surname", STR, "family name"),
            _f(
                "role", STR, "the role written beside the name (roles.text), linked both ways", True
            ),
            _f("role_id", STR, "the role's row: roles.mention_id", True),
            _f("context", STR, "why the person is named", allowed=vocab.PEOPLE_CONTEXTS),
            *_span_fields(),
            *PERSON_KEY_FIELDS,
        ]
    ),
    "dates": pa.schema(
        [
            *_doc_item(),
            _f("text", STR, "the date as written"),
            _f(
                "value",
                STR,
                "ISO value: 2017-08-11, 2017-08, 2017 or a period 2018-04-01/2019-03-31",
            ),
            _f("precision", STR, "granularity of value", allowed=vocab.DATE_PRECISIONS),
            _f("start", DATE, "first day the value covers"),
            _f("end", DATE, "last day the value covers"),
            _f(
                "year_source",
                STR,
                "explicit: the year is written; inferred: from the meeting date",
                allowed=vocab.YEAR_SOURCES,
            ),
            _f(
                "weekday_mismatch",
                pa.bool_(),
                "a weekday is written and it is not the date's weekday",
            ),
            *_span_fields(),
        ]
    ),
    "judgements": pa.schema(
        [
            *_doc_item(),
            _f("grade", STR, "inspection grade", allowed=vocab.GRADES),
            _f(
                "grade_rank",
                pa.int8(),
                "1 = outstanding, 2 = good, 3 = requires improvement (adequate, satisfactory), "
                "4 = inadequate",
            ),
            _f(
                "polarity",
                STR,
                "whether the grade is given, denied, hoped for or feared",
                allowed=vocab.POLARITIES,
            ),
            _f("subject", STR, "what was graded", True),
            _f("year", pa.int16(), "year of the inspection or report when the item says it", True),
            _f("framework", STR, "inspection framework said or implied", True, vocab.FRAMEWORKS),
            _f("text", STR, "the grade as written"),
            _f("sentence", STR, "the sentence holding the grade"),
            *_span_fields(),
        ]
    ),
    "attendance": pa.schema(
        [
            _f("doc_id", STR, "id of the page (documents.doc_id) of a web-service answer"),
            _f("seq", pa.int32(), "1-based position of the attendee in the answer"),
            _f("name", STR, "name as written, without honorific"),
            _f("honorific", STR, "Councillor, Cllr, Mr, Dr, ...", True),
            _f("member_id", STR, "the site's member id (memberid)", True),
            _f("role", STR, "role on the committee as written (roledescription)", True),
            _f(
                "key_posts",
                STR,
                "the attendee's posts at the council as written (keyposts: Leader of the "
                "Council and Cabinet Member for Regeneration)",
                True,
            ),
            _f(
                "attendance",
                STR,
                "attendance as written (Present, Apologies, Absent, Expected, In attendance, "
                "Substitute, ...)",
            ),
            _f("party", STR, "political party as written (politicalparty)", True),
            _f("ward", STR, "ward as written", True),
        ]
    ),
    "office_holders": pa.schema(OFFICE_HOLDER_FIELDS),
    "ofsted_check": pa.schema(OFSTED_CHECK_FIELDS),
    "errors": pa.schema(
        [
            _f(
                "source",
                STR,
                "path of the raw file under the raw folder (fetch: the file the answer was "
                "for, or the council's or committee's folder)",
            ),
            _f("stage", STR, "stage that failed", allowed=vocab.ERROR_STAGES),
            _f("error", STR, "error class name"),
            _f("message", STR, "what went wrong, naming the file and what was expected"),
            _f("council_id", STR, "council whose fetch failed (stage fetch)", True),
            _f("url", STR, "web-service URL that failed (stage fetch)", True),
        ]
    ),
}
TABLES = tuple(SCHEMAS)
# Working tables one stage writes for a later one, inside our private folder (not the
# contract): the `tables` stage's people of each page, which `link` writes out as `people`
# with the keys across pages.
WORK_SCHEMAS: dict[str, pa.Schema] = {
    "page_people": pa.schema(
        [f for f in SCHEMAS["people"] if f.name not in {f.name for f in PERSON_KEY_FIELDS}]
    ),
}
SORT_KEYS = {
    "documents": ["doc_id"],
    "items": ["doc_id", "seq"],
    "attendance": ["doc_id", "seq"],
    "errors": ["source", "stage"],
    "office_holders": ["council_id", "title", "first_seen", "person_key", "holding_id"],
    "ofsted_check": ["doc_id"],  # then the judgement's place on the page (linking)
}
SPAN_TABLES = ("mentions", "roles", "people", "dates", "judgements")
# Keys for joins (the README shows them; catalogue tools read them from the data package).
PRIMARY_KEYS: dict[str, list[str]] = {
    "documents": ["doc_id"],
    "items": ["item_id"],
    **{table: ["mention_id"] for table in SPAN_TABLES},
    "attendance": ["doc_id", "seq"],
    "office_holders": ["holding_id"],
    "ofsted_check": ["mention_id"],
}
# (table, columns, referenced table, referenced columns)
FOREIGN_KEYS: list[tuple[str, list[str], str, list[str]]] = [
    ("items", ["doc_id"], "documents", ["doc_id"]),
    ("attendance", ["doc_id"], "documents", ["doc_id"]),
    *[(table, ["doc_id"], "documents", ["doc_id"]) for table in SPAN_TABLES],
    *[(table, ["item_id"], "items", ["item_id"]) for table in SPAN_TABLES],
    *[(table, ["mention_id"], "mentions", ["mention_id"]) for table in SPAN_TABLES[1:]],
    ("people", ["role_id"], "roles", ["mention_id"]),
    ("roles", ["person_id"], "people", ["mention_id"]),
    ("ofsted_check", ["mention_id"], "judgements", ["mention_id"]),
    ("ofsted_check", ["doc_id"], "documents", ["doc_id"]),
]
# Keys inside list columns (no Data Package foreign key can say it; the README and tests do):
# each item of office_holders.evidence is a mention_id of `roles` or `people`, or an
# attendee, <doc_id>:attendee:<seq>.
LIST_KEYS: list[tuple[str, str, tuple[str, ...]]] = [
    ("office_holders", "evidence", ("roles.mention_id", "people.mention_id", "attendance")),
]


def schema_of(table: str) -> pa.Schema:
    """The schema of an output table or of a working table."""
    return SCHEMAS[table] if table in SCHEMAS else WORK_SCHEMAS[table]


def sort_keys(table: str) -> list[str]:
    """The columns a table's rows are sorted by."""
    return SORT_KEYS.get(table, ["doc_id", "start_char", "end_char"])


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns."""
    return schema_of(table).empty_table().to_pandas()


def to_arrow(table: str, frame: pd.DataFrame) -> pa.Table:
    """Validate a frame against the table's schema and convert it; raises SchemaError."""
    schema = schema_of(table)
    missing = [n for n in schema.names if n not in frame.columns]
    extra = [c for c in frame.columns if c not in schema.names]
    if missing or extra:
        raise SchemaError(
            f"{table}: expected columns {schema.names}, missing {missing}, extra {extra}"
        )
    try:
        arrow = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaError(f"{table}: values do not fit the schema: {exc}") from exc
    for field in schema:
        column = arrow.column(field.name)
        if not field.nullable and column.null_count:
            raise SchemaError(
                f"{table}.{field.name}: {column.null_count} null values in a required column"
            )
        allowed = (field.metadata or {}).get(b"allowed")
        if allowed:
            ok = set(allowed.decode().split(", "))
            bad = set(column.drop_null().unique().to_pylist()) - ok
            if bad:
                raise SchemaError(f"{table}.{field.name}: values {sorted(bad)} not in {sorted(ok)}")
    return arrow


def describe_schemas() -> list[tuple[str, str, str, bool, str]]:
    """Rows of the data dictionary: (table, column, type, nullable, description)."""
    rows = []
    for table, schema in SCHEMAS.items():
        for field in schema:
            meta = {k.decode(): v.decode() for k, v in (field.metadata or {}).items()}
            doc = meta.get("description", "")
            if "allowed" in meta:
                doc += f" ({meta['allowed']})"
            rows.append((table, field.name, str(field.type), field.nullable, doc))
    return rows


def data_dictionary_markdown() -> str:
    """The data dictionary as Markdown, one table per output table (README and `minutes schema`)."""
    lines: list[str] = []
    current = None
    for table, column, type_, nullable, doc in describe_schemas():
        if table != current:
            lines += ["", f"### `{table}`", "", "| column | type | description |", "|---|---|---|"]
            current = table
        lines.append(f"| `{column}` | {type_}{'?' if nullable else ''} | {doc} |")
    return "\n".join(lines[1:]) + "\n"


# What each table holds, in a line (the Data Package describes resources with it).
TABLE_DESCRIPTIONS: dict[str, str] = {
    "documents": "one row per meeting page read: its facts and the normalised text",
    "items": "one row per agenda item of a page, a slice of the page text",
    "mentions": "every tagged span of a page, with the extractor's attributes",
    "roles": "offices named on a page, as written and normalised",
    "people": "people named on a page and why they are named, with one key per person "
    "across the pages of a council",
    "dates": "dates written on a page, as ISO values",
    "judgements": "Ofsted grades given, denied, hoped for or feared on a page",
    "attendance": "one row per attendee a web-service answer lists: role, attendance as written",
    "office_holders": "who held which office at a council, across its pages, with the "
    "meeting dates and the mentions it is written in",
    "ofsted_check": "each Ofsted grade the minutes assert for a council against the outcome "
    "Ofsted recorded",
    "errors": "one row per raw file and stage that failed (fetch: per failed request)",
}
