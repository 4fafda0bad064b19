"""The analyses read the partner view (parties, partner links, the region hierarchy), not
the whole store: every report, filter and export made from it equals the one made from the
whole view, on both stores, and the embedded store never loads the whole view for them."""

from __future__ import annotations

import pytest

from educoop import api
from educoop.analysis.exports import network_with_measures
from educoop.analysis.network import Filters
from educoop.analysis.report import ReportKind
from educoop.analysis.report import build as build_report
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
        exported = [network_with_measures(view, filters=filters) for view in (partners, whole)]
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
