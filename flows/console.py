"""What the command modules share: the consoles and the one-line usage error (exit 2)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import typer
from rich.console import Console
from rich.markup import escape

from flows.options import UsageProblem

console = Console()
err_console = Console(stderr=True)


@contextmanager
def usage_errors() -> Iterator[None]:
    """Turn a UsageProblem into one line on stderr and exit code 2."""
    try:
        yield
    except UsageProblem as exc:
        # Messages hold brackets ("[Errno 111]"): printed as they are, never read as markup.
        err_console.print(f"minutes: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(2) from None


def parse_day(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value as a date; raises UsageProblem naming the option."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageProblem(f"{option}: expected a date as YYYY-MM-DD, got {text!r}") from None
