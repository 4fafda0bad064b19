"""The evidence behind an agreement, as an analyst reads it: its sides, and each report's
sentence cut where the parties are named, so that a page can mark them while escaping every
piece. Computed from a store's NetworkX view."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import networkx as nx

from educoop.graph.schema import RelType


@dataclass(frozen=True)
class Segment:
    """A piece of an evidence sentence; ``marked`` when it names a party."""

    text: str
    marked: bool = False


def segments(text: str, names: list[str]) -> list[Segment]:
    """``text`` cut where ``names`` occur (any case, longest first), so that a page can
    mark them while escaping every piece.

    Examples
    --------
    >>> [(s.text, s.marked) for s in segments("A signed with B.", ["A", "B"])]
    [('A', True), (' signed with ', False), ('B', True), ('.', False)]
    """
    wanted = sorted({name for name in names if name}, key=len, reverse=True)
    if not text or not wanted:
        return [Segment(text)]
    pattern = re.compile("|".join(re.escape(name) for name in wanted), re.IGNORECASE)
    found, at = [], 0
    for match in pattern.finditer(text):
        if match.start() > at:
            found.append(Segment(text[at : match.start()]))
        found.append(Segment(match.group(0), marked=True))
        at = match.end()
    if at < len(text):
        found.append(Segment(text[at:]))
    return found


@dataclass
class Report:
    evidence: list[Segment]
    document: str
    source: str | None
    title: str | None
    page: int | None = None  # of a PDF, the page the evidence is on


@dataclass
class AgreementView:
    id: str
    kind: str
    date: str | None
    title: str | None
    sides: list[list[tuple[str, str]]]  # (id, name) of each party, side by side
    confidence: float | None = None  # the extractor's, when only articles report it
    confirmed: bool = False  # a record file reports it, or a person confirmed or edited it
    decided: str | None = None  # a person's latest decision on it: confirm or edit
    reports: list[Report] = field(default_factory=list)


def agreement_view(graph: nx.MultiDiGraph, node: str) -> AgreementView:
    """An agreement with its sides and every report of it, the parties marked in each
    evidence sentence."""
    attrs = graph.nodes[node]
    sides: dict[int, list[tuple[str, str]]] = {}
    for party_id, _, data in graph.in_edges(node, data=True):
        if data.get("type") == str(RelType.PARTY_TO):
            name = str(graph.nodes[party_id].get("name", party_id))
            sides.setdefault(int(data.get("side", 0)), []).append((party_id, name))
    # Parties are marked in the evidence by their name or any alias.
    names = [
        other
        for side in sides.values()
        for party_id, name in side
        for other in (name, *(graph.nodes[party_id].get("aliases") or ()))
    ]
    view = AgreementView(
        node,
        str(attrs.get("kind")),
        attrs.get("date"),
        attrs.get("title"),
        [sorted(sides[number], key=lambda p: p[1]) for number in sorted(sides)],
        confidence=attrs.get("confidence"),
        confirmed=bool(attrs.get("confirmed")),
        decided=attrs.get("decided"),
    )
    for _, document, data in graph.out_edges(node, data=True):
        if data.get("type") != str(RelType.REPORTED_IN):
            continue
        doc = graph.nodes[document]
        view.reports.append(
            Report(
                segments(str(data.get("evidence") or ""), names),
                document,
                data.get("source") or doc.get("source"),
                doc.get("title"),
                data.get("page"),
            )
        )
    view.reports.sort(key=lambda r: r.document)
    return view
