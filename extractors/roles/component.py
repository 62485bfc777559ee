"""The roles component: offices such as "Cabinet Member for Children and Families" in minutes.

A role is ``[modifier]* head [connector topic]? [(bracket)]? [organisation]?`` where the head
comes from ``roles/patterns.jsonl``. Conventions (matching the gold annotations):

- the span starts at the first modifier/head word, never at "the"/"a"/"our";
- generic plurals and bare nouns are not offices: "Members asked", "officers explained",
  "Cabinet", "Scrutiny Panel", "member of the public", "Children's Services";
- qualified plurals are ("Overview & Scrutiny Officers", "Cabinet Members", "Chief Officers");
- "the Director's report" yields the office "Director";
- an abbreviation defined in brackets inside a role ("(CMR)") is also a span of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc

from extractors.common import vocab
from extractors.common.spans import add_span
from extractors.roles.vocab import (
    DASHES,
    FOLD,
    PATTERNS,
    SMALL_WORDS,
    Abbreviation,
    RoleVocab,
    RoleWords,
    fold,
    is_acronym,
    is_title,
    line_break_before,
    load_role_vocab,
)

GROUP = vocab.SPAN_GROUPS[vocab.ROLE]
# Offices whose remit is often written in front: "Children's Services Portfolio Holder".
REMIT_FIRST = ("portfolio_holder",)


@dataclass
class RoleMatch:
    """A recognised office as token offsets plus what the scanner learnt about it."""

    start: int
    end: int
    head: tuple[int, int]
    category: str
    left: list[int] = field(default_factory=list)  # modifier/qualifier token indices
    remit: tuple[int, int] | None = None
    remit_text: str | None = None  # from an abbreviation's meaning (DCS -> Children's Services)
    organisation: str | None = None
    expansion: str | None = None  # the meaning of an abbreviation head
    singular: str | None = None  # singular form of a plural head's last word
    nested: list[int] = field(default_factory=list)  # bracketed abbreviations inside ("(CMR)")
    modifiers: tuple[str, ...] = ()

    @property
    def bare(self) -> bool:
        """A title with no remit or organisation ("the Director"), resolved to an earlier one."""
        return self.remit is None and self.remit_text is None and self.organisation is None


def categorise(base: str, modifiers: tuple[str, ...]) -> str:
    """Refine a head's category by its modifiers ("Vice-Chairman", "Chief Financial Officer")."""
    mods = set(modifiers)
    if base == "chair" and mods & {"vice", "deputy"}:
        return "vice_chair"
    if base == "member" and mods & {"executive", "lead", "cabinet"}:
        return "cabinet_member"
    if base in ("officer", "manager", "other") and "chief" in mods:
        return "chief_officer"
    return base


def case_like(word: str, model: str) -> str:
    """``word`` capitalised like ``model`` (for the singular of a plural head)."""
    if model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


