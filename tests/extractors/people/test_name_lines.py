"""Name patterns tried only on lines holding a trigger word find what a whole-text scan finds."""

from __future__ import annotations

import pytest

from extractors.people.names import (
    CANON,
    CAPITALISED,
    bare_names,
    honorific_names,
    lines_holding,
    listed_names,
    load_name_vocab,
    names_before_roles,
)

TEXTS = [
    "Present: Cllrs R Bailey (Chair), S Bennett-Wake and N Cook\nApologies: Mr B Allbut",
    "The Derek Benson report\nDerek Benson, Independent Chairman\nRev. Canon P Williams",
    "Councillor Sir Richard Leese thanked Tracey Onslow.\n\nMrs Okafor (parent governor)",
    "no names at all here\nVictoria Street and Grace Academy",
    "Ian Moss\nCllr S.A Webb\tMs T Onslow\nMessrs A Smith & B Jones",
]


def test_trigger_words_are_capitalised_words():
    vocab = load_name_vocab()
    words = vocab.honorifics | vocab.plural_honorifics.keys() | vocab.first_names | {CANON}
    assert all(CAPITALISED.fullmatch(word) for word in words)


@pytest.mark.parametrize("text", TEXTS)
def test_line_limited_search_equals_whole_text(text):
    vocab = load_name_vocab()
    everywhere = lines_holding(text, set(CAPITALISED.findall(text)))
    for source in (listed_names, honorific_names, bare_names):
        assert list(source(text, vocab, everywhere)) == list(source(text, vocab))


def test_lines_holding():
    assert lines_holding("ab\ncd ab\n\nef", ["ab", "ef"]) == [(0, 2), (3, 8), (10, 12)]


def test_names_before_roles_needs_a_separator_before_the_role():
    text = "Marcus Okonjo - Democratic Services Officer\nMarcus Okonjo Democratic Services"
    starts = [text.index("Democratic"), text.rindex("Democratic")]
    found = list(names_before_roles(text, starts, load_name_vocab()))
    assert [text[c.start : c.end] for c in found] == ["Marcus Okonjo"]
