"""Right of an office's head: its remit or organisation after a connector, a bracket, an employer.

"Cabinet Member with Responsibility (CMR) for Children and Families",
"Assistant Director - Safeguarding Services (Children's Social Care)",
"DCS at Cornwall Council", "Director of Children's Services, Leeds City Council".
"""

from __future__ import annotations

from spacy.tokens import Doc

from extractors.roles.match import RoleMatch, tidy
from extractors.roles.vocab import fold
from extractors.roles.words import RoleWords, is_acronym, line_break_before


def walk_right(words: RoleWords, doc: Doc, m: RoleMatch) -> None:
    """Extend the office over its remit, a bracket and its organisation."""
    k = take_topic(words, doc, m, m.end)
    k = take_bracket(words, doc, m, k)
    if m.organisation is None:
        after = take_organisation(words, doc, m, k)
        if after > k:
            k = take_bracket(words, doc, m, after)
    m.end = k


def match_connector(
    words: RoleWords, doc: Doc, k: int, phrase: tuple[str, ...]
) -> tuple[int, list[int]]:
    """Index after the connector at k (-1 if absent) and bracketed abbreviations inside it."""
    nested: list[int] = []
    for w_i, word in enumerate(phrase):
        if (
            w_i
            and k + 2 < len(doc)
            and doc[k].text == "("
            and doc[k + 2].text == ")"
            and doc[k + 1].text in words.rv.abbreviations
        ):
            nested.append(k + 1)  # "with Responsibility (CMR) for"
            k += 3
        if k >= len(doc) or line_break_before(doc, k) or fold(doc[k].text) != word:
            return -1, []
        k += 1
    return k, nested


def take_topic(words: RoleWords, doc: Doc, m: RoleMatch, k: int) -> int:
    """Consume a connector and its remit/organisation, or a remit written straight after."""
    w = words
    for c in words.rv.connectors:
        after, nested = match_connector(words, doc, k, c.words)
        if after < 0 or after >= len(doc):
            continue
        if c.spaced and not (doc[k - 1].whitespace_ and doc[k].whitespace_):
            continue
        if fold(doc[after].text) == "the" and c.words in (("of",), ("for",), ("at",)):
            end = w.parse_run(doc, after + 1, lower=m.lower)
            if end > after + 1 and (
                c.slot != "organisation" or w.is_organisation(doc, after + 1, end)
            ):
                m.organisation = tidy(doc[after + 1 : end].text)
                m.nested += nested
                return end
            continue
        end = w.parse_run(doc, after, lower=m.lower)
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
    end = w.parse_run(doc, k, lower=m.lower)
    if end > k and w.has_word(doc, k, end, "remit") and not w.is_organisation(doc, k, end):
        m.remit = (
            k,
            end,
        )  # "Director Children's Services", "Assistant Director Safeguarding ..."
        return end
    return k


def take_bracket(words: RoleWords, doc: Doc, m: RoleMatch, k: int) -> int:
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
    if b - a == 1 and doc[a].text in words.rv.abbreviations:
        m.nested.append(a)
    elif b - a == 1 and is_acronym(doc[a]):
        m.organisation = m.organisation or doc[a].text
    elif words.parse_run(doc, a) != b:
        return k
    elif words.has_word(doc, a, b, "remit"):
        m.remit = (m.remit[0], close + 1) if m.remit else (a, b)
    elif words.is_organisation(doc, a, b):
        m.organisation = m.organisation or tidy(doc[a:b].text)
    else:
        return k
    return close + 1


def take_organisation(words: RoleWords, doc: Doc, m: RoleMatch, k: int) -> int:
    """Consume "at Cornwall Council", "of the County Council" or ", Leeds City Council"."""
    if k + 1 >= len(doc) or line_break_before(doc, k + 1):
        return k
    f = fold(doc[k].text)
    a = k + 1
    if f in ("at", "of") and fold(doc[a].text) == "the":
        a += 1
    elif f not in ("at", ","):
        return k
    end = words.parse_run(doc, a)
    if end == a or not words.is_organisation(doc, a, end):
        return k
    if f == "," and end - a < 2:
        return k  # a lone "Cabinet" after a comma is a list, not an employer
    m.organisation = tidy(doc[a:end].text)
    return end
