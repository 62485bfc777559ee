"""Judgements against Ofsted's record: councils, inspections, scopes and verdicts."""

from __future__ import annotations

import csv
from datetime import date
from functools import cache

import pytest

from flows.config import OFSTED_LOOKUP, OFSTED_OUTCOMES
from linking.councils import council_key, match_council
from linking.link import OfstedData, ScopeRows, ofsted_record
from linking.ofsted import check_judgements
from linking.outcomes import (
    Inspection,
    OutcomesFormatError,
    find_inspection,
    official_grade,
    read_inspections,
)
from linking.scope import classify


@cache
def shipped() -> OfstedData:
    def rows(path):
        return list(csv.DictReader(path.open(encoding="utf-8-sig")))

    return OfstedData(rows(OFSTED_LOOKUP), read_inspections(rows(OFSTED_OUTCOMES)))


def record(council_id: str, *names: str, tier: str | None = None):
    return ofsted_record(ScopeRows(council_id, council_id, names, tier), shipped())


def check(council_id, names, sentence, text, grade, year=None, meeting=None, **extra):
    judgement = {
        "mention_id": "d:1-2:JUDGEMENT",
        "doc_id": "d",
        "council_id": council_id,
        "grade": grade,
        "year": year,
        "polarity": "asserted",
        "sentence": sentence,
        "text": text,
        "subject": extra.get("subject"),
        "framework": extra.get("framework"),
    }
    found = record(council_id, *names, tier=extra.get("tier"))
    return check_judgements([judgement], {council_id: found}, {"d": meeting})[0]


@pytest.mark.parametrize(
    ("council_id", "names", "urn"),
    [
        ("WOR", ("Worcestershire", "Worcestershire County Council"), "80584"),
        ("MAN", ("Manchester", "Manchester City Council"), "80521"),
        ("BST", ("Bristol", "Bristol City Council"), "80441"),  # lookup: "Bristol, City of"
        ("DUR", ("Durham", "Durham County Council"), "80465"),  # lookup: "County Durham"
        ("BCP", ("Bournemouth, Christchurch & Poole",), "2532287"),
        ("E10000034", ("somewhere",), "80584"),  # an ONS code as the id
    ],
)
def test_councils_match_the_lookup_by_name_or_code(council_id, names, urn):
    assert match_council(council_id, names, shipped().lookup).urn == urn


def test_a_district_or_unknown_council_has_no_authority():
    district = match_council("WOC", ("Worcester", "Worcester City Council"), shipped().lookup)
    assert district.urn is None  # not Worcestershire
    tiered = match_council("WOC", ("Worcester",), shipped().lookup, tier="district")
    assert tiered.urn is None and "district" in tiered.reason
    assert council_key("Kingston Upon Hull, City of") == council_key("Kingston upon Hull")


def test_grades_as_the_file_writes_them():
    assert official_grade("requires improvement") == "requires_improvement"
    assert official_grade("to requires improvement") == "requires_improvement"  # upstream misread
    assert official_grade("Outstanding") == "outstanding"
    for marker in ("", "data_unreadable", "not_reported_post_reform"):
        assert official_grade(marker) is None


def test_a_bad_outcomes_file_is_a_named_error():
    with pytest.raises(OutcomesFormatError, match="new.csv.*urn"):
        read_inspections([{"local_authority": "x"}], "new.csv")
    row = {c: "" for c in ("urn", "inspection_link", "publication_date", "inspection_framework")}
    row |= {"inspection_start_date": "31/31/2020", "inspection_end_date": ""}
    row |= {c: "" for c in shipped().lookup[0] if c.endswith("_grade")}
    row |= {
        "overall_effectiveness_grade": "",
        "impact_of_leaders_grade": "",
        "help_and_protection_grade": "",
        "in_care_grade": "",
        "care_leavers_grade": "",
    }
    with pytest.raises(OutcomesFormatError, match="inspection_start_date '31/31/2020'"):
        read_inspections([row], "new.csv")


def test_the_matching_inspection_by_year_else_the_last_before_the_meeting():
    worcs = shipped().inspections["80584"]
    by_year = {y: find_inspection(worcs, y, date(2023, 12, 1)) for y in (2016, 2017, 2019, 2023)}
    assert by_year[2016].published == by_year[2017].published == date(2017, 1, 24)
    assert by_year[2019].end == date(2019, 6, 28) and by_year[2023].end == date(2023, 5, 26)
    assert find_inspection(worcs, 2015, None) is None
    assert find_inspection(worcs, None, date(2020, 3, 1)).end == date(2019, 6, 28)
    assert find_inspection(worcs, None, date(2016, 1, 1)) is None
    assert find_inspection(worcs, None, None) is None


