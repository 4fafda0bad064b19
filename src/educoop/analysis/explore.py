"""The network explorer's view: the part of the partner network a page can draw, laid out,
coloured and sized, with a legend and a note of what it leaves out.

A store of any size gives a drawable view: the ``top`` parties by the chosen size measure,
plus every party an analyst expanded and its partners. Positions are computed here (a
seeded force layout), so the same store and choices give the same picture, and the SVG
export draws exactly what the page shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

import networkx as nx

from educoop.analysis import measures
from educoop.analysis.network import Filters, cooperation_graph
from educoop.graph.model import RegionLevel

SIZES = ("degree", "weighted_degree", "betweenness", "pagerank", "eigenvector")
COLOURS = ("region", "community", "kind")
TOP = 300
# Partners an expanded party brings into view, its strongest links first; parties expanded
# at once.
EXPAND = 100
EXPANDED = 10
# Distinct colours (Tableau 20, with the greys left out); categories past them share grey.
PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#a0cbe8", "#ffbe7d", "#ff9d9a", "#8cd17d", "#b6992d", "#f1ce63", "#86bcb6",
    "#d37295", "#fabfd2",
)  # fmt: skip
OTHER = "#bab0ac"


@dataclass
class View:
    """What the explorer draws: ``nodes`` (id, name, label, kind, category, colour, size,
    x, y), ``edges`` (source, target, weight, kinds), the ``legend`` (category, colour,
    parties), and ``notes`` saying what the view leaves out."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    legend: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    parties: int = 0  # in the filtered network, before the cut to ``top``

    def as_json(self) -> dict[str, Any]:
        return {
            "nodes": self.nodes,
            "edges": self.edges,
            "legend": self.legend,
            "notes": self.notes,
            "parties": self.parties,
        }

    def to_networkx(self) -> nx.Graph:
        """The view as a graph (for GEXF): parties with their name, colour category,
        size and position; links with their weight."""
        graph = nx.Graph()
        for node in self.nodes:
            graph.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
        for edge in self.edges:
            graph.add_edge(edge["source"], edge["target"], weight=edge["weight"])
        return graph


