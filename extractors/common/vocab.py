"""Fixed vocabularies shared by extractors, schemas and documentation (defined once)."""

from __future__ import annotations

# Mention labels written to the `mentions` table.
ROLE = "ROLE"
PERSON = "PERSON"
DATE = "DATE"
JUDGEMENT = "JUDGEMENT"
# A SEND area inspection outcome ("written statement of action"): not a grade.
OUTCOME = "OUTCOME"
LABELS = (ROLE, PERSON, DATE, JUDGEMENT, OUTCOME)

# Span groups the spaCy components fill, one per extractor.
SPAN_GROUPS = {
    DATE: "minutes_dates",
    ROLE: "minutes_roles",
    PERSON: "minutes_people",
    JUDGEMENT: "minutes_judgements",
    OUTCOME: "minutes_judgements",
}

PAGE_KINDS = (
    "agenda_and_minutes",
    "agenda",
    "agenda_item",
    "issue_history",
    "decision",
    "meeting_documents",
    "minutes",
    "unknown",
)
FORMATS = ("txt", "html", "xml")
MEETING_DATE_SOURCES = ("header", "inferred")

GRADE_RANKS = {
    "outstanding": 1,
    "good": 2,
    "requires_improvement": 3,
    "inadequate": 4,
    # Legacy grades (pre-2013 frameworks; schools before 2012) sit between good and inadequate.
    "adequate": 3,
    "satisfactory": 3,
}
GRADES = tuple(GRADE_RANKS)
POLARITIES = ("asserted", "negated", "aspiration", "hypothetical")
FRAMEWORKS = ("ILACS", "SIF", "school_inspection", "SEND_area_inspection", "legacy")

ROLE_CATEGORIES = (
    "cabinet_member",
    "leader",
    "portfolio_holder",
    "director",
    "assistant_director",
    "head_of_service",
    "chair",
    "vice_chair",
    "chief_executive",
    "chief_officer",
    "commissioner",
    "inspector",
    "officer",
    "manager",
    "member",
    "representative",
    "governor",
    "other",
)
PEOPLE_CONTEXTS = ("apologies", "declaration", "attendance", "substitute", "mention")

DATE_PRECISIONS = ("day", "month", "year", "period")
YEAR_SOURCES = ("explicit", "inferred")

ERROR_STAGES = ("fetch", "ingest", "split", "tag", "tables", "link")
# Statuses of a meeting that did not (or not then) take place: its page has no items.
NO_ITEMS_STATUSES = ("cancelled", "canceled", "postponed", "rescheduled", "moved", "abandoned")
