"""The store protocol that every backend implements, and ``open_store`` that picks one."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from educoop.graph.schema import GraphBatch, ReviewItem, StoredDocument

if TYPE_CHECKING:
    from educoop.queries.catalogue import CannedQuery

DEFAULT_STORE = "educoop.db"
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


@dataclass(frozen=True)
class Rebuilt:
    """The graph after a rebuild (documents, nodes, relationships) and how it changed."""

    documents: int
    nodes: int
    relationships: int
    new_nodes: int = 0
    new_relationships: int = 0
    removed_nodes: int = 0
    removed_relationships: int = 0

    @property
    def changes(self) -> int:
        """Nodes and relationships added or removed."""
        return (
            self.new_nodes
            + self.new_relationships
            + self.removed_nodes
            + self.removed_relationships
        )

    @property
    def unchanged(self) -> bool:
        return self.changes == 0


class Derive(Protocol):
    """Makes the whole graph of a store's documents, given the review decisions taken on
    it. ``fingerprint`` names whatever else the graph depends on (registry entries)."""

    fingerprint: str

    def __call__(self, documents: list[StoredDocument], review: list[ReviewItem]) -> GraphBatch: ...


def derivation_key(
    fingerprint: str, documents: Iterable[tuple[str, str]], review: Iterable[ReviewItem]
) -> str:
    """One key for everything a derived graph depends on: the deriver's fingerprint, the
    documents (sha256 and name), and the review decisions taken. A store whose graph was
    derived under the same key need not derive it again."""
    decided = sorted((i.name, i.candidate, i.status) for i in review if i.status != "pending")
    text = json.dumps([fingerprint, sorted(documents), decided])
    return hashlib.sha256(text.encode()).hexdigest()


class Store(Protocol):
    """A graph store: the documents it was given, and the graph derived from them."""

    location: str

    def documents(self) -> list[StoredDocument]:
        """Every document loaded, in the order of their sha256."""
        ...

    def document_names(self) -> dict[str, str]:
        """The name (source) of every document loaded, by sha256."""
        ...

    def add_documents(self, documents: list[StoredDocument]) -> None:
        """Keep documents, each whole; the graph takes them in at the next rebuild. A file
        under two names is one document, named by the first name in order."""
        ...

    def forget_documents(self, shas: set[str]) -> None:
        """Remove documents (by sha256); the graph drops their facts at the next rebuild."""
        ...

    def name_documents(self, names: Mapping[str, str]) -> None:
        """Give stored documents (by sha256) another name: each keeps the first in order."""
        ...

    def rebuild(self, derive: Derive, *, force: bool = False) -> Rebuilt:
        """Make the graph ``derive(documents, review)``, writing only what changed; skipped
        when the graph was derived from the same inputs (``derivation_key``) unless
        ``force``."""
        ...

    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per node label and per relationship type (zeros included)."""
        ...

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole store as a NetworkX graph (see ``educoop.graph.nxview``)."""
        ...

    def run(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Answer a canned query with complete parameters."""
        ...

    def review(self) -> list[ReviewItem]:
        """Every review item, pending and decided."""
        ...

    def decide(self, item_id: int, accept: bool) -> ReviewItem:
        """Record the decision on a review item (the next rebuild applies it)."""
        ...

    def integrity(self) -> list[str]:
        """What the database itself finds wrong with its files; empty when sound."""
        ...

    def registries(self) -> list[str]:
        """The registry files this store was given (``--registry``), remembered."""
        ...

    def remember_registries(self, paths: list[str]) -> None:
        """Remember registry files for every later ingest into this store."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def open_store(
    location: str | os.PathLike[str] | None = None,
    *,
    create: bool = True,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Store:
    """Open the store at ``location``: a SQLite file path or a Neo4j URI.

    ``None`` means ``$EDUCOOP_STORE`` or ``./educoop.db``. A missing SQLite file is created
    unless ``create`` is false, when it is an error (a mistyped path should not read as an
    empty graph). Neo4j credentials and database default to ``$NEO4J_USER``,
    ``$NEO4J_PASSWORD`` and ``$NEO4J_DATABASE`` (else no auth and database ``neo4j``).
    """
    location = os.fspath(location or os.environ.get("EDUCOOP_STORE") or DEFAULT_STORE)
    if location.startswith(NEO4J_SCHEMES):
        from educoop.graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            location,
            user=user or os.environ.get("NEO4J_USER"),
            password=password or os.environ.get("NEO4J_PASSWORD"),
            database=database or os.environ.get("NEO4J_DATABASE"),
        )
    from educoop.graph.sqlite_store import SQLiteStore

    return SQLiteStore(location, create=create)
