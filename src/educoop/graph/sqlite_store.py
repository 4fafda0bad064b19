"""The embedded store: one SQLite file (WAL), nodes and relationships with JSON properties.

Each batch (one input file) is written in one ``BEGIN IMMEDIATE`` transaction, so a file is
either wholly in the store or absent. Rows are upserted by id, so writing the same batch
twice changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from educoop.errors import StoreError
from educoop.graph.nxview import build_graph
from educoop.graph.schema import (
    EdgeRow,
    GraphBatch,
    Label,
    NodeRow,
    RelType,
    ReviewItem,
    merge_props,
)
from educoop.graph.store import WriteResult, known_institution

if TYPE_CHECKING:
    from educoop.loaders.registry import Known
    from educoop.queries.catalogue import CannedQuery

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_by_label ON nodes(label);
CREATE TABLE IF NOT EXISTS edges (
    type TEXT NOT NULL,
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    key TEXT NOT NULL,
    props TEXT NOT NULL,
    PRIMARY KEY (type, src, dst, key)
);
CREATE INDEX IF NOT EXISTS edges_by_dst ON edges(dst, type);
CREATE TABLE IF NOT EXISTS review (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    institution TEXT NOT NULL,
    candidate TEXT NOT NULL,
    candidate_name TEXT NOT NULL,
    score REAL NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    UNIQUE (name, candidate)
);
CREATE INDEX IF NOT EXISTS agreements_by_signing
    ON nodes(json_extract(props, '$.signing')) WHERE label = 'Agreement';
"""
# SQLite allows at most 32766 host parameters per statement; stay well below.
_CHUNK = 900


