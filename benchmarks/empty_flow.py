"""The smallest flow run (one trivial task): what a run costs Prefect, beyond our work."""

from __future__ import annotations

from prefect import flow, task


@task
def nothing() -> int:
    return 0


@flow
def empty_flow() -> int:
    return nothing()
