"""The workbench's review queue, document pages and network explorer over HTTP, on both
stores: decisions through forms with the CSRF token (refused without it and under
--read-only), a rejection gone from partners and reports and back after undo, the article
text with its marks, and the explorer's view as JSON, SVG and GEXF."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from starlette.testclient import TestClient

from educoop import api
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.web.app import create_app

COLLEGE = "institution:tung-wah-college"
MACAO = "Kiang Wu Nursing College of Macau"


@pytest.fixture
def demo(demo_on_both):
    return demo_on_both


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def _partners(client: TestClient) -> list[str]:
    answer = client.get("/query/partners.json", params={"name": COLLEGE}).json()
    return [row["partner"] for row in answer]


def _macao_agreement(client: TestClient) -> str:
    rows = client.get("/review.json", params={"limit": 100}).json()["agreements"]
    [row] = [row for row in rows if MACAO in row["sides"]]
    return row["agreement"]


def test_a_rejection_in_the_queue_leaves_partners_and_reports_until_undone(demo):
    client = TestClient(create_app(demo))
    queue = client.get("/review")
    assert queue.status_code == 200 and "lowest confidence first" in queue.text
    assert MACAO in _partners(client)
    agreement = _macao_agreement(client)
    answer = client.post(
        "/review/decide",
        data={
            "agreement": agreement,
            "action": "reject",
            "csrf": _csrf(queue.text),
            "next": f"/party/{COLLEGE}",
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/party/{COLLEGE}"
    assert MACAO not in _partners(client)
    assert MACAO not in client.get(f"/party/{COLLEGE}").text
    names = [row["name"] for row in client.get("/report/centrality.json").json()["rows"]]
    assert MACAO not in names
    page = client.get("/review")
    [decision] = client.get("/review.json").json()["decisions"]
    assert decision["action"] == "reject" and MACAO in decision["about"]
    undone = client.post(
        "/review/undo", data={"decision": decision["decision"], "csrf": _csrf(page.text)}
    )
    assert undone.status_code == 200  # followed back to the queue
    assert MACAO in _partners(client)
    assert demo.decisions() == []


def test_confirm_and_edit_through_forms(demo):
    client = TestClient(create_app(demo))
    page = client.get("/review")
    agreement, csrf = _macao_agreement(client), _csrf(page.text)
    client.post(
        "/review/decide",
        data={"agreement": agreement, "action": "edit", "date": "2023-06", "csrf": csrf},
    )
    confirmed = client.get(
        "/query/partners.json", params={"name": COLLEGE, "confirmed": "yes"}
    ).json()
    [row] = [row for row in confirmed if row["partner"] == MACAO]
    assert row["first"] == "2023-06"
    wrong = client.post(
        "/review/decide",
        data={"agreement": agreement, "action": "edit", "kind": "twinned", "csrf": csrf},
    )
    assert wrong.status_code == 400 and "kinds: signed" in wrong.text
    assert len(demo.decisions()) == 1


def test_forms_without_the_token_or_under_read_only_change_nothing(demo):
    client = TestClient(create_app(demo))
    agreement = _macao_agreement(client)
    forged = client.post(
        "/review/decide", data={"agreement": agreement, "action": "reject", "csrf": "guess"}
    )
    assert forged.status_code == 403 and "reload the page" in forged.text
    reader = TestClient(create_app(demo, read_only=True))
    page = reader.get("/review")
    assert "read-only" in page.text and '<form method="post"' not in page.text
    refused = reader.post(
        "/review/decide",
        data={
            "agreement": agreement,
            "action": "reject",
            "csrf": _csrf(client.get("/review").text),
        },
    )
    assert refused.status_code == 403 and "read-only" in refused.text
    assert reader.get("/review/decide").status_code == 405  # no change by GET
    assert demo.decisions() == []
    assert MACAO in _partners(client)


def test_a_document_page_shows_the_article_with_its_parties_and_evidence(demo):
    client = TestClient(create_app(demo))
    party = client.get(f"/party/{COLLEGE}").text
    documents = set(re.findall(r'href="/document/([^"]+)"', party))
    pages = [client.get(f"/document/{doc}") for doc in sorted(documents)]
    assert all(p.status_code == 200 for p in pages)
    [article] = [p.text for p in pages if "The text as read" in p.text]
    assert "<mark>Tung Wah College</mark>" in article
    assert '<span class="ev">' in article and 'class="to-agreement" href="#agreement:' in article
    assert 'href="/party/institution%3Atung-wah-college"' in article  # names link to parties
    records = [p.text for p in pages if "A record file" in p.text]
    assert records
    assert client.get("/document/document:nothing").status_code == 404


def test_the_explorer_view_as_json_svg_and_gexf(demo):
    client = TestClient(create_app(demo))
    assert client.get("/explore").status_code == 200
    whole = client.get("/explore.json").json()
    assert whole["nodes"] and whole["edges"] and whole["legend"]
    # A submitted form's empty fields are no choice at all.
    blank = {"region": "", "institution_kind": "", "kind": "", "since": "", "until": ""}
    assert client.get("/explore.json", params=blank).json() == whole
    top = client.get("/explore.json", params={"top": 5}).json()
    assert len(top["nodes"]) == 5
    assert f"Showing 5 of {whole['parties']} parties" in " ".join(top["notes"])
    year = client.get("/explore.json", params={"since": "2023", "until": "2023"}).json()
    assert 0 < len(year["nodes"]) < len(whole["nodes"])
    assert {(e["source"], e["target"]) for e in year["edges"]} < {
        (e["source"], e["target"]) for e in whole["edges"]
    }
    ego = client.get("/explore.json", params={"top": 0, "expand": COLLEGE}).json()
    assert {n["name"] for n in ego["nodes"]} >= {"Tung Wah College", MACAO}
    by_kind = client.get("/explore.json", params={"colour": "kind", "size": "pagerank"}).json()
    assert {e["category"] for e in by_kind["legend"]} >= {"college", "university"}
    picture = ET.fromstring(client.get("/explore.svg", params={"top": 20}).text)
    assert len(picture.findall("{http://www.w3.org/2000/svg}circle")) == 20
    gexf = client.get("/explore.gexf", params={"top": 20})
    assert gexf.headers["content-disposition"].startswith("attachment")
    assert "lastmodifieddate" not in gexf.text  # the same view, the same file, any day
    nodes = ET.fromstring(gexf.text).iter("{http://www.gexf.net/1.2draft}node")
    assert len([n.get("label") for n in nodes]) == 20
    wrong = client.get("/explore.json", params={"colour": "rainbow"})
    assert (
        wrong.status_code == 400
        and "colour: one of region, community, kind" in wrong.json()["error"]
    )


def test_every_page_answers_on_both_stores(demo):
    client = TestClient(create_app(demo))
    document = re.search(r'href="/document/([^"]+)"', client.get(f"/party/{COLLEGE}").text).group(1)
    pages = [
        "/",
        "/favicon.ico",
        "/suggest.json?q=Dong",
        f"/party/{COLLEGE}",
        f"/document/{document}",
        "/query/partners?name=Tung+Wah+College&confirmed=yes",
        "/query/agreements.csv",
        "/report/centrality?sort=betweenness&desc=1",
        "/report/timeline",
        "/report/regions.csv",
        "/review",
        "/review.json",
        "/review.csv",
        "/explore",
        "/explore.json?colour=community&size=betweenness",
        "/explore.svg",
        "/explore.gexf",
        "/static/explore.js",
        "/static/vendor/cytoscape/cytoscape.min.js",
    ]
    for path in pages:
        answer = client.get(path)
        assert answer.status_code in (200, 204), path
    assert client.get("/search?q=Donghua+College", follow_redirects=False).status_code == 303


def test_report_tables_sort_by_a_column_kept_in_the_url(demo):
    client = TestClient(create_app(demo))
    rows = client.get("/report/centrality.json").json()["rows"]
    page = client.get("/report/centrality", params={"sort": "name", "desc": "0"}).text
    names = re.findall(r"<tr><td>[^<]*</td>", page)
    first = sorted(row["name"] for row in rows)[0]
    assert names and first in names[0]
    assert 'href="/report/centrality?sort=name&amp;desc=1"' in page  # the same column reverses
    timeline = client.get("/report/timeline").text
    assert timeline.count('class="bar-row"') == len(
        client.get("/report/timeline.json").json()["rows"]
    )


def test_a_query_page_says_what_its_window_left_out_and_why_it_is_empty(demo):
    client = TestClient(create_app(demo))
    params = {"name": "Tung Wah College", "since": "2024"}
    page = client.get("/query/partners", params=params)
    assert "4 undated agreements left out by the date window" in page.text
    answer = client.get("/query/partners.json", params=params)
    assert answer.json() == [] and json.loads(answer.headers["x-educoop-notes"]) == [
        "4 undated agreements left out by the date window"
    ]
    apart = client.get("/query/path", params={"a": "Fudan University", "b": "Tung Wah College"})
    assert (
        "no cooperation path: Fudan University and Tung Wah College are in separate components"
        in apart.text
    )


def test_pages_cannot_be_framed_rebound_or_posted_from_another_site(demo):
    client = TestClient(
        create_app(demo, hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1"
    )
    page = client.get("/review")
    assert page.status_code == 200
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    # A page of another site whose name now points at 127.0.0.1 (DNS rebinding).
    rebound = TestClient(
        create_app(demo, hosts=["127.0.0.1", "localhost"]), base_url="http://attacker.example"
    )
    assert rebound.get("/review").status_code == 400
    agreement = _macao_agreement(client)
    data = {"agreement": agreement, "action": "reject", "csrf": _csrf(page.text)}
    forged = client.post("/review/decide", data=data, headers={"origin": "http://attacker.example"})
    assert forged.status_code == 403 and "another site" in forged.text
    assert demo.decisions() == []
    same = client.post(
        "/review/decide", data=data, headers={"origin": "http://127.0.0.1"}, follow_redirects=False
    )
    assert same.status_code == 303 and len(demo.decisions()) == 1


def test_the_explorer_draws_the_same_picture_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    with SQLiteStore(tmp_path / "seeded.db") as demo:
        assert api.ingest(demo, [api.demo_corpus()]).ok
    script = (
        "import sys\n"
        "from educoop.analysis.explore import explore, svg\n"
        "from educoop.graph.stores.sqlite import SQLiteStore\n"
        "with SQLiteStore(sys.argv[1], read_only=True) as s:\n"
        "    print(svg(explore(s.to_networkx(), top=40, expand=('institution:tung-wah-college',))))\n"
    )
    pictures = {
        subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "seeded.db")],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("0", "1", "2")
    }
    assert len(pictures) == 1 and "<circle" in next(iter(pictures))
