"""The NetworkX view of a store, what canned-query twins, analyses and exports read, and the
helpers they share: finding nodes by name, rolling up the region hierarchy, date windows."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple, TypeVar

import networkx as nx

from educoop.graph.schema import PARTNER_TYPES, EdgeRow, Label, NodeRow, RelType


def build_graph(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]) -> nx.MultiDiGraph:
    """A MultiDiGraph with one node per store node and one edge per relationship.

    Node attributes are the node's properties plus ``label``; edge attributes are the
    relationship's properties plus ``type``. Edge keys are ``TYPE|key``, so parallel
    relationships of different types or agreements stay apart.

    Examples
    --------
    >>> from educoop.graph.schema import PARTNER_TYPES, EdgeRow, Label, NodeRow, RelType
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


# Relationship types along which a node rolls up into the regions above it.
ROLL_UP = {str(RelType.LOCATED_IN), str(RelType.PART_OF), str(RelType.MEMBER_OF)}
# What the partner network is made of (``Store.partner_view``): the parties, their partner
# links, and the hierarchy that places them.
PARTNER_VIEW = (
    (Label.INSTITUTION, Label.REGION),
    (
        RelType.EXCHANGED_WITH,
        RelType.LOCATED_IN,
        RelType.MEMBER_OF,
        RelType.PART_OF,
        RelType.SIGNED_WITH,
    ),
)
# The parties and the hierarchy alone: what a partner network needs besides its links,
# which a store can stream (``Store.partner_links``).
HIERARCHY_VIEW = (PARTNER_VIEW[0], (RelType.LOCATED_IN, RelType.MEMBER_OF, RelType.PART_OF))


class PartnerLink(NamedTuple):
    """One partner relationship, with only what a partner network reads of it."""

    src: str
    dst: str
    agreement: str | None
    kind: str | None
    date: str | None
    date_start: str | None
    date_end: str | None
    confirmed: bool


PARTNER_LINK_FIELDS = PartnerLink._fields[2:]  # the properties, in the order of the tuple
_PARTNER = {str(rel_type) for rel_type in PARTNER_TYPES}


def links_in(view: nx.MultiDiGraph) -> Iterator[PartnerLink]:
    """The partner relationships of a view."""
    for src, dst, attrs in view.edges(data=True):
        if attrs.get("type") in _PARTNER:
            yield PartnerLink(
                src,
                dst,
                attrs.get("agreement"),
                attrs.get("kind"),
                attrs.get("date"),
                attrs.get("date_start"),
                attrs.get("date_end"),
                attrs.get("confirmed") is True,
            )


# Variable-length roll-ups in the Cypher stop at this many hops.
MAX_HOPS = 8


# Indexes of views, each built once per view by its name: a store keeps its view until the
# store changes, so a canned query or a page reads an index instead of scanning the graph.
_VIEW_INDEXES: weakref.WeakKeyDictionary[nx.Graph, dict[str, Any]] = weakref.WeakKeyDictionary()

T = TypeVar("T")
G = TypeVar("G", bound=nx.Graph)


def view_index(graph: G, name: str, build: Callable[[G], T]) -> T:
    """What ``build`` makes of ``graph``, built on first use and kept with the view.

    Examples
    --------
    >>> g = nx.MultiDiGraph(); g.add_node("a")
    >>> view_index(g, "size", len), view_index(g, "size", lambda _: -1)
    (1, 1)
    """
    indexes = _VIEW_INDEXES.setdefault(graph, {})
    if name not in indexes:
        indexes[name] = build(graph)
    found: T = indexes[name]
    return found


def _name_index(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for node, attrs in graph.nodes(data=True):
        names = {str(attrs.get("name", "")).lower(), str(node)}
        names.update(alias.lower() for alias in attrs.get("aliases") or ())
        if attrs.get("name_zh"):
            names.add(attrs["name_zh"])
        for name in names - {""}:
            index.setdefault(name, []).append(node)
    return index


def _places(graph: nx.MultiDiGraph) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for src, dst, kind in graph.edges(data="type"):
        if kind == str(RelType.LOCATED_IN):
            index.setdefault(src, []).append(str(graph.nodes[dst].get("name")))
    for names in index.values():
        names.sort()
    return index


def places_of(graph: nx.MultiDiGraph, node: str) -> list[str]:
    """The names of the regions ``node`` is LOCATED_IN, sorted."""
    return list(view_index(graph, "places", _places).get(node, ()))


def find_nodes(graph: nx.MultiDiGraph, name: str, labels: Iterable[Label]) -> list[str]:
    """The nodes of ``labels`` that go by ``name`` (name, alias, Chinese name or id, in any
    case)."""
    wanted = {str(label) for label in labels}
    index = view_index(graph, "names", _name_index)
    found = dict.fromkeys([*index.get(name.lower(), ()), *index.get(name, ())])
    return [node for node in found if graph.nodes[node].get("label") in wanted]


def roll_up(graph: nx.MultiDiGraph, start: str, *, upwards: bool) -> set[str]:
    """``start`` and every node reachable within MAX_HOPS along roll-up relationships: the
    regions above it (``upwards``), or the institutions and regions below it."""
    found = {start}
    frontier = [start]
    for _ in range(MAX_HOPS):
        edges = (
            ((dst, rel) for n in frontier for _s, dst, rel in graph.out_edges(n, data="type"))
            if upwards
            else ((src, rel) for n in frontier for src, _d, rel in graph.in_edges(n, data="type"))
        )
        frontier = [other for other, rel in edges if rel in ROLL_UP and other not in found]
        found.update(frontier)
        if not frontier:
            break
    return found


def members_of(graph: nx.MultiDiGraph, focus: str) -> frozenset[str]:
    """``focus`` and every node that rolls up into it (kept with the view: a province's
    members are thousands of parties, asked for by every query about it)."""
    return view_index(
        graph, f"members of {focus}", lambda g: frozenset(roll_up(g, focus, upwards=False))
    )


def in_window(attrs: dict[str, Any], since: str | None, until: str | None) -> bool:
    """Cypher's ``left(date_end, size($since)) >= $since`` and its ``until`` mirror: a date
    window of any precision overlaps the span the agreement's date may mean."""
    start, end = attrs.get("date_start"), attrs.get("date_end")
    if since is not None and (end is None or end[: len(since)] < since):
        return False
    return until is None or (start is not None and start[: len(until)] <= until)
