"""Right of an office's head: its remit or organisation after a connector, a bracket, an employer.

"Cabinet Member with Responsibility (CMR) for Children and Families",
"Assistant Director - Safeguarding Services (Children's Social Care)",
"DCS at Cornwall Council", "Director of Children's Services, Leeds City Council".
"""

from __future__ import annotations

from extractors.roles.match import RoleMatch, tidy
from extractors.roles.tokens import TokenTable, is_acronym, line_break_before
from extractors.roles.words import RoleWords


def walk_right(words: RoleWords, t: TokenTable, m: RoleMatch) -> None:
    """Extend the office over its remit, a bracket and its organisation."""
    k = take_topic(words, t, m, m.end)
    k = take_bracket(words, t, m, k)
    if m.organisation is None:
        after = take_organisation(words, t, m, k)
        if after > k:
            k = take_bracket(words, t, m, after)
    m.end = k


def match_connector(
    words: RoleWords, t: TokenTable, k: int, phrase: tuple[str, ...]
) -> tuple[int, list[int]]:
    """Index after the connector at k (-1 if absent) and bracketed abbreviations inside it."""
    tw, n = t.words, len(t.words)
    nested: list[int] = []
    for w_i, word in enumerate(phrase):
        if (
            w_i
            and k + 2 < n
            and tw[k].text == "("
            and tw[k + 2].text == ")"
            and tw[k + 1].text in words.rv.abbreviations
        ):
            nested.append(k + 1)  # "with Responsibility (CMR) for"
            k += 3
        if k >= n or line_break_before(t, k) or t.folded[k] != word:
            return -1, []
        k += 1
    return k, nested


def take_topic(words: RoleWords, t: TokenTable, m: RoleMatch, k: int) -> int:
    """Consume a connector and its remit/organisation, or a remit written straight after."""
    w, n = words, len(t.words)
    # A connector's first word must sit at k: only those are tried.
    by_start = words.connectors_by_start
    if by_start is None:
        connectors = words.rv.connectors
    else:
        connectors = by_start.get(t.folded[k], ()) if k < n else ()
    for c in connectors:
        after, nested = match_connector(words, t, k, c.words)
        if after < 0 or after >= n:
            continue
        if c.spaced and not (t.ws[k - 1] and t.ws[k]):
            continue
        if t.folded[after] == "the" and c.words in (("of",), ("for",), ("at",)):
            end = w.parse_run(t, after + 1, lower=m.lower)
            if end > after + 1 and (
                c.slot != "organisation" or w.is_organisation(t, after + 1, end)
            ):
                m.organisation = tidy(t.span_text(after + 1, end))
                m.nested += nested
                return end
            continue
        end = w.parse_run(t, after, lower=m.lower)
        if end == after or (c.check and not w.has_word(t, after, end, "remit")):
            continue
        if w.is_organisation(t, after, end):
            m.organisation = tidy(t.span_text(after, end))
        elif c.slot == "organisation":
            continue
        else:
            m.remit = (after, end)
        m.nested += nested
        return end
    end = w.parse_run(t, k, lower=m.lower)
    if end > k and w.has_word(t, k, end, "remit") and not w.is_organisation(t, k, end):
        m.remit = (k, end)  # "Director Children's Services", "Assistant Director Safeguarding ..."
        return end
    return k


def take_bracket(words: RoleWords, t: TokenTable, m: RoleMatch, k: int) -> int:
    """Consume "(Children's Social Care)", "(WCF)" or "(DCS)" right after the office."""
    tw, n = t.words, len(t.words)
    if k >= n or tw[k].text != "(" or line_break_before(t, k):
        return k
    close = next((c for c in range(k + 1, min(k + 14, n)) if tw[c].text in (")", "(")), None)
    if close is None or tw[close].text != ")" or close == k + 1:
        return k
    a, b = k + 1, close
    if any(line_break_before(t, x) for x in range(a, b + 1)):
        return k
    if b - a == 1 and tw[a].text in words.rv.abbreviations:
        m.nested.append(a)
    elif b - a == 1 and is_acronym(t, a):
        m.organisation = m.organisation or tw[a].text
    elif words.parse_run(t, a) != b:
        return k
    elif words.has_word(t, a, b, "remit"):
        m.remit = (m.remit[0], close + 1) if m.remit else (a, b)
    elif words.is_organisation(t, a, b):
        m.organisation = m.organisation or tidy(t.span_text(a, b))
    else:
        return k
    return close + 1


def take_organisation(words: RoleWords, t: TokenTable, m: RoleMatch, k: int) -> int:
    """Consume "at Cornwall Council", "of the County Council" or ", Leeds City Council"."""
    if k + 1 >= len(t.words) or line_break_before(t, k + 1):
        return k
    f = t.folded[k]
    a = k + 1
    if f in ("at", "of") and t.folded[a] == "the":
        a += 1
    elif f not in ("at", ","):
        return k
    end = words.parse_run(t, a)
    if end == a or not words.is_organisation(t, a, end):
        return k
    if f == "," and end - a < 2:
        return k  # a lone "Cabinet" after a comma is a list, not an employer
    m.organisation = tidy(t.span_text(a, end))
    return end
