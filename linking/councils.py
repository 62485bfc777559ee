"""Which Ofsted local authority a council is: by code or by name through Ofsted's lookup.

A council is given by its registry id and names (short and official); the lookup names each
authority in several ways (`local_authority_ons_name`, `also_known_as`, `ltla23nm`,
`utla23nm`, `ofsted_ilacs_scrape_la_name`) and by code (`la_code`, `la_code_new`). Names are
compared without case, accents, punctuation, "&"/"and" and the words that only say what
kind of council it is ("County Council", "City of", "Borough", ...).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from linking.names import fold

NAME_COLUMNS = (
    "local_authority_ons_name",
    "also_known_as",
    "ltla23nm",
    "utla23nm",
    "ofsted_ilacs_scrape_la_name",
)
CODE_COLUMNS = ("la_code", "la_code_new", "ofsted_ilacs_scrape_la_name")
KIND_WORDS = {
    "council",
    "county",
    "city",
    "of",
    "the",
    "borough",
    "metropolitan",
    "district",
    "royal",
    "london",
}
# District councils run no children's services: Ofsted inspects the county's.
NOT_CHILDRENS_SERVICES = {"district"}


@dataclass(frozen=True)
class CouncilMatch:
    """A council's Ofsted authority (urn), or why it has none."""

    council_id: str
    urn: str | None
    la_name: str | None
    reason: str


def council_key(name: str) -> str:
    """A name reduced to what identifies the place ("Bristol, City of" -> "bristol")."""
    words = re.findall(r"[a-z0-9]+", fold(name).replace("&", " and "))
    kept = [w for w in words if w not in KIND_WORDS]
    return " ".join(kept or words)


def lookup_names(row: Mapping[str, str]) -> set[str]:
    """Every name the lookup gives an authority ("[BCP, Bournemouth, ...]" lists too)."""
    names = set()
    for column in NAME_COLUMNS:
        value = (row.get(column) or "").strip()
        if not value or value.isdigit():
            continue
        inner = value.strip("[]")
        names |= {inner, *(part.strip() for part in inner.split(","))}
    return {council_key(n) for n in names if n.strip()}


def lookup_codes(row: Mapping[str, str]) -> set[str]:
    """The authority's DfE and ONS codes."""
    return {str(row.get(c) or "").strip().upper() for c in CODE_COLUMNS} - {""}


def match_council(
    council_id: str,
    names: Iterable[str | None],
    lookup: Iterable[Mapping[str, str]],
    tier: str | None = None,
) -> CouncilMatch:
    """The lookup row of a council, by code (its id) or by any of its names."""
    rows = list(lookup)
    shown = next((n for n in names if n), council_id)
    if tier in NOT_CHILDRENS_SERVICES:
        return CouncilMatch(
            council_id,
            None,
            None,
            f"{shown} is a {tier} council: Ofsted inspects the "
            "children's services of counties, unitary, metropolitan and London boroughs",
        )
    by_code = [r for r in rows if council_id.upper() in lookup_codes(r)]
    wanted = {council_key(n) for n in names if n}
    found = by_code or [r for r in rows if wanted & lookup_names(r)]
    urns = sorted({r["urn"] for r in found})
    if len(urns) == 1:
        row = found[0]
        how = "code" if by_code else "name"
        return CouncilMatch(council_id, urns[0], row["local_authority_ons_name"], how)
    if urns:
        return CouncilMatch(
            council_id, None, None, f"{shown} matches several Ofsted authorities ({urns})"
        )
    return CouncilMatch(
        council_id, None, None, f"{shown} matches no local authority in Ofsted's lookup"
    )


def known_council_names(
    lookup: Iterable[Mapping[str, str]], extra: Iterable[str] = ()
) -> dict[str, str]:
    """Folded council key -> a display name, for finding other councils named in a sentence."""
    names: dict[str, str] = {}
    for row in lookup:
        for column in ("local_authority_ons_name", "ltla23nm", "utla23nm"):
            value = (row.get(column) or "").strip()
            if value and not value.isdigit():
                names.setdefault(council_key(value), value.split(",")[0])
    for value in extra:
        if value:
            names.setdefault(council_key(value), value)
    return names
