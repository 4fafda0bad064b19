"""The Neo4j store: the same graph over Bolt.

- Uniqueness constraints on every label's ``id``, created ``IF NOT EXISTS``.
- One batch (one input file) is written in one managed transaction (``execute_write``,
  retried by the driver on transient errors), so a file is never half in the store.
- Inside it, rows travel in ``UNWIND $rows AS row MERGE ...`` statements of at most
  ``BATCH_SIZE`` rows, one statement shape per label or per (type, start label, end label).
- Labels and relationship types come only from the allow-lists in ``graph.schema``; every
  value is a parameter.
- The database name is always passed; the password is never shown.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections import defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
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

from educoop.errors import StoreError
from educoop.graph.nxview import build_graph
from educoop.graph.schema import (
    LIST_PROPERTIES,
    PARTNER_TYPES,
    EdgeRow,
    GraphBatch,
    Label,
    NodeRow,
    RelType,
    ReviewItem,
)
from educoop.graph.store import WriteResult, known_institution

if TYPE_CHECKING:
    from educoop.loaders.registry import Known
    from educoop.queries.catalogue import CannedQuery

# Rows per UNWIND statement. Tuned on 2 cores with a 20,000-agreement synthetic file
# (benchmarks/synthetic.py): 250, 500, 1,000 and 5,000 rows all load at 23-27k rows/s, within
# run-to-run noise, and 20,000 rows is slower (20k rows/s). 1,000 keeps each statement's
# parameters near 200 KB, so a large file never needs a large message or heap.
BATCH_SIZE = 1_000
DEFAULT_DATABASE = "neo4j"

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


def _chunks(rows: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(rows), BATCH_SIZE):
        yield rows[start : start + BATCH_SIZE]


def _node_statement(label: Label, with_lists: bool) -> str:
    # Lists such as aliases merge as sorted unions, as in the embedded store.
    merges = "".join(
        f"""
WITH n, row
CALL (n, row) {{
  UNWIND coalesce(n.{name}, []) + coalesce(row.lists.{name}, []) AS item
  WITH DISTINCT item ORDER BY item
  RETURN collect(item) AS merged_{name}
}}
SET n.{name} = CASE WHEN row.lists.{name} IS NULL THEN n.{name} ELSE merged_{name} END"""
        for name in (sorted(LIST_PROPERTIES) if with_lists else ())
    )
    return f"""UNWIND $rows AS row
MERGE (n:{label} {{id: row.id}})
SET n += row.props{merges}
RETURN collect([row.id, elementId(n)]) AS element_ids"""


# Relationship statements find their ends by element id, which the node statements of the same
# transaction returned: a direct record lookup instead of an index seek per end.
_ELEMENT_IDS = """UNWIND $ids AS id
MATCH (n:{label} {{id: id}})
RETURN collect([id, elementId(n)]) AS element_ids"""


# Agreement nodes are merged first; the statement says which ones this transaction created.
# Their hub relationships cannot exist yet, so they are CREATEd: a MERGE would expand every
# relationship of the parties to look for them, which is slow for well-connected parties.
# The stamp comes from ON CREATE, which runs only for the transaction that created the node,
# so two loads of one file at once still write each relationship once.
_AGREEMENTS = """UNWIND $rows AS row
MERGE (n:Agreement {id: row.id})
ON CREATE SET n.educoop_created_by = $stamp
SET n += row.props
WITH n, row.id AS id, n.educoop_created_by = $stamp AS fresh
REMOVE n.educoop_created_by
RETURN collect(CASE WHEN fresh THEN id END) AS fresh,
       collect([id, elementId(n)]) AS element_ids"""


_PROPERTY_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def _edge_statement(rel_type: RelType, create: bool, names: tuple[str, ...]) -> str:
    """Rows ``{a, b, props}``: CREATE with a literal property map (no Eager step), or MERGE by
    ``key`` for relationships that may exist already."""
    if create:
        for name in names:
            if not _PROPERTY_NAME.fullmatch(name):
                raise StoreError(f"not a property name educoop writes: {name!r}")
        literal = ", ".join(f"{name}: row.props.{name}" for name in names)
        write = f"CREATE (a)-[r:{rel_type} {{{literal}}}]->(b)"
    else:
        write = f"MERGE (a)-[r:{rel_type} {{key: row.props.key}}]->(b)\nSET r = row.props"
    return f"""UNWIND $rows AS row
