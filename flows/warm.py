"""What a worker process does before its first batch (a module of its own: see below).

The pool pickles its initializer by reference, so the worker imports the module it
lives in. Here that is this module alone: a worker never imports Prefect (over a
second of CPU per worker at every start; batches need none of it).
"""

from __future__ import annotations

import gc


def warm_worker(model: str | None) -> None:
    """Build the spaCy pipeline once per worker before any batch arrives."""
    from extractors.pipeline import shared_nlp

    shared_nlp(model)
    # What exists now (modules, the pipeline, its vocabularies) lives as long as the
    # worker: frozen, the cyclic collector stops walking it again on every older-
    # generation pass (tagging the benchmark's pages took about 6 % less CPU).
    gc.collect()
    gc.freeze()
