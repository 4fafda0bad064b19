"""One name lookup: a name that matches nothing is an error with "did you mean", several
matches are listed, an enumerated value outside its values lists them; `path` explains an
empty answer. On the demo store, through the library and the CLI."""

import pytest

from educoop import api
from educoop.analysis.network import Filters
from educoop.errors import QueryError
from educoop.graph.lookup import Named, find, suggestions
from educoop.graph.schema import Label

TUNG_WAH = Named(
    "institution:tung-wah-college",
    Label.INSTITUTION,
    "Tung Wah College",
    ("Donghua College", "东华学院"),
)
YING_WA = Named("institution:ying-wa-college", Label.INSTITUTION, "Ying Wa College")
HONG_KONG = Named("region:china/hong-kong", Label.REGION, "Hong Kong", ("香港",))


@pytest.mark.parametrize(
    "name",
    [
        "Tung Wah College",
        "tung wah college",
        "Donghua College",
        "东华学院",
        "institution:tung-wah-college",
        "  Tung Wah College ",
    ],
)
def test_every_name_a_node_goes_by_finds_it(name):
    assert find([TUNG_WAH, YING_WA, HONG_KONG], name, "party") == TUNG_WAH


def test_a_typo_suggests_the_closest_names_only():
    assert suggestions([TUNG_WAH, YING_WA, HONG_KONG], "Tung Wah Colege") == ["Tung Wah College"]
    assert suggestions([TUNG_WAH, YING_WA, HONG_KONG], "Hongkong") == ["Hong Kong"]
    assert suggestions([TUNG_WAH, YING_WA, HONG_KONG], "Quantum Physics Lab") == []


def test_a_kind_limits_what_a_name_may_be():
    with pytest.raises(QueryError, match=r"^no region named 'Tung Wah College'$"):
        find([TUNG_WAH, HONG_KONG], "Tung Wah College", "region")


def test_several_nodes_of_one_name_are_listed_and_one_is_asked_for():
    other = Named("institution:tung-wah-college-macao", Label.INSTITUTION, "Tung Wah College")
    with pytest.raises(QueryError) as caught:
        find([TUNG_WAH, other], "Tung Wah College", "party")
    assert str(caught.value) == (
        "2 of the store's nodes go by 'Tung Wah College': Tung Wah College "
        "(institution:tung-wah-college); Tung Wah College (institution:tung-wah-college-macao); "
        "give one id"
    )
    assert find([TUNG_WAH, other], "institution:tung-wah-college-macao", "party") == other


@pytest.fixture
def demo(store):
    assert api.ingest(store, [api.demo_corpus()]).ok
    return store


def test_a_typo_in_a_query_is_an_error_naming_the_name_meant(demo, run_cli):
    result = run_cli("query", "partners", "-p", "name=Tung Wah Colege", store=demo)
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: no institution or region named 'Tung Wah Colege'; did you mean: Tung Wah College?"
    )


def test_a_name_answers_as_its_aliases_do(demo):
    rows = api.query(demo, "partners", {"name": "Tung Wah College"})
    assert len(rows) == 8  # seven in Jiangmen, one in Macao
    assert api.query(demo, "partners", {"name": "东华学院"}) == rows
    assert api.query(demo, "partners", {"name": "Donghua College"}) == rows


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["region-matrix", "-p", "level=planet"],
            "Error: region-matrix: level: 'planet' is not one of country, province, city, district, zone",
        ),
        (
            ["partners", "-p", "name=Guangdong", "-p", "kind=sined"],
            "Error: partners: kind: 'sined' is not one of signed, paired, plan, branch, exchange",
        ),
    ],
)
def test_an_enumerated_value_outside_its_values_lists_them(demo, run_cli, args, message):
    result = run_cli("query", *args, store=demo)
    assert result.exit_code == 1
    assert result.output.strip() == message


def test_report_and_ego_export_use_the_same_lookup(demo, run_cli, tmp_path):
    result = run_cli("report", "centrality", "--region", "Jiangmenn", store=demo)
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no region named 'Jiangmenn'; did you mean: Jiangmen?"
    out = tmp_path / "ego.gexf"
    ok = run_cli(
        "export", "--ego", "Donghua College", "--format", "gexf", "-o", str(out), store=demo
    )
    assert ok.exit_code == 0, ok.output
    assert "Tung Wah College" in out.read_text(encoding="utf-8")


def _component_size(store, name: str) -> int:
    """The size of a party's component over partner links, counted here from the raw view."""
    import networkx as nx

    view = store.to_networkx()
    links = nx.Graph(
        (a, b)
        for a, b, kind in view.edges(data="type")
        if kind in ("SIGNED_WITH", "EXCHANGED_WITH")
    )
    [node] = [n for n, attrs in view.nodes(data=True) if attrs.get("name") == name]
    return len(nx.node_connected_component(links, node))


def test_path_explains_an_empty_answer(demo, run_cli):
    result = run_cli(
        "query", "path", "-p", "a=Fudan University", "-p", "b=Tung Wah College", store=demo
    )
    assert result.exit_code == 0
    sizes = (_component_size(demo, "Fudan University"), _component_size(demo, "Tung Wah College"))
    assert result.output.strip() == (
        "no cooperation path: Fudan University and Tung Wah College are in separate "
        f"components (sizes {sizes[0]} and {sizes[1]})"
    )
    assert api.why_empty(demo, "path", {"a": "Tung Wah College", "b": "东华学院"}) == (
        "no cooperation path: Tung Wah College and Tung Wah College are one party"
    )


def _undated_agreements_of(store, party_names: set[str] | None = None) -> int:
    """Agreement nodes without a date (with a party among ``party_names``), from PARTY_TO."""
    view = store.to_networkx()
    names = {node: attrs.get("name") for node, attrs in view.nodes(data=True)}
    found = set()
    for src, dst, kind in view.edges(data="type"):
        if kind != "PARTY_TO" or view.nodes[dst].get("date"):
            continue
        if party_names is None or names[src] in party_names:
            found.add(dst)
    return len(found)


def test_a_date_window_says_how_many_undated_agreements_it_left_out(demo, run_cli):
    expected = _undated_agreements_of(demo, {"Tung Wah College"})
    assert expected > 0
    result = run_cli(
        "query", "partners", "-p", "name=Tung Wah College", "-p", "since=2023", store=demo
    )
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1] == (
        f"({expected} undated agreements left out by the date window)"
    )
    assert api.undated_left_out(demo, "partners", {"name": "Tung Wah College"}) == 0
    report = api.report(demo, "centrality", filters=Filters(since="2023"))
    everywhere = _undated_agreements_of(demo)
    assert f"{everywhere} agreements without a date left out by the date window." in report.notes


def test_the_timeline_says_how_many_agreements_are_on_no_year(demo):
    report = api.report(demo, "timeline", filters=Filters(region="Hong Kong"))
    dated = sum(row["agreements"] for row in report.rows)
    total = len(api.query(demo, "agreements", {"region": "Hong Kong"}))
    assert total > dated
    assert f"{total - dated} agreements without a date are on no year of it." in report.notes
