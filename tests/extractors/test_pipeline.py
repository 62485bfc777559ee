"""The assembled pipeline: components in order, page segmentation, mentions in page offsets."""

from __future__ import annotations

import json

import spacy

from extractors.pipeline import COMPONENTS, build_nlp, segment_page, tag_segments


def test_components_are_registered_through_entry_points():
    nlp = spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    assert nlp.pipe_names == list(COMPONENTS)


def test_segments_cover_header_items_and_trailing_text():
    text = "Header\n\n1. Apologies\nNone.\n\n2. Minutes\nAgreed.\n\nFooter text"
    s1, e1 = text.index("1. Apologies"), text.index("\n\n2.")
    s2, e2 = text.index("2. Minutes"), text.index("\n\nFooter")
    segments = segment_page("d", text, [("d:2", s2, e2), ("d:1", s1, e1)])
    assert [(s.item_id, s.start_char, s.text) for s in segments] == [
        (None, 0, "Header\n\n"),
        ("d:1", s1, "1. Apologies\nNone."),
        ("d:2", s2, "2. Minutes\nAgreed."),
        (None, e2, "\n\nFooter text"),
    ]


def test_mentions_are_in_page_offsets_and_grounded():
    text = (
        "Contact: Karen Lowe/Simon Hale  Democratic Services Officers\n\n"
        "1.\nApologies\n\nApologies were received from Cllr J Trelawny on Friday 11 August 2017.\n"
        "Ofsted rated the services as 'inadequate' in 2016."
    )
    start = text.index("1.")
    segments = segment_page("d", text, [("d:1", start, len(text))])
    mentions = list(tag_segments(build_nlp(), segments))
    labels = {(m.label, m.text) for m in mentions}
    assert ("PERSON", "J Trelawny") in labels and ("PERSON", "Karen Lowe") in labels
    assert ("DATE", "Friday 11 August 2017") in labels
    assert ("JUDGEMENT", "inadequate") in labels
    for m in mentions:
        assert text[m.start_char : m.end_char] == m.text
        assert isinstance(json.loads(m.attrs), dict)
