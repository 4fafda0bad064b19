"""Embedded twins of the canned Cypher queries: the same rows, computed on the NetworkX view.

Each function mirrors its ``NAME.cypher`` clause by clause; the parity test holds them to
the same answers on a real Neo4j server. Nulls sort last, as in Cypher.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from educoop.graph.nxview import (
    MAX_HOPS,
    find_nodes,
    in_window,
    members_of,
    places_of,
    roll_up,
    view_index,
)
from educoop.graph.schema import PARTNER_TYPES, Label, RelType

Row = dict[str, Any]

_PARTNER = {str(t) for t in PARTNER_TYPES}


def _partner_links(graph: nx.MultiDiGraph) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    links: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for src, dst, attrs in graph.edges(data=True):
        if attrs["type"] in _PARTNER:
            links.setdefault(src, []).append((dst, attrs))
            links.setdefault(dst, []).append((src, attrs))
    return links


def _links(graph: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each SIGNED_WITH / EXCHANGED_WITH of ``node``, either direction, with the other end."""
    yield from view_index(graph, "partner links", _partner_links).get(node, ())


def _nulls_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value)


def _min(values: Iterable[Any]) -> Any:
    present = [value for value in values if value is not None]
    return min(present) if present else None


def _max(values: Iterable[Any]) -> Any:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def _undated_agreements(graph: nx.MultiDiGraph) -> dict[str, tuple[Any, set[str]]]:
    """Every agreement with undated partner links: its kind and the parties they join."""
    found: dict[str, tuple[Any, set[str]]] = {}
    for src, dst, attrs in graph.edges(data=True):
        if attrs.get("type") in _PARTNER and attrs.get("date_start") is None:
            _kind, parties = found.setdefault(attrs.get("agreement"), (attrs.get("kind"), set()))
            parties.update((src, dst))
    return found


def undated(graph: nx.MultiDiGraph, focus: str | None = None, kind: str | None = None) -> int:
    """How many agreements a date window leaves out for having no date: those with a party
    under ``focus`` (a node id; every agreement when None), of ``kind`` when given. What
    ``partners`` and ``agreements`` drop silently when given ``since`` or ``until``."""
    members = members_of(graph, focus) if focus is not None else None
    return sum(
        1
        for agreement_kind, parties in view_index(graph, "undated", _undated_agreements).values()
        if (kind is None or agreement_kind == kind)
        and (members is None or not members.isdisjoint(parties))
    )


def partners(
    graph: nx.MultiDiGraph,
    name: str,
    kind: str | None = None,
    since: str | None = None,
    until: str | None = None,
    confirmed: str | None = None,
) -> list[Row]:
    members: set[str] = set()
    for focus in find_nodes(graph, name, (Label.INSTITUTION, Label.REGION)):
        members |= members_of(graph, focus)
    links: dict[str, list[dict[str, Any]]] = {}
    for member in members:
        for partner, attrs in _links(graph, member):
            if partner in members or (kind is not None and attrs.get("kind") != kind):
                continue
            if confirmed is not None and attrs.get("confirmed") is not True:
                continue
            if in_window(attrs, since, until):
                links.setdefault(partner, []).append(attrs)
    rows = []
    for partner, found in links.items():
        node = graph.nodes[partner]
        places = places_of(graph, partner)
        rows.append(
            {
                "partner": node.get("name"),
                "label": node["label"],
                "regions": places,
                "agreements": len({attrs["agreement"] for attrs in found}),
                "kinds": sorted({attrs["kind"] for attrs in found}),
                "first": _min(attrs.get("date") for attrs in found),
                "last": _max(attrs.get("date") for attrs in found),
                "id": partner,
            }
        )
    rows.sort(key=lambda row: (-row["agreements"], _nulls_last(row["partner"]), row["id"]))
    return rows


@dataclass(frozen=True)
class _Agreement:
    """An agreement as the ``agreements`` query filters and answers it."""

    attrs: dict[str, Any]
    parties: frozenset[str]
    row: Row


def _agreement_rows(graph: nx.MultiDiGraph) -> list[_Agreement]:
    """Every agreement with parties, its row made, in the query's order."""
    found = []
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] != Label.AGREEMENT:
            continue
        parties = [
            (rel_attrs["side"], graph.nodes[src].get("name"), src)
            for src, _dst, rel_attrs in graph.in_edges(node, data=True)
            if rel_attrs["type"] == RelType.PARTY_TO
        ]
        if not parties:
            continue
        sides: dict[int, list[str]] = {}
        for side, party_name, _src in sorted(parties, key=lambda p: (p[0], _nulls_last(p[1]))):
            sides.setdefault(side, []).append(party_name)
        out = {dst: rel_attrs["type"] for _src, dst, rel_attrs in graph.out_edges(node, data=True)}
        programme = next((d for d, t in out.items() if t == RelType.UNDER), None)
        row = {
            "id": node,
            "kind": attrs.get("kind"),
            "date": attrs.get("date"),
            "sides": [sides[side] for side in sorted(sides)],
            "programme": graph.nodes[programme].get("name") if programme else None,
            "sources": sum(1 for t in out.values() if t == RelType.REPORTED_IN),
        }
        found.append(_Agreement(attrs, frozenset(src for _, _, src in parties), row))
    found.sort(key=lambda a: (_nulls_last(a.row["date"]), a.row["id"]))
    return found


