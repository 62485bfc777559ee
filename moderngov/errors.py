"""Named errors of the ModernGov client: each message names the council or URL and the call."""

from __future__ import annotations


class ModernGovError(Exception):
    """Something about a council's ModernGov site or the registry went wrong."""


class CouncilLookupError(ModernGovError):
    """A council name, id or URL given by the user names no single council."""


class UnknownCouncilError(CouncilLookupError):
    """No council in the registry has this id or name."""


class AmbiguousCouncilError(CouncilLookupError):
    """Several councils in the registry have this name or site."""


class RegistryFileError(ModernGovError):
    """A councils CSV file cannot be read or lacks the needed columns."""


class FetchError(ModernGovError):
    """One request to a ModernGov site failed; the fetch records it and goes on."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url


class UnsupportedUrlError(FetchError):
    """The URL is not http or https (or has no host)."""


class RedirectRefusedError(FetchError):
    """The site redirected to another scheme (a downgrade to http, or not http at all)."""


class HostNotFoundError(FetchError):
    """The site's host name does not resolve (DNS failure)."""


class ConnectFailedError(FetchError):
    """The site refused the connection or it broke before an answer came."""


class FetchTimeoutError(FetchError):
    """The site did not answer within the timeout."""


class HttpStatusError(FetchError):
    """The site answered with an HTTP error status (404, 500 after retries, ...)."""

    def __init__(self, url: str, message: str, status: int) -> None:
        super().__init__(url, message)
        self.status = status


class AnswerTooLargeError(FetchError):
    """The answer is larger than the configured cap (--max-page-mb)."""


class NotXmlError(FetchError):
    """The site answered with an HTML page (a redirect stub, an error page) instead of XML."""


class MalformedXmlError(FetchError):
    """The answer is XML that does not parse (truncated, malformed, or with a DTD/entities)."""


class UnexpectedAnswerError(FetchError):
    """The answer is well-formed XML but not the answer of the method called."""


class FetchOptionsError(ModernGovError):
    """The fetch options contradict each other or do not parse (dates, regex)."""
