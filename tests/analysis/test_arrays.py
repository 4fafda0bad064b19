"""The partner network as arrays (``educoop.analysis.arrays``) against NetworkX, the
reference: the same network whichever way it is built, the same measures, and reports
that never make a NetworkX graph of the links."""

import random

import networkx as nx
import pytest

from educoop import api
from educoop.analysis import measures
from educoop.analysis.arrays import PartnerNetwork, as_network
from educoop.analysis.network import Filters, cooperation_graph
from educoop.analysis.report import ReportKind, report_of
from educoop.graph.stores.sqlite import SQLiteStore


def dated(seed: int) -> nx.Graph:
    """A random network of string-named parties whose links carry agreements (some shared
    by several links, some undated) with years and kinds, and a loop."""
    rng = random.Random(seed)
    graph = nx.relabel_nodes(nx.gnm_random_graph(40, 90, seed=seed), lambda n: f"p{n:02}")
    for number, (_, _, data) in enumerate(graph.edges(data=True)):
        chosen = rng.sample(range(120), rng.randint(1, 3))
        data["agreements"] = {
            f"a{a}": None if a % 11 == 0 else 2010 + a % 9 for a in sorted(chosen, key=str)
        }
        data["weight"] = len(chosen)
        data["kinds"] = sorted({rng.choice(["signed", "paired", "exchange"]), "signed"})
        data["order"] = number
    graph.add_edge("p01", "p01", agreements={"a999": 2015}, weight=1, kinds=["signed"])
    for node in graph:
        graph.nodes[node].update(name=f"Party {node}", region=f"R{int(node[1:]) % 4}")
    return graph


def reference_timeline(graph: nx.Graph) -> list[dict]:
    """The timeline worked out the plain way: a NetworkX graph grown year by year."""
    years: dict[int, set[str]] = {}
    pairs: dict[int, set[tuple]] = {}
    for u, v, data in graph.edges(data=True):
        for agreement, year in data["agreements"].items():
            if year is not None:
                years.setdefault(year, set()).add(agreement)
                pairs.setdefault(year, set()).add((u, v))
    rows, seen, grown, previous = [], set(), nx.Graph(), None
    for year in sorted(years):
        active = {node for pair in pairs[year] for node in pair}
        grown.add_edges_from(pairs[year])
        count = len(years[year])
        rows.append(
            {
                "year": year,
                "agreements": count,
                "active_parties": len(active),
                "new_parties": len(active - seen),
                "parties": grown.number_of_nodes(),
                "partner_pairs": grown.number_of_edges(),
                "density": nx.density(grown),
                "growth": (count - previous) / previous if previous else None,
            }
        )
        seen |= active
        previous = count
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_timeline_is_the_one_a_growing_networkx_graph_gives(seed):
    graph = dated(seed)
    assert measures.timeline(graph) == reference_timeline(graph)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_summary_figures_are_networkx_s(seed):
    graph = dated(seed)
    graph.remove_edges_from(list(nx.selfloop_edges(graph)))  # NetworkX's cores refuse loops
    graph.add_node("p99", name="Alone")  # a component of its own
    found = measures.summary(graph, engine="networkx")
    components = list(nx.connected_components(graph))
    assert found["parties"] == graph.number_of_nodes()
    assert found["partner_pairs"] == graph.number_of_edges()
    assert found["agreements"] == len(
        {a for *_, d in graph.edges(data=True) for a in d["agreements"]}
    )
    assert found["density"] == pytest.approx(nx.density(graph))
    assert found["components"] == len(components)
    assert found["largest_component"] == max(len(c) for c in components)


