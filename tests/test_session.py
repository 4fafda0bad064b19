"""The Python API for notebooks: educoop.open(...) and its results."""

import doctest

import networkx as nx
import pytest

import educoop
import educoop.session
from educoop.errors import EducoopError, QueryError


@pytest.fixture
def g(tmp_path):
    with educoop.open(tmp_path / "s.db") as session:
        assert session.ingest(educoop.demo_corpus()).ok
        yield session


def test_a_query_answers_rows_that_become_a_dataframe(g):
    partners = g.query("partners", name="Tung Wah College")
    same = educoop.query(g.store, "partners", {"name": "Tung Wah College"})
    assert partners.rows == same and len(partners) == len(same) > 0
    frame = partners.to_pandas()
    assert list(frame.columns) == list(same[0])
    assert frame["partner"].tolist() == [row["partner"] for row in same]


def test_notes_travel_with_the_answer(g):
    dated = g.query("partners", name="Tung Wah College", since="2024")
    assert dated.rows == []
    [note] = dated.notes
    assert note.endswith("undated agreements left out by the date window")
    assert dated.to_pandas().attrs["notes"] == [note]
    apart = g.query("path", a="Fudan University", b="Tung Wah College")
    assert apart.notes[0].startswith("no cooperation path: Fudan University and Tung Wah College")
    with pytest.raises(QueryError, match="did you mean: Tung Wah College"):
        g.query("partners", name="Tung Wah Colege")


def test_a_report_takes_the_filters_as_keywords(g):
    report = g.report("centrality", since="2022", kinds="signed", top=3)
    expected = educoop.api.report(
        g.store, "centrality", filters=educoop.api.Filters(since="2022", kinds=("signed",)), top=3
    )
    assert report.rows == expected.rows and report.notes == expected.notes
    with pytest.raises(EducoopError, match="unknown filter 'year'"):
        g.report("centrality", year=2022)
    with pytest.raises(EducoopError, match="not a network"):
        report.to_networkx()


def test_a_network_has_rows_and_a_networkx_graph(g):
    network = g.network(region="Jiangmen")
    graph = network.to_networkx()
    assert isinstance(graph, nx.Graph)
    assert sorted(row["id"] for row in network.rows) == sorted(graph.nodes)
    assert "Tung Wah College" in {row["name"] for row in network.rows}


def test_the_session_example_runs():
    failures, tried = doctest.testmod(educoop.session)
    assert tried > 0 and failures == 0
