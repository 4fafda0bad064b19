"""An analyst's journey through the workbench in a real Chromium (Debian's, driven by
Playwright, no browser download) over the demo store: search "Donghua", the suggestion,
Tung Wah College's page and its evidence, the explorer filtered to one year by its slider,
a click on a node, a rejection in the review queue that the party page and a report no
longer show, and its undo. A hostile article's page runs no script. Screenshots go to
build/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from educoop import api
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.web.app import create_app
from tests.web.conftest import chromium, serving

SHOTS = Path("build") / "screenshots"
MACAO = "Kiang Wu Nursing College of Macau"
HOSTILE_ARTICLE = """Alpha <script>window.pwned=1</script> College and Beta College sign an agreement

ZHUHAI, 3 May 2023 - Alpha <script>window.pwned=1</script> College signed a cooperation agreement with Beta <img src=x onerror=window.pwned=2> College on Wednesday.

Read more <a href="javascript:window.pwned=3">here</a> and <svg onload=window.pwned=4>.
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("journey")
    hostile = folder / "hostile-article.txt"
    hostile.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    with SQLiteStore(folder / "demo.db") as store:
        assert api.ingest(store, [api.demo_corpus(), hostile]).ok
        with serving(create_app(store)) as base:
            yield base, store


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium(), args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def _drawn(page) -> int:
    page.wait_for_selector("#graph[data-ready]", timeout=15000)
    return int(page.get_attribute("#graph", "data-ready"))


def test_the_journey_from_a_search_to_a_rejection_and_its_undo(served, browser):
    base, store = served
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    failures: list[str] = []
    page.on("pageerror", lambda exc: failures.append(str(exc)))
    page.goto(base + "/")
    page.fill("#search", "Donghua")
    # Waiting by selector, not by a predicate: the page's CSP forbids the eval a string
    # predicate needs once it polls.
    page.wait_for_selector("#suggestions option", state="attached")
    assert page.eval_on_selector("#suggestions option", "o => o.value") == "Tung Wah College"
    page.fill("#search", "Tung Wah College")
    page.press("#search", "Enter")
    page.wait_for_url("**/party/institution:tung-wah-college")
    partners = page.locator("table tr td:nth-child(2)").all_inner_texts()
    assert partners.count("Jiangmen") == 7 and MACAO in page.inner_text("table")
    evidence = page.locator("blockquote.evidence").first
    assert evidence.locator("mark").count() > 0
    assert _drawn(page) == 9  # its small network: itself and its eight partners
    page.screenshot(path=str(SHOTS / "journey-party.png"), full_page=True)

    # The explorer: labelled nodes and a legend; the slider narrows it to 2023.
    page.goto(base + "/explore")
    everything = _drawn(page)
    labels = page.evaluate("window.educoopGraph.nodes().filter(n => n.data('shown')).length")
    assert labels > 10 and page.locator("#legend li").count() > 3
    page.screenshot(path=str(SHOTS / "explore.png"), full_page=True)
    page.evaluate(
        """() => {
            const since = document.getElementById('since-year');
            const until = document.getElementById('until-year');
            since.value = '2023'; since.dispatchEvent(new Event('input'));
            until.value = '2023'; until.dispatchEvent(new Event('input'));
            until.dispatchEvent(new Event('change'));
        }"""
    )
    page.wait_for_url("**/explore?*since=2023*until=2023*")
    in_2023 = _drawn(page)
    assert 0 < in_2023 < everything
    assert "2023" in page.inner_text("#notes")
    page.screenshot(path=str(SHOTS / "explore-2023.png"), full_page=True)
    # A click on a node names it and leads to its page.
    spot = page.evaluate(
        """() => {
            const node = window.educoopGraph.nodes().filter(n => n.data('name') === 'Tung Wah College');
            const at = node.renderedPosition(); const box = document.getElementById('graph').getBoundingClientRect();
            return {x: box.left + at.x, y: box.top + at.y};
        }"""
    )
    page.mouse.click(spot["x"], spot["y"])
    assert page.inner_text("#picked-name") == "Tung Wah College"
    page.click("#picked-page")
    page.wait_for_url("**/party/institution%3Atung-wah-college")

    # The review queue: reject the Macao agreement; it leaves the page and the report.
    page.goto(base + "/review")
    section = page.locator("section.agreement", has_text=MACAO)
    section.locator("button.reject").click()
    page.wait_for_url(base + "/review")
    assert page.locator("#decisions", has_text=MACAO).count() == 1
    page.screenshot(path=str(SHOTS / "review.png"), full_page=True)
    page.goto(base + "/party/institution:tung-wah-college")
    assert MACAO not in page.inner_text("main")
    page.goto(base + "/report/centrality")
    assert MACAO not in page.inner_text("main")
    # Undo brings it back.
    page.goto(base + "/review")
    page.locator("#decisions button.undo").first.click()
    page.wait_for_url(base + "/review")
    page.goto(base + "/party/institution:tung-wah-college")
    assert MACAO in page.inner_text("table")
    assert store.decisions() == []
    assert failures == []
    page.close()


def test_a_hostile_article_runs_no_script_anywhere_it_shows(served, browser):
    base, store = served
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    graph = store.to_networkx()
    [document] = [
        node
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") == "Document" and "hostile" in str(attrs.get("source"))
    ]
    page.goto(f"{base}/document/{document}")
    text = page.inner_text(".article")
    assert "<script>window.pwned=1</script>" in text and "onerror=window.pwned=2" in text
    assert page.locator(".article a[href^='javascript:']").count() == 0
    assert page.locator(".article script, .article img, .article svg").count() == 0
    for path in ("/review", "/explore", "/explore?colour=kind"):
        page.goto(base + path)
        if path.startswith("/explore"):
            _drawn(page)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert dialogs == []
    page.screenshot(path=str(SHOTS / "hostile-document.png"), full_page=True)
    page.close()
