"""Saved ModernGov HTML pages -> the text a browser shows (the layout parser reads that text)."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from extractors.common.errors import MalformedPageError

# Elements whose content is never page text.
DROP = ("script", "style", "noscript", "template", "head", "nav", "form", "iframe", "svg")
# Elements that start a new line of text in a browser.
BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "dl",
}  # fmt: skip


def html_to_text(html: str, source: str) -> str:
    """Visible text of a page, blocks on their own lines and table cells joined by tabs."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(DROP):
        tag.decompose()
    # ModernGov keeps the page title and subtitle in h1/h2; the rest is ordinary markup.
    root = soup.body or soup
    parts: list[str] = []
    render(root, parts)
    text = "".join(parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise MalformedPageError(f"{source}: expected visible page text in the HTML, found none")
    return text + "\n"


def render(node: Tag, parts: list[str]) -> None:
    """Append the text of ``node`` to ``parts`` the way a browser lays it out."""
    for child in node.children:
        if isinstance(child, NavigableString):
            parts.append(re.sub(r"\s+", " ", str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            parts.append("\n")
            continue
        if name in ("td", "th"):
            render(child, parts)
            parts.append("\t")
            continue
        if name in BLOCKS:
            parts.append("\n\n" if name in ("p", "h1", "h2", "h3", "table") else "\n")
            render(child, parts)
            parts.append("\n\n" if name in ("p", "h1", "h2", "h3", "table") else "\n")
            continue
        render(child, parts)
