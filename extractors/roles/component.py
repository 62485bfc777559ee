"""The roles component: offices such as "Cabinet Member for Children and Families" in minutes.

A role is ``[modifier]* head [connector topic]? [(bracket)]? [organisation]?`` where the head
comes from ``roles/patterns.jsonl``. Conventions (matching the gold annotations):

- the span starts at the first modifier/head word, never at "the"/"a"/"our";
- generic plurals and bare nouns are not offices: "Members asked", "officers explained",
  "Cabinet", "Scrutiny Panel", "member of the public", "Children's Services";
- qualified plurals are ("Overview & Scrutiny Officers", "Cabinet Members", "Chief Officers");
- "the Director's report" yields the office "Director";
- an abbreviation defined in brackets inside a role ("(CMR)") is also a span of its own.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.common import vocab
from extractors.common.batched import BatchedComponent
from extractors.common.spans import add_to_group, with_attrs
from extractors.roles.match import tidy
from extractors.roles.scanner import RoleScanner
from extractors.roles.title import build_title, resolve_bare
from extractors.roles.vocab import PATTERNS, load_role_vocab

GROUP = vocab.SPAN_GROUPS[vocab.ROLE]


def role_span(doc: Doc, start: int, end: int, attrs: dict) -> Span:
    """Tokens [start, end) as a role span, as common.spans.add_span would make it by characters.

    The scanner knows token indices, so no character-offset search is needed; a role
    always holds a word, so the span is never blank.
    """
    return with_attrs(Span(doc, start, end, label=vocab.ROLE), attrs)


class RolesComponent(BatchedComponent):
    """Tag offices in ``doc.spans["minutes_roles"]`` with title, category, remit, organisation."""

    def __init__(self, nlp: Language, *, patterns: str | None = None, resolve: bool = True):
        path = Path(patterns) if patterns else PATTERNS
        role_vocab = load_role_vocab(lambda s: [t.text for t in nlp.tokenizer(s)], path)
        self.scanner = RoleScanner(role_vocab)
        self.resolve = resolve

    def __call__(self, doc: Doc) -> Doc:
        matches, t = self.scanner.scan(doc)
        spans: list[Span] = []
        if t is not None:
            resolved = resolve_bare(t, matches) if self.resolve else [None] * len(matches)
            for m, source in zip(matches, resolved, strict=True):
                attrs = {
                    "title": build_title(t, m),
                    "category": m.category,
                    "remit": tidy(t.span_text(*m.remit)) if m.remit else m.remit_text,
                    "organisation": m.organisation,
                    "person": None,
                    "resolved_from": source,
                }
                spans.append(role_span(doc, m.start, m.end, attrs))
                spans.extend(role_span(doc, k, k + 1, attrs) for k in m.nested)
        add_to_group(doc, GROUP, spans)  # once per Doc, an empty group when there are none
        return doc


@Language.factory("minutes_roles", default_config={"patterns": None, "resolve": True})
def make_roles_component(
    nlp: Language, name: str, patterns: str | None, resolve: bool
) -> RolesComponent:
    """Build the roles component (``patterns`` overrides the bundled roles/patterns.jsonl)."""
    return RolesComponent(nlp, patterns=patterns, resolve=resolve)