def test_the_2019_requires_improvement_judgement_agrees_and_2016_2017_have_no_grade():
    names = ("Worcestershire", "Worcestershire County Council")
    sentence = "The Service was judged to \u2018require improvement to be good\u2019 in all areas."
    row = check("WOR", names, sentence, "require improvement to be good", "requires_improvement",
                2019, date(2019, 9, 11))  # fmt: skip
    assert (row["verdict"], row["scope"], row["official_grade"]) == (
        "agrees",
        "all_judgements",
        "requires_improvement",
    )
    assert row["official_framework"] == "ILACS standard" and row["urn"] == "80584"
    assert row["official_url"] == "https://files.ofsted.gov.uk/v1/file/50096455"
    sentence = "The 2016 Ofsted report had exposed widespread serious failings in the service."
    for year in (2016, 2017):
        row = check("WOR", names, sentence, "inadequate", "inadequate", year, date(2019, 9, 11))
        assert row["verdict"] == "no_official_grade" and row["official_framework"] == "SIF"
        assert "no grade" in row["reason"] and row["published"] == date(2017, 1, 24)


def test_a_grade_the_record_does_not_give_differs():
    sentence = "Ofsted's 2022 inspection judged Kent's children's services to be good overall."
    row = check("KEN", ("Kent", "Kent County Council"), sentence, "good", "good", 2022)
    assert row["verdict"] == "differs" and row["official_grade"] == "outstanding"
    assert "the minutes say good" in row["reason"] and row["inspection_end"] == date(2022, 5, 20)


def test_sub_judgements_are_checked_against_their_own_grade():
    devon = ("Devon", "Devon County Council")
    sentence = "Help and protection was judged to require improvement, while leaders were rated"
    sentence += " inadequate."
    row = check("DEV", devon, sentence, "require improvement", "requires_improvement", 2020)
    assert (row["scope"], row["verdict"]) == ("help_and_protection", "agrees")
    row = check("DEV", devon, "Care leavers were judged good in 2020.", "good", "good", 2020)
    assert (row["scope"], row["verdict"]) == ("care_leavers", "no_official_grade")
    assert "predates" in row["reason"]
    table_row = "Impact of leaders on social work practice\tInadequate"
    row = check("DEV", devon, table_row, "Inadequate", "inadequate", 2020)
    assert (row["scope"], row["verdict"]) == ("impact_of_leaders", "agrees")


@pytest.mark.parametrize(
    ("sentence", "text", "extra", "reason"),
    [
        ("Three primary schools were judged good by Ofsted.", "good",
         {"framework": "school_inspection", "subject": "Three primary schools"}, "school"),
        ("Medway Council's children's services were judged inadequate.", "inadequate", {},
         "another council's services (Medway)"),
        ("The Director of Children's Services at Cornwall Council reported that Cornwall's "
         "services were rated good.", "good", {}, "Cornwall"),
        ("The CQC rated the hospital trust good.", "good", {}, "another inspectorate"),
        ("The council's children's home was judged outstanding by Ofsted.", "outstanding",
         {"subject": "The council's children's home"}, "children's home"),
        ("The local area SEND inspection found ...", "good",
         {"framework": "SEND_area_inspection"}, "SEND"),
    ],
)  # fmt: skip
def test_out_of_scope_judgements_say_why(sentence, text, extra, reason):
    row = check("KEN", ("Kent", "Kent County Council"), sentence, text, "good", 2022, **extra)
    assert row["verdict"] == "out_of_scope" and row["scope"] is None
    assert reason in row["reason"]


def test_a_service_named_beside_the_graded_subject_does_not_take_it_out_of_scope():
    sentence = "The council's services, with its children's homes, were judged good in 2022."
    subject = "The council's services"
    row = check("KEN", ("Kent",), sentence, "good", "good", 2022, subject=subject)
    assert row["scope"] == "overall" and row["verdict"] == "differs"


def test_own_names_and_sentence_starts_are_not_other_councils():
    own = record("WOR", "Worcestershire", "Worcestershire County Council")
    for sentence in (
        "Worcestershire County Council's children's services were rated good.",
        "Reading the report, Members noted the service was judged good.",
    ):
        judgement = {"sentence": sentence, "text": "good", "grade": "good"}
        assert classify(judgement, set(own.own_names), own.councils).scope == "overall"


def test_no_inspection_found_and_unchecked_judgements():
    row = check("WOC", ("Worcester",), "The service was rated good.", "good", "good", 2019,
                tier="district")  # fmt: skip
    assert row["verdict"] == "no_inspection_found" and "district" in row["reason"]
    row = check("WOR", ("Worcestershire",), "It was rated good in 2015.", "good", "good", 2015)
    assert row["verdict"] == "no_inspection_found" and "covers 2015" in row["reason"]
    negated = {"mention_id": "d:1-2:JUDGEMENT", "doc_id": "d", "council_id": "WOR"}
    assert check_judgements([negated | {"polarity": "negated"}], {}, {}) == []
    assert check_judgements([negated | {"polarity": "asserted", "council_id": None}], {}, {}) == []


def test_framework_of_an_undated_graded_report_is_ilacs():
    graded = Inspection("1", None, "", None, None, date(2022, 9, 5), {"overall": "inadequate"})
    assert graded.official_framework == "ILACS"
    old = Inspection("1", None, "", None, None, date(2013, 8, 23), {"overall": ""})
    assert old.official_framework == "legacy" and list(old.years) == [2013]
