"""Page layout: a page's kind, header facts and the character span of each agenda item."""

from extractors.layout.header import non_meeting_kind
from extractors.layout.page import ItemSpan, PageLayout, parse_page

__all__ = ["ItemSpan", "PageLayout", "non_meeting_kind", "parse_page"]
