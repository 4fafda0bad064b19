"""The review loop: what needs a person's eye, and the decisions people take on it.

Agreements read from articles wait in a queue, lowest confidence first. A person confirms
one, rejects it (not an agreement, or not between these parties), or edits its sides, kind
or date. Each decision is kept in the store and applied by every derivation
(``educoop.loaders.decisions``), so it survives re-ingest, ``rebuild`` and ``sync``; undoing
it removes it. Names that may be known institutions (``educoop resolve``) are the queue's
other part.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import networkx as nx

from educoop.api import derivation_of
from educoop.errors import QueryError, StoreError
from educoop.graph.evidence import AgreementView, agreement_view
from educoop.graph.lookup import find
from educoop.graph.model import AgreementKind, PartialDate
from educoop.graph.schema import DECISION_ACTIONS, Decision, Label, ReviewItem
from educoop.graph.stores import Change, Rebuilt, Store
from educoop.loaders.decisions import report_key

# An agreement may be named by the start of its id's hash, as git names commits.
MIN_PREFIX = 6


@dataclass(frozen=True)
class Queue:
    """What waits for a person: agreements read from articles and not yet decided, lowest
    confidence first (then by id), and names that may be known institutions."""

    agreements: list[AgreementView]
    merges: list[ReviewItem]
    total: int  # agreements waiting, before any limit


def queue(store: Store, limit: int | None = None) -> Queue:
    """The review queue of ``store``, its agreements cut to ``limit``."""
    graph = store.to_networkx()
    waiting = sorted(
        (
            (float(attrs["confidence"]), str(node))
            for node, attrs in graph.nodes(data=True)
            if attrs.get("label") == str(Label.AGREEMENT)
            and attrs.get("confidence") is not None
            and not attrs.get("decided")
        ),
    )
    chosen = waiting if limit is None else waiting[:limit]
    merges = [item for item in store.review() if item.status == "pending"]
    return Queue([agreement_view(graph, node) for _, node in chosen], merges, len(waiting))


def describe(view: AgreementView) -> str:
    """An agreement in one line, as a decision remembers it: "signed 2023-10: A; B — C"."""
    sides = " — ".join("; ".join(name for _, name in side) for side in view.sides)
    return f"{view.kind} {view.date or 'undated'}: {sides}"


def agreement_named(store: Store, ref: str) -> str:
    """The id of the one agreement ``ref`` names: its id, or the start of its hash (at
    least six characters). QueryError otherwise."""
    wanted = ref.strip().removeprefix("agreement:")
    if len(wanted) < MIN_PREFIX:
        raise QueryError(f"{ref!r}: give an agreement id, or at least {MIN_PREFIX} of its hash")
    found = store.agreement_ids(f"agreement:{wanted}")
    if not found:
        raise QueryError(f"no agreement {ref!r} in the store (see educoop review list)")
    if len(found) > 1:
        raise QueryError(f"{ref!r} names {len(found)} agreements: {', '.join(found)}; give more")
    return found[0]


def decide(
    store: Store,
    ref: str,
    action: str,
    *,
    kind: str | None = None,
    date: str | None = None,
    sides: Sequence[Sequence[str]] | None = None,
    drop: Iterable[str] = (),
    note: str | None = None,
) -> tuple[Decision, Rebuilt]:
    """Take a decision on the agreement ``ref`` names and derive the graph with it.

    ``action`` is confirm, reject or edit. An edit gives any of ``kind``, ``date`` ("" for
    none), ``sides`` (names of parties, side by side) and ``drop`` (parties to take off
    their side). Names are looked up as queries look them up. Raises QueryError for a
    wrong value, naming the allowed ones.
    """
    if action not in DECISION_ACTIONS:
        raise QueryError(f"unknown decision {action!r} (decisions: {', '.join(DECISION_ACTIONS)})")
    agreement = agreement_named(store, ref)
    # The agreement and what it reaches, not the whole graph: a decision on a large store
    # reads and writes that agreement alone (educoop.loaders.decisions.redecide).
    graph = store.agreement_graph([agreement])
    edit: dict[str, object] = {}
    if action == "edit":
        edit = _edit(store, graph, agreement, kind, date, sides, list(drop))
    elif kind or date is not None or sides or list(drop):
        raise QueryError("kind, date and sides are changed only by an edit")
    decisions = store.decisions()
    decision = Decision(
        id=max((d.id for d in decisions), default=0) + 1,
        agreement=agreement,
        action=action,
        note=note or None,
        about=describe(agreement_view(graph, agreement)),
        reports=tuple(
            sorted(
                report_key(document, data["record"])
                for _, document, data in graph.out_edges(agreement, data=True)
                if data.get("type") == "REPORTED_IN" and data.get("record") is not None
            )
        ),
        **edit,  # type: ignore[arg-type]
    )
    change = Change(f"{action} {agreement}", decisions=(*decisions, decision))
    return decision, store.rebuild(derivation_of(store), change=change)


def _edit(
    store: Store,
    graph: nx.MultiDiGraph,
    agreement: str,
    kind: str | None,
    date: str | None,
    sides: Sequence[Sequence[str]] | None,
    drop: list[str],
) -> dict[str, object]:
    edit: dict[str, object] = {}
    if kind:
        allowed = [str(k) for k in AgreementKind]
        if kind not in allowed:
            raise QueryError(f"unknown kind {kind!r} (kinds: {', '.join(allowed)})")
        edit["kind"] = kind
    if date is not None:
        if date:
            try:
                PartialDate.parse(date)
            except ValueError as exc:
                raise QueryError(f"date: {exc}") from None
        edit["date"] = date
    named = store.named((Label.INSTITUTION, Label.REGION)) if sides or drop else []
    current = [[party for party, _ in side] for side in agreement_view(graph, agreement).sides]
    chosen = [[find(named, name, "party").id for name in side] for side in sides or ()]
    if drop:
        base = chosen or current
        gone = {find(named, name, "party").id for name in drop}
        outside = sorted(gone - {party for side in base for party in side})
        if outside:
            raise QueryError(f"{outside[0]} is not a party to {agreement}")
        chosen = [[p for p in side if p not in gone] for side in base]
    if chosen:
        chosen = [side for side in chosen if side]
        if len(chosen) < 2:
            raise QueryError("an agreement needs two sides, each with a party")
        parties = [party for side in chosen for party in side]
        if len(set(parties)) < len(parties):
            raise QueryError("a party is on two sides of the agreement")
        edit["sides"] = tuple(tuple(sorted(side)) for side in chosen)
    if not edit:
        raise QueryError("an edit needs a kind, a date, sides or a party to drop")
    return edit


def undo(store: Store, decision_id: int | None = None) -> tuple[Decision, Rebuilt]:
    """Remove decision ``decision_id`` (the latest when None) and derive the graph without
    it: the agreement is again what the articles and any earlier decision make it."""
    decisions = store.decisions()
    if not decisions:
        raise StoreError("no decision to undo")
    wanted = decisions[-1].id if decision_id is None else decision_id
    found = [d for d in decisions if d.id == wanted]
    if not found:
        raise QueryError(f"no decision {wanted} (see educoop review list --decided)")
    kept = tuple(d for d in decisions if d.id != wanted)
    change = Change(f"undoing decision {wanted}", decisions=kept)
    return found[0], store.rebuild(derivation_of(store), change=change)


def undo_merge(store: Store, item_id: int) -> tuple[ReviewItem, Rebuilt]:
    """Set review item ``item_id`` (a name that may be a known institution) pending again,
    and derive the graph without its decision."""
    items = store.review()
    found = [item for item in items if item.id == item_id]
    if not found or found[0].status == "pending":
        raise QueryError(f"no decided review item {item_id} (see educoop review list)")
    item = replace(found[0], status="pending")
    kept = tuple(item if other.id == item_id else other for other in items)
    change = Change(f"undoing review item {item_id}", review=kept)
    return item, store.rebuild(derivation_of(store), change=change)


def queue_rows(views: list[AgreementView]) -> list[dict[str, Any]]:
    """The queue's agreements as rows: short id, confidence, kind, date, sides, evidence."""
    return [
        {
            "agreement": view.id.removeprefix("agreement:")[:10],
            "confidence": view.confidence,
            "kind": view.kind,
            "date": view.date,
            "sides": " — ".join("; ".join(name for _, name in side) for side in view.sides),
            "evidence": "".join(s.text for s in view.reports[0].evidence) if view.reports else "",
        }
        for view in views
    ]


def decision_rows(decisions: list[Decision]) -> list[dict[str, Any]]:
    """Decisions as rows, each numbered for undo, every row with the same columns."""
    return [
        {
            "decision": d.id,
            "action": d.action,
            "agreement": d.agreement,
            "about": d.about,
            "note": d.note,
            "kind": d.kind,
            "date": d.date,
            "sides": [list(side) for side in d.sides] if d.sides else None,
        }
        for d in decisions
    ]
