"""Named errors for pages that cannot be processed; the flow turns them into `errors` rows."""

from __future__ import annotations


class PageError(Exception):
    """A page could not be processed by a stage."""


class EmptyPageError(PageError):
    """The page file has no text at all."""


class BinaryPageError(PageError):
    """The page file holds binary data (NUL or control bytes), not text."""


class PageEncodingError(PageError):
    """The page's bytes are neither UTF-8 nor Windows-1252 text."""


class PageTooLargeError(PageError):
    """The page is larger than the configured limit."""


class MalformedPageError(PageError):
    """The page is HTML or XML that cannot be parsed (e.g. truncated)."""


class NoItemsError(PageError):
    """The page text holds no recognisable agenda item."""


class NotAMeetingPageError(PageError):
    """The page is a ModernGov page of another kind (calendar, committee details, search ...)."""