def _dumps(props: dict[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False)


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


class SQLiteStore:
    """The embedded store in one SQLite file."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.location = str(path)
        if not create and not Path(path).is_file():
            raise StoreError(
                f"{self.location}: no store here (load one with educoop ingest or "
                "educoop demo, or point --store at it)"
            )
        try:
            # isolation_level=None: transactions are opened and committed explicitly.
            self._db = sqlite3.connect(self.location, isolation_level=None, timeout=30)
            self._prepare()
            # Two processes may open a new store at once: the first to insert wins.
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            version = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if version[0] != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.location}: store schema {version[0]}, this educoop reads "
                    f"{SCHEMA_VERSION}"
                )
            # The NetworkX view, kept until the store changes (see to_networkx).
            self._view: nx.MultiDiGraph | None = None
            self._view_stamp: tuple[int, int] | None = None
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.location}: cannot open the store ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.location}: not an educoop store ({exc})") from None

    def _prepare(self) -> None:
        """WAL mode and the schema. Another process opening or writing the same new file
        may hold the lock that switching to WAL needs, which SQLite reports at once rather
        than waiting: try again for up to 30 s."""
        self._db.execute("PRAGMA busy_timeout=30000")
        for attempt in range(300):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.executescript(_SCHEMA)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 299:
                    raise
                time.sleep(0.1)

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    def write(self, batch: GraphBatch) -> WriteResult:
        nodes = list(batch.nodes.values())
        edges = list(batch.edges.values())
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            existing: dict[str, dict[str, Any]] = {}
            for chunk in _chunks([node.id for node in nodes]):
                marks = ",".join("?" * len(chunk))
                for node_id, props in db.execute(
                    f"SELECT id, props FROM nodes WHERE id IN ({marks})", chunk
                ):
                    existing[node_id] = json.loads(props)
            db.executemany(
                "INSERT INTO nodes (id, label, props) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET props = excluded.props",
                [
                    (
                        node.id,
                        str(node.label),
                        _dumps(merge_props(existing.get(node.id, {}), node.props)),
                    )
                    for node in nodes
                ],
            )
            edges_before = db.execute("SELECT count(*) FROM edges").fetchone()[0]
            db.executemany(
                "INSERT INTO edges (type, src, dst, key, props) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT(type, src, dst, key) DO UPDATE SET props = excluded.props",
                [(str(e.type), e.src, e.dst, e.key, _dumps(e.props)) for e in edges],
            )
            edges_after = db.execute("SELECT count(*) FROM edges").fetchone()[0]
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return WriteResult(
            source=batch.source,
            nodes=len(nodes),
            relationships=len(edges),
            new_nodes=len(nodes) - len(existing),
            new_relationships=edges_after - edges_before,
        )

    def stats(self) -> dict[str, dict[str, int]]:
        labels = dict.fromkeys(map(str, Label), 0)
        labels.update(self._db.execute("SELECT label, count(*) FROM nodes GROUP BY label"))
        types = dict.fromkeys(map(str, RelType), 0)
        types.update(self._db.execute("SELECT type, count(*) FROM edges GROUP BY type"))
        return {"nodes": labels, "relationships": types}

    def to_networkx(self) -> nx.MultiDiGraph:
        """The store as a NetworkX graph. It is built once and kept until the store changes
        (a write through this connection, or a commit by another one, as SQLite's
        data_version tells), so canned queries do not rebuild it each time: callers read
        it and must not modify it."""
        stamp = (
            self._db.total_changes,
            self._db.execute("PRAGMA data_version").fetchone()[0],
        )
        if self._view is None or stamp != self._view_stamp:
            self._view, self._view_stamp = self._build_view(), stamp
        return self._view

    def _build_view(self) -> nx.MultiDiGraph:
        nodes = (
            NodeRow(Label(label), node_id, json.loads(props))
            for node_id, label, props in self._db.execute(
                "SELECT id, label, props FROM nodes ORDER BY id"
            )
        )
        edges = (
            EdgeRow(RelType(rel_type), src, dst, key, json.loads(props))
            for rel_type, src, dst, key, props in self._db.execute(
                "SELECT type, src, dst, key, props FROM edges ORDER BY type, src, dst, key"
            )
        )
        return build_graph(nodes, edges)

    def run(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        return query.twin(self.to_networkx(), **params)

    def institutions(self) -> list[Known]:
        rows = self._db.execute(
            "SELECT n.id, n.props, r.props FROM nodes n "
            "LEFT JOIN edges e ON e.src = n.id AND e.type = 'LOCATED_IN' "
            "LEFT JOIN nodes r ON r.id = e.dst "
            "WHERE n.label = 'Institution' ORDER BY n.id"
        )
        return [
            known_institution(node_id, json.loads(props), json.loads(region) if region else {})
            for node_id, props, region in rows
        ]

    def agreements_by_signing(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        for chunk in _chunks(sorted(set(keys))):
            marks = ",".join("?" * len(chunk))
            for node_id, props in self._db.execute(
                "SELECT id, props FROM nodes WHERE label = 'Agreement' "
                f"AND json_extract(props, '$.signing') IN ({marks}) ORDER BY id",
                chunk,
            ):
                data = json.loads(props)
                found.setdefault(data["signing"], []).append({"id": node_id, **data})
        return found

    def add_review(self, items: list[ReviewItem]) -> None:
        # A decision already taken on a pair stays: the UNIQUE pair ignores it coming again.
        with self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO review (name, institution, candidate, candidate_name, "
                "score) VALUES (?, ?, ?, ?, ?)",
                [(i.name, i.institution, i.candidate, i.candidate_name, i.score) for i in items],
            )

    def review(self) -> list[ReviewItem]:
        return [
            ReviewItem(*row[1:-1], id=row[0], status=row[-1])
            for row in self._db.execute(
                "SELECT id, name, institution, candidate, candidate_name, score, status "
                "FROM review ORDER BY id"
            )
        ]

    def decide(self, item_id: int, accept: bool) -> ReviewItem:
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute(
                "SELECT name, institution, candidate, candidate_name, score FROM review "
                "WHERE id = ?",
                (item_id,),
            ).fetchone()
            if row is None:
                raise StoreError(f"no review item {item_id} (see educoop resolve --review)")
            item = ReviewItem(*row, id=item_id, status="accepted" if accept else "rejected")
            db.execute("UPDATE review SET status = ? WHERE id = ?", (item.status, item_id))
            if accept and item.institution != item.candidate:
                self._merge_institution(item.institution, item.candidate, item.candidate_name)
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise
        return item

    def _merge_institution(self, old: str, new: str, new_name: str) -> None:
        """Make ``old`` part of ``new`` (named ``new_name`` if the store lacks it yet): its
        names become aliases, its relationships move."""
        db = self._db
        rows = dict(db.execute("SELECT id, props FROM nodes WHERE id IN (?, ?)", (old, new)))
        if old not in rows:
            return
        gone = json.loads(rows[old])
        kept = json.loads(rows[new]) if new in rows else {**gone, "name": new_name, "aliases": []}
        if new not in rows:
            db.execute(
                "INSERT INTO nodes (id, label, props) VALUES (?, ?, ?)",
                (new, str(Label.INSTITUTION), _dumps(kept)),
            )
        names = [gone["name"], *(gone.get("aliases") or ())]
        merged = merge_props(kept, {"aliases": [n for n in names if n != kept["name"]]})
        merged["matches"] = sorted({*merged.get("matches", ()), *gone.get("matches", ())})
        db.execute("UPDATE nodes SET props = ? WHERE id = ?", (_dumps(merged), new))
        moved = db.execute(
            "SELECT type, src, dst, key, props FROM edges WHERE src = ? OR dst = ?", (old, old)
        ).fetchall()
        db.execute("DELETE FROM edges WHERE src = ? OR dst = ?", (old, old))
        db.executemany(
            "INSERT OR IGNORE INTO edges (type, src, dst, key, props) VALUES (?, ?, ?, ?, ?)",
            [
                (t, new if src == old else src, new if dst == old else dst, key, props)
                for t, src, dst, key, props in moved
            ],
        )
        db.execute("DELETE FROM nodes WHERE id = ?", (old,))

    def integrity(self) -> list[str]:
        rows = [row[0] for row in self._db.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else [f"sqlite: {row}" for row in rows]

    def registries(self) -> list[str]:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'registries'").fetchone()
        return json.loads(row[0]) if row else []

    def remember_registries(self, paths: list[str]) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('registries', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (json.dumps(paths),),
            )
