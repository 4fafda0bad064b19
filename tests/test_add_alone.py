"""One new document is added alone (its rows written, nothing derived again) when it changes
nothing the stored documents resolve to, and the graph is then the one a full derivation
gives, on both stores; a document that meets the stored ones derives the graph again. A
name rejected in review changes no row, and derives nothing.

The documents (tests/data/incremental) are added to a store holding the demo corpus."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from educoop import api, review
from educoop.graph.check import canonical_dump
from educoop.graph.stores.sqlite import SQLiteStore
from tests.test_incremental import Counting, _agreements, _derived, _from_scratch, _parties

DATA = Path(__file__).parent / "data" / "incremental"

# What each document meets among the demo corpus's: nothing, so it is added alone; or what
# makes the store derive again.
ALONE = [
    "new-institutions.yaml",  # new institutions in new places
    "known-name.yaml",  # a registry's institution by its name, with a new partner
    "chinese-name.yaml",  # a stored institution's first Chinese name
    "stored-name.yaml",  # a document's institution by its name, kind and place
    "regions-only.yaml",  # a plan between two provinces
    "declared-places.yaml",  # new institutions, a new place and a stored one declared
    "place-alias.yaml",  # a stored place given a name of the document's own
    "shared-places-plan.yaml",  # a plan between two stored places
]
DERIVED = [
    "other-kind.yaml",  # a document's institution under its name, of another kind
    "near-name.yaml",  # a name the fuzzy rule merges into a stored one
    "first-place.yaml",  # the first place of one no document placed
]


@pytest.fixture(params=["sqlite", "neo4j"])
def demo_store(request, tmp_path):
    if request.param == "sqlite":
        store = SQLiteStore(tmp_path / "demo.db")
    else:
        store = request.getfixturevalue("neo4j_store")
        store.clear()
    assert api.ingest(store, [api.demo_corpus()]).ok
    return store


@pytest.mark.parametrize("name", ALONE + DERIVED)
def test_a_document_is_added_alone_only_when_it_meets_nothing(name, demo_store, monkeypatch):
    store = demo_store
    before = canonical_dump(store.to_networkx())
    counting = Counting(monkeypatch)
    result = api.ingest(store, [DATA / name])
    assert result.ok
    assert counting.calls == (0 if name in ALONE else 1), name
    after = canonical_dump(store.to_networkx())
    assert after == _from_scratch(store)
    assert store._held().to_json() == _derived(store).held.to_json()
    if name in ALONE:
        # Alone, a document only adds: a stored node at most gains a name.
        changed = set(before) - set(after)
        labels = ('"label": "Institution"', '"label": "Region"')
        assert all(any(label in line for label in labels) for line in changed), changed
        places = [line for line in changed if '"label": "Region"' in line]
        assert len(places) == (1 if name == "place-alias.yaml" else 0), changed
        assert len(after) > len(before)
    assert api.check(store) == []
    # The document is admitted: the next ingest of nothing new finds the graph current.
    assert all(document.admitted for document in store.documents())
    assert api.ingest(store, [DATA / name]).ok
    assert counting.calls == (0 if name in ALONE else 1)


def test_a_second_report_of_a_signing_added_alone_derives_again(demo_store, monkeypatch):
    store = demo_store
    counting = Counting(monkeypatch)
    assert api.ingest(store, [DATA / "known-name.yaml"]).ok
    assert counting.calls == 0
    assert api.ingest(store, [DATA / "same-signing.yaml"]).ok
    assert counting.calls == 1
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)
    agreements = [
        node
        for node, attrs in store.to_networkx().nodes(data=True)
        if attrs.get("label") == "Agreement" and attrs.get("date") == "2024-05-28"
    ]
    assert len(agreements) == 1  # the two reports met in one agreement, finely dated


def test_documents_added_alone_in_any_order_give_the_same_graph(tmp_path, monkeypatch):
    dumps = []
    for order in (ALONE, list(reversed(ALONE))):
        with SQLiteStore(tmp_path / f"{len(dumps)}.db") as store:
            assert api.ingest(store, [api.demo_corpus()]).ok
            counting = Counting(monkeypatch)
            for name in order:
                assert api.ingest(store, [DATA / name]).ok
            dumps.append(canonical_dump(store.to_networkx()))
            assert dumps[-1] == _from_scratch(store)
            # Each was added alone but for the ones a document before it already touched.
            assert counting.calls < len(order)
    assert dumps[0] == dumps[1]


def test_several_new_documents_in_one_ingest_are_added_alone_in_turn(demo_store, monkeypatch):
    store = demo_store
    counting = Counting(monkeypatch)
    result = api.ingest(store, [DATA / name for name in ALONE])
    assert result.ok
    assert counting.calls == 0
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)
    assert store._held().to_json() == _derived(store).held.to_json()
    assert all(document.admitted for document in store.documents())


def test_new_documents_of_which_one_meets_the_stored_ones_derive_once(demo_store, monkeypatch):
    store = demo_store
    counting = Counting(monkeypatch)
    names = ["new-institutions.yaml", "near-name.yaml", "regions-only.yaml"]
    assert api.ingest(store, [DATA / name for name in names]).ok
    assert counting.calls == 1
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)
    assert store._held().to_json() == _derived(store).held.to_json()
    assert all(document.admitted for document in store.documents())


def test_documents_added_and_forgotten_under_a_registry_file_equal_a_full_derivation(
    demo_store, monkeypatch
):
    store = demo_store
    api.use_registries(store, [DATA / "registry" / "registry.yaml"])
    counting = Counting(monkeypatch)
    for name in ALONE + DERIVED:
        assert api.ingest(store, [DATA / name]).ok
        assert canonical_dump(store.to_networkx()) == _from_scratch(store), name
    added = counting.calls
    assert added < len(ALONE + DERIVED)  # the registry's names did not stop every one
    for name in ["declared-places.yaml", "new-institutions.yaml", "known-name.yaml"]:
        api.forget(store, [str(DATA / name)])
        assert canonical_dump(store.to_networkx()) == _from_scratch(store), name
    assert store._held().to_json() == _derived(store).held.to_json()
    assert api.check(store) == []


def test_a_name_rejected_changes_no_row_and_derives_nothing(demo_store, monkeypatch):
    store = demo_store
    before = canonical_dump(store.to_networkx())
    pending = [item for item in store.review() if item.status == "pending"]
    assert len(pending) >= 2
    counting = Counting(monkeypatch)
    item, rebuilt = api.decide(store, pending[0].id, accept=False)
    assert item.status == "rejected" and rebuilt.unchanged
    assert counting.calls == 0
    assert [i.status for i in store.review() if i.id == pending[0].id] == ["rejected"]
    assert canonical_dump(store.to_networkx()) == before == _from_scratch(store)
    # The graph is current under the new list: nothing is derived on the next ingest.
    assert api.ingest(store, [api.demo_corpus()]).ok
    assert counting.calls == 0
    # Accepting one merges two institutions: that derives.
    api.decide(store, pending[1].id, accept=True)
    assert counting.calls == 1
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)


# Of the documents added alone, those that share no institution with the demo corpus (its
# places may be shared: they stay, if the document gave them no name) are forgotten alone.
FORGOTTEN_ALONE = [
    "new-institutions.yaml",
    "regions-only.yaml",
    "declared-places.yaml",
    "shared-places-plan.yaml",
]


@pytest.mark.parametrize("name", ALONE)
def test_a_document_that_shares_nothing_is_forgotten_alone(name, demo_store, monkeypatch):
    store = demo_store
    before = canonical_dump(store.to_networkx())
    assert api.ingest(store, [DATA / name]).ok
    counting = Counting(monkeypatch)
    api.forget(store, [str(DATA / name)])
    assert counting.calls == (0 if name in FORGOTTEN_ALONE else 1), name
    assert canonical_dump(store.to_networkx()) == before == _from_scratch(store)
    assert api.check(store) == []


def test_a_document_that_shares_its_institutions_is_forgotten_by_a_derivation(
    demo_store, tmp_path, monkeypatch
):
    store = demo_store
    first = DATA / "new-institutions.yaml"
    assert api.ingest(store, [first]).ok
    # Another document names the same two institutions: neither may go with the first.
    again = tmp_path / "again.yaml"
    text = first.read_text("utf-8").replace("2023-03", "2019-03").replace("Two new", "Old")
    again.write_text(text, "utf-8")
    assert api.ingest(store, [again]).ok
    counting = Counting(monkeypatch)
    api.forget(store, [str(first)])
    assert counting.calls == 1
    dump = canonical_dump(store.to_networkx())
    assert dump == _from_scratch(store)
    assert any("Qinling Forestry Academy" in line for line in dump)


def _first_in_order(folder: Path, name: str, text: str, other: Path, first: bool = True) -> Path:
    """The record file ``text`` as ``name``, a comment varied until its sha256 sorts
    before ``other``'s (after it, unless ``first``): it comes first (last) in the
    derivation."""
    target = hashlib.sha256(other.read_bytes()).hexdigest()
    for number in range(10_000):
        path = folder / name
        path.write_text(f"{text}# {number}\n", "utf-8")
        if (hashlib.sha256(path.read_bytes()).hexdigest() < target) == first:
            return path
    raise AssertionError("no sha256 on that side of the other's")  # pragma: no cover


def _soochow_harbin(title: str, *reports: tuple[str, float | None]) -> str:
    """A record file reporting the signing of known-name.yaml once per (date, confidence)."""
    agreements = "".join(
        "  - {sides: [[Soochow University], [Harbin Ice Arts Institute]], kind: signed, "
        f"date: {date}, evidence: They signed."
        + ("" if confidence is None else f", confidence: {confidence}")
        + "}\n"
        for date, confidence in reports
    )
    return (
        f'document: {{title: "Soochow and Harbin, {title}"}}\n'
        "institutions:\n"
        "  - {name: Soochow University, region: Suzhou, kind: university}\n"
        "  - {name: Harbin Ice Arts Institute, region: Harbin, kind: college}\n"
        f"agreements:\n{agreements}"
    )


@pytest.mark.parametrize(
    ("first", "second"),
    [(0.9, 0.5), (None, 0.7), (0.7, None)],
    ids=["best-first", "person-first", "person-second"],
)
def test_a_second_report_is_rated_with_the_first(first, second, demo_store, tmp_path, monkeypatch):
    # An agreement takes its best report's confidence, and none when a person's record
    # reports it (then it is confirmed): a report added alone keeps that so.
    store = demo_store

    one = tmp_path / "one.yaml"
    one.write_text(_soochow_harbin("rated", ("2024-05", first)), "utf-8")
    assert api.ingest(store, [one]).ok
    text = _soochow_harbin("rated", ("2024-05", second))
    two = _first_in_order(tmp_path, "two.yaml", text, one, False)
    counting = Counting(monkeypatch)
    assert api.ingest(store, [two]).ok
    assert counting.calls == 0
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)
    api.forget(store, [str(two)])
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)


@pytest.mark.parametrize(
    ("stored", "again"),
    [(["2023"], "2024"), (["2023", "2024"], "2023-05")],
    ids=["a-new-date", "one-of-two"],
)
def test_a_report_of_a_stored_signing_that_joins_not_every_agreement_of_it(
    stored, again, demo_store, tmp_path, monkeypatch
):
    # The signing is stored with dates the new report's overlaps not (or overlaps one of
    # two): it starts its own agreement, or joins one, and the others stay as they were.
    store = demo_store

    first = tmp_path / "first.yaml"
    first.write_text(_soochow_harbin("before", *((date, None) for date in stored)), "utf-8")
    assert api.ingest(store, [first]).ok
    text = _soochow_harbin("again", (again, None))
    second = _first_in_order(tmp_path, "second.yaml", text, first, first=False)
    counting = Counting(monkeypatch)
    assert api.ingest(store, [second]).ok
    assert counting.calls == 0
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)
    assert store._held().to_json() == _derived(store).held.to_json()


@pytest.mark.parametrize(
    ("date", "last", "alone"),
    [
        ("2024-05-30", True, True),  # a finer date, coming after the first report
        ("2024", True, True),  # a coarser one
        ("2024-05-30", False, False),  # coming first, it would give the agreement its id
    ],
)
def test_a_second_report_of_a_signing_coming_after_the_first_is_added_alone(
    date, last, alone, demo_store, tmp_path, monkeypatch
):
    store = demo_store
    first = DATA / "known-name.yaml"
    assert api.ingest(store, [first]).ok
    text = _soochow_harbin("once more", (date, None))
    again = _first_in_order(tmp_path, "again.yaml", text, first, first=not last)
    counting = Counting(monkeypatch)
    assert api.ingest(store, [again]).ok
    assert counting.calls == (0 if alone else 1)
    graph = store.to_networkx()
    assert canonical_dump(graph) == _from_scratch(store)
    assert store._held().to_json() == _derived(store).held.to_json()
    harbin = next(
        n for n, a in graph.nodes(data=True) if a.get("name") == "Harbin Ice Arts Institute"
    )
    signed = [dst for _, dst, rel in graph.out_edges(harbin, data="type") if rel == "PARTY_TO"]
    # One agreement, reported twice, with the finer date of the two.
    finer = "2024-05-30" if date == "2024-05-30" else "2024-05"
    assert [graph.nodes[a]["date"] for a in signed] == [finer]
    reports = [d for _, d, rel in graph.out_edges(signed[0], data="type") if rel == "REPORTED_IN"]
    assert len(reports) == 2
    api.forget(store, [str(again)])
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)


STORED = """document: {{title: Stored}}
institutions:
  - {{name: {name}, {region}kind: college}}
  - {{name: Quuxley Middle School, region: Guangzhou, kind: school}}
