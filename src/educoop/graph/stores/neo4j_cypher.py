"""Every Cypher statement the Neo4j store runs, writes and reads, in one place.

Labels and relationship types enter the text only from the allow-lists of ``graph.schema``
(``Label``, ``RelType``), property names only after the check in ``edge_statement``; every
value is a parameter. Documents, review items and settings live on nodes of labels of their
own (EducoopDocument, EducoopReview, EducoopSettings), outside the graph's labels, so that no
query or view sees them.
"""

from __future__ import annotations

import re
from typing import Any

from educoop.errors import StoreError
from educoop.graph.nxview import PARTNER_LINK_FIELDS
from educoop.graph.schema import PARTNER_TYPES, EdgeRow, Label, Props, RelType

# The graph ----------------------------------------------------------------------------------
_ANY_LABEL = " OR ".join(f"n:{label}" for label in Label)
GRAPH_HELD = f"MATCH (n) WHERE {_ANY_LABEL} RETURN count(n) > 0 AS held"
_OWN_LABELS = " OR ".join(
    f"n:{label}" for label in (*Label, "EducoopDocument", "EducoopReview", "EducoopSettings")
)
# Nodes educoop did not write, which a bulk import (it replaces the database) would delete.
FOREIGN_NODES = f"MATCH (n) WHERE NOT ({_OWN_LABELS}) RETURN count(n) > 0 AS foreign"
# The whole-graph reads come unsorted, and are sorted by the reader: ORDER BY would make
# the server hold every row of a million-agreement graph in one transaction's memory.
GRAPH_NODES = (
    f"MATCH (n) WHERE {_ANY_LABEL} RETURN n.id AS id, labels(n) AS labels, "
    "properties(n) AS props, elementId(n) AS eid"
)


def nodes_of(labels: tuple[Label, ...]) -> str:
    """Every node of these labels, as GRAPH_NODES gives them (one label each), unsorted."""
    parts = [
        f"MATCH (n:{Label(label)}) RETURN n.id AS id, '{Label(label)}' AS label, "
        "properties(n) AS props"
        for label in labels
    ]
    return "\nUNION ALL\n".join(parts)


def edges_of(types: tuple[RelType, ...]) -> str:
    """Every relationship of these types, unsorted."""
    which = "|".join(str(RelType(rel_type)) for rel_type in types)
    return (
        f"MATCH (a)-[r:{which}]->(b) RETURN type(r) AS type, a.id AS src, b.id AS dst, "
        "properties(r) AS props"
    )


GRAPH_EDGES = edges_of(tuple(RelType))

# The partner links with only what a partner network reads of them (``PartnerLink``).
PARTNER_LINKS = (
    f"MATCH (a)-[r:{'|'.join(map(str, PARTNER_TYPES))}]->(b) "
    "RETURN a.id AS src, b.id AS dst, "
    + ", ".join(f"r.{name} AS {name}" for name in PARTNER_LINK_FIELDS[:-1])
    + ", coalesce(r.confirmed = true, false) AS confirmed"
)


def nodes_by_id(label: Label) -> str:
    return f"""UNWIND $ids AS id
MATCH (n:{Label(label)} {{id: id}})
RETURN n.id AS id, properties(n) AS props, elementId(n) AS eid"""


# An agreement's relationships: its parties' PARTY_TO, its REPORTED_IN and UNDER, and the
# partner links it makes (found from its parties: relationship properties have no index).
AGREEMENT_EDGES = """UNWIND $ids AS id
MATCH (a:Agreement {id: id})
CALL (a, id) {
  MATCH (p)-[r:PARTY_TO]->(a)
  RETURN type(r) AS type, p.id AS src, a.id AS dst, properties(r) AS props
  UNION ALL
  MATCH (a)-[r:REPORTED_IN|UNDER]->(b)
  RETURN type(r) AS type, a.id AS src, b.id AS dst, properties(r) AS props
  UNION ALL
  MATCH (p)-[:PARTY_TO]->(a)
  MATCH (p)-[r:SIGNED_WITH|EXCHANGED_WITH]->(q) WHERE r.key = id
  RETURN type(r) AS type, p.id AS src, q.id AS dst, properties(r) AS props
}
RETURN type, src, dst, props"""


