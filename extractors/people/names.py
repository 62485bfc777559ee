"""Personal names in minutes text: honorific names, lists after a plural honorific, bare names.

Pure text -> candidate spans (character offsets); the people component turns them into spaCy spans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PATTERNS = Path(__file__).parent / "patterns.jsonl"

# A surname or given name: "Benson", "Bennett-Wake", "O'Neill", "McDonald", "MacLeod".
NAME_WORD = r"(?:O['\u2019]|D['\u2019]|Mc|Mac)?[A-Z][a-z]+(?:[-'\u2019][A-Z][a-z]+)*"
# Initials with or without dots: "S A", "S.A", "S. A.", "F M".
INITIALS = r"(?:[A-Z](?:\. ?| )){1,3}"
# Spaces only: a name never runs across a line break or a tab (a table cell boundary).
SP = r" +"
# Initials then a surname, or up to three name words: "S A Webb", "Tracey Onslow", "Okafor".
NAME = rf"(?:{INITIALS}(?:{NAME_WORD}{SP})?{NAME_WORD}|(?:{NAME_WORD}{SP}){{0,2}}{NAME_WORD})"


@dataclass(frozen=True, eq=False)
class NameVocab:
    """Word lists from people/patterns.jsonl."""

    honorifics: frozenset[str]
    plural_honorifics: dict[str, str]
    not_name: frozenset[str]
    calendar: frozenset[str]
    first_names: frozenset[str]
    speech_verbs: frozenset[str]
    contexts: tuple[tuple[str, re.Pattern], ...]
    # Contexts read from the words just before a name ("substituting for Councillor ...").
    contexts_before: tuple[tuple[str, re.Pattern], ...] = ()


@dataclass(frozen=True)
class NameCandidate:
    """A name found in text: offsets of the name (no honorific) and the honorific as written."""

    start: int
    end: int
    honorific: str | None


@cache
def load_name_vocab(path: Path = PATTERNS) -> NameVocab:
    """Read the word lists once per process."""
    words: dict[str, list[str]] = {}
    contexts, before = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        if entry["kind"] == "context":
            contexts.append((entry["context"], re.compile(entry["regex"], re.I)))
        elif entry["kind"] == "context_before":
            before.append((entry["context"], re.compile(entry["regex"], re.I)))
        else:
            words[entry["kind"]] = entry["words"]
    singular = {"Cllrs": "Cllr", "Councillors": "Councillor", "Messrs": "Mr", "Drs": "Dr"}
    return NameVocab(
        honorifics=frozenset(words["honorific"]),
        plural_honorifics={w: singular.get(w, w.rstrip("s")) for w in words["plural_honorific"]},
        not_name=frozenset(words["not_name"]),
        calendar=frozenset(words["calendar"]),
        first_names=frozenset(words["first_name"]),
        speech_verbs=frozenset(words["speech_verb"]),
        contexts=tuple(contexts),
        contexts_before=tuple(before),
    )


@cache
def name_regexes(vocab: NameVocab) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(honorific name, plural-honorific list, bare two-word name) patterns."""
    hon = "|".join(sorted(map(re.escape, vocab.honorifics), key=len, reverse=True))
    plural = "|".join(sorted(map(re.escape, vocab.plural_honorifics), key=len, reverse=True))
    # Titles stack: "Councillor Sir Richard Leese", "Rev. Canon P Williams".
    stacked = rf"(?:{hon}|Canon)\.?(?:{SP}(?:Sir|Dame|Dr|Prof|Professor|Canon)\.?)*"
    honorific = re.compile(rf"\b(?P<hon>{stacked}){SP}(?P<name>{NAME})\b")
    # A listed name may carry a bracketed note: "Councillors A Smith (Chair), B Jones and C Brown".
    item = rf"{NAME}(?:[ \t]*\([^()\n]{{1,60}}\))?"
    separator = rf"(?:,{SP}|,?{SP}and{SP}|{SP}&{SP})"
    listed = re.compile(rf"\b(?P<hon>{plural})\.?{SP}(?P<list>{item}(?:{separator}{item})*)")
    bare = re.compile(rf"\b(?P<name>{NAME_WORD}{SP}(?:{INITIALS})?{NAME_WORD})\b")
    return honorific, listed, bare


