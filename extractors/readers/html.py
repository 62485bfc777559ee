"""Saved ModernGov HTML pages (and HTML fragments) -> the text a browser shows of their content.

Only the ModernGov content block is read: the council site's menus, breadcrumbs, cookie
banners and footers around it are not the page. The layout parser reads the text this gives.
"""

from __future__ import annotations

from bs4 import BeautifulSoup

from extractors.common.errors import MalformedPageError, NotAMeetingPageError
from extractors.readers.html_page import content_block, non_meeting_kind
from extractors.readers.html_render import drop_invisible, render_text


def html_to_text(html: str, source: str) -> str:
    """Visible text of a page's content block (or of a whole fragment), one block per line."""
    soup = BeautifulSoup(html, "html.parser")
    return block_text(content_block(soup), source)


def read_html_page(html: str, source: str) -> str:
    """The text of a saved meeting page; raises NotAMeetingPageError for other ModernGov pages."""
    soup = BeautifulSoup(html, "html.parser")
    block = content_block(soup)
    drop_invisible(block)
    kind = non_meeting_kind(soup, block)
    if kind:
        raise NotAMeetingPageError(f"{source}: not a meeting page ({kind})")
    return block_text(block, source)


def block_text(block, source: str) -> str:
    """The rendered text of a content block; raises MalformedPageError when it shows none."""
    drop_invisible(block)
    text = render_text(block)
    if not text:
        raise MalformedPageError(f"{source}: expected visible page text in the HTML, found none")
    return text + "\n"
