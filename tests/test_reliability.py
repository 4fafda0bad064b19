"""Reliability: a whole store passes `educoop check`, a damaged one does not, and loading
the same inputs again leaves a store byte-for-byte the same (canonical dumps)."""

import random
import sqlite3

import pytest

from educoop import api
from educoop.graph.check import canonical_dump
from tests.conftest import DATA, SEEDS

CORPUS = [
    *sorted(p for p in (DATA / "articles").iterdir() if p.name != "README.md"),
    DATA / "small.yaml",
    *sorted(SEEDS.glob("*")),
]


def test_a_store_of_every_corpus_is_whole_and_loading_it_again_changes_nothing(store):
    report = api.ingest(store, [p for p in CORPUS if p.name != "README.md"])
    assert report.ok, report.failed
    assert api.check(store) == []
    first = canonical_dump(store.to_networkx())
    again = api.ingest(store, [p for p in CORPUS if p.name != "README.md"])
    assert again.graph.unchanged
    assert canonical_dump(store.to_networkx()) == first


def test_the_same_inputs_in_any_order_give_one_graph(tmp_path):
    from educoop.graph.stores.sqlite import SQLiteStore

    inputs = [p for p in CORPUS if p.name != "README.md"]
    shuffled = inputs[:]
    random.Random(8).shuffle(shuffled)
    orders = {
        "forward": [inputs],
        "reversed": [inputs[::-1]],
        # Three ingests of a shuffled order, the last one repeating the first.
        "in parts": [shuffled[:10], shuffled[10:], shuffled[:10]],
    }
    dumps = {}
    for name, ingests in orders.items():
        with SQLiteStore(tmp_path / f"{name}.db") as store:
            for paths in ingests:
                assert api.ingest(store, paths).ok
            assert api.check(store) == []
            dumps[name] = canonical_dump(store.to_networkx())
    assert dumps["reversed"] == dumps["forward"]
    assert dumps["in parts"] == dumps["forward"]


def test_neo4j_holds_the_same_graph_whatever_the_order(neo4j_store, store):
    inputs = [p for p in CORPUS if p.name != "README.md"]
    assert api.ingest(store, inputs).ok
    neo4j_store.clear()
    half = len(inputs) // 2
    for paths in (inputs[::-1][:half], inputs[::-1][half:], inputs[:3]):
        assert api.ingest(neo4j_store, paths).ok
    assert api.check(neo4j_store) == []
    assert canonical_dump(neo4j_store.to_networkx()) == canonical_dump(store.to_networkx())


def test_one_file_under_two_names_is_named_alike_whatever_the_order(tmp_path):
    from educoop.graph.stores.sqlite import SQLiteStore

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_bytes((DATA / "small.yaml").read_bytes())
    dumps = []
    for name, order in (("ab", [first, second]), ("ba", [second, first])):
        with SQLiteStore(tmp_path / f"{name}.db") as store:
            for path in order:  # one ingest each
                assert api.ingest(store, [path]).ok
            dumps.append(canonical_dump(store.to_networkx()))
            assert list(store.document_names().values()) == [str(first)]
    assert dumps[0] == dumps[1]


def test_forget_removes_a_document_and_what_only_it_reported(tmp_path, run_cli):
    from educoop.graph.stores.sqlite import SQLiteStore

    articles = sorted(p for p in (DATA / "articles").iterdir() if p.name != "README.md")
    kept, gone = articles[:3], articles[3]
    with SQLiteStore(tmp_path / "only-kept.db") as reference:
        assert api.ingest(reference, kept).ok
        expected = canonical_dump(reference.to_networkx())
    with SQLiteStore(tmp_path / "all.db") as store:
        report = api.ingest(store, [*kept, gone])
        sha = next(d.sha256 for d in report.loaded if d.source == str(gone))
        result = run_cli("forget", str(gone), store=store)
        assert result.exit_code == 0, result.output
        assert canonical_dump(store.to_networkx()) == expected
        # Loaded again and forgotten by its sha256 this time; a name of nothing is one line.
        assert api.ingest(store, [gone]).ok
        assert run_cli("forget", sha[:12], store=store).exit_code == 0
        assert canonical_dump(store.to_networkx()) == expected
        missing = run_cli("forget", "no-such-file.txt", store=store)
        assert missing.exit_code == 1
        assert missing.output.strip() == (
            "Error: no-such-file.txt: no stored document by that name or sha256 (nothing removed)"
        )


