"""Heads of offices and the qualifiers before them ("Cabinet Member", "Director of ..."),
and the words an office can start with. A part of ``RoleWords``.
"""

from __future__ import annotations

from extractors.roles.tokens import TokenTable, any_break, attached_hyphen, line_break_before
from extractors.roles.vocab import Head, RoleVocab

# Longest Title Case phrase taken as an open qualifier: longer runs swallow names.
MAX_OPEN = 3


class HeadTests:
    """Head and qualifier matching over a TokenTable (state set up by ``RoleWords``)."""

    rv: RoleVocab
    honorific: set[str]
    not_qualifier: set[str]
    organisation: set[str]
    stop: set[str]
    qualifier_phrases: set[tuple[str, ...]]
    role_start_words: set[str]

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
            # The page's words here are the head's, so its small words are known in advance.
            words = [
                k
                for k in (i + c for c in head.content)
                if tw[k].alpha and not attached_hyphen(t, k)
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
