"""Checks that a store holds a whole, consistent graph, and a canonical dump to compare two
stores by.

The checks read the store's NetworkX view, so they hold for both stores; the embedded one
adds SQLite's own integrity check.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import networkx as nx

from educoop.graph.schema import PARTNER_TYPES, Label, RelType

_PARTNER = {str(t) for t in PARTNER_TYPES}


def problems(graph: nx.MultiDiGraph) -> list[str]:
    """What is wrong with a graph, one line each; empty when it is whole.

    - every relationship joins two stored nodes (no orphan ends);
    - every Agreement has parties on two sides or more, and a document reporting it;
    - every SIGNED_WITH / EXCHANGED_WITH is the projection of a stored agreement whose
      sides hold its two ends on different sides, and every such pair has its projection.
    """
    found = []
    for node, attrs in graph.nodes(data=True):
        if "label" not in attrs:
            found.append(f"{node}: a relationship points at a node that is not stored")
    sides: dict[str, dict[str, int]] = defaultdict(dict)
    reported: set[str] = set()
    projected: set[tuple[str, str, str]] = set()
    for src, dst, attrs in graph.edges(data=True):
        kind = attrs.get("type")
        if kind == str(RelType.PARTY_TO):
            sides[dst][src] = int(attrs.get("side", 0))
        elif kind == str(RelType.REPORTED_IN):
            reported.add(src)
        elif kind in _PARTNER:
            projected.add((min(src, dst), max(src, dst), str(attrs.get("agreement"))))
    agreements = [n for n, a in graph.nodes(data=True) if a.get("label") == str(Label.AGREEMENT)]
    for agreement in agreements:
        parties = sides.get(agreement, {})
        if len(set(parties.values())) < 2:
            found.append(f"{agreement}: fewer than two sides")
        if agreement not in reported:
            found.append(f"{agreement}: reported in no document")
        for a in parties:
            for b in parties:
                if a < b and parties[a] != parties[b] and (a, b, agreement) not in projected:
                    found.append(f"{agreement}: no partner link between {a} and {b}")
    for a, b, agreement in sorted(projected):
        sides_of = sides.get(agreement)
        if sides_of is None:
            found.append(f"{a} -- {b}: partner link of a missing agreement {agreement}")
        elif a not in sides_of or b not in sides_of or sides_of[a] == sides_of[b]:
            found.append(f"{a} -- {b}: partner link not matching the sides of {agreement}")
    return found


def canonical_dump(graph: nx.MultiDiGraph) -> list[str]:
    """Every node and relationship with its properties, one JSON line each, sorted: two
    stores hold the same graph exactly when their dumps are equal."""
    lines = [
        json.dumps({"node": node, **_sorted(attrs)}, sort_keys=True, ensure_ascii=False)
        for node, attrs in graph.nodes(data=True)
    ]
    lines += [
        json.dumps(
            {"src": src, "dst": dst, "key": key, **_sorted(attrs)},
            sort_keys=True,
            ensure_ascii=False,
        )
        for src, dst, key, attrs in graph.edges(keys=True, data=True)
    ]
    return sorted(lines)


def _sorted(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, list) else v for k, v in attrs.items()}
