"""A per-Doc table of the token facts the role walkers read, as plain lists indexed by token.

Indexing a Doc (``doc[i]``) builds a Python Token each time; the walkers asked for
millions of them and folded the same texts again and again. Everything they read is
either a property of the word (its lexeme: text, folded text, flags), memoised once
per distinct word, or one of two ``Doc.to_array`` columns (offset, trailing space).
The table is built inside the component call: the dates component, which runs
earlier, may split tokens, so a table built before that would be stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import or_

from spacy.attrs import IDX, ORTH, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.roles.vocab import fold

# The only per-token columns read from the Doc; the rest comes from the word memo.
COLUMNS = [ORTH, IDX, SPACY]
# Words are memoised by hash across Docs; the memo is dropped when it grows past this size.
MAX_WORDS = 50_000


@dataclass
class TokenTable:
    """Token texts, folded texts, offsets and flags of one Doc, as lists indexed by token."""

    text: list[str]
    folded: list[str]  # fold(text): vocabulary comparisons never fold again
    idx: list[int]
    ws: list[bool]  # a space follows (spaCy keeps any longer whitespace as space tokens)
    alpha: list[bool]
    lower: list[bool]
    upper: list[bool]
    title: list[bool]  # first character an upper-case letter (as office titles are written)
    title_case: list[bool]  # spaCy's Token.is_title (str.istitle): "Children", not "WCF"
    breaks: list[bool]  # breaks[k]: token k starts a new line; k in 0..n, both ends True

    def span_text(self, a: int, b: int) -> str:
        """The text of tokens [a, b), exactly as ``doc[a:b].text``."""
        if a >= b:
            return ""
        text, ws = self.text, self.ws
        parts = [text[k] + " " if ws[k] else text[k] for k in range(a, b - 1)]
        return "".join(parts) + text[b - 1]

    def end_char(self, k: int) -> int:
        """Character offset just after token k's text."""
        return self.idx[k] + len(self.text[k])


class WordMemo:
    """What the walkers read about a word, by ORTH hash, computed once per distinct word.

    ``triggers`` holds the hashes of words that can start an office (see RoleScanner).
    """

    FIELDS = ("text", "folded", "title", "alpha", "lower", "upper", "title_case", "space")

    def __init__(self, is_trigger: Callable[[str, str], bool]) -> None:
        self.is_trigger = is_trigger
        self.columns: dict[str, dict[int, object]] = {name: {} for name in self.FIELDS}
        self.triggers: set[int] = set()

    def learn(self, vocab: Vocab, orth: list[int]) -> None:
        """Add the words not seen before (dropping the memo first if it grew too large)."""
        text = self.columns["text"]
        if len(text) > MAX_WORDS:
            for column in self.columns.values():
                column.clear()
            self.triggers.clear()
        for h in set(orth).difference(text):
            lex = vocab[h]  # the lexeme: its flags are exactly the tokens' is_alpha, ...
            row = (
                lex.text,
                fold(lex.text),
                lex.text[:1].isupper() and lex.text[:1].isalpha(),
                lex.is_alpha,
                lex.is_lower,
                lex.is_upper,
                lex.is_title,
                lex.is_space,
            )
            for name, value in zip(self.FIELDS, row, strict=True):
                self.columns[name][h] = value
            if self.is_trigger(lex.text, lex.lower_):
                self.triggers.add(h)

    def column(self, name: str, orth: list[int]) -> list:
        """One field for every token."""
        return list(map(self.columns[name].__getitem__, orth))


def build_token_table(
    orth: list[int], idx: list[int], ws: list[bool], memo: WordMemo
) -> TokenTable:
    """The table of one Doc from its ORTH, IDX and SPACY columns (words already learnt)."""
    space = memo.column("space", orth)
    # Same rule as the old line_break_before: a space token on either side (or outside the Doc).
    breaks = [True, *map(or_, space, space[1:]), True] if orth else [True, True]
    return TokenTable(
        text=memo.column("text", orth),
        folded=memo.column("folded", orth),
        idx=idx,
        ws=ws,
        alpha=memo.column("alpha", orth),
        lower=memo.column("lower", orth),
        upper=memo.column("upper", orth),
        title=memo.column("title", orth),
        title_case=memo.column("title_case", orth),
        breaks=breaks,
    )


def read_columns(doc: Doc) -> tuple[list[int], list[int], list[bool]]:
    """ORTH, IDX and SPACY of every token, in one ``to_array`` call."""
    if not len(doc):
        return [], [], []
    orth, idx, spacy = doc.to_array(COLUMNS).T.tolist()
    return orth, idx, list(map(bool, spacy))
