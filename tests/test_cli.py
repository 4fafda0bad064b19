import json
import re
import shutil
from pathlib import Path

import click
import pytest

from educoop.cli import cli
from educoop.queries.catalogue import catalogue
from tests.conftest import DATA
from tests.documents import write_image_pdf, write_pdf


def stats(run_cli) -> dict:
    return json.loads(run_cli("stats", "--format", "json").output)


def test_ingest_query_and_stats(run_cli):
    result = run_cli("ingest", str(DATA / "small.yaml"))
    assert result.exit_code == 0, result.output
    rows = json.loads(
        run_cli("query", "partners", "--param", "name=Alpha University", "--format", "json").output
    )
    assert [row["partner"] for row in rows] == ["Beta College", "Gamma School"]
    assert stats(run_cli)["nodes"]["Institution"] == 5


def test_query_table_and_csv(run_cli):
    run_cli("ingest", str(DATA / "small.yaml"))
    table = run_cli("query", "region-matrix", "-p", "level=province").output.splitlines()
    assert table[0].split() == ["region_a", "region_b", "agreements"]
    assert table[2].split() == ["Guangdong", "Hong", "Kong", "2"]
    csv_out = run_cli(
        "query", "agreements", "-p", "kind=signed", "--format", "csv"
    ).output.splitlines()
    assert csv_out[0] == "id,kind,date,sides,programme,sources"
    assert "Alpha University | Beta College; Gamma School" in csv_out[1]


def test_query_list_names_every_query(run_cli):
    listed = json.loads(run_cli("query", "--list", "--format", "json").output)
    queries = catalogue().values()
    assert {row["name"]: row["title"] for row in listed} == {q.name: q.title for q in queries}
    table = run_cli("query", "--list").output.splitlines()
    for query in queries:
        assert any(line.split("  ")[0] == query.name and query.title in line for line in table)


def test_query_errors_are_one_line(run_cli):
    run_cli("ingest", str(DATA / "small.yaml"))
    result = run_cli("query", "partners")
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == "Error: partners: missing parameter 'name' (institution or region, by name, Chinese name, alias or id)"
    )
    assert run_cli("query", "nope").exit_code == 1
    assert "expected key=value" in run_cli("query", "partners", "-p", "name").output


def test_query_on_a_missing_store_is_an_error_and_creates_nothing(run_cli):
    result = run_cli("query", "partners", "-p", "name=x")
    assert result.exit_code == 1
    assert "no store here" in result.output
    assert not run_cli.store.exists()


def test_reingest_changes_nothing(run_cli):
    run_cli("ingest", str(DATA / "small.yaml"))
    before = stats(run_cli)
    again = run_cli("ingest", str(DATA / "small.yaml"), "--format", "json")
    graph = json.loads(again.output)["graph"]
    assert graph["new_nodes"] == graph["removed_nodes"] == graph["new_relationships"] == 0
    assert stats(run_cli) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "missing-column.csv",
            "side_a,kind\nA,signed\n",
            "missing-column.csv:1: side_b: missing required column",
        ),
        (
            "bad-kind.yaml",
            "agreements:\n  - {sides: [[Beijing], [Tianjin]], kind: treaty}\n",
            "bad-kind.yaml:2: agreements[0].kind: Input should be",
        ),
        ("empty.yaml", "", "empty.yaml: file is empty"),
        ("binary.json", b"\x00\x01\x02\xff", "binary.json: binary file, expected UTF-8 text"),
    ],
)
def test_bad_files_fail_alone_with_one_line_and_leave_the_store_unchanged(
    run_cli, tmp_path, name, content, message
):
    run_cli("ingest", str(DATA / "small.yaml"))
    before = stats(run_cli)
    bad = tmp_path / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run_cli("ingest", str(bad))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in result.output
    assert stats(run_cli) == before


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        (
            "baddate.csv",
            "side_a,side_b,kind,date\nBeijing,Tianjin,plan,2024-13\n",
            "baddate.csv:2: date",
        ),
        (
            "baddate.yaml",
            "agreements:\n  - sides: [[Beijing], [Tianjin]]\n    kind: plan\n    date: 2024-13\n",
            "baddate.yaml:4: agreements[0].date",
        ),
        (
            "baddate.json",
            '{"agreements": [{"sides": [["Beijing"], ["Tianjin"]], "kind": "plan",\n'
            '  "date": "2024-13"}]}\n',
            "baddate.json:2: agreements[0].date",
        ),
    ],
    ids=["csv", "yaml", "json"],
)
def test_a_bad_date_is_named_once_in_one_line(run_cli, tmp_path, name, content, where):
    bad = tmp_path / name
    bad.write_text(content)
    result = run_cli("ingest", str(bad))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {tmp_path / where}: expected a real calendar date, got '2024-13'"]


