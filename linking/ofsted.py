"""`ofsted_check` rows: each asserted judgement of a known council against Ofsted's record.

Verdicts: `agrees` / `differs` (the grade the minutes give against the official grade of
the judgement's scope; "in all areas" against every graded judgement), `no_official_grade`
(the inspection is found but the file gives no grade for that scope), `no_inspection_found`
(no authority for the council, or no inspection by the matching rule of
`linking.outcomes`), `out_of_scope` (see `linking.scope`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from linking.councils import CouncilMatch
from linking.outcomes import Inspection, find_inspection, official_grade
from linking.scope import classify
from linking.vocab import NO_GRADE, SCOPE_WORDS, SUB_JUDGEMENTS


@dataclass(frozen=True)
class OfstedRecord:
    """What is known of one council for the checks: its authority and the inspections."""

    match: CouncilMatch
    inspections: list[Inspection]
    own_names: frozenset[str]  # council keys of the council's own names
    councils: Mapping[str, str]  # council key -> name, to see other councils named


def describe(inspection: Inspection) -> str:
    """ "Ofsted's inspection of 17/06/2019-28/06/2019 (ILACS standard)" in ISO dates."""
    if inspection.start and inspection.end:
        when = f"of {inspection.start.isoformat()} to {inspection.end.isoformat()}"
    elif inspection.published:
        when = f"published {inspection.published.isoformat()}"
    else:
        when = "(undated)"
    framework = inspection.official_framework
    return f"Ofsted's inspection {when}" + (f" ({framework})" if framework else "")


def compare(grade: str, scope: str, inspection: Inspection) -> tuple[str, str | None, str]:
    """(verdict, official grade, reason) of a grade against the inspection's record."""
    said = describe(inspection)
    scopes = ["overall", *SUB_JUDGEMENTS] if scope == "all_judgements" else [scope]
    official = {s: official_grade(inspection.grades.get(s)) for s in scopes}
    graded = {s: g for s, g in official.items() if g}
    if not graded:
        raw = inspection.grades.get(scopes[0], "")
        why = NO_GRADE.get(raw.strip().lower(), f"no grade in the file ({raw})")
        return "no_official_grade", None, f"{said}: {why}"
    shown = official.get("overall") if scope == "all_judgements" else graded[scope]
    listed = "; ".join(f"{SCOPE_WORDS[s]} {g.replace('_', ' ')}" for s, g in graded.items())
    differing = {s: g for s, g in graded.items() if g != grade}
    if not differing:
        return "agrees", shown, f"{said}: {listed}"
    return "differs", shown, f"the minutes say {grade.replace('_', ' ')}; {said}: {listed}"


def check_judgement(
    judgement: Mapping[str, Any], record: OfstedRecord | None, meeting: date | None
) -> dict[str, Any]:
    """The `ofsted_check` row of one asserted judgement (record None: no data for its council)."""
    row = {
        "mention_id": judgement["mention_id"],
        "doc_id": judgement["doc_id"],
        "council_id": judgement["council_id"],
        "grade": judgement["grade"],
        "year": judgement.get("year"),
        "scope": None,
        "urn": None,
        "official_grade": None,
        "official_framework": None,
        "inspection_start": None,
        "inspection_end": None,
        "published": None,
        "official_url": None,
    }
    if record is None:
        return row | {"verdict": "no_inspection_found", "reason": "no Ofsted data was given"}
    found = classify(judgement, set(record.own_names), record.councils)
    if found.scope is None:
        return row | {"verdict": "out_of_scope", "reason": found.reason}
    row |= {"scope": found.scope, "urn": record.match.urn}
    if record.match.urn is None:
        return row | {"verdict": "no_inspection_found", "reason": record.match.reason}
    year = judgement.get("year")
    inspection = find_inspection(record.inspections, year, meeting)
    if inspection is None:
        name = record.match.la_name
        why = (
            f"no inspection of {name} in the outcomes file covers {year}"
            if year is not None
            else f"no inspection of {name} in the outcomes file ended by the meeting"
            + (f" ({meeting.isoformat()})" if meeting else " (the page has no meeting date)")
        )
        return row | {"verdict": "no_inspection_found", "reason": why}
    verdict, grade, reason = compare(judgement["grade"], found.scope, inspection)
    return row | {
        "official_grade": grade,
        "official_framework": inspection.official_framework,
        "inspection_start": inspection.start,
        "inspection_end": inspection.end,
        "published": inspection.published,
        "official_url": inspection.url,
        "verdict": verdict,
        "reason": f"{found.reason}: {reason}",
    }


def check_judgements(
    judgements: Iterable[Mapping[str, Any]],
    records: Mapping[str, OfstedRecord],
    meetings: Mapping[str, date | None],
) -> list[dict[str, Any]]:
    """`ofsted_check` rows of the asserted judgements (with council_id) of pages of councils."""
    rows = []
    for judgement in judgements:
        if judgement.get("polarity") != "asserted" or not judgement.get("council_id"):
            continue
        record = records.get(judgement["council_id"])
        rows.append(check_judgement(judgement, record, meetings.get(judgement["doc_id"])))
    return rows


def in_page_order(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Rows by page, then by the judgement's place on it (from its mention id)."""

    def place(row: Mapping[str, Any]) -> tuple[str, int, int]:
        start, _, end = row["mention_id"].rsplit(":", 2)[1].partition("-")
        return row["doc_id"], int(start), int(end)

    return sorted(rows, key=place)