def explore(
    store: nx.MultiDiGraph,
    *,
    filters: Filters | None = None,
    colour: str = "region",
    level: str = "province",
    size: str = "degree",
    top: int = TOP,
    expand: tuple[str, ...] = (),
    seed: int = 0,
) -> View:
    """The explorer's view of ``store`` (its NetworkX view) under ``filters``.

    Parameters
    ----------
    colour : {"region", "community", "kind"}
        Colour parties by their region at ``level``, their Louvain community, or their
        kind (institution kind; "region" for regions as parties).
    size : {"degree", "weighted_degree", "betweenness", "pagerank", "eigenvector"}
        Size parties by this centrality in the whole filtered network.
    top : int
        How many parties to show, the largest by ``size``.
    expand : tuple of str
        Party ids shown with their partners (the ``EXPAND`` strongest links), whatever
        ``top`` leaves out.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for node in "abc":
    ...     g.add_node(node, label="Institution", name=node.upper(), kind="college")
    >>> for x, y in ("ab", "bc"):
    ...     _ = g.add_edge(x, y, type="SIGNED_WITH", agreement=x + y, kind="signed")
    >>> view = explore(g, colour="kind", top=2)
    >>> [node["name"] for node in view.nodes], view.notes[-1]
    (['A', 'B'], 'Showing 2 of 3 parties: the 2 largest by degree.')
    """
    if colour not in COLOURS:
        raise ValueError(f"colour: one of {', '.join(COLOURS)}")
    if size not in SIZES:
        raise ValueError(f"size: one of {', '.join(SIZES)}")
    if level not in {str(lvl) for lvl in RegionLevel}:
        raise ValueError(f"level: one of {', '.join(str(lvl) for lvl in RegionLevel)}")
    network = cooperation_graph(store, filters)
    scores = _sizes(network, size, seed)
    ranked = sorted(network, key=lambda n: (-scores[n], str(network.nodes[n].get("name")), n))
    chosen = set(ranked[:top])
    cut: list[str] = []
    if len(expand) > EXPANDED:
        raise ValueError(f"expand: at most {EXPANDED} parties at once")
    for node in expand:
        if node in network:
            partners = _strongest(network, node)
            chosen |= {node, *partners[:EXPAND]}
            if len(partners) > EXPAND:
                name = network.nodes[node]["name"]
                cut.append(f"{name}: its {EXPAND} strongest of {len(partners)} partners.")
    shown = _ordered(network, chosen)
    categories = _categories(network, shown, colour, level, seed)
    colours = _palette(categories)
    positions = _layout(shown, seed)
    biggest = max((scores[n] for n in shown), default=0) or 1
    nodes = [
        {
            "id": node,
            "name": attrs.get("name") or node,
            "label": attrs.get("label"),
            "kind": attrs.get("kind"),
            "category": categories[node],
            "colour": colours.get(categories[node], OTHER),
            "size": round(scores[node], 6),
            "scale": round(scores[node] / biggest, 4),
            "x": positions[node][0],
            "y": positions[node][1],
        }
        for node, attrs in sorted(shown.nodes(data=True))
    ]
    # Each link from its smaller id to its larger, whatever order the graph holds it in.
    edges = sorted(
        (
            {"source": min(a, b), "target": max(a, b), "weight": w["weight"], "kinds": w["kinds"]}
            for a, b, w in shown.edges(data=True)
        ),
        key=lambda edge: (edge["source"], edge["target"]),
    )
    notes = [f"Filters: {network.graph['filters']}."]
    if network.graph.get("undated_left_out"):
        notes.append(
            f"{network.graph['undated_left_out']} agreements without a date left out by the "
            "date window."
        )
    notes.extend(cut)
    if len(shown) < len(network):
        notes.append(
            f"Showing {len(shown)} of {len(network)} parties: the {min(top, len(network))} "
            f"largest by {size}" + (" and the expanded ones' partners." if expand else ".")
        )
    return View(nodes, edges, _legend(categories, colours), notes, len(network))


def _ordered(graph: nx.Graph, nodes: Iterable[str]) -> nx.Graph:
    """The subgraph of ``nodes`` built in sorted order: a layout starts from the order of
    its nodes, and a subgraph view would iterate a set, whose order changes with the hash
    seed."""
    wanted = sorted(nodes)
    ordered = nx.Graph()
    ordered.add_nodes_from((node, graph.nodes[node]) for node in wanted)
    inside = set(wanted)
    # What a view draws of a link: its weight and kinds, not its every agreement.
    links = [
        (min(a, b), max(a, b), {"weight": data["weight"], "kinds": data["kinds"]})
        for a in wanted
        for b, data in graph[a].items()
        if b in inside and a < b
    ]
    ordered.add_edges_from(sorted(links, key=lambda link: (link[0], link[1])))
    return ordered


def _strongest(network: nx.Graph, node: str) -> list[str]:
    """A party's partners, the strongest links first (then by name)."""

    def strength(other: str) -> tuple[float, str, str]:
        return (-network[node][other]["weight"], str(network.nodes[other]["name"]), other)

    return sorted(network.neighbors(node), key=strength)


def _sizes(network: nx.Graph, size: str, seed: int) -> dict[str, float]:
    if size == "degree":
        return {n: float(d) for n, d in network.degree()}
    if size == "weighted_degree":
        return {n: float(d) for n, d in network.degree(weight="weight")}
    rows = measures.centralities(network, seed=seed).rows
    return {row["id"]: float(row[size]) for row in rows}


def _categories(
    network: nx.Graph, shown: nx.Graph, colour: str, level: str, seed: int
) -> dict[str, str]:
    if colour == "community":
        found, _ = measures.communities(network, seed=seed, level=level)
        number = {member: c.number for c in found for member in c.members}
        return {node: f"community {number.get(node, 0)}" for node in shown}
    if colour == "kind":
        return {node: str(shown.nodes[node].get("kind") or "unknown") for node in shown}
    regions = network.graph["regions"]
    return {node: (regions.at(node, level) or [f"(no {level})"])[0] for node in shown}


