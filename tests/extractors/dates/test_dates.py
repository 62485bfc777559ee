"""Tests for the minutes_dates component, resolve_date and parse_date_text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import spacy
import yaml

import extractors.common.sentences  # noqa: F401
import extractors.dates  # noqa: F401  (registers the factory without the entry point)
from extractors.common.spans import spans_of
from extractors.dates import parse_date_text, resolve_date
from extractors.pipeline import build_nlp

GOLD = Path(__file__).parents[2] / "data" / "gold"
GROUP = "minutes_dates"


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=("minutes_dates",))


def found(nlp, text):
    """(label, text, value, precision, year_source) of every date span."""
    doc = nlp(text)
    return [
        (s.label_, s.text, s._.attrs["value"], s._.attrs["precision"], s._.attrs["year_source"])
        for s in spans_of(doc, GROUP)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Full day dates with and without weekday, ordinals, commas and "of".
        (
            "The Leeds panel last met on Friday 11 August 2017.",
            [("Friday 11 August 2017", "2017-08-11", "day")],
        ),
        (
            "Agreed at Kent County Council on 3rd March, 2020.",
            [("3rd March, 2020", "2020-03-03", "day")],
        ),
        (
            "The policy takes effect from the 1st of April 2021.",
            [("1st of April 2021", "2021-04-01", "day")],
        ),
        (
            "Children's Scrutiny Board - Tuesday, 3rd March, 2020 2.00 pm",
            [("Tuesday, 3rd March, 2020", "2020-03-03", "day")],
        ),
        (
            "Deadline Friday the 11th of August 2017.",
            [("Friday the 11th of August 2017", "2017-08-11", "day")],
        ),
        ("Reported to Cabinet on 3 Mar 2020.", [("3 Mar 2020", "2020-03-03", "day")]),
        ("The consultation closes on 5 Sept 2019.", [("5 Sept 2019", "2019-09-05", "day")]),
        ("A NOTICE DATED 21 JUNE 2017", [("21 JUNE 2017", "2017-06-21", "day")]),
        # Numeric dates, day first.
        ("Meeting: 10/02/2026 - Cabinet (Item 7)", [("10/02/2026", "2026-02-10", "day")]),
        ("Decision published 10.02.2026.", [("10.02.2026", "2026-02-10", "day")]),
        ("Call-in expires 10-02-2026.", [("10-02-2026", "2026-02-10", "day")]),
        ("Signed 01/02/17 by the Chair.", [("01/02/17", "2017-02-01", "day")]),
        # Month and year.
        (
            "Hampshire's SEND inspection in January 2017 found gaps.",
            [("January 2017", "2017-01", "month")],
        ),
        ("An update will follow in Sept 2024.", [("Sept 2024", "2024-09", "month")]),
        # A year naming an event or a time.
        ("Following the 2019 inspection, Ofsted returned.", [("2019", "2019", "year")]),
        ("The 2016 Ofsted report had exposed failings.", [("2016", "2016", "year")]),
        ("In 2018 the council opened two hubs.", [("2018", "2018", "year")]),
        ("Spending has risen since early 2021.", [("2021", "2021", "year")]),
        # Financial and municipal years, quarters.
        (
            "Derbyshire Safeguarding Annual Report 2018-19",
            [("2018-19", "2018-04-01/2019-03-31", "period")],
        ),
        ("Work Programme 2018/19", [("2018/19", "2018-04-01/2019-03-31", "period")]),
        ("the budget for 2015/16 was balanced", [("2015/16", "2015-04-01/2016-03-31", "period")]),
        ("Capital Programme 2023/2024", [("2023/2024", "2023-04-01/2024-03-31", "period")]),
        (
            "for the financial year 2018 to 2019",
            [("2018 to 2019", "2018-04-01/2019-03-31", "period")],
        ),
        (
            "Performance in Q3 2021/22 improved.",
            [("Q3 2021/22", "2021-10-01/2021-12-31", "period")],
        ),
        ("Quarter 4 2019/20 figures", [("Quarter 4 2019/20", "2020-01-01/2020-03-31", "period")]),
        ("Annual Report 1999/00", [("1999/00", "1999-04-01/2000-03-31", "period")]),
    ],
)
def test_explicit_dates(nlp, text, expected):
    got = [(t, v, p) for label, t, v, p, source in found(nlp, text)]
    assert got == expected
    assert all(label == "DATE" and src == "explicit" for label, *_, src in found(nlp, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(in this case 26 January)", [("26 January", 26, 1, None)]),
        ("Deadline Friday 11 August for comments.", [("Friday 11 August", 11, 8, 4)]),
        ("On 5 September Cabinet agreed the plan.", [("5 September", 5, 9, None)]),
        ("a deadline of 29 February", [("29 February", 29, 2, None)]),
    ],
)
def test_dates_without_year(nlp, text, expected):
    spans = spans_of(nlp(text), GROUP)
    got = [(s.text, s._.attrs["day"], s._.attrs["month"], s._.attrs["weekday"]) for s in spans]
    assert got == expected
    for span in spans:
        assert span._.attrs["value"] is None and span._.attrs["start"] is None
        assert span._.attrs["year"] is None and span._.attrs["year_source"] == "inferred"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The inspection ran from 2nd to 19th October 2018.",
            [("2nd", "2018-10-02", "start"), ("19th October 2018", "2018-10-19", "end")],
        ),
        (
            "Fieldwork took place 11 to 29 January 2021.",
            [("11", "2021-01-11", "start"), ("29 January 2021", "2021-01-29", "end")],
        ),
        (
            # One spaCy token "2nd-19th": the component splits it so each date is its own span.
            "The Cornwall inspection ran 2nd-19th October 2018.",
            [("2nd", "2018-10-02", "start"), ("19th October 2018", "2018-10-19", "end")],
        ),
        (
            "Agreed for 1st April 2016 to 31st March 2017.",
            [("1st April 2016", "2016-04-01", "start"), ("31st March 2017", "2017-03-31", "end")],
        ),
        (
            "Fieldwork took place 11-29 January 2021.",
            [("11", "2021-01-11", "start"), ("29 January 2021", "2021-01-29", "end")],
        ),
        (
            "Consultation ran 2 October to 19 November 2018.",
            [("2 October", "2018-10-02", "start"), ("19 November 2018", "2018-11-19", "end")],
        ),
        (
            "Closed between 20 December and 3 January 2020.",
            [("20 December", "2019-12-20", "start"), ("3 January 2020", "2020-01-03", "end")],
        ),
        (
            "Visits on 13 March 2017 and 30 March 2017.",
            [("13 March 2017", "2017-03-13", None), ("30 March 2017", "2017-03-30", None)],
        ),
    ],
)
def test_ranges(nlp, text, expected):
    spans = spans_of(nlp(text), GROUP)
    got = [(s.text, s._.attrs["value"], s._.attrs["range_role"]) for s in spans]
    assert got == expected
    assert all(s._.attrs["year_source"] == "explicit" for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "The meeting started at 9.00am and closed at 10.31 am; reconvened 2.00 pm.",
        "3 of the 12 schools were visited; 20 of 31 met the standard.",
        "Under section 17 and regulation 20.1, see paragraph 3.2 and paragraph 20.1.1.",
        "The duty in the Children Act 1989 and the Children and Social Work Act 2017.",
        "Powers under the Education Act 2002 and the Care Planning Regulations 2015.",
        "Contact Alyson Reed on 01905 843579 or 0161 234 5678.",
        "A grant of £2019 and a budget of £2,019,000 were agreed.",
        "Item 41 on page 2017 of the bundle; Minute 2018 was noted.",
        "County Hall, Truro TR1 3AY; Civic Centre, Leeds LS1 1UR.",
        "The council supported 2019 children in need in 2019 cases.",
        "In March the board met; in April and June it reported.",
        "Reference 2018/1234 and 2018-2020 strategy.",
        "Scores of 10.5.2 and 1/2/3 in the table.",
        "31 February 2019 is not a day.",
    ],
)
def test_not_dates(nlp, text):
    assert found(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "weekday", "mismatch"),
    [
        ("Monday 11 August 2017", 0, True),
        ("Friday 11 August 2017", 4, False),
        ("Wed 8 November 2017", 2, False),
    ],
)
def test_weekday_mismatch(nlp, text, weekday, mismatch):
    (span,) = spans_of(nlp(text), GROUP)
    assert span._.attrs["weekday"] == weekday
    assert span._.attrs["weekday_mismatch"] is mismatch


def test_attrs_are_complete_and_json_safe(nlp):
    keys = {"value", "precision", "start", "end", "year_source", "day", "month", "year"}
    keys |= {"weekday", "weekday_mismatch", "range_role"}
    for span in spans_of(
        nlp("Friday 11 August 2017, January 2017, 2018/19, in 2015, 26 May"), GROUP
    ):
        assert set(span._.attrs) == keys
        assert all(isinstance(v, str | int | bool | type(None)) for v in span._.attrs.values())
    (month,) = spans_of(nlp("in February 2020"), GROUP)
    assert (month._.attrs["start"], month._.attrs["end"]) == ("2020-02-01", "2020-02-29")
    (year,) = spans_of(nlp("the 2019 inspection"), GROUP)
    assert (year._.attrs["start"], year._.attrs["end"]) == ("2019-01-01", "2019-12-31")


def test_bare_years_can_be_switched_off():
    nlp = spacy.blank("en")
    nlp.add_pipe("minutes_dates", config={"include_years": False})
    doc = nlp("In 2015 a peer review; the 2019 inspection; report 2018/19.")
    assert [s.text for s in spans_of(doc, GROUP)] == ["2018/19"]


@pytest.mark.parametrize(
    ("text", "meeting", "value", "mismatch"),
    [
        ("26 January", date(2017, 1, 27), "2017-01-26", False),
        ("20 December", date(2017, 1, 27), "2016-12-20", False),
        ("3 January", date(2019, 12, 10), "2020-01-03", False),
        ("Thursday 26 January", date(2017, 1, 27), "2017-01-26", False),
        ("Monday 26 January", date(2017, 1, 27), "2017-01-26", True),
        ("29 February", date(2020, 3, 4), "2020-02-29", False),
    ],
)
def test_resolve_date_takes_nearest_year(nlp, text, meeting, value, mismatch):
    (span,) = spans_of(nlp(text), GROUP)
    attrs = span._.attrs
    resolved = resolve_date(attrs, meeting)
    assert resolved is not attrs and attrs["value"] is None
    assert resolved["value"] == resolved["start"] == resolved["end"] == value
    assert resolved["year"] == int(value[:4]) and resolved["year_source"] == "inferred"
    assert resolved["weekday_mismatch"] is mismatch


def test_resolve_date_keeps_explicit_and_unresolvable(nlp):
    (explicit,) = spans_of(nlp("1 October 2019"), GROUP)
    assert resolve_date(explicit._.attrs, date(2025, 1, 1)) == explicit._.attrs
    (bare,) = spans_of(nlp("on 1 October"), GROUP)
    assert resolve_date(bare._.attrs, None) == bare._.attrs
    assert resolve_date(bare._.attrs, None)["value"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday, 3rd March, 2020 2.00 pm", date(2020, 3, 3)),
        ("Wednesday 8 November 2017 10.30 am", date(2017, 11, 8)),
        ("14/03/2019", date(2019, 3, 14)),
        (
            "Meeting: 14/03/2019 - Children and Young People Select Committee (Item 41)",
            date(2019, 3, 14),
        ),
        ("Thursday 26 January", None),
        ("Venue: County Hall", None),
        ("", None),
    ],
)
def test_parse_date_text(text, expected):
    assert parse_date_text(text) == expected


def gold_pages():
    return sorted(GOLD.glob("*.gold.yaml"))


@pytest.mark.parametrize("gold_path", gold_pages(), ids=lambda p: p.name[:3])
def test_corpus_explicit_dates_match_gold(nlp, gold_path):
    """Explicit calendar dates and periods equal the gold set; bare years are told apart."""
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = (GOLD / gold["doc"]).read_text(encoding="utf-8")
    want = {str(d["value"]) for d in (gold.get("dates") or []) + (gold.get("periods") or [])}
    spans = spans_of(nlp(text), GROUP)
    explicit = [s for s in spans if s._.attrs["year_source"] == "explicit"]
    assert {s._.attrs["value"] for s in explicit if s._.attrs["precision"] != "year"} == want
    for span in spans:
        assert text[span.start_char : span.end_char] == span.text


def test_corpus_gold_texts_are_spans(nlp):
    for gold_path in gold_pages():
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        text = (GOLD / gold["doc"]).read_text(encoding="utf-8")
        got = {s.text for s in spans_of(nlp(text), GROUP)}
        for entry in (gold.get("dates") or []) + (gold.get("periods") or []):
            assert entry["text"] in got, (gold["doc"], entry["text"])
