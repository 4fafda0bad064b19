"""`sync --to` makes the target hold exactly the source's documents, decisions and registry
files (its graph is the source's); `--merge` keeps the target's own beside them. Both
directions, embedded to Neo4j and Neo4j to embedded, against a real server."""

from pathlib import Path

import pytest

from educoop import api
from educoop.errors import InputError
from educoop.graph.check import canonical_dump
from educoop.graph.stores.sqlite import SQLiteStore
from tests.conftest import DATA

RESOLUTION = DATA / "resolution"


def _demo(store) -> None:
    assert api.ingest(store, [api.demo_corpus()]).ok


def _one_document_with_a_decision(store) -> None:
    """One document, and a rejected review item on it."""
    assert api.ingest(store, [RESOLUTION / "yates-short-name.yaml"]).ok
    [item] = [i for i in api.review(store) if i.name == "Jiangmen Yates Vocational School"]
    api.decide(store, item.id, accept=False)


def _decisions(store) -> list[tuple[str, str, str]]:
    return sorted((i.name, i.candidate, i.status) for i in store.review())


def _same(target, source) -> None:
    assert target.document_names() == source.document_names()
    assert _decisions(target) == _decisions(source)
    assert canonical_dump(target.to_networkx()) == canonical_dump(source.to_networkx())


@pytest.fixture
def scratch(neo4j_store):
    neo4j_store.clear()
    return neo4j_store


def test_sync_makes_a_neo4j_store_hold_exactly_the_embedded_one(scratch, store):
    _demo(scratch)  # the target held the demo: it goes
    _one_document_with_a_decision(store)
    result = api.sync(store, scratch)
    assert result.documents == 1 and result.refused == {}
    _same(scratch, store)
    again = api.sync(store, scratch)
    assert again.unchanged
    _same(scratch, store)


def test_sync_makes_an_embedded_store_hold_exactly_the_neo4j_one(scratch, tmp_path):
    _one_document_with_a_decision(scratch)
    with SQLiteStore(tmp_path / "copy.db") as target:
        _demo(target)
        api.sync(scratch, target)
        _same(target, scratch)


def test_sync_merge_keeps_the_targets_own_documents_and_decisions(scratch, tmp_path):
    _demo(scratch)
    demo_documents = scratch.document_names()
    with SQLiteStore(tmp_path / "source.db") as source:
        _one_document_with_a_decision(source)
        result = api.sync(source, scratch, merge=True)
        assert result.documents == len(demo_documents) + 1
        assert scratch.document_names() == demo_documents | source.document_names()
        assert ("Jiangmen Yates Vocational School", "rejected") in {
            (name, status) for name, _, status in _decisions(scratch)
        }
        # The graph is that of both stores' documents, as one ingest of both would give.
        with SQLiteStore(tmp_path / "both.db") as both:
            _demo(both)
            _one_document_with_a_decision(both)
            assert canonical_dump(scratch.to_networkx()) == canonical_dump(both.to_networkx())
        # And the other way: merging the Neo4j store into the embedded one.
        api.sync(scratch, source, merge=True)
        assert source.document_names() == scratch.document_names()


def test_sync_through_the_cli_says_what_it_did(scratch, tmp_path, run_cli, monkeypatch):
    db = tmp_path / "s.db"
    with SQLiteStore(db) as source:
        _one_document_with_a_decision(source)
    _demo(scratch)
    uri = scratch.location
    result = run_cli("sync", "--to", uri, store=db)
    assert result.exit_code == 0, result.output
    assert f"Copied {db} into {uri}." in result.output
    assert len(scratch.document_names()) == 1
    merged = run_cli("sync", "--merge", "--to", uri, store=Path(db))
    assert merged.exit_code == 0 and f"Merged {db} into {uri}." in merged.output


def test_an_exact_sync_names_documents_as_the_source_does(tmp_path):
    first, second = tmp_path / "a", tmp_path / "z"
    for folder in (first, second):
        folder.mkdir()
        (folder / "small.yaml").write_bytes((DATA / "small.yaml").read_bytes())
    with SQLiteStore(tmp_path / "s.db") as source, SQLiteStore(tmp_path / "t.db") as target:
        assert api.ingest(source, [second / "small.yaml"]).ok
        assert api.ingest(target, [first / "small.yaml"]).ok
        api.sync(source, target)
        _same(target, source)


def test_a_sync_whose_registry_is_gone_changes_nothing(tmp_path, store):
    registry = tmp_path / "registry.yaml"
    registry.write_text("institutions: []\n", encoding="utf-8")
    assert api.ingest(store, [DATA / "small.yaml"], registries=[registry]).ok
    registry.unlink()
    with SQLiteStore(tmp_path / "t.db") as target:
        _demo(target)
        before = target.document_names(), canonical_dump(target.to_networkx())
        with pytest.raises(InputError, match=r"registry\.yaml"):
            api.sync(store, target)
        assert (target.document_names(), canonical_dump(target.to_networkx())) == before
        assert target.registries() == []