def test_adding_documents_is_all_or_none(store):
    from educoop.graph.schema import StoredDocument

    good = StoredDocument("a" * 64, "a.yaml", "{}")
    broken = StoredDocument("b" * 64, "b.yaml", None)  # records may not be missing
    with pytest.raises(sqlite3.IntegrityError):
        store.add_documents([good, broken])
    assert store.document_names() == {}


def test_check_finds_what_is_broken(store, run_cli):
    assert api.ingest(store, [DATA / "small.yaml"]).ok
    assert run_cli("check", store=store).output.strip() == "ok"
    db = sqlite3.connect(store.location)
    with db:
        # An agreement loses a party, and a relationship points at a node that is gone.
        db.execute(
            "DELETE FROM edges WHERE type = 'PARTY_TO' AND src = 'institution:alpha-university'"
        )
        db.execute("DELETE FROM nodes WHERE id = 'institution:delta-institute'")
    db.close()
    result = run_cli("check", store=store)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "institution:delta-institute: a relationship points at a node that is not stored" in lines
    )
    assert any("partner link not matching the sides of" in line for line in lines)


def test_two_reports_in_opposite_side_order_give_each_party_one_side(store, tmp_path):
    first = tmp_path / "a.yaml"
    second = tmp_path / "b.yaml"
    parties = "institutions: [{name: Alpha College, region: Foshan}, {name: Beta School, region: Foshan}]\n"
    first.write_text(
        parties
        + "agreements: [{sides: [[Alpha College], [Beta School]], kind: signed, date: 2024}]\n"
    )
    second.write_text(
        parties
        + "agreements: [{sides: [[Beta School], [Alpha College]], kind: signed, date: 2024-05}]\n"
    )
    assert api.ingest(store, [first, second]).ok
    assert store.stats()["nodes"]["Agreement"] == 1
    assert api.check(store) == []


def test_two_ingests_at_once_equal_one_after_the_other(tmp_path):
    import subprocess
    import sys

    files = sorted(p for p in (DATA / "articles").iterdir() if p.name != "README.md")
    halves = [files[::2], files[1::2]]
    together = tmp_path / "together.db"
    command = [sys.executable, "-m", "educoop", "--store", str(together), "ingest"]
    running = [subprocess.Popen([*command, *map(str, half)]) for half in halves]
    assert [process.wait(timeout=300) for process in running] == [0, 0]
    sequential = tmp_path / "sequential.db"
    for half in halves:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "educoop",
                "--store",
                str(sequential),
                "ingest",
                *map(str, half),
            ],
            check=True,
            capture_output=True,
        )
    from educoop.graph.stores.sqlite import SQLiteStore

    with SQLiteStore(together) as a, SQLiteStore(sequential) as b:
        assert api.check(a) == []
        assert canonical_dump(a.to_networkx()) == canonical_dump(b.to_networkx())


def test_an_ingest_killed_at_random_points_leaves_whole_documents_and_resumes(tmp_path):
    import random
    import signal
    import subprocess
    import sys
    import time

    from benchmarks.generate import write
    from educoop.graph.stores.sqlite import SQLiteStore

    files = write(6_000, tmp_path / "corpus")  # two files of records
    files += write(0, tmp_path / "corpus", articles_count=40)  # and forty articles
    clean = tmp_path / "clean.db"
    command = [sys.executable, "-m", "educoop", "--store"]
    subprocess.run(
        [*command, str(clean), "ingest", *map(str, files)], check=True, capture_output=True
    )
    crashed = tmp_path / "crashed.db"
    rng = random.Random(3)
    for _ in range(3):
        process = subprocess.Popen(
            [*command, str(crashed), "ingest", *map(str, files)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.5, 3.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with SQLiteStore(crashed) as store:
            assert api.check(store) == []
            # Whole documents only: each one holds every agreement it holds in a clean load.
            graph, reference = store.to_networkx(), None
            with SQLiteStore(clean) as whole:
                reference = whole.to_networkx()
            for node, data in graph.nodes(data=True):
                if data.get("label") == "Document":
                    assert graph.in_degree(node) == reference.in_degree(node)
    subprocess.run(
        [*command, str(crashed), "ingest", *map(str, files)], check=True, capture_output=True
    )
    with SQLiteStore(crashed) as store, SQLiteStore(clean) as whole:
        assert canonical_dump(store.to_networkx()) == canonical_dump(whole.to_networkx())
