"""Commands that only read open the store read-only: they never create nor change a file, and a
file that is not an educoop store is one line, left untouched."""

import hashlib

import pytest

from educoop import api
from educoop.errors import StoreError
from educoop.graph.stores import open_store
from tests.conftest import DATA

READ_COMMANDS = [
    ["stats"],
    ["check"],
    ["query", "partners", "-p", "name=Beta College"],
    ["report", "centrality"],
    ["export", "--format", "json"],
    ["resolve", "--review"],
]


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("content", [b"", b"just some notes\n"], ids=["empty", "text"])
@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_a_file_that_is_not_a_store_is_one_line_and_left_untouched(
    tmp_path, run_cli, content, command
):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    result = run_cli(*command, store=path)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {path}: not an educoop store"
        + ("" if not content else " (file is not a database)")
    ]
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt"]


def test_a_read_command_on_a_missing_store_creates_nothing(tmp_path, run_cli):
    result = run_cli("stats", store=tmp_path / "typo.db")
    assert result.exit_code == 1 and "no store here" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_store_reads_and_refuses_to_write(tmp_path):
    path = tmp_path / "s.db"
    with open_store(path) as store:
        assert api.ingest(store, [DATA / "small.yaml"]).ok
        stats = store.stats()
    before = _digest(path)
    with open_store(path, read_only=True) as store:
        assert store.stats() == stats
        assert api.query(store, "partners", {"name": "Beta College"})
        with pytest.raises(StoreError, match="cannot write the store"):
            store.forget_documents(set(store.document_names()))
    assert _digest(path) == before


@pytest.mark.parametrize("command", [["rebuild"], ["forget", "x.yaml"], ["resolve", "accept", "1"]])
def test_a_command_that_writes_never_makes_a_store_of_another_sqlite_file(
    tmp_path, run_cli, command
):
    import sqlite3

    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    before = _digest(path)
    result = run_cli(*command, store=path)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {path}: not an educoop store"]
    assert _digest(path) == before
