"""The people component: named persons in minutes, why they are named, and the roles beside them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from extractors.common import vocab
from extractors.common.batched import BatchedComponent
from extractors.common.spans import add_span, spans_of
from extractors.common.tokens import doc_text
from extractors.people.names import (
    NameCandidate,
    NameVocab,
    find_names,
    load_name_vocab,
    names_before_roles,
)

GROUP = vocab.SPAN_GROUPS[vocab.PERSON]
ROLE_GROUP = vocab.SPAN_GROUPS[vocab.ROLE]
# What may stand between a name and the role it holds: "Derek Benson, Independent Chairman",
# "Tony Crane - Director", "Trevor Doughty (DCS", "Mrs Okafor, parent governor representative".
NAME_THEN_ROLE = re.compile(
    r"[ \t]*(?:,|\(|-|\u2013|\u2014)?[ \t]*(?:the[ \t]+|an?[ \t]+)?"
    # ... or the role's remit written first: "Cllr Rachel Bailey Children and Families Portfolio
    # Holder" (Title Case words only, no punctuation).
    r"(?:[A-Z][\w'\u2019]*[ \t]+(?:(?:and|&)[ \t]+)?){0,5}",
)
# "the Chief Executive, Paul Robinson" / "Director of Children's Services Tony Crane".
ROLE_THEN_NAME = re.compile(r"[ \t]*(?:,|-|\u2013|:|\()?[ \t]*")
# A line that heads a list of people: "Also Present:", "Apologies", "Officers in attendance".
LIST_HEADING = re.compile(r"^\W*(?:[A-Za-z]+\s+){0,3}[A-Za-z]+\s*:?\s*$")


class PeopleTagger(BatchedComponent):
    """Tag personal names (without honorific), their context and the roles written beside them."""

    def __init__(self, *, use_ents: bool = False, name_vocab: NameVocab | None = None):
        self.use_ents = use_ents
        self.vocab = name_vocab or load_name_vocab()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        candidates = find_names(text, self.vocab)
        roles = spans_of(doc, ROLE_GROUP)
        beside = names_before_roles(text, [r.start_char for r in roles], self.vocab)
        candidates = merge_candidates(candidates, beside)
        if self.use_ents:
            candidates = merge_entities(doc, candidates, self.vocab)
        if not candidates:
            return doc  # most items name nobody: skip their sentences and heading
        heading = first_line(text)
        # Read only if some name's context is not settled by the words just before it.
        sentences = cache(
            lambda: doc.to_array(SENT_START).tolist() if doc.has_annotation("SENT_START") else None
        )
        for cand in candidates:
            start, end = aligned(doc, cand)
            if start is None:
                continue
            name = text[start:end]
            span = add_span(
                doc,
                GROUP,
                start,
                end,
                vocab.PERSON,
                {
                    "name": name,
                    "honorific": cand.honorific,
                    "surname": surname_of(name),
                    "role": None,
                    "context": "mention",
                },
            )
            if span is None:
                continue
            span._.attrs["context"] = self.context_of(span, heading, sentences)
            link_role(span, roles)
        return doc

    def context_of(
        self, span: Span, heading: str, sentences: Callable[[], list[int] | None]
    ) -> str:
        """Why the person is named, from the sentence, else a list heading above, else the item."""
        text = doc_text(span.doc)
        # The absent member of a substitution is named right after it: "(substituting for
        # Councillor C Person)" gives the substitute's sentence but an apology.
        before = text[
            max(text.rfind("\n", 0, span.start_char) + 1, span.start_char - 80) : span.start_char
        ]
        for context, pattern in self.vocab.contexts_before:
            if pattern.search(before):
                return context
        # Each place is read only if the one before it says nothing.
        places = (
            lambda: sentence_of(span, sentences()),
            lambda: list_heading_above(span),
            lambda: heading,
        )
        for place in places:
            text = place()
            for context, pattern in self.vocab.contexts:
                if text and pattern.search(text):
                    return context
        return "mention"


def aligned(doc: Doc, cand: NameCandidate) -> tuple[int | None, int | None]:
    """The name's offsets shrunk to whole tokens when it starts or ends inside one.

    "1234)/Ian Moss" is one token unless the pipeline splits slashes (build_nlp
    does); the name then keeps only its whole-token part rather than growing.
    """
    span = doc.char_span(cand.start, cand.end, alignment_mode="contract")
    if span is None or not span.text.strip():
        return None, None
    return span.start_char, span.end_char


def sentence_of(span: Span, starts: list[int] | None) -> str:
    """The sentence holding the span's first token, else its line when there are none.

    ``starts`` is every token's SENT_START: walking from the span to the
    sentence's ends is cheaper than listing every sentence of a long item.
    """
    doc = span.doc
    text = doc_text(doc)
    if starts:
        first = span.start
        while first > 0 and starts[first] != 1:
            first -= 1
        after = span.start + 1
        while after < len(starts) and starts[after] != 1:
            after += 1
        return text[doc[first].idx : doc[after - 1].idx + len(doc[after - 1])]
    start = text.rfind("\n", 0, span.start_char) + 1
    end = text.find("\n", span.end_char)
    return text[start : end if end >= 0 else len(text)]


def surname_of(name: str) -> str:
    """The family name: the last word of the name."""
    return name.split()[-1].strip(".,")


def first_line(text: str) -> str:
    """The first non-empty line of the Doc: an item's title, whose topic colours every name."""
    for line in text.splitlines():
        if line.strip() and not re.fullmatch(r"[\d./\s]+", line.strip()):
            return line.strip()
    return ""


