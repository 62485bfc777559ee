"""The polite client against a real local server: retries, Retry-After, pauses, caps, refusals."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest

from moderngov.client import SiteClient, user_agent
from moderngov.errors import (
    AnswerTooLargeError,
    ConnectFailedError,
    FetchTimeoutError,
    HttpStatusError,
    RedirectRefusedError,
)
from tests.moderngov.conftest import FAST
from tests.moderngov.site import Reply

XML = b'<?xml version="1.0"?><committees></committees>'


def committees(site) -> str:
    return f"{site.url}/mgWebService.asmx/GetCommittees?lDays=0"


def test_a_429_is_retried_after_the_time_retry_after_asks(site):
    site.script("GetCommittees", None, Reply(429, headers={"Retry-After": "1"}))
    with SiteClient(site.url, FAST) as client:
        answer = client.get(committees(site))
    first, second = site.calls("GetCommittees")
    assert answer.status == 200 and client.requests == 2
    # Measured by the server: the client waited for Retry-After, not its tiny backoff.
    assert second.at - first.at >= 1.0


def test_a_burst_of_503_is_retried_until_the_site_answers(site):
    site.script("GetCommittees", None, *[Reply(503)] * 3)
    with SiteClient(site.url, replace(FAST, attempts=4)) as client:
        assert client.get(committees(site)).body == site.committees
    assert len(site.calls("GetCommittees")) == 4


def test_a_site_that_keeps_failing_gives_a_named_error(site):
    site.script("GetCommittees", None, *[Reply(500)] * 5)
    with SiteClient(site.url, FAST) as client, pytest.raises(HttpStatusError, match="HTTP 500"):
        client.get(committees(site))
    assert len(site.calls("GetCommittees")) == FAST.attempts


def test_a_404_is_not_retried(site):
    with SiteClient(site.url, FAST) as client, pytest.raises(HttpStatusError) as caught:
        client.get(f"{site.url}/mgWebService.asmx/GetMeeting?lMeetingId=999")
    assert caught.value.status == 404 and client.requests == 1


def test_a_refused_connection_is_a_named_error():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more.
    url = f"http://127.0.0.1:{port}"
    with SiteClient(url, FAST) as client, pytest.raises(ConnectFailedError, match=str(port)):
        client.get(f"{url}/mgWebService.asmx/GetCommittees?lDays=0")


@pytest.mark.parametrize(
    ("errno", "retried"), [(socket.EAI_NONAME, False), (socket.EAI_AGAIN, True)]
)
def test_a_host_that_does_not_exist_is_not_retried_a_dns_hiccup_is(errno, retried):
    import httpx

    from moderngov.client import is_transient

    try:
        try:
            raise socket.gaierror(errno, "resolver says so")
        except socket.gaierror as cause:
            raise httpx.ConnectError(str(cause)) from cause
    except httpx.ConnectError as exc:
        assert is_transient(exc, FAST) is retried


def test_a_site_that_never_answers_times_out(site):
    site.script("GetCommittees", None, Reply(stall=True), Reply(stall=True))
    settings = replace(FAST, timeout=0.5, attempts=2)
    with SiteClient(site.url, settings) as client, pytest.raises(FetchTimeoutError):
        client.get(committees(site))


def test_a_body_cut_short_is_retried_then_a_named_error(site):
    site.script("GetCommittees", None, *[Reply(body=XML, cut=10)] * 3)
    with SiteClient(site.url, FAST) as client, pytest.raises(ConnectFailedError, match="whole"):
        client.get(committees(site))


@pytest.mark.parametrize("length", [True, False], ids=["declared", "streamed"])
def test_answers_over_the_size_cap_are_refused(site, length):
    site.script("GetCommittees", None, Reply(body=b"<x>" + b"a" * 5000 + b"</x>", length=length))
    capped = replace(FAST, max_bytes=1000)
    with SiteClient(site.url, capped) as client, pytest.raises(AnswerTooLargeError, match="1,000"):
        client.get(committees(site))


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/x.xml", "file:///etc/passwd"])
def test_a_redirect_to_another_scheme_is_refused(site, target):
    site.script("GetCommittees", None, Reply(302, headers={"Location": target}))
    with SiteClient(site.url, FAST) as client, pytest.raises(RedirectRefusedError):
        client.get(committees(site))


def test_a_redirect_within_the_site_is_followed(site):
    moved = "/mgWebService.asmx/GetCommittees?lDays=0&moved=1"
    site.script("GetCommittees", None, Reply(301, headers={"Location": moved}))
    with SiteClient(site.url, FAST) as client:
        assert client.get(committees(site)).body == site.committees
    assert client.requests == 2


def test_one_connection_and_a_named_user_agent(site):
    with SiteClient(site.url, replace(FAST, contact="data@example.org")) as client:
        for _ in range(3):
            client.get(committees(site))
    seen = site.calls("GetCommittees")
    assert len({r.port for r in seen}) == 1
    agent = seen[0].headers["user-agent"]
    assert agent == user_agent("data@example.org")
    assert agent.startswith("council-minutes/") and "contact: data@example.org" in agent


def test_the_minimum_interval_between_requests_is_kept(site):
    delay, n = 0.2, 11
    with SiteClient(site.url, replace(FAST, delay=delay)) as client:
        for _ in range(n):
            client.get(committees(site))
    times = [r.at for r in site.requests]
    # Requests per second as the server counted them, over every one-second window.
    busiest = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert busiest <= 1 / delay + 1
    assert (n - 1) / (times[-1] - times[0]) <= 1 / delay * 1.1


def test_an_https_site_never_follows_a_redirect_down_to_http():
    import httpx

    with SiteClient("https://democracy.example.invalid", FAST) as client:
        with pytest.raises(RedirectRefusedError, match="another scheme"):
            client._before_request(httpx.Request("GET", "http://democracy.example.invalid/x"))
        client._before_request(httpx.Request("GET", "https://democracy.example.invalid/x"))
