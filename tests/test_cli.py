import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from educoop.cli import cli
from tests.conftest import DATA


@pytest.fixture
def run(tmp_path):
    store = tmp_path / "s.db"

    def invoke(*args: str):
        return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)

    invoke.store = store
    return invoke


def stats(run) -> dict:
    return json.loads(run("stats", "--format", "json").output)


def test_ingest_query_and_stats(run):
    result = run("ingest", str(DATA / "small.yaml"))
    assert result.exit_code == 0, result.output
    rows = json.loads(
        run("query", "partners", "--param", "name=Alpha University", "--format", "json").output
    )
    assert [row["partner"] for row in rows] == ["Beta College", "Gamma School"]
    assert stats(run)["nodes"]["Institution"] == 5


def test_query_table_and_csv(run):
    run("ingest", str(DATA / "small.yaml"))
    table = run("query", "region-matrix", "-p", "level=province").output.splitlines()
    assert table[0].split() == ["region_a", "region_b", "agreements"]
    assert table[2].split() == ["Guangdong", "Hong", "Kong", "2"]
    csv_out = run("query", "agreements", "-p", "kind=signed", "--format", "csv").output.splitlines()
    assert csv_out[0] == "id,kind,date,sides,programme,sources"
    assert "Alpha University | Beta College; Gamma School" in csv_out[1]


def test_query_list_names_every_query(run):
    listed = json.loads(run("query", "--list", "--format", "json").output)
    assert {row["name"] for row in listed} >= {"partners", "path", "region-matrix"}


def test_query_errors_are_one_line(run):
    run("ingest", str(DATA / "small.yaml"))
    result = run("query", "partners")
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == "Error: partners: missing parameter 'name' (institution or region, by name, Chinese name, alias or id)"
    )
    assert run("query", "nope").exit_code == 1
    assert "expected key=value" in run("query", "partners", "-p", "name").output


def test_query_on_a_missing_store_is_an_error_and_creates_nothing(run):
    result = run("query", "partners", "-p", "name=x")
    assert result.exit_code == 1
    assert "no store here" in result.output
    assert not run.store.exists()


def test_reingest_changes_nothing(run):
    run("ingest", str(DATA / "small.yaml"))
    before = stats(run)
    again = run("ingest", str(DATA / "small.yaml"), "--format", "json")
    graph = json.loads(again.output)["graph"]
    assert graph["new_nodes"] == graph["removed_nodes"] == graph["new_relationships"] == 0
    assert stats(run) == before


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
    run, tmp_path, name, content, message
):
    run("ingest", str(DATA / "small.yaml"))
    before = stats(run)
    bad = tmp_path / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = CliRunner().invoke(cli, ["--store", str(run.store), "ingest", str(bad)])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and message in errors[0]
    assert "Traceback" not in result.output
    assert stats(run) == before


