"""The Neo4j store: the same graph over Bolt.

- The documents a store was given live on nodes of a label of their own (EducoopDocument),
  outside the graph's labels; the graph is derived from them (``educoop.loaders.derive``),
  and a rebuild writes only the difference between the stored graph and the derived one.
- Uniqueness constraints on every label's ``id``, created ``IF NOT EXISTS``.
- Documents are added a few to a transaction, each whole.
- Writes are managed transactions (``execute_write``, retried by the driver with backoff on
  transient errors and lost connections) of ``UNWIND $rows AS row ...`` statements of at
  most ``BATCH_SIZE`` rows, at most ``TRANSACTION_ROWS`` rows a transaction. A rebuild cut
  short leaves the documents and part of the difference written: the next one, which reads
  the stored graph again, completes it and writes nothing twice.
- Every statement is in ``neo4j_cypher``: labels and relationship types come only from the
  allow-lists in ``graph.schema``; every value is a parameter.
- The database name is always passed; the password is never shown.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import networkx as nx
from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ClientError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    TransientError,
)

from educoop.errors import StoreError, StoreUnavailable, first_line
from educoop.graph.lookup import Named
from educoop.graph.nxview import HIERARCHY_VIEW, PARTNER_VIEW, PartnerLink, build_graph
from educoop.graph.schema import (
    Decision,
    EdgeRow,
    GraphBatch,
    Held,
    Label,
    NodeRow,
    Props,
    RelType,
    ReviewItem,
    StoredDocument,
    decisions_json,
    decisions_of,
)
from educoop.graph.stores import neo4j_bulk as bulk
from educoop.graph.stores import neo4j_cypher as cypher
from educoop.graph.stores.base import Admission, Rebuilt, Redecided, Row, Store, TwinQuery
from educoop.graph.stores.neo4j_cypher import edge_of, edge_order, props_of

# Rows per UNWIND statement. Tuned on 2 cores with a 20,000-agreement synthetic file
# (benchmarks/synthetic.py): 250, 500, 1,000 and 5,000 rows all load at 23-27k rows/s, within
# run-to-run noise, and 20,000 rows is slower (20k rows/s). 1,000 keeps each statement's
# parameters near 200 KB, so a large file never needs a large message or heap.
BATCH_SIZE = 1_000
DEFAULT_DATABASE = "neo4j"
# 2: the graph is derived from EducoopDocument nodes (1 kept no documents).
SCHEMA_VERSION = "2"

_LABEL_OF_PREFIX = {str(label).lower(): label for label in Label}


def label_of(node_id: str) -> Label:
    """A node's label from its id prefix (``institution:...`` is an Institution)."""
    return _LABEL_OF_PREFIX[node_id.split(":", 1)[0]]


