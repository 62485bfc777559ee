"""Fixed vocabularies of the tables across pages: verdicts, scopes and the cues that find them."""

from __future__ import annotations

import re

# How a judgement in the minutes compares with Ofsted's record.
VERDICTS = ("agrees", "differs", "no_official_grade", "no_inspection_found", "out_of_scope")
# What an in-scope judgement grades: the council's children's services as a whole (overall
# effectiveness), one of Ofsted's sub-judgements, or every judgement at once ("in all areas").
SUB_JUDGEMENTS = ("impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers")
SCOPES = ("overall", *SUB_JUDGEMENTS, "all_judgements")
# The outcomes file's column holding each scope's grade.
GRADE_COLUMNS = {
    "overall": "overall_effectiveness_grade",
    "impact_of_leaders": "impact_of_leaders_grade",
    "help_and_protection": "help_and_protection_grade",
    "children_in_care": "in_care_grade",
    "care_leavers": "care_leavers_grade",
}
SCOPE_WORDS = {
    "overall": "overall",
    "impact_of_leaders": "impact of leaders",
    "help_and_protection": "help and protection",
    "children_in_care": "children in care",
    "care_leavers": "care leavers",
}
# The outcomes file's markers for a grade it does not give, and what each means.
NO_GRADE = {
    "": "no grade in the file (inspections before 2018 are listed with dates only)",
    "data_unreadable": "the grade could not be read from the report (data_unreadable)",
    "not_reported_post_reform": "no overall grade is reported after the 2026 reform "
    "(not_reported_post_reform)",
    "inspection_pre_dates_judgement": "the inspection predates this judgement "
    "(inspection_pre_dates_judgement)",
}

IGNORE = re.IGNORECASE
# Sub-judgement names as minutes write them (ILACS names first, SIF's older ones after).
SUB_JUDGEMENT_CUES = {
    "impact_of_leaders": re.compile(
        r"impact of (?:the )?leaders|leadership,? management and governance|"
        r"effectiveness of (?:the )?leaders",
        IGNORE,
    ),
    "help_and_protection": re.compile(
        r"help and protection|children who need help|need(?:ing)? of help", IGNORE
    ),
    "children_in_care": re.compile(
        r"children in care|looked[- ]after children|children looked after|"
        r"achieving permanence",
        IGNORE,
    ),
    "care_leavers": re.compile(r"care[- ]leavers|leaving care", IGNORE),
}
ALL_AREAS = re.compile(
    r"\b(?:in|across|for) (?:all|every|each)(?: of the)?(?: (?:three|four|five))? "
    r"(?:areas?|judgements?|categories)\b|\ball (?:three|four|five) (?:areas|judgements)\b|"
    r"\bacross the board\b",
    IGNORE,
)
OVERALL = re.compile(
    r"overall effectiveness|overall (?:judgement|grade|rating)|\boverall\b", IGNORE
)
# Graded by someone other than Ofsted's inspection of the council's children's services.
OTHER_INSPECTORATES = re.compile(
    r"\bCQC\b|Care Quality Commission|Inspectorate of (?:Probation|Constabulary|Prisons)|"
    r"\bHMI ?Probation\b|\bHMICFRS\b|\bHMIC\b",
    IGNORE,
)
OFSTED = re.compile(r"\bOfsted\b|\bILACS\b|\bSIF\b", IGNORE)
# Services and providers Ofsted inspects on their own, apart from the council's services.
SEPARATE_SERVICES = re.compile(
    r"children['\u2019]?s homes?|residential (?:homes?|units?|provision)|"
    r"(?:independent )?fostering (?:agenc(?:y|ies)|services?)|"
    r"adoption (?:agenc(?:y|ies)|services?)|"
    r"nurser(?:y|ies)|early years (?:providers?|settings?)|child ?minders?|colleges?|"
    r"academ(?:y|ies)|pupil referral units?|secure (?:training centres?|units?)|"
    r"short breaks?|respite|youth (?:offending|justice)|providers?",
    IGNORE,
)
SCHOOLS = re.compile(
    r"\bschools?\b|\bprimar(?:y|ies)\b|\bsecondar(?:y|ies)\b|\bsixth forms?\b", IGNORE
)
# Characters around a grade read for its scope: a name before it ("Help and protection:
# good", "care leavers were judged good"), a short one after it ("good for care leavers").
BEFORE, AFTER = 90, 45
