"""Pure extraction logic for council-minutes: text in, spans and records out (no Prefect)."""
