"""The partner network as arrays: what the network measures and reports read.

``PartnerNetwork`` holds the parties, each link's two ends and weight, its kinds and its
agreements with their years in NumPy arrays. ``LinkRows`` builds it straight from the
partner links a store streams (``Store.partner_links``), so a report on a million
agreements never holds a NetworkX graph of 1.7 million links; ``as_network`` makes one from
a NetworkX graph (the measures' examples and tests on small known graphs). NetworkX stays the
reference engine: ``PartnerNetwork.graph`` gives the graph it reads, made when first asked.
"""

from __future__ import annotations

from array import array
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from educoop.graph.nxview import view_index

UNDATED = -1  # the year of an agreement without a date


@dataclass(eq=False)
class PartnerNetwork:
    """Parties joined by links, each link a partner pair with its agreements.

    Parties are numbered in the order of their ids as text (the engines' numbering); ``order``
    is the order a NetworkX graph of the network iterates them, which breaks ties in reports.
    """

    nodes: list[Hashable]  # the parties, in the order of their ids as text
    attrs: list[dict[str, Any]]  # per party: name, label, kind, region (its smallest)
    order: Any  # numpy (parties,): party numbers in the graph's order
    ends: Any  # numpy (2, links) of party numbers
    weights: Any  # numpy (links,): agreements per link (int), or a graph's weights
    kinds: list[list[str]]  # per link, the kinds of its agreements, sorted
    offsets: Any  # numpy (links + 1,): link i's agreements are members[offsets[i]:offsets[i + 1]]
    members: Any  # numpy: agreement numbers, by link, in the order of their ids as text
    agreements: list[Any]  # agreement ids by number
    years: Any  # numpy, beside members: each agreement's year on its link, or UNDATED
    filters: str = "all agreements"
    undated_left_out: int = 0  # agreements a date window left out for having no date
    regions: Any = None  # the RegionIndex placing the parties (educoop.analysis.network)
    _graph: nx.Graph | None = None
    _networkit: tuple[Any, Any] | None = None
    _adjacency: Any = None
    _components: Any = None
    _number: dict[Hashable, int] | None = field(default=None, repr=False)

    @property
    def size(self) -> int:
        return len(self.nodes)

    @property
    def links(self) -> int:
        return int(self.ends.shape[1])

    def number(self, node: Hashable) -> int:
        if self._number is None:
            self._number = {party: position for position, party in enumerate(self.nodes)}
        return self._number[node]

    def name(self, position: int) -> Any:
        return self.attrs[position].get("name", self.nodes[position])

    def in_order(self) -> list[int]:
        return [int(position) for position in self.order]

    def degrees(self, weighted: bool = False) -> Any:
        """Each party's number of links (a loop counts twice, as in NetworkX), or with
        ``weighted`` the sum of its links' weights."""
        both = self.ends.ravel()
        if not weighted:
            return np.bincount(both, minlength=self.size)
        found = np.bincount(both, weights=np.concatenate([self.weights] * 2), minlength=self.size)
        return found.astype(self.weights.dtype) if self.weights.dtype.kind == "i" else found

    def matrix(self) -> Any:
        """The symmetric weighted adjacency matrix (SciPy CSR)."""
        from scipy.sparse import coo_array

        # Each link both ways; a loop once, on the diagonal.
        other = self.ends[0] != self.ends[1]
        rows = np.concatenate([self.ends[0], self.ends[1][other]])
        cols = np.concatenate([self.ends[1], self.ends[0][other]])
        data = np.concatenate([self.weights, self.weights[other]]).astype(np.float64)
        return coo_array((data, (rows, cols)), shape=(self.size, self.size)).tocsr()

    def neighbours(self, position: int) -> Any:
        """The party numbers linked to party ``position``, in ascending order."""
        if self._adjacency is None:
            matrix = self.matrix()
            matrix.sort_indices()
            self._adjacency = (matrix.indptr, matrix.indices)
        indptr, indices = self._adjacency
        return indices[indptr[position] : indptr[position + 1]]

    def components(self) -> Any:
        """Each party's connected component, numbered."""
        if self._components is None:
            from scipy.sparse.csgraph import connected_components

            self._components = connected_components(self.matrix(), directed=False)[1]
        return self._components

    def agreements_of(self, link: int) -> dict[Any, int | None]:
        """A link's agreements by id, each with its year (None when undated)."""
        at = slice(self.offsets[link], self.offsets[link + 1])
        numbers, years = self.members[at].tolist(), self.years[at].tolist()
        return {
            self.agreements[number]: None if year == UNDATED else year
            for number, year in zip(numbers, years, strict=True)
        }

    def values(self, scores: Iterable[float]) -> dict[Hashable, float]:
        """Scores in party numbering, by party id."""
        return {node: float(score) for node, score in zip(self.nodes, scores, strict=True)}

    def engine_graphs(self, nk: Any) -> tuple[Any, Any]:
        """The network in networkit, weighted and unweighted (for path measures)."""
        if self._networkit is None:
            ends = self.ends.astype("uint64")
            weighted = nk.GraphFromCoo(
                (self.weights.astype(np.float64), (ends[0], ends[1])),
                n=self.size,
                directed=False,
                weighted=True,
            )
            self._networkit = (weighted, nk.graphtools.toUnweighted(weighted))
        return self._networkit

    def graph(self) -> nx.Graph:
        """The network as a NetworkX graph: parties in ``order``, links in their order, with
        the attributes ``cooperation_graph`` gives; made once."""
        if self._graph is None:
            graph = nx.Graph()
            for position in self.order:
                graph.add_node(self.nodes[position], **self.attrs[position])
            for link in range(self.links):
                a, b = (self.nodes[end] for end in self.ends[:, link])
                graph.add_edge(
                    a,
                    b,
                    weight=self.weights[link].item(),
                    agreements=self.agreements_of(link),
                    kinds=list(self.kinds[link]),
                )
            graph.graph.update(
                filters=self.filters, undated_left_out=self.undated_left_out, regions=self.regions
            )
            self._graph = graph
            view_index(graph, _index(graph), lambda _: self)
        return self._graph

    def restricted(self, keep: Sequence[int]) -> PartnerNetwork:
        """The network among the parties numbered ``keep`` alone."""
        inside = np.zeros(self.size, dtype=bool)
        inside[list(keep)] = True
        old = np.flatnonzero(inside)
        renumber = np.full(self.size, -1, dtype=np.int64)
        renumber[old] = np.arange(len(old))
        links = np.flatnonzero(inside[self.ends[0]] & inside[self.ends[1]])
        counts = np.diff(self.offsets)[links]
        link_of_member = np.repeat(np.arange(self.links), np.diff(self.offsets))
        picked = np.isin(link_of_member, links)
        return PartnerNetwork(
            nodes=[self.nodes[p] for p in old],
            attrs=[self.attrs[p] for p in old],
            order=renumber[self.order[inside[self.order]]],
            ends=renumber[self.ends[:, links]],
            weights=self.weights[links],
            kinds=[self.kinds[link] for link in links],
            offsets=np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            members=self.members[picked],
            agreements=self.agreements,
            years=self.years[picked],
            filters=self.filters,
            undated_left_out=self.undated_left_out,
            regions=self.regions,
        )


