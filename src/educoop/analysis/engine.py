"""The engines that compute the network measures: NetworkX, the reference, always there;
networkit (MIT licence, C++), when installed (``pip install 'educoop[fast]'``), 20 to 100
times faster on large networks (BENCHMARKS.md#the-network-measures).

``EDUCOOP_ENGINE`` (or ``report --engine``) names one: ``networkx``, ``networkit``, or
``auto`` (the default: networkit when it is installed). Both give the same exact values
(tests/analysis/test_engine.py); where a measure is estimated or searched (betweenness from
sampled sources, Louvain), each engine is deterministic, but the two may differ, so reports
name the engine that computed them.

networkit runs on one thread here, with its seed set before every randomised run: parallel
sums of floating-point numbers come out in a different order from run to run, and the same
input must give the same output, byte for byte.
"""

from __future__ import annotations

import os
import random
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import networkx as nx

from educoop.errors import EducoopError
from educoop.graph.nxview import view_index

ENGINES = ("auto", "networkx", "networkit")


@cache
def _networkit() -> Any | None:
    try:
        import networkit
    except ImportError:
        return None
    networkit.engineering.setNumberOfThreads(1)
    networkit.engineering.setLogLevel("ERROR")
    return networkit


def _nk() -> Any:
    """networkit, once ``chosen`` has found it installed."""
    found = _networkit()
    if found is None:  # pragma: no cover - chosen() refuses the engine first
        raise EducoopError("the networkit engine is not installed: pip install 'educoop[fast]'")
    return found


def chosen(name: str | None = None) -> str:
    """The engine to use: ``name``, else ``EDUCOOP_ENGINE``, else networkit when installed.

    Examples
    --------
    >>> chosen("networkx")
    'networkx'
    """
    name = (name or os.environ.get("EDUCOOP_ENGINE") or "auto").strip().lower()
    if name not in ENGINES:
        raise EducoopError(f"no network engine {name!r}: choose one of {', '.join(ENGINES)}")
    if name == "auto":
        return "networkit" if _networkit() is not None else "networkx"
    if name == "networkit" and _networkit() is None:
        raise EducoopError(
            "the networkit engine is not installed: pip install 'educoop[fast]', "
            "or choose --engine networkx"
        )
    return name


def described(name: str) -> str:
    """The engine with its version, for a report's notes."""
    if name == "networkit":
        return f"networkit {_nk().__version__}"
    return f"NetworkX {nx.__version__}"


@dataclass
class _Indexed:
    """A NetworkX graph as arrays: nodes numbered in the order of their names, each link's
    two ends and its ``weight`` (1 when missing); in networkit, weighted and, for path
    measures, unweighted, made when first asked for."""

    nodes: list[Hashable]
    ends: Any  # numpy (2, links) of node numbers
    weights: Any  # numpy (links,)
    _networkit: tuple[Any, Any] | None = None

    @classmethod
    def of(cls, graph: nx.Graph) -> _Indexed:
        import numpy as np

        nodes = sorted(graph, key=str)
        index = {node: number for number, node in enumerate(nodes)}
        size = graph.number_of_edges()
        ends = np.empty((2, size), dtype=np.int64)
        weights = np.empty(size, dtype=np.float64)
        for position, (u, v, weight) in enumerate(graph.edges(data="weight", default=1)):
            ends[0, position], ends[1, position] = index[u], index[v]
            weights[position] = weight
        return cls(nodes, ends, weights)

    def _graphs(self) -> tuple[Any, Any]:
        if self._networkit is None:
            nk = _nk()
            ends = self.ends.astype("uint64")
            weighted = nk.GraphFromCoo(
                (self.weights, (ends[0], ends[1])), n=len(self.nodes), directed=False, weighted=True
            )
            self._networkit = (weighted, nk.graphtools.toUnweighted(weighted))
        return self._networkit

    @property
    def weighted(self) -> Any:
        return self._graphs()[0]

    @property
    def unweighted(self) -> Any:
        return self._graphs()[1]

    def matrix(self) -> Any:
        """The symmetric weighted adjacency matrix (SciPy CSR)."""
        import numpy as np
        from scipy.sparse import coo_array

        size = len(self.nodes)
        # Each link both ways; a loop once, on the diagonal.
        other = self.ends[0] != self.ends[1]
        rows = np.concatenate([self.ends[0], self.ends[1][other]])
        cols = np.concatenate([self.ends[1], self.ends[0][other]])
        data = np.concatenate([self.weights, self.weights[other]])
        return coo_array((data, (rows, cols)), shape=(size, size)).tocsr()

    def values(self, scores: Iterable[float]) -> dict[Hashable, float]:
        return {node: float(score) for node, score in zip(self.nodes, scores, strict=True)}


