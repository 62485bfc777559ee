"""The columns of the tables across pages (the `link` stage's): `people.person_key`,
`office_holders`, `ofsted_check`. Part of the contract in `flows/schemas.py`.
"""

from __future__ import annotations

import pyarrow as pa

from extractors.common import vocab
from flows.columns import DATE, STR
from flows.columns import column as _f
from linking.vocab import SCOPES as LINK_SCOPES
from linking.vocab import VERDICTS as LINK_VERDICTS

# `people` columns the `link` stage adds across the pages of a council.
PERSON_KEY_FIELDS = [
    _f(
        "person_key",
        STR,
        "the person across the pages of a council, <council_id>:<surname>[:<first name or "
        "initials>] (WOR:oborski:fran); on a page without a council <doc_id>:...; null only "
        "when linking failed (errors, stage link)",
        True,
    ),
    _f(
        "person_key_ambiguous",
        pa.bool_(),
        "the name fits several people of the council ('Cllr Smith' beside John and Jane Smith) "
        "and none of them is named on its page: it keeps a key of its own",
        True,
    ),
]
OFFICE_HOLDER_FIELDS = [
    _f(
        "holding_id",
        STR,
        "stable id of the row: <person_key>|<title, lower case>[|<organisation, lower case>]",
    ),
    _f(
        "council_id",
        STR,
        "council whose pages name the office and holder (documents.council_id); null for a "
        "page without a council (its people are linked within the page)",
        True,
    ),
    _f(
        "title",
        STR,
        "canonical office title (roles.title; a bare 'the Director' counts for "
        "the full title it refers to)",
    ),
    _f("category", STR, "kind of office", allowed=vocab.ROLE_CATEGORIES),
    _f(
        "remit",
        STR,
        "portfolio or service the office covers; the committee for a role on "
        "one (web-service attendees)",
        True,
    ),
    _f(
        "organisation",
        STR,
        "another body the office belongs to (another council, a board, the police): then it "
        "is not this council's office; null for the council's own offices",
        True,
    ),
    _f("person_key", STR, "the holder (people.person_key)"),
    _f("name", STR, "the holder's fullest written name, without honorific"),
    _f("first_seen", DATE, "earliest meeting date naming the holder in the office", True),
    _f("last_seen", DATE, "latest such date (both null when no page naming it is dated)", True),
    _f("n_pages", pa.int32(), "pages naming the holder in the office"),
    _f(
        "evidence",
        pa.list_(STR),
        "where it is written: mention ids of the role and the person (roles.mention_id, "
        "people.mention_id), or <doc_id>:attendee:<seq> for a web-service attendee "
        "(attendance.doc_id, attendance.seq)",
    ),
]
OFSTED_CHECK_FIELDS = [
    _f("mention_id", STR, "the judgement (judgements.mention_id)"),
    _f("doc_id", STR, "id of the page (documents.doc_id)"),
    _f("council_id", STR, "council of the page (documents.council_id)"),
    _f("grade", STR, "grade the minutes give (judgements.grade)", allowed=vocab.GRADES),
    _f("year", pa.int16(), "inspection year the minutes give (judgements.year)", True),
    _f(
        "scope",
        STR,
        "what the grade is for when in scope: the council's children's services overall, one "
        "of Ofsted's sub-judgements, or every judgement ('in all areas')",
        True,
        LINK_SCOPES,
    ),
    _f("urn", STR, "Ofsted's unique reference number of the council (the outcomes file)", True),
    _f(
        "official_grade",
        STR,
        "the grade Ofsted recorded for that scope (overall for all_judgements)",
        True,
        vocab.GRADES,
    ),
    _f(
        "official_framework",
        STR,
        "framework of the inspection: ILACS standard or short (2018 on), else SIF or legacy "
        "by date",
        True,
    ),
    _f("inspection_start", DATE, "first day of the inspection", True),
    _f("inspection_end", DATE, "last day of the inspection", True),
    _f("published", DATE, "publication date of the report", True),
    _f("official_url", STR, "Ofsted's report", True),
    _f("verdict", STR, "the minutes against Ofsted's record", allowed=LINK_VERDICTS),
    _f("reason", STR, "why: what was graded, which inspection, the grades compared"),
]
