"""Left of an office's head: modifiers and qualifiers, a remit written first, a possessive body.

"Overview & Scrutiny Officer", "Vice-Chairman", "Children and Families Portfolio
Holder", "WCF's Director of Resources".
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractors.roles.match import RoleMatch, tidy
from extractors.roles.vocab import DASHES, Head, fold
from extractors.roles.words import RoleWords, is_title, line_break_before


def walk_left(
    words: RoleWords, doc: Doc, i: int, head: Head, floor: int, *, lower: bool = False
) -> tuple[int, list[int], bool]:
    """Extend over qualifiers and modifiers before the head: (start, tokens, qualified)."""
    j, left, qualified, opened = i, [], False, False
    while j > floor and not line_break_before(doc, j):
        a = words.match_qualifier_left(doc, j, head, floor, lower=lower)
        if a is None and head.open and not opened and not lower:
            # Office nouns are an open class: "Youth Justice" + "Service Manager".
            a, opened = words.match_open_qualifier_left(doc, j, floor), True
        if a is not None:
            left.extend(range(a, j))
            j, qualified = a, True
            continue
        prev = doc[j - 1]
        if prev.is_alpha and fold(prev.text) in words.rv.modifiers:
            left.append(j - 1)
            j -= 1
            continue
        if (
            prev.text in DASHES
            and not prev.whitespace_
            and j - 2 >= floor
            and not doc[j - 2].whitespace_
            and fold(doc[j - 2].text) in words.rv.modifiers
        ):
            left.extend((j - 2, j - 1))  # "Vice-Chairman"
            j -= 2
            continue
        break
    return j, sorted(left), qualified


def take_remit_before(words: RoleWords, doc: Doc, m: RoleMatch, floor: int) -> None:
    """A remit written before the head: "Children and Families Portfolio Holder"."""
    j, first = m.start, None
    while j > floor and not line_break_before(doc, j):
        prev = doc[j - 1]
        if prev.is_title and words.rv.is_word("remit", prev):
            j -= 1
            first = j
        elif fold(prev.text) in ("and", "&", ",", "'s"):
            j -= 1
        else:
            break
    if first is not None:
        m.remit = (first, m.start)
        m.start = first


def possessive_organisation(words: RoleWords, doc: Doc, start: int) -> str | None:
    """The body named before the office in a possessive ("WCF's Director of Resources")."""
    if start < 2 or fold(doc[start - 1].text) != "'s" or doc[start - 2].whitespace_:
        return None
    k = start - 2
    while k >= 0 and is_title(doc[k]) and not words.rv.is_word("stop", doc[k]):
        if k == 0 or line_break_before(doc, k) or not is_title(doc[k - 1]):
            break
        if words.rv.is_word("stop", doc[k - 1]) or words.rv.is_word("honorific", doc[k - 1]):
            break
        k -= 1
    if not is_title(doc[k]) or words.rv.is_word("stop", doc[k]):
        return None
    return tidy(doc[k : start - 1].text)
