from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from educoop.graph.sqlite_store import SQLiteStore
from educoop.loaders.records import load_file
from educoop.loaders.resolve import resolve

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    with SQLiteStore(tmp_path / "test.db") as opened:
        yield opened


@pytest.fixture
def small_graph(store: SQLiteStore) -> nx.MultiDiGraph:
    store.write(resolve(load_file(DATA / "small.yaml")))
    return store.to_networkx()