class RoleScanner:
    """Find offices token by token: a head, then modifiers to its left and a topic to its right."""

    def __init__(self, rv: RoleVocab):
        self.rv = rv
        self.words = RoleWords(rv)
        self._hashes: tuple[np.ndarray, np.ndarray] | None = None

    def scan(self, doc: Doc) -> list[RoleMatch]:
        """All offices in the Doc, in text order, without overlaps (bar bracketed abbreviations)."""
        found: list[RoleMatch] = []
        floor = 0
        for i in self.trigger_tokens(doc):
            if i < floor:
                continue
            m = self.match_at(doc, i, floor)
            if m is not None:
                found.append(m)
                floor = m.end
        return found

    def trigger_tokens(self, doc: Doc) -> list[int]:
        """Indices of tokens that can start an office: a head's first word or an abbreviation.

        Only these are tried (a vectorised lookup on hashes): calling match_at on
        every token cost more than the rest of the tagging pipeline.
        """
        strings = doc.vocab.strings
        if self._hashes is None:
            lower = set()
            for word in self.rv.heads:
                for variant in {word, word.replace("'", "\u2019"), word.replace("'", "\u2018")}:
                    lower.add(strings.add(variant))
            orth = {strings.add(text) for text in self.rv.abbreviations}
            self._hashes = (
                np.array(sorted(lower), dtype=np.uint64),
                np.array(sorted(orth), dtype=np.uint64),
            )
        lower_hashes, orth_hashes = self._hashes
        table = doc.to_array([LOWER, ORTH])
        hits = np.isin(table[:, 0], lower_hashes) | np.isin(table[:, 1], orth_hashes)
        return np.flatnonzero(hits).tolist()

    def match_at(self, doc: Doc, i: int, floor: int) -> RoleMatch | None:
        """The office whose head starts at token i, if any."""
        abbr = self.rv.abbreviations.get(doc[i].text)
        if abbr is not None:
            return self.match_abbreviation(doc, i, abbr)
        head = self.words.match_head(doc, i)
        if head is None:
            return None
        end = i + len(head.words)
        start, left, qualified = self.walk_left(doc, i, head, floor)
        m = RoleMatch(start=start, end=end, head=(i, end), category=head.category, left=left)
        self.walk_right(doc, m)
        if head.category in REMIT_FIRST and m.remit is None:
            self.take_remit_before(doc, m, floor)
        if head.needs_of and m.bare:
            return None  # "Head Office", "head of steam"
        if not head.bare and not head.needs_of and not qualified:
            return None  # "Officers", "Members", "Manager" on their own are not offices
        if head.plural and len(head.words) == 1 and not left and m.bare:
            return None
        if head.plural:
            m.singular = case_like(head.singular[-1], doc[end - 1].text)
        m.modifiers = tuple(fold(doc[k].text) for k in left if doc[k].text not in DASHES)
        m.category = categorise(head.category, m.modifiers)
        if m.organisation is None:
            m.organisation = self.possessive_organisation(doc, start)
        return m

    def match_abbreviation(self, doc: Doc, i: int, abbr: Abbreviation) -> RoleMatch | None:
        """An abbreviated office ("DCS at Cornwall Council", "the CMR for Children")."""
        m = RoleMatch(
            start=i,
            end=i + 1,
            head=(i, i + 1),
            category=abbr.category,
            remit_text=abbr.remit,
            expansion=abbr.expansion,
        )
        self.walk_right(doc, m)
        if abbr.context:
            prev = fold(doc[i - 1].text) if i > 0 else ""
            if prev not in ("the", "an", "(") and m.remit is None:
                return None  # "AD" is too short to trust without "the AD" or "AD for ..."
        return m

    def walk_left(self, doc: Doc, i: int, head, floor: int) -> tuple[int, list[int], bool]:
        """Extend over qualifiers and modifiers before the head: (start, tokens, qualified)."""
        j, left, qualified = i, [], False
        while j > floor and not line_break_before(doc, j):
            a = self.words.match_qualifier_left(doc, j, head, floor)
            if a is not None:
                left.extend(range(a, j))
                j, qualified = a, True
                continue
            prev = doc[j - 1]
            if prev.is_alpha and fold(prev.text) in self.rv.modifiers:
                left.append(j - 1)
                j -= 1
                continue
            if (
                prev.text in DASHES
                and not prev.whitespace_
                and j - 2 >= floor
                and not doc[j - 2].whitespace_
                and fold(doc[j - 2].text) in self.rv.modifiers
            ):
                left.extend((j - 2, j - 1))  # "Vice-Chairman"
                j -= 2
                continue
            break
        return j, sorted(left), qualified

    def take_remit_before(self, doc: Doc, m: RoleMatch, floor: int) -> None:
        """A remit written before the head: "Children and Families Portfolio Holder"."""
        j, first = m.start, None
        while j > floor and not line_break_before(doc, j):
            prev = doc[j - 1]
            if prev.is_title and self.rv.is_word("remit", prev):
                j -= 1
                first = j
            elif fold(prev.text) in ("and", "&", ",", "'s"):
                j -= 1
            else:
                break
        if first is not None:
            m.remit = (first, m.start)
            m.start = first

    def walk_right(self, doc: Doc, m: RoleMatch) -> None:
        """Extend the office over its remit, a bracket and its organisation."""
        k = self.take_topic(doc, m, m.end)
        k = self.take_bracket(doc, m, k)
        if m.organisation is None:
            after = self.take_organisation(doc, m, k)
            if after > k:
                k = self.take_bracket(doc, m, after)
        m.end = k

    def match_connector(self, doc: Doc, k: int, words: tuple[str, ...]) -> tuple[int, list[int]]:
        """Index after the connector at k (-1 if absent) and bracketed abbreviations inside it."""
        nested: list[int] = []
        for w_i, word in enumerate(words):
            if (
                w_i
                and k + 2 < len(doc)
                and doc[k].text == "("
                and doc[k + 2].text == ")"
                and doc[k + 1].text in self.rv.abbreviations
            ):
                nested.append(k + 1)  # "with Responsibility (CMR) for"
                k += 3
            if k >= len(doc) or line_break_before(doc, k) or fold(doc[k].text) != word:
                return -1, []
            k += 1
        return k, nested

    def take_topic(self, doc: Doc, m: RoleMatch, k: int) -> int:
        """Consume a connector and its remit/organisation, or a remit written straight after."""
        w = self.words
        for c in self.rv.connectors:
            after, nested = self.match_connector(doc, k, c.words)
            if after < 0 or after >= len(doc):
                continue
            if c.spaced and not (doc[k - 1].whitespace_ and doc[k].whitespace_):
                continue
            if fold(doc[after].text) == "the" and c.words in (("of",), ("for",), ("at",)):
                end = w.parse_run(doc, after + 1)
                if end > after + 1 and (
                    c.slot != "organisation" or w.is_organisation(doc, after + 1, end)
                ):
                    m.organisation = tidy(doc[after + 1 : end].text)
                    m.nested += nested
                    return end
                continue
            end = w.parse_run(doc, after)
            if end == after or (c.check and not w.has_word(doc, after, end, "remit")):
                continue
            if w.is_organisation(doc, after, end):
                m.organisation = tidy(doc[after:end].text)
            elif c.slot == "organisation":
                continue
            else:
                m.remit = (after, end)
            m.nested += nested
            return end
        end = w.parse_run(doc, k)
        if end > k and w.has_word(doc, k, end, "remit") and not w.is_organisation(doc, k, end):
            m.remit = (
                k,
                end,
            )  # "Director Children's Services", "Assistant Director Safeguarding ..."
            return end
        return k

    def take_bracket(self, doc: Doc, m: RoleMatch, k: int) -> int:
        """Consume "(Children's Social Care)", "(WCF)" or "(DCS)" right after the office."""
        if k >= len(doc) or doc[k].text != "(" or line_break_before(doc, k):
            return k
        close = next(
            (c for c in range(k + 1, min(k + 14, len(doc))) if doc[c].text in (")", "(")), None
        )
        if close is None or doc[close].text != ")" or close == k + 1:
            return k
        a, b = k + 1, close
        if any(line_break_before(doc, x) for x in range(a, b + 1)):
            return k
        if b - a == 1 and doc[a].text in self.rv.abbreviations:
            m.nested.append(a)
        elif b - a == 1 and is_acronym(doc[a]):
            m.organisation = m.organisation or doc[a].text
        elif self.words.parse_run(doc, a) != b:
            return k
        elif self.words.has_word(doc, a, b, "remit"):
            m.remit = (m.remit[0], close + 1) if m.remit else (a, b)
        elif self.words.is_organisation(doc, a, b):
            m.organisation = m.organisation or tidy(doc[a:b].text)
        else:
            return k
        return close + 1

    def take_organisation(self, doc: Doc, m: RoleMatch, k: int) -> int:
        """Consume "at Cornwall Council", "of the County Council" or ", Leeds City Council"."""
        if k + 1 >= len(doc) or line_break_before(doc, k + 1):
            return k
        f = fold(doc[k].text)
        a = k + 1
        if f in ("at", "of") and fold(doc[a].text) == "the":
            a += 1
        elif f not in ("at", ","):
            return k
        end = self.words.parse_run(doc, a)
        if end == a or not self.words.is_organisation(doc, a, end):
            return k
        if f == "," and end - a < 2:
            return k  # a lone "Cabinet" after a comma is a list, not an employer
        m.organisation = tidy(doc[a:end].text)
        return end

    def possessive_organisation(self, doc: Doc, start: int) -> str | None:
        """The body named before the office in a possessive ("WCF's Director of Resources")."""
        if start < 2 or fold(doc[start - 1].text) != "'s" or doc[start - 2].whitespace_:
            return None
        k = start - 2
        while k >= 0 and is_title(doc[k]) and not self.rv.is_word("stop", doc[k]):
            if k == 0 or line_break_before(doc, k) or not is_title(doc[k - 1]):
                break
            if self.rv.is_word("stop", doc[k - 1]) or self.rv.is_word("honorific", doc[k - 1]):
                break
            k -= 1
        if not is_title(doc[k]) or self.rv.is_word("stop", doc[k]):
            return None
        return tidy(doc[k : start - 1].text)


