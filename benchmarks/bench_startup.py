"""Where a run's start-up seconds go: imports, Prefect's temporary API, migrations, first run.

    python benchmarks/bench_startup.py [--port 4299]

Every figure is measured in a fresh Python process (each with its own empty
`PREFECT_HOME`, so nothing of the user's Prefect is read or written):

- imports: what `import X` costs on its own (the interpreter's start subtracted);
  `flows.flow` is what `minutes run` imports before its flow starts, and the list of
  heavy packages it pulls in shows what the main process is spared;
- the temporary API: starting it with a fresh home (database created and migrated,
  block types registered) and again with that home (migrations only checked);
- the database migration alone, fresh and already current;
- the first and second flow runs of an empty flow once the API is up;
- `minutes run` end to end on the shipped sample (raw/, 6 pages), first with its own
  temporary API, then with `PREFECT_API_URL` pointing at a `prefect server start`
  this script starts on 127.0.0.1 and stops at the end.

Prints figures only; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
HEAVY = ("spacy", "report", "matplotlib", "jinja2", "bs4", "holidays", "extractors.pipeline")


def environment(home: Path, api_url: str | None = None) -> dict[str, str]:
    """The environment of a measured process: its own Prefect home, no telemetry."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {
        "PREFECT_HOME": str(home),
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def timed_python(code: str, home: Path, api_url: str | None = None) -> float:
    """Run a snippet in a fresh interpreter; it prints one number (seconds), returned here."""
    done = subprocess.run(
        [PYTHON, "-c", code],
        env=environment(home, api_url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def import_seconds(module: str, home: Path) -> float:
    """Seconds `import module` takes in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    return timed_python(code, home)


def heavy_imports_of(module: str, home: Path) -> list[str]:
    """Which of the heavy packages importing ``module`` loads."""
    loaded = f"enumerate({HEAVY!r}) if m in sys.modules"
    code = f"import sys, {module}; print(sum(1 << i for i, m in {loaded}))"
    mask = int(timed_python(code, home))
    return [m for i, m in enumerate(HEAVY) if mask >> i & 1]


SERVER_START = """
import time
from prefect.server.api.server import SubprocessASGIServer
server = SubprocessASGIServer()
t = time.perf_counter(); server.start(); started = time.perf_counter() - t
server.stop()
print(started)
"""

MIGRATE = """
import asyncio, time
from prefect.server.database import provide_database_interface
db = provide_database_interface()
t = time.perf_counter(); asyncio.run(db.create_db()); print(time.perf_counter() - t)
"""

FLOW_RUNS = """
import sys, time
sys.path.insert(0, sys.argv[1])
from empty_flow import empty_flow
from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
from prefect.server.api.server import SubprocessASGIServer
from prefect.settings import PREFECT_API_URL
server = SubprocessASGIServer(); server.start()
times = []
with temporary_settings(updates={PREFECT_API_URL: server.api_url,
                                 PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
    for _ in range(2):
        t = time.perf_counter(); empty_flow(); times.append(time.perf_counter() - t)
server.stop()
print(times[0]); print(times[1])
"""


def flow_run_seconds(home: Path) -> tuple[float, float]:
    """Seconds of a first and a second empty flow run against an API that is already up."""
    done = subprocess.run(
        [PYTHON, "-c", FLOW_RUNS, str(Path(__file__).parent)],
        env=environment(home),
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = done.stdout.strip().splitlines()[-2:]
    return float(first), float(second)


def minutes_run_seconds(home: Path, out: Path, api_url: str | None = None) -> float:
    """Wall seconds of `minutes run` over the shipped sample, in a fresh process."""
    minutes = Path(PYTHON).with_name("minutes")
    started = time.perf_counter()
    subprocess.run(
        [str(minutes), "run", "--raw-dir", "raw", "--out-dir", str(out), "--no-report"],
        env=environment(home, api_url),
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - started


def start_server(home: Path, port: int) -> subprocess.Popen:
    """`prefect server start` on 127.0.0.1 (its own home), once it answers /api/health."""
    prefect = Path(PYTHON).with_name("prefect")
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=environment(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its uvicorn child is stopped with it (stop_server)
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise RuntimeError(f"prefect server start did not answer on port {port} within 120 s")


def stop_server(server: subprocess.Popen) -> None:
    """Stop the server this script started, with the processes of its own session."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=4299, help="port of the started server")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="minutes-startup-") as tmp:
        tmp = Path(tmp)
        home = tmp / "home"
        for module in ("prefect", "pandas", "pyarrow", "spacy", "report", "flows.flow"):
            print(f"import {module:<22} {import_seconds(module, home):5.2f} s")
        heavy = heavy_imports_of("flows.flow", home)
        print(f"flows.flow loads        {', '.join(heavy) or 'none of ' + ', '.join(HEAVY)}")

        fresh = tmp / "fresh"
        print(f"temporary API, fresh home  {timed_python(SERVER_START, fresh):5.2f} s")
        print(f"temporary API, warm home   {timed_python(SERVER_START, fresh):5.2f} s")
        migrate = tmp / "migrate"
        print(f"database migration, fresh  {timed_python(MIGRATE, migrate):5.2f} s")
        print(f"database migration, current {timed_python(MIGRATE, migrate):4.2f} s")
        first, second = flow_run_seconds(fresh)
        print(f"empty flow run, first      {first:5.2f} s  (API up)")
        print(f"empty flow run, second     {second:5.2f} s")

        ours = tmp / "ours"
        minutes_run_seconds(ours, tmp / "warm-up")  # a warm home, as a user's would be
        alone = minutes_run_seconds(ours, tmp / "out-alone")
        print(f"minutes run (6 pages), temporary API   {alone:5.2f} s")
        server = start_server(tmp / "server", args.port)
        try:
            url = f"http://127.0.0.1:{args.port}/api"
            minutes_run_seconds(ours, tmp / "warm-server", url)
            served = minutes_run_seconds(ours, tmp / "out-served", url)
        finally:
            stop_server(server)
        print(f"minutes run (6 pages), running server  {served:5.2f} s  (PREFECT_API_URL)")
        print(f"start-up a running server saves        {alone - served:5.2f} s per run")


if __name__ == "__main__":
    main()
