"""Host names that do not exist, run by test_dns.py inside an offline namespace (offline.py).

Not collected on its own (no test_ prefix): outside the namespace these lookups would
ask the machine's real DNS server.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from moderngov.client import SiteClient
from moderngov.councils import fetch_councils
from moderngov.errors import HostNotFoundError
from moderngov.options import FetchOptions
from moderngov.registry import load_registry
from moderngov.state import ERRORS_FILE
from tests.moderngov.conftest import FAST

RUN_DATE = date(2026, 2, 20)
OPTIONS = FetchOptions(since=date(2025, 10, 1), until=date(2026, 3, 31), client=FAST)


def test_an_unresolvable_host_is_a_named_error():
    url = "http://democracy.council.invalid"
    with SiteClient(url, FAST) as client, pytest.raises(HostNotFoundError, match="invalid"):
        client.get(f"{url}/mgWebService.asmx/GetCommittees?lDays=0")


def test_a_council_whose_host_does_not_exist_is_recorded_and_others_go_on(site, tmp_path):
    registry = load_registry()
    councils = [registry.resolve("http://democracy.nowhere.invalid"), registry.resolve(site.url)]
    summaries = {s.council_id: s for s in fetch_councils(councils, tmp_path, OPTIONS, RUN_DATE)}
    assert summaries[registry.resolve(site.url).council_id].new == 4
    nowhere = summaries["democracy.nowhere.invalid"]
    assert [e["error"] for e in nowhere.errors] == ["HostNotFoundError"]
    written = json.loads((tmp_path / "democracy.nowhere.invalid" / ERRORS_FILE).read_text())
    assert written[0]["source"] == "democracy.nowhere.invalid"
