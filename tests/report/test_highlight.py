"""Every mention gets exactly one highlight element, nested or crossing, and all text is escaped."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from report.highlight import Span, describe_attrs, mention_span, render_text


class Marks(HTMLParser):
    """Collect the text and the primary mark elements (with their text) of rendered HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text, self.marks, self.open = "", [], []

    def handle_starttag(self, tag, attrs):
        assert tag == "mark", tag
        attrs = dict(attrs)
        self.open.append(attrs)
        if "data-label" in attrs:
            self.marks.append({**attrs, "at": len(self.text)})

    def handle_endtag(self, tag):
        self.open.pop()

    def handle_data(self, data):
        self.text += data


def parse(html: str) -> Marks:
    parser = Marks()
    parser.feed(str(html))  # plain text: Markup would escape what is appended to it
    assert not parser.open, "unclosed elements"
    return parser


def spans_of(pairs):
    return [Span(s, e, label, {"data-label": label, "data-start": str(s)}) for s, e, label in pairs]


@pytest.mark.parametrize(
    "pairs",
    [
        [(0, 10, "ROLE"), (0, 4, "PERSON")],  # a name inside a role line
        [(0, 10, "ROLE"), (5, 15, "DATE")],  # crossing
        [(2, 4, "A"), (2, 4, "B")],  # the same offsets twice
        [(0, 20, "JUDGEMENT"), (3, 8, "DATE"), (6, 12, "ROLE"), (11, 19, "PERSON")],
        [(4, 4, "EMPTY")],
    ],
)
def test_each_span_has_one_element_and_the_text_is_unchanged(pairs):
    text = "abc<def>&ghijklmnopqrstuvwxyz"
    parsed = parse(render_text(text, 0, len(text), spans_of(pairs)))
    assert parsed.text == text
    assert sorted((int(m["data-start"]), m["data-label"]) for m in parsed.marks) == sorted(
        (s, label) for s, _, label in pairs
    )
    for mark in parsed.marks:
        assert mark["at"] == int(mark["data-start"])


def test_random_spans_all_render_once():
    rng = random.Random(15)
    text = "".join(rng.choice("ab <>&\n'\"") for _ in range(120))
    for _ in range(200):
        pairs = []
        for n in range(rng.randint(1, 8)):
            start = rng.randint(0, len(text) - 1)
            pairs.append((start, rng.randint(start, len(text)), f"L{n}"))
        parsed = parse(render_text(text, 0, len(text), spans_of(pairs)))
        assert parsed.text == text
        assert len(parsed.marks) == len(pairs)


def test_a_section_renders_its_slice_with_page_offsets():
    text = "header text. Item one names the Director here."
    start = text.index("Item")
    director = text.index("Director")
    html = render_text(text, start, len(text), spans_of([(director, director + 8, "ROLE")]))
    parsed = parse(html)
    assert parsed.text == text[start:]
    assert parsed.marks[0]["data-start"] == str(director)


def test_markup_in_text_and_attributes_is_escaped():
    mention = {
        "label": "ROLE",
        "start_char": 0,
        "end_char": 8,
        "attrs": '{"title": "<script>x</script>", "remit": null, "sentence": "long"}',
    }
    html = render_text("<script>alert(1)</script>", 0, 25, [mention_span(mention)])
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_tooltip_lists_label_then_set_attributes():
    tip = describe_attrs(
        "JUDGEMENT", '{"framework": "SIF", "grade": "good", "grade_rank": 2, "subject": null}'
    )
    assert tip.splitlines() == ["JUDGEMENT", "grade: good", "framework: SIF", "grade rank: 2"]
