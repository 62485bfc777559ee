"""The council registry: which ModernGov site each council runs, from the shipped CSV and a user's.

Derived from DemocracyClub's LGSF scraper metadata (see data/NOTICE.md). A council is
named by its id (`WOR`), its short or official name (any case) or its site's URL.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from moderngov.errors import (
    AmbiguousCouncilError,
    RegistryFileError,
    UnknownCouncilError,
    UnsupportedUrlError,
)

REGISTRY_FILE = "moderngov_councils.csv"
REQUIRED_COLUMNS = ("council_id", "name", "base_url")
SCHEMES = ("http", "https")
# A page or service name at the end of a URL the user pasted ("/ieListDocuments.aspx").
PAGE_SUFFIX = re.compile(r"/[^/]*\.(?:aspx|asmx|html?)(?:/.*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Council:
    """One council and the root of its ModernGov site."""

    council_id: str
    name: str
    site: str  # site root without a trailing "/", e.g. https://democracy.example.gov.uk
    official_name: str | None = None
    status: str = "current"
    end_date: str | None = None
    tier: str | None = None
    notes: str | None = None
    in_registry: bool = True

    @property
    def webservice(self) -> str:
        """The root of the site's web service; append "/<Method>"."""
        return f"{self.site}/mgWebService.asmx"

    def meeting_page(self, meeting_id: int | str) -> str:
        """The public page of one meeting."""
        return f"{self.site}/ieListDocuments.aspx?MId={meeting_id}"


def normalise_site(url: str) -> str:
    """A site root from a URL the user gave: http(s) only, no page, query or trailing "/"."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        raise UnsupportedUrlError(url, "expected an http:// or https:// site address")
    path = PAGE_SUFFIX.sub("", parts.path).rstrip("/")
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{path}"


def site_key(url: str) -> str:
    """What two addresses of one site share: host (without www., any case) and path."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port else ""
    return f"{host}{port}{parts.path.rstrip('/').lower()}"


def site_id(url: str) -> str:
    """A council id for a site not in the registry, from its host (and port and path)."""
    return re.sub(r"[^a-z0-9.]+", "-", site_key(url)).strip("-.")


def is_url(text: str) -> bool:
    """Whether the user named a council by an address rather than an id or name."""
    return "://" in text or text.lower().startswith("www.")


class Registry:
    """Councils by id, with lookups by id, name or site URL."""

    def __init__(self, councils: Iterable[Council], digest: str = "") -> None:
        self.councils = {c.council_id: c for c in councils}
        self.digest = digest

    def __len__(self) -> int:
        return len(self.councils)

    def get(self, council_id: str) -> Council | None:
        """The council with this exact id, if any."""
        return self.councils.get(council_id)

    def resolve(self, text: str) -> Council:
        """The council named by an id, a name (any case) or a site URL."""
        text = text.strip()
        if is_url(text):
            return self.by_url(text if "://" in text else f"https://{text}")
        if (found := self.councils.get(text.upper())) is not None:
            return found
        wanted = text.casefold()
        matches = [
            c
            for c in self.councils.values()
            if wanted in (c.name.casefold(), (c.official_name or "").casefold())
        ]
        return self.pick(text, matches)

    def by_url(self, url: str) -> Council:
        """The registry's council at this site, else a council named after the site's host."""
        site = normalise_site(url)
        key = site_key(site)
        matches = [c for c in self.councils.values() if site_key(c.site) == key]
        if not matches:
            return Council(site_id(site), urlsplit(site).netloc, site, in_registry=False)
        # The user's address wins over the recorded one (the site may have moved to https).
        return replace(self.pick(url, matches), site=site)

    def pick(self, text: str, matches: list[Council]) -> Council:
        """The one match (a current council beats abolished namesakes), or a named error."""
        current = [c for c in matches if c.status == "current"]
        if len(matches) == 1 or len(current) == 1:
            return matches[0] if len(matches) == 1 else current[0]
        if matches:
            listed = ", ".join(describe(c) for c in matches)
            raise AmbiguousCouncilError(f"{text!r} names several councils: {listed}; give the id")
        close = self.close_matches(text)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownCouncilError(
            f"no council {text!r} in the registry{hint} "
            "(see `minutes councils --search WORD`, or give the site's URL)"
        )

    def close_matches(self, text: str, n: int = 5) -> list[str]:
        """Councils whose id or name is close to what the user typed."""
        labels = {}
        for c in self.councils.values():
            for label in (c.council_id, c.name, c.official_name or ""):
                labels.setdefault(label.casefold(), c)
        wanted = text.casefold()
        near = difflib.get_close_matches(wanted, list(labels), n=n, cutoff=0.6)
        near += [label for label in labels if len(wanted) > 2 and wanted in label]
        found = dict.fromkeys(describe(labels[label]) for label in near)
        return list(found)[:n]

    def search(self, word: str | None = None) -> list[Council]:
        """Councils whose id, names or site contain ``word`` (any case); all when None."""
        wanted = (word or "").casefold()
        return sorted(
            (
                c
                for c in self.councils.values()
                if wanted
                in " ".join((c.council_id, c.name, c.official_name or "", c.site)).casefold()
            ),
            key=lambda c: c.council_id,
        )


def describe(council: Council) -> str:
    """ "WOR (Worcestershire)", with the status when the council is not current."""
    status = "" if council.status == "current" else f", {council.status}"
    return f"{council.council_id} ({council.name}{status})"


def read_councils(text: str, source: str) -> list[Council]:
    """Councils from CSV text with at least council_id, name and base_url columns."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RegistryFileError(f"{source}: expected CSV columns {REQUIRED_COLUMNS}, no {missing}")
    councils = []
    for line, row in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in row.items() if k}
        if not values["council_id"] or not values["base_url"]:
            raise RegistryFileError(f"{source}:{line}: expected a council_id and a base_url")
        try:
            site = normalise_site(values["base_url"])
        except UnsupportedUrlError as exc:
            raise RegistryFileError(f"{source}:{line}: {exc}") from exc
        councils.append(
            Council(
                council_id=values["council_id"].upper(),
                name=values["name"] or values["council_id"],
                site=site,
                official_name=values.get("official_name") or None,
                status=values.get("status") or "current",
                end_date=values.get("end_date") or None,
                tier=values.get("tier_hint") or None,
                notes=values.get("lgsf_notes") or None,
            )
        )
    return councils


@cache
def shipped_csv() -> str:
    """The registry shipped with the package."""
    return resources.files("moderngov").joinpath("data", REGISTRY_FILE).read_text("utf-8")


def load_registry(councils_file: Path | None = None) -> Registry:
    """The shipped registry, with a user's CSV adding or overriding entries by council_id."""
    texts = [(shipped_csv(), f"moderngov/data/{REGISTRY_FILE}")]
    if councils_file is not None:
        try:
            texts.append((Path(councils_file).read_text("utf-8-sig"), str(councils_file)))
        except (OSError, UnicodeDecodeError) as exc:
            raise RegistryFileError(
                f"{councils_file}: cannot read the councils CSV: {exc}"
            ) from exc
    digest = hashlib.sha256()
    councils: dict[str, Council] = {}
    for text, source in texts:
        digest.update(text.encode())
        councils.update((c.council_id, c) for c in read_councils(text, source))
    return Registry(councils.values(), digest.hexdigest()[:16])
