"""The two-ended search of the ``path`` query against NetworkX's one-ended one."""

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from educoop.queries.embedded import shortest_routes


def neighbours_of(graph: nx.Graph) -> dict[str, set[str]]:
    return {str(node): {str(other) for other in graph[node]} for node in graph}


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=2, max_value=40),
    st.floats(min_value=0.02, max_value=0.3),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=1, max_value=12),
)
def test_every_shortest_route_and_no_other(size, density, seed, most_hops):
    graph = nx.gnp_random_graph(size, density, seed=seed)
    source, target = "0", str(size - 1)
    g = nx.relabel_nodes(graph, str)
    expected = []
    if nx.has_path(g, source, target):
        routes = sorted(nx.all_shortest_paths(g, source, target))
        expected = routes if len(routes[0]) - 1 <= most_hops else []
    assert shortest_routes(neighbours_of(g), source, target, most_hops) == expected


def test_a_grid_has_every_route_across_it():
    grid = nx.relabel_nodes(nx.grid_2d_graph(4, 4), lambda n: f"{n[0]}-{n[1]}")
    routes = shortest_routes(neighbours_of(grid), "0-0", "3-3", 12)
    assert len(routes) == 20  # 6 choose 3: three steps down among six
    assert all(len(route) == 7 for route in routes)
    assert routes == sorted(nx.all_shortest_paths(grid, "0-0", "3-3"))


def test_parties_apart_have_no_route():
    assert shortest_routes({"a": {"b"}, "b": {"a"}, "c": set()}, "a", "c", 12) == []
