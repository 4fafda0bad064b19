"""The analyses read the partner view (parties, partner links, the region hierarchy), not
the whole store: every report, filter and export made from it equals the one made from the
whole view, on both stores, and the embedded store never loads the whole view for them."""

from __future__ import annotations

import pytest

from educoop import api
from educoop.analysis.exports import network_with_measures
from educoop.analysis.network import Filters, cooperation_graph, network_of_links
from educoop.analysis.report import ReportKind
from educoop.analysis.report import build as build_report
from educoop.graph.nxview import links_in
from educoop.graph.stores.sqlite import SQLiteStore

FILTERS = [
    Filters(),
    Filters(since="2020", until="2024-06"),
    Filters(kinds=("signed", "exchange")),
    Filters(region="Guangdong"),
    Filters(institution_kinds=("university", "college"), confirmed=True),
]


@pytest.fixture
def demo(demo_on_both):
    return demo_on_both


def test_every_report_from_the_partner_view_equals_the_whole_view_s(demo):
    partners, whole = demo.partner_view(), demo.to_networkx()
    assert 0 < partners.number_of_edges() < whole.number_of_edges()
    for filters in FILTERS:
        for kind in ReportKind:
            made = [build_report(view, kind, filters=filters, seed=3) for view in (partners, whole)]
            assert made[0] == made[1], (kind, filters)
        exported = [
            network_with_measures(cooperation_graph(view, filters)) for view in (partners, whole)
        ]
        assert [list(g.nodes(data=True)) for g in exported[:1]] == [
            list(g.nodes(data=True)) for g in exported[1:]
        ]
        assert [list(g.edges(data=True)) for g in exported[:1]] == [
            list(g.edges(data=True)) for g in exported[1:]
        ]


def test_a_report_on_the_embedded_store_never_loads_the_whole_view(tmp_path):
    path = tmp_path / "cold.db"
    with SQLiteStore(path) as store:
        assert api.ingest(store, [api.demo_corpus()]).ok
        expected = api.report(store, ReportKind.CENTRALITY)
    with SQLiteStore(path, read_only=True) as cold:
        assert api.report(cold, ReportKind.CENTRALITY) == expected
        assert cold._view is None


def test_the_streamed_links_make_the_network_of_the_whole_view(demo):
    """``Store.partner_links`` streams the links (SQL on the embedded store) beside a view
    of the parties and hierarchy alone; the network it makes is the whole view's, node for
    node and link for link, in the same order, under every filter."""
    whole = demo.to_networkx()
    for filters in FILTERS:
        hierarchy, links = demo.partner_links()
        streamed = network_of_links(hierarchy, links, filters).graph()
        expected = cooperation_graph(whole, filters)
        assert streamed.number_of_edges() > 0 or filters.confirmed
        assert list(streamed.nodes(data=True)) == list(expected.nodes(data=True))
        assert list(streamed.edges(data=True)) == list(expected.edges(data=True))
        assert streamed.graph["undated_left_out"] == expected.graph["undated_left_out"]


def test_the_arrays_hold_every_partner_link_of_the_view(demo):
    """The network summed into arrays holds what a plain sum of the view's partner links
    gives: each pair once, its agreements with their years, its kinds, and the weight."""
    whole = demo.to_networkx()
    pairs: dict[tuple[str, str], tuple[dict, set]] = {}
    for link in links_in(whole):
        agreements, kinds = pairs.setdefault(tuple(sorted((link.src, link.dst))), ({}, set()))
        agreements[link.agreement] = int(link.date[:4]) if link.date else None
        kinds.add(link.kind)
    hierarchy, links = demo.partner_links()
    network = network_of_links(hierarchy, links)
    graph = network.graph()
    assert network.links == len(pairs) > 40
    assert {tuple(sorted(pair)) for pair in graph.edges} == set(pairs)
    for (a, b), (agreements, kinds) in pairs.items():
        edge = graph.edges[a, b]
        assert edge["agreements"] == agreements
        assert edge["weight"] == len(agreements)
        assert edge["kinds"] == sorted(kind for kind in kinds if kind)
    assert network.degrees(weighted=True).sum() == 2 * sum(len(a) for a, _ in pairs.values())


def test_the_network_does_not_depend_on_the_order_of_the_links(demo):
    hierarchy, links = demo.partner_links()
    forwards = list(links)
    made = [
        network_of_links(hierarchy, order, Filters(since="2020"))
        for order in (forwards, forwards[::-1])
    ]
    graphs = [network.graph() for network in made]
    assert list(graphs[0].nodes) == list(graphs[1].nodes)
    assert list(graphs[0].edges(data=True)) == list(graphs[1].edges(data=True))


def test_the_embedded_store_streams_the_links_without_the_partner_view(tmp_path):
    path = tmp_path / "cold.db"
    with SQLiteStore(path) as store:
        assert api.ingest(store, [api.demo_corpus()]).ok
    with SQLiteStore(path, read_only=True) as cold:
        hierarchy, links = cold.partner_links()
        partner_types = {"SIGNED_WITH", "EXCHANGED_WITH"}
        assert not any(t in partner_types for *_, t in hierarchy.edges(data="type"))
        assert sum(1 for _ in links) == sum(
            1 for *_, t in cold.partner_view().edges(data="type") if t in partner_types
        )
