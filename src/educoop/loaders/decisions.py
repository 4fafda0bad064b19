"""People's decisions on agreements, applied to a derived graph.

A derivation ends here: each agreement takes the confidence of its reports, then the latest
decision a person took on it (confirm, reject, edit), then whether it is confirmed. An
agreement is confirmed when a person stands behind it: a record file reports it (a person
wrote the file), or a reviewer confirmed or edited it. ``--confirmed`` keeps only those.

A decision names the agreement by its id or by the id of any report that met in it, so it
still finds its agreement when another document comes first and the agreement is renamed.
An agreement's decisions apply in the order they were taken: edits add up, and the latest
decision says whether it stays (reject) or is confirmed.
A decision whose agreement is gone (its documents forgotten), or whose edit names a party
the graph no longer holds, waits unapplied until it applies again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from educoop.graph.model import AgreementKind, PartialDate
from educoop.graph.schema import (
    PARTNER_TYPES,
    Decision,
    GraphBatch,
    Held,
    Label,
    Props,
    RelType,
)
from educoop.loaders.resolve import partner_type
from educoop.loaders.signings import DATE_PROPS, date_props


def finish(
    graph: GraphBatch, decisions: Iterable[Decision], merged: Mapping[str, str] | None = None
) -> list[Decision]:
    """Rate, decide and mark every agreement of ``graph`` in place; returns the decisions
    that applied."""
    return finish_chains(graph, decided(graph, decisions), merged)


def finish_chains(
    graph: GraphBatch, chains: Mapping[str, list[Decision]], merged: Mapping[str, str] | None
) -> list[Decision]:
    """``finish`` with the decisions already found their agreements (``decided``)."""
    _rate(graph)
    applied = _apply(graph, chains, merged)
    _mark_confirmed(graph)
    return applied


def _rate(graph: GraphBatch) -> None:
    """An agreement read only from articles takes its best report's confidence; one that a
    record file reports has none (a person wrote it)."""
    rated: dict[str, list[float | None]] = {}
    for edge in graph.edges.values():
        if edge.type is RelType.REPORTED_IN:
            rated.setdefault(edge.src, []).append(edge.props.get("confidence"))
    for node_id, scores in rated.items():
        node = graph.nodes[node_id]
        props = {k: v for k, v in node.props.items() if k != "confidence"}
        if None not in scores:
            props["confidence"] = max(score for score in scores if score is not None)
        graph.nodes[node_id] = type(node)(node.label, node.id, props)


def decided(graph: GraphBatch, decisions: Iterable[Decision]) -> dict[str, list[Decision]]:
    """The agreements of ``graph`` (before decisions) that ``decisions`` name, each with its
    decisions in the order they were taken. A decision names its agreement by the first of
    its agreement id and its reports that the graph knows."""
    known: dict[str, str] = {}
    for node in graph.nodes.values():
        if node.label is Label.AGREEMENT:
            for name in (node.id, *(node.props.get("reports") or ())):
                known.setdefault(name, node.id)
    for edge in graph.edges.values():
        if edge.type is RelType.REPORTED_IN and edge.props.get("record") is not None:
            known.setdefault(report_key(edge.dst, edge.props["record"]), edge.src)
    taken: dict[str, list[Decision]] = {}
    for decision in sorted(decisions, key=lambda d: d.id):
        node_id = next(
            (known[name] for name in (decision.agreement, *decision.reports) if name in known),
            None,
        )
        if node_id is not None:
            taken.setdefault(node_id, []).append(decision)
    return taken


def _apply(
    graph: GraphBatch, chains: Mapping[str, list[Decision]], merged: Mapping[str, str] | None
) -> list[Decision]:
    """Apply people's decisions to ``graph``, each agreement's in the order they were taken:
    edits add up (a later one changes only what it names), and the latest of confirm,
    reject and edit says whether the agreement stays. Parties an edit names that a person
    later merged into another (``merged``: institution id to the one it became) are that
    one. Returns the decisions that applied."""
    applied = []
    for node_id, chain in sorted(chains.items()):
        last = chain[-1]
        if last.action == "reject":
            _remove(graph, node_id)
            applied.append(last)
            continue
        edits = [d for d in chain if d.action == "edit"]
        if edits:
            folded = _folded(edits, merged or {})
            if not _edit(graph, node_id, folded):
                continue
        _set(graph, node_id, {"decided": "edit" if edits else "confirm", "decision": last.id})
        applied.extend(chain)
    return applied


def scopes(graph: GraphBatch, agreements: Iterable[str]) -> dict[str, GraphBatch]:
    """Each of these agreements of ``graph`` with everything a decision on it may change:
    its node, its parties' PARTY_TO, its REPORTED_IN and UNDER, and the partner links it
    makes (one pass over the relationships)."""
    found = {agreement: GraphBatch() for agreement in agreements}
    for agreement, batch in found.items():
        if agreement in graph.nodes:
            batch.nodes[agreement] = graph.nodes[agreement]
    for key, edge in graph.edges.items():
        owner = edge.key if edge.type in PARTNER_TYPES else None
        for end in (owner, edge.src, edge.dst):
            if end in found:
                found[end].edges[key] = edge
                break
    return found


def hold(
    graph: GraphBatch, chains: Mapping[str, list[Decision]], every: Iterable[Decision]
) -> Held:
    """What a store keeps of ``graph`` (before decisions) to take one more decision without
    deriving again: the agreements decided on, and where each decision went."""
    where = {d.id: agreement for agreement, chain in chains.items() for d in chain}
    return Held(scopes(graph, chains), {d.id: where.get(d.id) for d in every})


def redecide(
    held: Held,
    before: Iterable[Decision],
    after: Iterable[Decision],
    merged: Mapping[str, str],
    read: Callable[[list[str], list[str]], GraphBatch],
) -> Redecided | None:
    """The change that going from decisions ``before`` to ``after`` makes to a graph derived
    with ``before``, found without deriving it again: only the agreements the added or
    removed decisions name are decided again, from how they were derived (``held``, or the
    stored agreement without what deciding added). ``read(agreements, parties)`` gives the
    stored agreements with their relationships (``scopes``) and the nodes of the parties
    named. None when
    this cannot be known so (the held state is not that of ``before``, or a new decision
    names its agreement other than by the id of one the graph holds): derive again."""
    old = {d.id: d for d in before}
    new = {d.id: d for d in after}
    if set(held.decisions) != set(old):
        return None
    changed = sorted(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))
    where = {n: a for n, a in held.decisions.items() if n not in changed}
    fresh = [new[n] for n in changed if n in new]
    gone = {a for n in changed if n in old and (a := held.decisions[n]) is not None}
    stored = read(sorted(gone | {d.agreement for d in fresh}), [])
    present = {
        *held.agreements,
        *(n.id for n in stored.nodes.values() if n.label is Label.AGREEMENT),
    }
    for decision in fresh:
        if decision.agreement not in present:
            return None
        where[decision.id] = decision.agreement
    affected = sorted(gone | {d.agreement for d in fresh})
    stored_scopes = scopes(stored, affected)
    derived = {
        agreement: held.agreements[agreement]
        if agreement in held.agreements
        else _undecided(stored_scopes[agreement])
        for agreement in affected
    }
    chains = {
        agreement: chain
        for agreement in affected
        if (chain := [new[n] for n in sorted(new) if where[n] == agreement])
    }
    # Deciding checks that the parties of an agreement's sides are in the graph.
    named = {merged.get(p, p) for d in new.values() for side in d.sides or () for p in side}
    for batch in derived.values():
        named.update(e.src for e in batch.edges.values() if e.type is RelType.PARTY_TO)
    graph = GraphBatch()
    graph.nodes.update(read([], sorted(named)).nodes)
    for batch in derived.values():
        graph.nodes.update(batch.nodes)
        graph.edges.update(batch.edges)
    finish_chains(graph, chains, merged)
    kept = {a: b for a, b in held.agreements.items() if a not in affected}
    return Redecided(
        before=_union(stored_scopes.values()),
        after=_union(scopes(graph, affected).values()),
        held=Held({**kept, **{a: derived[a] for a in chains}}, where),
    )


@dataclass(frozen=True)
class Redecided:
    """A decision's change to a stored graph: the agreements it touches as stored
    (``before``) and as they become (``after``), and what to hold from now on."""

    before: GraphBatch
    after: GraphBatch
    held: Held


# What finishing adds to an agreement and its partner links, which its derivation lacks.
FINISHED = frozenset({"confidence", "confirmed", "decided", "decision"})


def _undecided(stored: GraphBatch) -> GraphBatch:
    """A stored agreement no decision names, as it was derived (without its confidence and
    whether it is confirmed, which finishing gives it)."""
    batch = GraphBatch()
    for node in stored.nodes.values():
        props = {k: v for k, v in node.props.items() if k not in FINISHED}
        batch.nodes[node.id] = type(node)(node.label, node.id, props)
    for key, edge in stored.edges.items():
        props = edge.props
        if edge.type in PARTNER_TYPES:
            props = {k: v for k, v in props.items() if k != "confirmed"}
        batch.edges[key] = type(edge)(edge.type, edge.src, edge.dst, edge.key, props)
    return batch


def _union(batches: Iterable[GraphBatch]) -> GraphBatch:
    union = GraphBatch()
    for batch in batches:
        union.nodes.update(batch.nodes)
        union.edges.update(batch.edges)
    return union


def report_key(document: str, record: int) -> str:
    """A report of an agreement: the document and which of its agreements it is."""
    return f"{document}#{record}"


def _folded(edits: list[Decision], merged: Mapping[str, str]) -> Decision:
    """One edit with what each of ``edits`` changed, later ones over earlier ones."""
    kind = date = None
    sides: tuple[tuple[str, ...], ...] | None = None
    for edit in edits:
        kind = edit.kind or kind
        date = edit.date if edit.date is not None else date
        sides = edit.sides or sides
    if sides is not None:
        sides = tuple(tuple(sorted(merged.get(p, p) for p in side)) for side in sides)
    return Decision(edits[-1].id, edits[-1].agreement, "edit", kind, date, sides)


def _set(graph: GraphBatch, node_id: str, props: Props) -> None:
    node = graph.nodes[node_id]
    graph.nodes[node_id] = type(node)(node.label, node.id, {**node.props, **props})


def _remove(graph: GraphBatch, node_id: str) -> None:
    """The agreement and every relationship it has: its sides, its reports, its programme
    and its partner links. Its parties stay: an article named them."""
    del graph.nodes[node_id]
    for key, edge in list(graph.edges.items()):
        if node_id in (edge.src, edge.dst) or (edge.type in PARTNER_TYPES and edge.key == node_id):
            del graph.edges[key]


def _sides(graph: GraphBatch, node_id: str) -> list[list[str]]:
    by_side: dict[int, list[str]] = {}
    for edge in graph.edges.values():
        if edge.type is RelType.PARTY_TO and edge.dst == node_id:
            by_side.setdefault(int(edge.props["side"]), []).append(edge.src)
    return [sorted(by_side[side]) for side in sorted(by_side)]


def _edit(graph: GraphBatch, node_id: str, decision: Decision) -> bool:
    """Give the agreement the decision's kind, date and sides, its partner links with
    them; False (nothing changed) when a party of the new sides is not in the graph."""
    agreement = graph.nodes[node_id].props
    chosen = decision.sides or _sides(graph, node_id)
    sides = sorted(sorted(side) for side in chosen)
    parties = {party for side in sides for party in side}
    if any(
        party not in graph.nodes
        or graph.nodes[party].label not in (Label.INSTITUTION, Label.REGION)
        for party in parties
    ):
        return False
    kind = AgreementKind(decision.kind or agreement["kind"])
    if decision.date is not None:
        dated = date_props(PartialDate.parse(decision.date) if decision.date else None)
    else:
        dated = {name: agreement.get(name) for name in DATE_PROPS}
    for key in [
        k
        for k, e in graph.edges.items()
        if (e.type is RelType.PARTY_TO and e.dst == node_id)
        or (e.type in PARTNER_TYPES and e.key == node_id)
    ]:
        del graph.edges[key]
    props = {k: v for k, v in agreement.items() if k not in DATE_PROPS}
    props["kind"] = str(kind)
    props.update({k: v for k, v in dated.items() if v is not None})
    graph.nodes[node_id] = type(graph.nodes[node_id])(Label.AGREEMENT, node_id, props)
    link = {"agreement": node_id, "kind": str(kind), **dated}
    for number, side in enumerate(sides):
        for party in side:
            graph.add_edge(RelType.PARTY_TO, party, node_id, str(number), {"side": number})
    for number, side in enumerate(sides):
        for other in sides[number + 1 :]:
            for x in side:
                for y in other:
                    graph.add_edge(partner_type(kind), x, y, node_id, link)
    return True


def _mark_confirmed(graph: GraphBatch) -> None:
    """Every agreement and partner link says whether a person stands behind it."""
    confirmed = {
        node.id: "confidence" not in node.props or node.props.get("decided") in ("confirm", "edit")
        for node in graph.nodes.values()
        if node.label is Label.AGREEMENT
    }
    for node_id, value in confirmed.items():
        _set(graph, node_id, {"confirmed": value})
    for key, edge in graph.edges.items():
        if edge.type in PARTNER_TYPES:
            props = {**edge.props, "confirmed": confirmed[edge.key]}
            graph.edges[key] = type(edge)(edge.type, edge.src, edge.dst, edge.key, props)


def merged_decisions(own: list[Decision], other: list[Decision]) -> list[Decision]:
    """``own`` decisions with ``other``'s after them, renumbered, but for the agreements
    ``own`` decided on: there ``own``'s decision stands."""
    decided = {d.agreement for d in own}
    next_id = max((d.id for d in own), default=0) + 1
    added = [d for d in other if d.agreement not in decided]
    return [
        *own,
        *(Decision.from_json({**d.to_json(), "id": next_id + n}) for n, d in enumerate(added)),
    ]
