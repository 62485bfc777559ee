"""The council registry: lookups by id, name and URL, user overrides, clear errors."""

from __future__ import annotations

import pytest

from moderngov.errors import (
    AmbiguousCouncilError,
    RegistryFileError,
    UnknownCouncilError,
    UnsupportedUrlError,
)
from moderngov.registry import load_registry


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def test_the_shipped_registry_has_every_council(registry):
    assert len(registry) == 305
    assert registry.get("WOR").site == "http://worcestershire.moderngov.co.uk"


@pytest.mark.parametrize(
    "name", ["WOR", "wor", "Worcestershire", "worcestershire", "Worcestershire County Council"]
)
def test_a_council_is_found_by_id_or_name_in_any_case(registry, name):
    assert registry.resolve(name).council_id == "WOR"


def test_a_name_shared_with_an_abolished_council_means_the_current_one(registry):
    assert registry.resolve("Buckinghamshire").council_id == "BUC"
    assert registry.resolve("BKM").status == "abolished"


def test_a_registry_site_url_finds_its_council_and_keeps_the_users_address(registry):
    council = registry.resolve("https://democracy.Gloucester.gov.uk/ieListDocuments.aspx?MId=7837")
    assert council.council_id == "GLO"
    assert council.site == "https://democracy.gloucester.gov.uk"
    assert council.meeting_page(7837) == (
        "https://democracy.gloucester.gov.uk/ieListDocuments.aspx?MId=7837"
    )


def test_a_site_not_in_the_registry_gets_an_id_from_its_host(registry):
    council = registry.resolve("https://www.democracy.example.gov.uk/")
    assert not council.in_registry
    assert council.council_id == "democracy.example.gov.uk"
    assert council.webservice == "https://www.democracy.example.gov.uk/mgWebService.asmx"
    assert registry.resolve("http://127.0.0.1:8123").council_id == "127.0.0.1-8123"


def test_unknown_names_list_close_matches(registry):
    with pytest.raises(UnknownCouncilError, match=r"'Glouc'.*GLO \(Gloucester\)"):
        registry.resolve("Glouc")


def test_a_shared_site_is_ambiguous(registry):
    with pytest.raises(AmbiguousCouncilError, match="ADU.*WOT"):
        registry.resolve("https://democracy.adur-worthing.gov.uk")


@pytest.mark.parametrize("url", ["ftp://democracy.example.gov.uk", "file:///etc/passwd"])
def test_only_http_and_https_sites(registry, url):
    with pytest.raises(UnsupportedUrlError):
        registry.resolve(url)


def test_a_users_csv_adds_and_overrides_councils(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text(
        "council_id,name,base_url\n"
        "WOR,Worcestershire,https://new.worcestershire.example/\n"
        "ZZZ,Zedshire,https://democracy.zedshire.example\n"
    )
    registry = load_registry(extra)
    assert registry.resolve("WOR").site == "https://new.worcestershire.example"
    assert registry.resolve("zedshire").council_id == "ZZZ"
    assert registry.digest != load_registry().digest


def test_a_users_csv_without_the_needed_columns_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,site\nX,https://x.example\n")
    with pytest.raises(RegistryFileError, match="bad.csv.*base_url"):
        load_registry(bad)


def test_search_matches_ids_names_and_sites(registry):
    found = [c.council_id for c in registry.search("gloucester")]
    assert found == ["GLO", "GLS", "SGC"]
