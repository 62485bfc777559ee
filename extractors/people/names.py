"""Personal names in minutes text: honorific names, lists after a plural honorific, bare names.

Pure text -> candidate spans (character offsets); the people component turns them into spaCy spans.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
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
# Honorifics, plural honorifics and given names are all words like this: the words
# of a text, found in one fast scan, tell which name patterns can match at all.
CAPITALISED = re.compile(r"[A-Z][a-z]+")
# An honorific that may start a stack of titles ("Canon P Williams") without being listed.
CANON = "Canon"
# The capitalised word right after a name ("Grace Academy").
WORD_AFTER = re.compile(r" ([A-Z][\w'\u2019]*)")
# A name right before a role, then a separator: "Marcus Okonjo - ", "Tony Crane (".
NAME_BEFORE_ROLE = re.compile(
    rf"(?P<name>{NAME_WORD}(?:{SP}{NAME_WORD}){{1,2}})[ \t]*(?:,|-|\u2013|\()[ \t]*$"
)


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
    stacked = rf"(?:{hon}|{CANON})\.?(?:{SP}(?:Sir|Dame|Dr|Prof|Professor|Canon)\.?)*"
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


def lines_holding(text: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every line of the text in which one of the words occurs, in order."""
    lines = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            lines.add((text.rfind("\n", 0, at) + 1, end))
            at = text.find(word, end)
    return sorted(lines)


def finditer_lines(
    pattern: re.Pattern[str], text: str, lines: list[tuple[int, int]] | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, tried only on the given lines (None: the whole text).

    The same matches for patterns that never span a line break: a name runs over
    spaces only, and each line's end reads as the end of the text to ``\\b``.
    """
    if lines is None:
        yield from pattern.finditer(text)
        return
    for start, end in lines:
        yield from pattern.finditer(text, start, end)


def honorific_names(
    text: str, vocab: NameVocab, lines: list[tuple[int, int]] | None = None
) -> Iterator[NameCandidate]:
    """Names after a singular honorific: "Mr B Allbut", "Cllr Tracey Onslow", "Cllr S.A Webb".

    ``lines`` limits the search to lines holding an honorific (None: every line).
    """
    honorific, _, _ = name_regexes(vocab)
    for m in finditer_lines(honorific, text, lines):
        end = trim_name(text, m.start("name"), m.end("name"), vocab)
        if end > m.start("name"):
            yield NameCandidate(m.start("name"), end, m.group("hon"))


def listed_names(
    text: str, vocab: NameVocab, lines: list[tuple[int, int]] | None = None
) -> Iterator[NameCandidate]:
    """Each name of a list after a plural honorific: "Cllrs R Bailey, S Bennett-Wake and N Cook".

    ``lines`` limits the search to lines holding a plural honorific (None: every line).
    """
    _, listed, _ = name_regexes(vocab)
    single = re.compile(rf"{NAME}|\([^()\n]*\)")
    for m in finditer_lines(listed, text, lines):
        honorific = vocab.plural_honorifics[m.group("hon")]
        for part in single.finditer(text, m.start("list"), m.end("list")):
            if part.group().startswith("("):
                continue  # the note after a name ("(Chair)"), not a name
            end = trim_name(text, part.start(), part.end(), vocab)
            if end > part.start():
                yield NameCandidate(part.start(), end, honorific)


def bare_names(
    text: str, vocab: NameVocab, lines: list[tuple[int, int]] | None = None
) -> Iterator[NameCandidate]:
    """Names without honorific whose first word is a known given name: "Derek Benson".

    ``lines`` limits the search to lines holding a given name (None: every line).
    """
    _, _, bare = name_regexes(vocab)
    for m in finditer_lines(bare, text, lines):
        words = m.group("name").split()
        if words[0] not in vocab.first_names:
            continue
        if any(w.strip(".") in vocab.not_name or w in vocab.calendar for w in words):
            continue
        after = WORD_AFTER.match(text, m.end(), m.end() + 40)
        if after and after.group(1) in vocab.not_name:
            continue  # "Grace Academy", "Victoria Street": a name inside a place or body
        yield NameCandidate(m.start(), m.end(), None)


def names_before_roles(
    text: str, role_starts: list[int], vocab: NameVocab
) -> Iterator[NameCandidate]:
    """Two or three capitalised words right before a role: "Marcus Okonjo - Democratic ..."."""
    pattern = NAME_BEFORE_ROLE
    for start in role_starts:
        line_start = text.rfind("\n", 0, start) + 1
        if not text[line_start:start].rstrip(" \t").endswith((",", "-", "\u2013", "(")):
            continue  # the pattern's tail: no need to try it along the whole line
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
    # Each pattern starts with a word of one list: try it only on lines holding one.
    words = set(CAPITALISED.findall(text))
    sources = (
        (listed_names, words.intersection(vocab.plural_honorifics)),
        (honorific_names, words.intersection(vocab.honorifics) | words.intersection((CANON,))),
        (bare_names, words.intersection(vocab.first_names)),
    )
    for source, triggers in sources:
        if not triggers:
            continue
        for cand in source(text, vocab, lines_holding(text, triggers)):
            if any(cand.start < e and s < cand.end for s, e in taken):
                continue
            found.append(cand)
            taken.append((cand.start, cand.end))
    return sorted(found, key=lambda c: c.start)