def redact(uri: str) -> str:
    """The URI without any user or password in it."""
    parts = urlsplit(uri)
    if parts.username is None and parts.password is None:
        return uri
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def _chunks(rows: list[Any], size: int = BATCH_SIZE) -> Iterator[list[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# Rows per write transaction: large enough that commits cost little (a commit was a third
# of the load time at one per 5,000-agreement file), small enough for a 1 GB heap.
TRANSACTION_ROWS = 20_000
# Stored documents travel a few at a time: one holds the records of a whole file.
_DOCUMENTS_PER_STATEMENT = 20

# A statement and the rows it takes.
_Step = tuple[str, list[Any]]


# How long the driver retries a transaction that meets a lost connection.
DEFAULT_RETRY_SECONDS = 30.0


@dataclasses.dataclass(frozen=True)
class _Inputs:
    """What a store holds besides its graph: what a failed import must put back."""

    documents: list[StoredDocument]
    review: list[ReviewItem]
    decisions: list[Decision]
    registries: list[str]

    @classmethod
    def of(cls, store: Neo4jStore) -> _Inputs:
        return cls(store.documents(), store.review(), store.decisions(), store.registries())

    def restore(self, store: Neo4jStore) -> None:
        """Make the (emptied, or half-imported) database hold these inputs and no graph."""
        store.clear()
        store._ensure_constraints()
        store.execute(cypher.SET_SCHEMA, {"schema": SCHEMA_VERSION})
        store.add_documents(self.documents)
        admitted = [d.sha256 for d in self.documents if d.admitted]
        store.execute(cypher.DOCUMENTS_ADMIT, {"shas": admitted})
        store.execute(cypher.REVIEW_ADD, {"rows": [dataclasses.asdict(i) for i in self.review]})
        if self.registries:
            store.execute(cypher.SET_REGISTRIES, {"paths": self.registries})
        if self.decisions:
            store.execute(cypher.SET_DECISIONS, {"text": decisions_json(self.decisions)})


class Neo4jStore(Store):
    """The graph in a Neo4j 5 database. A ``read_only`` store creates no constraints."""

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
        read_only: bool = False,
        bulk_import: list[str] | None = None,
    ) -> None:
        self.location = redact(uri)
        # The command that imports offline (neo4j_bulk): used for a large first load, and
        # for a rebuild asked to (``bulk``) whatever the database holds.
        self.bulk_import = bulk_import
        self.bulk_min_rows = bulk.BULK_MIN_ROWS
        self.retry_seconds = retry_seconds
        self.database = database or DEFAULT_DATABASE
        if self.location != uri:
            raise StoreError(
                f"{self.location}: give Neo4j credentials in NEO4J_USER and NEO4J_PASSWORD "
                "(or --neo4j-user and --neo4j-password), not in the URI"
            )
        auth = (user or "neo4j", password) if password else None
        try:
            # Notifications (e.g. "relationship type does not exist" while a store is still
            # empty) are advice for people writing Cypher, not for this store's fixed queries.
            # A transaction that meets a lost connection or a leader change is retried by
            # the driver with exponential backoff and jitter, for up to retry_seconds.
            self._driver: Driver = GraphDatabase.driver(
                uri,
                auth=auth,
                notifications_min_severity="OFF",
                max_transaction_retry_time=retry_seconds,
            )
            self._driver.verify_connectivity()
            if not read_only:
                self._ensure_constraints()
        except AuthError:
            self._close_quietly()
            raise StoreError(
                f"Neo4j at {self.location} refused the credentials of user "
                f"{user or 'neo4j'!r} (set NEO4J_USER and NEO4J_PASSWORD)"
            ) from None
        except (ServiceUnavailable, OSError) as exc:
            self._close_quietly()
            reason = re.search(r"reason (.+?)\)?$", str(exc), re.MULTILINE)
            raise StoreError(
                f"cannot reach Neo4j at {self.location}"
                f"{f' ({reason.group(1)})' if reason else ''}: is the server running? "
                "(scripts/neo4j-local start, or docker compose up -d)"
            ) from None
        except (Neo4jError, DriverError, ValueError) as exc:
            self._close_quietly()
            message = first_line(exc).replace(password or "\0", "***")
            raise StoreError(f"Neo4j at {self.location}: {message}") from None

    def _close_quietly(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()

    def close(self) -> None:
        self._driver.close()

    def _check_schema(self) -> None:
        """Before a write: a database that holds an educoop graph but no stored documents
        was loaded by an earlier educoop, and deriving its graph from no documents would
        delete it all. It can still be read, or cleared."""
        if self._setting("schema") == SCHEMA_VERSION:
            return
        if self.read(cypher.GRAPH_HELD)[0]["held"]:
            raise StoreError(
                f"Neo4j at {self.location} holds a graph loaded by an earlier educoop, "
                "without the documents it was derived from: load its files again into an "
                "empty database (or clear this one)"
            )
        self.execute(cypher.SET_SCHEMA, {"schema": SCHEMA_VERSION})

    def _ensure_constraints(self) -> None:
        with self._driver.session(database=self.database) as session:
            for statement in (*map(cypher.constraint, Label), cypher.DOCUMENT_CONSTRAINT):
                session.run(statement).consume()

    def documents(self) -> list[StoredDocument]:
        return [StoredDocument(**row) for row in self.read(cypher.DOCUMENTS)]

    def document_names(self) -> dict[str, str]:
        rows = self.read(cypher.DOCUMENT_NAMES)
        return {row["sha"]: row["source"] for row in rows}

    def add_documents(self, documents: list[StoredDocument]) -> None:
        rows = [{"sha256": d.sha256, "source": d.source, "records": d.records} for d in documents]
        with self._server_errors():
            self._check_schema()
            # A few documents a transaction: a whole store (sync) never needs a large heap.
            self._write_steps(
                [
                    (cypher.DOCUMENTS_ADD, chunk)
                    for chunk in _chunks(rows, _DOCUMENTS_PER_STATEMENT)
                ],
                rows_per_transaction=_DOCUMENTS_PER_STATEMENT,
            )

    def forget_documents(self, shas: set[str]) -> None:
        with self._server_errors():
            self.execute(cypher.DOCUMENTS_FORGET, {"shas": sorted(shas)})

    def name_documents(self, names: Mapping[str, str]) -> None:
        rows = [{"sha256": sha, "source": source} for sha, source in names.items()]
        with self._server_errors():
            self.execute(cypher.DOCUMENTS_NAME, {"rows": rows})

    def _derived_key(self) -> str | None:
        key = self._setting("derived_from")
        return str(key) if key is not None else None

    def _write_derived(self, graph: GraphBatch, admission: Admission) -> Rebuilt | None:
        """Not one transaction, but convergent: the change first, then until the difference
        is all written no key says the graph is current, so a rebuild cut short is completed
        by the next one (which reads the stored graph afresh), even from the same documents.
        The stored inputs are compared with those derived from just before writing, which
        narrows but does not close the window for a concurrent writer."""
        if self._stored_key() != admission.read_key:
            return None
        if self.bulk_import and (admission.bulk or self._first_large_load(graph)):
            return self._bulk_write(graph, admission)
        return self._write_online(graph, admission)

    def _write_online(self, graph: GraphBatch, admission: Admission) -> Rebuilt:
        change = admission.change
        gone = sorted({*change.forget, *admission.refused})
        if gone:
            self.execute(cypher.DOCUMENTS_FORGET, {"shas": gone})
        if change.names:
            rows = [{"sha256": sha, "source": source} for sha, source in change.names.items()]
            self.execute(cypher.DOCUMENTS_RENAME, {"rows": rows})
        if change.review is not None:
            self.execute(cypher.REVIEW_CLEAR)
            rows = [dataclasses.asdict(item) for item in change.review]
            self.execute(cypher.REVIEW_ADD, {"rows": rows})
        if change.registries is not None:
            self.execute(cypher.SET_REGISTRIES, {"paths": list(change.registries)})
        if change.decisions is not None:
            self.execute(cypher.SET_DECISIONS, {"text": decisions_json(change.decisions)})
        self.execute(cypher.UNSET_DERIVED_FROM)
        result = self._replace(graph, admission.documents)
        self._add_review(graph.candidates)
        self.execute(cypher.DOCUMENTS_ADMIT, {"shas": list(admission.kept)})
        self.execute(cypher.SET_HELD, {"text": graph.held.to_json() if graph.held else None})
        self.execute(cypher.SET_DERIVED_FROM, {"key": admission.key})
        return result

    def _first_large_load(self, graph: GraphBatch) -> bool:
        large = len(graph.nodes) + len(graph.edges) >= self.bulk_min_rows
        return large and not self.read(cypher.GRAPH_HELD)[0]["held"]

    def check_bulk(self) -> None:
        if self.bulk_import is None:
            raise StoreError(
                f"a bulk import into Neo4j at {self.location} needs {bulk.IMPORT_ENV}: the "
                "command that stops the server, imports and starts it (scripts/neo4j-local "
                "import for the local server)"
            )

    def _bulk_write(self, graph: GraphBatch, admission: Admission) -> Rebuilt | None:
        """The whole store (graph, documents, review items, settings) imported offline by
        the user's command (``neo4j_bulk``), then checked: the server must hold exactly
        the graph written, and only then is it marked current. A database holding nodes
        that are not educoop's is never imported over. An import that fails leaves the
        database as it was before, and the graph is written online."""
        assert self.bulk_import is not None
        if self.read(cypher.FOREIGN_NODES)[0]["foreign"]:
            if admission.bulk:
                raise StoreError(
                    f"Neo4j at {self.location} holds nodes that are not educoop's: a bulk "
                    "import would delete them; nothing changed"
                )
            return self._write_online(graph, admission)
        inputs = _Inputs.of(self)
        nodes, relationships, emptied = self._import_rows(graph, admission, inputs)
        before = self.stats()
        with tempfile.TemporaryDirectory(prefix="educoop-import-") as folder:
            try:
                arguments = bulk.write_import(Path(folder), nodes, relationships, map(str, Label))
            except bulk.Unimportable:
                return self._write_online(graph, admission)
            # Another writer may have come while the files were written.
            if self._stored_key() != admission.read_key:
                return None
            try:
                bulk.run_import(self.bulk_import, self.database, arguments)
            except StoreError as failed:
                self._await_server()
                logging.getLogger(__name__).warning("%s: writing online instead", failed)
                inputs.restore(self)
                return self._write_online(graph, admission)
        self._await_server()
        self._ensure_constraints()
        # CSV has no empty list: a list property the graph gives empty is set so afterwards.
        for (label, name), ids in sorted(emptied.items()):
            self.execute(cypher.set_empty_list(label, name), {"ids": ids})
        counts = self.stats()
        held_now = (sum(counts["nodes"].values()), sum(counts["relationships"].values()))
        if held_now != (len(graph.nodes), len(graph.edges)):
            raise StoreError(
                f"Neo4j at {self.location}: the bulk import left {held_now[0]} nodes and "
                f"{held_now[1]} relationships, not {len(graph.nodes)} and {len(graph.edges)}; "
                "run educoop rebuild to write it online"
            )
        self.execute(cypher.SET_DERIVED_FROM, {"key": admission.key})
        return Rebuilt(
            documents=len(admission.kept),
            nodes=len(graph.nodes),
            relationships=len(graph.edges),
            new_nodes=len(graph.nodes),
            new_relationships=len(graph.edges),
            removed_nodes=sum(before["nodes"].values()),
            removed_relationships=sum(before["relationships"].values()),
        )

    def _import_rows(
        self, graph: GraphBatch, admission: Admission, inputs: _Inputs
    ) -> tuple[
        dict[str, list[Props]],
        dict[str, list[tuple[str, str, Props]]],
        dict[tuple[Label, str], list[str]],
    ]:
        """The rows of the whole store after this derivation, by label and by type, and
        the list properties to set empty afterwards. Not yet marked current: the settings
        row carries no ``derived_from``."""
        change = admission.change
        gone = {*change.forget, *admission.refused}
        documents = [
            {
                "sha256": d.sha256,
                "source": change.names.get(d.sha256, d.source),
                "records": d.records,
                "admitted": True,
            }
            for d in inputs.documents
            if d.sha256 not in gone
        ]
        review = list(change.review) if change.review is not None else list(inputs.review)
        held = {(item.name, item.candidate) for item in review}
        first = max((item.id or 0 for item in review), default=0) + 1
        # Numbered as the online path numbers them (its REVIEW_ADD skips pairs it holds).
        for number, item in enumerate(graph.candidates):
            if (item.name, item.candidate) not in held:
                held.add((item.name, item.candidate))
                review.append(dataclasses.replace(item, id=first + number))
        decisions = change.decisions if change.decisions is not None else inputs.decisions
        registries = change.registries if change.registries is not None else inputs.registries
        settings = {
            "id": "settings",
            "schema": SCHEMA_VERSION,
            "registries": list(registries),
            "decisions": decisions_json(decisions),
            "held": graph.held.to_json() if graph.held else None,
        }
        nodes: dict[str, list[Props]] = {
            "EducoopDocument": documents,
            "EducoopReview": [dataclasses.asdict(item) for item in review],
            "EducoopSettings": [settings],
        }
        emptied: dict[tuple[Label, str], list[str]] = defaultdict(list)
        for node in graph.nodes.values():
            nodes.setdefault(str(node.label), []).append({**node.props, "id": node.id})
            for name, value in node.props.items():
                if value == []:
                    emptied[(node.label, name)].append(node.id)
        relationships: dict[str, list[tuple[str, str, Props]]] = defaultdict(list)
        for edge in graph.edges.values():
            relationships[str(edge.type)].append(
                (edge.src, edge.dst, {**edge.props, "key": edge.key})
            )
        return nodes, relationships, emptied

    def _await_server(self) -> None:
        """Until the server answers again after an import (it was stopped and started)."""
        deadline = time.monotonic() + bulk.RESTART_SECONDS
        while True:
            try:
                self._driver.verify_connectivity()
                self.read("RETURN 1 AS up")
                return
            except (ServiceUnavailable, DriverError, Neo4jError, OSError, StoreError):
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"Neo4j at {self.location} did not answer within "
                        f"{bulk.RESTART_SECONDS:.0f} s of the bulk import"
                    ) from None
                time.sleep(1)

    def _held(self) -> Held | None:
        text = self._setting("held")
        return Held.from_json(text) if text else None

    def _nodes(self, ids: Iterable[str]) -> dict[str, tuple[Label, Props, str]]:
        """The stored nodes of these ids (label, properties, element id)."""
        by_label: dict[Label, list[str]] = defaultdict(list)
        for node_id in sorted(set(ids)):
            label = _LABEL_OF_PREFIX.get(node_id.split(":", 1)[0])
            if label is not None:
                by_label[label].append(node_id)
        found = {}
        for label, wanted in by_label.items():
            for row in self.read(cypher.nodes_by_id(label), {"ids": wanted}):
                found[row["id"]] = (label, props_of(row), row["eid"])
        return found

    def _read_scope(self, agreements: list[str], parties: list[str]) -> GraphBatch:
        batch = GraphBatch()
        for node_id, (label, props, _) in self._nodes([*agreements, *parties]).items():
            if label is not Label.AGREEMENT or node_id in agreements:
                batch.nodes[node_id] = NodeRow(label, node_id, props)
        for row in self.read(cypher.AGREEMENT_EDGES, {"ids": agreements}):
            batch.put_edge(edge_of(row))
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
        """In one transaction, which first locks the settings node and finds the graph
        still derived under ``current``: two people deciding (or ingesting) at once are
        taken one after the other (the later one derives again), and a change cut short
        writes nothing."""
        if self._stored_key() != read_key:
            return None
        before, after = part.before, part.after
        ends = {
            end for e in (*before.edges.values(), *after.edges.values()) for end in (e.src, e.dst)
        }
        element_ids = {n: eid for n, (_, _, eid) in self._nodes(ends | before.nodes.keys()).items()}
        old_nodes = {n.id: (n.label, n.props) for n in before.nodes.values()}
        old_edges = {k: e.props for k, e in before.edges.items()}

        def work(tx: ManagedTransaction) -> Rebuilt | None:
            found = tx.run(cypher.LOCK_SETTINGS).single()
            if found is None or found["derived_from"] != current:
                return None

            def run(steps: Iterable[_Step]) -> dict[str, str]:
                return _run_steps(tx, list(steps))

            changed = self._write_difference(old_nodes, old_edges, after, element_ids, run)
            tx.run(cypher.SET_DECISIONS, text=decisions_json(decisions)).consume()
            tx.run(cypher.SET_HELD, text=part.held.to_json()).consume()
            tx.run(cypher.DOCUMENTS_ADMIT, shas=list(admit)).consume()
            tx.run(cypher.DOCUMENTS_FORGET, shas=sorted(forget)).consume()
            if review is not None:
                tx.run(cypher.REVIEW_CLEAR).consume()
                tx.run(cypher.REVIEW_ADD, rows=[dataclasses.asdict(i) for i in review]).consume()
            tx.run(cypher.SET_DERIVED_FROM, key=key).consume()
            return changed

        with self._session(WRITE_ACCESS) as session:
            result: Rebuilt | None = session.execute_write(work)
            return result

    def read_institutions(self) -> GraphBatch:
        batch = GraphBatch()
        for row in self.read(cypher.nodes_of((Label.INSTITUTION,))):
            batch.nodes[row["id"]] = NodeRow(Label.INSTITUTION, row["id"], props_of(row))
        for row in self.read(cypher.PLACED):
            edge = batch.put_edge(edge_of(row))
            batch.nodes[edge.dst] = NodeRow(Label.REGION, edge.dst, props_of(row, "region"))
        return batch

    def read_around(self, ids: list[str], types: tuple[RelType, ...]) -> GraphBatch:
        batch = GraphBatch()
        by_label: dict[Label, list[str]] = defaultdict(list)
        for node_id, (label, props, _) in sorted(self._nodes(ids).items()):
            batch.nodes[node_id] = NodeRow(label, node_id, props)
            by_label[label].append(node_id)
        for label, wanted in by_label.items() if types else ():
            for row in self.read(cypher.edges_from(label, types), {"ids": wanted}):
                batch.put_edge(edge_of(row))
        return batch

    def read_signed(self, keys: list[str]) -> dict[str, list[str]]:
        rows = self.read(cypher.SIGNED, {"keys": keys})
        return {row["signing"]: sorted(row["agreements"]) for row in rows}

    def read_mentioned(self, ids: list[str], other_than: str) -> set[str]:
        rows = self.read(cypher.MENTIONED, {"ids": ids, "other": other_than})
        return {row["id"] for row in rows}

    @contextmanager
    def _writing(self) -> Iterator[None]:
        with self._server_errors():
            self._check_schema()
            yield

    def _replace(self, graph: GraphBatch, documents: int) -> Rebuilt:
        """Make the stored graph that of ``graph``, writing only what differs."""
        rows, old_edges = self._graph_rows()
        element_ids = {node_id: eid for node_id, (_, _, eid) in rows.items()}
        old_nodes = {node_id: (label, props) for node_id, (label, props, _) in rows.items()}
        changed = self._write_difference(old_nodes, old_edges, graph, element_ids)
        return dataclasses.replace(changed, documents=documents)

    def _write_difference(
        self,
        old_nodes: dict[str, tuple[Label, Props]],
        old_edges: dict[tuple[RelType, str, str, str], Props],
        graph: GraphBatch,
        element_ids: dict[str, str],
        run: Callable[[Iterable[_Step]], dict[str, str]] | None = None,
    ) -> Rebuilt:
        """Make the stored rows ``old_nodes`` and ``old_edges`` those of ``graph``:
        relationships and nodes that went, then nodes, then relationships. ``element_ids``
        has every node the relationships end at. The statements go to ``run`` (default:
        transactions of their own). Counts are of ``graph``."""
        run = run or self._write_steps
        element_ids = dict(element_ids)
        gone_edges = old_edges.keys() - graph.edges.keys()
        gone_nodes = old_nodes.keys() - graph.nodes.keys()
        steps: list[_Step] = []
        by_type: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
        for rel_type, src, dst, key in gone_edges:
            by_type[rel_type].append({"a": element_ids[src], "b": element_ids[dst], "key": key})
        for rel_type, rows in by_type.items():
            steps += [(cypher.edge_delete(rel_type), c) for c in _chunks(rows)]
        ids_by_label: dict[Label, list[str]] = defaultdict(list)
        for node_id in sorted(gone_nodes):
            ids_by_label[old_nodes[node_id][0]].append(node_id)
        for label, ids in ids_by_label.items():
            steps += [(cypher.node_delete(label), c) for c in _chunks(ids)]
        nodes_by_label: dict[Label, list[dict[str, Any]]] = defaultdict(list)
        for node in graph.nodes.values():
            if old_nodes.get(node.id) != (node.label, node.props):
                nodes_by_label[node.label].append(
                    {"id": node.id, "props": {**node.props, "id": node.id}}
                )
        for label, rows in nodes_by_label.items():
            steps += [(cypher.node_upsert(label), c) for c in _chunks(rows)]
        element_ids.update(run(steps))
        shapes: dict[tuple[RelType, bool], list[dict[str, Any]]] = defaultdict(list)
        for edge_key, edge in graph.edges.items():
            old = old_edges.get(edge_key)
            if old != edge.props:
                shapes[(edge.type, old is None)].append(
                    {
                        "a": element_ids[edge.src],
                        "b": element_ids[edge.dst],
                        "props": {**edge.props, "key": edge.key},
                    }
                )
        steps = []
        for (rel_type, create), rows in shapes.items():
            for chunk in _chunks(rows):
                names = tuple(sorted({name for row in chunk for name in row["props"]}))
                steps.append((cypher.edge_statement(rel_type, create, names), chunk))
        run(steps)
        return Rebuilt(
            documents=0,
            nodes=len(graph.nodes),
            relationships=len(graph.edges),
            new_nodes=len(graph.nodes.keys() - old_nodes.keys()),
            new_relationships=len(graph.edges.keys() - old_edges.keys()),
            removed_nodes=len(gone_nodes),
            removed_relationships=len(gone_edges),
        )

    def _write_steps(
        self, steps: Iterable[_Step], rows_per_transaction: int = TRANSACTION_ROWS
    ) -> dict[str, str]:
        """Run the steps in write transactions of at most ``rows_per_transaction`` rows;
        returns the element ids that node statements gave back."""
        element_ids: dict[str, str] = {}

        def work(tx: ManagedTransaction, group: list[_Step]) -> dict[str, str]:
            return _run_steps(tx, group)

        group: list[_Step] = []
        size = 0
        with self._session(WRITE_ACCESS) as session:
            for step in steps:
                group.append(step)
                size += len(step[1])
                if size >= rows_per_transaction:
                    element_ids.update(session.execute_write(work, group))
                    group, size = [], 0
            if group:
                element_ids.update(session.execute_write(work, group))
        return element_ids

    @contextmanager
    def _server_errors(self) -> Iterator[None]:
        """During a rebuild, a server that refuses a write, or went away (or is shutting
        down) until the retries ran out, is one line that says how to complete the graph."""
        try:
            try:
                yield
            except (TransientError, DriverError, OSError):
                raise self._gone() from None
            except Neo4jError as exc:
                raise StoreError(f"Neo4j refused a write: {first_line(exc)}") from None
        except StoreUnavailable as exc:
            raise StoreUnavailable(
                f"{exc}: the graph is not complete; load the same files again when the "
                "server is back, which completes it and writes nothing twice"
            ) from None

    def _gone(self) -> StoreUnavailable:
        return StoreUnavailable(
            f"Neo4j at {self.location} stopped answering (retried for {self.retry_seconds:g} s)"
        )

    def _session(self, mode: str) -> Any:
        return self._driver.session(database=self.database, default_access_mode=mode)

    def read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run Cypher in a read transaction; Neo4j refuses any write in it."""
        return self._rows(cypher, params, READ_ACCESS)

    def execute(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run Cypher in a write transaction."""
        return self._rows(cypher, params, WRITE_ACCESS)

    def _rows(self, cypher: str, params: dict[str, Any] | None, mode: str) -> list[dict[str, Any]]:
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(cypher, params or {})]

        try:
            with self._session(mode) as session:
                run = session.execute_read if mode == READ_ACCESS else session.execute_write
                return run(work)
        except ClientError as exc:
            if (exc.code or "").endswith("AccessMode"):
                raise StoreError(
                    "the query writes, and it ran in a read transaction (allow writes with "
                    "educoop cypher --write)"
                ) from None
            raise StoreError(f"Neo4j: {first_line(exc)}") from None
        except (TransientError, DriverError, OSError):
            raise self._gone() from None

    def stats(self) -> dict[str, dict[str, int]]:
        # Counts by label and by type are answered from Neo4j's count store.
        nodes = {str(label): self.read(cypher.count_label(label))[0]["c"] for label in Label}
        relationships = {str(rel): self.read(cypher.count_type(rel))[0]["c"] for rel in RelType}
        return {"nodes": nodes, "relationships": relationships}

    def partner_view(self) -> nx.MultiDiGraph:
        return self._view_of(*PARTNER_VIEW)

    def partner_links(self) -> tuple[nx.MultiDiGraph, Iterator[PartnerLink]]:
        links = self.read(cypher.PARTNER_LINKS)
        return self._view_of(*HIERARCHY_VIEW), (PartnerLink(**row) for row in links)

    def _view_of(self, labels: tuple[Label, ...], types: tuple[RelType, ...]) -> nx.MultiDiGraph:
        rows = sorted(self.read(cypher.nodes_of(labels)), key=lambda row: str(row["id"]))
        nodes = [NodeRow(Label(row["label"]), row["id"], props_of(row)) for row in rows]
        edges = sorted(map(edge_of, self.read(cypher.edges_of(types))), key=edge_order)
        return build_graph(nodes, edges)

    def to_networkx(self) -> nx.MultiDiGraph:
        nodes, edges = self._graph_rows()
        return build_graph(
            (NodeRow(label, node_id, props) for node_id, (label, props, _) in nodes.items()),
            (EdgeRow(*key, props) for key, props in edges.items()),
        )

    def _graph_rows(
        self,
    ) -> tuple[dict[str, tuple[Label, Props, str]], dict[tuple[RelType, str, str, str], Props]]:
        """Every node (label, properties, element id) and relationship (properties), keyed
        as in a GraphBatch."""
        node_rows = sorted(self.read(cypher.GRAPH_NODES), key=lambda row: str(row["id"]))
        edge_rows = sorted(map(edge_of, self.read(cypher.GRAPH_EDGES)), key=edge_order)
        nodes = {
            row["id"]: (
                next(Label(name) for name in row["labels"] if name in Label.__members__.values()),
                props_of(row),
                row["eid"],
            )
            for row in node_rows
        }
        edges = {(edge.type, edge.src, edge.dst, edge.key): edge.props for edge in edge_rows}
        return nodes, edges

    def agreement_ids(self, prefix: str) -> list[str]:
        return [row["id"] for row in self.read(cypher.AGREEMENT_IDS, {"prefix": prefix})]

    def named(self, labels: Iterable[Label] = tuple(Label)) -> list[Named]:
        # Only the names travel, not the whole graph.
        wanted = list(labels)
        found = []
        for row in self.read(cypher.named(wanted)):
            label = next(Label(name) for name in row["labels"] if name in wanted)
            others = [*row["aliases"], row["name_zh"]]
            if row["name"]:
                found.append(Named(row["id"], label, row["name"], tuple(o for o in others if o)))
        return found

    def run(self, query: TwinQuery, params: dict[str, Any]) -> list[Row]:
        return self.read(query.cypher, params)

    def integrity(self) -> list[str]:
        # Neo4j keeps its own store files consistent; the graph checks are educoop's.
        return []

    def _add_review(self, items: list[ReviewItem]) -> None:
        if not items:
            return
        first = self._next_review_id()
        rows = [
            {**dataclasses.asdict(item), "id": first + number} for number, item in enumerate(items)
        ]
        self.execute(cypher.REVIEW_ADD, {"rows": rows})

    def _next_review_id(self) -> int:
        return int(self.read(cypher.REVIEW_NEXT_ID)[0]["next"])

    def review(self) -> list[ReviewItem]:
        return [ReviewItem(**row) for row in self.read(cypher.REVIEW)]

    def decisions(self) -> list[Decision]:
        return decisions_of(self._setting("decisions"))

    def registries(self) -> list[str]:
        return list(self._setting("registries") or [])

    def _setting(self, name: str) -> Any:
        rows = self.read(cypher.SETTING, {"name": name})
        return rows[0]["value"] if rows else None

    def clear(self) -> None:
        """Delete every node and relationship (tests and benchmarks use a scratch database)."""
        with self._session(WRITE_ACCESS) as session:
            for statement in cypher.CLEAR:
                session.run(statement).consume()
        self._check_schema()  # an empty database is one of this schema


def _run_steps(tx: ManagedTransaction, steps: list[_Step]) -> dict[str, str]:
    """Run statements in one transaction; the element ids node statements gave back."""
    found: dict[str, str] = {}
    for statement, rows in steps:
        result = tx.run(statement, rows=rows)
        record = result.single()
        if record is not None:
            found.update(record.get("element_ids") or ())
        result.consume()
    return found
