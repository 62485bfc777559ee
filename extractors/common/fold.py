"""Case folding for cheap trigger-word tests that stand in front of expensive re.IGNORECASE scans.

A case-insensitive regex with alternations scans text slowly; ``word in fold(text)``
is a C substring search. The test is only a filter: it may let through text the
regex then rejects, but must never reject text the regex would match.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

# Characters besides ASCII letters that re.IGNORECASE matches to an ASCII letter
# (found by trying every code point): str.lower() leaves them non-ASCII.
LOOKALIKES = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
LOOKALIKE_CHARS = "".join(map(chr, LOOKALIKES))


def fold(text: str) -> str:
    """Lower-case text in which anything re.IGNORECASE takes for an ASCII letter is that letter."""
    # Four substring tests in C: a regex class search over the text costs twice as much.
    if not text.isascii() and any(char in text for char in LOOKALIKE_CHARS):
        text = text.translate(LOOKALIKES)
    return text.lower()


def has_any(folded: str, words: Iterable[str]) -> bool:
    """Whether any of the lower-case words occurs in the folded text."""
    return any(word in folded for word in words)


def find_words(folded: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of each word in the folded text (overlaps included)."""
    found = []
    for word in words:
        at = folded.find(word)
        while at >= 0:
            found.append((at, at + len(word)))
            at = folded.find(word, at + 1)
    return found


def spans_holding(hits: Iterable[tuple[int, int]], spans: list[tuple[int, int]]) -> set[int]:
    """Indices of the (start, end) spans, in text order and disjoint, that wholly hold a hit."""
    starts = [start for start, _ in spans]
    found = set()
    for start, end in hits:
        k = bisect_right(starts, start) - 1
        if k >= 0 and end <= spans[k][1]:
            found.add(k)
    return found
