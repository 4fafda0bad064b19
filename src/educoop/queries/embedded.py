"""Embedded twins of the canned Cypher queries: the same rows, computed on the NetworkX view.

Each function mirrors its ``NAME.cypher`` clause by clause; the parity test holds them to
the same answers on a real Neo4j server. Nulls sort last, as in Cypher.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from educoop.graph.nxview import (
    MAX_HOPS,
    find_nodes,
    in_window,
    members_of,
    places_of,
    roll_up,
)
from educoop.graph.schema import PARTNER_TYPES, Label, RelType

Row = dict[str, Any]

_PARTNER = {str(t) for t in PARTNER_TYPES}


def _links(graph: nx.MultiDiGraph, node: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each SIGNED_WITH / EXCHANGED_WITH of ``node``, either direction, with the other end."""
    for _src, other, attrs in graph.out_edges(node, data=True):
        if attrs["type"] in _PARTNER:
            yield other, attrs
    for other, _dst, attrs in graph.in_edges(node, data=True):
        if attrs["type"] in _PARTNER:
            yield other, attrs


def _nulls_last(value: Any) -> tuple[bool, Any]:
    return (value is None, value)


def _min(values: Iterable[Any]) -> Any:
    present = [value for value in values if value is not None]
    return min(present) if present else None


def _max(values: Iterable[Any]) -> Any:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def undated(graph: nx.MultiDiGraph, focus: str | None = None, kind: str | None = None) -> int:
    """How many agreements a date window leaves out for having no date: those with a party
    under ``focus`` (a node id; every agreement when None), of ``kind`` when given. What
    ``partners`` and ``agreements`` drop silently when given ``since`` or ``until``."""
    members = members_of(graph, focus) if focus is not None else None
    left_out = set()
    for src, dst, attrs in graph.edges(data=True):
        if attrs.get("type") not in _PARTNER or attrs.get("date_start") is not None:
            continue
        if kind is not None and attrs.get("kind") != kind:
            continue
        if members is None or src in members or dst in members:
            left_out.add(attrs.get("agreement"))
    return len(left_out)


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


def agreements(
    graph: nx.MultiDiGraph,
    kind: str | None = None,
    region: str | None = None,
    since: str | None = None,
    until: str | None = None,
    confirmed: str | None = None,
) -> list[Row]:
    in_region: set[str] | None = None
    if region is not None:
        in_region = set()
        for place in find_nodes(graph, region, (Label.REGION,)):
            in_region |= members_of(graph, place)
    rows = []
    for node, attrs in graph.nodes(data=True):
        if attrs["label"] != Label.AGREEMENT:
            continue
        if kind is not None and attrs.get("kind") != kind:
            continue
        if confirmed is not None and attrs.get("confirmed") is not True:
            continue
        if not in_window(attrs, since, until):
            continue
        parties = [
            (rel_attrs["side"], graph.nodes[src].get("name"), src)
            for src, _dst, rel_attrs in graph.in_edges(node, data=True)
            if rel_attrs["type"] == RelType.PARTY_TO
        ]
        if in_region is not None and not any(src in in_region for _, _, src in parties):
            continue
        if not parties:
            continue
        sides: dict[int, list[str]] = {}
        for side, party_name, _src in sorted(parties, key=lambda p: (p[0], _nulls_last(p[1]))):
            sides.setdefault(side, []).append(party_name)
        out = {dst: rel_attrs["type"] for _src, dst, rel_attrs in graph.out_edges(node, data=True)}
        programme = next((d for d, t in out.items() if t == RelType.UNDER), None)
        rows.append(
            {
                "id": node,
                "kind": attrs.get("kind"),
                "date": attrs.get("date"),
                "sides": [sides[side] for side in sorted(sides)],
                "programme": graph.nodes[programme].get("name") if programme else None,
                "sources": sum(1 for t in out.values() if t == RelType.REPORTED_IN),
            }
        )
    rows.sort(key=lambda row: (_nulls_last(row["date"]), row["id"]))
    return rows


def between_regions(graph: nx.MultiDiGraph, a: str, b: str) -> list[Row]:
    members_a: set[str] = set()
    for place in find_nodes(graph, a, (Label.REGION,)):
        members_a |= members_of(graph, place)
    members_b: set[str] = set()
    for place in find_nodes(graph, b, (Label.REGION,)):
        members_b |= members_of(graph, place)
    if not members_a or not members_b:
        return []
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for x in members_a:
        for y, attrs in _links(graph, x):
            if y not in members_b:
                continue
            if y in members_a and x in members_b and x > y:
                continue
            pairs.setdefault((x, y), []).append(attrs)
    rows = [
        {
            "party_a": graph.nodes[x].get("name"),
            "party_b": graph.nodes[y].get("name"),
            "agreements": len({attrs["agreement"] for attrs in found}),
            "kinds": sorted({attrs["kind"] for attrs in found}),
            "first": _min(attrs.get("date") for attrs in found),
            "last": _max(attrs.get("date") for attrs in found),
        }
        for (x, y), found in pairs.items()
    ]
    rows.sort(key=lambda row: (_nulls_last(row["party_a"]), _nulls_last(row["party_b"])))
    return rows


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


def path(graph: nx.MultiDiGraph, a: str, b: str) -> list[Row]:
    partner_graph = nx.Graph()
    partner_graph.add_nodes_from(graph.nodes)
    partner_graph.add_edges_from(
        (src, dst) for src, dst, rel in graph.edges(data="type") if rel in _PARTNER
    )
    labels = (Label.INSTITUTION, Label.REGION)
    found: set[tuple[tuple[str, ...], int]] = set()
    for source in find_nodes(graph, a, labels):
        for target in find_nodes(graph, b, labels):
            if source == target or not nx.has_path(partner_graph, source, target):
                continue
            for route in nx.all_shortest_paths(partner_graph, source, target):
                if len(route) - 1 <= MAX_PATH_HOPS:
                    names = tuple(graph.nodes[node].get("name") for node in route)
                    found.add((names, len(route) - 1))
    ordered = sorted(found, key=lambda item: (item[1], item[0]))[:MAX_PATHS]
    return [{"path": list(names), "hops": hops} for names, hops in ordered]


def region_matrix(graph: nx.MultiDiGraph, level: str) -> list[Row]:
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
