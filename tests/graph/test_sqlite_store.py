import pytest

from educoop.errors import StoreError
from educoop.graph.schema import GraphBatch, Label, RelType
from educoop.graph.sqlite_store import SQLiteStore


def _batch(alias: str = "A") -> GraphBatch:
    batch = GraphBatch(source="t")
    batch.add_node(Label.INSTITUTION, "institution:a", {"name": "A", "aliases": [alias]})
    batch.add_node(Label.INSTITUTION, "institution:b", {"name": "B", "aliases": []})
    batch.add_edge(RelType.SIGNED_WITH, "institution:b", "institution:a", "agreement:1", {})
    return batch


def test_writing_a_batch_twice_changes_nothing(store):
    first = store.write(_batch())
    counts = store.stats()
    second = store.write(_batch())
    assert (first.new_nodes, first.new_relationships) == (2, 1)
    assert (second.new_nodes, second.new_relationships) == (0, 0)
    assert store.stats() == counts


def test_partner_edges_are_stored_once_per_pair_whatever_the_direction(store):
    batch = _batch()
    batch.add_edge(RelType.SIGNED_WITH, "institution:a", "institution:b", "agreement:1", {})
    store.write(batch)
    assert store.stats()["relationships"]["SIGNED_WITH"] == 1
    assert list(store.to_networkx().edges()) == [("institution:a", "institution:b")]


def test_upsert_unions_aliases(store):
    store.write(_batch("Alpha"))
    store.write(_batch("Ay"))
    assert store.to_networkx().nodes["institution:a"]["aliases"] == ["Alpha", "Ay"]


def test_a_failing_write_leaves_nothing_behind(store):
    store.write(_batch())
    before = store.stats()
    bad = _batch()
    bad.add_node(Label.INSTITUTION, "institution:c", {"name": "C", "unstorable": object()})
    with pytest.raises(TypeError):
        store.write(bad)
    assert store.stats() == before


def test_stats_lists_every_label_and_type_with_zeros(store):
    stats = store.stats()
    assert set(stats["nodes"]) == {str(label) for label in Label}
    assert set(stats["relationships"]) == {str(rel) for rel in RelType}
    assert not any(stats["nodes"].values())


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("plain text, not SQLite " * 100)
    with pytest.raises(StoreError, match="not an educoop store"):
        SQLiteStore(path)


def test_a_missing_store_is_an_error_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        SQLiteStore(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
