"""Benchmark the pipeline on N synthetic pages: throughput, per-stage times, overhead, memory.

    python benchmarks/bench.py --pages 1000 [--workers 2] [--engine local|dask]
                               [--change-percent [P] | --rerun]

With `--change-percent P` (1 when given alone, or with `--rerun`), P % of the raw
pages are then rewritten (chosen by the seed) and the pipeline runs again: the
re-run's time beyond start-up is printed with its ratio to the first run's.

Tag against bare tokenising: the tag stage runs on W worker processes, all busy
while it lasts, so one process tags tokens / (tag seconds * W) tokens a second;
`tag / bare per process` divides that by one bare `spacy.blank("en")` process's
rate over the same texts: every segment the stage tags (each page's items, and its
header and any text outside them). `tag / bare` divides the stage's overall rate instead.
The same ratio is also printed against a bare process's rate while W of them run
at once, as the tag workers do (how much the machine itself slows W busy processes).
`tag / bare in one process` times our pipeline and bare tokenising in turn, in CPU
seconds, over the same segments: a ratio of the code alone, which the machine's
drift between two measurements minutes apart does not move. `tokenizer / bare in one
process` pairs our tokenizer alone with bare tokenising the same way: it makes the
same tokens as spaCy's but keeps spaCy's chunk cache on (extractors/common/tokenizer.py),
so part of tagging's lead is the tokenizer's, not the components'.

Prints figures only; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import change_pages, generate  # noqa: E402
from memory import PeakMemory  # noqa: E402


def tagged_texts(config: object) -> list[str]:
    """The text of every segment the tag stage tagged: each page's header, items and rest."""
    from extractors.pipeline import segment_page
    from flows.inputs import pages_with_items

    return [
        segment.text
        for page in pages_with_items(config)
        for segment in segment_page(page["doc_id"], page["text"], page["items"])
    ]


def bare_tokenizer_rate(texts: list[str], runs: int = 3) -> tuple[int, float]:
    """Tokens in the texts and the seconds bare spacy.blank('en').pipe takes over them.

    The fastest of a few runs, each with a new pipeline: one run alone varies by
    a fifth on a shared machine, and the ratios below divide by it.
    """
    import spacy

    best = float("inf")
    for _ in range(runs):
        nlp = spacy.blank("en")
        started = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
        best = min(best, time.perf_counter() - started)
    return tokens, best


PAIRED_TEXTS = 5000  # segments (about 700,000 tokens): a few seconds a round


def paired_over_bare(texts: list[str], ours: Callable[[], object], rounds: int = 3) -> float:
    """Bare tokenising's CPU seconds over ``ours()``'s, the two in turn on the same texts;
    the median of ``rounds`` pairs (each pair is measured under the same machine state)."""
    import statistics

    import spacy

    bare = spacy.blank("en")
    ratios = []
    for _ in range(rounds):
        started = time.process_time()
        for _ in bare.pipe(texts, batch_size=256):
            pass
        bare_seconds = time.process_time() - started
        started = time.process_time()
        ours()
        ratios.append(bare_seconds / (time.process_time() - started))
    return statistics.median(ratios)


def tag_over_bare_paired(texts: list[str]) -> float:
    """Bare tokenising over tagging (the pipeline and its mention rows), paired in one process."""
    from extractors.pipeline import Segment, build_nlp, tag_segments

    nlp = build_nlp()
    segments = [Segment("bench", None, 0, text) for text in texts]
    return paired_over_bare(texts, lambda: sum(1 for _ in tag_segments(nlp, segments)))


def tokenizer_over_bare_paired(texts: list[str]) -> float:
    """Bare tokenising over our tokenizer alone (see extractors/common/tokenizer.py), paired."""
    from extractors.pipeline import build_nlp

    nlp = build_nlp(components=())
    return paired_over_bare(texts, lambda: [nlp.make_doc(text) for text in texts])


def _import_spacy() -> None:
    import spacy

    spacy.blank("en")


