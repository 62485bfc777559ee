"""The canonical title of an office, and which full title a bare "the Director" refers to."""

from __future__ import annotations

from extractors.roles.match import RoleMatch, tidy
from extractors.roles.tokens import TokenTable
from extractors.roles.vocab import SMALL_WORDS, fold


def build_title(t: TokenTable, m: RoleMatch) -> str:
    """The canonical title: abbreviations expanded, plural head singular, modifiers capitalised."""
    skip: set[int] = set()
    for k in m.nested:
        skip.update((k - 1, k, k + 1))  # drop "(CMR)": the expansion is already the title
    # Only modifier, qualifier and head words are capitalised; a remit is copied as written.
    named = set(m.left)
    named.update(range(*m.head))
    words, ws = t.words, t.ws
    parts = []
    for k in range(m.start, m.end):
        if k in skip:
            continue
        text = words[k].text
        if k in named:
            folded = t.folded[k]
            if m.expansion and k == m.head[0]:
                text = m.expansion
                folded = fold(text)
            elif m.singular and k == m.head[1] - 1:
                text = m.singular
                folded = fold(text)
            after_hyphen = k > 0 and words[k - 1].text == "-" and not ws[k - 1]
            if not after_hyphen and folded not in SMALL_WORDS:
                text = text[:1].upper() + text[1:]
        parts.append(text + " " if ws[k] else text)
    return tidy("".join(parts))


def resolve_bare(t: TokenTable, matches: list[RoleMatch]) -> list[str | None]:
    """For each bare title, the text of the latest earlier full title of the same kind."""
    latest: dict[tuple[str, tuple[str, ...]], RoleMatch] = {}
    resolved: list[str | None] = []
    for m in matches:
        kind = (m.category, m.modifiers)
        if m.bare and m.singular is None:  # a plural ("Cabinet Members") is a group, not one post
            full = latest.get(kind)
            # The text is made only for full titles that some bare one refers to.
            resolved.append(tidy(t.span_text(full.start, full.end)) if full else None)
        else:
            resolved.append(None)
            if not m.bare:
                latest[kind] = m
    return resolved