def _indexed(graph: nx.Graph) -> _Indexed:
    # One conversion serves every measure of a report on the same graph; a graph changed
    # since, by its size, is converted again.
    size = f"arrays at {graph.number_of_nodes()} nodes {graph.number_of_edges()} links"
    return view_index(graph, size, _Indexed.of)


def _seeded(seed: int) -> Any:
    nk = _nk()
    nk.engineering.setSeed(seed, False)
    return nk


def betweenness(graph: nx.Graph, engine: str, sample: int | None, seed: int) -> dict[Any, float]:
    """Normalised betweenness, unweighted: exact, or estimated from ``sample`` sources
    (NetworkX draws them with ``seed``; networkit's estimate draws its own, seeded)."""
    if engine == "networkx":
        return nx.betweenness_centrality(graph, k=sample, seed=seed if sample else None)
    indexed = _indexed(graph)
    nk = _seeded(seed)
    if sample:
        run = nk.centrality.EstimateBetweenness(indexed.unweighted, sample, True, False)
    else:
        run = nk.centrality.Betweenness(indexed.unweighted, normalized=True)
    run.run()
    return indexed.values(run.scores())


def closeness(graph: nx.Graph, engine: str) -> dict[Any, float]:
    """Exact closeness, unweighted, scaled by each component's share (Wasserman and
    Faust, as NetworkX's ``closeness_centrality``)."""
    if engine == "networkx":
        return nx.closeness_centrality(graph)
    indexed = _indexed(graph)
    nk = _nk()
    run = nk.centrality.Closeness(
        indexed.unweighted, True, nk.centrality.ClosenessVariant.GENERALIZED
    )
    run.run()
    return indexed.values(run.scores())


def distance_sums(
    graph: nx.Graph, engine: str, sources: list[Any]
) -> tuple[dict[Any, int], dict[Any, int]]:
    """For every node, the sum of its hop distances to the ``sources`` that reach it (but
    itself), and how many do."""
    if engine == "networkx":
        total: dict[Any, int] = dict.fromkeys(graph, 0)
        reached: dict[Any, int] = dict.fromkeys(graph, 0)
        for source in sources:
            for node, distance in nx.single_source_shortest_path_length(graph, source).items():
                if node != source:
                    total[node] += distance
                    reached[node] += 1
        return total, reached
    import numpy as np

    indexed = _indexed(graph)
    number = {node: position for position, node in enumerate(indexed.nodes)}
    sums = np.zeros(len(indexed.nodes), dtype=np.int64)
    counts = np.zeros(len(indexed.nodes), dtype=np.int64)
    for source in sources:
        search = _nk().distance.BFS(indexed.unweighted, number[source], False)
        search.run()
        found = np.asarray(search.getDistances())
        reach = found < np.finfo(np.float64).max
        reach[number[source]] = False
        sums[reach] += found[reach].astype(np.int64)
        counts[reach] += 1
    return (
        {node: int(value) for node, value in zip(indexed.nodes, sums, strict=True)},
        {node: int(value) for node, value in zip(indexed.nodes, counts, strict=True)},
    )


def pagerank(graph: nx.Graph, engine: str) -> dict[Any, float]:
    """PageRank (damping 0.85) over the weighted links."""
    # A party with no link is a sink, whose rank NetworkX spreads over every node and
    # networkit's sink handling spreads otherwise: NetworkX answers for such a graph.
    if engine == "networkx" or any(degree == 0 for _, degree in graph.degree()):
        return nx.pagerank(graph, weight="weight")
    indexed = _indexed(graph)
    run = _nk().centrality.PageRank(indexed.weighted, damp=0.85, tol=1e-10)
    run.run()
    return indexed.values(run.scores())