def edges_from(label: Label, types: tuple[RelType, ...]) -> str:
    """The relationships of these types that leave the nodes of ``label`` with ids $ids."""
    which = "|".join(str(RelType(rel_type)) for rel_type in types)
    return f"""UNWIND $ids AS id
MATCH (a:{Label(label)} {{id: id}})-[r:{which}]->(b)
RETURN type(r) AS type, a.id AS src, b.id AS dst, properties(r) AS props"""


# Every institution's place, with the region's properties.
PLACED = """MATCH (a:Institution)-[r:LOCATED_IN]->(b:Region)
RETURN type(r) AS type, a.id AS src, b.id AS dst, properties(r) AS props,
       properties(b) AS region"""
# The agreements that have each of the signing keys $keys.
SIGNED = (
    "MATCH (a:Agreement) WHERE a.signing IN $keys "
    "RETURN a.signing AS signing, collect(a.id) AS agreements"
)
# Which of the node ids $ids a Document other than $other mentions.
MENTIONED = """MATCH (d:Document) WHERE d.id <> $other
UNWIND d.mentions AS id
WITH DISTINCT id WHERE id IN $ids
RETURN id"""

AGREEMENT_IDS = "MATCH (a:Agreement) WHERE a.id STARTS WITH $prefix RETURN a.id AS id ORDER BY id"


def named(labels: list[Label]) -> str:
    """Every node of ``labels`` with its names, for a lookup."""
    which = " OR ".join(f"n:{Label(label)}" for label in labels) or "false"
    return (
        f"MATCH (n) WHERE {which} RETURN n.id AS id, labels(n) AS labels, n.name AS name, "
        "coalesce(n.aliases, []) AS aliases, n.name_zh AS name_zh ORDER BY id"
    )


def count_label(label: Label) -> str:
    # Counts by label and by type are answered from Neo4j's count store.
    return f"MATCH (n:{Label(label)}) RETURN count(n) AS c"


def count_type(rel_type: RelType) -> str:
    return f"MATCH ()-[r:{RelType(rel_type)}]->() RETURN count(r) AS c"


def constraint(label: Label) -> str:
    label = Label(label)
    return (
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    )


DOCUMENT_CONSTRAINT = (
    "CREATE CONSTRAINT educoop_document_sha256 IF NOT EXISTS "
    "FOR (d:EducoopDocument) REQUIRE d.sha256 IS UNIQUE"
)


# Nodes take the derived properties whole: a property the derivation no longer gives goes.
def node_upsert(label: Label) -> str:
    return f"""UNWIND $rows AS row
MERGE (n:{Label(label)} {{id: row.id}})
SET n = row.props
RETURN collect([row.id, elementId(n)]) AS element_ids"""


def set_empty_list(label: Label, name: str) -> str:
    """Give nodes (``$ids``) an empty list in property ``name`` (a bulk import cannot)."""
    if not _PROPERTY_NAME.fullmatch(name):
        raise StoreError(f"not a property name educoop writes: {name!r}")
    return f"UNWIND $ids AS id MATCH (n:{Label(label)} {{id: id}}) SET n.{name} = []"


def node_delete(label: Label) -> str:
    return f"""UNWIND $rows AS id
MATCH (n:{Label(label)} {{id: id}})
DETACH DELETE n"""


def edge_delete(rel_type: RelType) -> str:
    return f"""UNWIND $rows AS row
MATCH (a)-[r:{RelType(rel_type)}]->(b)
WHERE elementId(a) = row.a AND elementId(b) = row.b AND r.key = row.key
DELETE r"""


_PROPERTY_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def edge_statement(rel_type: RelType, create: bool, names: tuple[str, ...]) -> str:
    """Rows ``{a, b, props}`` with the ends' element ids: CREATE with a literal property map
    (no Eager step) for relationships that are new, or MERGE by ``key`` for those that
    changed."""
    rel_type = RelType(rel_type)
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


# CALL ... IN TRANSACTIONS needs an auto-commit transaction. Relationships go first, so that
# no inner transaction holds all of a hub's edges.
CLEAR = (
    "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
    "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS",
)

