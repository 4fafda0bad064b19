"""The Neo4j store against a real server (see the neo4j_store fixture in conftest.py)."""

import logging
import os

import pytest

from educoop import api
from educoop.errors import StoreError
from educoop.graph.check import canonical_dump
from educoop.graph.schema import Label
from educoop.graph.stores.neo4j import Neo4jStore, redact
from tests.conftest import DATA, NEO4J_TEST_URI
from tests.graph.derivers import Institutions, document, load


@pytest.fixture
def empty(neo4j_store):
    neo4j_store.clear()
    return neo4j_store


def test_constraints_exist_for_every_label(empty):
    rows = empty.read("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")
    unique = {
        row["labelsOrTypes"][0]
        for row in rows
        if row["properties"] == ["id"] and row["type"] == "UNIQUENESS"
    }
    assert unique >= {str(label) for label in Label}


def test_a_rebuild_writes_the_difference_and_skips_when_nothing_is_new(empty):
    derive = Institutions()
    first = load(empty, [document("a"), document("b")], derive)
    assert (first.new_nodes, first.new_relationships, first.documents) == (2, 1, 2)
    counts = empty.stats()
    assert load(empty, [document("a")], derive).unchanged and derive.calls == 1
    assert empty.stats() == counts
    grown = load(empty, [document("c")], derive)
    assert (grown.new_nodes, grown.new_relationships) == (1, 2)
    assert sorted(empty.to_networkx().nodes) == ["institution:a", "institution:b", "institution:c"]
    assert [d.sha256 for d in empty.documents()] == ["sha-a", "sha-b", "sha-c"]


def test_properties_the_derivation_no_longer_gives_go(empty):
    load(empty, [document("a")], Institutions())
    empty.execute("MATCH (i:Institution) SET i.stale = true, i.name = 'changed'")
    empty.rebuild(Institutions(), force=True)
    assert dict(empty.to_networkx().nodes(data=True)) == {
        "institution:a": {"label": "Institution", "name": "a"}
    }


class Unstorable(Institutions):
    """The same graph and fingerprint, with one node Neo4j cannot store."""

    def derive(self, documents, review, decisions=()):
        batch = super().derive(documents, review, decisions)
        # A map is not a storable property value.
        batch.add_node(Label.REGION, "region:bad", {"name": "Bad", "level": {"not": "ok"}})
        return batch


def test_a_refused_write_is_one_line(empty):
    with pytest.raises(StoreError, match=r"^Neo4j refused a write: ") as caught:
        load(empty, [document("a")], Unstorable())
    assert "\n" not in str(caught.value)


def test_a_rebuild_cut_short_is_completed_by_the_next_even_from_the_same_documents(empty):
    load(empty, [document("a"), document("b")], Institutions())
    whole = canonical_dump(empty.to_networkx())
    with pytest.raises(StoreError):
        empty.rebuild(Unstorable(), force=True)
    again = Institutions()
    empty.rebuild(again)
    assert again.calls == 1
    assert canonical_dump(empty.to_networkx()) == whole


def test_a_graph_without_documents_from_an_earlier_educoop_is_refused_not_wiped(empty):
    empty.execute("CREATE (:Institution {id: 'institution:old', name: 'Old'})")
    empty.execute("MATCH (m:EducoopSettings) REMOVE m.schema")
    with pytest.raises(StoreError, match="holds a graph loaded by an earlier educoop"):
        api.ingest(empty, [DATA / "small.yaml"])
    assert empty.stats()["nodes"]["Institution"] == 1 and empty.document_names() == {}
    empty.clear()
    assert api.ingest(empty, [DATA / "small.yaml"]).ok


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


def test_a_failed_login_shows_the_password_neither_in_output_nor_in_logs(
    neo4j_store, caplog, run_cli
):
    if not os.environ.get("NEO4J_PASSWORD"):
        message = "the test server runs without auth (start it with NEO4J_LOCAL_PASSWORD set)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must try a failed login: {message}")
        pytest.skip(message)
    wrong = "not-the-password-" + os.urandom(6).hex()
    caplog.set_level(logging.DEBUG)  # everything educoop and the driver log
    result = run_cli(
        "stats",
        store=os.environ[NEO4J_TEST_URI],
        env={"NEO4J_USER": "neo4j", "NEO4J_PASSWORD": wrong},
    )
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line == (
        f"Error: Neo4j at {os.environ[NEO4J_TEST_URI]} refused the credentials of user "
        "'neo4j' (set NEO4J_USER and NEO4J_PASSWORD)"
    )
    # The driver did log the login: the password is not in what it logged.
    assert any(record.name.startswith("neo4j") for record in caplog.records)
    assert wrong not in result.output and wrong not in caplog.text


def test_credentials_in_the_uri_are_refused_and_not_echoed():
    with pytest.raises(StoreError) as caught:
        Neo4jStore("bolt://neo4j:s3cret-pw@127.0.0.1:1")
    assert "s3cret-pw" not in str(caught.value)
    assert redact("neo4j+s://u:p@db.example:7687") == "neo4j+s://db.example:7687"


def test_reingesting_a_file_changes_nothing(empty):
    first = api.ingest(empty, [DATA / "small.yaml"]).graph
    counts = empty.stats()
    again = api.ingest(empty, [DATA / "small.yaml"]).graph
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
