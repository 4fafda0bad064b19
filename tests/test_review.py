"""The review loop: agreements read from articles carry a confidence and wait in a queue; a
person's decision (confirm, reject, edit) is kept in the store, applied by every
derivation, so it survives rebuild, ingesting the article again and sync, on both stores;
undo brings back what the articles say. ``--confirmed`` keeps what a person stands behind."""

from __future__ import annotations

import json

import pytest

from educoop import api, review
from educoop.analysis.network import Filters
from educoop.errors import QueryError
from educoop.graph.check import canonical_dump
from educoop.graph.stores.sqlite import SQLiteStore
from tests.conftest import DATA

ARTICLE = DATA / "articles" / "fukuoka-busan-sister-schools.md"
BOARD = "Fukuoka City Board of Education"
OFFICE = "Busan Metropolitan City Office of Education"


def _partners(store, name: str, **params: str) -> list[str]:
    return [row["partner"] for row in api.query(store, "partners", {"name": name, **params})]


def _agreement_between(store, a: str, b: str) -> str:
    graph = store.to_networkx()
    ids = {
        node
        for node, attrs in graph.nodes(data=True)
        if attrs.get("label") == "Agreement"
        and {graph.nodes[p].get("name") for p, _ in graph.in_edges(node)} >= {a, b}
    }
    [found] = ids
    return found


def test_every_extracted_agreement_has_a_confidence_and_a_person_s_record_none(store):
    records = api.load(ARTICLE).records
    scores = [agreement.confidence for agreement in records.agreements]
    assert scores and all(score is not None and 0 < score <= 1 for score in scores)
    assert api.ingest(store, [ARTICLE, DATA / "small.yaml"]).ok
    graph = store.to_networkx()
    agreements = [a for _, a in graph.nodes(data=True) if a.get("label") == "Agreement"]
    from_articles = [a for a in agreements if "confidence" in a]
    from_records = [a for a in agreements if "confidence" not in a]
    assert from_articles and from_records
    assert not any(a["confirmed"] for a in from_articles)
    assert all(a["confirmed"] for a in from_records)


def test_the_queue_is_lowest_confidence_first_and_leaves_out_decided_ones(store):
    assert api.ingest(store, [DATA / "articles"]).ok
    waiting = review.queue(store)
    scores = [view.confidence for view in waiting.agreements]
    assert scores == sorted(scores) and len(scores) == waiting.total > 5
    first = waiting.agreements[0]
    assert first.reports and first.reports[0].evidence
    review.decide(store, first.id, "confirm")
    after = review.queue(store, limit=3)
    assert after.total == waiting.total - 1 and len(after.agreements) == 3
    assert first.id not in [view.id for view in after.agreements]


def test_a_rejection_lasts_through_rebuild_and_reingest_and_undo_brings_it_back(either):
    assert api.ingest(either, [ARTICLE]).ok
    before = canonical_dump(either.to_networkx())
    before_degrees = {row["name"]: row["degree"] for row in api.report(either, "centrality").rows}
    assert OFFICE in _partners(either, BOARD)
    agreement = _agreement_between(either, BOARD, OFFICE)
    decision, _ = review.decide(either, agreement[len("agreement:") :][:8], "reject", note="no")
    assert decision.action == "reject" and OFFICE in (decision.about or "")
    assert OFFICE not in _partners(either, BOARD)
    degrees = {row["name"]: row["degree"] for row in api.report(either, "centrality").rows}
    # Their only link was this agreement: both leave the network.
    assert {BOARD, OFFICE} <= before_degrees.keys() and not {BOARD, OFFICE} & degrees.keys()
    api.rebuild(either)
    assert OFFICE not in _partners(either, BOARD)
    assert api.ingest(either, [ARTICLE]).ok  # the same article again
    assert OFFICE not in _partners(either, BOARD)
    undone, _ = review.undo(either)
    assert undone.id == decision.id and either.decisions() == []
    assert canonical_dump(either.to_networkx()) == before


def test_an_edit_changes_date_and_sides_and_confirms(either):
    assert api.ingest(either, [ARTICLE]).ok
    agreement = _agreement_between(either, BOARD, OFFICE)
    assert _partners(either, BOARD, confirmed="yes") == []
    review.decide(either, agreement, "edit", date="2023-11", sides=[[BOARD], ["Busan"]])
    rows = api.query(either, "partners", {"name": BOARD, "confirmed": "yes"})
    assert [(row["partner"], row["first"]) for row in rows] == [("Busan", "2023-11")]
    assert OFFICE not in _partners(either, BOARD)
    assert api.check(either) == []
    # A later decision on the same agreement replaces the earlier one.
    review.decide(either, agreement, "reject")
    assert _partners(either, BOARD) == [] or "Busan" not in _partners(either, BOARD)
    review.undo(either)
    assert "Busan" in _partners(either, BOARD, confirmed="yes")