# Documents ----------------------------------------------------------------------------------
# A document written before documents were admitted is an admitted one.
DOCUMENTS = (
    "MATCH (d:EducoopDocument) RETURN d.sha256 AS sha256, d.source AS source, "
    "d.records AS records, coalesce(d.admitted, true) AS admitted ORDER BY sha256"
)
DOCUMENT_NAMES = "MATCH (d:EducoopDocument) RETURN d.sha256 AS sha, d.source AS source"
# One file under two names is one document: it keeps the first name in order.
_FIRST_NAME = "d.source = CASE WHEN row.source < d.source THEN row.source ELSE d.source END"
DOCUMENTS_ADD = f"""UNWIND $rows AS row
MERGE (d:EducoopDocument {{sha256: row.sha256}})
ON CREATE SET d.source = row.source, d.records = row.records, d.admitted = false
ON MATCH SET {_FIRST_NAME}"""
DOCUMENTS_NAME = (
    f"UNWIND $rows AS row MATCH (d:EducoopDocument {{sha256: row.sha256}}) SET {_FIRST_NAME}"
)
DOCUMENTS_RENAME = (
    "UNWIND $rows AS row MATCH (d:EducoopDocument {sha256: row.sha256}) SET d.source = row.source"
)
DOCUMENTS_FORGET = "MATCH (d:EducoopDocument) WHERE d.sha256 IN $shas DELETE d"
DOCUMENTS_ADMIT = "MATCH (d:EducoopDocument) WHERE d.sha256 IN $shas SET d.admitted = true"

# Review items -------------------------------------------------------------------------------
_REVIEW_FIELDS = (
    "r.name AS name, r.institution AS institution, r.candidate AS candidate, "
    "r.candidate_name AS candidate_name, r.score AS score, r.id AS id, r.status AS status"
)
REVIEW = f"MATCH (r:EducoopReview) RETURN {_REVIEW_FIELDS} ORDER BY id"
REVIEW_NEXT_ID = "MATCH (r:EducoopReview) RETURN coalesce(max(r.id), 0) + 1 AS next"
# A decision already taken on a pair stays: the pair is merged, not replaced.
REVIEW_ADD = """UNWIND $rows AS row
MERGE (r:EducoopReview {name: row.name, candidate: row.candidate})
ON CREATE SET r.institution = row.institution, r.candidate_name = row.candidate_name,
              r.score = row.score, r.status = row.status, r.id = row.id
ON MATCH SET r.status = CASE WHEN r.status = 'pending' THEN row.status ELSE r.status END"""
REVIEW_CLEAR = "MATCH (r:EducoopReview) DELETE r"

# Settings -----------------------------------------------------------------------------------
SETTING = "MATCH (m:EducoopSettings {id: 'settings'}) RETURN m[$name] AS value"
SET_SCHEMA = "MERGE (m:EducoopSettings {id: 'settings'}) SET m.schema = $schema"
SET_REGISTRIES = "MERGE (m:EducoopSettings {id: 'settings'}) SET m.registries = $paths"
# Decisions on agreements: one JSON text, written whole with the graph.
SET_DECISIONS = "MERGE (m:EducoopSettings {id: 'settings'}) SET m.decisions = $text"
# The decided agreements as derived before decisions (``Held``): one JSON text.
# Locks the settings node for the rest of the transaction (a write), and reads the key.
LOCK_SETTINGS = (
    "MATCH (m:EducoopSettings {id: 'settings'}) SET m.derived_from = m.derived_from "
    "RETURN m.derived_from AS derived_from"
)
SET_HELD = "MERGE (m:EducoopSettings {id: 'settings'}) SET m.held = $text"
SET_DERIVED_FROM = "MERGE (m:EducoopSettings {id: 'settings'}) SET m.derived_from = $key"
# Until the difference is all written, no key says the graph is current.
UNSET_DERIVED_FROM = "MATCH (m:EducoopSettings {id: 'settings'}) REMOVE m.derived_from"


# Rows the statements return ---------------------------------------------------------------
def props_of(row: dict[str, Any], column: str = "props") -> Props:
    """A node's properties as a GraphBatch holds them: without the ``id`` stored as one."""
    return {k: v for k, v in row[column].items() if k != "id"}


def edge_of(row: dict[str, Any]) -> EdgeRow:
    """A relationship read back (type, src, dst, props), its ``key`` property its key."""
    props = {k: v for k, v in row["props"].items() if k != "key"}
    return EdgeRow(RelType(row["type"]), row["src"], row["dst"], row["props"].get("key", ""), props)


def edge_order(edge: EdgeRow) -> tuple[str, str, str, str]:
    """Relationships in the order a GraphBatch's canonical dump gives them."""
    return str(edge.type), edge.src, edge.dst, edge.key