def bare_rate_at_once(texts: list[str], processes: int) -> float:
    """Tokens a second of one bare process while ``processes`` of them tokenise at once.

    The tag stage's workers run side by side, and on a shared machine each runs
    slower than it would alone (caches, memory bandwidth, the hypervisor): this is
    the bare rate under that same load.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_import_spacy) as pool:
        runs = list(pool.map(bare_tokenizer_rate, [texts] * processes))
    return sum(tokens / seconds for tokens, seconds in runs) / processes


def prefect_overhead() -> float:
    """Seconds a flow run with one trivial task costs (local API start-up included)."""
    from empty_flow import empty_flow
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    started = time.perf_counter()
    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        empty_flow()
    return time.perf_counter() - started


def run_measured(config: object) -> tuple[object, float, PeakMemory]:
    """Run the pipeline once: its summary, wall seconds and peak memory."""
    from flows.flow import run

    with PeakMemory() as memory:
        started = time.perf_counter()
        summary = run(config)
        seconds = time.perf_counter() - started
    return summary, seconds, memory


def print_run(label: str, summary: object, seconds: float, memory: PeakMemory) -> None:
    """A run's per-stage times and peak memory."""
    for report in summary.reports:
        done = f"{report.processed:,} processed, {report.reused:,} reused"
        print(f"{label} {report.stage:<8} {report.seconds:6.2f} s  ({done})")
    print(
        f"{label} peak RSS {memory.main_mb:,.0f} MB main process, "
        f"{memory.worker_mb:,.0f} MB largest worker"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--engine", default="local", choices=("local", "dask"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--change-percent",
        type=float,
        nargs="?",
        const=1.0,
        default=None,
        help="then rewrite this %% of the pages and run again (default 1)",
    )
    parser.add_argument("--rerun", action="store_true", help="same as --change-percent 1")
    parser.add_argument(
        "--keep", type=Path, default=None, help="work folder to keep (default: temp)"
    )
    args = parser.parse_args()
    change = args.change_percent if args.change_percent is not None else 1.0 if args.rerun else None

    import os

    from flows.config import RunConfig

    work = args.keep or Path(tempfile.mkdtemp(prefix="minutes-bench-"))
    started = time.perf_counter()
    generate(work / "raw", args.pages, args.seed)
    print(
        f"generated {args.pages} synthetic pages in {time.perf_counter() - started:.1f} s -> {work}"
    )

    overhead = prefect_overhead()
    workers = args.workers or os.cpu_count() or 1
    config = RunConfig(
        raw_dir=work / "raw",
        out_dir=work / "output",
        workers=workers,
        batch_size=args.batch_size,
        engine=args.engine,
        report=False,  # timed on its own below
    )
    summary, total, memory = run_measured(config)
    stages = {r.stage: r.seconds for r in summary.reports}
    rerun = None
    if change is not None:
        changed = change_pages(work / "raw", change, args.seed)
        rerun = (len(changed), *run_measured(config))

    from report import build_site  # imported after the runs: the pipeline does not need it

    site = build_site(config.out_dir)
    texts = tagged_texts(config)
    tokens, bare_seconds = bare_tokenizer_rate(texts)
    tag_rate = tokens / stages["tag"] if stages.get("tag") else float("nan")
    bare_rate = tokens / bare_seconds
    bare_loaded = bare_rate_at_once(texts, workers) if workers > 1 else bare_rate
    paired = tag_over_bare_paired(texts[:PAIRED_TEXTS])
    tokenizer_paired = tokenizer_over_bare_paired(texts[:PAIRED_TEXTS])

    print(
        f"pages            {args.pages:,}  ({workers} workers, engine {args.engine}, "
        f"batch {args.batch_size})"
    )
    # The empty flow ran first and started the local API; the pipeline run reuses it,
    # so its wall time is the cost beyond Prefect's start-up.
    print(f"Prefect overhead {overhead:.1f} s  (first flow run: local API start + one task)")
    print(f"pipeline         {total:.1f} s  beyond start-up ({overhead + total:.1f} s with it)")
    print(f"pages/s          {args.pages / total:,.0f}  beyond start-up")
    print(f"tokens           {tokens:,} in the tagged segments (after any re-run)")
    print(f"tokens/s (tag)   {tag_rate:,.0f}")
    print(f"tokens/s (bare)  {bare_rate:,.0f}  spacy.blank('en').pipe, one process")
    print(f"tag / bare       {tag_rate / bare_rate:.2f}")
    print(
        f"tag / bare per process {tag_rate / workers / bare_rate:.2f}  "
        f"(tokens / (tag s * {workers} workers) / bare rate)"
    )
    print(
        f"tag / bare per process, {workers} bare at once {tag_rate / workers / bare_loaded:.2f}  "
        f"(one bare process runs at {bare_loaded / bare_rate:.2f} of its speed alone "
        f"when {workers} run side by side)"
    )
    print(
        f"tag / bare in one process {paired:.2f}  (CPU seconds, the two in turn over "
        f"{min(len(texts), PAIRED_TEXTS):,} segments, median of 3)"
    )
    print(
        f"tokenizer / bare in one process {tokenizer_paired:.2f}  (our tokenizer alone, the same "
        "tokens as spaCy's: its chunk cache stays on; the same pairing)"
    )
    for stage, seconds in stages.items():
        print(f"stage {stage:<10} {seconds:.2f} s")
    print(
        f"peak RSS         {memory.main_mb:,.0f} MB main process, "
        f"{memory.worker_mb:,.0f} MB largest worker (during the run)"
    )
    print(f"rows             {summary.tables}")
    print(f"pages in errors  {summary.failed_pages}")
    if rerun is not None:
        count, again, seconds, again_memory = rerun
        print(
            f"re-run           {seconds:.1f} s beyond start-up after rewriting {count:,} pages "
            f"({change:g} %): {seconds / total:.2f} of the first run"
        )
        print_run("re-run", again, seconds, again_memory)
    print(
        f"report           {site.seconds:.1f} s, {site.bytes / 1e6:,.1f} MB in "
        f"{site.files:,} files ({site.bytes / max(site.pages, 1) / 1e3:,.1f} kB per page view; "
        f"index {site.index.stat().st_size / 1e3:,.0f} kB)"
    )


if __name__ == "__main__":
    main()
