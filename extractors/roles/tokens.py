"""A per-Doc table of the token facts the role walkers read, as plain lists indexed by token.

Indexing a Doc (``doc[i]``) builds a Python Token each time; the walkers asked for
millions of them and folded the same texts again and again. Everything they read is
either a property of the word (its lexeme: text, folded text, flags), memoised once
per distinct word, or read in one ``Doc.to_array`` call (ORTH, trailing space).
The table is built inside the component call: the dates component, which runs
earlier, may split tokens, so a table built before that would be stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import compress, count
from operator import attrgetter

import numpy as np
from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.roles.vocab import DASHES, fold

# The only per-token columns read from the Doc; the rest comes from the word memo
# (spans are made from token indices, so no character offsets are needed).
COLUMNS = [ORTH, SPACY]
# Words are memoised by hash across Docs; the memo is dropped when it grows past this size.
MAX_WORDS = 50_000


@dataclass(frozen=True, slots=True)
class Word:
    """What the walkers read about a word (a lexeme), whatever token it appears as."""

    text: str
    folded: str  # fold(text): vocabulary comparisons never fold again
    title: bool  # first character an upper-case letter (as office titles are written)
    alpha: bool
    lower: bool
    upper: bool
    title_case: bool  # spaCy's Token.is_title (str.istitle): "Children", not "WCF"
    space: bool  # a whitespace token (a line break or a run of spaces)
    trigger: bool  # can start an office (see RoleScanner)


# C-level readers of a Word's fields, for ``map`` over a Doc's words.
IS_TRIGGER = attrgetter("trigger")
FOLDED = attrgetter("folded")
IS_SPACE = attrgetter("space")


@dataclass
class TokenTable:
    """One Doc's tokens as lists: each token's Word, its folded text (read most) and space after."""

    words: list[Word]
    folded: list[str]
    ws: list[int]  # 1 if a space follows (spaCy keeps longer whitespace as space tokens)

    def span_text(self, a: int, b: int) -> str:
        """The text of tokens [a, b), exactly as ``doc[a:b].text``."""
        if a >= b:
            return ""
        words, ws = self.words, self.ws
        parts = [words[k].text + " " if ws[k] else words[k].text for k in range(a, b - 1)]
        return "".join(parts) + words[b - 1].text


class WordMemo(dict[int, Word]):
    """The Word of every ORTH hash seen, computed once per distinct word.

    A word is learnt on its first lookup (``__missing__``), so a Doc's words are read in
    one C-level ``map`` over its ORTH column: no per-Doc set of distinct words is built.
    """

    def __init__(self, is_trigger: Callable[[str, str], bool]) -> None:
        super().__init__()
        self.is_trigger = is_trigger
        self.vocab: Vocab | None = None  # the vocab of the Doc being read (see ``start``)

    def start(self, vocab: Vocab) -> None:
        """Prepare to read a Doc of ``vocab``; the memo is dropped first if it grew too large."""
        if len(self) > MAX_WORDS:
            self.clear()
        self.vocab = vocab

    def __missing__(self, orth: int) -> Word:
        lex = self.vocab[orth]  # the lexeme: its flags are exactly the tokens' is_alpha, ...
        text = lex.text
        word = self[orth] = Word(
            text=text,
            folded=fold(text),
            title=text[:1].isupper() and text[:1].isalpha(),
            alpha=lex.is_alpha,
            lower=lex.is_lower,
            upper=lex.is_upper,
            title_case=lex.is_title,
            space=lex.is_space,
            trigger=self.is_trigger(text, lex.lower_),
        )
        return word


def read_token_table(doc: Doc, memo: WordMemo) -> tuple[TokenTable | None, list[int]]:
    """The Doc's token table and the indices of the tokens that can start an office.

    The table is None (and not built) when no token can start one. Each step is one
    C-level pass over the tokens: the columns, their Words, the trigger flags.
    """
    memo.start(doc.vocab)
    cols = read_columns(doc)
    words = list(map(memo.__getitem__, cols[:, 0].tolist()))
    triggers = list(compress(count(), map(IS_TRIGGER, words)))
    if not triggers:
        return None, triggers
    return TokenTable(words, list(map(FOLDED, words)), cols[:, 1].tolist()), triggers


def read_columns(doc: Doc) -> np.ndarray:
    """ORTH and SPACY of every token (one row per token), in one ``to_array`` call."""
    if not len(doc):
        return np.zeros((0, len(COLUMNS)), dtype=np.uint64)
    return doc.to_array(COLUMNS)


def line_break_before(t: TokenTable, k: int) -> bool:
    """Whether token k starts a new line (or follows a gap of several spaces) or lies outside."""
    words = t.words
    return k <= 0 or k >= len(words) or words[k - 1].space or words[k].space


def is_acronym(t: TokenTable, k: int) -> bool:
    """An uppercase abbreviation such as WCF, WSCB or HWB."""
    word = t.words[k]
    return word.alpha and word.text.isupper() and 2 <= len(word.text) <= 8


def attached_hyphen(t: TokenTable, k: int) -> bool:
    """Whether token k directly follows an unspaced hyphen ("Co-opted", "Well-being")."""
    return k > 0 and t.words[k - 1].text in DASHES and not t.ws[k - 1]


def any_break(t: TokenTable, a: int, b: int) -> bool:
    """Whether any token in [a, b) starts a new line (see line_break_before)."""
    if a >= b:
        return False
    if a <= 0 or b > len(t.words):
        return True  # a token in the range lies at or outside the Doc's edges
    # Token k starts a line if it or token k - 1 is whitespace: one C-level pass over [a-1, b).
    return any(map(IS_SPACE, t.words[a - 1 : b]))
