"""The site in a real browser: headless Chromium (Debian package) over file://, via Playwright.

Never `playwright install`: Playwright drives the system Chromium (`.ci/run` installs it).
"""

from __future__ import annotations

import shutil
from collections import Counter

import pytest

from report import build_site
from report.tables import read_table

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """Open a file in a fresh page at a viewport; collects console errors and page errors."""
    opened = []

    def open_(path, viewport="desktop"):
        width, height = VIEWPORTS[viewport]
        page = browser.new_page(viewport={"width": width, "height": height})
        page.problems = []
        page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
        page.on("pageerror", lambda e: page.problems.append(str(e)))
        page.on("dialog", lambda d: page.problems.append(f"dialog {d.message}"))
        page.on("request", lambda r: r.url.startswith("file:") or page.problems.append(r.url))
        page.goto(path.resolve().as_uri())
        opened.append(page)
        return page

    yield open_
    for page in opened:
        page.close()


def test_index_renders_the_charts(corpus_run, open_page, tmp_path):
    config, _ = corpus_run
    for viewport in VIEWPORTS:
        page = open_page(config.out_dir / "report" / "index.html", viewport)
        chart = page.locator("#judgements-chart svg")
        assert chart.count() == 1
        assert chart.bounding_box()["height"] > 100
        assert page.locator("#judgements-chart svg path, #judgements-chart svg use").count() > 8
        assert page.locator("#grades-chart svg").count() == 1
        assert page.locator("table.pages tbody tr").count() == 6
        page.screenshot(path=tmp_path / f"index-{viewport}.png", full_page=True)
        assert page.problems == []
    assert (tmp_path / "index-desktop.png").stat().st_size > 10_000


def test_every_page_highlights_each_mention_once(corpus_run, open_page, tmp_path):
    config, _ = corpus_run
    mentions = read_table(config.out_dir, "mentions")
    docs = read_table(config.out_dir, "documents", ["doc_id"])
    for doc_id in docs["doc_id"]:
        page = open_page(config.out_dir / "report" / "docs" / f"{doc_id}.html")
        found = Counter(
            page.eval_on_selector_all("[data-label]", "els => els.map(e => e.dataset.label)")
        )
        want = Counter(mentions.loc[mentions["doc_id"] == doc_id, "label"])
        assert found == want, doc_id
        spans = page.eval_on_selector_all(
            "mark[data-label]", "els => els.map(e => [+e.dataset.start, +e.dataset.end])"
        )
        rows = mentions.loc[mentions["doc_id"] == doc_id, ["start_char", "end_char"]]
        assert sorted(map(tuple, spans)) == sorted(map(tuple, rows.to_numpy().tolist()))
        assert page.problems == []
    busiest = mentions["doc_id"].value_counts().index[0]
    for viewport in VIEWPORTS:
        page = open_page(config.out_dir / "report" / "docs" / f"{busiest}.html", viewport)
        page.screenshot(path=tmp_path / f"page-{viewport}.png", full_page=True)


def test_attributes_show_on_keyboard_focus(corpus_run, open_page, tmp_path):
    config, _ = corpus_run
    judgements = read_table(config.out_dir, "judgements")
    doc_id = judgements["doc_id"].iloc[0]
    page = open_page(config.out_dir / "report" / "docs" / f"{doc_id}.html")
    mark = page.locator('mark[data-label="JUDGEMENT"]').first
    assert mark.get_attribute("tabindex") == "0"
    mark.focus()
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    assert "grade: " in tip and "polarity: " in tip
    page.screenshot(path=tmp_path / "focus.png")


def test_a_page_holding_a_script_shows_it_as_text(tiny_output, open_page, tmp_path):
    build_site(tiny_output)
    page = open_page(tiny_output / "report" / "docs" / "a.html", "phone")
    assert page.locator("script").count() == 0
    assert "<script>alert('x')</script>" in page.locator("#item-1 .text").inner_text()
    assert page.locator("h1").inner_text() == "Children's <Scrutiny>"
    assert page.locator("#attendance td", has_text="<Independent>").count() == 1
    page.screenshot(path=tmp_path / "script-page.png", full_page=True)
    assert page.problems == []  # no dialog: nothing ran
