"""A Neo4j outage under the workbench: a clear 503 page (never a traceback), the server
keeps running, and it answers again once Neo4j is back. Runs against the server of
scripts/neo4j-local, which it stops and starts."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from educoop import api
from educoop.web.app import create_app
from tests.conftest import NEO4J_TEST_URI

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "neo4j-local"


def _server(action: str) -> None:
    subprocess.run([str(SCRIPT), action], check=True, capture_output=True, timeout=300)


def test_a_neo4j_outage_is_a_page_and_the_workbench_answers_again(neo4j_store):
    from educoop.graph.stores.neo4j import Neo4jStore

    neo4j_store.clear()
    assert api.ingest(neo4j_store, [api.demo_corpus()]).ok
    uri = os.environ[NEO4J_TEST_URI]
    credentials = {
        "user": os.environ.get("NEO4J_USER"),
        "password": os.environ.get("NEO4J_PASSWORD"),
    }
    with Neo4jStore(uri, retry_seconds=1, **credentials) as store:
        client = TestClient(create_app(store))
        assert client.get("/query/agreements").status_code == 200
        _server("stop")
        try:
            for path in (
                "/",
                "/query/agreements",
                "/party/institution:tung-wah-college",
                "/explore.json",
                "/review",
            ):
                page = client.get(path)
                assert page.status_code == 503, path
                assert f"Neo4j at {uri} stopped answering" in page.text, path
                assert "answers again once the store is back" in page.text
                assert "Traceback" not in page.text
        finally:
            _server("start")
        again = client.get("/query/agreements")
        assert again.status_code == 200 and "Tung Wah College" in again.text
    if not neo4j_store.stats()["nodes"]:  # the shared store's driver reconnects too
        pytest.fail("the Neo4j test store did not come back")
