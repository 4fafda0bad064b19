"""The embedded store: one SQLite file (WAL), nodes and relationships with JSON properties,
and the documents they are derived from.

Documents are added in transactions of their own; a rebuild derives the graph of every
document and writes the difference, with the admission or refusal of the new documents, in
one ``BEGIN IMMEDIATE`` transaction, so the graph is always the whole graph of a set of whole
documents, whatever the moment a process stops. A store opened read-only (``mode=ro``) is
never written, nor created.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx

from educoop.errors import StoreError
from educoop.graph.lookup import Named, named_node
from educoop.graph.nxview import (
    HIERARCHY_VIEW,
    PARTNER_LINK_FIELDS,
    PARTNER_VIEW,
    PartnerLink,
    build_graph,
)
from educoop.graph.schema import (
    PARTNER_TYPES,
    Decision,
    EdgeRow,
    GraphBatch,
    Held,
    Label,
    NodeRow,
    RelType,
    ReviewItem,
    StoredDocument,
    decisions_json,
    decisions_of,
)
from educoop.graph.stores.base import Admission, Rebuilt, Redecided, Row, Store, TwinQuery

# 2: the graph is derived from the documents table (1 had no such table).
SCHEMA_VERSION = "2"
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
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    records TEXT NOT NULL,
    admitted INTEGER NOT NULL DEFAULT 1
);
"""


def _dumps(props: dict[str, Any]) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False)


