"""Role vocabulary (modifiers, heads, connectors, abbreviations, word lists) loaded from JSONL."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractors.common import vocab

PATTERNS = Path(__file__).parent / "patterns.jsonl"

# Typographic variants folded before any comparison, so "Children’s" matches "Children's".
FOLD = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "}
    | {"\u2013": "-", "\u2014": "-"}
)
# Joining words inside multi-word heads and qualifiers keep their lower case ("Secretary of State").
SMALL_WORDS = {"of", "and", "for", "the", "&", "to"}
DASHES = {"-", "\u2013", "\u2014"}


def fold(text: str) -> str:
    """Fold quotes and case so vocabulary and page tokens compare equal."""
    return text.translate(FOLD).lower()


@dataclass(frozen=True)
class Head:
    """One head noun phrase of an office ("Director", "Cabinet Member"), singular or plural form."""

    words: tuple[str, ...]  # folded tokens of this form
    singular: tuple[str, ...]  # folded tokens of the singular form
    category: str
    bare: bool  # may stand alone ("the Chairman"); else needs a qualifier (or "of" topic)
    needs_of: bool  # "Head" is only an office as "Head of ..."
    lowercase: bool  # written in lower case too ("co-opted member")
    plural: bool
    qualifiers: tuple[tuple[str, ...], ...] = ()  # folded phrases allowed just before the head
    # Any Title Case phrase before the head qualifies it ("Youth Justice Service Manager").
    open: bool = False
    # The qualifiers grouped by length, longest first: one set lookup per length.
    qualifier_sets: tuple[tuple[int, frozenset[tuple[str, ...]]], ...] = ()
    # Offsets of the words whose capitals tell how the head is written (not "of", "and", ...).
    content: tuple[int, ...] = ()


@dataclass(frozen=True)
class Abbreviation:
    """An uppercase abbreviation of an office (DCS, CMR) and what it stands for."""

    text: str
    expansion: str
    category: str
    remit: str | None
    context: bool  # only an office in clear role context ("the AD for ...")


@dataclass(frozen=True)
class Connector:
    """Words linking a head to its remit or organisation ("with Responsibility for", ":")."""

    words: tuple[str, ...]
    slot: str  # "remit" or "organisation"
    check: bool  # the topic must contain a service word (":" or " - " could precede a name)
    spaced: bool  # dashes only count with spaces around them


@dataclass
class RoleVocab:
    """Everything the roles component matches, indexed for token-by-token scanning."""

    modifiers: set[str] = field(default_factory=set)
    heads: dict[str, list[Head]] = field(default_factory=dict)  # by first folded token
    abbreviations: dict[str, Abbreviation] = field(default_factory=dict)
    connectors: list[Connector] = field(default_factory=list)
    words: dict[str, set[str]] = field(default_factory=dict)


def pluralise(word: str) -> str:
    """The plural of a head's last word ("Chairman" -> "Chairmen", "Officer" -> "Officers")."""
    if word.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def load_role_vocab(tokenize: Callable[[str], list[str]], path: Path = PATTERNS) -> RoleVocab:
    """Read the JSONL vocabulary, tokenising phrases the same way as the page text."""
    rv = RoleVocab()

    def toks(text: str) -> tuple[str, ...]:
        return tuple(fold(t) for t in tokenize(text))

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        kind = entry["type"]
        if kind == "modifier":
            rv.modifiers.add(fold(entry["text"]))
        elif kind == "head":
            if entry["category"] not in vocab.ROLE_CATEGORIES:
                raise ValueError(f"{path.name}: unknown role category {entry['category']!r}")
            singular = toks(entry["text"])
            plural_text = entry.get("plural") or pluralise(entry["text"].split()[-1])
            plural = singular[:-1] + (fold(plural_text.split()[-1]),)
            quals = tuple(sorted((toks(q) for q in entry.get("qualifiers", [])), key=len))[::-1]
            sizes = sorted({len(q) for q in quals}, reverse=True)
            qual_sets = tuple((n, frozenset(q for q in quals if len(q) == n)) for n in sizes)
            for form, is_plural in ((singular, False), (plural, True)):
                head = Head(
                    words=form,
                    singular=singular,
                    category=entry["category"],
                    bare=entry.get("bare", True),
                    needs_of=entry.get("needs_of", False),
                    lowercase=entry.get("lowercase", False),
                    plural=is_plural,
                    qualifiers=quals,
                    qualifier_sets=qual_sets,
                    open=entry.get("open", False),
                    content=tuple(k for k, w in enumerate(form) if w not in SMALL_WORDS),
                )
                rv.heads.setdefault(form[0], []).append(head)
        elif kind == "abbreviation":
            rv.abbreviations[entry["text"]] = Abbreviation(
                text=entry["text"],
                expansion=entry["expansion"],
                category=entry["category"],
                remit=entry.get("remit"),
                context=entry.get("context", False),
            )
        elif kind == "connector":
            rv.connectors.append(
                Connector(
                    words=toks(entry["text"]),
                    slot=entry["slot"],
                    check=entry.get("check", False),
                    spaced=entry.get("spaced", False),
                )
            )
        elif kind == "words":
            rv.words[entry["name"]] = {fold(w) for w in entry["words"]}
        else:
            raise ValueError(f"{path.name}: unknown entry type {kind!r}")
    # Longest phrases first, so "Chief Executive Officer" wins over "Chief Executive".
    for heads in rv.heads.values():
        heads.sort(key=lambda h: len(h.words), reverse=True)
    rv.connectors.sort(key=lambda c: len(c.words), reverse=True)
    return rv
