"""The NetworkX view of a store: what canned-query twins, analyses and exports read."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from educoop.graph.schema import EdgeRow, NodeRow


def build_graph(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]) -> nx.MultiDiGraph:
    """A MultiDiGraph with one node per store node and one edge per relationship.

    Node attributes are the node's properties plus ``label``; edge attributes are the
    relationship's properties plus ``type``. Edge keys are ``TYPE|key``, so parallel
    relationships of different types or agreements stay apart.

    Examples
    --------
    >>> from educoop.graph.schema import EdgeRow, Label, NodeRow, RelType
    >>> g = build_graph([NodeRow(Label.REGION, "r", {"name": "Jiangmen"})],
    ...                 [EdgeRow(RelType.PART_OF, "r", "p", "", {})])
    >>> g.nodes["r"]["label"], list(g.edges(keys=True))
    ('Region', [('r', 'p', 'PART_OF|')])
    """
    graph = nx.MultiDiGraph()
    for node in nodes:
        graph.add_node(node.id, label=str(node.label), **node.props)
    for edge in edges:
        graph.add_edge(
            edge.src, edge.dst, key=f"{edge.type}|{edge.key}", type=str(edge.type), **edge.props
        )
    return graph
