"""Person keys: one person written several ways gets one key; namesakes stay apart, flagged."""

from __future__ import annotations

import pytest

from linking.names import NameForm, assign_person_keys, compatible, fullest, parse_name


def keys(rows: list[tuple[str, str, str]], scope: str = "NMR") -> list[tuple[str, bool]]:
    """(person_key, ambiguous) of rows given as (doc_id, name, surname)."""
    given = [
        {"id": str(n), "doc_id": d, "scope": scope, "name": name, "surname": surname}
        for n, (d, name, surname) in enumerate(rows)
    ]
    return [(k["person_key"], k["person_key_ambiguous"]) for k in assign_person_keys(given)]


@pytest.mark.parametrize(
    ("name", "surname", "form"),
    [
        ("F M Oborski", "Oborski", NameForm("oborski", None, "fm")),
        ("Fran Oborski", "Oborski", NameForm("oborski", "fran", "f")),
        ("Oborski", "Oborski", NameForm("oborski", None, "")),
        ("S.A Webb", "Webb", NameForm("webb", None, "sa")),
        ("Sarah-Jane O\u2019Neill", "O\u2019Neill", NameForm("o'neill", "sarah-jane", "s")),
        ("Basil Curley MBE", None, NameForm("curley", "basil", "b")),
        ("Zo\u00eb Bennett-Wake", "Bennett-Wake", NameForm("bennett-wake", "zoe", "z")),
    ],
)
def test_written_names_are_read_into_forms(name, surname, form):
    assert parse_name(name, surname) == form


def test_compatible_forms():
    fran, fm, bare = (parse_name(n) for n in ("Fran Oborski", "F M Oborski", "Oborski"))
    assert compatible(fran, fm) and compatible(fm, bare) and compatible(fran, bare)
    assert compatible(parse_name("Frances Oborski"), fran)  # "Fran" begins "Frances"
    assert not compatible(parse_name("Jo Smith"), parse_name("John Smith"))  # too short
    assert not compatible(parse_name("F J Oborski"), fm)
    assert not compatible(parse_name("Mary Oborski"), fran)
    assert not compatible(parse_name("Fran Oborne"), fran)


def test_one_person_written_three_ways_on_three_pages_has_one_key():
    found = keys(
        [
            ("p1", "F M Oborski", "Oborski"),  # Mrs F M Oborski
            ("p2", "Fran Oborski", "Oborski"),  # Councillor Fran Oborski
            ("p3", "Oborski", "Oborski"),  # Cllr Oborski
        ]
    )
    assert found == [("NMR:oborski:fran", False)] * 3


def test_two_people_of_one_surname_stay_apart_and_a_bare_surname_is_flagged():
    found = keys(
        [
            ("p1", "John Smith", "Smith"),
            ("p2", "Jane Smith", "Smith"),
            ("p3", "Smith", "Smith"),  # either of them: a key of its own, flagged
            ("p1", "Smith", "Smith"),  # on John's page: John
            ("p4", "J Smith", "Smith"),  # John or Jane: flagged
            ("p5", "J Smith", "Smith"),
        ]
    )
    assert found == [
        ("NMR:smith:john", False),
        ("NMR:smith:jane", False),
        ("NMR:smith", True),
        ("NMR:smith:john", False),
        ("NMR:smith:j", True),
        ("NMR:smith:j", True),
    ]


def test_people_are_linked_within_their_scope_only():
    rows = [
        {"id": "a", "doc_id": "p1", "scope": "NMR", "name": "Ann Lee", "surname": "Lee"},
        {"id": "b", "doc_id": "p2", "scope": "WSX", "name": "Ann Lee", "surname": "Lee"},
        {"id": "c", "doc_id": "p3", "scope": "p3", "name": "A Lee", "surname": "Lee"},
    ]
    assert [k["person_key"] for k in assign_person_keys(rows)] == [
        "NMR:lee:ann",
        "WSX:lee:ann",
        "p3:lee:a",
    ]


def test_keys_do_not_depend_on_row_order():
    rows = [
        ("p1", "Oborski", "Oborski"),
        ("p2", "F M Oborski", "Oborski"),
        ("p3", "Fran Oborski", "Oborski"),
    ]
    assert keys(rows) == keys(rows[::-1])[::-1]


def test_the_fullest_written_form_prefers_a_first_name():
    assert fullest(["Oborski", "F M Oborski", "Fran Oborski"]) == "Fran Oborski"
    assert fullest(["Oborski", "F M Oborski"]) == "F M Oborski"
