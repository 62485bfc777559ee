"""Title Case topic runs after a head ("... for Children and Families") and organisations.
A part of ``RoleWords``.
"""

from __future__ import annotations

from extractors.roles.tokens import TokenTable, is_acronym, line_break_before
from extractors.roles.vocab import DASHES, RoleVocab


class TopicTests:
    """Topic-run and organisation tests over a TokenTable (state set up by ``RoleWords``)."""

    rv: RoleVocab
    max_run: int
    remit: set[str]
    organisation: set[str]
    honorific: set[str]
    stop: set[str]

    def is_topic_word(self, t: TokenTable, k: int, *, lower: bool = False) -> bool:
        """A word that may belong to a remit or organisation name.

        Capitalised, or with ``lower`` a lower-case service word ("of children's services").
        """
        f, word = t.folded[k], t.words[k]
        if not (word.title or (lower and word.lower and f in self.remit)):
            return False
        if f in self.honorific or f in self.stop:
            return False
        return not self.is_role_start(t, k)

    def parse_run(self, t: TokenTable, pos: int, *, lower: bool = False) -> int:
        """End of the Title Case run starting at ``pos`` ("Children, Families and Communities")."""
        n, folded = len(t.folded), t.folded
        if pos >= n or line_break_before(t, pos) or not self.is_topic_word(t, pos, lower=lower):
            return pos
        joins: list[tuple[str, int]] = []
        k = end = pos + 1
        while k < n and k - pos < self.max_run and not line_break_before(t, k):
            f = folded[k]
            if f == "'s" and not t.ws[k - 1]:
                k = end = k + 1
                continue
            if t.words[k].text in DASHES and not t.ws[k - 1] and not t.ws[k]:
                k = end = min(k + 2, n)  # "Well-being", "Co-ordination"
                continue
            if self.is_topic_word(t, k, lower=lower):
                k = end = k + 1
                continue
            if f in ("and", "&", ",", "of", "for"):
                nxt = k + 1
                if f in ("and", "&") and nxt < n and folded[nxt] == "the":
                    nxt += 1  # "Education, Skills and the Economy"
                    if nxt < n and folded[nxt] in self.organisation:
                        break
                if (
                    nxt < n
                    and not line_break_before(t, nxt)
                    and self.is_topic_word(t, nxt, lower=lower)
                ):
                    joins.append((f, k))
                    k = nxt
                    continue
            break
        # A comma only joins a list that ends with "and": "Children, Families and Communities",
        # not "Legal Services, Jane Smith".
        while True:
            commas = [i for f, i in joins if f == "," and i < end]
            if not commas or any(f in ("and", "&") and commas[-1] < i < end for f, i in joins):
                break
            end = commas[-1]
        return end

    def has_word(self, t: TokenTable, a: int, b: int, name: str) -> bool:
        """Whether any token in [a, b) is in the named word list."""
        words = self.rv.words.get(name, ())
        return any(t.folded[k] in words for k in range(a, b))

    def is_organisation(self, t: TokenTable, a: int, b: int) -> bool:
        """A run naming a body ("Cornwall Council", "WCF") rather than a remit."""
        if t.folded[b - 1] in self.organisation:
            return True
        return b - a == 1 and is_acronym(t, a) and t.folded[a] not in self.remit