MATCH (a) WHERE elementId(a) = row.a
MATCH (b) WHERE elementId(b) = row.b
{write}"""


def _agreement_of(edge: EdgeRow) -> str | None:
    """The agreement whose hub ``edge`` belongs to, if any."""
    if edge.type in PARTNER_TYPES:
        return edge.key
    if edge.type is RelType.PARTY_TO:
        return edge.dst
    if edge.type in (RelType.REPORTED_IN, RelType.UNDER):
        return edge.src
    return None


# How long the driver retries a transaction that meets a lost connection.
DEFAULT_RETRY_SECONDS = 30.0


class Neo4jStore:
    """The graph in a Neo4j 5 database."""

    def __init__(
        self,
        uri: str,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        retry_seconds: float = DEFAULT_RETRY_SECONDS,
    ) -> None:
        self.location = redact(uri)
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
            message = _first_line(exc).replace(password or "\0", "***")
            raise StoreError(f"Neo4j at {self.location}: {message}") from None

    def _close_quietly(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._driver.close()

    def _ensure_constraints(self) -> None:
        with self._driver.session(database=self.database) as session:
            for label in Label:
                session.run(
                    f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                    f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
                ).consume()
            # Entity resolution finds earlier reports of a signing by its key.
            session.run(
                "CREATE INDEX agreement_signing IF NOT EXISTS FOR (n:Agreement) ON (n.signing)"
            ).consume()

    def write(self, batch: GraphBatch) -> WriteResult:
        nodes_by_label: dict[Label, list[dict[str, Any]]] = defaultdict(list)
        for node in batch.nodes.values():
            props = {k: v for k, v in node.props.items() if k not in LIST_PROPERTIES}
            lists = {k: v for k, v in node.props.items() if k in LIST_PROPERTIES}
            nodes_by_label[node.label].append({"id": node.id, "props": props, "lists": lists})
        agreements = nodes_by_label.pop(Label.AGREEMENT, [])
        stamp = uuid.uuid4().hex

        def work(tx: ManagedTransaction) -> tuple[int, int]:
            created_nodes = created_edges = 0
            fresh: set[str] = set()
            element_ids: dict[str, str] = {}
            for chunk in _chunks(agreements):
                result = tx.run(_AGREEMENTS, rows=chunk, stamp=stamp)
                record = result.single(strict=True)
                fresh.update(record["fresh"])
                element_ids.update(record["element_ids"])
                created_nodes += result.consume().counters.nodes_created
            for label, rows in nodes_by_label.items():
                with_lists = any(row["lists"] for row in rows)
                for chunk in _chunks(rows):
                    result = tx.run(_node_statement(label, with_lists), rows=chunk)
                    element_ids.update(result.single(strict=True)["element_ids"])
                    created_nodes += result.consume().counters.nodes_created
            # Ends written by an earlier transaction (as when a store is copied in parts).
            missing: dict[Label, set[str]] = defaultdict(set)
            for edge in batch.edges.values():
                for end in (edge.src, edge.dst):
                    if end not in element_ids:
                        missing[label_of(end)].add(end)
            for label, ids in missing.items():
                for chunk in _chunks(sorted(ids)):
                    result = tx.run(_ELEMENT_IDS.format(label=label), ids=chunk)
                    element_ids.update(result.single(strict=True)["element_ids"])
            shapes: dict[tuple[RelType, bool], list[dict[str, Any]]] = defaultdict(list)
            for edge in batch.edges.values():
                if edge.src in element_ids and edge.dst in element_ids:
                    shape = (edge.type, _agreement_of(edge) in fresh)
                    shapes[shape].append(
                        {
                            "a": element_ids[edge.src],
                            "b": element_ids[edge.dst],
                            "props": {**edge.props, "key": edge.key},
                        }
                    )
            for (rel_type, create), rows in shapes.items():
                for chunk in _chunks(rows):
                    names = tuple(sorted({name for row in chunk for name in row["props"]}))
                    statement = _edge_statement(rel_type, create, names)
                    counters = tx.run(statement, rows=chunk).consume().counters
                    created_edges += counters.relationships_created
            return created_nodes, created_edges

        try:
            with self._session(WRITE_ACCESS) as session:
                new_nodes, new_edges = session.execute_write(work)
        except Neo4jError as exc:
            if not isinstance(exc, TransientError):
                raise StoreError(
                    f"Neo4j refused {batch.source}, nothing of it was written: {_first_line(exc)}"
                ) from None
            raise self._gone(batch) from None
        except (DriverError, OSError):
            raise self._gone(batch) from None
        return WriteResult(
            source=batch.source,
            nodes=len(batch.nodes),
            relationships=len(batch.edges),
            new_nodes=new_nodes,
            new_relationships=new_edges,
        )

    def _gone(self, batch: GraphBatch) -> StoreError:
        """The server went away (or is shutting down) and the retries ran out."""
        return StoreError(
            f"Neo4j at {self.location} stopped answering while {batch.source} was loading "
            f"(retried for {self.retry_seconds:g} s): nothing of that file was written; "
            "load it again when the server is back (files loaded before it are complete)"
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
            raise StoreError(f"Neo4j: {_first_line(exc)}") from None

    def stats(self) -> dict[str, dict[str, int]]:
        # Counts by label and by type are answered from Neo4j's count store.
        nodes = {
            str(label): self.read(f"MATCH (n:{label}) RETURN count(n) AS c")[0]["c"]
            for label in Label
        }
        relationships = {
            str(rel): self.read(f"MATCH ()-[r:{rel}]->() RETURN count(r) AS c")[0]["c"]
            for rel in RelType
        }
        return {"nodes": nodes, "relationships": relationships}

    def to_networkx(self) -> nx.MultiDiGraph:
        labels = " OR ".join(f"n:{label}" for label in Label)
        node_rows = self.read(
            f"MATCH (n) WHERE {labels} RETURN n.id AS id, labels(n) AS labels, "
            "properties(n) AS props ORDER BY id"
        )
        edge_rows = self.read(
            f"MATCH (a)-[r:{'|'.join(RelType)}]->(b) RETURN type(r) AS type, a.id AS src, "
            "b.id AS dst, properties(r) AS props ORDER BY type, src, dst, props.key"
        )
        nodes = (
            NodeRow(
                next(Label(name) for name in row["labels"] if name in Label.__members__.values()),
                row["id"],
                {k: v for k, v in row["props"].items() if k != "id"},
            )
            for row in node_rows
        )
        edges = (
            EdgeRow(
                RelType(row["type"]),
                row["src"],
                row["dst"],
                row["props"].get("key", ""),
                {k: v for k, v in row["props"].items() if k != "key"},
            )
            for row in edge_rows
        )
        return build_graph(nodes, edges)

    def run(self, query: CannedQuery, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.read(query.cypher, params)

    def institutions(self) -> list[Known]:
        rows = self.read(
            "MATCH (i:Institution) OPTIONAL MATCH (i)-[:LOCATED_IN]->(r:Region) "
            "RETURN i.id AS id, properties(i) AS props, properties(r) AS region ORDER BY id"
        )
        return [known_institution(row["id"], row["props"], row["region"] or {}) for row in rows]

    def agreements_by_signing(self, keys: list[str]) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {}
        rows = self.read(
            "MATCH (a:Agreement) WHERE a.signing IN $keys "
            "RETURN a.signing AS signing, a.id AS id, a.date AS date, a.reports AS reports "
            "ORDER BY id",
            {"keys": sorted(set(keys))},
        )
        for row in rows:
            found.setdefault(row["signing"], []).append(
                {"id": row["id"], "date": row["date"], "reports": row["reports"] or []}
            )
        return found

    def integrity(self) -> list[str]:
        # Neo4j keeps its own store files consistent; the graph checks are educoop's.
        return []

    # Review items and settings live on nodes of labels of their own, outside the graph's
    # labels, so that no query or view sees them.
    def add_review(self, items: list[ReviewItem]) -> None:
        if not items:
            return
        self.execute(
            """UNWIND $rows AS row