def test_a_decision_waits_while_its_article_is_forgotten(store):
    assert api.ingest(store, [ARTICLE]).ok
    agreement = _agreement_between(store, BOARD, OFFICE)
    review.decide(store, agreement, "reject")
    api.forget(store, [str(ARTICLE)])
    assert len(store.decisions()) == 1
    assert api.ingest(store, [ARTICLE]).ok
    assert OFFICE not in _partners(store, BOARD)


def test_decisions_travel_with_sync(store, neo4j_store):
    neo4j_store.clear()
    assert api.ingest(store, [ARTICLE]).ok
    review.decide(store, _agreement_between(store, BOARD, OFFICE), "reject")
    api.sync(store, neo4j_store)
    assert neo4j_store.decisions() == store.decisions()
    assert OFFICE not in _partners(neo4j_store, BOARD)
    assert canonical_dump(neo4j_store.to_networkx()) == canonical_dump(store.to_networkx())


def test_wrong_values_are_one_line_naming_the_allowed(store):
    assert api.ingest(store, [ARTICLE]).ok
    agreement = _agreement_between(store, BOARD, OFFICE)
    with pytest.raises(QueryError, match="decisions: confirm, reject, edit"):
        review.decide(store, agreement, "approve")
    with pytest.raises(QueryError, match="kinds: signed, paired"):
        review.decide(store, agreement, "edit", kind="twinned")
    with pytest.raises(QueryError, match="did you mean: Fukuoka City Board of Education"):
        review.decide(
            store, agreement, "edit", sides=[["Fukuoka City Bord of Education"], [OFFICE]]
        )
    with pytest.raises(QueryError, match="two sides"):
        review.decide(store, agreement, "edit", drop=[BOARD])
    with pytest.raises(QueryError, match="no agreement"):
        review.decide(store, "ffffffffff", "reject")
    assert store.decisions() == []


def test_the_cli_lists_decides_and_undoes(run_cli):
    assert run_cli("ingest", str(ARTICLE)).exit_code == 0
    listed = json.loads(run_cli("review", "list", "--format", "json").output)
    first = listed["agreements"][0]
    scores = [row["confidence"] for row in listed["agreements"]]
    assert scores == sorted(scores)
    rejected = run_cli("review", "reject", first["agreement"], "--note", "a visit")
    assert rejected.exit_code == 0, rejected.output
    assert rejected.output.startswith("decision 1: reject ")
    decided = json.loads(run_cli("review", "list", "--decided", "--format", "json").output)
    assert [(row["decision"], row["note"]) for row in decided["agreements"]] == [(1, "a visit")]
    wrong = run_cli("review", "undo", "7")
    assert (
        wrong.exit_code == 1
        and wrong.output.strip() == "Error: no decision 7 (see educoop review list --decided)"
    )
    assert run_cli("review", "undo").output.startswith("undone decision 1: reject ")
    empty = run_cli("review", "undo")
    assert empty.exit_code == 1 and empty.output.strip() == "Error: no decision to undo"


def test_reports_limited_to_confirmed_agreements_count_what_a_person_confirmed(store):
    assert api.ingest(store, [ARTICLE, DATA / "small.yaml"]).ok
    confirmed = Filters(confirmed=True)

    def names(filters: Filters | None = None) -> set[str]:
        return {row["name"] for row in api.report(store, "centrality", filters=filters).rows}

    assert {BOARD, OFFICE} <= names() and not {BOARD, OFFICE} & names(confirmed)
    assert names(confirmed)  # the record file's agreements stay
    review.decide(store, _agreement_between(store, BOARD, OFFICE), "confirm")
    assert {BOARD, OFFICE} <= names(confirmed)
    report = api.report(store, "centrality", filters=confirmed)
    assert any("confirmed only" in note for note in report.notes)


@pytest.fixture
def demo(tmp_path):
    with SQLiteStore(tmp_path / "demo.db") as store:
        assert api.ingest(store, [api.demo_corpus()]).ok
        yield store


