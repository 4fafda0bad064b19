from __future__ import annotations

import os
from pathlib import Path

import networkx as nx
import pytest

from educoop.graph.stores.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def extraction_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test its own extraction cache (commands it runs too): none reads another's
    results, nor the user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("EDUCOOP_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    with SQLiteStore(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def small_graph(store: SQLiteStore) -> nx.MultiDiGraph:
    from educoop import api

    assert api.ingest(store, [DATA / "small.yaml"]).ok
    return store.to_networkx()


# The Neo4j tests wipe the database they are given, so they run only against a server named
# in this variable (scripts/neo4j-local start prints it), never against NEO4J_URI by accident.
NEO4J_TEST_URI = "EDUCOOP_TEST_NEO4J_URI"


@pytest.fixture(scope="module")
def neo4j_store():
    uri = os.environ.get(NEO4J_TEST_URI)
    if not uri:
        message = (
            f"no Neo4j test server: start one with `scripts/neo4j-local start` and "
            f"`eval $(scripts/neo4j-local env)`, which sets {NEO4J_TEST_URI} (its database is wiped)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the Neo4j tests: {message}")
        pytest.skip(message)
    from educoop.graph.stores.neo4j import Neo4jStore

    with Neo4jStore(
        uri, user=os.environ.get("NEO4J_USER"), password=os.environ.get("NEO4J_PASSWORD")
    ) as store:
        store.clear()
        yield store
        store.clear()


@pytest.fixture
def run_cli(tmp_path: Path):
    """Run an educoop command, the one way every CLI test does.

    ``run_cli("stats", "--format", "json")`` runs against the store at ``run_cli.store``
    (in tmp_path, made by the first command that writes); ``store=`` names another (a
    SQLiteStore, a path or a Neo4j URI; None for no --store) and ``env=`` sets environment
    variables. Exceptions propagate (``catch_exceptions=False``): a crash fails the test
    with its traceback instead of passing for an exit status of 1.
    """
    from click.testing import CliRunner

    from educoop.cli import cli

    default = tmp_path / "s.db"

    def invoke(*args: str, store: object = default, env: dict[str, str] | None = None):
        location = getattr(store, "location", store)
        chosen = [] if location is None else ["--store", str(location)]
        return CliRunner().invoke(cli, [*chosen, *args], env=env, catch_exceptions=False)

    invoke.store = default
    return invoke


@pytest.fixture(params=["embedded", "neo4j"])
def demo_on_both(request, tmp_path):
    """The demo corpus in a store of the test's own, then the same on the real Neo4j
    server."""
    from educoop import api

    if request.param == "embedded":
        with SQLiteStore(tmp_path / "demo.db") as store:
            assert api.ingest(store, [api.demo_corpus()]).ok
            yield store
    else:
        store = request.getfixturevalue("neo4j_store")
        store.clear()
        assert api.ingest(store, [api.demo_corpus()]).ok
        yield store


@pytest.fixture(params=["sqlite", "neo4j"])
def either(request, tmp_path):
    """An empty store of the test's own: the embedded one, then the real Neo4j server."""
    if request.param == "sqlite":
        with SQLiteStore(tmp_path / "either.db") as store:
            yield store
    else:
        store = request.getfixturevalue("neo4j_store")
        store.clear()
        yield store