@pytest.mark.parametrize("date", ["2024-02-30", "2024-01-32"])
def test_a_yaml_date_that_is_no_calendar_day_is_an_input_error(run_cli, tmp_path, date):
    # YAML reads 2024-02-30 as a timestamp: it used to crash the parser.
    bad = tmp_path / "day.yaml"
    bad.write_text(f"document: {{date: {date}}}\nagreements: []\n")
    result = run_cli("ingest", str(bad))
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {bad}:1: document.date: expected a real calendar date, got '{date}'"]


def test_a_folder_loads_its_good_files_and_reports_the_bad_one(run_cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "small.yaml", folder / "a.yaml")
    (folder / "b.csv").write_text("side_a,side_b,kind\nBeijing,Tianjin,plan\n")
    (folder / "c.yaml").write_text("agreements: 3\n")
    (folder / "notes.odt").write_text("ignored in a folder")
    result = run_cli("ingest", str(folder), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output[: result.output.rindex("}") + 1])
    assert [Path(w["source"]).name for w in report["loaded"]] == ["a.yaml", "b.csv"]
    assert list(map(lambda p: Path(p).name, report["failed"])) == ["c.yaml"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_formats(run_cli, tmp_path, fmt):
    run_cli("ingest", str(DATA / "small.yaml"))
    out = tmp_path / f"g.{fmt}"
    assert run_cli("export", "--format", fmt, "-o", str(out)).exit_code == 0
    import networkx as nx

    if fmt == "json":
        graph = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    else:
        graph = getattr(nx, f"read_{fmt}")(out)
    assert graph.number_of_nodes() == sum(stats(run_cli)["nodes"].values())
    assert graph.number_of_edges() == sum(stats(run_cli)["relationships"].values())


LABELLED = """\
document: {source: https://example.org/news/1}
institutions:
  - {name: Alpha University, region: Nanshan District, kind: university}
  - {name: Beta College, region: Hong Kong, kind: college}
agreements:
  - {sides: [[Alpha University], [Beta College]], kind: signed, date: 2023-04,
     title: The Alpha-Beta accord}
  - {sides: [[Alpha University], [Beta College]], kind: exchange, date: 2023-09}
"""


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_export_labels_nodes_by_name_and_keeps_their_type(run_cli, tmp_path, fmt):
    import networkx as nx

    (tmp_path / "labelled.yaml").write_text(LABELLED)
    (tmp_path / "untitled.csv").write_text("side_a,side_b,kind\nBeijing,Tianjin,branch\n")
    sources = [DATA / "small.yaml", tmp_path / "labelled.yaml", tmp_path / "untitled.csv"]
    assert run_cli("ingest", *map(str, sources)).exit_code == 0
    out = tmp_path / f"g.{fmt}"
    assert run_cli("export", "--format", fmt, "-o", str(out)).exit_code == 0
    graph = getattr(nx, f"read_{fmt}")(out)
    nodes = dict(graph.nodes(data=True))
    assert nodes["institution:alpha-university"]["label"] == "Alpha University"
    assert nodes["institution:alpha-university"]["type"] == "Institution"
    by_type: dict[str, list[str]] = {}
    for attrs in nodes.values():
        by_type.setdefault(attrs["type"], []).append(attrs["label"])
    assert sorted(by_type["Institution"]) == [
        "Alpha University",
        "Beta College",
        "Delta Institute",
        "Epsilon Hospital",
        "Gamma School",
    ]
    assert {"Hong Kong", "Nanshan District", "Beijing", "Tianjin"} <= set(by_type["Region"])
    assert by_type["Programme"] == ["Test Bridge Scheme"]
    # An agreement by its title, else its kind and date.
    assert sorted(by_type["Agreement"]) == [
        "The Alpha-Beta accord",
        "branch",
        "exchange 2021",
        "exchange 2023-09",
        "paired 2022-03-15",
        "plan",
        "signed 2020-05",
    ]
    # A document by its title, else its source.
    assert sorted(by_type["Document"]) == sorted(
        ["Small test corpus", "https://example.org/news/1", str(tmp_path / "untitled.csv")]
    )
    if fmt == "gexf":
        # GEXF's edge type is a direction: the relationship's type is an attribute.
        edges = out.read_text().count("<edge ")
        assert edges == graph.number_of_edges() > 0
        assert " type=" not in "".join(
            line for line in out.read_text().splitlines() if "<edge " in line
        )
        kinds = {attrs["relationship"] for *_, attrs in graph.edges(data=True)}
        assert {"PARTY_TO", "REPORTED_IN", "LOCATED_IN"} <= kinds


def test_export_csv_writes_nodes_and_edges(run_cli, tmp_path):
    run_cli("ingest", str(DATA / "small.yaml"))
    assert run_cli("export", "--format", "csv", "-o", str(tmp_path / "t")).exit_code == 0
    nodes = (tmp_path / "t" / "nodes.csv").read_text().splitlines()
    assert nodes[0].startswith("id,label,")
    assert len(nodes) - 1 == sum(stats(run_cli)["nodes"].values())
    assert "give a folder with -o" in run_cli("export", "--format", "csv").output


def test_demo_shows_a_network_of_forty_institutions_in_ten_regions(run_cli):
    result = run_cli("demo")
    assert result.exit_code == 0, result.output
    assert "Partners of Tung Wah College" in result.output
    graph_regions = json.loads(
        run_cli("query", "region-matrix", "-p", "level=city", "--format", "json").output
    )
    assert (
        len({r["region_a"] for r in graph_regions} | {r["region_b"] for r in graph_regions}) >= 10
    )
    assert stats(run_cli)["nodes"]["Institution"] >= 40


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def _format_choices() -> dict[tuple[str, ...], set[str]]:
    """The formats each command's --format option offers."""
    return {
        path: set(param.type.choices)
        for path, command in _commands(cli)
        for param in command.params
        if "--format" in getattr(param, "opts", ())
    }


@pytest.mark.parametrize("path", list(_format_choices()), ids=" ".join)
def test_format_help_names_only_the_formats_a_command_offers(run_cli, path):
    choices = _format_choices()
    offered = choices[path]
    others = set().union(*choices.values()) - offered
    text = run_cli(*path, "--help", store=None).output
    # Format names as words, not file names (ingest reads .yaml files).
    named = {name for name in others if re.search(rf"(?<![\w.]){name}\b", text)}
    assert not named, f"{' '.join(path)} --help names {sorted(named)}; it offers {sorted(offered)}"
    assert all(name in text for name in offered)


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=" ".join)
def test_every_command_has_help_with_an_example(run_cli, path):
    result = run_cli(*path, "--help", store=None)
    assert result.exit_code == 0
    assert "Example" in result.output
    command = dict(_commands(cli))[path]
    assert command.help and len(command.help.splitlines()[0]) > 10