def _props(store, agreement: str) -> dict:
    return dict(store.to_networkx().nodes[agreement])


def test_edits_add_up_and_a_confirmation_keeps_them(demo):
    agreement = _agreement_between(demo, "Tung Wah College", "Kiang Wu Nursing College of Macau")
    review.decide(demo, agreement, "edit", date="2023-06")
    review.decide(demo, agreement, "edit", kind="exchange")
    review.decide(demo, agreement, "confirm")
    props = _props(demo, agreement)
    assert (props["date"], props["kind"], props["decided"], props["confirmed"]) == (
        "2023-06",
        "exchange",
        "edit",
        True,
    )
    review.undo(demo)
    review.undo(demo)  # the kind's edit: the date's stays
    assert (_props(demo, agreement)["date"], _props(demo, agreement)["kind"]) == (
        "2023-06",
        "signed",
    )


def test_an_edit_names_a_merged_institution_as_the_one_it_became(demo):
    agreement = _agreement_between(demo, "Shenzhen Experimental School", "Hou Kong Middle School")
    decision, _ = review.decide(
        demo,
        agreement,
        "edit",
        sides=[["Shenzhen Experimental School"], ["Hou Kong Middle School"]],
    )
    [item] = [i for i in api.review(demo) if i.name == "Shenzhen Experimental School"]
    api.decide(demo, item.id, accept=True)
    # The merge gave the agreement's party, and so the agreement, another id: the decision
    # finds it by its report (which of the article's agreements it was).
    graph = demo.to_networkx()
    [props] = [a for _, a in graph.nodes(data=True) if a.get("decision") == decision.id]
    assert agreement not in graph
    assert props["decided"] == "edit" and props["confirmed"] is True
    assert "Hou Kong Middle School" in _partners(demo, item.candidate_name, confirmed="yes")
    assert api.check(demo) == []


def test_a_party_to_drop_must_be_on_the_agreement_and_a_date_a_date(demo):
    agreement = _agreement_between(demo, "Tung Wah College", "Kiang Wu Nursing College of Macau")
    with pytest.raises(QueryError, match="institution:jiangmen-central-hospital is not a party to"):
        review.decide(demo, agreement, "edit", drop=["Jiangmen Central Hospital"])
    with pytest.raises(QueryError, match="date: "):
        review.decide(demo, agreement, "edit", date="2023-13")
    assert demo.decisions() == []


def test_a_decision_taken_meanwhile_is_never_overwritten(tmp_path):
    """Two analysts on one store: B decides while A's decision is being derived. A's write
    finds the decisions changed and refuses, rather than write its stale list over B's."""
    from educoop.errors import StoreError
    from educoop.loaders.derive import Derivation

    path = tmp_path / "shared.db"
    with SQLiteStore(path) as first:
        assert api.ingest(first, [api.demo_corpus()]).ok
        agreement = _agreement_between(
            first, "Tung Wah College", "Kiang Wu Nursing College of Macau"
        )
    with SQLiteStore(path) as a, SQLiteStore(path) as b:
        other = _agreement_between(b, "Hou Kong Middle School", "Shenzhen Experimental School")

        class Meanwhile(Derivation):
            """B decides while A's change is worked out: fully or on its agreement alone."""

            def derive(self, documents, review_items, decisions=()):
                if not b.decisions():
                    review.decide(b, other, "reject")
                return super().derive(documents, review_items, decisions)

            def redecide(self, held, before, after, review_items, read):
                if not b.decisions():
                    review.decide(b, other, "reject")
                return super().redecide(held, before, after, review_items, read)

        decisions = a.decisions()
        change = review.Change(
            "confirm", decisions=(*decisions, review.Decision(1, agreement, "confirm"))
        )
        with pytest.raises(StoreError, match="another review decision was taken"):
            a.rebuild(Meanwhile(), change=change)
        assert [d.agreement for d in a.decisions()] == [other]


def test_decided_rows_have_the_same_columns_for_csv(run_cli):
    assert run_cli("ingest", str(ARTICLE)).exit_code == 0
    listed = json.loads(run_cli("review", "list", "--format", "json").output)["agreements"]
    run_cli("review", "reject", listed[0]["agreement"])
    run_cli("review", "edit", listed[1]["agreement"], "--date", "2023-11")
    table = run_cli("review", "list", "--decided", "--format", "csv")
    assert (
        table.exit_code == 0
        and table.output.splitlines()[0] == "decision,action,agreement,about,note,kind,date,sides"
    )
