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
    Unimportable,
    import_command,
    write_import,
)
from educoop.graph.stores.sqlite import SQLiteStore
from tests.conftest import DATA

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


@pytest.mark.parametrize(
    "rows",
    [
        [{"id": "a", "score": 1}, {"id": "b", "score": 0.5}],  # long and double online
        [{"id": "a", "years": [2020, 2021]}],  # a list of other than strings
    ],
)
def test_values_the_online_path_stores_otherwise_are_not_imported(tmp_path, rows):
    with pytest.raises(Unimportable):
        write_import(tmp_path, {"Institution": rows}, {})


def test_the_read_buffer_holds_the_largest_value(tmp_path):
    text = 'a "quoted" line\n' * 400_000  # 6.4 MB, and every quote doubled in CSV
    arguments = write_import(tmp_path, {"EducoopDocument": [{"records": text}]}, {})
    [size] = [int(a.split("=")[1]) for a in arguments if a.startswith("--read-buffer-size=")]
    [path] = [a.split("=", 2)[2] for a in arguments if a.startswith("--nodes=")]
    cell = Path(path).read_bytes().split(b"\n", 1)[1]  # the value as written, quoted
    assert size >= len(cell) > 4 * 1024 * 1024


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
    neo4j_store.bulk_min_rows = BULK_MIN_ROWS


TRICKY = """institutions:
  - name: 'Quote "and" Comma, College'
    aliases: ['Back\\slash; Semi', 'QC']
    kind: college
    region: Jiangmen
  - name: Ünïcödé 学院 College
    kind: college
    region: Jiangmen
agreements:
  - sides: [['Quote "and" Comma, College'], [Ünïcödé 学院 College]]
    kind: signed
    title: "a title\\nwith a backslash-n and \\"quotes\\""
"""


def test_a_first_ingest_imports_offline_the_graph_the_online_path_writes(bulk_store, tmp_path):
    tricky = tmp_path / "tricky.yaml"
    tricky.write_text(TRICKY, encoding="utf-8")
    report = api.ingest(bulk_store, [api.demo_corpus(), tricky])
    assert report.ok and report.graph.new_nodes == report.graph.nodes > 100
    with SQLiteStore(tmp_path / "online.db") as online:
        assert api.ingest(online, [api.demo_corpus(), tricky]).ok
        assert canonical_dump(bulk_store.to_networkx()) == canonical_dump(online.to_networkx())
        assert bulk_store.review() == online.review()
        assert bulk_store.document_names() == online.document_names()
        assert all(d.admitted for d in bulk_store.documents())
        assert bulk_store._held() == online._held()
    # The graph is current: the same files again change nothing, online.
    again = api.ingest(bulk_store, [api.demo_corpus(), tricky])
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


def test_a_failed_import_puts_the_store_back_and_writes_online(bulk_store, tmp_path, caplog):
    """The command fails after it has stopped the server and emptied the database (as a
    failed neo4j-admin import with --overwrite-destination does): the documents and review
    decisions held before come back, and the graph is written online."""
    assert api.ingest(bulk_store, [DATA / "small.yaml"]).ok  # held before: imported
    item_count = len(bulk_store.review())
    # An import of nothing: the database is emptied; then the command says it failed.
    (tmp_path / "nothing.csv").write_text("id:ID\n")
    failing = tmp_path / "fails-after-emptying"
    failing.write_text(
        f"#!/bin/sh\n{LOCAL_IMPORT[0]} import --overwrite-destination=true neo4j "
        f"--nodes=Nothing={tmp_path / 'nothing.csv'}\nexit 1\n"
    )
    failing.chmod(0o755)
    bulk_store.bulk_import = [str(failing)]
    report = api.rebuild(bulk_store, bulk=True)
    assert "writing online instead" in caplog.text
    with SQLiteStore(tmp_path / "online.db") as online:
        assert api.ingest(online, [DATA / "small.yaml"]).ok
        assert canonical_dump(bulk_store.to_networkx()) == canonical_dump(online.to_networkx())
        assert bulk_store.document_names() == online.document_names()
    assert len(bulk_store.review()) == item_count
    assert report.nodes == sum(bulk_store.stats()["nodes"].values())


def test_a_database_with_nodes_not_educoop_s_is_never_imported_over(bulk_store):
    bulk_store.execute("CREATE (:Someone {name: 'not ours'})")
    with pytest.raises(StoreError, match="not educoop's"):
        api.rebuild(bulk_store, bulk=True)
    assert bulk_store.read("MATCH (n:Someone) RETURN count(n) AS c")[0]["c"] == 1
    assert api.ingest(bulk_store, [DATA / "small.yaml"]).ok  # a first load: online


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
