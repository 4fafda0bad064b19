"""Network measures of cooperation, as pure functions over the partner network: a
``PartnerNetwork`` (``educoop.analysis.arrays``, what reports read) or an undirected
weighted NetworkX graph (``cooperation_graph``), where edge ``weight`` is the number of
agreements between two parties.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from educoop.analysis import engine as engines
from educoop.analysis.arrays import UNDATED, Network, PartnerNetwork, as_network

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


def freeman_centralisation(graph: Network) -> float:
    """Freeman's degree centralisation: how far the network is from a star (1.0) towards a
    graph where every node has the same degree (0.0).

    Examples
    --------
    >>> freeman_centralisation(nx.star_graph(4))
    1.0
    >>> freeman_centralisation(nx.cycle_graph(5))
    0.0
    """
    network = as_network(graph)
    n = network.size
    if n < 3:
        return 0.0
    degrees = network.degrees().tolist()
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def centralities(
    graph: Network, *, sample: int | None = None, seed: int | None = 0, engine: str | None = None
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
    network = as_network(graph)
    if network.size == 0:
        return Centralities([], None, engine)
    seed = seed or 0
    work = network.size * network.links
    if sample is None and work > EXACT_BETWEENNESS_WORK[engine]:
        sample = LARGE_GRAPH_SAMPLE
    sample = min(sample, network.size) if sample else None
    between = engines.betweenness(network, engine, sample, seed)
    eigen = engines.eigenvector(network)
    rank = engines.pagerank(network, engine)
    if sample:
        sources = engines.sample_of(network, sample, seed)
        close = sampled_closeness(network, sources, engine=engine)
    else:
        close = engines.closeness(network, engine)
    degrees = network.degrees().tolist()
    weighted = network.degrees(weighted=True).tolist()
    rows = []
    for position in network.in_order():
        node, attrs = network.nodes[position], network.attrs[position]
        rows.append(
            {
                "id": node,
                "name": attrs.get("name", node),
                "region": attrs.get("region"),
                "degree": degrees[position],
                "weighted_degree": weighted[position],
                "betweenness": between[node],
                "eigenvector": eigen[node],
                "pagerank": rank[node],
                "closeness": close[node],
            }
        )
    rows.sort(key=lambda row: (-row["weighted_degree"], -row["betweenness"], row["name"]))
    return Centralities(rows, sample, engine)


def sampled_closeness(
    graph: Network, sources: list[Any], *, engine: str | None = None
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
    network = as_network(graph)
    n = network.size
    total, reached = engines.distance_sums(network, engines.chosen(engine), sources)
    labels = network.components()
    sizes = np.bincount(labels)[labels].tolist()
    return {
        node: (reached[node] / total[node]) * (size - 1) / (n - 1) if total[node] and n > 1 else 0.0
        for node, size in zip(network.nodes, sizes, strict=True)
    }


def density(parties: int, links: int) -> float:
    """The share of possible links present, as NetworkX's ``density`` of an undirected
    graph.

    Examples
    --------
    >>> density(4, 6), density(1, 0)
    (1.0, 0.0)
    """
    if links == 0 or parties <= 1:
        return 0.0
    return links / (parties * (parties - 1)) * 2


def summary(graph: Network, *, engine: str | None = None) -> dict[str, Any]:
    """Network-level figures: size, density, Freeman centralisation, components,
    clustering, and the core (the main k-core).

    Examples
    --------
    >>> summary(nx.complete_graph(4))["density"]
    1.0
    """
    engine = engines.chosen(engine)
    network = as_network(graph)
    sizes = np.bincount(network.components()) if network.size else np.zeros(0, dtype=np.int64)
    cores = engines.core_numbers(network, engine) if network.size else {}
    clustering, transitivity = engines.clustering(network, engine) if network.size else (0.0, 0.0)
    top = max(cores.values(), default=0)
    return {
        "parties": network.size,
        "partner_pairs": network.links,
        "agreements": len(np.unique(network.members)),
        "density": density(network.size, network.links),
        "centralisation": freeman_centralisation(network),
        "components": len(sizes),
        "largest_component": int(sizes.max(initial=0)),
        "average_clustering": clustering,
        "transitivity": transitivity,
        "core_k": top,
        "core_size": sum(1 for value in cores.values() if value == top),
    }


def core_periphery(graph: Network, *, engine: str | None = None) -> dict[Any, str]:
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
    graph: Network,
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
    network = as_network(graph)
    if network.links == 0:
        return [], 0.0
    parts = engines.louvain(network, engines.chosen(engine), seed, resolution)
    quality = modularity(network, parts, resolution=resolution)
    found = []
    for number, members in enumerate(sorted(parts, key=lambda p: (-len(p), sorted(map(str, p))))):
        counts: Counter[str] = Counter()
        ordered = sorted(members, key=str)  # not the set's order, which the hash seed sets
        for node in ordered:
            counts.update(_regions_at(network, network.number(node), level) or ["unknown"])
        found.append(Community(number + 1, ordered, counts.most_common(3)))
    return found, quality


def modularity(graph: Network, parts: list[set[Any]], *, resolution: float = 1.0) -> float:
    """Newman's modularity of the partition ``parts`` over the weighted links, as
    NetworkX's ``modularity``: the sum over parts of their share of the links' weight less
    ``resolution`` times the square of their share of the weighted degrees.

    Examples
    --------
    >>> g = nx.barbell_graph(3, 0)
    >>> round(modularity(g, [{0, 1, 2}, {3, 4, 5}]), 4)
    0.3571
    """
    network = as_network(graph)
    part = np.empty(network.size, dtype=np.int64)
    for number, members in enumerate(parts):
        part[[network.number(node) for node in members]] = number
    weights = network.weights.astype(np.float64)
    total = weights.sum()
    inside = part[network.ends[0]] == part[network.ends[1]]
    within = np.bincount(
        part[network.ends[0]][inside], weights=weights[inside], minlength=len(parts)
    )
    degrees = np.bincount(part, weights=network.degrees(weighted=True), minlength=len(parts))
    return float((within / total - resolution * (degrees / (2 * total)) ** 2).sum())


def _regions_at(network: PartnerNetwork, position: int, level: str) -> list[str]:
    """The regions at ``level`` a party lies in, else its smallest region."""
    names = network.regions.at(network.nodes[position], level) if network.regions else []
    smallest = network.attrs[position].get("region")
    return names or ([smallest] if smallest else [])


def _places_at(network: PartnerNetwork, level: str) -> list[list[str]]:
    """Each party's regions at ``level`` (or "unknown"), by party number."""
    return [_regions_at(network, party, level) or ["unknown"] for party in range(network.size)]