def trim_name(text: str, start: int, end: int, vocab: NameVocab) -> int:
    """End offset of the name once words that cannot be part of a name are cut off the end."""
    words = list(re.finditer(r"\S+", text[start:end]))
    keep = len(words)
    for k, word in enumerate(words):
        bare = word.group().strip(".")
        if len(bare) > 1 and bare in vocab.not_name:  # initials like "A" are not the article
            keep = k
            break
    while keep and re.fullmatch(r"[A-Z]\.?", words[keep - 1].group()):
        keep -= 1  # a name never ends with an initial
    return start + words[keep - 1].end() if keep else start


def honorific_names(text: str, vocab: NameVocab) -> Iterator[NameCandidate]:
    """Names after a singular honorific: "Mr B Allbut", "Cllr Tracey Onslow", "Cllr S.A Webb"."""
    honorific, _, _ = name_regexes(vocab)
    for m in honorific.finditer(text):
        end = trim_name(text, m.start("name"), m.end("name"), vocab)
        if end > m.start("name"):
            yield NameCandidate(m.start("name"), end, m.group("hon"))


def listed_names(text: str, vocab: NameVocab) -> Iterator[NameCandidate]:
    """Each name of a list after a plural honorific: "Cllrs R Bailey, S Bennett-Wake and N Cook"."""
    _, listed, _ = name_regexes(vocab)
    single = re.compile(rf"{NAME}|\([^()\n]*\)")
    for m in listed.finditer(text):
        honorific = vocab.plural_honorifics[m.group("hon")]
        for part in single.finditer(text, m.start("list"), m.end("list")):
            if part.group().startswith("("):
                continue  # the note after a name ("(Chair)"), not a name
            end = trim_name(text, part.start(), part.end(), vocab)
            if end > part.start():
                yield NameCandidate(part.start(), end, honorific)


def bare_names(text: str, vocab: NameVocab) -> Iterator[NameCandidate]:
    """Names without honorific whose first word is a known given name: "Derek Benson"."""
    _, _, bare = name_regexes(vocab)
    for m in bare.finditer(text):
        words = m.group("name").split()
        if words[0] not in vocab.first_names:
            continue
        if any(w.strip(".") in vocab.not_name or w in vocab.calendar for w in words):
            continue
        after = re.match(r" ([A-Z][\w'\u2019]*)", text[m.end() : m.end() + 40])
        if after and after.group(1) in vocab.not_name:
            continue  # "Grace Academy", "Victoria Street": a name inside a place or body
        yield NameCandidate(m.start(), m.end(), None)


def names_before_roles(
    text: str, role_starts: list[int], vocab: NameVocab
) -> Iterator[NameCandidate]:
    """Two or three capitalised words right before a role: "Marcus Okonjo - Democratic ..."."""
    pattern = re.compile(
        rf"(?P<name>{NAME_WORD}(?:{SP}{NAME_WORD}){{1,2}})[ \t]*(?:,|-|\u2013|\()[ \t]*$"
    )
    for start in role_starts:
        line_start = text.rfind("\n", 0, start) + 1
        m = pattern.search(text, line_start, start)
        if m is None:
            continue
        words = m.group("name").split()
        if any(w in vocab.not_name or w in vocab.calendar for w in words):
            continue
        yield NameCandidate(m.start("name"), m.end("name"), None)


def find_names(text: str, vocab: NameVocab | None = None) -> list[NameCandidate]:
    """All name candidates in text order without overlaps (honorific forms win)."""
    vocab = vocab or load_name_vocab()
    found: list[NameCandidate] = []
    taken: list[tuple[int, int]] = []
    for source in (listed_names, honorific_names, bare_names):
        for cand in source(text, vocab):
            if any(cand.start < e and s < cand.end for s, e in taken):
                continue
            found.append(cand)
            taken.append((cand.start, cand.end))
    return sorted(found, key=lambda c: c.start)
