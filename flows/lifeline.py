"""A run's lifeline: when its main process dies, however it dies, its helpers die too.

The Prefect temporary API server and the worker processes are children of the
run's main process; a SIGKILL of that process would orphan them (about 800 MB).
`lifeline()` starts a small watcher that keeps a list of the run's descendants
and, the moment the main process is gone, ends every one of them still alive.
The watcher learns of the death through a pipe: the kernel closes it when the
main process dies, so no polling of the parent is needed to notice.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import psutil

REFRESH_SECONDS = 0.5  # how often the watcher refreshes its list of the run's processes
GRACE_SECONDS = 3.0  # how long helpers get to stop after SIGTERM before SIGKILL


@contextmanager
def lifeline() -> Iterator[None]:
    """Watch this process for the duration of the block; on its death, end its descendants."""
    watcher = subprocess.Popen(
        [sys.executable, "-m", "flows.lifeline", str(os.getpid())],
        stdin=subprocess.PIPE,
        start_new_session=True,  # a Ctrl-C to the terminal must not stop the watcher first
    )
    try:
        yield
    finally:
        try:
            watcher.communicate(b"done\n", timeout=10)  # a clean end: nothing to kill
        except (OSError, subprocess.TimeoutExpired):
            watcher.kill()


def descendants(parent: psutil.Process) -> dict[int, float]:
    """pid -> creation time of every live descendant (the time guards against pid reuse)."""
    found = {}
    for child in parent.children(recursive=True):
        try:
            found[child.pid] = child.create_time()
        except psutil.Error:
            continue
    found.pop(os.getpid(), None)
    return found


def end_processes(tracked: dict[int, float]) -> None:
    """SIGTERM the tracked processes still alive (same pid and creation time), then SIGKILL."""
    alive = []
    for pid, created in tracked.items():
        try:
            proc = psutil.Process(pid)
            if proc.create_time() == created:
                proc.send_signal(signal.SIGTERM)
                alive.append(proc)
        except psutil.Error:
            continue
    _, still = psutil.wait_procs(alive, timeout=GRACE_SECONDS)
    for proc in still:
        try:
            proc.kill()
        except psutil.Error:
            continue


def watch(parent_pid: int) -> None:
    """The watcher's loop: refresh the list; on EOF (parent died) end them; on "done" just exit."""
    try:
        parent = psutil.Process(parent_pid)
    except psutil.Error:
        return
    tracked: dict[int, float] = {}
    stdin = sys.stdin.buffer
    while True:
        ready, _, _ = select.select([stdin], [], [], REFRESH_SECONDS)
        if ready:
            line = stdin.readline()
            if line.strip() == b"done":
                return
            if not line:  # EOF: the main process is gone
                break
        try:
            tracked.update(descendants(parent))
        except psutil.Error:
            break
    end_processes(tracked)


if __name__ == "__main__":
    watch(int(sys.argv[1]))
