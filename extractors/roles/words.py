"""Token-level tests over the role vocabulary: heads, qualifiers, role starts, Title Case runs.

All tests read a per-Doc ``TokenTable`` (plain lists) rather than spaCy Tokens.
"""

from __future__ import annotations

from extractors.roles.tokens import TokenTable
from extractors.roles.vocab import DASHES, SMALL_WORDS, Head, RoleVocab

# Longest Title Case phrase taken as an open qualifier: longer runs swallow names.
MAX_OPEN = 3


def line_break_before(t: TokenTable, k: int) -> bool:
    """Whether token k starts a new line (or follows a gap of several spaces) or lies outside."""
    words = t.words
    return k <= 0 or k >= len(words) or words[k - 1].space or words[k].space


def is_acronym(t: TokenTable, k: int) -> bool:
    """An uppercase abbreviation such as WCF, WSCB or HWB."""
    word = t.words[k]
    return word.alpha and word.text.isupper() and 2 <= len(word.text) <= 8


def attached_hyphen(t: TokenTable, k: int) -> bool:
    """Whether token k directly follows an unspaced hyphen ("Co-opted", "Well-being")."""
    return k > 0 and t.words[k - 1].text in DASHES and not t.ws[k - 1]


def any_break(t: TokenTable, a: int, b: int) -> bool:
    """Whether any token in [a, b) starts a new line (see line_break_before)."""
    return any(line_break_before(t, k) for k in range(a, b))


class RoleWords:
    """Token-level tests over a loaded vocabulary: heads, role starts and Title Case topic runs."""

    def __init__(self, rv: RoleVocab, max_run: int = 14):
        self.rv = rv
        self.max_run = max_run
        # The named word lists, looked up once (remit, organisation, honorific, stop, ...).
        self.remit = rv.words.get("remit", set())
        self.organisation = rv.words.get("organisation", set())
        self.honorific = rv.words.get("honorific", set())
        self.stop = rv.words.get("stop", set())
        self.not_qualifier = rv.words.get("not_qualifier", set())
        # First words of the connectors: take_topic tries them only where one can start
        # (None: an empty connector matches anywhere, so always try).
        starts = {c.words[0] for c in rv.connectors if c.words}
        self.connector_starts = starts if all(c.words for c in rv.connectors) else None
        # Folded words an office can begin with (bar abbreviations): a head's, a modifier's
        # or a qualifier's first word. Any other word is no role start, without more tests.
        self.role_start_words = set(rv.heads) | rv.modifiers
        # Every qualifier phrase of any head: the heads after a phrase are looked for only
        # when it is one.
        self.qualifier_phrases = {
            q for heads in rv.heads.values() for h in heads for q in h.qualifiers
        }
        self.role_start_words.update(q[0] for q in self.qualifier_phrases if q)

    def match_head(self, t: TokenTable, i: int) -> tuple[Head | None, bool]:
        """The longest head phrase starting at token i written with the right capitals, or else
        the longest written wholly in lower case: (head, whether only in lower case).

        A lower-case head ("the director of children's services") needs more evidence that
        it is an office; the scanner asks for it. One pass serves both readings.
        """
        folded, tw = t.folded, t.words
        in_lower = None
        for head in self.rv.heads.get(folded[i], ()):
            n = len(head.words)
            # A one-word head already matched through the index; longer ones are compared
            # before the line breaks inside them are looked for (the cheaper test first).
            if n > 1 and (
                i + n > len(folded)
                or tuple(folded[i : i + n]) != head.words
                or any_break(t, i + 1, i + n)
            ):
                continue
            words = [
                k
                for k in range(i, i + n)
                if tw[k].alpha and not attached_hyphen(t, k) and folded[k] not in SMALL_WORDS
            ]
            all_lower = all(tw[k].lower for k in words)
            if head.lowercase and all_lower:
                return head, False
            # All-capitals headings ("CHAIRMAN'S ANNOUNCEMENTS") are titles, not running text.
            if not head.lowercase and all(tw[k].title and not tw[k].upper for k in words):
                return head, False
            if all_lower and in_lower is None:
                in_lower = head
        return in_lower, in_lower is not None

    def match_open_qualifier_left(self, t: TokenTable, j: int, floor: int) -> int | None:
        """Start of a Title Case phrase qualifying an office noun ending just before token j.

        "Youth Justice Service" Manager, "Corporate Parenting" Officer: up to MAX_OPEN words,
        "and"/"&" inside; never determiners, honorifics, modifiers or a body alone ("Council").
        """
        folded = t.folded
        a, words = j, 0
        while a > floor and words < MAX_OPEN and not line_break_before(t, a):
            f = folded[a - 1]
            if f in ("and", "&") and words and a - 1 > floor and t.words[a - 2].title:
                a -= 1
                continue
            if (
                not t.words[a - 1].title
                or f in self.rv.modifiers
                or f in self.honorific
                or f in self.stop
                or f in self.not_qualifier
            ):
                break
            a, words = a - 1, words + 1
        while a < j and folded[a] in ("and", "&"):
            a += 1
        if a == j or all(folded[k] in self.organisation for k in range(a, j)):
            return None
        return a

    def match_qualifier_left(
        self, t: TokenTable, j: int, head: Head, floor: int, *, lower: bool = False
    ) -> int | None:
        """Start of a qualifier of ``head`` ending just before token j ("Overview & Scrutiny").

        Qualifiers of one length share the same tokens and checks, so one set lookup per
        length (longest first, as the list is ordered) finds the same answer as trying each.
        """
        for size, phrases in head.qualifier_sets:
            a = j - size
            if a < floor or any_break(t, a + 1, j + 1):
                continue
            cased = head.lowercase or (t.words[a].lower if lower else t.words[a].title)
            if cased and tuple(t.folded[a:j]) in phrases:
                return a
        return None

    def is_role_start(self, t: TokenTable, k: int) -> bool:
        """Whether an office begins at token k (so a topic run must stop before it)."""
        abbr = self.rv.abbreviations.get(t.words[k].text)
        if abbr is not None and not abbr.context:
            return True
        n, folded = len(t.folded), t.folded
        if folded[k] not in self.role_start_words:
            return False
        j = k
        while j < n and j - k < 3 and folded[j] in self.rv.modifiers:
            j += 1
        head, lower = self.match_head(t, j) if j < n else (None, False)
        if head is not None and not lower and (head.bare or head.needs_of or j > k):
            return True
        for d in range(1, 4):
            phrase = tuple(folded[k : k + d])
            if k + d >= n or phrase not in self.qualifier_phrases:
                continue
            head, lower = self.match_head(t, k + d)
            if head is not None and not lower and phrase in head.qualifiers:
                return True
        return False

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
