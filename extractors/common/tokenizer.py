"""How our pipelines tokenise: spaCy's English tokenizer with two changes that keep its tokens.

1. Names joined by slashes ("Grice/Samantha") are split, so names align to tokens.
2. Special cases that map one character to itself are dropped. spaCy's tokenizer
   caches how it split each whitespace-delimited chunk, but once any special case
   has been used in a text it stops adding to that cache for the rest of the text
   (one flag per call, never reset; spaCy issue #1250's guard). English has six such
   cases, among them the line break, the space and the apostrophes, so nearly every
   page turned the cache off at its first line break and its rarer words were split
   afresh, affix regex by affix regex, every time they came up. A one-character
   string splits into that character with or without the rule, so the tokens are the
   same; tests compare them with spaCy's own tokenizer.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.util import compile_infix_regex

# A slash between a word (or a closing bracket) and a capital: "844962)/Samantha".
SLASH_BEFORE_NAME = r"(?<=[\w)])/(?=[A-Z])"


def tune_tokenizer(nlp: Language) -> None:
    """Apply both changes to the pipeline's tokenizer (see the module's docstring)."""
    split_slashes(nlp)
    drop_identity_special_cases(nlp)


def split_slashes(nlp: Language) -> None:
    """Split "Grice/Samantha" and "844962)/Samantha" into tokens so names align to tokens.

    Header contacts list names joined by slashes; without this the name would be
    widened to the whole slash-joined token.
    """
    infixes = [*nlp.Defaults.infixes, SLASH_BEFORE_NAME]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def identity_special_cases(rules: dict[str, list[dict]]) -> list[str]:
    """The special cases that turn one character into one token of that character, no more."""
    return [key for key, tokens in rules.items() if len(key) == 1 and tokens == [{ORTH: key}]]


def drop_identity_special_cases(nlp: Language) -> None:
    """Remove the one-character identity special cases, which only turn the chunk cache off."""
    # A custom tokenizer (a trained model may bring one) need not have special cases.
    rules = getattr(nlp.tokenizer, "rules", None) or {}
    dropped = set(identity_special_cases(rules))
    if dropped:
        # Setting the rules reloads the special cases and empties the caches.
        nlp.tokenizer.rules = {key: tokens for key, tokens in rules.items() if key not in dropped}
