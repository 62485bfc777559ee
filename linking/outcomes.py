"""Ofsted's recorded inspections of local authorities' children's services, and which one a
judgement in the minutes is about.

Matching rule: a judgement with a year is about the inspection that year falls in: the
years from its start (else six months before publication) to its publication (else its
end); "the 2016 inspection" reported in January 2017 is that report. Of several, the last
one started by the meeting date. A judgement without a year is about the last inspection
that ended (else was published) on or before the meeting date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from linking.vocab import GRADE_COLUMNS

REQUIRED_COLUMNS = (
    "urn",
    "inspection_link",
    "publication_date",
    "inspection_framework",
    "inspection_start_date",
    "inspection_end_date",
    *GRADE_COLUMNS.values(),
)
REPORT_LAG = timedelta(days=183)  # an undated inspection is taken to end before its report
SIF_START, ILACS_START = date(2013, 11, 1), date(2018, 1, 1)
ILACS_GRADES = {"outstanding", "good", "requires_improvement", "inadequate"}


class OutcomesFormatError(Exception):
    """An outcomes file lacks a column or holds a date that cannot be read."""


@dataclass(frozen=True)
class Inspection:
    """One published inspection: its dates, framework, link and grades as the file gives them."""

    urn: str
    url: str | None
    framework: str  # the file's inspection_framework ("standard", "short", "" before 2018)
    start: date | None
    end: date | None
    published: date | None
    grades: Mapping[str, str]  # scope -> the file's value ("requires improvement", "", ...)

    @property
    def years(self) -> range:
        """The years a judgement's year may name to mean this inspection."""
        first = self.start or self.end or (self.published and self.published - REPORT_LAG)
        last = self.published or self.end or first
        if first is None or last is None:
            return range(0)
        return range(first.year, last.year + 1)

    @property
    def finished(self) -> date | None:
        """When it ended (else when its report was published)."""
        return self.end or self.published

    @property
    def official_framework(self) -> str | None:
        """ILACS (with the file's standard/short), else SIF or legacy by date."""
        if self.framework in ("standard", "short"):
            return f"ILACS {self.framework}"
        when = self.finished
        if self.framework or any(official_grade(g) for g in self.grades.values()):
            return "ILACS"
        if when is None:
            return None
        return "legacy" if when < SIF_START else "SIF" if when < ILACS_START else "ILACS"


def official_grade(value: str | None) -> str | None:
    """The file's grade in our vocabulary ("requires improvement" -> requires_improvement)."""
    text = " ".join((value or "").lower().replace("_", " ").split())
    text = text.removeprefix("to ").removesuffix(" to be good")  # upstream misreads
    grade = text.replace(" ", "_")
    return grade if grade in ILACS_GRADES else None


def parse_day(text: str | None, column: str, source: str) -> date | None:
    """A dd/mm/yyyy or dd/mm/yy date of the file (None when empty)."""
    text = (text or "").strip()
    if not text:
        return None
    for layout in ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise OutcomesFormatError(f"{source}: {column} {text!r} is not a dd/mm/yyyy date")


def read_inspections(
    rows: Iterable[Mapping[str, str]], source: str = "outcomes"
) -> dict[str, list[Inspection]]:
    """urn -> its inspections, oldest first, from the outcomes file's rows."""
    found: dict[str, list[Inspection]] = {}
    for row in rows:
        missing = [c for c in REQUIRED_COLUMNS if c not in row]
        if missing:
            raise OutcomesFormatError(f"{source}: expected columns {missing} (Ofsted outcomes)")
        inspection = Inspection(
            urn=str(row["urn"]).strip(),
            url=(row["inspection_link"] or "").strip() or None,
            framework=(row["inspection_framework"] or "").strip().lower(),
            start=parse_day(row["inspection_start_date"], "inspection_start_date", source),
            end=parse_day(row["inspection_end_date"], "inspection_end_date", source),
            published=parse_day(row["publication_date"], "publication_date", source),
            grades={s: (row[c] or "").strip() for s, c in GRADE_COLUMNS.items()},
        )
        found.setdefault(inspection.urn, []).append(inspection)
    for inspections in found.values():
        inspections.sort(key=lambda i: (i.finished or date.min, i.url or ""))
    return found


def find_inspection(
    inspections: list[Inspection], year: int | None, meeting: date | None
) -> Inspection | None:
    """The inspection a judgement is about (see the module's matching rule)."""
    if year is not None:
        covering = [i for i in inspections if year in i.years]
        started = [i for i in covering if meeting is None or (i.start or i.finished) <= meeting]
        return (started or covering or [None])[-1]
    if meeting is None:
        return None
    done = [i for i in inspections if i.finished is not None and i.finished <= meeting]
    return done[-1] if done else None
