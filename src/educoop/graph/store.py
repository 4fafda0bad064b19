"""The store protocol that every backend implements, and ``open_store`` that picks one."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import networkx as nx

from educoop.graph.schema import GraphBatch, ReviewItem

if TYPE_CHECKING:
    from educoop.loaders.registry import Known
    from educoop.queries.catalogue import CannedQuery

DEFAULT_STORE = "educoop.db"
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


@dataclass(frozen=True)
class WriteResult:
    """What writing one batch did: how many nodes and relationships were new."""

    source: str
    nodes: int
    relationships: int
    new_nodes: int
    new_relationships: int


class Store(Protocol):
    """A graph store. Writes are per batch and all-or-nothing."""

    location: str

    def write(self, batch: GraphBatch) -> WriteResult:
        """Upsert one batch in one transaction."""
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

    def institutions(self) -> list[Known]:
        """Every institution in the store with its names, kind and region, for matching."""
        ...

    def agreements_by_signing(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        """Stored agreements by signing key (kind and parties): their id and date."""
        ...

    def add_review(self, items: list[ReviewItem]) -> None:
        """Keep names that may be known institutions for review; a pair decided stays so."""
        ...

    def review(self) -> list[ReviewItem]:
        """Every review item, pending and decided."""
        ...

    def decide(self, item_id: int, accept: bool) -> ReviewItem:
        """Accept (the two institutions become one node, at once) or reject a review item."""
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


def known_institution(node_id: str, props: dict[str, Any], region: dict[str, Any]) -> Known:
    """An Institution node, with the props of the region it is located in, for matching."""
    from educoop.loaders.registry import Known

    return Known(
        id=node_id,
        name=props["name"],
        name_zh=props.get("name_zh"),
        aliases=tuple(props.get("aliases") or ()),
        kind=props.get("kind"),
        region=region.get("name"),
    )


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
