"""Incremental derivation equals a full one: a decision on an agreement (or one undone)
changes only that agreement, a new document that meets nothing stored is added alone
(tests/test_add_alone.py), and after any sequence of decisions, undos, merges, forgotten,
re-added and new documents, the store holds exactly what deriving everything from scratch
gives, on both stores. Decisions and undos must not derive the graph again."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from educoop import api, review
from educoop.errors import QueryError
from educoop.graph.check import canonical_dump
from educoop.graph.nxview import build_graph
from educoop.graph.stores.base import Change
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.loaders import derive as derive_module
from educoop.loaders.derive import derive

# A step: what to do, and numbers choosing which agreement, party, date or decision.
STEP = st.tuples(
    st.sampled_from(
        [
            "confirm",
            "reject",
            "date",
            "kind",
            "drop",
            "sides",
            "undo",
            "undo-first",
            "merge",
            "forget",
            "add",
            "add-one",
            "add-two",
            "registry",
        ]
    ),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
)
DATES = ["2023-06", "2021", "", "2024-02-29"]
# Documents to add one at a time: some are added alone, some meet the stored ones.
POOL = sorted((Path(__file__).parent / "data" / "incremental").glob("*.yaml"))
# A registry file to add, naming institutions of those documents.
REGISTRY = Path(__file__).parent / "data" / "incremental" / "registry" / "registry.yaml"
KINDS = ["exchange", "plan", "signed"]


def _derived(store):
    """The graph derived from nothing but the store's inputs."""
    return derive(
        store.documents(),
        store.review(),
        api.derivation_of(store).entries,
        decisions=store.decisions(),
    )


def _from_scratch(store) -> list[str]:
    """The canonical dump of the graph derived from nothing but the store's inputs."""
    graph = _derived(store)
    return canonical_dump(build_graph(graph.nodes.values(), graph.edges.values()))


def _agreements(store) -> list[str]:
    graph = store.to_networkx()
    return sorted(n for n, a in graph.nodes(data=True) if a.get("label") == "Agreement")


def _parties(store, agreement: str) -> list[str]:
    graph = store.to_networkx()
    return sorted(
        src for src, _, d in graph.in_edges(agreement, data=True) if d["type"] == "PARTY_TO"
    )


class Counting:
    """Counts the full derivations run while it is installed."""

    def __init__(self, monkeypatch) -> None:
        self.calls = 0

        def counted(*args, **kwargs):
            self.calls += 1
            return derive(*args, **kwargs)

        monkeypatch.setattr(derive_module, "derive", counted)


def _step(store, corpus: Path, step: tuple[str, int, int]) -> bool:
    """Take one step; True when it was a decision or an undo (which must not derive)."""
    action, a, b = step
    agreements = _agreements(store)
    decisions = store.decisions()
    if action in ("undo", "undo-first"):
        if not decisions:
            return False
        review.undo(store, None if action == "undo" else decisions[0].id)
        return True
    if action == "merge":
        pending = [item for item in store.review() if item.status == "pending"]
        if pending:
            api.decide(store, pending[a % len(pending)].id, accept=b % 2 == 0)
        return False
    if action == "forget":
        names = sorted(store.document_names().values())
        if len(names) > 1:
            api.forget(store, [names[a % len(names)]])
        return False
    if action == "add":
        api.ingest(store, [corpus])
        return False
    if action == "add-one":
        api.ingest(store, [POOL[a % len(POOL)]])
        return False
    if action == "registry":
        api.use_registries(store, [REGISTRY])
        return False
    if action == "add-two":
        api.ingest(store, sorted({POOL[a % len(POOL)], POOL[b % len(POOL)]}))
        return False
    if not agreements:
        return False
    agreement = agreements[a % len(agreements)]
    if action in ("confirm", "reject"):
        review.decide(store, agreement, action)
    elif action == "date":
        review.decide(store, agreement, "edit", date=DATES[b % len(DATES)])
    elif action == "kind":
        review.decide(store, agreement, "edit", kind=KINDS[b % len(KINDS)])
    else:
        parties = _parties(store, agreement)
        graph = store.to_networkx()
        names = [graph.nodes[p]["name"] for p in parties]
        if action == "drop" and len(parties) > 2:
            try:
                review.decide(store, agreement, "edit", drop=[names[b % len(names)]])
            except QueryError:
                return False  # it would leave a side empty: refused, and nothing changed
        elif action == "sides":
            others = sorted(
                n
                for n, attrs in graph.nodes(data=True)
                if attrs.get("label") == "Institution" and n not in parties
            )
            if not others:
                return False
            other = graph.nodes[others[b % len(others)]]["name"]
            review.decide(store, agreement, "edit", sides=[[names[0]], [other]])
        else:
            return False
    return True


