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
from functools import cache
from typing import Any

import networkx as nx

from educoop.analysis.arrays import Network, as_network
from educoop.errors import EducoopError

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


def _seeded(seed: int) -> Any:
    nk = _nk()
    nk.engineering.setSeed(seed, False)
    return nk


def betweenness(graph: Network, engine: str, sample: int | None, seed: int) -> dict[Any, float]:
    """Normalised betweenness, unweighted: exact, or estimated from ``sample`` sources
    (NetworkX draws them with ``seed``; networkit's estimate draws its own, seeded)."""
    network = as_network(graph)
    if engine == "networkx":
        return nx.betweenness_centrality(network.graph(), k=sample, seed=seed if sample else None)
    nk = _seeded(seed)
    _, unweighted = network.engine_graphs(nk)
    if sample:
        run = nk.centrality.EstimateBetweenness(unweighted, sample, True, False)
    else:
        run = nk.centrality.Betweenness(unweighted, normalized=True)
    run.run()
    return network.values(run.scores())


def closeness(graph: Network, engine: str) -> dict[Any, float]:
    """Exact closeness, unweighted, scaled by each component's share (Wasserman and
    Faust, as NetworkX's ``closeness_centrality``)."""
    network = as_network(graph)
    if engine == "networkx":
        return nx.closeness_centrality(network.graph())
    nk = _nk()
    _, unweighted = network.engine_graphs(nk)
    run = nk.centrality.Closeness(unweighted, True, nk.centrality.ClosenessVariant.GENERALIZED)
    run.run()
    return network.values(run.scores())


def distance_sums(
    graph: Network, engine: str, sources: list[Any]
) -> tuple[dict[Any, int], dict[Any, int]]:
    """For every node, the sum of its hop distances to the ``sources`` that reach it (but
    itself), and how many do."""
    network = as_network(graph)
    if engine == "networkx":
        reference = network.graph()
        total: dict[Any, int] = dict.fromkeys(reference, 0)
        reached: dict[Any, int] = dict.fromkeys(reference, 0)
        for source in sources:
            lengths = nx.single_source_shortest_path_length(reference, source)
            for node, distance in lengths.items():
                if node != source:
                    total[node] += distance
                    reached[node] += 1
        return total, reached
    import numpy as np

    sums = np.zeros(network.size, dtype=np.int64)
    counts = np.zeros(network.size, dtype=np.int64)
    _, unweighted = network.engine_graphs(_nk())
    for source in sources:
        search = _nk().distance.BFS(unweighted, network.number(source), False)
        search.run()
        found = np.asarray(search.getDistances())
        reach = found < np.finfo(np.float64).max
        reach[network.number(source)] = False
        sums[reach] += found[reach].astype(np.int64)
        counts[reach] += 1
    return (
        {node: int(value) for node, value in zip(network.nodes, sums, strict=True)},
        {node: int(value) for node, value in zip(network.nodes, counts, strict=True)},
    )


def pagerank(graph: Network, engine: str) -> dict[Any, float]:
    """PageRank (damping 0.85) over the weighted links."""
    network = as_network(graph)
    # A party with no link is a sink, whose rank NetworkX spreads over every node and
    # networkit's sink handling spreads otherwise: NetworkX answers for such a graph.
    if engine == "networkx" or not network.degrees().all():
        return nx.pagerank(network.graph(), weight="weight")
    weighted, _ = network.engine_graphs(_nk())
    run = _nk().centrality.PageRank(weighted, damp=0.85, tol=1e-10)
    run.run()
    return network.values(run.scores())


def eigenvector(graph: Network) -> dict[Any, float]:
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
    from scipy.sparse.linalg import eigsh

    network = as_network(graph)
    if network.size == 0:
        return {}
    matrix = network.matrix()
    labels = network.components()
    count = int(labels.max()) + 1
    values = np.zeros(network.size)
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
        values[members] = vector * len(members) / network.size
    return network.values(values)


# Components up to this size are solved densely (ARPACK wants more nodes than vectors).
_DENSE = 32


def louvain(graph: Network, engine: str, seed: int, resolution: float) -> list[set[Any]]:
    """Louvain communities over the weighted links, seeded."""
    network = as_network(graph)
    if engine == "networkx":
        return nx.community.louvain_communities(
            network.graph(), weight="weight", seed=seed, resolution=resolution
        )
    nk = _seeded(seed)
    weighted, _ = network.engine_graphs(nk)
    run = nk.community.PLM(weighted, refine=False, gamma=resolution, par="none")
    run.run()
    members: dict[int, set[Any]] = {}
    for node, community in zip(network.nodes, run.getPartition().getVector(), strict=True):
        members.setdefault(community, set()).add(node)
    return list(members.values())


def core_numbers(graph: Network, engine: str) -> dict[Any, int]:
    """Each node's core number (the largest k of a k-core it belongs to)."""
    network = as_network(graph)
    if engine == "networkx":
        return nx.core_number(network.graph())
    _, unweighted = network.engine_graphs(_nk())
    run = _nk().centrality.CoreDecomposition(unweighted)
    run.run()
    return {node: int(value) for node, value in network.values(run.scores()).items()}


def clustering(graph: Network, engine: str) -> tuple[float, float]:
    """The average local clustering coefficient (nodes of degree below 2 count as 0) and
    the transitivity (the global coefficient)."""
    network = as_network(graph)
    if engine == "networkx":
        return nx.average_clustering(network.graph()), nx.transitivity(network.graph())
    _, unweighted = network.engine_graphs(_nk())
    coefficient = _nk().globals.ClusteringCoefficient
    local = coefficient.sequentialAvgLocal(unweighted)
    # networkit averages over nodes of degree 2 and more; NetworkX over every node.
    eligible = int((network.degrees() >= 2).sum())
    average = local * eligible / network.size if network.size else 0.0
    return average, coefficient.exactGlobal(unweighted)


def sample_of(graph: Network, sample: int, seed: int) -> list[Any]:
    """``sample`` nodes drawn with ``seed`` from the nodes in the order of their names."""
    return random.Random(seed).sample(as_network(graph).nodes, sample)
