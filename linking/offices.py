"""`office_holders` rows: who held which office at a council, from the pages naming them.

Evidence: a role written beside a name in the minutes (`roles.person_id`, `people.role_id`;
a bare "the Director" counts for the full title it was resolved to), and for web-service
answers each attendee's role on the committee and key posts. An office of another body
(another council's director, a board's chair) keeps that body in `organisation`; an
office of the page's own council ("Chief Executive of Worcestershire County Council",
"the Council's Chief Financial Officer") has none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import Any

from linking.councils import council_key
from linking.names import fold

OFFICE = ("title", "category", "remit", "organisation")
# Roles on a committee kept with the committee as their remit.
COMMITTEE_CATEGORIES = {"chair", "vice_chair", "member"}
MEMBER_ROLE = re.compile(r"\bmember\b", re.IGNORECASE)
# Bodies named without a name of their own: the page's council and its committees.
OWN_BODIES = {
    "council",
    "the council",
    "county council",
    "city council",
    "borough council",
    "panel",
    "committee",
    "sub-committee",
    "cabinet",
}
# What joins an office to its body at the end of a title ("... at Cornwall Council").
BODY_JOINS = re.compile(r"(?:\s+(?:at|of|for|of the|for the)|\s*[,(-])\s*$", re.IGNORECASE)

OfficeReader = Callable[[str], list[dict[str, Any]]]


def read_offices(text: str) -> list[dict[str, Any]]:
    """Offices in a short text; spaCy is loaded on first use (most councils have no
    attendee roles to read, and loading it cost the link stage over a second)."""
    return spacy_office_reader()(text)


@cache
def spacy_office_reader() -> OfficeReader:
    """Offices in a short text (a key post, an attendee's role) through the roles component."""
    import spacy

    import extractors.roles.component  # noqa: F401  (registers minutes_roles)

    nlp = spacy.blank("en")
    nlp.add_pipe("minutes_roles")

    def read(text: str) -> list[dict[str, Any]]:
        doc = nlp(text)
        return [{k: span._.attrs.get(k) for k in OFFICE} for span in doc.spans["minutes_roles"]]

    return read


def place_office(office: Mapping[str, Any], own: set[str]) -> dict[str, Any]:
    """The office with its body apart: "Director of Children's Services at Cornwall Council"
    is the title "Director of Children's Services" of the organisation "Cornwall Council";
    the page's own council ("Chief Executive of Worcestershire County Council") and its
    committees ("Chairman of the Panel") are no other organisation.
    """
    organisation = office.get("organisation")
    placed = {**office, "organisation": organisation}
    if not organisation or fold(organisation) in OWN_BODIES:
        return placed | {"organisation": None}
    title = office["title"]
    for body in (
        re.sub(r"\s*\(([^()]*)\)$", r" \1", title),  # "Director of Resources (WCF)"
        re.sub(r"\s*\([A-Z&]{2,10}\)$", "", title),  # "... Partnership (WSCP)"
    ):
        at = fold(body).rfind(fold(organisation))
        if at > 0 and fold(body).endswith(fold(organisation)):
            title = BODY_JOINS.sub("", body[:at].rstrip()).strip() or title
            break
    own_body = council_key(organisation) in own
    return placed | {"title": title, "organisation": None if own_body else organisation}


def resolved(role: Mapping[str, Any], page_roles: list[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The full office a bare title refers to (its latest full title earlier on the page)."""
    source = role.get("resolved_from")
    if not source:
        return role
    earlier = [
        r
        for r in page_roles
        if r["start_char"] < role["start_char"] and fold(r["text"]) == fold(source)
    ]
    return earlier[-1] if earlier else role


def minutes_holdings(
    roles: list[Mapping[str, Any]], people: list[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """One holding per role written beside a person (linked either way)."""
    role_rows = {r["mention_id"]: r for r in roles}
    person_rows = {p["mention_id"]: p for p in people}
    by_page: dict[str, list] = {}
    for r in sorted(roles, key=lambda r: r["start_char"]):
        by_page.setdefault(r["doc_id"], []).append(r)
    pairs = {(r["mention_id"], r["person_id"]) for r in roles if r.get("person_id")}
    pairs |= {(p["role_id"], p["mention_id"]) for p in people if p.get("role_id")}
    found = []
    for role_id, person_id in sorted(pairs):
        role, person = role_rows.get(role_id), person_rows.get(person_id)
        if role is None or person is None or not person.get("person_key"):
            continue
        office = resolved(role, by_page[role["doc_id"]])
        found.append(
            {
                **{k: office.get(k) for k in OFFICE},
                "doc_id": role["doc_id"],
                "person_key": person["person_key"],
                "name": person.get("full_name") or person["name"],
                "evidence": [role_id, person_id],
            }
        )
    return found


def attendee_holdings(
    attendees: list[Mapping[str, Any]],
    people: list[Mapping[str, Any]],
    committees: Mapping[str, str | None],
    read_offices: OfficeReader,
) -> list[dict[str, Any]]:
    """Holdings from web-service attendees: the role on the committee, then key posts."""
    named: dict[tuple[str, str], str] = {}
    for p in sorted(people, key=lambda p: p["start_char"], reverse=True):
        named[(p["doc_id"], fold(p["name"]))] = p["mention_id"]  # the first on the page wins
    found = []
    for a in attendees:
        if not a.get("person_key"):
            continue
        committee = committees.get(a["doc_id"])
        offices = []
        for office in read_offices(a["role"]) if a.get("role") else []:
            if office["category"] in COMMITTEE_CATEGORIES:
                office = {**office, "remit": committee or office["remit"]}
            offices.append(office)
        if not offices and a.get("role") and MEMBER_ROLE.search(a["role"]):
            offices.append({"title": a["role"], "category": "member", "remit": committee})
        offices += read_offices(a["key_posts"]) if a.get("key_posts") else []
        evidence = named.get((a["doc_id"], fold(a["name"]))) or f"{a['doc_id']}:attendee:{a['seq']}"
        for office in offices:
            found.append(
                {
                    **{k: office.get(k) for k in OFFICE},
                    "doc_id": a["doc_id"],
                    "person_key": a["person_key"],
                    "name": a.get("full_name") or a["name"],
                    "evidence": [evidence],
                }
            )
    return found


def most_common(values: Iterable[Any]) -> Any:
    """The most frequent non-null value (A-Z among equals), None when there is none."""
    counts = Counter(v for v in values if v is not None and v == v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def build_office_holders(
    holdings: Iterable[Mapping[str, Any]],
    pages: Mapping[str, Mapping[str, Any]],
    own_names: Mapping[str, set[str]],
) -> list[dict[str, Any]]:
    """One row per council, office and holder from holdings (see module docstring).

    ``pages`` maps doc_id to its council_id, scope and meeting_date; ``own_names``
    maps a scope to the council keys of its own council.
    """
    groups: dict[tuple, list[Mapping[str, Any]]] = {}
    for found in holdings:
        page = pages[found["doc_id"]]
        h = place_office(found, own_names.get(page["scope"], set()))
        key = (page["scope"], fold(h["title"]), fold(h["organisation"] or ""), h["person_key"])
        groups.setdefault(key, []).append(h)
    rows = []
    for (_, title_key, org_key, person_key), found in groups.items():
        docs = sorted({h["doc_id"] for h in found})
        dates = [pages[d]["meeting_date"] for d in docs if pages[d]["meeting_date"] is not None]
        rows.append(
            {
                "holding_id": "|".join([person_key, title_key] + ([org_key] if org_key else [])),
                "council_id": pages[docs[0]]["council_id"],
                **{k: most_common(h.get(k) for h in found) for k in OFFICE},
                "person_key": person_key,
                "name": most_common(h["name"] for h in found),
                "first_seen": min(dates) if dates else None,
                "last_seen": max(dates) if dates else None,
                "n_pages": len(docs),
                "evidence": sorted({e for h in found for e in h["evidence"]}),
            }
        )
    return rows
