"""Find offices token by token: trigger on a head or an abbreviation, then walk left and right."""

from __future__ import annotations

from spacy.tokens import Doc

from extractors.roles.left import possessive_organisation, take_remit_before, walk_left
from extractors.roles.match import RoleMatch, case_like, categorise
from extractors.roles.right import walk_right
from extractors.roles.tokens import TokenTable, WordMemo, read_token_table
from extractors.roles.vocab import DASHES, Abbreviation, Head, RoleVocab
from extractors.roles.words import RoleWords

# Offices whose remit is often written in front: "Children's Services Portfolio Holder".
REMIT_FIRST = ("portfolio_holder",)


def known_in_lower_case(t: TokenTable, m: RoleMatch, head: Head, qualified: bool) -> bool:
    """Whether an office written in lower case is one ("the monitoring officer").

    It needs "the" before it and words that make it a known office: a head of several
    words, a qualifier, or a remit after it.
    """
    known = len(head.words) > 1 or qualified or m.remit is not None
    return follows_the(t, m.start) and known and not head.plural


def follows_the(t: TokenTable, start: int) -> bool:
    """Whether the word before token ``start`` is "the"."""
    return start > 0 and t.folded[start - 1] == "the"


class RoleScanner:
    """Find offices token by token: a head, then modifiers to its left and a topic to its right."""

    def __init__(self, rv: RoleVocab):
        self.rv = rv
        self.words = RoleWords(rv)
        # A word can start an office if it is a head's first word (lower-cased, with either
        # apostrophe) or an abbreviation: only tokens of such words are tried.
        starts = {
            v for w in rv.heads for v in (w, w.replace("'", "\u2019"), w.replace("'", "\u2018"))
        }
        self.memo = WordMemo(lambda text, lower: lower in starts or text in rv.abbreviations)

    def scan(self, doc: Doc) -> tuple[list[RoleMatch], TokenTable | None]:
        """All offices in the Doc, in text order, without overlaps (bar bracketed abbreviations).

        Also returns the Doc's token table, or None when no token can start an office
        (then no table is built and nothing more is tried).
        """
        # Only tokens that can start an office are tried: calling match_at on every token
        # cost more than the rest of the tagging pipeline.
        t, triggers = read_token_table(doc, self.memo)
        if t is None:
            return [], None
        found: list[RoleMatch] = []
        floor = 0
        for i in triggers:
            if i < floor:
                continue
            m = self.match_at(t, i, floor)
            if m is not None:
                found.append(m)
                floor = m.end
        return found, t

    def match_at(self, t: TokenTable, i: int, floor: int) -> RoleMatch | None:
        """The office whose head starts at token i, if any."""
        abbr = self.rv.abbreviations.get(t.words[i].text)
        if abbr is not None:
            return self.match_abbreviation(t, i, abbr)
        head, lower = self.words.match_head(t, i)
        if head is None:
            return None
        if lower and not head.lowercase and head.plural:
            return None  # never known in lower case ("members asked"): skip the walks
        end = i + len(head.words)
        start, left, qualified = walk_left(self.words, t, i, head, floor, lower=lower)
        # The tests below that need only the left side run before the costlier right walk.
        if not head.bare and not head.needs_of and not qualified:
            return None  # "Officers", "Members", "Manager" on their own are not offices
        m = RoleMatch(start=start, end=end, head=(i, end), category=head.category, left=left)
        m.lower = lower and not head.lowercase
        if m.lower and not follows_the(t, start):
            return None  # known_in_lower_case's first test, before the right walk
        walk_right(self.words, t, m)
        if m.lower and not known_in_lower_case(t, m, head, qualified):
            return None
        if head.category in REMIT_FIRST and m.remit is None:
            take_remit_before(self.words, t, m, floor)
        if head.needs_of and m.bare:
            return None  # "Head Office", "head of steam"
        if head.plural and len(head.words) == 1 and not left and m.bare:
            return None
        if head.plural:
            m.singular = case_like(head.singular[-1], t.words[end - 1].text)
        m.modifiers = tuple(t.folded[k] for k in left if t.words[k].text not in DASHES)
        m.category = categorise(head.category, m.modifiers)
        if m.organisation is None:
            m.organisation = possessive_organisation(self.words, t, start)
        return m

    def match_abbreviation(self, t: TokenTable, i: int, abbr: Abbreviation) -> RoleMatch | None:
        """An abbreviated office ("DCS at Cornwall Council", "the CMR for Children")."""
        m = RoleMatch(
            start=i,
            end=i + 1,
            head=(i, i + 1),
            category=abbr.category,
            remit_text=abbr.remit,
            expansion=abbr.expansion,
        )
        walk_right(self.words, t, m)
        if abbr.context:
            prev = t.folded[i - 1] if i > 0 else ""
            if prev not in ("the", "an", "(") and m.remit is None:
                return None  # "AD" is too short to trust without "the AD" or "AD for ..."
        return m
