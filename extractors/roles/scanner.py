"""Find offices token by token: trigger on a head or an abbreviation, then walk left and right."""

from __future__ import annotations

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc

from extractors.roles.left import possessive_organisation, take_remit_before, walk_left
from extractors.roles.match import RoleMatch, case_like, categorise
from extractors.roles.right import walk_right
from extractors.roles.vocab import DASHES, Abbreviation, Head, RoleVocab, fold
from extractors.roles.words import RoleWords

# Offices whose remit is often written in front: "Children's Services Portfolio Holder".
REMIT_FIRST = ("portfolio_holder",)


def known_in_lower_case(doc: Doc, m: RoleMatch, head: Head, qualified: bool) -> bool:
    """Whether an office written in lower case is one ("the monitoring officer").

    It needs "the" before it and words that make it a known office: a head of several
    words, a qualifier, or a remit after it.
    """
    after_the = m.start > 0 and fold(doc[m.start - 1].text) == "the"
    known = len(head.words) > 1 or qualified or m.remit is not None
    return after_the and known and not head.plural


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
        lower = head is None
        if lower:
            head = self.words.match_head(doc, i, lower=True)
        if head is None:
            return None
        end = i + len(head.words)
        start, left, qualified = walk_left(self.words, doc, i, head, floor, lower=lower)
        m = RoleMatch(start=start, end=end, head=(i, end), category=head.category, left=left)
        m.lower = lower and not head.lowercase
        walk_right(self.words, doc, m)
        if m.lower and not known_in_lower_case(doc, m, head, qualified):
            return None
        if head.category in REMIT_FIRST and m.remit is None:
            take_remit_before(self.words, doc, m, floor)
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
            m.organisation = possessive_organisation(self.words, doc, start)
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
        walk_right(self.words, doc, m)
        if abbr.context:
            prev = fold(doc[i - 1].text) if i > 0 else ""
            if prev not in ("the", "an", "(") and m.remit is None:
                return None  # "AD" is too short to trust without "the AD" or "AD for ..."
        return m