MERGE (r:EducoopReview {name: row.name, candidate: row.candidate})
ON CREATE SET r.institution = row.institution, r.candidate_name = row.candidate_name,
              r.score = row.score, r.status = 'pending', r.id = row.id""",
            {
                "rows": [
                    {**dataclasses.asdict(item), "id": self._next_review_id() + number}
                    for number, item in enumerate(items)
                ]
            },
        )

    def _next_review_id(self) -> int:
        rows = self.read("MATCH (r:EducoopReview) RETURN coalesce(max(r.id), 0) + 1 AS next")
        return rows[0]["next"]

    def review(self) -> list[ReviewItem]:
        rows = self.read(
            "MATCH (r:EducoopReview) RETURN r.name AS name, r.institution AS institution, "
            "r.candidate AS candidate, r.candidate_name AS candidate_name, r.score AS score, "
            "r.id AS id, r.status AS status ORDER BY id"
        )
        return [ReviewItem(**row) for row in rows]

    def decide(self, item_id: int, accept: bool) -> ReviewItem:
        status = "accepted" if accept else "rejected"
        statements = [
            (
                "MATCH (r:EducoopReview {id: $id}) SET r.status = $status "
                "RETURN r.name AS name, r.institution AS institution, r.candidate AS candidate, "
                "r.candidate_name AS candidate_name, r.score AS score, r.id AS id, "
                "r.status AS status",
                {"id": item_id, "status": status},
            )
        ]

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            rows = [record.data() for record in tx.run(*statements[0])]
            if rows and accept and rows[0]["institution"] != rows[0]["candidate"]:
                ends = {
                    "old": rows[0]["institution"],
                    "new": rows[0]["candidate"],
                    "name": rows[0]["candidate_name"],
                }
                tx.run(_ENSURE, ends).consume()
                for rel_type in RelType:
                    tx.run(_MOVE_OUT.format(rel_type=rel_type), ends).consume()
                    tx.run(_MOVE_IN.format(rel_type=rel_type), ends).consume()
                tx.run(_ABSORB, ends).consume()
            return rows

        with self._session(WRITE_ACCESS) as session:
            rows = session.execute_write(work)
        if not rows:
            raise StoreError(f"no review item {item_id} (see educoop resolve --review)")
        return ReviewItem(**rows[0])

    # Settings live on one node of a label of their own, outside the graph's labels, so
    # that no query or view sees it.
    def registries(self) -> list[str]:
        rows = self.read("MATCH (m:EducoopSettings {id: 'settings'}) RETURN m.registries AS r")
        return list(rows[0]["r"] or []) if rows else []

    def remember_registries(self, paths: list[str]) -> None:
        self.execute(
            "MERGE (m:EducoopSettings {id: 'settings'}) SET m.registries = $paths",
            {"paths": paths},
        )

    def clear(self) -> None:
        """Delete every node and relationship (tests and benchmarks use a scratch database)."""
        # CALL ... IN TRANSACTIONS needs an auto-commit transaction: session.run, not execute_*.
        # Relationships go first, so that no inner transaction holds all of a hub's edges.
        with self._session(WRITE_ACCESS) as session:
            for statement in (
                "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
                "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
            ):
                session.run(statement).consume()


# Accepting a review item: the institution's relationships move to the one it is, each
# relationship type from the allow-list in turn, then its names join that one's aliases.
_MOVE_OUT = """MATCH (old:Institution {{id: $old}})-[r:{rel_type}]->(x)
MATCH (new:Institution {{id: $new}})
MERGE (new)-[moved:{rel_type} {{key: r.key}}]->(x)
SET moved = properties(r)
DELETE r"""
_MOVE_IN = """MATCH (x)-[r:{rel_type}]->(old:Institution {{id: $old}})
MATCH (new:Institution {{id: $new}})
MERGE (x)-[moved:{rel_type} {{key: r.key}}]->(new)
SET moved = properties(r)
DELETE r"""
# The institution accepted may be known only to the registry: it gets its node first.
_ENSURE = """MATCH (old:Institution {id: $old})
MERGE (new:Institution {id: $new})
ON CREATE SET new.name = $name, new.kind = old.kind, new.aliases = [], new.matches = []"""
_ABSORB = """MATCH (old:Institution {id: $old}), (new:Institution {id: $new})
CALL (old, new) {
  UNWIND coalesce(new.aliases, []) + coalesce(old.aliases, []) + [old.name] AS name
  WITH DISTINCT name WHERE name <> new.name
  WITH name ORDER BY name
  RETURN collect(name) AS aliases
}
CALL (old, new) {
  UNWIND coalesce(new.matches, []) + coalesce(old.matches, []) AS match
  WITH DISTINCT match ORDER BY match
  RETURN collect(match) AS matches
}
SET new.aliases = aliases, new.matches = matches
DETACH DELETE old"""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
