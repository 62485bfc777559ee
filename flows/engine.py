"""Where tag batches run: a local process pool, or Dask workers through Prefect's DaskTaskRunner."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from prefect import task

from flows.config import RunConfig
from flows.stages import Batch, BatchResult, tag_pages


@task(name="tag-batch", retries=1)
def tag_batch(pages: list[dict], model: str | None) -> BatchResult:
    """Tag one batch of pages (a Dask task when the engine is dask)."""
    return tag_pages(pages, model)


def _warm_worker(model: str | None) -> None:
    # Build the pipeline once per worker before any batch arrives.
    from extractors.pipeline import shared_nlp

    shared_nlp(model)


def map_tag_batches(
    batches: Iterable[Batch], config: RunConfig
) -> Iterator[tuple[Batch, BatchResult]]:
    """Tag batches on the configured engine, yielding (batch, result) in batch order.

    At most a few batches per worker are in flight, so memory stays flat however
    many pages there are; batches whose pages are all reused never leave this process.
    """
    if config.engine == "dask":
        yield from windowed(
            batches, lambda b: tag_batch.submit(b.todo, config.model), 4 * config.workers
        )
        return
    if config.workers <= 1:
        for batch in batches:
            yield batch, tag_pages(batch.todo, config.model)
        return
    # spawn, not fork: the parent runs Prefect's threads, which fork would copy mid-flight.
    pool: ProcessPoolExecutor | None = None

    def submit(batch: Batch) -> Future:
        nonlocal pool
        if pool is None:  # started lazily: a run with nothing to tag starts no processes
            pool = ProcessPoolExecutor(
                config.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_worker,
                initargs=(config.model,),
            )
        return pool.submit(tag_pages, batch.todo, config.model)

    try:
        yield from windowed(batches, submit, 2 * config.workers)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def windowed(
    batches: Iterable[Batch], submit: Any, window: int
) -> Iterator[tuple[Batch, BatchResult]]:
    """Submit batches with work, keep at most ``window`` in flight, yield results in order."""
    pending: deque[tuple[Batch, Any]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch) if batch.todo else None))
        while len(pending) > window:
            yield settle(*pending.popleft())
    while pending:
        yield settle(*pending.popleft())


def settle(batch: Batch, future: Any) -> tuple[Batch, BatchResult]:
    """A batch with its result (an empty one when it had nothing to compute)."""
    return batch, tag_pages([]) if future is None else future.result()


def dask_task_runner(config: RunConfig) -> Any:
    """A DaskTaskRunner on an existing cluster (address) or a LocalCluster of worker processes."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError as exc:  # the dask extra is optional
        raise RuntimeError(
            "the dask engine needs the 'dask' extra: pip install 'council-minutes[dask]'"
        ) from exc
    if config.dask_address:
        return DaskTaskRunner(address=config.dask_address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": config.workers, "threads_per_worker": 1, "processes": True}
    )
