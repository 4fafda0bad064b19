"""Network measures of cooperation, as pure functions over an undirected weighted graph
(``cooperation_graph``): edge ``weight`` is the number of agreements between two parties.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import networkx as nx

from educoop.analysis import engine as engines

# Exact betweenness is O(nodes x links): in Python 53 s for 5k parties and 25k links;
# networkit does that in about 3 s, and hours either way for 50k parties (BENCHMARKS.md).
# Above this much work (parties times links), betweenness and closeness are estimated from
# LARGE_GRAPH_SAMPLE sampled sources: a few seconds, however dense the network.
EXACT_BETWEENNESS_WORK = {"networkx": 12_000_000, "networkit": 125_000_000}
LARGE_GRAPH_SAMPLE = 100


@dataclass(frozen=True)
class Centralities:
    rows: list[dict[str, Any]]
    betweenness_sample: int | None  # sources sampled, or None when exact
    engine: str = "networkx"  # the engine that computed them (educoop.analysis.engine)


def freeman_centralisation(graph: nx.Graph) -> float:
    """Freeman's degree centralisation: how far the network is from a star (1.0) towards a
    graph where every node has the same degree (0.0).

    Examples
    --------
    >>> freeman_centralisation(nx.star_graph(4))
    1.0
    >>> freeman_centralisation(nx.cycle_graph(5))
    0.0
    """
    n = graph.number_of_nodes()
    if n < 3:
        return 0.0
    degrees = [d for _, d in graph.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def centralities(
    graph: nx.Graph, *, sample: int | None = None, seed: int | None = 0, engine: str | None = None
) -> Centralities:
    """Degree, weighted degree (the sum of link weights: agreements), betweenness,
    eigenvector, PageRank and closeness of every party, computed by ``engine``
    (``educoop.analysis.engine``; networkit when installed, else NetworkX).

    Betweenness and closeness are exact unless ``sample`` sources are given, or the graph's
    nodes times its links exceed the engine's ``EXACT_BETWEENNESS_WORK`` (then
    ``LARGE_GRAPH_SAMPLE`` sources); the sample is drawn with ``seed``, and closeness is
    then estimated from the distances to the sampled sources (``sampled_closeness``).

    Examples
    --------
    >>> result = centralities(nx.path_graph(3), engine="networkx")
    >>> [round(row["betweenness"], 2) for row in result.rows]
    [1.0, 0.0, 0.0]
    """
    engine = engines.chosen(engine)
    if graph.number_of_nodes() == 0:
        return Centralities([], None, engine)
    seed = seed or 0
    work = graph.number_of_nodes() * graph.number_of_edges()
    if sample is None and work > EXACT_BETWEENNESS_WORK[engine]:
        sample = LARGE_GRAPH_SAMPLE
    sample = min(sample, graph.number_of_nodes()) if sample else None
    between = engines.betweenness(graph, engine, sample, seed)
    eigen = engines.eigenvector(graph)
    rank = engines.pagerank(graph, engine)
    if sample:
        close = sampled_closeness(graph, engines.sample_of(graph, sample, seed), engine=engine)
    else:
        close = engines.closeness(graph, engine)
    rows = [
        {
            "id": node,
            "name": graph.nodes[node].get("name", node),
            "region": graph.nodes[node].get("region"),
            "degree": graph.degree(node),
            "weighted_degree": graph.degree(node, weight="weight"),
            "betweenness": between[node],
            "eigenvector": eigen[node],
            "pagerank": rank[node],
            "closeness": close[node],
        }
        for node in graph
    ]
    rows.sort(key=lambda row: (-row["weighted_degree"], -row["betweenness"], row["name"]))
    return Centralities(rows, sample, engine)


def sampled_closeness(
    graph: nx.Graph, sources: list[Any], *, engine: str | None = None
) -> dict[Any, float]:
    """Closeness estimated from breadth-first searches from ``sources`` only: a node's
    mean distance to the sources it reaches stands for its mean distance to all, scaled
    like NetworkX's by the share of the graph its component holds (Eppstein and Wang).

    Examples
    --------
    >>> g = nx.path_graph(5)
    >>> sampled_closeness(g, list(g)) == nx.closeness_centrality(g)
    True
    """
    n = graph.number_of_nodes()
    total, reached = engines.distance_sums(graph, engines.chosen(engine), sources)
    size = {node: len(c) for c in nx.connected_components(graph) for node in c}
    return {
        node: (reached[node] / total[node]) * (size[node] - 1) / (n - 1)
        if total[node] and n > 1
        else 0.0
        for node in graph
    }


def summary(graph: nx.Graph, *, engine: str | None = None) -> dict[str, Any]:
    """Network-level figures: size, density, Freeman centralisation, components,
    clustering, and the core (the main k-core).

    Examples
    --------
    >>> summary(nx.complete_graph(4))["density"]
    1.0
    """
    engine = engines.chosen(engine)
    components = list(nx.connected_components(graph))
    cores = engines.core_numbers(graph, engine) if graph.number_of_nodes() else {}
    clustering, transitivity = (
        engines.clustering(graph, engine) if graph.number_of_nodes() else (0.0, 0.0)
    )
    top = max(cores.values(), default=0)
    return {
        "parties": graph.number_of_nodes(),
        "partner_pairs": graph.number_of_edges(),
        "agreements": len({a for *_, d in graph.edges(data=True) for a in d.get("agreements", ())}),
        "density": nx.density(graph) if graph.number_of_nodes() > 1 else 0.0,
        "centralisation": freeman_centralisation(graph),
        "components": len(components),
        "largest_component": max((len(c) for c in components), default=0),
        "average_clustering": clustering,
        "transitivity": transitivity,
        "core_k": top,
        "core_size": sum(1 for value in cores.values() if value == top),
    }


def core_periphery(graph: nx.Graph, *, engine: str | None = None) -> dict[Any, str]:
    """Each party as "core" (in the main k-core) or "periphery".

    Examples
    --------
    >>> g = nx.complete_graph(4); g.add_edge(3, 4)
    >>> core_periphery(g)[4]
    'periphery'
    """
    cores = engines.core_numbers(graph, engines.chosen(engine))
    top = max(cores.values(), default=0)
    return {node: "core" if value == top else "periphery" for node, value in cores.items()}


@dataclass(frozen=True)
class Community:
    number: int
    members: list[Any]
    regions: list[tuple[str, int]]  # the dominant regions and their member counts


def communities(
    graph: nx.Graph,
    *,
    seed: int = 0,
    level: str = "province",
    resolution: float = 1.0,
    engine: str | None = None,
) -> tuple[list[Community], float]:
    """Louvain communities (seeded, so the same graph gives the same communities with the
    same ``engine``) and their modularity; each labelled by the regions at ``level`` most
    of its members lie in.

    Examples
    --------
    >>> g = nx.barbell_graph(4, 0)
    >>> found, q = communities(g)
    >>> sorted(len(c.members) for c in found), round(q, 3)
    ([4, 4], 0.423)
    """
    if graph.number_of_edges() == 0:
        return [], 0.0
    parts = engines.louvain(graph, engines.chosen(engine), seed, resolution)
    quality = nx.community.modularity(graph, parts, weight="weight", resolution=resolution)
    regions = graph.graph.get("regions")
    found = []
    for number, members in enumerate(sorted(parts, key=lambda p: (-len(p), sorted(map(str, p))))):
        counts: Counter[str] = Counter()
        for node in members:
            names = regions.at(node, level) if regions else []
            counts.update(names or [graph.nodes[node].get("region") or "unknown"])
        found.append(Community(number + 1, sorted(members, key=str), counts.most_common(3)))
    return found, quality


def region_of(graph: nx.Graph, node: Any, level: str) -> list[str]:
    regions = graph.graph.get("regions")
    names = regions.at(node, level) if regions else []
    return names or ([graph.nodes[node]["region"]] if graph.nodes[node].get("region") else [])


def brokers(graph: nx.Graph, *, level: str = "province") -> list[dict[str, Any]]:
    """Parties whose partners span regions: how many regions at ``level`` their partners
    lie in, and the participation coefficient over those regions, 1 - sum over regions of
    (partners there / partners)^2 (0: all in one region; towards 1: spread evenly).

    Examples
    --------
    >>> g = nx.star_graph(2)
    >>> for n, r in enumerate(["Hub", "East", "West"]):
    ...     g.nodes[n].update(name=r, region=r)
    >>> brokers(g)[0]["participation"]
    0.5
    """
    rows = []
    for node in graph:
        partners = list(graph.neighbors(node))
        if not partners:
            continue
        counts: Counter[str] = Counter()
        for partner in partners:
            counts.update(region_of(graph, partner, level) or ["unknown"])
        total = sum(counts.values())
        rows.append(
            {
                "id": node,
                "name": graph.nodes[node].get("name", node),
                "region": graph.nodes[node].get("region"),
                "partners": len(partners),
                "partner_regions": len(counts),
                "participation": 1 - sum((c / total) ** 2 for c in counts.values()),
                "regions": [name for name, _ in counts.most_common()],
            }
        )
    rows.sort(key=lambda row: (-row["partner_regions"], -row["participation"], row["name"]))
    return rows


def region_matrix(graph: nx.Graph, *, level: str = "province") -> dict[str, Any]:
    """Agreements between regions at ``level``, with what random mixing would give.

    An agreement counts once for each pair of regions its partner pairs join. With S_a the
    ends of those links in region a and T the links, random mixing expects
    S_a * S_b / (2T) links between a and b, and S_a^2 / (4T) within a; ``ratio`` is
    observed / expected. ``intra_share`` is the share of links within one region.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_nodes_from([(1, {"region": "A"}), (2, {"region": "A"}), (3, {"region": "B"})])
    >>> g.add_edge(1, 2, agreements={"x": 2020}); g.add_edge(1, 3, agreements={"y": 2021})
    >>> m = region_matrix(g)
    >>> [(r["region_a"], r["region_b"], r["agreements"]) for r in m["rows"]], m["intra_share"]
    ([('A', 'A', 1), ('A', 'B', 1)], 0.5)
    """
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        for a in region_of(graph, u, level) or ["unknown"]:
            for b in region_of(graph, v, level) or ["unknown"]:
                pair = (a, b) if a <= b else (b, a)
                links[pair].update(data.get("agreements", ()))
    observed = {pair: len(ids) for pair, ids in links.items()}
    total = sum(observed.values())
    ends: Counter[str] = Counter()
    for (a, b), count in observed.items():
        ends[a] += count
        ends[b] += count
    rows = []
    for (a, b), count in sorted(observed.items(), key=lambda item: (-item[1], item[0])):
        expected = ends[a] ** 2 / (4 * total) if a == b else ends[a] * ends[b] / (2 * total)
        rows.append(
            {
                "region_a": a,
                "region_b": b,
                "agreements": count,
                "expected": expected,
                "ratio": count / expected if expected else None,
            }
        )
    intra = sum(count for (a, b), count in observed.items() if a == b)
    return {"rows": rows, "intra_share": intra / total if total else 0.0, "links": total}


def timeline(graph: nx.Graph) -> list[dict[str, Any]]:
    """Per year: agreements dated that year, parties active, parties new that year, the
    cumulative network's size and density, and growth of agreements on the year before.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge(1, 2, agreements={"x": 2020}); g.add_edge(2, 3, agreements={"y": 2021})
    >>> [(r["year"], r["agreements"], r["new_parties"]) for r in timeline(g)]
    [(2020, 1, 2), (2021, 1, 1)]
    """
    by_year: dict[int, set[str]] = defaultdict(set)
    pairs_by_year: dict[int, set[tuple[Any, Any]]] = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        for agreement, year in data.get("agreements", {}).items():
            if year is not None:
                by_year[year].add(agreement)
                pairs_by_year[year].add((u, v))
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    cumulative = nx.Graph()
    previous = None
    for year in sorted(by_year):
        active = {node for pair in pairs_by_year[year] for node in pair}
        cumulative.add_edges_from(pairs_by_year[year])
        count = len(by_year[year])
        rows.append(
            {
                "year": year,
                "agreements": count,
                "active_parties": len(active),
                "new_parties": len(active - seen),
                "parties": cumulative.number_of_nodes(),
                "partner_pairs": cumulative.number_of_edges(),
                "density": nx.density(cumulative) if cumulative.number_of_nodes() > 1 else 0.0,
                "growth": (count - previous) / previous if previous else None,
            }
        )
        seen |= active
        previous = count
    return rows


def pivot(
    rows: list[dict[str, Any]], value: str = "agreements", a: str = "region_a", b: str = "region_b"
) -> list[dict[str, Any]]:
    """Pairs of regions as a region-by-region grid: one row and one column per region, the
    most linked first, each cell the pair's ``value`` (the same both ways; None where there
    is none).

    Examples
    --------
    >>> pivot([{"region_a": "A", "region_b": "B", "agreements": 3},
    ...        {"region_a": "A", "region_b": "A", "agreements": 1}])
    [{'region': 'A', 'A': 1, 'B': 3}, {'region': 'B', 'A': 3, 'B': None}]
    """
    cells: dict[tuple[str, str], Any] = {}
    totals: Counter[str] = Counter()
    for row in rows:
        x, y = row[a], row[b]
        cells[(x, y)] = cells[(y, x)] = row[value]
        totals[x] += row[value]
        if y != x:
            totals[y] += row[value]
    regions = sorted(totals, key=lambda region: (-totals[region], region))
    return [{"region": x, **{y: cells.get((x, y)) for y in regions}} for x in regions]
