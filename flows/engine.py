"""Where batches run: in-process, a local process pool, or Dask workers via DaskTaskRunner."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from prefect import task

from flows.config import RunConfig
from flows.stages import BatchResult
from flows.warm import warm_worker

if TYPE_CHECKING:  # planning imports the engine: a type-only import avoids the cycle
    from flows.incremental import Batch

BatchFunction = Callable[..., BatchResult]
_pool: tuple[tuple[int, str | None], ProcessPoolExecutor] | None = None


@task(name="run-batch", retries=1)
def run_batch(func: BatchFunction, pages: list[dict], args: tuple) -> BatchResult:
    """Run one stage function on one batch of pages (a Dask task when the engine is dask)."""
    return func(pages, *args)


def worker_pool(config: RunConfig) -> ProcessPoolExecutor:
    """The process pool shared by every stage of a run (started on first use)."""
    global _pool
    key = (config.workers, config.model)
    if _pool is None or _pool[0] != key:
        shutdown_pool()
        # spawn, not fork: the parent runs Prefect's threads, which fork would copy mid-flight.
        pool = ProcessPoolExecutor(
            config.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=warm_worker,
            initargs=(config.model,),
        )
        _pool = (key, pool)
    return _pool[1]


def shutdown_pool() -> None:
    """Stop the shared pool's worker processes (end of a run)."""
    global _pool
    if _pool is not None:
        _pool[1].shutdown(cancel_futures=True)
        _pool = None


def map_batches(
    func: BatchFunction,
    batches: Iterable[Batch],
    config: RunConfig,
    *args: Any,
    to_compute: int | None = None,
) -> Iterator[tuple[Batch, BatchResult]]:
    """Apply ``func(pages, *args)`` to each batch's pages to compute; yield in batch order.

    At most a few batches per worker are in flight, so memory stays flat however
    many pages there are; batches whose pages are all reused never leave this process.
    When a re-run has at most a batch's worth of pages to compute (``to_compute``),
    they are computed here: starting the workers (each importing spaCy) would cost
    more than the pages.
    """
    few = to_compute is not None and to_compute <= config.batch_size
    if config.engine == "dask":
        submit = lambda b: run_batch.submit(func, b.todo, args)  # noqa: E731
        yield from windowed(batches, submit, func, args, 4 * config.workers)
    elif config.workers <= 1 or few:
        for batch in batches:
            yield batch, func(batch.todo, *args)
    else:
        submit = lambda b: worker_pool(config).submit(func, b.todo, *args)  # noqa: E731
        yield from windowed(batches, submit, func, args, 2 * config.workers)


def windowed(
    batches: Iterable[Batch], submit: Callable, func: BatchFunction, args: tuple, window: int
) -> Iterator[tuple[Batch, BatchResult]]:
    """Submit batches with work, keep at most ``window`` in flight, yield results in order."""
    pending: deque[tuple[Batch, Any]] = deque()
    for batch in batches:
        pending.append((batch, submit(batch) if batch.todo else None))
        while len(pending) > window:
            yield settle(*pending.popleft(), func, args)
    while pending:
        yield settle(*pending.popleft(), func, args)


def settle(
    batch: Batch, future: Any, func: BatchFunction, args: tuple
) -> tuple[Batch, BatchResult]:
    """A batch with its result (computed here, trivially, when it had nothing to do)."""
    return batch, func([], *args) if future is None else future.result()


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
