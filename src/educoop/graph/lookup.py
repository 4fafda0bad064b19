"""One name lookup for every parameter that names a party, a region or a programme: a name
that matches nothing is an error with "did you mean", several matches are listed, never an
empty answer that reads as "no partners".

A node goes by its name, its aliases and its Chinese name (any case), and by its id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from rapidfuzz import fuzz, process, utils

from educoop.errors import QueryError
from educoop.graph.nxview import view_index
from educoop.graph.schema import Label

# What a parameter names, and the labels of the nodes it may be.
KINDS: dict[str, tuple[Label, ...]] = {
    "party": (Label.INSTITUTION, Label.REGION),
    "institution": (Label.INSTITUTION,),
    "region": (Label.REGION,),
    "programme": (Label.PROGRAMME,),
}
_WHAT = {
    "party": "institution or region",
    "institution": "institution",
    "region": "region",
    "programme": "programme",
}
# Suggestions score at least this (rapidfuzz WRatio, 0-100): "Tung Wah Colege" is 97 to
# "Tung Wah College", unrelated names of the same head noun score in the 50s and 60s.
SUGGEST_SCORE = 80
SUGGEST_MARGIN = 5
SUGGESTIONS = 3


@dataclass(frozen=True)
class Named:
    """A node as a lookup sees it: its id, label, name and every other name it goes by."""

    id: str
    label: Label
    name: str
    other_names: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.other_names)


def named_in(graph: nx.Graph, labels: Iterable[Label] = tuple(Label)) -> list[Named]:
    """The named nodes of a NetworkX view (a store's, or the partner network, whose nodes
    carry ``label`` or ``party``)."""
    wanted = frozenset(str(label) for label in labels)
    # Kept with the view; a graph a caller grows is read again. (Counting edges would walk
    # the whole graph: nodes it is.)
    key = f"named {sorted(wanted)} at {graph.number_of_nodes()} nodes"
    return list(view_index(graph, key, lambda g: _named(g, wanted)))


def _named(graph: nx.Graph, wanted: frozenset[str]) -> list[Named]:
    found = []
    for node, attrs in graph.nodes(data=True):
        label = attrs.get("label") if attrs.get("label") in wanted else attrs.get("party")
        if label in wanted and (named := named_node(str(node), Label(label), attrs)):
            found.append(named)
    return found


def named_node(node: str, label: Label, props: Mapping[str, Any]) -> Named | None:
    """A node as a lookup sees it, from its properties; None when it has no name."""
    if not props.get("name"):
        return None
    others = [*(props.get("aliases") or ()), props.get("name_zh")]
    return Named(node, label, str(props["name"]), _present(others))


def _present(names: Iterable[object]) -> tuple[str, ...]:
    return tuple(str(name) for name in names if name)


def find(named: Iterable[Named], name: str, kind: str) -> Named:
    """The one node of ``kind`` (``KINDS``) that goes by ``name``.

    Raises QueryError when none does ("did you mean" the closest names) or several do
    (listing them, to be asked for by id).

    Examples
    --------
    >>> college = Named("institution:tung-wah-college", Label.INSTITUTION, "Tung Wah College",
    ...                 ("Donghua College", "东华学院"))
    >>> find([college], "donghua college", "party").name
    'Tung Wah College'
    >>> find([college], "Tung Wah Colege", "party")
    Traceback (most recent call last):
    ...
    educoop.errors.QueryError: no institution or region named 'Tung Wah Colege'; did you mean: Tung Wah College?
    """  # noqa: E501
    labels = set(KINDS[kind])
    candidates = [node for node in named if node.label in labels]
    wanted = name.strip().casefold()
    found = {
        node.id: node
        for node in candidates
        if node.id == name.strip() or any(other.casefold() == wanted for other in node.names)
    }
    if len(found) == 1:
        return next(iter(found.values()))
    what = _WHAT[kind]
    if found:
        listed = "; ".join(f"{node.name} ({node.id})" for node in sorted(found.values(), key=_by))
        raise QueryError(f"{len(found)} of the store's nodes go by {name!r}: {listed}; give one id")
    close = suggestions(candidates, name)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise QueryError(f"no {what} named {name!r}{hint}")


def _by(node: Named) -> tuple[str, str]:
    return node.name, node.id


def suggestions(candidates: Iterable[Named], name: str, limit: int = SUGGESTIONS) -> list[str]:
    """The names of the nodes closest to ``name`` (over names, aliases and Chinese names),
    best first, each node once."""
    choices: dict[tuple[str, int], str] = {}
    by_key: dict[tuple[str, int], Named] = {}
    for node in sorted(candidates, key=_by):
        for number, other in enumerate(node.names):
            choices[(node.id, number)] = other
            by_key[(node.id, number)] = node
    scored = process.extract(
        name,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=SUGGEST_SCORE,
        limit=None,
    )
    best: dict[str, tuple[float, str]] = {}
    for _choice, score, key in scored:
        node = by_key[key]
        if node.id not in best or score > best[node.id][0]:
            best[node.id] = (score, node.name)
    ranked = sorted(best.values(), key=lambda pair: (-pair[0], pair[1]))
    # Only those nearly as close as the closest: a typo has one answer, not three.
    top = ranked[0][0] if ranked else 0.0
    close = [name for score, name in ranked if score >= top - SUGGEST_MARGIN]
    return list(dict.fromkeys(close))[:limit]
