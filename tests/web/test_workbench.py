"""The workbench over HTTP on both stores, and in a real Chromium (Debian's, driven by
Playwright without a browser download): pages, JSON and CSV twins, search, escaping of
hostile documents, the token off the loopback interface."""

import csv
import io
import os
import re
from urllib.parse import urlencode

import pytest
import yaml
from starlette.testclient import TestClient

from educoop import api
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.web.app import create_app
from tests.web.conftest import chromium, serving

# Names and evidence that carry script: shown as text, never run.
PAYLOAD = "<script>window.pwned=1</script>"
HOSTILE = {
    "document": {"title": "Hostile", "url": "javascript:window.pwned=4"},
    "institutions": [
        {"name": f"Alpha {PAYLOAD} College", "kind": "college", "region": "Jiangmen"},
        {
            "name": "Beta <img src=x onerror=window.pwned=2> College",
            "kind": "college",
            "region": "Jiangmen",
        },
    ],
    "agreements": [
        {
            "sides": [
                [f"Alpha {PAYLOAD} College"],
                ["Beta <img src=x onerror=window.pwned=2> College"],
            ],
            "kind": "signed",
            "date": "2023-05",
            "evidence": 'Alpha signed with Beta <a href="javascript:window.pwned=3">here</a>.',
        }
    ],
}


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("workbench")
    hostile = folder / "hostile.yaml"
    hostile.write_text(yaml.safe_dump(HOSTILE, allow_unicode=True), encoding="utf-8")
    with SQLiteStore(folder / "s.db") as store:
        assert api.ingest(store, [api.demo_corpus(), hostile]).ok
        yield store


@pytest.fixture(scope="module")
def neo4j(neo4j_store, embedded):
    api.sync(embedded, neo4j_store)
    return neo4j_store


@pytest.fixture(params=["embedded", "neo4j"])
def client(request):
    store = request.getfixturevalue(request.param)
    return TestClient(create_app(store))


def test_a_party_page_shows_every_agreement_with_its_evidence(client):
    page = client.get("/party/institution:tung-wah-college")
    assert page.status_code == 200
    assert "<h1>Tung Wah College</h1>" in page.text
    assert page.text.count('<blockquote class="evidence">') >= 4
    assert "<mark>" in page.text
    assert "Jiangmen Central Hospital" in page.text


def test_every_canned_query_is_a_page_with_its_json_and_csv(client):
    page = client.get("/query/partners", params={"name": "Donghua College"})
    assert page.status_code == 200
    assert 'href="/query/partners.json?name=Donghua+College"' in page.text
    rows = client.get("/query/partners.json", params={"name": "Donghua College"}).json()
    table = list(
        csv.DictReader(
            io.StringIO(client.get("/query/partners.csv", params={"name": "Donghua College"}).text)
        )
    )
    assert [row["partner"] for row in rows] == [row["partner"] for row in table]
    assert [row["regions"] for row in rows].count(["Jiangmen"]) == 7 and len(rows) == 8
    for query in ("agreements", "region-matrix", "path", "profile", "programme", "between-regions"):
        assert client.get(f"/query/{query}").status_code == 200


def test_a_mistyped_name_is_a_page_with_did_you_mean(client):
    page = client.get("/query/partners", params={"name": "Tung Wah Colege"})
    assert page.status_code == 400
    assert "did you mean: Tung Wah College?" in page.text
    assert client.get("/query/partners.json", params={"name": "Tung Wah Colege"}).status_code == 400
    missing = client.get("/search", params={"q": "Tung Wah Colege"}, follow_redirects=False)
    assert missing.status_code == 404 and "did you mean" in missing.text


def test_search_suggests_and_finds(client):
    names = [found["name"] for found in client.get("/suggest.json", params={"q": "Donghua"}).json()]
    assert names[0] == "Tung Wah College"
    found = client.get("/search", params={"q": "Donghua College"}, follow_redirects=False)
    assert found.status_code == 303
    assert found.headers["location"] == "/party/institution:tung-wah-college"


def test_hostile_names_and_evidence_are_escaped(client):
    ids = [found["id"] for found in client.get("/suggest.json", params={"q": "Alpha"}).json()]
    page = client.get(f"/party/{ids[0]}")
    assert page.status_code == 200
    assert PAYLOAD not in page.text and "<img src=x" not in page.text
    assert 'href="javascript:' not in page.text
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page.text


def test_a_document_url_that_is_no_web_address_is_not_linked(client):
    ids = [found["id"] for found in client.get("/suggest.json", params={"q": "Alpha"}).json()]
    party = client.get(f"/party/{ids[0]}").text
    [document] = set(re.findall(r'href="(/document/[^"]+)"', party))
    page = client.get(document)
    assert page.status_code == 200 and "Hostile" in page.text
    assert 'href="javascript:' not in page.text and "pwned=4" not in page.text