def test_a_folder_without_record_files_is_an_error(run_cli, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.odt").write_text("not a record")
    result = run_cli("ingest", str(tmp_path / "notes"))
    assert result.exit_code == 1
    assert "a folder with nothing to load (no .yaml, .yml, .json, .csv, .txt" in result.output


def test_an_unreachable_neo4j_store_is_one_line_and_a_failure(run_cli):
    result = run_cli("--neo4j-password", "hunter2-secret", "stats", store="bolt://127.0.0.1:1")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "hunter2-secret" not in result.output


ARTICLES = DATA / "articles"


def test_extract_prints_one_json_object_per_article_and_writes_nothing(run_cli):
    result = run_cli(
        "extract",
        str(ARTICLES / "foshan-hong-kong-nursing.txt"),
        str(ARTICLES / "yrd-plan.html"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    documents = [json.loads(line) for line in result.output.splitlines()]
    assert [Path(d["source"]).name for d in documents] == [
        "foshan-hong-kong-nursing.txt",
        "yrd-plan.html",
    ]
    assert set(documents[0]) >= {"institutions", "regions", "programmes", "agreements"}
    signing = documents[0]["agreements"][0]
    assert signing["sides"] == [
        ["Tai Po Community College"],
        ["Foshan Health School", "Foshan Maternity Hospital"],
    ]
    assert signing["date"] == "2024-03-18"
    assert not run_cli.store.exists()


def test_articles_ingest_beside_records(run_cli):
    result = run_cli(
        "ingest",
        str(ARTICLES / "foshan-hong-kong-nursing.txt"),
        str(ARTICLES / "yrd-plan.html"),
        str(DATA / "small.yaml"),
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(
        run_cli(
            "query", "partners", "-p", "name=Tai Po Community College", "--format", "json"
        ).output
    )
    assert {"Foshan Health School", "Foshan Maternity Hospital"} <= {row["partner"] for row in rows}
    assert stats(run_cli)["nodes"]["Document"] == 3


def _huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)


@pytest.mark.parametrize(
    ("name", "write", "message"),
    [
        ("empty.txt", lambda p: p.write_bytes(b""), "no text in this article"),
        (
            "scripts.html",
            lambda p: p.write_text("<html><style>p{}</style><script>x()</script></html>"),
            "no text in this article",
        ),
        ("photo.txt", lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00IHDR"), "binary file"),
        (
            "latin1.txt",
            lambda p: p.write_bytes("Caf\u00e9 signed".encode("latin-1")),
            "not valid UTF-8",
        ),
        ("huge.txt", _huge, "too large for an article"),
        ("huge.pdf", _huge, "too large for a document"),
        ("scan.pdf", write_image_pdf, "no text layer: run OCR first"),
        (
            "locked.pdf",
            lambda p: write_pdf(p, ["Alpha College signed with Beta School."], password="pw"),
            "encrypted PDF",
        ),
        ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 torn"), "not a readable Word"),
    ],
)
def test_a_bad_article_fails_alone_and_writes_nothing(run_cli, tmp_path, name, write, message):
    run_cli("ingest", str(DATA / "small.yaml"))
    before = stats(run_cli)
    bad = tmp_path / name
    write(bad)
    result = run_cli("ingest", str(bad), str(ARTICLES / "foshan-hong-kong-nursing.txt"))
    assert result.exit_code == 1
    [error] = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert error.startswith(f"Error: {bad}") and message in error
    assert "Traceback" not in result.output
    # The good article beside it still loads; nothing of the bad one does.
    assert stats(run_cli)["nodes"]["Document"] == before["nodes"]["Document"] + 1


def test_eval_scores_extraction_against_gold(run_cli, tmp_path):
    for path in ARTICLES.glob("foshan-hong-kong-nursing.*"):
        shutil.copy(path, tmp_path)
    for path in ARTICLES.glob("yrd-plan.*"):
        shutil.copy(path, tmp_path)
    result = run_cli("eval", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    names = [row["document"] for row in report["scores"]]
    assert names == ["foshan-hong-kong-nursing", "yrd-plan", "ALL"]
    assert all(0.0 <= row["pairs_f1"] <= 1.0 for row in report["scores"])
    table = run_cli("eval", str(tmp_path)).output
    assert table.splitlines()[0].split() == ["document", "institutions", "regions", "pairs"]


def test_a_missing_spacy_model_is_a_usage_error_before_any_work(run_cli):
    result = run_cli(
        "extract",
        str(ARTICLES / "foshan-hong-kong-nursing.txt"),
        "--spacy-model",
        "no_such_model_xyz",
    )
    assert result.exit_code == 2
    assert "spaCy model 'no_such_model_xyz' is not installed" in result.output
    assert "Traceback" not in result.output


def test_every_test_article_ingests_and_a_folder_readme_is_not_an_article(run_cli):
    result = run_cli("ingest", str(ARTICLES), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["failed"] == {}
    loaded = {Path(row["source"]).name for row in report["loaded"]}
    assert "README.md" not in loaded
    assert "leeds-nairobi-nursing-mou.txt" in loaded
    assert len(loaded) == len([p for p in ARTICLES.iterdir() if p.name != "README.md"])


def test_a_query_with_a_bad_date_is_one_line(run_cli):
    run_cli("ingest", str(DATA / "small.yaml"))
    result = run_cli("query", "agreements", "-p", "since=2024-13")
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == "Error: agreements: since: expected a real calendar date, got '2024-13'"
    )


@pytest.mark.parametrize("scheme", ["neo4j+s", "neo4j+ssc", "bolt+s"])
def test_tls_uris_are_accepted_and_a_password_never_shows(run_cli, scheme, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2-secret")
    result = run_cli("stats", store=f"{scheme}://127.0.0.1:1")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: cannot reach Neo4j at {scheme}://127.0.0.1:1")
    assert "hunter2-secret" not in result.output


def test_tables_fit_a_terminal_unless_asked_to_be_wide(run_cli):
    assert run_cli("demo").exit_code == 0
    for args in (
        ["query", "partners", "-p", "name=Tung Wah College"],
        ["query", "agreements", "-p", "region=Hong Kong"],
        ["query", "profile", "-p", "name=Tung Wah College"],
        ["report", "centrality"],
    ):
        table = run_cli(*args)
        assert table.exit_code == 0, table.output
        lines = table.output.splitlines()
        assert max(map(len, lines)) <= 100, (args, max(map(len, lines)))
        header = lines[0].split()
        assert "id" not in header
        wide = run_cli("--wide", *args)
        as_json = json.loads(run_cli(*args, "--format", "json").output)
        if "id" in as_json[0]:
            assert "id" in wide.output.splitlines()[0].split()
        # Whole cells in JSON and in the wide table: the longest value shows in full.
        longest = max(
            (str(v) for row in as_json for v in row.values() if isinstance(v, str)), key=len
        )
        assert longest in wide.output


def test_a_long_list_in_a_cell_ends_with_how_many_more():
    from educoop.render import render_table

    table = render_table([{"name": "A", "aliases": ["b", "c", "d", "e", "f"]}])
    assert table.splitlines()[2] == "A     b; c; d +2 more"
    assert "b; c; d; e; f" in render_table([{"name": "A", "aliases": list("bcdef")}], wide=True)


def test_a_region_matrix_pivots_into_a_grid(run_cli):
    assert run_cli("demo").exit_code == 0
    pairs = json.loads(
        run_cli("query", "region-matrix", "-p", "level=province", "--format", "json").output
    )
    grid = json.loads(
        run_cli(
            "query", "region-matrix", "-p", "level=province", "--pivot", "--format", "json"
        ).output
    )
    by_region = {row["region"]: row for row in grid}
    assert set(by_region) == {p["region_a"] for p in pairs} | {p["region_b"] for p in pairs}
    for pair in pairs:
        assert by_region[pair["region_a"]][pair["region_b"]] == pair["agreements"]
        assert by_region[pair["region_b"]][pair["region_a"]] == pair["agreements"]
    cells = sum(1 for row in grid for key, value in row.items() if key != "region" and value)
    assert cells == sum(1 if p["region_a"] == p["region_b"] else 2 for p in pairs)
    report = json.loads(run_cli("report", "regions", "--pivot", "--format", "json").output)
    assert report[0]["region"] == grid[0]["region"]
    wrong = run_cli("query", "partners", "-p", "name=Jiangmen", "--pivot")
    assert wrong.exit_code == 2 and "--pivot goes with region-matrix" in wrong.output
