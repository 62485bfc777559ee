"""What a fetch is asked to do (dates, committees, politeness) and what it reports."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from moderngov.client import ClientSettings
from moderngov.errors import FetchOptionsError

LOOKBACK_DAYS = 90  # default --since: the run date minus this
LOOKAHEAD_DAYS = 30  # default --until: the run date plus this (agendas of coming meetings)

Progress = Callable[[str, int, int | None], None]  # (council_id, meetings done, total or None)


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp (for fetched_at)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class FetchOptions:
    """What to fetch and how politely."""

    since: date
    until: date
    committee: str | None = None  # regex searched in committee titles, any case
    include_expired: bool = False
    settle_days: int = 60
    window_days: int = 365  # GetMeetings asked over windows of at most this many days
    client: ClientSettings = field(default_factory=ClientSettings)

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise FetchOptionsError(f"--since {self.since} is after --until {self.until}")
        if self.settle_days < 0 or self.window_days < 1:
            raise FetchOptionsError("--settle-days must be >= 0 and the window >= 1 day")
        if self.committee:
            try:
                re.compile(self.committee)
            except re.error as exc:
                raise FetchOptionsError(f"--committee {self.committee!r}: {exc}") from exc

    @classmethod
    def around(
        cls, run_date: date, since: date | None = None, until: date | None = None, **kw: Any
    ) -> FetchOptions:
        """Options with the default range: LOOKBACK_DAYS before to LOOKAHEAD_DAYS after the run."""
        return cls(
            since=since or run_date - timedelta(days=LOOKBACK_DAYS),
            until=until or run_date + timedelta(days=LOOKAHEAD_DAYS),
            **kw,
        )


@dataclass
class FetchSummary:
    """What fetching one council did."""

    council_id: str
    council: str
    committees: int = 0
    meetings: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    settled: int = 0  # not asked for again: minutes out and older than the settle period
    failed: int = 0
    requests: int = 0
    bytes: int = 0
    seconds: float = 0.0
    errors: list[dict[str, str]] = field(default_factory=list)
