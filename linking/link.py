"""The `link` stage's logic for one scope (a council, or a page without one): person keys,
office holders and Ofsted checks from that scope's rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from linking.councils import council_key, known_council_names, match_council
from linking.names import assign_person_keys
from linking.offices import (
    OfficeReader,
    attendee_holdings,
    build_office_holders,
    minutes_holdings,
)
from linking.ofsted import OfstedRecord, check_judgements
from linking.outcomes import Inspection


@dataclass(frozen=True)
class OfstedData:
    """Ofsted's lookup rows and inspections by urn (from the shipped or a user's files)."""

    lookup: list[Mapping[str, str]]
    inspections: Mapping[str, list[Inspection]]


@dataclass
class ScopeRows:
    """Everything one scope's tables are computed from (rows as dicts)."""

    scope: str
    council_id: str | None
    council_names: tuple[str, ...] = ()  # short and official names (registry, site)
    tier: str | None = None
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc_id -> page facts
    people: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    judgements: list[dict[str, Any]] = field(default_factory=list)
    attendance: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class LinkResult:
    """A scope's person keys (by people.mention_id), office holders and Ofsted checks."""

    keys: dict[str, tuple[str, bool]]
    office_holders: list[dict[str, Any]]
    ofsted_check: list[dict[str, Any]]


def ofsted_record(rows: ScopeRows, data: OfstedData) -> OfstedRecord | None:
    """What Ofsted recorded for the scope's council (None for a page without a council)."""
    if rows.council_id is None:
        return None
    match = match_council(rows.council_id, rows.council_names, data.lookup, rows.tier)
    own = {council_key(n) for n in rows.council_names if n}
    if match.la_name:
        own.add(council_key(match.la_name))
    return OfstedRecord(
        match=match,
        inspections=list(data.inspections.get(match.urn or "", [])),
        own_names=frozenset(own),
        councils=known_council_names(data.lookup),
    )


def link_scope(rows: ScopeRows, data: OfstedData, read_offices: OfficeReader) -> LinkResult:
    """Person keys, office holders and Ofsted checks of one scope."""
    names = [{**p, "id": p["mention_id"], "scope": rows.scope} for p in rows.people]
    names += [
        {**a, "id": f"{a['doc_id']}:attendee:{a['seq']}", "scope": rows.scope, "surname": None}
        for a in rows.attendance
    ]
    keyed = {k["id"]: k for k in assign_person_keys(names)}
    people = [{**p, **keyed.get(p["mention_id"], {})} for p in rows.people]
    attendees = [
        {**a, **keyed.get(f"{a['doc_id']}:attendee:{a['seq']}", {})} for a in rows.attendance
    ]
    committees = {d: page.get("committee") for d, page in rows.pages.items()}
    holdings = minutes_holdings(rows.roles, people)
    holdings += attendee_holdings(attendees, people, committees, read_offices)
    record = ofsted_record(rows, data)
    own = {rows.scope: set(record.own_names)} if record else {}
    meetings = {d: page.get("meeting_date") for d, page in rows.pages.items()}
    judgements = [{**j, "council_id": rows.council_id} for j in rows.judgements]
    records = {rows.council_id: record} if record and rows.council_id else {}
    return LinkResult(
        keys={
            p["mention_id"]: (p["person_key"], p["person_key_ambiguous"])
            for p in people
            if "person_key" in p
        },
        office_holders=build_office_holders(holdings, rows.pages, own),
        ofsted_check=check_judgements(judgements, records, meetings),
    )
