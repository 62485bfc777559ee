"""Token-level tests over the role vocabulary: heads, qualifiers, role starts, Title Case runs."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extractors.roles.vocab import DASHES, SMALL_WORDS, Head, RoleVocab, fold

# Longest Title Case phrase taken as an open qualifier: longer runs swallow names.
MAX_OPEN = 3


def line_break_before(doc: Doc, k: int) -> bool:
    """Whether token k starts a new line (or follows a gap of several spaces) or lies outside."""
    if k <= 0 or k >= len(doc):
        return True
    prev = doc[k - 1]
    return prev.is_space or doc[k].is_space or "\n" in prev.whitespace_


def is_acronym(token: Token) -> bool:
    """An uppercase abbreviation such as WCF, WSCB or HWB."""
    return token.is_alpha and token.text.isupper() and 2 <= len(token.text) <= 8


def is_title(token: Token) -> bool:
    """A capitalised word (Title Case or an acronym), as words of office titles are written."""
    return token.text[:1].isupper() and token.text[:1].isalpha()


def attached_hyphen(doc: Doc, k: int) -> bool:
    """Whether token k directly follows an unspaced hyphen ("Co-opted", "Well-being")."""
    return k > 0 and doc[k - 1].text in DASHES and not doc[k - 1].whitespace_


class RoleWords:
    """Token-level tests over a loaded vocabulary: heads, role starts and Title Case topic runs."""

    def __init__(self, rv: RoleVocab, max_run: int = 14):
        self.rv = rv
        self.max_run = max_run

    def match_head(self, doc: Doc, i: int, *, lower: bool = False) -> Head | None:
        """The longest head phrase starting at token i, written with the right capitals.

        With ``lower`` a head written wholly in lower case matches too ("the director of
        children's services"); the scanner then asks for more evidence that it is an office.
        """
        for head in self.rv.heads.get(fold(doc[i].text), []):
            n = len(head.words)
            if i + n > len(doc) or any(line_break_before(doc, k) for k in range(i + 1, i + n)):
                continue
            if tuple(fold(t.text) for t in doc[i : i + n]) != head.words:
                continue
            words = [
                k
                for k in range(i, i + n)
                if doc[k].is_alpha
                and not attached_hyphen(doc, k)
                and fold(doc[k].text) not in SMALL_WORDS
            ]
            if (head.lowercase or lower) and all(doc[k].is_lower for k in words):
                return head
            # All-capitals headings ("CHAIRMAN'S ANNOUNCEMENTS") are titles, not running text.
            if not head.lowercase and all(is_title(doc[k]) and not doc[k].is_upper for k in words):
                return head
        return None

    def match_open_qualifier_left(self, doc: Doc, j: int, floor: int) -> int | None:
        """Start of a Title Case phrase qualifying an office noun ending just before token j.

        "Youth Justice Service" Manager, "Corporate Parenting" Officer: up to MAX_OPEN words,
        "and"/"&" inside; never determiners, honorifics, modifiers or a body alone ("Council").
        """
        a, words = j, 0
        while a > floor and words < MAX_OPEN and not line_break_before(doc, a):
            tok = doc[a - 1]
            f = fold(tok.text)
            if f in ("and", "&") and words and a - 1 > floor and is_title(doc[a - 2]):
                a -= 1
                continue
            if (
                not is_title(tok)
                or f in self.rv.modifiers
                or self.rv.is_word("honorific", tok)
                or self.rv.is_word("stop", tok)
                or self.rv.is_word("not_qualifier", tok)
            ):
                break
            a, words = a - 1, words + 1
        while a < j and fold(doc[a].text) in ("and", "&"):
            a += 1
        if a == j or all(self.rv.is_word("organisation", doc[k]) for k in range(a, j)):
            return None
        return a

    def match_qualifier_left(
        self, doc: Doc, j: int, head: Head, floor: int, *, lower: bool = False
    ) -> int | None:
        """Start of a qualifier of ``head`` ending just before token j ("Overview & Scrutiny")."""
        for q in head.qualifiers:
            a = j - len(q)
            if a < floor or any(line_break_before(doc, k) for k in range(a + 1, j + 1)):
                continue
            cased = head.lowercase or (doc[a].is_lower if lower else is_title(doc[a]))
            if tuple(fold(t.text) for t in doc[a:j]) == q and cased:
                return a
        return None

    def is_role_start(self, doc: Doc, k: int) -> bool:
        """Whether an office begins at token k (so a topic run must stop before it)."""
        abbr = self.rv.abbreviations.get(doc[k].text)
        if abbr is not None and not abbr.context:
            return True
        j = k
        while j < len(doc) and j - k < 3 and fold(doc[j].text) in self.rv.modifiers:
            j += 1
        head = self.match_head(doc, j) if j < len(doc) else None
        if head is not None and (head.bare or head.needs_of or j > k):
            return True
        for d in range(1, 4):
            head = self.match_head(doc, k + d) if k + d < len(doc) else None
            if head is not None and tuple(fold(t.text) for t in doc[k : k + d]) in head.qualifiers:
                return True
        return False

    def is_topic_word(self, doc: Doc, k: int, *, lower: bool = False) -> bool:
        """A word that may belong to a remit or organisation name.

        Capitalised, or with ``lower`` a lower-case service word ("of children's services").
        """
        tok = doc[k]
        service = lower and tok.is_lower and self.rv.is_word("remit", tok)
        if not (is_title(tok) or service):
            return False
        if self.rv.is_word("honorific", tok) or self.rv.is_word("stop", tok):
            return False
        return not self.is_role_start(doc, k)

    def parse_run(self, doc: Doc, pos: int, *, lower: bool = False) -> int:
        """End of the Title Case run starting at ``pos`` ("Children, Families and Communities")."""
        n = len(doc)
        if pos >= n or line_break_before(doc, pos) or not self.is_topic_word(doc, pos, lower=lower):
            return pos
        joins: list[tuple[str, int]] = []
        k = end = pos + 1
        while k < n and k - pos < self.max_run and not line_break_before(doc, k):
            tok, f = doc[k], fold(doc[k].text)
            if f == "'s" and not doc[k - 1].whitespace_:
                k = end = k + 1
                continue
            if tok.text in DASHES and not doc[k - 1].whitespace_ and not tok.whitespace_:
                k = end = min(k + 2, n)  # "Well-being", "Co-ordination"
                continue
            if self.is_topic_word(doc, k, lower=lower):
                k = end = k + 1
                continue
            if f in ("and", "&", ",", "of", "for"):
                nxt = k + 1
                if f in ("and", "&") and nxt < n and fold(doc[nxt].text) == "the":
                    nxt += 1  # "Education, Skills and the Economy"
                    if nxt < n and self.rv.is_word("organisation", doc[nxt]):
                        break
                if (
                    nxt < n
                    and not line_break_before(doc, nxt)
                    and self.is_topic_word(doc, nxt, lower=lower)
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

    def has_word(self, doc: Doc, a: int, b: int, name: str) -> bool:
        """Whether any token in [a, b) is in the named word list."""
        return any(self.rv.is_word(name, doc[k]) for k in range(a, b))

    def is_organisation(self, doc: Doc, a: int, b: int) -> bool:
        """A run naming a body ("Cornwall Council", "WCF") rather than a remit."""
        if self.rv.is_word("organisation", doc[b - 1]):
            return True
        return b - a == 1 and is_acronym(doc[a]) and not self.rv.is_word("remit", doc[a])
