"""Page layout: a page's kind, header facts and the character span of each agenda item."""

from extractors.layout.page import ItemSpan, PageLayout, parse_page

__all__ = ["ItemSpan", "PageLayout", "parse_page"]
