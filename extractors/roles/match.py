"""A recognised office while it is being scanned, and how its category is refined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.roles.vocab import FOLD

SPACES = re.compile(r"\s+")


@dataclass
class RoleMatch:
    """A recognised office as token offsets plus what the scanner learnt about it."""

    start: int
    end: int
    head: tuple[int, int]
    category: str
    left: list[int] = field(default_factory=list)  # modifier/qualifier token indices
    remit: tuple[int, int] | None = None
    remit_text: str | None = None  # from an abbreviation's meaning (DCS -> Children's Services)
    organisation: str | None = None
    expansion: str | None = None  # the meaning of an abbreviation head
    singular: str | None = None  # singular form of a plural head's last word
    nested: list[int] = field(default_factory=list)  # bracketed abbreviations inside ("(CMR)")
    modifiers: tuple[str, ...] = ()
    lower: bool = False  # written wholly in lower case ("the director of children's services")

    @property
    def bare(self) -> bool:
        """A title with no remit or organisation ("the Director"), resolved to an earlier one."""
        return self.remit is None and self.remit_text is None and self.organisation is None


def categorise(base: str, modifiers: tuple[str, ...]) -> str:
    """Refine a head's category by its modifiers ("Vice-Chairman", "Chief Financial Officer")."""
    mods = set(modifiers)
    if base == "chair" and mods & {"vice", "deputy"}:
        return "vice_chair"
    if base == "member" and mods & {"executive", "lead", "cabinet"}:
        return "cabinet_member"
    if base in ("officer", "manager", "other") and "chief" in mods:
        return "chief_officer"
    return base


def case_like(word: str, model: str) -> str:
    """``word`` capitalised like ``model`` (for the singular of a plural head)."""
    if model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


def tidy(text: str) -> str:
    """Collapse whitespace, fold typographic quotes and strip edge punctuation."""
    return SPACES.sub(" ", text.translate(FOLD)).strip(" .,:;")