def _agreements_of(graph: nx.MultiDiGraph) -> dict[str, list[int]]:
    """Each party's agreements, as positions in ``_agreement_rows``."""
    index: dict[str, list[int]] = {}
    for position, agreement in enumerate(view_index(graph, "agreements", _agreement_rows)):
        for party in agreement.parties:
            index.setdefault(party, []).append(position)
    return index


def agreements(
    graph: nx.MultiDiGraph,
    kind: str | None = None,
    region: str | None = None,
    since: str | None = None,
    until: str | None = None,
    confirmed: str | None = None,
) -> list[Row]:
    table = view_index(graph, "agreements", _agreement_rows)
    chosen: Iterable[_Agreement] = table
    if region is not None:
        by_party = view_index(graph, "agreements of", _agreements_of)
        positions: set[int] = set()
        for place in find_nodes(graph, region, (Label.REGION,)):
            for member in members_of(graph, place):
                positions.update(by_party.get(member, ()))
        chosen = (table[position] for position in sorted(positions))
    return [
        {**agreement.row, "sides": [list(side) for side in agreement.row["sides"]]}
        for agreement in chosen
        if (kind is None or agreement.attrs.get("kind") == kind)
        and (confirmed is None or agreement.attrs.get("confirmed") is True)
        and in_window(agreement.attrs, since, until)
    ]


@dataclass(frozen=True)
class _Pair:
    """What two partners share: their agreements, kinds and first and last dates."""

    agreements: int
    kinds: tuple[str, ...]
    first: Any
    last: Any


def _pairs(graph: nx.MultiDiGraph) -> dict[str, dict[str, _Pair]]:
    """Every partner pair, from each end: ``pairs[x][y]``."""
    found: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for x, ends in view_index(graph, "partner links", _partner_links).items():
        for y, attrs in ends:
            if x < y:  # each link is listed from both its ends
                found.setdefault((x, y), []).append(attrs)
    pairs: dict[str, dict[str, _Pair]] = {}
    for (x, y), links in found.items():
        pair = _Pair(
            len({attrs["agreement"] for attrs in links}),
            tuple(sorted({attrs["kind"] for attrs in links})),
            _min(attrs.get("date") for attrs in links),
            _max(attrs.get("date") for attrs in links),
        )
        pairs.setdefault(x, {})[y] = pairs.setdefault(y, {})[x] = pair
    return pairs


def _partner_order(graph: nx.MultiDiGraph) -> tuple[dict[str, int], list[Any]]:
    """Each partner's place in the order rows sort by (its name, nulls last, then its id),
    and the names in that order: sorting a query's rows then compares small integers."""
    names = graph.nodes
    ordered = sorted(
        view_index(graph, "pairs", _pairs),
        key=lambda node: (_nulls_last(names[node].get("name")), node),
    )
    rank = {node: position for position, node in enumerate(ordered)}
    return rank, [names[node].get("name") for node in ordered]


# Answers of between-regions kept with the view, the latest first: one region pair's answer
# is thousands of rows at 100k agreements, and an analyst asks the same pair again (paging,
# changing the format); a view lives until the store changes.
_KEPT_BETWEEN = 32


def between_regions(graph: nx.MultiDiGraph, a: str, b: str) -> list[Row]:
    kept: OrderedDict[tuple[str, str], list[tuple[Any, ...]]] = view_index(
        graph, "between-regions answers", lambda _graph: OrderedDict()
    )
    if (a, b) in kept:
        kept.move_to_end((a, b))
    else:
        kept[(a, b)] = _between_regions(graph, a, b)
        if len(kept) > _KEPT_BETWEEN:
            kept.popitem(last=False)
    return [
        {
            "party_a": party_a,
            "party_b": party_b,
            "agreements": agreements,
            "kinds": list(kinds),
            "first": first,
            "last": last,
        }
        for party_a, party_b, agreements, kinds, first, last in kept[(a, b)]
    ]


