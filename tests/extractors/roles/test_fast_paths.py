"""The roles component's shortcuts agree with the plain definitions they stand in for.

Each shortcut (triggers read from the word memo, connectors tried by first word, line
breaks found by one pass over a slice, the span group made once) is checked against the
slow reading on inputs where it could go wrong: other cases, curly apostrophes, line
breaks and gaps next to a trigger, triggers and connectors at the very ends of the text.
"""

from __future__ import annotations

import json

import pytest
import spacy

import extractors.roles  # noqa: F401  (registers the factory)
from extractors.roles.tokens import any_break, line_break_before, read_token_table
from extractors.roles.vocab import SMALL_WORDS

TRICKY = [
    "Director",
    "director",
    "DIRECTOR OF CHILDREN'S SERVICES",
    "the Director",
    "The Director of\nChildren\u2019s Services reported.",
    "The Director\nof Children's Services",
    "the director of children\u2019s services\n",
    "Cabinet Member with Responsibility (CMR) for Children and Families",
    "Cabinet Member with Responsibility (CMR) for",
    "Cabinet Member with\nResponsibility for Children",
    "Cabinet Member WITH RESPONSIBILITY FOR Adult Social Care",
    "Assistant Director - Safeguarding Services (Children's Social Care)",
    "Assistant Director -Safeguarding Services",
    "Assistant Director \u2013 Safeguarding Services",
    "Assistant Director:",
    "Assistant Director: Safeguarding Services",
    "DCS at Cornwall Council",
    "DCS at",
    "the AD for Education",
    "AD",
    "Director of Children's Services, Leeds City Council",
    "Corporate Director, Children, Young People and Education",
    "  Chairman  \n\n Vice-Chairman\n",
    "Present: Cllr J Ashby (Chairman)\n\nMr A Pryce (co-opted member)",
    "CHAIRMAN'S ANNOUNCEMENTS \u2013 Vice-Chairman, Well-being",
    "WCF's Director of Resources",
    "Members asked and officers explained.",
    "Head Office\nHead of Legal and Democratic Services",
    "Portfolio Holder for",
    "for Children and Families Portfolio Holder",
    "",
    "\n",
]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("minutes_roles")
    return nlp


def spans(doc) -> list[tuple]:
    """Every role span with its attributes, in group order."""
    group = doc.spans["minutes_roles"]
    return [(s.start, s.end, s.label_, json.dumps(s._.attrs, sort_keys=True)) for s in group]


@pytest.mark.parametrize("text", TRICKY)
def test_triggers_are_the_tokens_that_can_start_an_office(nlp, text):
    """The table's triggers are exactly the tokens the trigger test accepts, read from Tokens."""
    doc = nlp.make_doc(text)
    memo = nlp.get_pipe("minutes_roles").scanner.memo
    t, triggers = read_token_table(doc, memo)
    expected = [k for k, tok in enumerate(doc) if memo.is_trigger(tok.text, tok.lower_)]
    assert triggers == expected
    assert (t is None) == (not expected)


@pytest.mark.parametrize("text", TRICKY)
def test_any_break_agrees_with_each_token(nlp, text):
    doc = nlp.make_doc(text)
    memo = nlp.get_pipe("minutes_roles").scanner.memo
    t, _ = read_token_table(doc, memo)
    if t is None:
        return
    n = len(doc)
    for a in range(-2, n + 3):
        for b in range(-2, n + 3):
            slow = any(line_break_before(t, k) for k in range(a, b))
            assert any_break(t, a, b) == slow, (a, b)


@pytest.mark.parametrize("text", TRICKY)
def test_connector_index_agrees_with_trying_every_connector(nlp, text):
    """Trying only the connectors starting with the next word finds what trying all does."""
    every = spacy.blank("en")
    every.add_pipe("minutes_roles")
    every.get_pipe("minutes_roles").scanner.words.connectors_by_start = None
    assert spans(nlp(text)) == spans(every(text))


def test_an_existing_group_is_extended(nlp):
    """Spans already in the group stay, and the roles follow them (as appending did)."""
    doc = nlp.make_doc("The Director reported.")
    doc.spans["minutes_roles"] = [doc[0:1]]
    doc = nlp.get_pipe("minutes_roles")(doc)
    assert [s.text for s in doc.spans["minutes_roles"]] == ["The", "Director"]


def test_a_doc_without_roles_gets_an_empty_group(nlp):
    assert list(nlp("Members asked about the budget.").spans["minutes_roles"]) == []


def test_head_content_offsets_are_its_words_bar_small_words(nlp):
    rv = nlp.get_pipe("minutes_roles").scanner.rv
    for heads in rv.heads.values():
        for head in heads:
            assert head.content == tuple(
                k for k, w in enumerate(head.words) if w not in SMALL_WORDS
            )
