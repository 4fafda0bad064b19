"""The cooperation network that analyses read: parties joined by their agreements.

``cooperation_graph`` turns the store's NetworkX view (``Store.to_networkx``) into an
undirected weighted graph: one node per party (institution or region) that signed, paired,
planned, branched or exchanged with another in the window, one edge per partner pair, and
``weight`` the number of distinct agreements between them.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from educoop.analysis.arrays import LinkRows, PartnerNetwork
from educoop.errors import QueryError
from educoop.graph.lookup import find, named_in
from educoop.graph.model import PartialDate, RegionLevel
from educoop.graph.nxview import (
    PartnerLink,
    in_window,
    links_in,
    members_of,
    roll_up,
    view_index,
)
from educoop.graph.schema import Label


@dataclass(frozen=True)
class Filters:
    """Which agreements and parties a report looks at. Every field is optional.

    ``since`` and ``until`` take YYYY, YYYY-MM or YYYY-MM-DD (an agreement is in the window
    when its date may fall in it, as in the canned queries; undated ones drop out);
    ``region`` keeps the links with at least one party that rolls up into that region (its
    institutions, sub-regions and zone members); ``institution_kinds`` keeps institutions
    of those kinds (regions as parties stay); ``confirmed`` keeps only the agreements a
    person stands behind (a record file, or confirmed in review).
    """

    since: str | None = None
    until: str | None = None
    kinds: tuple[str, ...] = ()
    region: str | None = None
    institution_kinds: tuple[str, ...] = ()
    confirmed: bool = False

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    PartialDate.parse(value)
                except ValueError as exc:
                    raise QueryError(f"{name}: {exc}") from None

    FIELDS = ("since", "until", "kinds", "region", "institution_kinds", "confirmed")

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> Filters:
        """Filters from options by field name (empty values are none), ``kinds`` and
        ``institution_kinds`` one or several; an unknown name is a QueryError.

        >>> filters = Filters.of({"since": "2022", "kinds": "signed", "region": "",
        ...                       "institution_kinds": [""]})
        >>> filters.since, filters.kinds, filters.region, filters.institution_kinds
        ('2022', ('signed',), None, ())
        """
        unknown = sorted(set(options) - set(cls.FIELDS))
        if unknown:
            raise QueryError(f"unknown filter {unknown[0]!r} (filters: {', '.join(cls.FIELDS)})")

        def several(value: Any) -> tuple[str, ...]:
            values = (value,) if isinstance(value, str) else tuple(value or ())
            return tuple(v for v in values if v)  # an empty form field is no choice

        return cls(
            since=options.get("since") or None,
            until=options.get("until") or None,
            kinds=several(options.get("kinds")),
            region=options.get("region") or None,
            institution_kinds=several(options.get("institution_kinds")),
            confirmed=bool(options.get("confirmed")),
        )

    def describe(self) -> str:
        parts = [
            f"since {self.since}" if self.since else "",
            f"until {self.until}" if self.until else "",
            f"kinds {', '.join(self.kinds)}" if self.kinds else "",
            f"in {self.region}" if self.region else "",
            f"institutions {', '.join(self.institution_kinds)}" if self.institution_kinds else "",
            "confirmed only" if self.confirmed else "",
        ]
        return "; ".join(part for part in parts if part) or "all agreements"


@dataclass
class RegionIndex:
    """Each party's regions, from the store's hierarchy: the chain of regions it rolls up
    into, by level, and its zones."""

    store: nx.MultiDiGraph
    _cache: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    def levels(self, node: str) -> dict[str, list[str]]:
        """Region names by level for a party: {"city": ["Jiangmen"], "province": [...]}."""
        if node not in self._cache:
            found: dict[str, list[str]] = defaultdict(list)
            for other in sorted(roll_up(self.store, node, upwards=True)):
                attrs = self.store.nodes[other]
                if attrs.get("label") == str(Label.REGION) and attrs.get("level"):
                    found[attrs["level"]].append(attrs.get("name", other))
            self._cache[node] = dict(found)
        return self._cache[node]

    def smallest(self, node: str) -> str | None:
        """The smallest region a party lies in (itself for a region)."""
        levels = self.levels(node)
        for level in (RegionLevel.DISTRICT, RegionLevel.CITY, RegionLevel.PROVINCE):
            if levels.get(str(level)):
                return levels[str(level)][-1]
        country = levels.get(str(RegionLevel.COUNTRY))
        return country[0] if country else None

    def at(self, node: str, level: str) -> list[str]:
        return self.levels(node).get(level, [])


def cooperation_graph(store: nx.MultiDiGraph, filters: Filters | None = None) -> nx.Graph:
    """The partner network of ``store`` under ``filters``.

    Parameters
    ----------
    store : networkx.MultiDiGraph
        The store's NetworkX view.
    filters : Filters, optional
        Date window, agreement kinds, region and institution kinds.

    Returns
    -------
    networkx.Graph
        Nodes carry ``name``, ``label``, ``kind`` (institution kind or region level) and
        ``region`` (the smallest region); edges carry ``weight`` (number of distinct
        agreements), ``agreements`` (their ids, each with its year or None) and ``kinds``.
        ``graph.graph`` holds the filters described, and ``undated_left_out``: how many
        agreements the date window left out for having no date.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Institution", name="A")
    >>> g.add_node("b", label="Institution", name="B")
    >>> _ = g.add_edge("a", "b", key="SIGNED_WITH|x", type="SIGNED_WITH", agreement="x",
    ...                kind="signed", date_start="2020-01-01", date_end="2020-12-31")
    >>> cooperation_graph(g).edges["a", "b"]["weight"]
    1
    """
    filters = filters or Filters()
    # Kept with the view, the last few filters' networks: the workbench asks for the same
    # network page after page, and building it is most of a page's time at 100k
    # agreements. Frozen, since every caller shares it.
    recent: OrderedDict[str, nx.Graph] = view_index(
        store, "cooperation graphs", lambda _: OrderedDict()
    )
    key = repr(filters)
    if key in recent:
        recent.move_to_end(key)
        return recent[key]
    graph = nx.freeze(network_of_links(store, links_in(store), filters).graph())
    recent[key] = graph
    while len(recent) > _KEPT_NETWORKS:
        recent.popitem(last=False)
    return graph


_KEPT_NETWORKS = 4


def network_of_links(
    hierarchy: nx.MultiDiGraph, links: Iterable[PartnerLink], filters: Filters | None = None
) -> PartnerNetwork:
    """The partner network of ``links`` under ``filters``, as ``cooperation_graph`` makes
    it from a view, but from the links streamed by a store (``Store.partner_links``) and
    as arrays (``educoop.analysis.arrays``): the view need only hold the parties and the
    hierarchy that places them, and no NetworkX graph of the links is made.

    Parties and links come in the order of the parties' ids, whatever the order of
    ``links``.
    """
    filters = filters or Filters()
    keep, focus = _parties(hierarchy, filters)
    rows = LinkRows()
    undated: set[str | None] = set()  # agreements the date window left out for having no date
    windowed = filters.since is not None or filters.until is not None
    for link in links:
        src, dst = link.src, link.dst
        if src not in keep or dst not in keep:
            continue
        if focus is not None and src not in focus and dst not in focus:
            continue
        if filters.kinds and link.kind not in filters.kinds:
            continue
        if filters.confirmed and not link.confirmed:
            continue
        dates = {"date_start": link.date_start, "date_end": link.date_end}
        if windowed and not in_window(dates, filters.since, filters.until):
            if link.date_start is None:
                undated.add(link.agreement)
            continue
        year = int(link.date[:4]) if link.date else None
        rows.add(src, dst, link.agreement, link.kind, year)
    regions = view_index(hierarchy, "region index", RegionIndex)

    def attrs_of(node: str) -> dict[str, Any]:
        attrs = hierarchy.nodes[node]
        return {
            "name": attrs.get("name", node),
            "label": attrs.get("label"),
            "kind": attrs.get("kind") or attrs.get("level"),
            "region": regions.smallest(node),
        }

    return rows.network(
        attrs_of, filters=filters.describe(), undated_left_out=len(undated), regions=regions
    )


def _parties(store: nx.MultiDiGraph, filters: Filters) -> tuple[set[str], set[str] | None]:
    """The parties a report may count, and those of the filter's region (None: no region
    filter). A link counts when either end lies in the region: its cooperation with the
    world outside is part of its network."""
    parties = {
        node
        for node, attrs in store.nodes(data=True)
        if attrs.get("label") in (str(Label.INSTITUTION), str(Label.REGION))
    }
    if filters.institution_kinds:
        parties = {
            node
            for node in parties
            if store.nodes[node].get("label") != str(Label.INSTITUTION)
            or store.nodes[node].get("kind") in filters.institution_kinds
        }
    if not filters.region:
        return parties, None
    region = find(named_in(store, [Label.REGION]), filters.region, "region")
    return parties, set(members_of(store, region.id) & parties)