def _between_regions(graph: nx.MultiDiGraph, a: str, b: str) -> list[tuple[Any, ...]]:
    """The rows of between-regions as tuples, in their order."""
    members_a: set[str] = set()
    for place in find_nodes(graph, a, (Label.REGION,)):
        members_a |= members_of(graph, place)
    members_b: set[str] = set()
    for place in find_nodes(graph, b, (Label.REGION,)):
        members_b |= members_of(graph, place)
    if not members_a or not members_b:
        return []
    pairs = view_index(graph, "pairs", _pairs)
    # From the side with fewer partners: each pair is found from either end.
    from_b = sum(len(pairs.get(n, ())) for n in members_b) < sum(
        len(pairs.get(n, ())) for n in members_a
    )
    starts, ends = (members_b, members_a) if from_b else (members_a, members_b)
    both = members_a & members_b
    rank, names = view_index(graph, "partner order", _partner_order)
    found: list[tuple[int, int, _Pair]] = []
    for start in starts:
        partners = pairs.get(start)
        if not partners:
            continue
        for other in partners.keys() & ends:
            x, y = (other, start) if from_b else (start, other)
            if both and x in both and y in both and x > y:
                continue  # a pair inside both regions is one row, not two
            found.append((rank[x], rank[y], partners[other]))
    found.sort(key=lambda row: (row[0], row[1]))
    return [
        (names[x], names[y], pair.agreements, pair.kinds, pair.first, pair.last)
        for x, y, pair in found
    ]


def programme(graph: nx.MultiDiGraph, name: str) -> list[Row]:
    rows = []
    for found in find_nodes(graph, name, (Label.PROGRAMME,)):
        roles: dict[str, list[str]] = {}
        deals: dict[str, set[str]] = {}
        for src, _dst, attrs in graph.in_edges(found, data=True):
            if attrs["type"] == RelType.PARTICIPATES_IN:
                roles.setdefault(src, []).append(attrs["role"])
            elif attrs["type"] == RelType.UNDER:
                for party, _agreement, rel in graph.in_edges(src, data="type"):
                    if rel == RelType.PARTY_TO:
                        deals.setdefault(party, set()).add(src)
        for member in roles.keys() | deals.keys():
            rows.append(
                {
                    "programme": graph.nodes[found].get("name"),
                    "participant": graph.nodes[member].get("name"),
                    "label": graph.nodes[member]["label"],
                    "roles": sorted(roles.get(member, [])),
                    "agreements": len(deals.get(member, ())),
                }
            )
    rows.sort(key=lambda row: (_nulls_last(row["programme"]), _nulls_last(row["participant"])))
    return rows


def _region_chain(graph: nx.MultiDiGraph, institution: str) -> list[str]:
    """The longest LOCATED_IN / PART_OF chain to a top region, as names (ties by names)."""
    chains = []

    def climb(node: str, names: list[str]) -> None:
        parents = [d for _s, d, rel in graph.out_edges(node, data="type") if rel == RelType.PART_OF]
        if not parents or len(names) > MAX_HOPS:
            if not parents:
                chains.append(names)
            return
        for parent in parents:
            climb(parent, [*names, graph.nodes[parent].get("name")])

    for _src, place, rel in graph.out_edges(institution, data="type"):
        if rel == RelType.LOCATED_IN:
            climb(place, [graph.nodes[place].get("name")])
    chains.sort(key=lambda names: (-len(names), names))
    return chains[0] if chains else []


def profile(graph: nx.MultiDiGraph, name: str) -> list[Row]:
    rows = []
    for found in find_nodes(graph, name, (Label.INSTITUTION,)):
        node = graph.nodes[found]
        deals = [
            dst for _s, dst, rel in graph.out_edges(found, data="type") if rel == RelType.PARTY_TO
        ]
        programmes = {
            dst
            for _s, dst, rel in graph.out_edges(found, data="type")
            if rel == RelType.PARTICIPATES_IN
        }
        sources = set()
        for deal in deals:
            for _s, dst, rel in graph.out_edges(deal, data="type"):
                if rel == RelType.UNDER:
                    programmes.add(dst)
                elif rel == RelType.REPORTED_IN:
                    sources.add(graph.nodes[dst].get("source"))
        rows.append(
            {
                "name": node.get("name"),
                "name_zh": node.get("name_zh"),
                "kind": node.get("kind"),
                "aliases": node.get("aliases"),
                "regions": _region_chain(graph, found),
                "agreements": len(set(deals)),
                "partners": sorted(
                    {graph.nodes[other].get("name") for other, _ in _links(graph, found)}
                ),
                "programmes": sorted({graph.nodes[p].get("name") for p in programmes}),
                "sources": sorted(sources),
            }
        )
    rows.sort(key=lambda row: _nulls_last(row["name"]))
    return rows


MAX_PATH_HOPS = 12
MAX_PATHS = 25


