"""DNS failures, tested where no packet can leave: the cases run in an offline namespace."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def test_host_names_that_do_not_exist_fail_clearly_without_leaving_the_machine():
    command = ["unshare", "--mount", "--net", sys.executable, str(HERE / "offline.py")]
    command += ["-q", "-p", "no:cacheprovider", str(HERE / "dns_cases.py")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=HERE.parents[1])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 passed" in done.stdout
