"""The stores that hold a graph: the embedded SQLite file and Neo4j over Bolt, behind one
``Store`` (``base``), and ``open_store`` that picks one by its location."""

from __future__ import annotations

import os

from educoop.graph.stores.base import Change, Derivation, Rebuilt, Store, TwinQuery

__all__ = [
    "DEFAULT_STORE",
    "NEO4J_SCHEMES",
    "Change",
    "Derivation",
    "Rebuilt",
    "Store",
    "TwinQuery",
]

DEFAULT_STORE = "educoop.db"
NEO4J_SCHEMES = ("neo4j://", "neo4j+s://", "neo4j+ssc://", "bolt://", "bolt+s://", "bolt+ssc://")


def open_store(
    location: str | os.PathLike[str] | None = None,
    *,
    create: bool = True,
    read_only: bool = False,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> Store:
    """Open the store at ``location``: a SQLite file path or a Neo4j URI.

    ``None`` means ``$EDUCOOP_STORE`` or ``./educoop.db``. A missing SQLite file is created
    unless ``create`` is false, when it is an error (a mistyped path should not read as an
    empty graph). A ``read_only`` store is never created nor changed: a SQLite file is opened
    with ``mode=ro``, and a file that is not an educoop store is one error, left untouched.
    Neo4j credentials and database default to ``$NEO4J_USER``, ``$NEO4J_PASSWORD`` and
    ``$NEO4J_DATABASE`` (else no auth and database ``neo4j``); ``$EDUCOOP_NEO4J_IMPORT``
    names the command that loads an empty database offline (``neo4j_bulk``).
    """
    location = os.fspath(location or os.environ.get("EDUCOOP_STORE") or DEFAULT_STORE)
    if location.startswith(NEO4J_SCHEMES):
        # The driver loads only for a Neo4j store.
        from educoop.graph.stores.neo4j import Neo4jStore
        from educoop.graph.stores.neo4j_bulk import IMPORT_ENV, import_command

        return Neo4jStore(
            location,
            user=user or os.environ.get("NEO4J_USER"),
            password=password or os.environ.get("NEO4J_PASSWORD"),
            database=database or os.environ.get("NEO4J_DATABASE"),
            read_only=read_only,
            bulk_import=import_command(os.environ.get(IMPORT_ENV)),
        )
    from educoop.graph.stores.sqlite import SQLiteStore

    return SQLiteStore(location, create=create and not read_only, read_only=read_only)