def test_a_folder_loads_its_good_files_and_reports_the_bad_one(run, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "small.yaml", folder / "a.yaml")
    (folder / "b.csv").write_text("side_a,side_b,kind\nBeijing,Tianjin,plan\n")
    (folder / "c.yaml").write_text("agreements: 3\n")
    (folder / "notes.pdf").write_text("ignored in a folder")
    result = run("ingest", str(folder), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.output[: result.output.rindex("}") + 1])
    assert [Path(w["source"]).name for w in report["loaded"]] == ["a.yaml", "b.csv"]
    assert list(map(lambda p: Path(p).name, report["failed"])) == ["c.yaml"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_export_formats(run, tmp_path, fmt):
    run("ingest", str(DATA / "small.yaml"))
    out = tmp_path / f"g.{fmt}"
    assert run("export", "--format", fmt, "-o", str(out)).exit_code == 0
    import networkx as nx

    if fmt == "json":
        graph = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    else:
        graph = getattr(nx, f"read_{fmt}")(out)
    assert graph.number_of_nodes() == sum(stats(run)["nodes"].values())
    assert graph.number_of_edges() == sum(stats(run)["relationships"].values())


def test_export_csv_writes_nodes_and_edges(run, tmp_path):
    run("ingest", str(DATA / "small.yaml"))
    assert run("export", "--format", "csv", "-o", str(tmp_path / "t")).exit_code == 0
    nodes = (tmp_path / "t" / "nodes.csv").read_text().splitlines()
    assert nodes[0].startswith("id,label,")
    assert len(nodes) - 1 == sum(stats(run)["nodes"].values())
    assert "give a folder with -o" in run("export", "--format", "csv").output


def test_demo_shows_a_network_of_forty_institutions_in_ten_regions(run):
    result = run("demo")
    assert result.exit_code == 0, result.output
    assert "Partners of Tung Wah College" in result.output
    graph_regions = json.loads(
        run("query", "region-matrix", "-p", "level=city", "--format", "json").output
    )
    assert (
        len({r["region_a"] for r in graph_regions} | {r["region_b"] for r in graph_regions}) >= 10
    )
    assert stats(run)["nodes"]["Institution"] >= 40


def _commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", [p for p, _ in _commands(cli)], ids=" ".join)
def test_every_command_has_help_with_an_example(path):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    command = dict(_commands(cli))[path]
    assert command.help and len(command.help.splitlines()[0]) > 10


def test_a_folder_without_record_files_is_an_error(run, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.pdf").write_text("not a record")
    result = run("ingest", str(tmp_path / "notes"))
    assert result.exit_code == 1
    assert "a folder with nothing to load (no .yaml, .yml, .json, .csv, .txt" in result.output


def test_an_unreachable_neo4j_store_is_one_line_and_a_failure():
    result = CliRunner().invoke(
        cli, ["--store", "bolt://127.0.0.1:1", "--neo4j-password", "hunter2-secret", "stats"]
    )
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: cannot reach Neo4j at bolt://127.0.0.1:1")
    assert "hunter2-secret" not in result.output


ARTICLES = DATA / "articles"


def test_extract_prints_one_json_object_per_article_and_writes_nothing(run):
    result = run(
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
    assert not run.store.exists()


def test_articles_ingest_beside_records(run):
    result = run(
        "ingest",
        str(ARTICLES / "foshan-hong-kong-nursing.txt"),
        str(ARTICLES / "yrd-plan.html"),
        str(DATA / "small.yaml"),
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(
        run("query", "partners", "-p", "name=Tai Po Community College", "--format", "json").output
    )
    assert {"Foshan Health School", "Foshan Maternity Hospital"} <= {row["partner"] for row in rows}
    assert stats(run)["nodes"]["Document"] == 3


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
    ],
)
def test_a_bad_article_fails_alone_and_writes_nothing(run, tmp_path, name, write, message):
    run("ingest", str(DATA / "small.yaml"))
    before = stats(run)
    bad = tmp_path / name
    write(bad)
    result = run("ingest", str(bad), str(ARTICLES / "foshan-hong-kong-nursing.txt"))
    assert result.exit_code == 1
    [error] = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert error.startswith(f"Error: {bad}") and message in error
    assert "Traceback" not in result.output
    # The good article beside it still loads; nothing of the bad one does.
    assert stats(run)["nodes"]["Document"] == before["nodes"]["Document"] + 1


def test_eval_scores_extraction_against_gold(run, tmp_path):
    for path in ARTICLES.glob("foshan-hong-kong-nursing.*"):
        shutil.copy(path, tmp_path)
    for path in ARTICLES.glob("yrd-plan.*"):
        shutil.copy(path, tmp_path)
    result = run("eval", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    names = [row["document"] for row in report["scores"]]
    assert names == ["foshan-hong-kong-nursing", "yrd-plan", "ALL"]
    assert all(0.0 <= row["pairs_f1"] <= 1.0 for row in report["scores"])
    table = run("eval", str(tmp_path)).output
    assert table.splitlines()[0].split() == ["document", "institutions", "regions", "pairs"]


def test_a_missing_spacy_model_is_a_usage_error_before_any_work(run):
    result = run(
        "extract",
        str(ARTICLES / "foshan-hong-kong-nursing.txt"),
        "--spacy-model",
        "no_such_model_xyz",
    )
    assert result.exit_code == 2
    assert "spaCy model 'no_such_model_xyz' is not installed" in result.output
    assert "Traceback" not in result.output


def test_every_test_article_ingests_and_a_folder_readme_is_not_an_article(run):
    result = run("ingest", str(ARTICLES), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["failed"] == {}
    loaded = {Path(row["source"]).name for row in report["loaded"]}
    assert "README.md" not in loaded
    assert "leeds-nairobi-nursing-mou.txt" in loaded
    assert len(loaded) == len([p for p in ARTICLES.iterdir() if p.name != "README.md"])


def test_a_query_with_a_bad_date_is_one_line(run):
    run("ingest", str(DATA / "small.yaml"))
    result = run("query", "agreements", "-p", "since=2024-13")
    assert result.exit_code == 1
    assert (
        result.output.strip()
        == "Error: agreements: since: expected a real calendar date, got '2024-13'"
    )


@pytest.mark.parametrize("scheme", ["neo4j+s", "neo4j+ssc", "bolt+s"])
def test_tls_uris_are_accepted_and_a_password_never_shows(tmp_path, scheme, monkeypatch):
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2-secret")
    result = CliRunner().invoke(cli, ["--store", f"{scheme}://127.0.0.1:1", "stats"])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: cannot reach Neo4j at {scheme}://127.0.0.1:1")
    assert "hunter2-secret" not in result.output