def _palette(categories: dict[str, str]) -> dict[str, str]:
    """Colours for the most common categories (ties by name); the rest share grey."""
    counts = Counter(categories.values())
    ordered = sorted(counts, key=lambda c: (-counts[c], c))
    return dict(zip(ordered, PALETTE, strict=False))


def _legend(categories: dict[str, str], colours: dict[str, str]) -> list[dict[str, Any]]:
    counts = Counter(categories.values())
    legend = [
        {"category": name, "colour": colour, "parties": counts[name]}
        for name, colour in colours.items()
    ]
    rest = [name for name in counts if name not in colours]
    if rest:
        legend.append(
            {
                "category": f"other ({len(rest)} more)",
                "colour": OTHER,
                "parties": sum(counts[name] for name in rest),
            }
        )
    return legend


def _layout(shown: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """A seeded force layout of each component in a box by its size, the boxes packed in
    rows, largest first, then scaled to 1000 wide: scattered pairs sit in a band of their
    own instead of filling the canvas around the big components."""
    boxes = []
    for members in sorted(nx.connected_components(shown), key=lambda c: (-len(c), min(c))):
        part = _ordered(shown, members)
        # Pairs and triples small, the large components given room for their labels.
        side = 25.0 * len(part) if len(part) <= 3 else 90.0 * len(part) ** 0.5
        if len(part) == 1:
            placed = {next(iter(part)): (0.5, 0.5)}
        else:
            raw = nx.spring_layout(part, seed=seed, weight="weight", iterations=80)
            xs, ys = [p[0] for p in raw.values()], [p[1] for p in raw.values()]
            span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
            placed = {n: ((x - min(xs)) / span, (y - min(ys)) / span) for n, (x, y) in raw.items()}
        boxes.append((side, placed))
    width = max([1000.0, *(side for side, _ in boxes)])
    positions: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for side, placed in boxes:
        if x + side > width:
            x, y, row = 0.0, y + row + 20, 0.0
        for node, (u, v) in placed.items():
            positions[node] = (x + u * side, y + v * side)
        x, row = x + side + 20, max(row, side)
    scale = 1000.0 / width
    return {n: (round(px * scale, 1), round(py * scale, 1)) for n, (px, py) in positions.items()}


def svg(view: View) -> str:
    """The view as an SVG picture: links, parties sized and coloured, labels of the
    largest, and the legend. Every text escaped."""
    width, margin = 1250, 40
    lowest = max((n["y"] for n in view.nodes), default=0.0)
    height = int(max(lowest + 2 * margin, len(view.legend) * 20 + 2 * margin))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif">',
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    where = {n["id"]: (n["x"] + margin, n["y"] + margin) for n in view.nodes}
    for edge in view.edges:
        (x1, y1), (x2, y2) = where[edge["source"]], where[edge["target"]]
        stroke = min(1 + edge["weight"], 6)
        parts.append(
            f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#c8c8c8" '
            f'stroke-width="{stroke}"/>'
        )
    labelled = {n["id"] for n in sorted(view.nodes, key=lambda n: -n["scale"])[:40]}
    for node in view.nodes:
        x, y = where[node["id"]]
        radius = round(4 + 14 * node["scale"], 1)
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{node["colour"]}" '
            f'stroke="#ffffff"><title>{escape(str(node["name"]))}</title></circle>'
        )
        if node["id"] in labelled:
            parts.append(
                f'<text x="{x + radius + 2}" y="{y + 4}" font-size="12" stroke="#ffffff" '
                f'stroke-width="3" paint-order="stroke">{escape(str(node["name"]))}</text>'
            )
    for number, entry in enumerate(view.legend):
        y = margin + number * 20
        parts.append(
            f'<rect x="{width - 190}" y="{y}" width="12" height="12" fill="{entry["colour"]}"/>'
        )
        label = f"{entry['category']} ({entry['parties']})"
        parts.append(f'<text x="{width - 172}" y="{y + 11}" font-size="12">{escape(label)}</text>')
    parts.append(f"<desc>{escape(' '.join(view.notes))}</desc>")
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
