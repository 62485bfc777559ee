"""Dates: the `minutes_dates` component, the one date normaliser and the meeting date of a page."""

from extractors.dates.component import DateTagger, make_dates_component
from extractors.dates.parse import FoundDate, resolve_date
from extractors.dates.scan import find_dates, parse_date_text

__all__ = [
    "DateTagger",
    "FoundDate",
    "find_dates",
    "make_dates_component",
    "parse_date_text",
    "resolve_date",
]
