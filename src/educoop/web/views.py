"""What the workbench's pages show, computed from a store's NetworkX view: a party with
its agreements and the evidence behind each (``educoop.graph.evidence``), the regions'
heatmap."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from educoop.analysis.measures import pivot
from educoop.graph.evidence import AgreementView, agreement_view
from educoop.graph.schema import Label, RelType


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
            agreements.append(agreement_view(graph, agreement))
    # Dated ones newest first (the sorts are stable: ties keep their id order), then undated.
    agreements.sort(key=lambda a: a.id)
    agreements.sort(key=lambda a: a.date or "", reverse=True)
    return PartyView(
        node, str(attrs.get("label")), str(attrs.get("name", node)), others, agreements
    )


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
