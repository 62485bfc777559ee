"""Reference data the `link` stage reads: Ofsted's outcomes and lookup, and what the council
registry says of each council (names, tier).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from flows.config import OFSTED_LOOKUP, OFSTED_OUTCOMES, RunConfig
from linking.link import OfstedData
from linking.outcomes import REQUIRED_COLUMNS, OutcomesFormatError, read_inspections

LOOKUP_COLUMNS = ("urn", "local_authority_ons_name", "la_code", "la_code_new")


class OfstedFileError(Exception):
    """An Ofsted outcomes or lookup file cannot be read or lacks the expected columns."""


def outcomes_path(config: RunConfig) -> Path:
    """The outcomes file of this run: the user's (--ofsted-outcomes), else the shipped one."""
    return Path(config.ofsted_outcomes) if config.ofsted_outcomes else OFSTED_OUTCOMES


def read_csv_rows(path: Path, required: Iterable[str], what: str) -> list[dict[str, str]]:
    """The rows of a CSV file (UTF-8, with or without BOM) that has the required columns."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise OfstedFileError(f"{path}: cannot read the {what} (stage link): {exc}") from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise OfstedFileError(f"{path}: expected the {what}'s columns {missing} (stage link)")
    return list(reader)


@cache
def read_ofsted_files(outcomes: Path, lookup: Path, digest: str) -> OfstedData:
    """Ofsted's lookup rows and inspections by urn from the two files (once per content)."""
    rows = read_csv_rows(outcomes, REQUIRED_COLUMNS, "Ofsted outcomes file")
    try:
        inspections = read_inspections(rows, str(outcomes))
    except OutcomesFormatError as exc:
        raise OfstedFileError(f"{exc} (stage link)") from exc
    return OfstedData(read_csv_rows(lookup, LOOKUP_COLUMNS, "Ofsted lookup"), inspections)


def read_ofsted(config: RunConfig) -> OfstedData:
    """The Ofsted data of this run."""
    return read_ofsted_files(outcomes_path(config), OFSTED_LOOKUP, ofsted_digest(config))


def ofsted_digest(config: RunConfig) -> str:
    """A digest of the outcomes file a run reads (part of the link stage's key)."""
    try:
        return hashlib.sha256(outcomes_path(config).read_bytes()).hexdigest()[:16]
    except OSError as exc:
        path = outcomes_path(config)
        raise OfstedFileError(
            f"{path}: cannot read the Ofsted outcomes file (stage link): {exc}"
        ) from exc


def council_facts(config: RunConfig, councils: dict[str, str | None]) -> dict[str, dict]:
    """council_id -> names (the page's council name, the registry's short and official) and tier."""
    from moderngov.registry import load_registry

    registry = load_registry(config.fetch.councils_file)
    facts = {}
    for council_id, shown in sorted(councils.items()):
        known = registry.get(council_id)
        names = [shown, known.name if known else None, known.official_name if known else None]
        facts[council_id] = {
            "names": list(dict.fromkeys(n for n in names if n)),
            "tier": known.tier if known else None,
        }
    return facts