@pytest.mark.parametrize("resolution", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("seed", [1, 2])
def test_modularity_is_networkx_s(seed, resolution):
    graph = dated(seed)
    parts = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    expected = nx.community.modularity(graph, parts, weight="weight", resolution=resolution)
    assert measures.modularity(graph, parts, resolution=resolution) == pytest.approx(expected)


def test_brokers_and_degrees_are_networkx_s():
    graph = dated(4)
    rows = {row["id"]: row for row in measures.brokers(graph)}
    for node in graph:
        partners = list(graph.neighbors(node))
        assert rows[node]["partners"] == len(partners)
        regions = {graph.nodes[p]["region"] for p in partners}
        assert rows[node]["partner_regions"] == len(regions)
    network = as_network(graph)
    assert dict(zip(network.nodes, network.degrees().tolist(), strict=True)) == dict(graph.degree())
    assert dict(zip(network.nodes, network.degrees(weighted=True).tolist(), strict=True)) == dict(
        graph.degree(weight="weight")
    )


def test_a_restricted_network_is_the_subgraph():
    graph = dated(5)
    network = as_network(graph)
    keep = sorted(random.Random(5).sample(range(network.size), 25))
    part = network.restricted(keep).graph()
    expected = graph.subgraph(network.nodes[p] for p in keep)
    assert list(part.nodes) == list(expected.nodes)
    assert {frozenset((u, v)): d["agreements"] for u, v, d in part.edges(data=True)} == {
        frozenset((u, v)): d["agreements"] for u, v, d in expected.edges(data=True)
    }


def test_a_graph_changed_since_it_was_read_is_read_again():
    graph = dated(6)
    assert as_network(graph).links == graph.number_of_edges()
    graph.add_edge("p00", "p39", agreements={"new": 2020}, weight=1, kinds=[])
    assert as_network(graph).links == graph.number_of_edges()


@pytest.fixture
def demo_store(tmp_path):
    with SQLiteStore(tmp_path / "demo.db") as store:
        assert api.ingest(store, [api.demo_corpus()]).ok
        yield store


@pytest.mark.parametrize(
    "filters", [Filters(), Filters(since="2020"), Filters(kinds=("signed",), region="Guangdong")]
)
def test_reports_from_the_streamed_arrays_make_no_networkx_graph(demo_store, monkeypatch, filters):
    """Every report kind from the links the store streams into arrays equals the report
    from the NetworkX partner graph of the whole view, and, with the fast engine, never
    makes a NetworkX graph of the network on the way."""
    pytest.importorskip("networkit")
    expected = {
        kind: report_of(cooperation_graph(demo_store.to_networkx(), filters), kind, seed=2)
        for kind in ReportKind
    }

    def refused(self: PartnerNetwork) -> nx.Graph:
        raise AssertionError("a NetworkX graph of the partner network was made")

    monkeypatch.setattr(PartnerNetwork, "graph", refused)
    for kind in ReportKind:
        made = api.report(demo_store, kind, filters=filters, seed=2, engine="networkit")
        assert made == expected[kind], kind


def test_an_agreement_dated_differently_on_two_links_keeps_each_link_s_year():
    graph = nx.Graph()
    graph.add_edge("a", "b", agreements={"x": 2020, None: 2019})
    graph.add_edge("a", "c", agreements={"x": 2022})
    graph.add_edge("c", "d", agreements={"y": 2021, None: None})
    assert measures.timeline(graph) == reference_timeline(graph)
    assert [row["year"] for row in measures.timeline(graph)] == [2019, 2020, 2021, 2022]


def test_a_graph_changed_in_place_is_read_as_it_is_now():
    graph = nx.Graph()
    graph.add_edge("a", "b", weight=1, agreements={"x": 2020})
    graph.add_edge("b", "c", weight=1, agreements={"y": 2021})
    assert measures.summary(graph, engine="networkx")["agreements"] == 2
    graph.edges["a", "b"].update(weight=5, agreements={"x": 2020, "z": 2022})
    assert measures.summary(graph, engine="networkx")["agreements"] == 3
    rows = {row["id"]: row for row in measures.centralities(graph, engine="networkx").rows}
    assert rows["b"]["weighted_degree"] == 6


def test_agreements_given_as_a_list_count_undated():
    graph = nx.Graph()
    graph.add_edge("a", "b", agreements=["x", "y"])
    assert measures.summary(graph, engine="networkx")["agreements"] == 2
    assert measures.timeline(graph) == []
