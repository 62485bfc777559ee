"""One key per person within a council: "Mrs F M Oborski", "Councillor Fran Oborski" and
"Cllr Oborski" are one person when nothing on the council says otherwise.

Rules: honorifics are ignored (the names arrive without them); two written forms are
compatible when their surnames are equal, one's initials begin the other's ("F" and "F M")
and their first names, when both are written, are equal or one begins the other and has
at least three letters ("Fran" and "Frances"). Forms are placed most informative first:
a form compatible with one person joins that person; with none, it starts a new person;
with several ("Cllr Smith" on a council with a John and a Jane Smith) it joins the one of
them named on its own page, else it keeps a key of its own and is flagged ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Letters after a name that are not part of it ("Basil Curley MBE").
POST_NOMINALS = {"mbe", "obe", "cbe", "bem", "jp", "dl", "qc", "kc", "mp", "mep", "frs"}
MIN_SHORT_NAME = 3  # "Fran" begins "Frances"; "Jo" is not taken to begin "John"
QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00a0": " "})


@dataclass(frozen=True, order=True)
class NameForm:
    """What a written name says of its person: surname, first name (if written), initials."""

    surname: str
    first: str | None
    initials: str

    def information(self) -> tuple:
        """Sort key: the most informative forms first (more initials, a first name, longer)."""
        first = self.first or ""
        return (-len(self.initials), self.first is None, -len(first), first, self.initials)


@dataclass
class Person:
    """A person being built: the merged form, the forms joined, the pages naming them."""

    form: NameForm
    docs: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without accents or typographic quotes, single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(QUOTES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def parse_name(name: str, surname: str | None = None) -> NameForm:
    """The form of a name written without honorific ("F M Oborski", "S.A Webb", "Oborski")."""
    words = [w for w in fold(name).split() if w.strip(".") not in POST_NOMINALS] or ["?"]
    last = fold(surname).split() if surname else words[-1:]
    given = words[: -len(last)] if words[-len(last) :] == last else words[:-1]
    tokens = [part for word in given for part in word.split(".") if part]
    first = tokens[0] if tokens and len(tokens[0]) > 1 else None
    return NameForm(" ".join(last), first, "".join(t[0] for t in tokens))


def first_names_agree(a: str | None, b: str | None) -> bool:
    """Whether two written first names can be one person's (either missing, equal, or short)."""
    if a is None or b is None or a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= MIN_SHORT_NAME and long_.startswith(short)


def compatible(a: NameForm, b: NameForm) -> bool:
    """Whether two forms can name one person."""
    return (
        a.surname == b.surname
        and (a.initials.startswith(b.initials) or b.initials.startswith(a.initials))
        and first_names_agree(a.first, b.first)
    )


def merged(a: NameForm, b: NameForm) -> NameForm:
    """The form of a person known by both forms (the longer first name and initials)."""
    first = max((a.first or "", b.first or ""), key=len) or None
    return NameForm(a.surname, first, max(a.initials, b.initials, key=len))


def slug(text: str) -> str:
    """A key part from folded text: letters, digits, hyphens and apostrophes."""
    return re.sub(r"[^a-z0-9'-]+", "-", fold(text)).strip("-") or "x"


def key_of(scope: str, form: NameForm) -> str:
    """`<scope>:<surname>[:<first name or initials>]`, e.g. `WOR:oborski:fran`."""
    ident = form.first or form.initials
    return f"{scope}:{slug(form.surname)}" + (f":{slug(ident)}" if ident else "")


def fullest(names: Iterable[str], surname: str | None = None) -> str:
    """The fullest written form: a first name, then more initials, then the longest, then A-Z."""

    def rank(name: str) -> tuple:
        form = parse_name(name, surname)
        return (form.first is None, -len(form.initials), -len(name), name)

    return min(names, key=rank)


def place_forms(rows: list[Mapping[str, Any]]) -> tuple[list[Person], dict[int, Person | None]]:
    """People of one surname in one scope; for each row, its person (None: ambiguous)."""
    forms: dict[NameForm, list[int]] = {}
    for i, row in enumerate(rows):
        forms.setdefault(parse_name(row["name"], row.get("surname")), []).append(i)
    people: list[Person] = []
    placed: dict[int, Person | None] = {}
    for form in sorted(forms, key=NameForm.information):
        found = [p for p in people if compatible(p.form, form)]
        if len(found) <= 1:
            person = found[0] if found else Person(form)
            if not found:
                people.append(person)
            person.form = merged(person.form, form)
            for i in forms[form]:
                placed[i] = person
                person.docs.add(rows[i]["doc_id"])
                person.names.append(rows[i]["name"])
            continue
        for i in forms[form]:  # several people fit: the one named on the same page, if one
            here = [p for p in found if rows[i]["doc_id"] in p.docs]
            placed[i] = here[0] if len(here) == 1 else None
    return people, placed


def assign_person_keys(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """For rows (id, doc_id, scope, name, surname): person_key, person_key_ambiguous, full_name.

    ``scope`` is the council id, or the page's doc_id for a page without a council, so
    people are linked within a council, else within a page only.
    """
    rows = list(rows)
    groups: dict[tuple[str, str], list[int]] = {}
    for i, row in enumerate(rows):
        surname = parse_name(row["name"], row.get("surname")).surname
        groups.setdefault((row["scope"], surname), []).append(i)
    out: list[dict[str, Any] | None] = [None] * len(rows)
    used: dict[str, object] = {}
    for (scope, surname), members in sorted(groups.items()):
        group = [rows[i] for i in members]
        people, placed = place_forms(group)
        keys = {
            id(p): unique_key(used, key_of(scope, p.form), (scope, surname, n))
            for n, p in enumerate(people)
        }
        names = {id(p): fullest(p.names, group[0].get("surname")) for p in people}
        for k, i in enumerate(members):
            person = placed[k]
            if person is not None:
                out[i] = {"person_key": keys[id(person)], "full_name": names[id(person)]}
                out[i] |= {"person_key_ambiguous": False}
                continue
            form = parse_name(rows[i]["name"], rows[i].get("surname"))
            key = unique_key(used, key_of(scope, form), ("ambiguous", scope, form))
            out[i] = {"person_key": key, "full_name": rows[i]["name"], "person_key_ambiguous": True}
    return [{"id": row["id"], **found} for row, found in zip(rows, out, strict=True) if found]


def unique_key(used: dict[str, object], key: str, owner: object) -> str:
    """The key, or the key with a ~N suffix when another person already holds it."""
    candidate, n = key, 1
    while used.setdefault(candidate, owner) != owner:
        n += 1
        candidate = f"{key}~{n}"
    return candidate