def tidy(text: str) -> str:
    """Collapse whitespace, fold typographic quotes and strip edge punctuation."""
    return re.sub(r"\s+", " ", text.translate(FOLD)).strip(" .,:;")


def build_title(doc: Doc, m: RoleMatch) -> str:
    """The canonical title: abbreviations expanded, plural head singular, modifiers capitalised."""
    skip: set[int] = set()
    for k in m.nested:
        skip.update((k - 1, k, k + 1))  # drop "(CMR)": the expansion is already the title
    parts = []
    for k in range(m.start, m.end):
        if k in skip:
            continue
        tok = doc[k]
        text = tok.text
        if m.expansion and k == m.head[0]:
            text = m.expansion
        elif m.singular and k == m.head[1] - 1:
            text = m.singular
        after_hyphen = k > 0 and doc[k - 1].text == "-" and not doc[k - 1].whitespace_
        small = fold(text) in SMALL_WORDS
        if (k in m.left or m.head[0] <= k < m.head[1]) and not after_hyphen and not small:
            text = text[:1].upper() + text[1:]
        parts.append(text + tok.whitespace_)
    return tidy("".join(parts))


def resolve_bare(doc: Doc, matches: list[RoleMatch]) -> list[str | None]:
    """For each bare title, the text of the latest earlier full title of the same kind."""
    latest: dict[tuple[str, tuple[str, ...]], str] = {}
    resolved: list[str | None] = []
    for m in matches:
        kind = (m.category, m.modifiers)
        if m.bare and m.singular is None:  # a plural ("Cabinet Members") is a group, not one post
            resolved.append(latest.get(kind))
        else:
            resolved.append(None)
            if not m.bare:
                latest[kind] = tidy(doc[m.start : m.end].text)
    return resolved