Network = PartnerNetwork | nx.Graph  # what the measures take: a graph is read as arrays


def _index(graph: nx.Graph) -> str:
    # A graph changed since it was converted, by its size, is converted again.
    return f"partner network arrays at {graph.number_of_nodes()} nodes {graph.number_of_edges()}"


def as_network(graph: PartnerNetwork | nx.Graph) -> PartnerNetwork:
    """``graph`` as a PartnerNetwork: itself, or made from a NetworkX graph of the partner
    network (``weight`` 1 when missing, ``agreements`` a mapping of ids to years, ``kinds``)
    and kept with it.

    Examples
    --------
    >>> network = as_network(nx.path_graph(3))
    >>> network.size, network.links, network.degrees().tolist()
    (3, 2, [1, 2, 1])
    """
    if isinstance(graph, PartnerNetwork):
        return graph
    if not nx.is_frozen(graph):
        return _of_graph(graph)  # one that may change: read as it is now
    return view_index(graph, _index(graph), _of_graph)


def _of_graph(graph: nx.Graph) -> PartnerNetwork:
    nodes = sorted(graph, key=str)
    number = {node: position for position, node in enumerate(nodes)}
    size = graph.number_of_edges()
    ends = np.empty((2, size), dtype=np.int64)
    weights = [1] * size
    kinds: list[list[str]] = []
    offsets = np.zeros(size + 1, dtype=np.int64)
    members: list[int] = []
    agreement_number: dict[Any, int] = {}
    years: list[int] = []
    for link, (u, v, data) in enumerate(graph.edges(data=True)):
        ends[0, link], ends[1, link] = number[u], number[v]
        weights[link] = data.get("weight", 1)
        kinds.append(list(data.get("kinds") or ()))
        given = data.get("agreements") or {}
        dated: Mapping[Any, Any] = given if isinstance(given, Mapping) else dict.fromkeys(given)
        for agreement in sorted(dated, key=str):
            members.append(agreement_number.setdefault(agreement, len(agreement_number)))
            year = dated[agreement]
            years.append(UNDATED if year is None else int(year))
        offsets[link + 1] = len(members)
    integral = all(isinstance(w, int | np.integer) for w in weights)
    return PartnerNetwork(
        nodes=nodes,
        attrs=[dict(graph.nodes[node]) for node in nodes],
        order=np.array([number[node] for node in graph], dtype=np.int64),
        ends=ends,
        weights=np.array(weights, dtype=np.int64 if integral else np.float64),
        kinds=kinds,
        offsets=offsets,
        members=np.array(members, dtype=np.int64),
        agreements=list(agreement_number),
        years=np.array(years, dtype=np.int64),
        filters=graph.graph.get("filters", "all agreements"),
        undated_left_out=graph.graph.get("undated_left_out", 0),
        regions=graph.graph.get("regions"),
        _graph=graph,
    )


@dataclass
class LinkRows:
    """Partner links gathered one at a time, as rows of numbers, and summed into a
    PartnerNetwork: each pair of parties one link, weighted by its distinct agreements."""

    _party: dict[Hashable, int] = field(default_factory=dict)
    _agreement: dict[Any, int] = field(default_factory=dict)
    _kind: dict[str | None, int] = field(default_factory=dict)
    _rows: tuple[array[int], ...] = field(
        default_factory=lambda: (array("q"), array("q"), array("q"), array("q"), array("q"))
    )

    def add(
        self, src: Hashable, dst: Hashable, agreement: Any, kind: str | None, year: int | None
    ) -> None:
        parties = self._party
        a = parties.setdefault(src, len(parties))
        b = parties.setdefault(dst, len(parties))
        number = self._agreement.setdefault(agreement, len(self._agreement))
        code = self._kind.setdefault(kind, len(self._kind))
        dated = UNDATED if year is None else year
        for column, value in zip(self._rows, (a, b, number, code, dated), strict=True):
            column.append(value)

    def network(self, attrs_of: Any, **graph: Any) -> PartnerNetwork:
        """The network of the rows; ``attrs_of(party)`` gives a party's attributes."""
        found: list[Hashable] = sorted(self._party, key=str)
        rank = np.empty(len(found), dtype=np.int64)
        rank[[self._party[party] for party in found]] = np.arange(len(found))
        src, dst, agreement, kind, year = (
            np.frombuffer(column, dtype=np.int64) for column in self._rows
        )
        src, dst = rank[src], rank[dst]
        low, high = np.minimum(src, dst), np.maximum(src, dst)
        agreement_ids = list(self._agreement)
        by_text = np.argsort(np.array([str(a) for a in agreement_ids], dtype=object), kind="stable")
        text_rank = np.empty(len(agreement_ids), dtype=np.int64)
        text_rank[by_text] = np.arange(len(agreement_ids))
        # Each link's rows together, its agreements in the order of their ids as text.
        sort = np.lexsort((text_rank[agreement], high, low))  # stable: rows in reading order
        low, high, agreement, kind, year = (
            column[sort] for column in (low, high, agreement, kind, year)
        )
        new_link = np.ones(len(low), dtype=bool)
        new_link[1:] = (low[1:] != low[:-1]) | (high[1:] != high[:-1])
        starts = np.flatnonzero(new_link)
        new_member = new_link.copy()
        new_member[1:] |= agreement[1:] != agreement[:-1]
        members = agreement[new_member]
        # An agreement's year on a link is that of its last row read, as a link's own date.
        last_rows = np.append(np.flatnonzero(new_member)[1:], len(low)) - 1
        link_of_member = np.cumsum(new_link)[new_member] - 1
        offsets = np.searchsorted(link_of_member, np.arange(len(starts) + 1))
        kind_names = list(self._kind)
        masks = (
            np.bitwise_or.reduceat(np.left_shift(1, kind), starts) if len(starts) else np.array([])
        )
        kinds_of_mask = {
            int(mask): sorted(
                name for bit, name in enumerate(kind_names) if name and int(mask) >> bit & 1
            )
            for mask in np.unique(masks)
        }
        ends = np.vstack([low[starts], high[starts]])
        # The graph's order: each party where it first ends a link, links in order.
        first = np.unique(ends.T.ravel(), return_index=True)
        order = first[0][np.argsort(first[1], kind="stable")]
        return PartnerNetwork(
            nodes=found,
            attrs=[attrs_of(party) for party in found],
            order=order,
            ends=ends,
            weights=np.diff(offsets).astype(np.int64),
            kinds=[kinds_of_mask[int(mask)] for mask in masks],
            offsets=offsets.astype(np.int64),
            members=members,
            agreements=agreement_ids,
            years=year[last_rows],
            **graph,
        )