def eigenvector(graph: nx.Graph) -> dict[Any, float]:
    """Weighted eigenvector centrality per connected component, each of unit length and
    scaled by the component's share of the parties, so that the two partners of a lone
    pair do not outrank the hub of the main component.

    SciPy's sparse solver for either engine (as NetworkX's ``eigenvector_centrality_numpy``
    on each component, but from a fixed start vector: ARPACK's own is random, and the last
    digits moved from run to run). networkit's power iteration never settles on a
    bipartite component (a star, a chain of sister schools).

    Examples
    --------
    >>> values = eigenvector(nx.path_graph(3))
    >>> round(values[1], 4), round(values[0], 4)
    (0.7071, 0.5)
    """
    import numpy as np
    from scipy.sparse.csgraph import connected_components
    from scipy.sparse.linalg import eigsh

    if graph.number_of_nodes() == 0:
        return {}
    indexed = _indexed(graph)
    matrix = indexed.matrix()
    count, labels = connected_components(matrix, directed=False)
    values = np.zeros(len(indexed.nodes))
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    for component in range(count):
        members = order[bounds[component] : bounds[component + 1]]
        if len(members) < 3:
            # Two partners (or one party) share the centrality evenly.
            vector = np.full(len(members), len(members) ** -0.5)
        elif len(members) <= _DENSE:
            part = matrix[members][:, members].toarray()
            vector = np.linalg.eigh(part)[1][:, -1]
        else:
            part = matrix[members][:, members]
            start = np.ones(len(members))
            vector = eigsh(part, k=1, which="LA", v0=start, tol=1e-12)[1][:, 0]
        vector = np.abs(vector) / np.linalg.norm(vector)
        values[members] = vector * len(members) / len(indexed.nodes)
    return indexed.values(values)


# Components up to this size are solved densely (ARPACK wants more nodes than vectors).
_DENSE = 32


def louvain(graph: nx.Graph, engine: str, seed: int, resolution: float) -> list[set[Any]]:
    """Louvain communities over the weighted links, seeded."""
    if engine == "networkx":
        return nx.community.louvain_communities(
            graph, weight="weight", seed=seed, resolution=resolution
        )
    indexed = _indexed(graph)
    nk = _seeded(seed)
    run = nk.community.PLM(indexed.weighted, refine=False, gamma=resolution, par="none")
    run.run()
    members: dict[int, set[Any]] = {}
    for node, community in zip(indexed.nodes, run.getPartition().getVector(), strict=True):
        members.setdefault(community, set()).add(node)
    return list(members.values())


def core_numbers(graph: nx.Graph, engine: str) -> dict[Any, int]:
    """Each node's core number (the largest k of a k-core it belongs to)."""
    if engine == "networkx":
        return nx.core_number(graph)
    indexed = _indexed(graph)
    run = _nk().centrality.CoreDecomposition(indexed.unweighted)
    run.run()
    return {node: int(value) for node, value in indexed.values(run.scores()).items()}


def clustering(graph: nx.Graph, engine: str) -> tuple[float, float]:
    """The average local clustering coefficient (nodes of degree below 2 count as 0) and
    the transitivity (the global coefficient)."""
    if engine == "networkx":
        return nx.average_clustering(graph), nx.transitivity(graph)
    indexed = _indexed(graph)
    coefficient = _nk().globals.ClusteringCoefficient
    local = coefficient.sequentialAvgLocal(indexed.unweighted)
    # networkit averages over nodes of degree 2 and more; NetworkX over every node.
    eligible = sum(1 for _, degree in graph.degree() if degree >= 2)
    average = local * eligible / graph.number_of_nodes() if graph.number_of_nodes() else 0.0
    return average, coefficient.exactGlobal(indexed.unweighted)


def sample_of(graph: nx.Graph, sample: int, seed: int) -> list[Any]:
    """``sample`` nodes drawn with ``seed`` from the nodes in the order of their names."""
    return random.Random(seed).sample(sorted(graph, key=str), sample)