class SQLiteStore(Store):
    """The embedded store in one SQLite file."""

    def __init__(self, path: str | Path, *, create: bool = True, read_only: bool = False) -> None:
        self.location = str(path)
        if (read_only or not create) and not Path(path).is_file():
            raise StoreError(
                f"{self.location}: no store here (load one with educoop ingest or "
                "educoop demo, or point --store at it)"
            )
        # The NetworkX view, kept until the store changes (see to_networkx).
        self._view: nx.MultiDiGraph | None = None
        self._view_stamp: tuple[int, int] | None = None
        # check_same_thread off: the workbench answers from a worker thread, one request at
        # a time on this connection.
        try:
            if read_only:
                # isolation_level=None: transactions are opened and committed explicitly.
                uri = Path(path).resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(
                    uri, uri=True, isolation_level=None, timeout=30, check_same_thread=False
                )
                self._db.execute("PRAGMA busy_timeout=30000")
            else:
                self._db = sqlite3.connect(
                    self.location, isolation_level=None, timeout=30, check_same_thread=False
                )
                if not create:  # a command that writes to a store never makes one of a file
                    self._check_is_store()
                self._prepare()
                # Two processes may open a new store at once: the first to insert wins.
                self._db.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,)
                )
            self._check_schema()
        except sqlite3.OperationalError as exc:
            if read_only and "no such table" in str(exc):
                self._db.close()
                raise StoreError(f"{self.location}: not an educoop store") from None
            raise StoreError(f"{self.location}: cannot open the store ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.location}: not an educoop store ({exc})") from None

    def _check_is_store(self) -> None:
        found = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if found is None:
            self._db.close()
            raise StoreError(f"{self.location}: not an educoop store")

    def _check_schema(self) -> None:
        version = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if version is None or version[0] != SCHEMA_VERSION:
            found = f"store schema {version[0]}" if version else "no store schema"
            raise StoreError(
                f"{self.location}: {found}, this educoop reads {SCHEMA_VERSION} (load its "
                "files again into a new store)"
            )

    def _prepare(self) -> None:
        """WAL mode and the schema. Another process opening or writing the same new file
        may hold the lock that switching to WAL needs, which SQLite reports at once rather
        than waiting: try again for up to 30 s."""
        self._db.execute("PRAGMA busy_timeout=30000")
        for attempt in range(300):
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.executescript(_SCHEMA)
                self._add_admitted_column()
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or attempt == 299:
                    raise
                time.sleep(0.1)

    def _add_admitted_column(self) -> None:
        """Stores written before documents were admitted hold only admitted ones."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
        if "admitted" not in columns:
            try:
                self._db.execute(
                    "ALTER TABLE documents ADD COLUMN admitted INTEGER NOT NULL DEFAULT 1"
                )
            except sqlite3.OperationalError as exc:
                if "duplicate column" not in str(exc):  # another process added it first
                    raise

    def close(self) -> None:
        self._db.close()

    def documents(self) -> list[StoredDocument]:
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
        admitted = "admitted" if "admitted" in columns else "1"
        return [
            StoredDocument(sha256, source, records, bool(flag))
            for sha256, source, records, flag in self._db.execute(
                f"SELECT sha256, source, records, {admitted} FROM documents ORDER BY sha256"
            )
        ]

    def document_names(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT sha256, source FROM documents"))

    def add_documents(self, documents: list[StoredDocument]) -> None:
        # One file under two names is one document: it keeps the first name in order.
        with self._transaction():
            self._db.executemany(
                "INSERT INTO documents (sha256, source, records, admitted) VALUES (?, ?, ?, 0) "
                "ON CONFLICT(sha256) DO UPDATE SET source = min(source, excluded.source)",
                [(d.sha256, d.source, d.records) for d in documents],
            )

    def forget_documents(self, shas: set[str]) -> None:
        with self._transaction():
            self._db.executemany(
                "DELETE FROM documents WHERE sha256 = ?", [(sha,) for sha in sorted(shas)]
            )

    def name_documents(self, names: Mapping[str, str]) -> None:
        with self._transaction():
            self._db.executemany(
                "UPDATE documents SET source = min(source, ?) WHERE sha256 = ?",
                [(source, sha256) for sha256, source in names.items()],
            )

    def _derived_key(self) -> str | None:
        return self._meta("derived_from")

    def _write_derived(self, graph: GraphBatch, admission: Admission) -> Rebuilt | None:
        """All in one transaction, and only if the stored inputs are still those the graph
        was derived from: the derivation ran without the write lock, so that other ingests
        could keep adding documents meanwhile."""
        db = self._db
        with self._transaction():
            if self._stored_key() != admission.read_key:
                return None
            change = admission.change
            gone = sorted({*change.forget, *admission.refused})
            db.executemany("DELETE FROM documents WHERE sha256 = ?", [(sha,) for sha in gone])
            db.executemany(
                "UPDATE documents SET source = ? WHERE sha256 = ?",
                [(source, sha) for sha, source in sorted(change.names.items())],
            )
            if change.review is not None:
                self._replace_review(change.review)
            if change.registries is not None:
                self._set_meta("registries", json.dumps(list(change.registries)))
            if change.decisions is not None:
                self._set_meta("decisions", decisions_json(change.decisions))
            db.execute("UPDATE documents SET admitted = 1 WHERE admitted = 0")
            result = self._replace(graph, admission.documents)
            self._add_review(graph.candidates)
            self._set_held(graph.held)
            self._set_meta("derived_from", admission.key)
            return result

    def agreement_ids(self, prefix: str) -> list[str]:
        rows = self._db.execute(
            "SELECT id FROM nodes WHERE label = 'Agreement' AND substr(id, 1, ?) = ? ORDER BY id",
            (len(prefix), prefix),
        )
        return [row[0] for row in rows]

    def named(self, labels: Iterable[Label] = tuple(Label)) -> list[Named]:
        # The names alone, not the whole view, unless the view is loaded and current.
        if self._current_view() is not None:
            return super().named(labels)
        wanted = [str(label) for label in labels]
        marks = ", ".join("?" * len(wanted))
        rows = self._db.execute(
            f"SELECT id, label, props FROM nodes WHERE label IN ({marks}) ORDER BY id", wanted
        )
        found = (named_node(node, Label(label), json.loads(props)) for node, label, props in rows)
        return [named for named in found if named is not None]

    def _held(self) -> Held | None:
        text = self._meta("held")
        return Held.from_json(text) if text else None

    def _set_held(self, held: Held | None) -> None:
        if held is None:
            self._db.execute("DELETE FROM meta WHERE key = 'held'")
        else:
            self._set_meta("held", held.to_json())

    def _read_scope(self, agreements: list[str], parties: list[str]) -> GraphBatch:
        db = self._db
        batch = GraphBatch()
        for node_id in [*agreements, *parties]:
            row = db.execute("SELECT label, props FROM nodes WHERE id = ?", (node_id,)).fetchone()
            if row is not None:
                batch.nodes[node_id] = NodeRow(Label(row[0]), node_id, json.loads(row[1]))
        partner_types = [str(t) for t in PARTNER_TYPES]
        for agreement in agreements:
            rows = db.execute(
                "SELECT * FROM edges WHERE dst = ? AND type = 'PARTY_TO' UNION ALL "
                "SELECT * FROM edges WHERE type IN ('REPORTED_IN', 'UNDER') AND src = ?",
                (agreement, agreement),
            ).fetchall()
            parties_of = sorted({row[1] for row in rows if row[0] == "PARTY_TO"})
            marks = ", ".join("?" * len(parties_of))
            rows += db.execute(
                f"SELECT * FROM edges WHERE type IN (?, ?) AND src IN ({marks}) AND key = ?",
                (*partner_types, *parties_of, agreement),
            ).fetchall()
            for rel_type, src, dst, key, props in rows:
                batch.put_edge(EdgeRow(RelType(rel_type), src, dst, key, json.loads(props)))
        return batch

    def _write_part(
        self,
        part: Redecided,
        decisions: list[Decision],
        read_key: str,
        key: str,
        current: str,
        admit: tuple[str, ...] = (),
        forget: frozenset[str] = frozenset(),
        review: tuple[ReviewItem, ...] | None = None,
    ) -> Rebuilt | None:
        with self._transaction():
            if self._stored_key() != read_key or self._derived_key() != current:
                return None
            self._set_meta("decisions", decisions_json(decisions))
            old = part.before
            old_nodes = {n.id: (str(n.label), _dumps(n.props)) for n in old.nodes.values()}
            old_edges = {
                (str(e.type), e.src, e.dst, e.key): _dumps(e.props) for e in old.edges.values()
            }
            changed = self._write_difference(old_nodes, old_edges, part.after)
            self._db.executemany(
                "UPDATE documents SET admitted = 1 WHERE sha256 = ?", [(sha,) for sha in admit]
            )
            self._db.executemany(
                "DELETE FROM documents WHERE sha256 = ?", [(sha,) for sha in sorted(forget)]
            )
            if review is not None:
                self._replace_review(review)
            self._set_held(part.held)
            self._set_meta("derived_from", key)
            return changed

    def read_institutions(self) -> GraphBatch:
        db = self._db
        batch = GraphBatch()
        rows = db.execute("SELECT id, props FROM nodes WHERE label = 'Institution' ORDER BY id")
        for node_id, props in rows:
            batch.nodes[node_id] = NodeRow(Label.INSTITUTION, node_id, json.loads(props))
        placed = db.execute(
            "SELECT e.src, e.dst, e.key, e.props, r.props FROM edges e "
            "JOIN nodes r ON r.id = e.dst WHERE e.type = 'LOCATED_IN' ORDER BY e.src, e.dst"
        )
        for src, dst, key, props, region in placed:
            batch.put_edge(EdgeRow(RelType.LOCATED_IN, src, dst, key, json.loads(props)))
            batch.nodes[dst] = NodeRow(Label.REGION, dst, json.loads(region))
        return batch

    def read_around(self, ids: list[str], types: tuple[RelType, ...]) -> GraphBatch:
        db = self._db
        batch = GraphBatch()
        for node_id in ids:
            row = db.execute("SELECT label, props FROM nodes WHERE id = ?", (node_id,)).fetchone()
            if row is None:
                continue
            batch.nodes[node_id] = NodeRow(Label(row[0]), node_id, json.loads(row[1]))
            for rel_type in types:
                edges = db.execute(
                    "SELECT dst, key, props FROM edges WHERE type = ? AND src = ?",
                    (str(rel_type), node_id),
                )
                for dst, key, props in edges:
                    batch.put_edge(EdgeRow(rel_type, node_id, dst, key, json.loads(props)))
        return batch

    def read_signed(self, keys: list[str]) -> dict[str, list[str]]:
        marks = ", ".join("?" * len(keys))
        rows = self._db.execute(
            "SELECT json_extract(props, '$.signing') AS signing, id FROM nodes "
            f"WHERE label = 'Agreement' AND signing IN ({marks}) ORDER BY signing, id",
            keys,
        )
        signed: dict[str, list[str]] = {}
        for key, agreement in rows:
            signed.setdefault(key, []).append(agreement)
        return signed

    def read_mentioned(self, ids: list[str], other_than: str) -> set[str]:
        marks = ", ".join("?" * len(ids))
        rows = self._db.execute(
            "SELECT DISTINCT m.value FROM nodes d, json_each(d.props, '$.mentions') m "
            f"WHERE d.label = 'Document' AND d.id != ? AND m.value IN ({marks})",
            (other_than, *ids),
        )
        return {row[0] for row in rows}

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``: the write lock from the start),
        rolled back on any error; a store locked for longer than the busy timeout is one
        line."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            yield
            db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise StoreError(f"{self.location}: cannot write the store ({exc})") from None
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _replace(self, graph: GraphBatch, documents: int) -> Rebuilt:
        """Make the stored nodes and relationships those of ``graph``, writing only what
        differs."""
        db = self._db
        old_nodes = {row[0]: (row[1], row[2]) for row in db.execute("SELECT * FROM nodes")}
        old_edges = {
            (rel_type, src, dst, key): props
            for rel_type, src, dst, key, props in db.execute("SELECT * FROM edges")
        }
        return replace(self._write_difference(old_nodes, old_edges, graph), documents=documents)

    def _write_difference(
        self,
        old_nodes: dict[str, tuple[str, str]],
        old_edges: Mapping[tuple[str, str, str, str], str],
        graph: GraphBatch,
    ) -> Rebuilt:
        """Make the stored rows ``old_nodes`` and ``old_edges`` (props as stored) those of
        ``graph``: delete those it lacks, write those that differ. Counts are of ``graph``."""
        db = self._db
        nodes = {node.id: (str(node.label), _dumps(node.props)) for node in graph.nodes.values()}
        edges = {(str(e.type), e.src, e.dst, e.key): _dumps(e.props) for e in graph.edges.values()}
        gone_nodes = [(node_id,) for node_id in old_nodes.keys() - nodes.keys()]
        gone_edges = list(old_edges.keys() - edges.keys())
        db.executemany("DELETE FROM nodes WHERE id = ?", gone_nodes)
        db.executemany(
            "DELETE FROM edges WHERE type = ? AND src = ? AND dst = ? AND key = ?", gone_edges
        )
        db.executemany(
            "INSERT INTO nodes (id, label, props) VALUES (?, ?, ?) ON CONFLICT(id) "
            "DO UPDATE SET label = excluded.label, props = excluded.props",
            [(k, *v) for k, v in nodes.items() if old_nodes.get(k) != v],
        )
        db.executemany(
            "INSERT INTO edges (type, src, dst, key, props) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(type, src, dst, key) DO UPDATE SET props = excluded.props",
            [(*k, v) for k, v in edges.items() if old_edges.get(k) != v],
        )
        return Rebuilt(
            documents=0,
            nodes=len(nodes),
            relationships=len(edges),
            new_nodes=len(nodes.keys() - old_nodes.keys()),
            new_relationships=len(edges.keys() - old_edges.keys()),
            removed_nodes=len(gone_nodes),
            removed_relationships=len(gone_edges),
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
        stamp = self._stamp()
        if self._view is None or stamp != self._view_stamp:
            # The view is long-lived and millions of objects at 100k agreements: it is kept
            # out of the cycle collector's reach, which walked them all on every full
            # collection (a query's p95 was 640 ms against 17 ms; BENCHMARKS.md). The one
            # it replaces goes back to the collector, and is collected before the new one
            # is frozen: NetworkX's cached edge views point back at their graph.
            if self._view is not None:
                self._view = None
                gc.unfreeze()
                gc.collect()
            self._view, self._view_stamp = self._build_view(), stamp
            gc.freeze()
        return self._view

    def _build_view(
        self, part: tuple[tuple[Label, ...], tuple[RelType, ...]] | None = None
    ) -> nx.MultiDiGraph:
        """The whole view, or the ``part`` of it with these labels and types, in the same
        order (so that what is read from either is the same)."""
        labels, types = part or (tuple(Label), tuple(RelType))
        label_marks, type_marks = ", ".join("?" * len(labels)), ", ".join("?" * len(types))
        nodes = (
            NodeRow(Label(label), node_id, json.loads(props))
            for node_id, label, props in self._db.execute(
                f"SELECT id, label, props FROM nodes WHERE label IN ({label_marks}) ORDER BY id",
                [str(label) for label in labels],
            )
        )
        edges = (
            EdgeRow(RelType(rel_type), src, dst, key, json.loads(props))
            for rel_type, src, dst, key, props in self._db.execute(
                f"SELECT type, src, dst, key, props FROM edges WHERE type IN ({type_marks}) "
                "ORDER BY type, src, dst, key",
                [str(rel_type) for rel_type in types],
            )
        )
        return build_graph(nodes, edges)

    def _stamp(self) -> tuple[int, int]:
        """Changes through this connection, and commits by others (SQLite's data_version)."""
        return (self._db.total_changes, self._db.execute("PRAGMA data_version").fetchone()[0])

    def _current_view(self) -> nx.MultiDiGraph | None:
        """The whole view, if it is loaded and the store has not changed since."""
        return self._view if self._view is not None and self._view_stamp == self._stamp() else None

    def partner_view(self) -> nx.MultiDiGraph:
        return self._current_view() or self._build_view(PARTNER_VIEW)

    def partner_links(self) -> tuple[nx.MultiDiGraph, Iterator[PartnerLink]]:
        if self._current_view() is not None:
            return super().partner_links()
        # Only the properties a partner network reads, taken out by SQLite: at a million
        # agreements the partner view's edges held most of a report's 5.7 GB.
        fields = [f"json_extract(props, '$.{name}')" for name in PARTNER_LINK_FIELDS]
        fields[-1] += " IS 1"  # "confirmed": 1 or 0, which stand for True and False
        types = [str(rel_type) for rel_type in PARTNER_TYPES]
        hierarchy = self._build_view(HIERARCHY_VIEW)
        marks = ", ".join("?" * len(types))
        rows = self._db.execute(
            f"SELECT src, dst, {', '.join(fields)} FROM edges WHERE type IN ({marks})", types
        )
        return hierarchy, map(PartnerLink._make, rows)

    def run(self, query: TwinQuery, params: dict[str, Any]) -> list[Row]:
        return query.twin(self.to_networkx(), **params)

    def _add_review(self, items: list[ReviewItem]) -> None:
        # A decision already taken on a pair stays: the UNIQUE pair ignores it coming again.
        self._db.executemany(
            "INSERT OR IGNORE INTO review (name, institution, candidate, candidate_name, "
            "score) VALUES (?, ?, ?, ?, ?)",
            [(i.name, i.institution, i.candidate, i.candidate_name, i.score) for i in items],
        )

    def review(self) -> list[ReviewItem]:
        return [
            ReviewItem(name, institution, candidate, candidate_name, score, item_id, status)
            for item_id, name, institution, candidate, candidate_name, score, status in (
                self._db.execute(
                    "SELECT id, name, institution, candidate, candidate_name, score, status "
                    "FROM review ORDER BY id"
                )
            )
        ]

    def _replace_review(self, items: tuple[ReviewItem, ...]) -> None:
        self._db.execute("DELETE FROM review")
        self._db.executemany(
            "INSERT INTO review (id, name, institution, candidate, candidate_name, score, "
            "status) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (i.id, i.name, i.institution, i.candidate, i.candidate_name, i.score, i.status)
                for i in items
            ],
        )

    def integrity(self) -> list[str]:
        rows = [row[0] for row in self._db.execute("PRAGMA integrity_check")]
        return [] if rows == ["ok"] else [f"sqlite: {row}" for row in rows]

    def decisions(self) -> list[Decision]:
        return decisions_of(self._meta("decisions"))

    def registries(self) -> list[str]:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'registries'").fetchone()
        return json.loads(row[0]) if row else []

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )
