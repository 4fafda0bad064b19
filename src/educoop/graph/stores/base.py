"""What every store is: the documents it was given, the review decisions taken on it, and the
graph derived from both, written as a difference.

``Store.rebuild`` is written once, here: compute the derivation key, skip when the graph was
derived under it, derive, admit or refuse the new documents, write the difference, record
the key. A backend supplies the storage primitives and ``_write_derived``, which writes a
derived graph (atomically where it can) unless the documents changed meanwhile.
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import networkx as nx

from educoop.errors import DocumentRefused, StoreError
from educoop.graph.schema import GraphBatch, ReviewItem, StoredDocument

Row = dict[str, Any]


@dataclass(frozen=True)
class Rebuilt:
    """The graph after a rebuild (documents, nodes, relationships), how it changed, and the
    new documents it refused (their source and the errors, one line each)."""

    documents: int
    nodes: int
    relationships: int
    new_nodes: int = 0
    new_relationships: int = 0
    removed_nodes: int = 0
    removed_relationships: int = 0
    refused: dict[str, list[str]] = field(default_factory=dict)

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


class Derivation(Protocol):
    """Makes the whole graph of a store's documents, given the review decisions taken on it
    (``educoop.loaders.derive.Derivation``). ``fingerprint`` names whatever else the graph
    depends on (educoop's release and data, the store's registry files).

    ``derive`` raises DocumentRefused naming the first document, in its own order, that it
    cannot take.
    """

    @property
    def fingerprint(self) -> str: ...

    def derive(self, documents: list[StoredDocument], review: list[ReviewItem]) -> GraphBatch: ...


class TwinQuery(Protocol):
    """A canned query in the two forms the stores answer: Cypher for Neo4j, and its twin on
    the NetworkX view for the embedded store (``educoop.queries.catalogue.CannedQuery``)."""

    @property
    def cypher(self) -> str: ...

    @property
    def twin(self) -> Callable[..., list[Row]]: ...


def derivation_key(
    fingerprint: str, documents: Iterable[tuple[str, str]], review: Iterable[ReviewItem]
) -> str:
    """One key for everything a derived graph depends on: the derivation's fingerprint, the
    documents (sha256 and name), and the review decisions taken. A store whose graph was
    derived under the same key need not derive it again."""
    decided = sorted((i.name, i.candidate, i.status) for i in review if i.status != "pending")
    text = json.dumps([fingerprint, sorted(documents), decided])
    return hashlib.sha256(text.encode()).hexdigest()


def _named(documents: Iterable[StoredDocument]) -> list[tuple[str, str]]:
    return [(document.sha256, document.source) for document in documents]


@dataclass(frozen=True)
class Admission:
    """What a derivation took: the key of the documents and decisions it read (the store
    writes only if they are still those), the key of the documents it kept, their sha256,
    and the new documents it refused."""

    fingerprint: str
    read_key: str
    key: str
    kept: tuple[str, ...]
    refused: Mapping[str, DocumentRefused]

    @property
    def documents(self) -> int:
        return len(self.kept)


def admit(
    derivation: Derivation, documents: list[StoredDocument], review: list[ReviewItem]
) -> tuple[GraphBatch, list[StoredDocument], dict[str, DocumentRefused]]:
    """The graph of every document the derivation can take, the documents it took, and the
    new (not yet admitted) ones it refused, by sha256.

    A new document that fails is refused and the rest derived again. A new document may
    also make an admitted one fail (it comes before it, and teaches the registry a name):
    then the first new document, in sha256 order, that does so alone with the admitted ones
    is refused. An admitted document that fails without any new one no longer loads (a
    registry or a release changed): StoreError, naming how to remove it.
    """
    kept = list(documents)
    refused: dict[str, DocumentRefused] = {}
    while True:
        try:
            return derivation.derive(kept, review), kept, refused
        except DocumentRefused as exc:
            failing = exc
        if not _is_new(kept, failing.sha256):
            breaker = _breaker(derivation, kept, review)
            if breaker is None:
                raise StoreError(
                    f"stored document {failing.source} no longer loads ({failing.errors[0]}): "
                    f"remove it with educoop forget {failing.sha256[:12]}"
                ) from None
            failing = breaker
        refused[failing.sha256] = failing
        kept = [document for document in kept if document.sha256 != failing.sha256]


def _is_new(documents: list[StoredDocument], sha256: str) -> bool:
    return any(d.sha256 == sha256 and not d.admitted for d in documents)


def _breaker(
    derivation: Derivation, documents: list[StoredDocument], review: list[ReviewItem]
) -> DocumentRefused | None:
    """The first new document (by sha256) whose coming makes the derivation fail, with why;
    None when the admitted documents fail on their own."""
    admitted = [d for d in documents if d.admitted]
    new = sorted((d for d in documents if not d.admitted), key=lambda d: d.sha256)
    try:
        derivation.derive(admitted, review)
    except DocumentRefused:
        return None
    for count in range(1, len(new) + 1):
        try:
            derivation.derive([*admitted, *new[:count]], review)
        except DocumentRefused as exc:
            if _is_new(new, exc.sha256):
                return exc
            culprit = new[count - 1]
            return DocumentRefused(
                culprit.sha256,
                culprit.source,
                [f"{culprit.source}: it would make the stored {exc.source} fail: {exc.errors[0]}"],
            )
    return None  # pragma: no cover - all of them failed together, so one of them does


class Store(ABC):
    """A graph store: the documents it was given, the review decisions taken on it, and the
    graph derived from them."""

    location: str

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    # Documents -------------------------------------------------------------------------
    @abstractmethod
    def documents(self) -> list[StoredDocument]:
        """Every document loaded, in the order of their sha256."""

    @abstractmethod
    def document_names(self) -> dict[str, str]:
        """The name (source) of every document loaded, by sha256."""

    @abstractmethod
    def add_documents(self, documents: list[StoredDocument]) -> None:
        """Keep documents, each whole and new (not admitted): the next rebuild admits them
        into the graph or refuses them. A file under two names is one document, named by
        the first name in order."""

    @abstractmethod
    def forget_documents(self, shas: set[str]) -> None:
        """Remove documents (by sha256); the graph drops their facts at the next rebuild."""

    @abstractmethod
    def name_documents(self, names: Mapping[str, str]) -> None:
        """Give stored documents (by sha256) another name: each keeps the first in order."""

    # Review decisions and settings ---------------------------------------------------------
    @abstractmethod
    def review(self) -> list[ReviewItem]:
        """Every review item, pending and decided."""

    @abstractmethod
    def decide(self, item_id: int, accept: bool) -> ReviewItem:
        """Record the decision on a review item (the next rebuild applies it)."""

    @abstractmethod
    def put_review(self, items: list[ReviewItem], *, replace: bool) -> None:
        """Take review items as they are, decisions and ids included (a copy of another
        store's): instead of this store's own (``replace``), or beside them, a decision
        this store took on the same pair winning."""

    @abstractmethod
    def registries(self) -> list[str]:
        """The registry files this store was given (``--registry``), remembered."""

    @abstractmethod
    def remember_registries(self, paths: list[str]) -> None:
        """Remember registry files for every later ingest into this store."""

    # Reading -----------------------------------------------------------------------------
    @abstractmethod
    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per node label and per relationship type (zeros included)."""

    @abstractmethod
    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole store as a NetworkX graph (see ``educoop.graph.nxview``)."""

    @abstractmethod
    def run(self, query: TwinQuery, params: dict[str, Any]) -> list[Row]:
        """Answer a canned query with complete parameters."""

    @abstractmethod
    def integrity(self) -> list[str]:
        """What the database itself finds wrong with its files; empty when sound."""

    # Deriving the graph ------------------------------------------------------------------
    def rebuild(self, derivation: Derivation, *, force: bool = False) -> Rebuilt:
        """Make the graph what ``derivation`` makes of the stored documents and decisions,
        writing only what changed; skipped when the graph was derived from the same inputs
        (``derivation_key``) unless ``force``.

        New documents the derivation cannot take are refused (removed, and listed in
        ``Rebuilt.refused``); so a document stays in the store only if the derivation
        succeeds with it, and no later rebuild fails on it.
        """
        with self._writing():
            while True:
                documents, review = self.documents(), self.review()
                read_key = derivation_key(derivation.fingerprint, _named(documents), review)
                if not force and read_key == self._derived_key():
                    return self._current(len(documents))
                graph, kept, refused = admit(derivation, documents, review)
                admission = Admission(
                    derivation.fingerprint,
                    read_key,
                    derivation_key(derivation.fingerprint, _named(kept), review),
                    tuple(document.sha256 for document in kept),
                    refused,
                )
                written = self._write_derived(graph, admission)
                if written is not None:
                    lines = {exc.source: exc.errors for exc in refused.values()}
                    return replace(written, refused=lines)
                force = False  # other documents came meanwhile: derive again, with them

    def _current(self, documents: int) -> Rebuilt:
        counts = self.stats()
        return Rebuilt(
            documents=documents,
            nodes=sum(counts["nodes"].values()),
            relationships=sum(counts["relationships"].values()),
        )

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Around a rebuild: a backend turns its write failures into one line here."""
        yield

    def _key_now(self, fingerprint: str) -> str:
        """The derivation key of the documents and decisions stored now."""
        return derivation_key(fingerprint, self.document_names().items(), self.review())

    @abstractmethod
    def _derived_key(self) -> str | None:
        """The key the stored graph was derived under, if it is whole."""

    @abstractmethod
    def _write_derived(self, graph: GraphBatch, admission: Admission) -> Rebuilt | None:
        """Remove the refused documents, mark the kept ones admitted, write the difference
        between the stored graph and ``graph`` and the new review candidates, and record
        ``admission.key``; or write nothing and return None when the documents or
        decisions are no longer those of ``admission.read_key``."""
