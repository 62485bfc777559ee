"""Prefect orchestration of the council-minutes stages (no parsing logic lives here)."""

import os

# Offline machines: no telemetry calls home (set before Prefect is imported).
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
