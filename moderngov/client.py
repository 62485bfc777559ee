"""A polite HTTP client for one ModernGov site: one connection, a pause between requests, retries.

httpx keeps the connection and follows redirects; tenacity retries connection errors,
429 and 5xx with exponential backoff and jitter, waiting at least what `Retry-After` asks.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import metadata
from typing import TypeVar

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from moderngov.errors import (
    AnswerTooLargeError,
    ConnectFailedError,
    FetchError,
    FetchTimeoutError,
    HostNotFoundError,
    HttpStatusError,
    RedirectRefusedError,
)
from moderngov.registry import normalise_site

TOOL = "council-minutes"
E = TypeVar("E", bound=BaseException)
# Schemes a redirect may lead to from a site of each scheme: never a downgrade to http.
ALLOWED_SCHEMES = {"https": ("https",), "http": ("http", "https")}


@dataclass(frozen=True)
class ClientSettings:
    """How politely and patiently one site is asked."""

    delay: float = 1.0  # minimum seconds between two requests to the site
    timeout: float = 30.0  # seconds to connect, or to wait for the next bytes
    total_timeout: float = 180.0  # seconds for a whole answer
    attempts: int = 4  # tries per request, the first included
    backoff_initial: float = 2.0  # first retry waits about this long, then doubles
    backoff_max: float = 60.0
    jitter: float = 1.0  # up to this many seconds added to each backoff
    max_retry_after: float = 600.0  # a longer Retry-After is not waited for
    max_bytes: int = 10 * 1024 * 1024
    contact: str | None = None
    max_redirects: int = 5


@dataclass(frozen=True)
class Answer:
    """One answer: 200 with the body as served, or 304 (not modified) with none."""

    url: str
    status: int
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None


class RetryableStatusError(Exception):
    """A 429 or 5xx answer, worth asking again (after `Retry-After` when given)."""

    def __init__(self, url: str, status: int, retry_after: float | None) -> None:
        super().__init__(f"{url}: HTTP {status}")
        self.url, self.status, self.retry_after = url, status, retry_after


def user_agent(contact: str | None) -> str:
    """The User-Agent: the tool, its version and how to reach whoever runs it."""
    try:
        version = metadata.version(TOOL)
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    reach = f"contact: {contact}" if contact else "no contact given (use --contact)"
    return f"{TOOL}/{version} (ModernGov web-service fetcher; {reach})"


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Seconds a `Retry-After` header asks for (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - now)
    except (TypeError, ValueError):
        return None


def is_transient(exc: BaseException, settings: ClientSettings) -> bool:
    """Errors worth a retry: broken or refused connections, timeouts, 429 and 5xx.

    A host name that does not exist is not retried (a temporary DNS failure is).
    """
    if isinstance(exc, RetryableStatusError):
        return exc.retry_after is None or exc.retry_after <= settings.max_retry_after
    if isinstance(exc, httpx.ConnectError) and no_such_host(exc):
        return False
    return isinstance(exc, httpx.TransportError) and not isinstance(
        exc, httpx.UnsupportedProtocol | httpx.ProxyError
    )


def no_such_host(exc: BaseException) -> bool:
    """Whether the resolver said the host name does not exist (not a temporary failure)."""
    permanent = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
    cause = cause_of(exc, socket.gaierror)
    return cause is not None and cause.errno in permanent


class SiteClient:
    """One connection to one site, used from one thread; counts requests and bytes."""

    def __init__(
        self,
        site: str,
        settings: ClientSettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.site = normalise_site(site)
        self.settings = settings or ClientSettings()
        self.sleep, self.clock = sleep, clock
        self.requests = 0
        self.bytes = 0
        self._last_request: float | None = None
        self._schemes = ALLOWED_SCHEMES[httpx.URL(self.site).scheme]
        s = self.settings
        self._backoff = wait_exponential(multiplier=s.backoff_initial, max=s.backoff_max) + (
            wait_random(0, s.jitter)
        )
        self.http = httpx.Client(
            headers={"User-Agent": user_agent(self.settings.contact)},
            timeout=httpx.Timeout(self.settings.timeout),
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            follow_redirects=True,
            max_redirects=self.settings.max_redirects,
            event_hooks={"request": [self._before_request]},
            transport=transport,
        )

    def __enter__(self) -> SiteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the site's connection."""
        self.http.close()

    def _before_request(self, request: httpx.Request) -> None:
        """Every request, redirects and retries included: refuse a scheme change, then pause."""
        if request.url.scheme not in self._schemes:
            raise RedirectRefusedError(
                str(request.url), f"refused: a redirect from {self.site} to another scheme"
            )
        if self._last_request is not None:
            pause = self._last_request + self.settings.delay - self.clock()
            if pause > 0:
                self.sleep(pause)
        self._last_request = self.clock()
        self.requests += 1

    def _wait(self, state: RetryCallState) -> float:
        """Exponential backoff with jitter, and never less than the site's Retry-After."""
        backoff = self._backoff(state)
        exc = state.outcome.exception() if state.outcome else None
        asked = getattr(exc, "retry_after", None)
        return max(backoff, asked) if asked is not None else backoff

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Answer:
        """GET a URL of the site with retries; raises a FetchError naming the URL."""
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.attempts),
            wait=self._wait,
            retry=retry_if_exception(lambda e: is_transient(e, self.settings)),
            sleep=self.sleep,
            reraise=True,
        )
        try:
            return retrying(self._get_once, url, dict(headers or {}))
        except FetchError:
            raise
        except RetryableStatusError as exc:
            raise HttpStatusError(
                url, f"HTTP {exc.status} after {self.settings.attempts} attempts", exc.status
            ) from exc
        except httpx.TimeoutException as exc:
            raise FetchTimeoutError(url, f"no answer within {self.settings.timeout:g} s") from exc
        except httpx.ConnectError as exc:
            if cause_of(exc, socket.gaierror) is not None:
                raise HostNotFoundError(url, f"host name does not resolve: {exc}") from exc
            raise ConnectFailedError(url, f"cannot connect: {exc}") from exc
        except httpx.TooManyRedirects as exc:
            raise RedirectRefusedError(
                url, f"more than {self.settings.max_redirects} redirects"
            ) from exc
        except httpx.HTTPError as exc:
            raise ConnectFailedError(
                url, f"connection failed before a whole answer: {exc}"
            ) from exc

    def _get_once(self, url: str, headers: dict[str, str]) -> Answer:
        """One request (redirects followed), streamed under the size and time caps."""
        deadline = self.clock() + self.settings.total_timeout
        with self.http.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status == 429 or status >= 500:
                asked = parse_retry_after(response.headers.get("Retry-After"), time.time())
                raise RetryableStatusError(url, status, asked)
            if status == 304:
                return self.answer(url, response, b"")
            if status != 200:
                raise HttpStatusError(url, f"HTTP {status} {response.reason_phrase}", status)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self.settings.max_bytes:
                raise self.too_large(url, int(declared))
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.settings.max_bytes:
                    raise self.too_large(url, len(body))
                if self.clock() > deadline:
                    raise FetchTimeoutError(
                        url, f"answer took longer than {self.settings.total_timeout:g} s"
                    )
            self.bytes += len(body)
            return self.answer(url, response, bytes(body))

    def too_large(self, url: str, size: int) -> AnswerTooLargeError:
        """The error for an answer over the cap."""
        cap = self.settings.max_bytes
        return AnswerTooLargeError(url, f"answer of {size:,}+ bytes is over the cap of {cap:,}")

    @staticmethod
    def answer(url: str, response: httpx.Response, body: bytes) -> Answer:
        """An Answer with the validators the site sent."""
        return Answer(
            url=url,
            status=response.status_code,
            body=body,
            etag=response.headers.get("ETag"),
            last_modified=response.headers.get("Last-Modified"),
            content_type=response.headers.get("Content-Type"),
        )


def cause_of(exc: BaseException, kind: type[E]) -> E | None:
    """The first exception of type ``kind`` in the chain of causes, if any."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None
