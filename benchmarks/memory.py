"""Peak resident memory of this process and of its worker processes during one run (Linux).

`getrusage` keeps a lifetime maximum, so a second run in the same process would
report the first run's peak. Here the kernel's high-water mark of this process is
reset before the run (`/proc/self/clear_refs`), and the workers' marks are sampled
while they live (they end with each run, before their rusage could be read apart).
"""

from __future__ import annotations

import contextlib
import re
import resource
import threading
from pathlib import Path

import psutil

HWM = re.compile(r"VmHWM:\s+(\d+) kB")


def high_water_mb(pid: int | str = "self") -> float:
    """The peak resident memory of a process so far (MB); 0 if it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = HWM.search(status)
    return int(found.group(1)) / 1024 if found else 0.0


def is_worker(process: psutil.Process) -> bool:
    """A process-pool worker (spawned by multiprocessing), not Prefect's API server."""
    try:
        return any("spawn_main" in part for part in process.cmdline())
    except psutil.Error:
        return False


class PeakMemory:
    """Measure the peak RSS of this process and of its largest worker over a `with` block."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.main_mb = 0.0
        self.worker_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        # Reset VmHWM to the current RSS; elsewhere than Linux the peak is the process's life.
        with contextlib.suppress(OSError):
            Path("/proc/self/clear_refs").write_text("5")
        self._thread.start()
        return self

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.every):
            for child in me.children(recursive=True):
                if is_worker(child):
                    self.worker_mb = max(self.worker_mb, high_water_mb(child.pid))

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.main_mb = high_water_mb() or (
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        )
