"""The Neo4j store against a real server (see the neo4j_store fixture in conftest.py)."""

import pytest

from educoop import api
from educoop.errors import StoreError
from educoop.graph.neo4j_store import Neo4jStore, redact
from educoop.graph.schema import GraphBatch, Label, RelType
from tests.conftest import DATA


@pytest.fixture
def empty(neo4j_store):
    neo4j_store.clear()
    return neo4j_store


def _batch(alias: str) -> GraphBatch:
    batch = GraphBatch(source="t")
    batch.add_node(Label.INSTITUTION, "institution:a", {"name": "A", "aliases": [alias]})
    batch.add_node(Label.REGION, "region:r", {"name": "R", "level": "city", "aliases": []})
    batch.add_edge(RelType.LOCATED_IN, "institution:a", "region:r")
    batch.add_edge(RelType.SIGNED_WITH, "region:r", "institution:a", "agreement:1", {"kind": "x"})
    return batch


def test_constraints_exist_for_every_label(empty):
    rows = empty.read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    unique = {
        row["labelsOrTypes"][0]
        for row in rows
        if row["properties"] == ["id"] and row["type"] == "UNIQUENESS"
    }
    assert unique >= {str(label) for label in Label}


def test_writing_twice_changes_nothing_and_aliases_merge_sorted(empty):
    first = empty.write(_batch("Ay"))
    assert (first.new_nodes, first.new_relationships) == (2, 2)
    counts = empty.stats()
    second = empty.write(_batch("Alpha"))
    assert (second.new_nodes, second.new_relationships) == (0, 0)
    assert empty.stats() == counts
    assert empty.to_networkx().nodes["institution:a"]["aliases"] == ["Alpha", "Ay"]


def test_a_failing_batch_leaves_nothing_behind(empty):
    empty.write(_batch("A"))
    before = empty.stats()
    bad = GraphBatch(source="bad")
    bad.add_node(Label.INSTITUTION, "institution:new", {"name": "New", "aliases": []})
    # A map is not a storable property value: the second statement fails, the first rolls back.
    bad.add_node(Label.REGION, "region:bad", {"name": "Bad", "level": {"not": "storable"}})
    with pytest.raises(StoreError, match="nothing of it was written"):
        empty.write(bad)
    assert empty.stats() == before


def test_the_networkx_view_matches_the_embedded_store(empty, store):
    for target in (empty, store):
        api.ingest(target, [DATA / "small.yaml"])
    mine, theirs = empty.to_networkx(), store.to_networkx()
    assert dict(mine.nodes(data=True)) == dict(theirs.nodes(data=True))
    assert sorted(mine.edges(keys=True, data=True)) == sorted(theirs.edges(keys=True, data=True))


def test_ad_hoc_cypher_reads_and_refuses_writes_unless_asked(empty):
    api.ingest(empty, [DATA / "small.yaml"])
    rows = api.cypher(
        empty, "MATCH (i:Institution {name: $n}) RETURN i.kind AS kind", {"n": "Beta College"}
    )
    assert rows == [{"kind": "college"}]
    with pytest.raises(StoreError, match="read transaction"):
        api.cypher(empty, "CREATE (:Institution {id: 'institution:x'})")
    assert empty.stats()["nodes"]["Institution"] == 5
    api.cypher(
        empty,
        "MATCH (i:Institution {id: $id}) SET i.note = 'n'",
        {"id": "institution:beta-college"},
        write=True,
    )
    assert api.cypher(empty, "MATCH (i {note: 'n'}) RETURN count(i) AS c") == [{"c": 1}]


def test_sync_copies_the_embedded_store_idempotently(empty, store):
    api.ingest(store, [DATA / "small.yaml"])
    first = api.sync(store, empty)
    assert empty.stats() == store.stats()
    assert first.new_nodes == sum(store.stats()["nodes"].values())
    again = api.sync(store, empty)
    assert (again.new_nodes, again.new_relationships) == (0, 0)
    assert empty.stats() == store.stats()


def test_unreachable_server_is_one_clear_line_without_the_password():
    with pytest.raises(StoreError) as caught:
        Neo4jStore("bolt://127.0.0.1:1", user="neo4j", password="s3cret-pw")
    message = str(caught.value)
    assert message.startswith("cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "s3cret-pw" not in message and "\n" not in message


def test_credentials_in_the_uri_are_refused_and_not_echoed():
    with pytest.raises(StoreError) as caught:
        Neo4jStore("bolt://neo4j:s3cret-pw@127.0.0.1:1")
    assert "s3cret-pw" not in str(caught.value)
    assert redact("neo4j+s://u:p@db.example:7687") == "neo4j+s://db.example:7687"


def test_reingesting_a_file_changes_nothing(empty):
    first = api.ingest(empty, [DATA / "small.yaml"]).written[0]
    counts = empty.stats()
    again = api.ingest(empty, [DATA / "small.yaml"]).written[0]
    assert first.new_relationships == first.relationships
    assert (again.new_nodes, again.new_relationships) == (0, 0)
    assert empty.stats() == counts
    # Alpha with Beta and Gamma, Gamma paired with Epsilon, Jiangmen planning with Hong Kong.
    assert counts["relationships"]["SIGNED_WITH"] == 4


def test_review_decisions_and_registries_on_neo4j(empty):
    resolution = DATA / "resolution"
    assert api.use_registries(empty, [resolution / "registry.yaml"]) == [
        str((resolution / "registry.yaml").resolve())
    ]
    assert empty.registries() == [str((resolution / "registry.yaml").resolve())]
    assert api.ingest(empty, [resolution / "yates-short-name.yaml"]).ok
    [item] = api.review(empty)
    assert item.candidate_name == "Jiangmen Yates Vocational and Technical School"
    api.decide(empty, item.id, accept=True)
    names = {
        data["name"]: data
        for _, data in empty.to_networkx().nodes(data=True)
        if data["label"] == "Institution"
    }
    assert set(names) == {
        "Jiangmen Yates Vocational and Technical School",
        "Macao Polytechnic University",
    }
    assert names["Jiangmen Yates Vocational and Technical School"]["aliases"] == [
        "Jiangmen Yates Vocational School"
    ]
    rows = api.query(empty, "partners", {"name": "Jiangmen Yates Vocational School"})
    assert [row["partner"] for row in rows] == ["Macao Polytechnic University"]
    # Decided, it is not proposed again.
    assert api.ingest(empty, [resolution / "yates-short-name.yaml"]).ok
    assert api.review(empty) == []


def test_two_reports_of_one_signing_meet_on_neo4j(empty):
    resolution = DATA / "resolution"
    report = api.ingest(
        empty, [resolution / "lantau-2024.yaml", resolution / "lantau-2024-news.txt"]
    )
    assert report.ok, report.failed
    stats = empty.stats()
    assert stats["nodes"]["Agreement"] == 1
    assert stats["relationships"]["REPORTED_IN"] == 2
