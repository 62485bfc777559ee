"""`minutes serve` registers a cron schedule on a real Prefect server; its run writes tables."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import copy_corpus

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def api(url: str, body: dict | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.slow
def test_cron_schedule_on_a_real_server_completes_a_run(tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "5",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
    }
    env.pop("PREFECT_API_URL", None)
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    served = None
    try:
        wait_for(lambda: api(f"{url}/health"), 120, "the Prefect server")
        raw, out = copy_corpus(tmp_path / "raw"), tmp_path / "out"
        served = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "serve",
                "--cron",
                "* * * * *",
                "--raw-dir",
                str(raw),
                "--out-dir",
                str(out),
            ],
            env={**env, "PREFECT_API_URL": url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        completed = {"flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}
        runs = wait_for(
            lambda: [r for r in api(f"{url}/flow_runs/filter", completed) if r["deployment_id"]],
            200,
            "a scheduled flow run to complete",
        )
        assert runs[0]["name"]
        deployments = api(f"{url}/deployments/filter", {})
        assert any(
            s["schedule"].get("cron") == "* * * * *" for d in deployments for s in d["schedules"]
        )
        assert len(pd.read_parquet(out / "documents")) == 6
        assert len(pd.read_parquet(out / "items")) > 0
    finally:
        for proc in (served, server):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
