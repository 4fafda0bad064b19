"""Measures on small graphs whose values are worked out by hand (or are textbook values),
and the partner network of tests/data/small.yaml under every filter."""

import doctest

import networkx as nx
import pytest

from educoop.analysis import arrays, engine, measures, network, report
from educoop.analysis.network import Filters, cooperation_graph


@pytest.mark.parametrize("module", [arrays, engine, measures, network, report])
def test_docstring_examples(module):
    # The examples are graphs of NetworkX's generators, which modules reading arrays
    # need not import.
    assert doctest.testmod(module, extraglobs={"nx": nx}).failed == 0


def test_star_and_cycle_centralisation():
    assert measures.freeman_centralisation(nx.star_graph(5)) == 1.0
    assert measures.freeman_centralisation(nx.cycle_graph(6)) == 0.0
    # A path of 4: degrees 1, 2, 2, 1; (1 + 0 + 0 + 1) / (3 * 2).
    assert measures.freeman_centralisation(nx.path_graph(4)) == pytest.approx(1 / 3)


def test_centralities_of_a_star():
    rows = {row["id"]: row for row in measures.centralities(nx.star_graph(3)).rows}
    assert rows[0]["betweenness"] == pytest.approx(1.0)
    assert rows[1]["betweenness"] == pytest.approx(0.0)
    assert rows[0]["closeness"] == pytest.approx(1.0)
    assert rows[1]["closeness"] == pytest.approx(3 / 5)  # 3 others at distances 1, 2, 2
    # PageRank sums to one; the centre of a star holds the most.
    assert sum(row["pagerank"] for row in rows.values()) == pytest.approx(1.0)
    assert rows[0]["pagerank"] > rows[1]["pagerank"]


def test_sampled_betweenness_says_so_and_is_repeatable():
    graph = nx.barabasi_albert_graph(60, 2, seed=3)
    first = measures.centralities(graph, sample=20, seed=5)
    again = measures.centralities(graph, sample=20, seed=5)
    assert first.betweenness_sample == 20
    assert [r["betweenness"] for r in first.rows] == [r["betweenness"] for r in again.rows]
    assert measures.centralities(graph).betweenness_sample is None


@pytest.mark.parametrize("engine", ["networkx", "networkit"])
def test_betweenness_is_estimated_when_parties_times_links_exceed_the_engines_budget(
    monkeypatch, engine
):
    # Two networks of the same 200 parties: the dense one is too much work to be exact.
    sparse = nx.barabasi_albert_graph(200, 1, seed=3)  # 199 links
    dense = nx.barabasi_albert_graph(200, 10, seed=3)  # 1,900 links
    monkeypatch.setitem(measures.EXACT_BETWEENNESS_WORK, engine, 200 * 1_000)
    assert measures.centralities(sparse, engine=engine).betweenness_sample is None
    estimated = measures.centralities(dense, engine=engine)
    assert estimated.betweenness_sample == measures.LARGE_GRAPH_SAMPLE


def test_two_cliques_make_two_communities_with_their_modularity():
    graph = nx.barbell_graph(4, 0)  # two K4 and one bridge: 13 links
    found, quality = measures.communities(graph, seed=1)
    assert sorted(sorted(c.members) for c in found) == [[0, 1, 2, 3], [4, 5, 6, 7]]
    # Each community: 6 of 13 links inside, degree sum 13 of 26: 2 * (6/13 - 1/4).
    assert quality == pytest.approx(2 * (6 / 13 - 0.25))


def test_core_and_periphery():
    graph = nx.complete_graph(4)
    graph.add_edges_from([(3, 4), (4, 5)])
    assert measures.core_periphery(graph) == {
        0: "core", 1: "core", 2: "core", 3: "core", 4: "periphery", 5: "periphery"
    }  # fmt: skip
    assert measures.summary(graph)["core_k"] == 3


def test_participation_of_a_broker():
    graph = nx.star_graph(3)
    for node, region in enumerate(["Hub", "A", "A", "B"]):
        graph.nodes[node].update(name=str(node), region=region)
    [hub, *_] = measures.brokers(graph)
    assert (hub["partners"], hub["partner_regions"]) == (3, 2)
    assert hub["participation"] == pytest.approx(1 - (2 / 3) ** 2 - (1 / 3) ** 2)


