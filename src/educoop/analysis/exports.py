"""The partner network with its measures, for Gephi and Cytoscape."""

from __future__ import annotations

import networkx as nx

from educoop.analysis import measures
from educoop.analysis.arrays import Network, as_network
from educoop.graph.lookup import find, named_in


def network_with_measures(graph: Network, *, seed: int = 0) -> nx.Graph:
    """The partner network ``graph`` (``educoop.analysis.network``), each party carrying
    its region, kind, centralities, community and core membership, each link its number
    of agreements and their kinds.

    Returned undirected, one edge per pair; ``label`` is the party's name (what Gephi
    shows), ``type`` (and ``party``) says Institution or Region, as ``type`` does in the
    whole graph's GraphML and GEXF exports.
    """
    network = as_network(graph)
    scores = {row["id"]: row for row in measures.centralities(network, seed=seed).rows}
    found, _ = measures.communities(network, seed=seed)
    community = {member: c.number for c in found for member in c.members}
    core = measures.core_periphery(network) if network.size else {}
    out = nx.Graph()
    for party in network.in_order():
        node, attrs = network.nodes[party], network.attrs[party]
        row = scores.get(node, {})
        out.add_node(
            node,
            name=attrs.get("name"),
            label=attrs.get("name"),
            type=attrs.get("label"),
            party=attrs.get("label"),
            kind=attrs.get("kind"),
            region=attrs.get("region"),
            degree=row.get("degree", 0),
            weighted_degree=row.get("weighted_degree", 0),
            betweenness=row.get("betweenness", 0.0),
            eigenvector=row.get("eigenvector", 0.0),
            pagerank=row.get("pagerank", 0.0),
            closeness=row.get("closeness", 0.0),
            community=community.get(node, 0),
            core=core.get(node, "periphery"),
        )
    for link, (a, b) in enumerate(network.ends.T.tolist()):
        out.add_edge(
            network.nodes[a],
            network.nodes[b],
            type="PARTNERS",
            weight=network.weights[link].item(),
            kinds=list(network.kinds[link]),
        )
    return out


def ego_network(graph: nx.Graph, name: str, radius: int) -> nx.Graph:
    """The parties within ``radius`` steps of the party called ``name`` (by any of its
    names, or its id; see ``educoop.graph.lookup``)."""
    centre = find(named_in(graph), name, "party")
    return graph.subgraph(nx.ego_graph(graph, centre.id, radius=radius)).copy()
