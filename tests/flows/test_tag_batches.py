"""Tag batches: one pipe over their pages; a page the pipeline fails on goes to errors."""

from __future__ import annotations

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from extractors.pipeline import build_nlp
from flows.stages import tag_with

MARK = "THIS-PAGE-BREAKS-THE-PIPELINE"


@Language.component("test_fails_on_mark")
def fails_on_mark(doc: Doc) -> Doc:
    if MARK in doc.text:
        raise ValueError("a component failed on this page")
    return doc


def page(n: int, body: str) -> dict:
    text = f"Cabinet - Tuesday, 3 March 2020\n\n1. Ofsted\n{body}\n"
    start = text.index("1. Ofsted")
    return {
        "doc_id": f"doc{n}",
        "source": f"page {n}.txt",
        "text": text,
        "items": [(f"doc{n}:1", start, len(text))],
    }


def test_a_page_the_pipeline_fails_on_is_an_errors_row_and_the_others_keep_their_rows():
    nlp = build_nlp()
    nlp.add_pipe("test_fails_on_mark", first=True)
    pages = [
        page(1, "Ofsted judged the service 'good' in 2019. Cllr Ann Lee, Cabinet Member."),
        page(2, f"{MARK} on 4 May 2021"),
        page(3, "The Director of Children's Services reported on 5 June 2022."),
    ]
    batch = tag_with(nlp, pages)
    assert batch.done == ["doc1", "doc3"]
    assert [(e["source"], e["stage"]) for e in batch.errors] == [("page 2.txt", "tag")]
    assert "a component failed on this page" in batch.errors[0]["message"]
    mentions = batch.frames["mentions"]
    assert set(mentions["doc_id"]) == {"doc1", "doc3"}
    # The rows of the pages that did not fail are those they get when tagged alone.
    alone = pd.concat([tag_with(nlp, [p]).frames["mentions"] for p in (pages[0], pages[2])])
    pd.testing.assert_frame_equal(mentions, alone.reset_index(drop=True))


def test_a_batch_tagged_at_once_gives_the_rows_of_its_pages_tagged_one_by_one():
    nlp = build_nlp()
    pages = [page(n, f"Meeting {n}: Ofsted rated it 'inadequate' in 201{n}.") for n in range(5)]
    together = tag_with(nlp, pages)
    one_by_one = pd.concat([tag_with(nlp, [p]).frames["mentions"] for p in pages])
    assert together.done == [p["doc_id"] for p in pages] and not together.errors
    assert len(together.frames["mentions"]) > 5
    pd.testing.assert_frame_equal(together.frames["mentions"], one_by_one.reset_index(drop=True))