class RolesComponent:
    """Tag offices in ``doc.spans["minutes_roles"]`` with title, category, remit, organisation."""

    def __init__(self, nlp: Language, *, patterns: str | None = None, resolve: bool = True):
        path = Path(patterns) if patterns else PATTERNS
        role_vocab = load_role_vocab(lambda s: [t.text for t in nlp.tokenizer(s)], path)
        self.scanner = RoleScanner(role_vocab)
        self.resolve = resolve

    def __call__(self, doc: Doc) -> Doc:
        doc.spans.setdefault(GROUP, [])
        matches = self.scanner.scan(doc)
        resolved = resolve_bare(doc, matches) if self.resolve else [None] * len(matches)
        for m, source in zip(matches, resolved, strict=True):
            attrs = {
                "title": build_title(doc, m),
                "category": m.category,
                "remit": tidy(doc[m.remit[0] : m.remit[1]].text) if m.remit else m.remit_text,
                "organisation": m.organisation,
                "person": None,
                "resolved_from": source,
            }
            end = doc[m.end - 1]
            add_span(doc, GROUP, doc[m.start].idx, end.idx + len(end.text), vocab.ROLE, attrs)
            for k in m.nested:
                tok = doc[k]
                add_span(doc, GROUP, tok.idx, tok.idx + len(tok.text), vocab.ROLE, dict(attrs))
        return doc


@Language.factory("minutes_roles", default_config={"patterns": None, "resolve": True})
def make_roles_component(
    nlp: Language, name: str, patterns: str | None, resolve: bool
) -> RolesComponent:
    """Build the roles component (``patterns`` overrides the bundled roles/patterns.jsonl)."""
    return RolesComponent(nlp, patterns=patterns, resolve=resolve)
