"""The graph schema: the allow-listed labels and relationship types, and the batch of rows a
loader hands to a store.

Stores interpolate labels and types into Cypher or SQL only from these enums; every value
travels as a parameter.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol


class Label(StrEnum):
    INSTITUTION = "Institution"
    REGION = "Region"
    PROGRAMME = "Programme"
    AGREEMENT = "Agreement"
    DOCUMENT = "Document"


class RelType(StrEnum):
    LOCATED_IN = "LOCATED_IN"
    PART_OF = "PART_OF"
    MEMBER_OF = "MEMBER_OF"
    PARTY_TO = "PARTY_TO"
    UNDER = "UNDER"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    REPORTED_IN = "REPORTED_IN"
    SIGNED_WITH = "SIGNED_WITH"
    EXCHANGED_WITH = "EXCHANGED_WITH"


# Projections of Agreement hubs: one edge per pair of parties on different sides, stored once
# per pair with the smaller id as the start node, and read in both directions.
PARTNER_TYPES = (RelType.SIGNED_WITH, RelType.EXCHANGED_WITH)

# Properties that hold lists; stores merge them as sorted unions instead of overwriting.
# "matches" records how names were matched to an institution: "Donghua College: pinyin 0.9".
# "reports" lists the natural ids of the reports that met in one agreement.
LIST_PROPERTIES = frozenset({"aliases", "matches", "mentions", "reports"})

Props = dict[str, Any]


@dataclass(frozen=True)
class NodeRow:
    label: Label
    id: str
    props: Props


@dataclass(frozen=True)
class EdgeRow:
    """A relationship. ``key`` tells apart parallel edges of one type between the same two
    nodes (the agreement id for SIGNED_WITH, the role for PARTICIPATES_IN)."""

    type: RelType
    src: str
    dst: str
    key: str
    props: Props


def merge_props(old: Props, new: Props) -> Props:
    """Upsert semantics shared by every store: list properties become sorted unions, other
    properties take the new value unless it is missing."""
    merged = dict(old)
    for name, value in new.items():
        if name in LIST_PROPERTIES:
            merged[name] = sorted(set(merged.get(name) or ()) | set(value or ()))
        elif value is not None:
            merged[name] = value
    return merged


@dataclass(frozen=True)
class ReviewItem:
    """A name that may be a known institution: ``institution`` (the node it made) may be
    ``candidate``, with the fuzzy ``score``. A person accepts (one node) or rejects it."""

    name: str
    institution: str
    candidate: str
    candidate_name: str
    score: float
    id: int | None = None
    status: str = "pending"  # pending, accepted or rejected


# What a person may decide on an agreement.
DECISION_ACTIONS = ("confirm", "reject", "edit")


@dataclass(frozen=True)
class Decision:
    """A person's decision on an agreement (by the id of the agreement or of any report of
    it): ``confirm`` it, ``reject`` it (not an agreement, or not between these parties), or
    ``edit`` its ``kind``, ``date`` or ``sides`` (party ids). Every derivation applies each
    agreement's latest decision, so it outlasts re-ingest, rebuild and sync; removing the
    decision undoes it."""

    id: int
    agreement: str
    action: str
    kind: str | None = None
    date: str | None = None
    sides: tuple[tuple[str, ...], ...] | None = None
    note: str | None = None
    about: str | None = None  # the agreement when decided on, in one line
    # The reports of it then ("document:...#3": the document's fourth agreement), by which
    # it is found when a merge or a registry gives its parties, and so it, another id.
    reports: tuple[str, ...] = ()

    def to_json(self) -> Props:
        row = {name: value for name, value in vars(self).items() if value not in (None, ())}
        if self.sides is not None:
            row["sides"] = [list(side) for side in self.sides]
        if self.reports:
            row["reports"] = list(self.reports)
        return row

    @classmethod
    def from_json(cls, row: Props) -> Decision:
        sides = row.get("sides")
        return cls(
            **{
                **row,
                "sides": tuple(map(tuple, sides)) if sides is not None else None,
                "reports": tuple(row.get("reports") or ()),
            }
        )


def decisions_json(decisions: Iterable[Decision]) -> str:
    """Decisions as stores keep them: one JSON text, by id."""
    rows = [d.to_json() for d in sorted(decisions, key=lambda d: d.id)]
    return json.dumps(rows, sort_keys=True, ensure_ascii=False)


def decisions_of(text: str | None) -> list[Decision]:
    return [Decision.from_json(row) for row in json.loads(text)] if text else []


@dataclass(frozen=True)
class StoredDocument:
    """An input file as the store keeps it: the records it gave (JSON), named by the sha256
    of its bytes. The graph is derived from the stored documents alone. A document is new
    until a derivation admits it into the graph (or refuses it, and it goes)."""

    sha256: str
    source: str
    records: str
    admitted: bool = False


@dataclass
class GraphBatch:
    """Nodes and relationships by key: what one file resolves to, or a whole derived graph."""

    nodes: dict[str, NodeRow] = field(default_factory=dict)
    edges: dict[tuple[RelType, str, str, str], EdgeRow] = field(default_factory=dict)
    # Institutions that may be known ones, for a person to decide.
    candidates: list[ReviewItem] = field(default_factory=list)
    # Of a derived graph: the agreements people decided on, as derived before the decisions
    # (see ``Held``).
    held: Held | None = None

    def add_node(self, label: Label, node_id: str, props: Props) -> None:
        clean = {name: value for name, value in props.items() if value is not None}
        previous = self.nodes.get(node_id)
        if previous is not None:
            clean = merge_props(previous.props, clean)
        self.nodes[node_id] = NodeRow(label, node_id, clean)

    def put_edge(self, edge: EdgeRow) -> EdgeRow:
        """Keep ``edge`` as read from a store (its key and properties as they are)."""
        self.edges[(edge.type, edge.src, edge.dst, edge.key)] = edge
        return edge

    def add_edge(
        self, rel_type: RelType, src: str, dst: str, key: str = "", props: Props | None = None
    ) -> None:
        if rel_type in PARTNER_TYPES and dst < src:
            src, dst = dst, src
        clean = {name: value for name, value in (props or {}).items() if value is not None}
        self.edges[(rel_type, src, dst, key)] = EdgeRow(rel_type, src, dst, key, clean)


@dataclass(frozen=True)
class Held:
    """What a store keeps so that one more decision on an agreement (or one undone) changes
    only that agreement, without deriving the graph again: every agreement a decision names,
    as derived before any decision (its node and relationships, ``scope`` of
    ``educoop.loaders.decisions``), and the agreement each decision names (None: it waits,
    its agreement is gone)."""

    agreements: dict[str, GraphBatch] = field(default_factory=dict)
    decisions: dict[int, str | None] = field(default_factory=dict)

    def to_json(self) -> str:
        rows = {
            "agreements": {
                agreement: {
                    "nodes": [
                        [str(n.label), n.id, n.props]
                        for n in sorted(batch.nodes.values(), key=lambda n: n.id)
                    ],
                    "edges": [
                        [str(e.type), e.src, e.dst, e.key, e.props]
                        for e in sorted(
                            batch.edges.values(), key=lambda e: (e.type, e.src, e.dst, e.key)
                        )
                    ],
                }
                for agreement, batch in sorted(self.agreements.items())
            },
            "decisions": {str(number): self.decisions[number] for number in sorted(self.decisions)},
        }
        return json.dumps(rows, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Held:
        rows = json.loads(text)
        agreements = {}
        for agreement, scope in rows["agreements"].items():
            batch = GraphBatch()
            for label, node_id, props in scope["nodes"]:
                batch.nodes[node_id] = NodeRow(Label(label), node_id, props)
            for rel_type, src, dst, key, props in scope["edges"]:
                batch.put_edge(EdgeRow(RelType(rel_type), src, dst, key, props))
            agreements[agreement] = batch
        decided = {int(number): agreement for number, agreement in rows["decisions"].items()}
        return cls(agreements, decided)


class StoredGraph(Protocol):
    """What adding one document alone reads of a store's derived graph
    (``educoop.loaders.incremental``)."""

    def read_institutions(self) -> GraphBatch:
        """Every institution, with its LOCATED_IN relationships and the regions they reach."""

    def read_around(self, ids: list[str], types: tuple[RelType, ...]) -> GraphBatch:
        """The stored nodes of these ids, and their relationships of ``types`` that leave
        them."""

    def read_signed(self, keys: list[str]) -> dict[str, list[str]]:
        """The stored agreements (ids, sorted) that have each of these signing keys (an
        agreement's ``signing``); a key none has is left out."""

    def document_names(self) -> dict[str, str]:
        """Each stored document's name, by sha256."""

    def read_agreements(self, ids: list[str]) -> GraphBatch:
        """The stored agreements of these ids, each with its relationships (its parties'
        PARTY_TO, its REPORTED_IN and UNDER, the partner links it makes)."""

    def read_mentioned(self, ids: list[str], other_than: str) -> set[str]:
        """Which of these node ids a Document other than ``other_than`` mentions (its
        ``mentions``)."""