def _run(store, corpus: Path, steps, monkeypatch) -> None:
    counting = Counting(monkeypatch)
    taken = 0
    for step in steps:
        before = counting.calls
        decided = _step(store, corpus, step)
        if decided:
            taken += 1
            assert counting.calls == before, f"{step[0]} derived the graph again"
        assert canonical_dump(store.to_networkx()) == _from_scratch(store), step
        # What it holds for the next decision is what a full derivation would hold, byte
        # for byte.
        assert store._held().to_json() == _derived(store).held.to_json(), step
    assert api.check(store) == []


@pytest.fixture(scope="module")
def corpus():
    folder = Path(tempfile.mkdtemp())
    shutil.copytree(api.demo_corpus(), folder / "demo")
    yield folder / "demo"
    shutil.rmtree(folder)


@pytest.fixture(scope="module")
def loaded(corpus, tmp_path_factory):
    """A demo store, ingested once: each example starts from a copy of it."""
    path = tmp_path_factory.mktemp("incremental") / "loaded.db"
    with SQLiteStore(path) as store:
        assert api.ingest(store, [corpus]).ok
    return path


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(STEP, min_size=1, max_size=8))
def test_the_embedded_store_after_any_steps_equals_a_full_derivation(
    steps, loaded, corpus, tmp_path, monkeypatch
):
    path = Path(tempfile.mkdtemp(dir=tmp_path)) / "store.db"
    shutil.copy(loaded, path)
    with SQLiteStore(path) as store:
        _run(store, corpus, steps, monkeypatch)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(STEP, min_size=1, max_size=6))
def test_neo4j_after_any_steps_equals_a_full_derivation(steps, neo4j_store, corpus, monkeypatch):
    store = neo4j_store
    store.clear()
    assert api.ingest(store, [corpus]).ok
    _run(store, corpus, steps, monkeypatch)


def test_a_decision_writes_only_its_agreement(tmp_path, corpus):
    with SQLiteStore(tmp_path / "one.db") as store:
        assert api.ingest(store, [corpus]).ok
        before = canonical_dump(store.to_networkx())
        agreement = _agreements(store)[0]
        _, rebuilt = review.decide(store, agreement, "reject")
        after = canonical_dump(store.to_networkx())
        gone = set(before) - set(after)
        assert gone and all(agreement in line for line in gone)
        assert set(after) <= set(before)
        assert rebuilt.removed_nodes == 1 and rebuilt.new_nodes == 0
        review.undo(store)
        assert canonical_dump(store.to_networkx()) == before


def test_a_store_without_held_agreements_derives_once_and_then_holds_them(tmp_path, corpus):
    with SQLiteStore(tmp_path / "old.db") as store:
        assert api.ingest(store, [corpus]).ok
        agreement = _agreements(store)[0]
        review.decide(store, agreement, "confirm")
        # As an educoop before held agreements left it.
        store._db.execute("DELETE FROM meta WHERE key = 'held'")
        assert store._held() is None
        review.decide(store, agreement, "reject")
        assert store._held() is not None
        assert canonical_dump(store.to_networkx()) == _from_scratch(store)
        review.undo(store)
        assert canonical_dump(store.to_networkx()) == _from_scratch(store)


def test_only_a_change_of_decisions_alone_is_incremental():
    assert Change(decisions=()).decisions_only
    assert not Change(decisions=(), forget=frozenset({"a"})).decisions_only
    assert not Change(review=()).decisions_only
    assert not Change().decisions_only


def test_a_decision_reads_its_agreement_not_the_whole_graph(tmp_path, corpus):
    path = tmp_path / "cold.db"
    with SQLiteStore(path) as store:
        assert api.ingest(store, [corpus]).ok
        agreement = _agreements(store)[0]
        named = store.named()
    with SQLiteStore(path) as cold:  # a new process, as the CLI is: no view loaded
        assert cold.named() == named  # the names, read without the view
        review.decide(cold, agreement[len("agreement:") : len("agreement:") + 8], "confirm")
        review.decide(cold, agreement, "edit", date="2020")
        assert cold._view is None
        assert canonical_dump(cold.to_networkx()) == _from_scratch(cold)


@pytest.mark.parametrize("kind", ["sqlite", "neo4j"])
def test_an_agreement_s_small_graph_shows_it_as_the_whole_graph_does(kind, request, corpus):
    from educoop.graph.evidence import agreement_view

    if kind == "sqlite":
        store = SQLiteStore(request.getfixturevalue("tmp_path") / "small.db")
    else:
        store = request.getfixturevalue("neo4j_store")
        store.clear()
    assert api.ingest(store, [corpus]).ok
    whole = store.to_networkx()
    agreements = _agreements(store)
    assert len(agreements) > 20
    for agreement in agreements:
        assert agreement_view(store.agreement_graph([agreement]), agreement) == agreement_view(
            whole, agreement
        )
    assert store.agreement_ids(agreements[0][:16]) == [
        a for a in agreements if a.startswith(agreements[0][:16])
    ]
