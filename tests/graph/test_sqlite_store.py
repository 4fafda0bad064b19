import pytest

from educoop.errors import StoreError
from educoop.graph.check import canonical_dump
from educoop.graph.schema import Label, RelType
from educoop.graph.stores.sqlite import SQLiteStore
from tests.graph.derivers import Institutions, document, load


def test_a_rebuild_with_nothing_new_is_skipped_and_changes_nothing(store):
    derive = Institutions()
    first = load(store, [document("a"), document("b")], derive)
    counts = store.stats()
    second = load(store, [document("a")], derive)
    assert (first.new_nodes, first.new_relationships, first.documents) == (2, 1, 2)
    assert second.unchanged and (second.nodes, second.relationships) == (2, 1)
    assert derive.calls == 1
    assert store.stats() == counts
    assert store.rebuild(derive, force=True).unchanged and derive.calls == 2


def test_a_rebuild_writes_the_difference(store):
    derive = Institutions()
    load(store, [document("a"), document("b")], derive)
    result = load(store, [document("c")], derive)
    assert (result.new_nodes, result.new_relationships) == (1, 2)
    assert (result.removed_nodes, result.removed_relationships) == (0, 0)
    assert sorted(store.to_networkx().nodes) == [
        "institution:a",
        "institution:b",
        "institution:c",
    ]


def test_partner_edges_are_stored_once_per_pair_whatever_the_direction(store):
    load(store, [document("a"), document("b")], Institutions())
    assert store.stats()["relationships"]["SIGNED_WITH"] == 1
    assert list(store.to_networkx().edges()) == [("institution:a", "institution:b")]


def test_a_failing_rebuild_leaves_the_graph_as_it_was_and_the_next_one_takes_it_in(store):
    load(store, [document("a")], Institutions())
    before = store.to_networkx()
    with pytest.raises(RuntimeError):
        load(store, [document("b")], Institutions(fail=True))
    assert canonical_dump(store.to_networkx()) == canonical_dump(before)
    assert [d.sha256 for d in store.documents()] == ["sha-a", "sha-b"]
    assert store.rebuild(Institutions()).new_nodes == 1


def test_one_file_under_two_names_is_one_document_named_by_the_first_in_order(store):
    load(store, [document("a", "z/a.yaml")], Institutions())
    load(store, [document("a", "b/a.yaml")], Institutions())
    assert [(d.sha256, d.source) for d in store.documents()] == [("sha-a", "b/a.yaml")]


def test_stats_lists_every_label_and_type_with_zeros(store):
    stats = store.stats()
    assert set(stats["nodes"]) == {str(label) for label in Label}
    assert set(stats["relationships"]) == {str(rel) for rel in RelType}
    assert not any(stats["nodes"].values())


def test_a_store_of_an_older_schema_is_a_clear_error(tmp_path):
    path = tmp_path / "old.db"
    SQLiteStore(path).close()
    import sqlite3

    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    with pytest.raises(StoreError, match="store schema 1, this educoop reads 2"):
        SQLiteStore(path)


def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("plain text, not SQLite " * 100)
    with pytest.raises(StoreError, match="not an educoop store"):
        SQLiteStore(path)


def test_a_missing_store_is_an_error_when_not_creating(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        SQLiteStore(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def test_a_replaced_view_is_freed_though_views_are_kept_from_the_collector(store):
    """Views are frozen out of the cycle collector's reach; a used view holds cycles
    (NetworkX's edge views point back at their graph), so one replaced must be collected
    before the next is frozen, or every change of the store would leak a whole view."""
    import gc
    import weakref

    derive = Institutions()
    load(store, [document("a"), document("b")], derive)
    view = store.to_networkx()
    list(view.out_edges(data=True))  # the cached edge view: a cycle through the graph
    old = weakref.ref(view)
    del view
    assert gc.get_freeze_count() > 0  # the view is frozen
    load(store, [document("c")], derive)
    assert "institution:c" in store.to_networkx()
    assert old() is None
