"""Token-level tests over the role vocabulary: heads, qualifiers, role starts, Title Case runs.

All tests read a per-Doc ``TokenTable`` (plain lists) rather than spaCy Tokens. The
tests live in two parts, heads (``heads.py``) and topic runs (``topics.py``); this
class holds the vocabulary state both read.
"""

from __future__ import annotations

from extractors.roles.heads import HeadTests
from extractors.roles.topics import TopicTests
from extractors.roles.vocab import Connector, RoleVocab


class RoleWords(HeadTests, TopicTests):
    """Token-level tests over a loaded vocabulary: heads, role starts and Title Case topic runs."""

    def __init__(self, rv: RoleVocab, max_run: int = 14):
        self.rv = rv
        self.max_run = max_run
        # The named word lists, looked up once (remit, organisation, honorific, stop, ...).
        self.remit = rv.words.get("remit", set())
        self.organisation = rv.words.get("organisation", set())
        self.honorific = rv.words.get("honorific", set())
        self.stop = rv.words.get("stop", set())
        self.not_qualifier = rv.words.get("not_qualifier", set())
        # The connectors by first word, in vocabulary order: take_topic tries only those
        # whose first word sits at the token (None: an empty connector matches anywhere,
        # so all are tried).
        self.connectors_by_start: dict[str, list[Connector]] | None = None
        if all(c.words for c in rv.connectors):
            self.connectors_by_start = {}
            for c in rv.connectors:
                self.connectors_by_start.setdefault(c.words[0], []).append(c)
        # Folded words an office can begin with (bar abbreviations): a head's, a modifier's
        # or a qualifier's first word. Any other word is no role start, without more tests.
        self.role_start_words = set(rv.heads) | rv.modifiers
        # Every qualifier phrase of any head: the heads after a phrase are looked for only
        # when it is one.
        self.qualifier_phrases = {
            q for heads in rv.heads.values() for h in heads for q in h.qualifiers
        }
        self.role_start_words.update(q[0] for q in self.qualifier_phrases if q)