def _neighbours(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    return {
        node: {other for other, _attrs in links}
        for node, links in view_index(graph, "partner links", _partner_links).items()
    }


def shortest_routes(
    neighbours: dict[str, set[str]], source: str, target: str, most_hops: int
) -> list[list[str]]:
    """Every shortest route from ``source`` to ``target`` of at most ``most_hops`` links,
    sorted: breadth-first from both ends, a whole level of the smaller side at a time,
    until the two searches meet (they look at a few hundred parties where one search from
    ``source`` looks at most of the network).

    Examples
    --------
    >>> square = {"a": {"b", "c"}, "b": {"a", "d"}, "c": {"a", "d"}, "d": {"b", "c"}}
    >>> shortest_routes(square, "a", "d", 12)
    [['a', 'b', 'd'], ['a', 'c', 'd']]
    """
    if source == target:
        return [[source]]
    # Each side: every node it reached with its distance and its parents (towards that
    # side's end), and its last level.
    sides = [_Search(source), _Search(target)]
    while sum(side.depth for side in sides) < most_hops:
        this = min(sides, key=lambda side: len(side.level))
        other = sides[1] if this is sides[0] else sides[0]
        if not this.level:
            return []
        this.expand(neighbours)
        meeting = [node for node in this.level if node in other.distance]
        if meeting:
            total = {node: this.distance[node] + other.distance[node] for node in meeting}
            shortest = min(total.values())
            start, end = sides
            return sorted(
                [*reversed(head), *tail[1:]]
                for middle in meeting
                if total[middle] == shortest
                for head in start.routes_to(middle)
                for tail in end.routes_to(middle)
            )
    return []


@dataclass
class _Search:
    """One end of a two-ended breadth-first search."""

    end: str
    distance: dict[str, int] = field(default_factory=dict)
    parents: dict[str, list[str]] = field(default_factory=dict)
    level: list[str] = field(default_factory=list)
    depth: int = 0

    def __post_init__(self) -> None:
        self.distance[self.end], self.parents[self.end], self.level = 0, [], [self.end]

    def expand(self, neighbours: dict[str, set[str]]) -> None:
        following: dict[str, list[str]] = {}
        for node in self.level:
            for neighbour in neighbours.get(node, ()):
                if neighbour not in self.distance:
                    following.setdefault(neighbour, []).append(node)
        self.depth += 1
        for node, parents in following.items():
            self.distance[node], self.parents[node] = self.depth, parents
        self.level = list(following)

    def routes_to(self, node: str) -> list[list[str]]:
        """Every route from ``node`` back to this search's end."""
        if not self.parents[node]:
            return [[node]]
        return [[node, *rest] for parent in self.parents[node] for rest in self.routes_to(parent)]


def path(graph: nx.MultiDiGraph, a: str, b: str) -> list[Row]:
    neighbours = view_index(graph, "neighbours", _neighbours)
    labels = (Label.INSTITUTION, Label.REGION)
    found: set[tuple[tuple[str, ...], int]] = set()
    for source in find_nodes(graph, a, labels):
        for target in find_nodes(graph, b, labels):
            if source == target:
                continue
            for route in shortest_routes(neighbours, source, target, MAX_PATH_HOPS):
                names = tuple(graph.nodes[node].get("name") for node in route)
                found.add((names, len(route) - 1))
    ordered = sorted(found, key=lambda item: (item[1], item[0]))[:MAX_PATHS]
    return [{"path": list(names), "hops": hops} for names, hops in ordered]


def region_matrix(graph: nx.MultiDiGraph, level: str) -> list[Row]:
    rows = view_index(graph, f"region matrix {level}", lambda g: _region_matrix(g, level))
    return [dict(row) for row in rows]


def _region_matrix(graph: nx.MultiDiGraph, level: str) -> list[Row]:
    at_level: dict[str, list[str]] = {}

    def regions_of(node: str) -> list[str]:
        if node not in at_level:
            at_level[node] = [
                graph.nodes[up].get("name")
                for up in roll_up(graph, node, upwards=True)
                if graph.nodes[up]["label"] == Label.REGION
                and graph.nodes[up].get("level") == level
            ]
        return at_level[node]

    counts: dict[tuple[str, str], set[str]] = {}
    for x, y, attrs in graph.edges(data=True):
        if attrs["type"] not in _PARTNER:
            continue
        for region_x in regions_of(x):
            for region_y in regions_of(y):
                pair = (min(region_x, region_y), max(region_x, region_y))
                counts.setdefault(pair, set()).add(attrs["agreement"])
    ranked = sorted((-len(deals), a, b) for (a, b), deals in counts.items())
    return [{"region_a": a, "region_b": b, "agreements": -count} for count, a, b in ranked]


TWINS: dict[str, Callable[..., list[Row]]] = {
    "partners": partners,
    "agreements": agreements,
    "between-regions": between_regions,
    "programme": programme,
    "profile": profile,
    "path": path,
    "region-matrix": region_matrix,
}
