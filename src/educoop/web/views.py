"""What the workbench's pages show, computed from a store's NetworkX view: a party with
its agreements and the evidence behind each, evidence split for highlighting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from educoop.analysis.measures import pivot
from educoop.graph.schema import Label, RelType


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


@dataclass
class AgreementView:
    id: str
    kind: str
    date: str | None
    title: str | None
    sides: list[list[tuple[str, str]]]  # (id, name) of each party, side by side
    reports: list[Report] = field(default_factory=list)


@dataclass
class PartyView:
    id: str
    label: str
    name: str
    other_names: list[str]
    agreements: list[AgreementView]


def party(graph: nx.MultiDiGraph, node: str) -> PartyView:
    """A party (institution or region) and every agreement it is party to, dated ones
    newest first, each with the sentences that report it."""
    attrs = graph.nodes[node]
    others = [*(attrs.get("aliases") or ()), *([attrs["name_zh"]] if attrs.get("name_zh") else [])]
    agreements = []
    for _, agreement, kind in graph.out_edges(node, data="type"):
        if kind == str(RelType.PARTY_TO):
            agreements.append(_agreement(graph, agreement))
    # Dated ones newest first (the sorts are stable: ties keep their id order), then undated.
    agreements.sort(key=lambda a: a.id)
    agreements.sort(key=lambda a: a.date or "", reverse=True)
    return PartyView(
        node, str(attrs.get("label")), str(attrs.get("name", node)), others, agreements
    )


def _agreement(graph: nx.MultiDiGraph, node: str) -> AgreementView:
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
            )
        )
    view.reports.sort(key=lambda r: r.document)
    return view


def is_party(graph: nx.MultiDiGraph, node: str) -> bool:
    return node in graph and graph.nodes[node].get("label") in (
        str(Label.INSTITUTION),
        str(Label.REGION),
    )


@dataclass(frozen=True)
class HeatCell:
    observed: int | None
    expected: float | None
    ratio: float | None

    @property
    def shade(self) -> float:
        """0 to 1: how much more cooperation than expected (a ratio of 4 or more is 1)."""
        return 0.0 if not self.ratio else min(self.ratio, 4.0) / 4.0


def heatmap(rows: list[dict[str, Any]]) -> tuple[list[str], dict[tuple[str, str], HeatCell]]:
    """The regions report as a grid: regions in ``measures.pivot``'s order (most linked
    first), and each pair's observed agreements, expected count and their ratio (the same
    both ways)."""
    cells: dict[tuple[str, str], HeatCell] = {}
    for row in rows:
        a, b = str(row["region_a"]), str(row["region_b"])
        cell = HeatCell(
            int(row["agreements"]), _number(row.get("expected")), _number(row.get("ratio"))
        )
        cells[(a, b)] = cells[(b, a)] = cell
    return [str(row["region"]) for row in pivot(rows)], cells


def _number(value: object) -> float | None:
    return None if value is None else float(str(value))
