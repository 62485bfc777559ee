"""ModernGov web-service client: council registry, polite HTTP, service calls, fetch state.

Pure network code (no Prefect); `flows/` wires `fetch_councils` in as the `fetch` stage.
"""

from moderngov.councils import fetch_councils
from moderngov.fetch import fetch_council
from moderngov.options import FetchOptions, FetchSummary
from moderngov.registry import Council, Registry, load_registry

__all__ = [
    "Council",
    "FetchOptions",
    "FetchSummary",
    "Registry",
    "fetch_council",
    "fetch_councils",
    "load_registry",
]
