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


def spans_of_doc(doc: spacy.tokens.Doc) -> list[tuple]:
    return [
        (group, span.start_char, span.end_char, span.label_, json.dumps(span._.attrs))
        for group in sorted(doc.spans)
        for span in doc.spans[group]
    ] + [("sents", s.start_char, s.end_char) for s in doc.sents]


def test_components_run_batch_by_batch_with_the_same_docs_as_one_by_one():
    # Language.pipe hands minibatches to each component's pipe(): every component
    # works through a batch before the next starts; the Docs must not change.
    nlp = build_nlp()
    texts = [
        "Cllr Ann Lee, Cabinet Member for Children's Services, met on 3rd March 2020.",
        "",
        "Ofsted judged the service 'good' in 2019.\n\nThe Director of Children's Services",
        "Financial year 2018/19 and 2nd-19th October 2018.",
    ] * 5
    assert all(hasattr(proc, "pipe") for _, proc in nlp.pipeline)
    one_by_one = [spans_of_doc(nlp(text)) for text in texts]
    for batch_size in (1, 3, 64):
        batched = [spans_of_doc(doc) for doc in nlp.pipe(texts, batch_size=batch_size)]
        assert batched == one_by_one
    assert any(one_by_one)