def test_off_the_loopback_every_request_needs_the_token(embedded):
    client = TestClient(create_app(embedded, token="s3cret"))
    assert client.get("/").status_code == 401
    assert client.get("/?token=wrong").status_code == 401
    assert client.get("/?token=s3cret").status_code == 200
    assert client.get("/query/agreements.json").status_code == 200  # the cookie carries it


@pytest.fixture(scope="module")
def served(embedded):
    with serving(create_app(embedded)) as base:
        yield base


def test_in_chromium_a_search_leads_to_the_evidence_and_no_script_runs(served, tmp_path):
    from playwright.sync_api import sync_playwright

    browser_path = chromium()
    shots = os.path.join("build", "screenshots")
    os.makedirs(shots, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(served + "/")
        page.fill("#search", "Donghua")
        # By selector, not a string predicate: the CSP forbids the eval a polled one needs.
        page.wait_for_selector("#suggestions option", state="attached", timeout=5000)
        first = page.eval_on_selector("#suggestions option", "option => option.value")
        assert first == "Tung Wah College"
        page.fill("#search", first)
        page.press("#search", "Enter")
        page.wait_for_url("**/party/institution:tung-wah-college")
        assert page.inner_text("h1") == "Tung Wah College"
        assert page.locator("blockquote.evidence mark").count() > 0
        page.screenshot(path=os.path.join(shots, "party.png"), full_page=True)
        page.goto(served + "/search?" + urlencode({"q": HOSTILE["institutions"][0]["name"]}))
        page.wait_for_url("**/party/**")
        assert PAYLOAD in page.inner_text("h1")
        assert page.locator("a[href^='javascript:']").count() == 0
        assert page.evaluate("typeof window.pwned") == "undefined"
        page.goto(served + "/report/regions?level=province")
        assert page.locator("table.heatmap td[style]").count() > 0
        page.screenshot(path=os.path.join(shots, "regions.png"), full_page=True)
        assert dialogs == []
        browser.close()


@pytest.mark.parametrize(
    "kind", ["centrality", "communities", "brokers", "regions", "timeline", "summary"]
)
def test_every_report_is_a_page_with_its_json_and_csv(client, kind):
    page = client.get(f"/report/{kind}")
    assert page.status_code == 200
    answer = client.get(f"/report/{kind}.json").json()
    assert answer["rows"]
    table = list(csv.DictReader(io.StringIO(client.get(f"/report/{kind}.csv").text)))
    assert len(table) == len(answer["rows"])
    for note in answer["notes"]:
        assert note.replace("'", "&#39;") in page.text


def test_the_regions_report_is_a_heatmap_of_observed_and_expected(client):
    answer = client.get("/report/regions.json", params={"level": "province"}).json()
    page = client.get("/report/regions", params={"level": "province"})
    assert page.text.count('<td style="background:') == sum(
        1 if row["region_a"] == row["region_b"] else 2 for row in answer["rows"]
    )
    top = answer["rows"][0]
    assert f"{top['agreements']} / {top['expected']:.1f}" in page.text


def test_a_report_says_what_its_date_window_left_out(client):
    answer = client.get("/report/centrality.json", params={"since": "2023"}).json()
    [note] = [n for n in answer["notes"] if "without a date" in n]
    assert note in client.get("/report/centrality", params={"since": "2023"}).text
    wrong = client.get("/report/centrality", params={"region": "Jiangmenn"})
    assert wrong.status_code == 400 and "did you mean: Jiangmen?" in wrong.text


CHINESE_ARTICLE = "两校结对\n\n2024年3月5日，杭州市云栖路中学与開化縣桐村小學签订结对帮扶协议。\n"


@pytest.mark.parametrize("store_kind", ["embedded", "neo4j"])
def test_a_party_named_in_chinese_is_found_and_shown(request, tmp_path, store_kind):
    article = tmp_path / "zh.txt"
    article.write_text(CHINESE_ARTICLE, encoding="utf-8")
    with SQLiteStore(tmp_path / "zh.db") as embedded_store:
        assert api.ingest(embedded_store, [article]).ok
        store = embedded_store
        if store_kind == "neo4j":
            store = request.getfixturevalue("neo4j_store")
            api.sync(embedded_store, store)
        client = TestClient(create_app(store))
        found = client.get("/search", params={"q": "杭州市云栖路中学"}, follow_redirects=False)
        assert found.status_code == 303
        # The id is not ASCII: the header carries it percent-encoded, and it leads home.
        assert found.headers["location"].isascii()
        page = client.get(found.headers["location"])
        assert page.status_code == 200
        assert "<h1>杭州市云栖路中学</h1>" in page.text
        assert "開化縣桐村小學" in page.text
        # The traditional form's simplified twin finds it too.
        again = client.get("/search", params={"q": "开化县桐村小学"}, follow_redirects=False)
        assert again.status_code == 303
        rows = client.get("/query/partners.json", params={"name": "杭州市云栖路中学"}).json()
        assert [row["partner"] for row in rows] == ["開化縣桐村小學"]