def list_heading_above(span: Span) -> str:
    """The short heading line above a list of names ("Also Present:"), if the list runs into it."""
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    lines = text[:line_start].rstrip("\n").split("\n")
    for line in reversed(lines[-12:]):
        if not line.strip():
            continue
        if LIST_HEADING.match(line) and len(line.strip()) <= 40:
            return line
        if len(line.strip()) > 120:
            return ""  # a paragraph, not a list
    return ""


def link_role(person: Span, roles: list[Span]) -> None:
    """Link a name to a role written right after it (or right before it), both ways."""
    text = doc_text(person.doc)
    honorific = person._.attrs.get("honorific")
    for role in roles:
        gap = text[person.end_char : role.start_char]
        if role.start_char >= person.end_char and NAME_THEN_ROLE.fullmatch(gap):
            break
        gap = text[role.end_char : person.start_char]
        if honorific and gap.rstrip().endswith(honorific):
            # "Executive Member for Children's Services (Cllr J Doe)": the title sits between.
            gap = gap[: gap.rstrip().rfind(honorific)]
        if role.end_char <= person.start_char and gap and ROLE_THEN_NAME.fullmatch(gap):
            if role._.attrs.get("person"):
                continue
            break
    else:
        return
    person._.attrs["role"] = role.text
    # Offsets in the Doc; the pipeline turns them into the role's and person's mention ids.
    person._.attrs["role_span"] = [role.start_char, role.end_char]
    if not role._.attrs.get("person"):
        role._.attrs["person"] = person._.attrs["name"]
        role._.attrs["person_span"] = [person.start_char, person.end_char]


def merge_candidates(
    candidates: list[NameCandidate], extra: Iterable[NameCandidate]
) -> list[NameCandidate]:
    """Candidates plus those extra ones that overlap none of them, in text order."""
    merged = list(candidates)
    for cand in extra:
        if not any(cand.start < c.end and c.start < cand.end for c in merged):
            merged.append(cand)
    return sorted(merged, key=lambda c: c.start)


def merge_entities(
    doc: Doc, candidates: list[NameCandidate], names: NameVocab
) -> list[NameCandidate]:
    """Add a trained model's PERSON entities that our rules missed (same filters as bare names)."""
    merged = list(candidates)
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(
            ent.start_char < c.end and c.start < ent.end_char for c in merged
        ):
            continue
        words = ent.text.split()
        if len(words) < 2 or any(w in names.not_name or w in names.calendar for w in words):
            continue
        merged.append(NameCandidate(ent.start_char, ent.end_char, None))
    return sorted(merged, key=lambda c: c.start)


@Language.factory("minutes_people", default_config={"use_ents": False})
def make_people_component(nlp: Language, name: str, use_ents: bool) -> PeopleTagger:
    """Build the people tagger; ``use_ents`` adds PERSON entities of a trained pipeline."""
    return PeopleTagger(use_ents=use_ents)
