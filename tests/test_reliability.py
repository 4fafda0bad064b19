"""Reliability: a whole store passes `educoop check`, a damaged one does not, and loading
the same inputs again leaves a store byte-for-byte the same (canonical dumps)."""

import sqlite3

from educoop import api
from educoop.graph.check import canonical_dump
from tests.conftest import DATA, SEEDS

CORPUS = [
    *sorted(p for p in (DATA / "articles").iterdir() if p.name != "README.md"),
    DATA / "small.yaml",
    *sorted(SEEDS.glob("*")),
]


def test_a_store_of_every_corpus_is_whole_and_loading_it_again_changes_nothing(store):
    report = api.ingest(store, [p for p in CORPUS if p.name != "README.md"])
    assert report.ok, report.failed
    assert api.check(store) == []
    first = canonical_dump(store.to_networkx())
    again = api.ingest(store, [p for p in CORPUS if p.name != "README.md"])
    assert all(w.new_nodes == 0 and w.new_relationships == 0 for w in again.written)
    assert canonical_dump(store.to_networkx()) == first


def test_check_finds_what_is_broken(store, run_cli):
    assert api.ingest(store, [DATA / "small.yaml"]).ok
    assert run_cli(store, "check").output.strip() == "ok"
    db = sqlite3.connect(store.location)
    with db:
        # An agreement loses a party, and a relationship points at a node that is gone.
        db.execute(
            "DELETE FROM edges WHERE type = 'PARTY_TO' AND src = 'institution:alpha-university'"
        )
        db.execute("DELETE FROM nodes WHERE id = 'institution:delta-institute'")
    db.close()
    result = run_cli(store, "check")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "institution:delta-institute: a relationship points at a node that is not stored" in lines
    )
    assert any("partner link not matching the sides of" in line for line in lines)


def test_two_reports_in_opposite_side_order_give_each_party_one_side(store, tmp_path):
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    parties = "institutions: [{name: Alpha College, region: Foshan}, {name: Beta School, region: Foshan}]\n"
    first.write_text(
        parties
        + "agreements: [{sides: [[Alpha College], [Beta School]], kind: signed, date: 2024}]\n"
    )
    second.write_text(
        parties
        + "agreements: [{sides: [[Beta School], [Alpha College]], kind: signed, date: 2024-05}]\n"
    )
    assert api.ingest(store, [first, second]).ok
    assert store.stats()["nodes"]["Agreement"] == 1
    assert api.check(store) == []
