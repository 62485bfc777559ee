"""The quick path of the component (dates on token boundaries) equals split then add_span."""

from __future__ import annotations

import random

import pytest

from extractors.common import vocab
from extractors.common.spans import add_span
from extractors.dates.component import DateTagger, split_tokens
from extractors.dates.scan import find_dates
from extractors.pipeline import build_nlp
from tests.extractors.dates.test_scan import PAGES, TRICKY

GROUP = "minutes_dates"

# Dates glued to other characters, so that a boundary falls inside a token.
GLUED = [
    "2nd-19th October 2018, 11-29 January 2021 and 2018-19.",
    "(3 March 2020)held; x3 March 2020 'Tuesday 3rd March,2020' 5th-7th May",
    "Q3 2021/22—Q4 2021/22; 10/02/26-11/02/26 and 1990s-2019",
    "Fri.11 Aug 2017 Mon,14 August 2017 1st/2nd March 2020",
]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp(components=())


def split_then_add(doc, years: bool = True):
    """The component as it was: split every date boundary, then add_span each date."""
    doc.spans.setdefault(GROUP, [])
    dates = find_dates(doc.text, years=years)
    split_tokens(doc, [offset for found in dates for offset in (found.start, found.end)])
    for found in dates:
        add_span(doc, GROUP, found.start, found.end, vocab.DATE, found.attrs)
    return doc


def tagged(doc) -> tuple[list, list]:
    tokens = [(t.idx, t.text, t.whitespace_) for t in doc]
    spans = [
        (s.start, s.end, s.start_char, s.end_char, s.label_, s._.attrs) for s in doc.spans[GROUP]
    ]
    return tokens, spans


def assert_same(nlp, text: str) -> None:
    for years in (True, False):
        quick = DateTagger(span_group=GROUP, include_years=years)(nlp.make_doc(text))
        assert tagged(quick) == tagged(split_then_add(nlp.make_doc(text), years))


@pytest.mark.parametrize("text", TRICKY + GLUED)
def test_quick_path_agrees_on_tricky_text(nlp, text):
    assert_same(nlp, text)


def test_quick_path_agrees_on_real_pages(nlp):
    for path in PAGES:
        assert_same(nlp, path.read_text(encoding="utf-8", errors="replace"))


def test_quick_path_agrees_on_shuffled_fragments(nlp):
    rng = random.Random(3)
    pieces = [p for text in TRICKY + GLUED for p in text.split(" ")] + ["\n", "", "-", "("]
    for _ in range(200):
        assert_same(nlp, rng.choice(["", " "]).join(rng.choices(pieces, k=30)))


def test_glued_dates_split_their_tokens(nlp):
    doc = DateTagger(span_group=GROUP)(nlp.make_doc("2nd-19th October 2018"))
    assert [s.text for s in doc.spans[GROUP]] == ["2nd", "19th October 2018"]
