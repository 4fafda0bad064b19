"""A first load of Neo4j by the offline import: CSV files whose every row keeps exactly its
properties, imported by a real neo4j-admin into the test server (scripts/neo4j-local
import), giving the graph the online path gives, byte for byte in the canonical dump."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from educoop import api
from educoop.errors import StoreError
from educoop.graph.check import canonical_dump
from educoop.graph.stores.neo4j_bulk import (
    ARRAY_DELIMITER,
    BULK_MIN_ROWS,
    import_command,
    write_import,
)
from educoop.graph.stores.sqlite import SQLiteStore

LOCAL_IMPORT = [str(Path(__file__).resolve().parents[2] / "scripts" / "neo4j-local"), "import"]


def _read(path: str) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_each_shape_of_row_gets_its_own_file_with_typed_columns(tmp_path):
    nodes = {
        "Institution": [
            {"id": "institution:a", "name": "A", "aliases": ["A1", "A;2"], "kind": None},
            {"id": "institution:b", "name": 'B, "the"\nsecond', "aliases": []},
        ],
        "EducoopReview": [{"id": 3, "score": 0.9, "name": "x"}],
    }
    links = {"SIGNED_WITH": [("institution:a", "institution:b", {"key": "", "confirmed": True})]}
    arguments = write_import(tmp_path, nodes, links, keyed=["Institution"])
    given = [a.split("=", 2) for a in arguments if a.startswith(("--nodes=", "--relationships="))]
    assert sorted((option, name) for option, name, _ in given) == [
        ("--nodes", "EducoopReview"),
        ("--nodes", "Institution"),
        ("--nodes", "Institution"),
        ("--relationships", "SIGNED_WITH"),
    ]
    paths = [path for _, _, path in given]
    tables = {tuple(_read(path)[0]): _read(path)[1:] for path in paths}
    # The array keeps its items whole; the empty list and the missing kind are left out.
    assert tables[("aliases:string[]", "id:ID", "name:string")] == [
        [f"A1{ARRAY_DELIMITER}A;2", "institution:a", "A"]
    ]
    assert tables[("id:ID", "name:string")] == [["institution:b", 'B, "the"\nsecond']]
    # Outside the graph's labels an id is a property like any other, typed.
    assert tables[("id:long", "name:string", "score:double")] == [["3", "x", "0.9"]]
    assert tables[(":START_ID", ":END_ID", "confirmed:boolean", "key:string")] == [
        ["institution:a", "institution:b", "true", ""]
    ]
    assert "--multiline-fields=true" in arguments


def test_property_names_come_from_educoop_only(tmp_path):
    with pytest.raises(StoreError, match="not a property name"):
        write_import(tmp_path, {"Institution": [{"id": "x", "bad name": 1}]}, {})


def test_the_command_is_split_as_a_shell_would():
    assert import_command(" ") is None
    assert import_command("'/opt/my neo4j/import' --x") == ["/opt/my neo4j/import", "--x"]


@pytest.fixture
def bulk_store(neo4j_store):
    neo4j_store.clear()
    neo4j_store.bulk_import = LOCAL_IMPORT
    neo4j_store.bulk_min_rows = 0  # the demo is small: imported all the same
    yield neo4j_store
    neo4j_store.bulk_import = None
    neo4j_store.bulk_next = False
    neo4j_store.bulk_min_rows = BULK_MIN_ROWS


def test_a_first_ingest_imports_offline_the_graph_the_online_path_writes(bulk_store, tmp_path):
    report = api.ingest(bulk_store, [api.demo_corpus()])
    assert report.ok and report.graph.new_nodes == report.graph.nodes > 100
    with SQLiteStore(tmp_path / "online.db") as online:
        assert api.ingest(online, [api.demo_corpus()]).ok
        assert canonical_dump(bulk_store.to_networkx()) == canonical_dump(online.to_networkx())
        assert bulk_store.review() == online.review()
        assert bulk_store.document_names() == online.document_names()
        assert all(d.admitted for d in bulk_store.documents())
        assert bulk_store._held() == online._held()
    # The graph is current: the same files again change nothing, online.
    again = api.ingest(bulk_store, [api.demo_corpus()])
    assert again.graph.unchanged
    # A decision afterwards is incremental on the imported graph too.
    agreement = next(
        n for n, a in bulk_store.to_networkx().nodes(data=True) if a.get("label") == "Agreement"
    )
    from educoop import review

    _, decided = review.decide(bulk_store, agreement, "reject")
    assert decided.removed_nodes == 1
    # rebuild --bulk replaces a database that holds a graph.
    dump = canonical_dump(bulk_store.to_networkx())
    rebuilt = api.rebuild(bulk_store, bulk=True)
    assert rebuilt.removed_nodes == rebuilt.new_nodes == rebuilt.nodes
    assert canonical_dump(bulk_store.to_networkx()) == dump
    assert [d.agreement for d in bulk_store.decisions()] == [agreement]


def test_a_failed_import_is_one_line_and_keeps_nothing_of_the_ingest(bulk_store):
    bulk_store.bulk_import = ["false"]
    with pytest.raises(StoreError, match=r"bulk import failed \(exit 1\)"):
        api.ingest(bulk_store, [api.demo_corpus()])
    assert bulk_store.document_names() == {}
    assert sum(bulk_store.stats()["nodes"].values()) == 0


def test_a_small_first_load_goes_online_even_with_an_import_command(neo4j_store):
    neo4j_store.clear()
    neo4j_store.bulk_import = ["false"]  # it would fail if it ran
    try:
        assert api.ingest(neo4j_store, [api.demo_corpus()]).ok
    finally:
        neo4j_store.bulk_import = None


def test_a_bulk_rebuild_needs_the_import_command_and_neo4j(neo4j_store, store):
    neo4j_store.bulk_import = None
    with pytest.raises(StoreError, match="EDUCOOP_NEO4J_IMPORT"):
        api.rebuild(neo4j_store, bulk=True)
    with pytest.raises(StoreError, match="for a Neo4j store"):
        api.rebuild(store, bulk=True)
