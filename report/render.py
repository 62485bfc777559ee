"""The Jinja2 environment of the report: package templates, autoescape on for every HTML page."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader

from report.folder import digest
from report.labels import css_class


def autoescape(name: str | None) -> bool:
    """Escape everything but the stylesheet (whose only variables are label names and colours)."""
    return not (name or "").endswith(".css")


def plural(n: int, one: str, many: str | None = None) -> str:
    """'1 page', '3 pages' (thousands separated)."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


@cache
def environment() -> Environment:
    """The shared template environment."""
    env = Environment(
        loader=PackageLoader("report", "templates"),
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_class"] = css_class
    env.filters["num"] = "{:,}".format
    env.filters["plural"] = plural
    return env


def write_page(path: Path, template: str, **context) -> tuple[int, str]:
    """Render a template into a file; returns its size in bytes and its digest."""
    data = environment().get_template(template).render(**context).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data), digest(data)