def brokers(graph: Network, *, level: str = "province") -> list[dict[str, Any]]:
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
    network = as_network(graph)
    places = _places_at(network, level)
    rows = []
    for position in network.in_order():
        partners = network.neighbours(position).tolist()
        if not partners:
            continue
        counts: Counter[str] = Counter()
        for partner in partners:
            counts.update(places[partner])
        total = sum(counts.values())
        attrs = network.attrs[position]
        rows.append(
            {
                "id": network.nodes[position],
                "name": attrs.get("name", network.nodes[position]),
                "region": attrs.get("region"),
                "partners": len(partners),
                "partner_regions": len(counts),
                "participation": 1 - sum((c / total) ** 2 for c in counts.values()),
                "regions": [name for name, _ in counts.most_common()],
            }
        )
    rows.sort(key=lambda row: (-row["partner_regions"], -row["participation"], row["name"]))
    return rows


def region_matrix(graph: Network, *, level: str = "province") -> dict[str, Any]:
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
    network = as_network(graph)
    places = _places_at(network, level)
    links: dict[tuple[str, str], set[int]] = defaultdict(set)
    bounds = network.offsets.tolist()
    for link, (u, v) in enumerate(network.ends.T.tolist()):
        agreements = network.members[bounds[link] : bounds[link + 1]].tolist()
        for a in places[u]:
            for b in places[v]:
                links[(a, b) if a <= b else (b, a)].update(agreements)
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


def timeline(graph: Network) -> list[dict[str, Any]]:
    """Per year: agreements dated that year, parties active, parties new that year, the
    cumulative network's size and density, and growth of agreements on the year before.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge(1, 2, agreements={"x": 2020}); g.add_edge(2, 3, agreements={"y": 2021})
    >>> [(r["year"], r["agreements"], r["new_parties"]) for r in timeline(g)]
    [(2020, 1, 2), (2021, 1, 1)]
    """
    network = as_network(graph)
    # One row per link and dated agreement on it.
    link = np.repeat(np.arange(network.links), np.diff(network.offsets))
    year = network.years
    dated = year != UNDATED
    link, agreement, year = link[dated], network.members[dated], year[dated]
    # A link, and a party, joins the network in the first year one of its agreements is dated.
    link_first = np.full(network.links, np.iinfo(np.int64).max)
    np.minimum.at(link_first, link, year)
    party_first = np.full(network.size, np.iinfo(np.int64).max)
    for end in network.ends:
        np.minimum.at(party_first, end, link_first)
    rows: list[dict[str, Any]] = []
    previous = None
    for current in np.unique(year).tolist():
        this_year = year == current
        links_now = np.unique(link[this_year])
        active = np.unique(network.ends[:, links_now])
        parties = int((party_first <= current).sum())
        count = len(np.unique(agreement[this_year]))
        rows.append(
            {
                "year": current,
                "agreements": count,
                "active_parties": len(active),
                "new_parties": int((party_first[active] == current).sum()),
                "parties": parties,
                "partner_pairs": int((link_first <= current).sum()),
                "density": density(parties, int((link_first <= current).sum())),
                "growth": (count - previous) / previous if previous else None,
            }
        )
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