agreements:
  - {{sides: [[{name}], [Quuxley Middle School]], kind: signed, date: 2020, evidence: A.}}
"""
NEW = """document: {{title: New}}
institutions:
  - {{name: {name}, {region}kind: college}}
  - {{name: Frobnitz Primary School, region: Shenzhen, kind: school}}
agreements:
  - {{sides: [[{name}], [Frobnitz Primary School]], kind: signed, date: 2021, evidence: B.}}
"""


@pytest.mark.parametrize(
    ("stored", "new"),
    [
        # Coming first, the new document's finer place would be the stored one's too.
        (("Zorblax Polytechnic College", "region: Guangdong, "), ("", "region: Shenzhen, ")),
        # Coming first, it would place the institution the stored document leaves unplaced.
        (("Zorblax Polytechnic College", ""), ("", "region: Lhasa, ")),
        # An all-capitals name (an acronym to the rules) that the stored name fuzzily meets.
        (("Zhuhai Polyt", "region: Zhuhai, "), ("ZHUHAI POLY", "region: Zhuhai, ")),
    ],
)
def test_a_document_that_would_change_a_stored_one_coming_first_derives(
    stored, new, tmp_path, monkeypatch
):
    first = tmp_path / "stored.yaml"
    first.write_text(STORED.format(name=stored[0], region=stored[1]), "utf-8")
    text = NEW.format(name=new[0] or stored[0], region=new[1])
    second = _first_in_order(tmp_path, "new.yaml", text, first)
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [first]).ok
        counting = Counting(monkeypatch)
        assert api.ingest(store, [second]).ok
        assert counting.calls == 1
        assert canonical_dump(store.to_networkx()) == _from_scratch(store)


def test_an_edit_naming_a_party_of_the_document_keeps_it_from_going_alone(demo_store, monkeypatch):
    store = demo_store
    document = DATA / "new-institutions.yaml"
    assert api.ingest(store, [document]).ok
    agreement = _agreements(store)[0]
    first = store.to_networkx().nodes[_parties(store, agreement)[0]]["name"]
    review.decide(store, agreement, "edit", sides=[[first], ["Qinling Forestry Academy"]])
    counting = Counting(monkeypatch)
    api.forget(store, [str(document)])  # the edit now waits for its party
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)
    assert api.ingest(store, [document]).ok  # and applies again
    assert counting.calls == 2
    assert canonical_dump(store.to_networkx()) == _from_scratch(store)


def _pair(title: str, region: str, date: object, a: str, b: str, kind: str = "college") -> str:
    """A record file of one signing between ``a`` (of ``kind``) and the school ``b``."""
    return (
        f"document: {{title: {title}}}\n"
        "institutions:\n"
        f"  - {{name: {a}, region: {region}, kind: {kind}}}\n"
        f"  - {{name: {b}, region: {region}, kind: school}}\n"
        "agreements:\n"
        f"  - {{sides: [[{a}], [{b}]], kind: signed, date: {date}, evidence: They signed.}}\n"
    )


def test_a_report_of_a_rejected_signing_derives_and_stays_rejected(tmp_path, monkeypatch):
    names = {"a": "Zorblax Polytechnic College", "b": "Quuxley Middle School"}
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(_pair("A", "Guangzhou", "2024-05", **names))
    second.write_text(_pair("B", "Guangzhou", "2024-05-03", **names))
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [first]).ok
        review.decide(store, _agreements(store)[0], "reject")
        counting = Counting(monkeypatch)
        assert api.ingest(store, [second]).ok
        assert counting.calls == 1
        assert canonical_dump(store.to_networkx()) == _from_scratch(store)
        assert _agreements(store) == []  # the second report joined the rejected one


def test_an_edit_naming_a_party_merged_into_the_document_s_derives(tmp_path, monkeypatch):
    college, other = tmp_path / "college.yaml", tmp_path / "other.yaml"
    pair = tmp_path / "pair.yaml"
    college.write_text(
        _pair("P", "Guangzhou", 2020, "Zorblax Polytechnic College", "Quuxley Middle School")
    )
    other.write_text(
        _pair("Q", "Guangzhou", 2021, "Zorblix Polytechnik Colleg", "Frobnitz Primary School")
    )
    pair.write_text(_pair("S", "Xi'an", 2022, "Wibble Alpha College", "Wobble Beta School"))
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [college, other, pair]).ok
        (item,) = [item for item in store.review() if item.status == "pending"]
        edited = next(
            a
            for a in _agreements(store)
            if "institution:wibble-alpha-college" in _parties(store, a)
        )
        review.decide(
            store, edited, "edit", sides=[["Zorblax Polytechnic College"], ["Wobble Beta School"]]
        )
        api.decide(store, item.id, accept=True)
        api.forget(store, [str(other)])
        api.forget(store, [str(college)])  # the edit waits for its party
        counting = Counting(monkeypatch)
        assert api.ingest(store, [other]).ok
        assert counting.calls == 1
        assert canonical_dump(store.to_networkx()) == _from_scratch(store)


def test_a_name_that_would_match_a_stored_record_better_derives(tmp_path, monkeypatch):
    stored = tmp_path / "stored.yaml"
    stored.write_text(
        _pair("A", "Hefei", 2020, "Anhui Universty", "Quuxley Middle School", "university")
    )
    text = _pair(
        "C", "Hefei", 2022, "Anhui University", "Wibble Primary School", "university"
    ).replace("{name: Anhui University,", "{name: Anhui University, aliases: [Anhui Universty],")
    new = _first_in_order(tmp_path, "new.yaml", text, stored)
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [stored]).ok
        counting = Counting(monkeypatch)
        assert api.ingest(store, [new]).ok  # coming first, its alias is an exact match
        assert counting.calls == 1
        assert canonical_dump(store.to_networkx()) == _from_scratch(store)
