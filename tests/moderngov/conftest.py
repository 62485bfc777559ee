"""Fake ModernGov sites on 127.0.0.1 and client settings small enough for tests."""

from __future__ import annotations

import pytest

from moderngov.client import ClientSettings
from tests.moderngov.site import recorded_site, small_site

# Short pauses and tiny backoffs: the behaviour is the same, the suite stays fast.
FAST = ClientSettings(
    delay=0.01, timeout=5.0, attempts=3, backoff_initial=0.01, backoff_max=0.05, jitter=0.01
)


@pytest.fixture
def site():
    """A small synthetic council (with recorded Manchester meetings), no validators."""
    with small_site() as running:
        yield running


@pytest.fixture
def etag_site():
    """The same council, sending ETags and answering 304 when they match."""
    with small_site("etag") as running:
        yield running


@pytest.fixture
def gloucester():
    """Gloucester's recorded committees and Cabinet meetings."""
    with recorded_site() as running:
        yield running
