"""Left of an office's head: modifiers and qualifiers, a remit written first, a possessive body.

"Overview & Scrutiny Officer", "Vice-Chairman", "Children and Families Portfolio
Holder", "WCF's Director of Resources".
"""

from __future__ import annotations

from extractors.roles.match import RoleMatch, tidy
from extractors.roles.tokens import TokenTable, line_break_before
from extractors.roles.vocab import DASHES, Head
from extractors.roles.words import RoleWords


def walk_left(
    words: RoleWords, t: TokenTable, i: int, head: Head, floor: int, *, lower: bool = False
) -> tuple[int, list[int], bool]:
    """Extend over qualifiers and modifiers before the head: (start, tokens, qualified)."""
    modifiers, folded = words.rv.modifiers, t.folded
    j, left, qualified, opened = i, [], False, False
    while j > floor and not line_break_before(t, j):
        a = words.match_qualifier_left(t, j, head, floor, lower=lower)
        if a is None and head.open and not opened and not lower:
            # Office nouns are an open class: "Youth Justice" + "Service Manager".
            a, opened = words.match_open_qualifier_left(t, j, floor), True
        if a is not None:
            left.extend(range(a, j))
            j, qualified = a, True
            continue
        if t.words[j - 1].alpha and folded[j - 1] in modifiers:
            left.append(j - 1)
            j -= 1
            continue
        if (
            t.words[j - 1].text in DASHES
            and not t.ws[j - 1]
            and j - 2 >= floor
            and not t.ws[j - 2]
            and folded[j - 2] in modifiers
        ):
            left.extend((j - 2, j - 1))  # "Vice-Chairman"
            j -= 2
            continue
        break
    return j, sorted(left), qualified


def take_remit_before(words: RoleWords, t: TokenTable, m: RoleMatch, floor: int) -> None:
    """A remit written before the head: "Children and Families Portfolio Holder"."""
    j, first = m.start, None
    while j > floor and not line_break_before(t, j):
        f = t.folded[j - 1]
        if t.words[j - 1].title_case and f in words.remit:
            j -= 1
            first = j
        elif f in ("and", "&", ",", "'s"):
            j -= 1
        else:
            break
    if first is not None:
        m.remit = (first, m.start)
        m.start = first


def possessive_organisation(words: RoleWords, t: TokenTable, start: int) -> str | None:
    """The body named before the office in a possessive ("WCF's Director of Resources")."""
    folded, tw = t.folded, t.words
    if start < 2 or folded[start - 1] != "'s" or t.ws[start - 2]:
        return None
    k = start - 2
    while k >= 0 and tw[k].title and folded[k] not in words.stop:
        if k == 0 or line_break_before(t, k) or not tw[k - 1].title:
            break
        if folded[k - 1] in words.stop or folded[k - 1] in words.honorific:
            break
        k -= 1
    if not tw[k].title or folded[k] in words.stop:
        return None
    return tidy(t.span_text(k, start - 1))
