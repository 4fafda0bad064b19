"""The NetworkX view of a store: what canned-query twins, analyses and exports read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx

from educoop.graph.schema import EdgeRow, GraphBatch, Label, NodeRow, RelType


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


def batches_from_graph(graph: nx.MultiDiGraph, size: int = 50_000) -> Iterator[GraphBatch]:
    """The graph as batches of at most ``size`` rows: every node first, then the edges, so
    each batch's edges meet nodes already written. Used to copy one store into another."""
    batch = GraphBatch(source="copy")
    for node, attrs in graph.nodes(data=True):
        props = {k: v for k, v in attrs.items() if k != "label"}
        batch.add_node(Label(attrs["label"]), node, props)
        if len(batch.nodes) >= size:
            yield batch
            batch = GraphBatch(source="copy")
    for src, dst, key, attrs in graph.edges(keys=True, data=True):
        props = {k: v for k, v in attrs.items() if k != "type"}
        batch.add_edge(RelType(attrs["type"]), src, dst, key.split("|", 1)[1], props)
        if len(batch.nodes) + len(batch.edges) >= size:
            yield batch
            batch = GraphBatch(source="copy")
    if batch.nodes or batch.edges:
        yield batch