def test_region_matrix_observed_and_expected():
    graph = nx.Graph()
    graph.add_nodes_from([(1, {"region": "A"}), (2, {"region": "A"}), (3, {"region": "B"})])
    graph.add_edge(1, 2, agreements={"x": 2020})
    graph.add_edge(1, 3, agreements={"y": 2021})
    matrix = measures.region_matrix(graph)
    rows = {(r["region_a"], r["region_b"]): r for r in matrix["rows"]}
    # Ends: A has 2 (within) + 1 = 3, B has 1; two links.
    assert rows["A", "A"]["expected"] == pytest.approx(9 / 8)
    assert rows["A", "B"]["expected"] == pytest.approx(3 / 4)
    assert rows["A", "B"]["ratio"] == pytest.approx(4 / 3)
    assert matrix["intra_share"] == 0.5


def test_timeline_growth():
    graph = nx.Graph()
    graph.add_edge(1, 2, agreements={"a": 2020})
    graph.add_edge(2, 3, agreements={"b": 2021, "c": 2021})
    rows = measures.timeline(graph)
    assert [(r["year"], r["agreements"], r["growth"]) for r in rows] == [
        (2020, 1, None),
        (2021, 2, 1.0),
    ]
    assert rows[-1]["density"] == pytest.approx(2 / 3)


# tests/data/small.yaml: Delta - Beta - Alpha - Gamma - Epsilon (a path) and Jiangmen -
# Hong Kong. Alpha signed with Beta and Gamma (2020-05), Beta visited Delta (2021), Gamma
# paired with Epsilon (2022-03-15), Jiangmen and Hong Kong made an undated plan.


def names(graph):
    return sorted(graph.nodes[n]["name"] for n in graph)


def test_the_partner_network_of_the_small_corpus(small_graph):
    graph = cooperation_graph(small_graph)
    assert graph.number_of_nodes() == 7
    assert graph.number_of_edges() == 5
    rows = {r["name"]: r for r in measures.centralities(graph).rows}
    # Betweenness over 7 parties is normalised by 6 * 5 / 2 = 15 pairs.
    assert rows["Alpha University"]["betweenness"] == pytest.approx(4 / 15)
    assert rows["Beta College"]["betweenness"] == pytest.approx(3 / 15)
    assert rows["Delta Institute"]["betweenness"] == 0.0


@pytest.mark.parametrize(
    ("filters", "parties"),
    [
        (
            Filters(since="2021"),
            ["Beta College", "Delta Institute", "Epsilon Hospital", "Gamma School"],
        ),
        (Filters(until="2020-12"), ["Alpha University", "Beta College", "Gamma School"]),
        (Filters(kinds=("paired",)), ["Epsilon Hospital", "Gamma School"]),
        # Links with a party in Guangdong: Alpha (Shenzhen), Gamma and Jiangmen.
        (
            Filters(region="Guangdong"),
            [
                "Alpha University",
                "Beta College",
                "Epsilon Hospital",
                "Gamma School",
                "Hong Kong",
                "Jiangmen",
            ],
        ),
        (
            Filters(institution_kinds=("university", "college")),
            ["Alpha University", "Beta College", "Hong Kong", "Jiangmen"],
        ),
    ],
)
def test_every_filter(small_graph, filters, parties):
    assert names(cooperation_graph(small_graph, filters)) == parties


def test_an_unknown_region_is_an_error(small_graph):
    from educoop.errors import QueryError

    with pytest.raises(QueryError, match="no region named 'Atlantis'"):
        cooperation_graph(small_graph, Filters(region="Atlantis"))


def test_the_region_matrix_of_the_small_corpus(small_graph):
    matrix = measures.region_matrix(cooperation_graph(small_graph), level="province")
    pairs = {(r["region_a"], r["region_b"]): r["agreements"] for r in matrix["rows"]}
    # A1 joins Guangdong with Hong Kong and Guangdong with itself; A2 Hong Kong with
    # Zhejiang; A3 Guangdong with Macao; A4 (Jiangmen, Hong Kong) Guangdong with Hong Kong.
    assert pairs == {
        ("Guangdong", "Hong Kong"): 2,
        ("Guangdong", "Guangdong"): 1,
        ("Hong Kong", "Zhejiang"): 1,
        ("Guangdong", "Macao"): 1,
    }
