"""Colours and CSS classes of mention labels, from the label vocabulary (then the labels found)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractors.common.vocab import LABELS

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#CC79A7", "#009E73", "#D55E00", "#E69F00", "#56B4E9", "#F0E442", "#999999")


def known_labels(seen: Iterable[str] = ()) -> list[str]:
    """The vocabulary's labels, then any other label found in the tables (sorted)."""
    return [*LABELS, *sorted(set(seen) - set(LABELS))]


def label_colours(seen: Iterable[str] = ()) -> dict[str, str]:
    """Label -> colour, stable for the vocabulary's labels."""
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(known_labels(seen))}


def css_class(label: str) -> str:
    """A CSS class name for a label (anything but letters, digits, - and _ becomes _)."""
    return "l-" + re.sub(r"[^A-Za-z0-9_-]", "_", label)
