"""The visible text of an HTML element, laid out the way a browser shows it."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

# Elements whose content is never page text (form controls show no prose either).
DROP = (
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe",
    "svg", "object", "embed", "select", "option", "button", "input", "textarea", "nav",
)  # fmt: skip
# Elements that start a new line of text in a browser.
BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "caption", "h1", "h2", "h3", "h4", "h5",
    "h6", "section", "article", "header", "footer", "main", "aside", "blockquote", "pre", "dd",
    "dt", "dl", "form", "fieldset", "thead", "tbody", "tfoot", "address", "figure",
}  # fmt: skip
# Blocks a browser sets apart with a blank line (paragraph and heading margins).
SPACED = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "caption", "blockquote", "pre"}
# Classes that hide an element from sighted readers: ModernGov's own, and the common
# screen-reader-only and display:none utility classes of council site frameworks.
HIDDEN_CLASSES = frozenset(
    {"mghide", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text"}
    | {"govuk-visually-hidden", "is-hidden", "hidden", "hide", "invisible", "element-invisible"}
)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(tag: Tag) -> bool:
    """True for an element a sighted reader does not see (hidden attribute, class or style)."""
    attrs = tag.attrs or {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    classes = attrs.get("class") or []
    if any(c.lower() in HIDDEN_CLASSES for c in classes):
        return True
    return bool(HIDDEN_STYLE_RE.search(str(attrs.get("style", ""))))


def drop_invisible(root: Tag) -> None:
    """Remove from ``root`` every element that shows no text (scripts, hidden elements ...)."""
    for tag in root.find_all(DROP):
        tag.decompose()
    for tag in root.find_all(is_hidden):
        if not tag.decomposed:
            tag.decompose()


def render_text(root: Tag | BeautifulSoup) -> str:
    """The visible text of ``root``: blocks on their own lines, table cells ended by a tab."""
    parts: list[str] = []
    render(root, parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", "".join(parts))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def render(node: Tag, parts: list[str]) -> None:
    """Append the text of ``node`` to ``parts`` the way a browser lays it out."""
    for child in node.children:
        # Comments, doctype, CDATA and processing instructions are NavigableString
        # subclasses: only plain strings are text a reader sees.
        if type(child) is NavigableString:
            parts.append(re.sub(r"\s+", " ", str(child)))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            parts.append("\n")
        elif name in ("td", "th"):
            render(child, parts)
            parts.append("\t")
        elif name in BLOCKS:
            gap = "\n\n" if name in SPACED else "\n"
            parts.append(gap)
            render(child, parts)
            parts.append(gap)
        else:
            render(child, parts)
