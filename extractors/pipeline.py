"""The spaCy pipeline (built once per process) and tagging of page segments into mention rows."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.common import vocab
from extractors.common.ids import mention_id
from extractors.common.tokenizer import tune_tokenizer
from extractors.common.tokens import TEXT_KEY

# Our components, in the order they depend on each other: people link to roles,
# judgements may read dates.
COMPONENTS = ("minutes_dates", "minutes_roles", "minutes_people", "minutes_judgements")
# Span groups read into mentions, each once (judgements and outcomes share one group).
GROUPS = tuple(dict.fromkeys(vocab.SPAN_GROUPS.values()))


@dataclass(frozen=True)
class Segment:
    """A piece of one page tagged as one Doc: the header or one agenda item."""

    doc_id: str
    item_id: str | None
    start_char: int  # offset of the segment in the page text
    text: str


# Links between spans, written by components as Doc offsets, leave as mention ids.
LINKS = {"role_span": ("role_id", vocab.ROLE), "person_span": ("person_id", vocab.PERSON)}


class Mention(NamedTuple):
    """A tagged span with page offsets and its extractor's attributes as JSON.

    A plain tuple, so a batch's rows go to a DataFrame as they are (no per-row copy).
    """

    doc_id: str
    mention_id: str
    item_id: str | None
    label: str
    text: str
    start_char: int
    end_char: int
    attrs: str


def build_nlp(model: str | None = None, components: tuple[str, ...] = COMPONENTS) -> Language:
    """Build the tagging pipeline: blank English (or an installed trained model) plus our rules.

    ``components`` picks some of our extractors (component tests build one at a time).
    """
    # Importing the modules registers the factories even when the package's
    # entry points are not installed (e.g. running from a source checkout).
    import extractors.common.sentences  # noqa: F401
    import extractors.dates  # noqa: F401
    import extractors.judgements  # noqa: F401
    import extractors.people  # noqa: F401
    import extractors.roles  # noqa: F401

    if model:
        nlp = spacy.load(model, exclude=["lemmatizer"])
        tune_tokenizer(nlp)
        # A parsed Doc refuses new sentence starts: keep the model's own sentences then.
        if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
            nlp.add_pipe("minutes_sentences", first=True)
        for name in components:
            nlp.add_pipe(name, config={"use_ents": True} if name == "minutes_people" else {})
        return nlp
    nlp = spacy.blank("en")
    tune_tokenizer(nlp)
    nlp.add_pipe("minutes_sentences")  # punctuation and line breaks (replaces the sentencizer)
    for name in components:
        nlp.add_pipe(name)
    return nlp


class ModelNotFoundError(Exception):
    """The trained spaCy pipeline named with --model is not installed."""


def check_model(model: str) -> None:
    """Fail early, naming the model, when it is neither an installed package nor a folder."""
    if spacy.util.is_package(model):
        return
    if Path(model).is_dir() and (Path(model) / "config.cfg").is_file():
        return
    raise ModelNotFoundError(
        f"spaCy pipeline {model!r} is not installed: install it into this environment "
        f"(e.g. pip install {model}-<version>.whl, a package built with spacy package) "
        "or leave out --model to use the built-in rules only"
    )


@cache
def shared_nlp(model: str | None = None) -> Language:
    """The process's one pipeline (building it costs far more than tagging a page)."""
    return build_nlp(model)


def segment_page(doc_id: str, text: str, items: Iterable[tuple[str, int, int]]) -> list[Segment]:
    """Cut a page into its header, its items (item_id, start, end) and any text after them.

    Text outside every item (header contacts, a footer) is tagged too, with no
    item_id, so nothing on the page escapes the extractors.
    """
    segments, cursor = [], 0
    for item_id, start, end in sorted(items, key=lambda it: it[1]):
        if text[cursor:start].strip():
            segments.append(Segment(doc_id, None, cursor, text[cursor:start]))
        segments.append(Segment(doc_id, item_id, start, text[start:end]))
        cursor = max(cursor, end)
    if text[cursor:].strip():
        segments.append(Segment(doc_id, None, cursor, text[cursor:]))
    return segments


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenise ``text`` and keep the string, so components need not re-join the tokens."""
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


# One encoder for every row: json.dumps with options builds a new encoder per call.
ATTRS_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False)


def tag_segments(nlp: Language, segments: list[Segment], batch_size: int = 64) -> Iterator[Mention]:
    """Run the pipeline over segments and yield their spans as mentions in page offsets.

    Spans come out in text order (start, end, label; ties in group order). Their text
    is cut from the segment's string, which is what ``Span.text`` joins from tokens.
    """
    docs = nlp.pipe((make_doc(nlp, s.text) for s in segments), batch_size=batch_size)
    for segment, doc in zip(segments, docs, strict=True):
        found = [
            (span.start_char, span.end_char, span.label_, span)
            for group in GROUPS
            if group in doc.spans
            for span in doc.spans[group]
        ]
        found.sort(key=lambda row: row[:3])
        offset, doc_id, text = segment.start_char, segment.doc_id, segment.text
        for start, end, label, span in found:
            yield Mention(
                doc_id,
                mention_id(doc_id, offset + start, offset + end, label),
                segment.item_id,
                label,
                text[start:end],
                offset + start,
                offset + end,
                ATTRS_JSON.encode(page_attrs(segment, span._.attrs)),
            )


def page_attrs(segment: Segment, attrs: dict | None) -> dict:
    """A span's attributes with its links to other spans turned into their mention ids."""
    attrs = dict(attrs or {})
    for key, (id_key, label) in LINKS.items():
        if key in attrs:
            start, end = attrs.pop(key)
            offset = segment.start_char
            attrs[id_key] = mention_id(segment.doc_id, offset + start, offset + end, label)
    return attrs
