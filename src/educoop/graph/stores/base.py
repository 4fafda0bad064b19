"""What every store is: the documents it was given, the review decisions taken on it, the
registry files it remembers, and the graph derived from them, written as a difference.

``Store.rebuild`` is written once, here: compute the derivation key, skip when the graph was
derived under it, derive, admit or refuse the new documents, write the difference with any
change of the inputs (documents to forget or rename, review decisions, registry files), all
or nothing, and record the key. A backend supplies the storage primitives and
``_write_derived``, which writes (atomically where it can) unless the stored inputs changed
meanwhile.
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
from educoop.graph.lookup import Named, named_in
from educoop.graph.nxview import PartnerLink, build_graph, links_in
from educoop.graph.schema import (
    Decision,
    GraphBatch,
    Held,
    Label,
    RelType,
    ReviewItem,
    StoredDocument,
    StoredGraph,
)

Row = dict[str, Any]

# New documents in one rebuild that may each be added alone: each reads every stored
# institution (a quarter of a second at 100k agreements, a hundredth of a full derivation),
# so beyond this many one full derivation is about as quick.
ADD_ALONE_AT_MOST = 20


@dataclass(frozen=True)
class Rebuilt:
    """The graph after a rebuild (documents, nodes, relationships), how it changed, and the
    new documents it refused (by sha256: the errors, one line each, naming the file)."""

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
    (on names and on agreements; ``educoop.loaders.derive.Derivation``). ``fingerprint``
    names whatever else the graph depends on (educoop's release and data, the store's
    registry files).

    ``derive`` raises DocumentRefused naming the first document, in its own order
    (``ordered``), that it cannot take.
    """

    @property
    def fingerprint(self) -> str: ...

    def derive(
        self,
        documents: list[StoredDocument],
        review: list[ReviewItem],
        decisions: Iterable[Decision] = (),
    ) -> GraphBatch: ...

    def ordered(self, documents: list[StoredDocument]) -> list[StoredDocument]: ...

    def add_alone(
        self,
        document: StoredDocument,
        review: list[ReviewItem],
        decisions: list[Decision],
        held: Held,
        stored: StoredGraph,
    ) -> Redecided | None:
        """The stored rows a new document touches and what they become with it, when its
        coming changes nothing that the admitted documents resolve to; None when the graph
        must be derived again."""

    def forget_alone(
        self,
        document: StoredDocument,
        review: list[ReviewItem],
        decisions: list[Decision],
        held: Held,
        stored: StoredGraph,
    ) -> Redecided | None:
        """The stored rows that go with an admitted document, when it shares nothing with
        the others; None when the graph must be derived again."""

    def redecide(
        self,
        held: Held,
        before: list[Decision],
        after: list[Decision],
        review: list[ReviewItem],
        read: Callable[[list[str], list[str]], GraphBatch],
    ) -> Redecided | None:
        """The change of a graph derived with decisions ``before`` that ``after`` makes,
        found from what the store ``held`` and the agreements ``read`` gives (with their
        relationships, and the party nodes named), without deriving it again; None when it
        must be derived again."""


class Redecided(Protocol):
    """The agreements a change of decisions touches, as stored and as they become, and what
    the store holds from now on (``educoop.loaders.decisions.Redecided``)."""

    @property
    def before(self) -> GraphBatch: ...

    @property
    def after(self) -> GraphBatch: ...

    @property
    def held(self) -> Held: ...


@dataclass(frozen=True)
class _Unchanged:
    """No row touched: the graph stays as it is, and the store holds ``held`` still."""

    held: Held
    before: GraphBatch = field(default_factory=GraphBatch)
    after: GraphBatch = field(default_factory=GraphBatch)


class TwinQuery(Protocol):
    """A canned query in the two forms the stores answer: Cypher for Neo4j, and its twin on
    the NetworkX view for the embedded store (``educoop.queries.catalogue.CannedQuery``)."""

    @property
    def cypher(self) -> str: ...

    @property
    def twin(self) -> Callable[..., list[Row]]: ...


def derivation_key(
    fingerprint: str,
    documents: Iterable[tuple[str, str]],
    review: Iterable[ReviewItem],
    decisions: Iterable[Decision] = (),
) -> str:
    """One key for everything a derived graph depends on: the derivation's fingerprint, the
    documents (sha256 and name), and the review decisions taken (on names and on
    agreements). A store whose graph was derived under the same key need not derive it
    again."""
    decided = sorted((i.name, i.candidate, i.status) for i in review if i.status != "pending")
    text = json.dumps([fingerprint, sorted(documents), decided, _decided(decisions)])
    return hashlib.sha256(text.encode()).hexdigest()


def _decided(decisions: Iterable[Decision]) -> list[Any]:
    return sorted(json.dumps(d.to_json(), sort_keys=True) for d in decisions)


def _accepted(review: Iterable[ReviewItem]) -> list[tuple[str, str, str, str]]:
    """The review items a derivation reads (``educoop.loaders.resolve.accepted_in`` and
    ``merged_by``): the accepted ones."""
    accepted = [i for i in review if i.status == "accepted"]
    return sorted((i.name, i.institution, i.candidate, i.candidate_name) for i in accepted)


def _named(documents: Iterable[StoredDocument]) -> list[tuple[str, str]]:
    return [(document.sha256, document.source) for document in documents]


@dataclass(frozen=True)
class _Inputs:
    """What one pass of a rebuild derives from: the derivation, the documents (named as
    the change names them, without those it forgets), the review list and decisions on
    agreements to keep, and the key of the stored inputs it read."""

    derivation: Derivation
    documents: list[StoredDocument]
    review: list[ReviewItem]
    decisions: list[Decision]
    read_key: str

    def key(
        self,
        documents: list[StoredDocument] | None = None,
        review: list[ReviewItem] | None = None,
        decisions: list[Decision] | None = None,
    ) -> str:
        """The derivation key of these inputs, or of them with other documents, review list
        or decisions (those the graph stored now was derived from)."""
        return derivation_key(
            self.derivation.fingerprint,
            _named(self.documents if documents is None else documents),
            self.review if review is None else review,
            self.decisions if decisions is None else decisions,
        )


@dataclass(frozen=True)
class Change:
    """Inputs that change together with the graph, all or nothing: documents to forget (by
    sha256) or to name exactly, the whole review list to keep (decisions and ids included),
    the whole list of decisions on agreements, the registry files to remember. ``what`` says
    what it is, for an error: a change that would make a stored document fail changes
    nothing."""

    what: str = ""
    forget: frozenset[str] = frozenset()
    names: Mapping[str, str] = field(default_factory=dict)
    review: tuple[ReviewItem, ...] | None = None
    decisions: tuple[Decision, ...] | None = None
    registries: tuple[str, ...] | None = None

    @property
    def empty(self) -> bool:
        unchanged = self.review is self.decisions is self.registries is None
        return not (self.forget or self.names) and unchanged

    @property
    def forgets_one(self) -> bool:
        """One document forgotten, and nothing else changed."""
        return len(self.forget) == 1 and replace(self, forget=frozenset()).empty

    @property
    def review_only(self) -> bool:
        """Only the review list changes."""
        return self.review is not None and replace(self, review=None).empty

    @property
    def decisions_only(self) -> bool:
        """Only the decisions on agreements change."""
        return self.decisions is not None and replace(self, decisions=None).empty


@dataclass(frozen=True)
class Admission:
    """What a derivation took: the key of the stored inputs it read (the store writes only
    if they are still those), the key of the graph it derived, the documents it kept (by
    sha256), the new documents it refused, and the change to write with the graph."""

    read_key: str
    key: str
    kept: tuple[str, ...]
    refused: Mapping[str, DocumentRefused]
    change: Change
    bulk: bool = False  # write by an offline import, whatever the store holds

    @property
    def documents(self) -> int:
        return len(self.kept)


def admit(
    derivation: Derivation,
    documents: list[StoredDocument],
    review: list[ReviewItem],
    decisions: Iterable[Decision] = (),
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
            return derivation.derive(kept, review, decisions), kept, refused
        except DocumentRefused as exc:
            failing = exc
        if not _is_new(kept, failing.sha256):
            breaker = _breaker(derivation, kept, review, decisions)
            if breaker is None:
                raise StoredDocumentFails(failing)
            failing = breaker
        refused[failing.sha256] = failing
        kept = [document for document in kept if document.sha256 != failing.sha256]


class StoredDocumentFails(StoreError):
    """An admitted document the derivation no longer takes (a registry, a review decision,
    a forgotten document or an educoop release changed what its names resolve to)."""

    def __init__(self, refused: DocumentRefused) -> None:
        self.refused = refused
        super().__init__(
            f"stored document {refused.source} no longer loads ({refused.errors[0]}): "
            f"remove it with educoop forget {refused.sha256[:12]}"
        )


def _is_new(documents: list[StoredDocument], sha256: str) -> bool:
    return any(d.sha256 == sha256 and not d.admitted for d in documents)


def _breaker(
    derivation: Derivation,
    documents: list[StoredDocument],
    review: list[ReviewItem],
    decisions: Iterable[Decision],
) -> DocumentRefused | None:
    """The first new document (in the derivation's order) whose coming makes the derivation
    fail, with why; None when the admitted documents fail on their own. One derivation per
    new document at most: this runs only when a new document breaks a stored one."""
    admitted = [d for d in documents if d.admitted]
    new = derivation.ordered([d for d in documents if not d.admitted])
    try:
        derivation.derive(admitted, review, decisions)
    except DocumentRefused:
        return None
    for count in range(1, len(new) + 1):
        try:
            derivation.derive([*admitted, *new[:count]], review, decisions)
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

    # Review decisions and settings (changed by ``rebuild``, with the graph) ---------------
    @abstractmethod
    def review(self) -> list[ReviewItem]:
        """Every review item, pending and decided."""

    @abstractmethod
    def decisions(self) -> list[Decision]:
        """Every decision taken on an agreement, in the order of their ids."""

    @abstractmethod
    def registries(self) -> list[str]:
        """The registry files this store was given (``--registry``), remembered."""

    # Reading -----------------------------------------------------------------------------
    @abstractmethod
    def stats(self) -> dict[str, dict[str, int]]:
        """Counts per node label and per relationship type (zeros included)."""

    @abstractmethod
    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole store as a NetworkX graph (see ``educoop.graph.nxview``)."""

    @abstractmethod
    def partner_view(self) -> nx.MultiDiGraph:
        """The part of the NetworkX view that the partner network is made of: parties
        (institutions and regions), their partner links and the region hierarchy
        (``PARTNER_VIEW``). The analyses read it instead of the whole view, a fraction of
        it in time and memory on a large store; the partner network of either is the same
        (the whole view, when a store holds it already, serves as it is)."""

    def partner_links(self) -> tuple[nx.MultiDiGraph, Iterator[PartnerLink]]:
        """The parties with the hierarchy that places them, and their partner links as a
        stream, for ``educoop.analysis.network.network_of_links``: what a report reads. A
        store that can stream the links keeps them out of the view; this one reads them
        from the partner view."""
        view = self.partner_view()
        return view, links_in(view)

    @abstractmethod
    def agreement_ids(self, prefix: str) -> list[str]:
        """The ids of the agreements that start with ``prefix``, sorted."""

    def agreement_graph(self, agreements: list[str]) -> nx.MultiDiGraph:
        """These agreements with their relationships and the nodes those reach (parties,
        documents, programmes), as a small NetworkX view: what one agreement's page or a
        decision on it reads, without the whole graph."""
        scope = self._read_scope(agreements, [])
        ends = {end for edge in scope.edges.values() for end in (edge.src, edge.dst)}
        reached = self._read_scope([], sorted(ends - set(agreements)))
        return build_graph([*scope.nodes.values(), *reached.nodes.values()], scope.edges.values())

    def named(self, labels: Iterable[Label] = tuple(Label)) -> list[Named]:
        """Every node of ``labels`` with the names it goes by (``educoop.graph.lookup``)."""
        return named_in(self.to_networkx(), labels)

    @abstractmethod
    def run(self, query: TwinQuery, params: dict[str, Any]) -> list[Row]:
        """Answer a canned query with complete parameters."""

    @abstractmethod
    def integrity(self) -> list[str]:
        """What the database itself finds wrong with its files; empty when sound."""

    def check_bulk(self) -> None:
        """StoreError unless this store can write a graph by an offline bulk import
        (Neo4j with an import command)."""
        raise StoreError(f"{self.location}: a bulk import is for a Neo4j store")

    # Deriving the graph ------------------------------------------------------------------
    def rebuild(
        self,
        derivation: Derivation,
        *,
        force: bool = False,
        change: Change | None = None,
        bulk: bool = False,
    ) -> Rebuilt:
        """Make the graph what ``derivation`` makes of the stored documents, decisions and
        registry files with ``change`` applied, and write the change with it, writing only
        what changed; skipped when there is no change and the graph was derived from the
        same inputs (``derivation_key``) unless ``force``.

        New documents the derivation cannot take are refused (removed, and listed in
        ``Rebuilt.refused``); so a document stays in the store only if the derivation
        succeeds with it, and no later rebuild fails on it. A change that would make an
        admitted document fail raises StoreError and changes nothing. ``bulk`` writes the
        graph by an offline import, replacing the store (``check_bulk``).
        """
        change = change or Change()
        if bulk:
            self.check_bulk()
        with self._writing():
            while True:
                read_key, registries = self._stored_key(), self.registries()
                # A change carries whole lists of decisions, made from those stored now.
                carried = change.review is not None or change.decisions is not None
                decided = (self.review(), self.decisions()) if carried else None
                documents = [
                    replace(d, source=change.names.get(d.sha256, d.source))
                    for d in self.documents()
                    if d.sha256 not in change.forget
                ]
                review = list(change.review) if change.review is not None else self.review()
                decisions = (
                    list(change.decisions) if change.decisions is not None else self.decisions()
                )
                inputs = _Inputs(derivation, documents, review, decisions, read_key)
                if not force and change.empty and inputs.key() == self._derived_key():
                    return self._current(len(documents))
                if not force and change.decisions_only:
                    redecided = self._redecide(inputs)
                    if redecided is not None:
                        return redecided
                if not force and change.review_only and not bulk:
                    reviewed = self._review_alone(inputs)
                    if reviewed is not None:
                        return reviewed
                if not force and change.empty and not bulk:
                    added = self._add_alone(inputs)
                    if added is not None:
                        return added
                if not force and change.forgets_one and not bulk:
                    gone = self._forget_alone(inputs, change)
                    if gone is not None:
                        return gone
                try:
                    graph, kept, refused = admit(derivation, documents, review, decisions)
                except StoredDocumentFails as exc:
                    if change.empty:
                        raise
                    raise StoreError(
                        f"{change.what}: it would make the stored {exc.refused.source} fail "
                        f"({exc.refused.errors[0]}); nothing changed"
                    ) from None
                admission = Admission(
                    read_key,
                    inputs.key(documents=kept),
                    tuple(document.sha256 for document in kept),
                    refused,
                    change,
                    bulk,
                )
                written = self._write_derived(graph, admission)
                if written is not None:
                    lines = {sha: exc.errors for sha, exc in sorted(refused.items())}
                    return replace(written, refused=lines)
                if self.registries() != registries:
                    raise StoreError(
                        f"{self.location}: its registry files changed while the graph was "
                        "derived; run the command again"
                    )
                if carried and (self.review(), self.decisions()) != decided:
                    raise StoreError(
                        f"{self.location}: another review decision was taken while the graph "
                        "was derived; nothing changed: run the command again"
                    )
                force = False  # other documents came meanwhile: derive again, with them

    def _redecide(self, inputs: _Inputs) -> Rebuilt | None:
        """A change of decisions alone on a graph derived from these very documents: only
        the agreements it names are decided again (``Derivation.redecide``), and only they
        written. None when the graph must be derived again: new documents wait, the graph
        is not that of the stored inputs, or the store holds no decided agreements yet (one
        written by an earlier educoop)."""
        stored = self.decisions()
        if any(not d.admitted for d in inputs.documents):
            return None
        found = self._held_if_current(inputs.key(decisions=stored))
        if found is None:
            return None
        held, current = found
        redecided = inputs.derivation.redecide(
            held, stored, inputs.decisions, inputs.review, self._read_scope
        )
        if redecided is None:
            return None
        changed = self._write_part(
            redecided, inputs.decisions, inputs.read_key, inputs.key(), current
        )
        return self._with_totals(changed, len(inputs.documents))

    def _review_alone(self, inputs: _Inputs) -> Rebuilt | None:
        """A change of the review list that accepts and undoes no merge (a name rejected,
        or a rejection undone), on a graph derived from these very documents: a derivation
        reads only the accepted items, so the graph stays as it is and only the list and
        the key are written. None when the graph must be derived again."""
        stored = self.review()
        if _accepted(stored) != _accepted(inputs.review):
            return None
        if any(not d.admitted for d in inputs.documents):
            return None
        found = self._held_if_current(inputs.key(review=stored))
        if found is None:
            return None
        held, current = found
        changed = self._write_part(
            _Unchanged(held),
            inputs.decisions,
            inputs.read_key,
            inputs.key(),
            current,
            review=tuple(inputs.review),
        )
        return self._with_totals(changed, len(inputs.documents))

    def _add_alone(self, inputs: _Inputs) -> Rebuilt | None:
        """New documents on a graph derived from the admitted ones, each added alone in
        turn (by sha256) when its coming changes nothing the documents before it resolve to
        (``Derivation.add_alone``): only the rows it touches are read and written, and the
        graph after each is the one derived from the documents admitted so far. None when
        the graph must be derived again: no new document or more than ``ADD_ALONE_AT_MOST``,
        a graph not that of the admitted documents, one whose decided agreements are not
        held, or a document that is not alone (those before it stay admitted)."""
        new = sorted((d for d in inputs.documents if not d.admitted), key=lambda d: d.sha256)
        if not new or len(new) > ADD_ALONE_AT_MOST:
            return None
        admitted = [document for document in inputs.documents if document.admitted]
        total = Rebuilt(documents=0, nodes=0, relationships=0)
        for document in new:
            found = self._held_if_current(inputs.key(documents=admitted))
            if found is None:
                return None
            held, current = found
            added = inputs.derivation.add_alone(
                document, inputs.review, inputs.decisions, held, self
            )
            if added is None:
                return None
            admitted.append(document)
            key = inputs.key(documents=admitted)
            admit = (document.sha256,)
            changed = self._write_part(
                added, inputs.decisions, inputs.read_key, key, current, admit
            )
            if changed is None:
                return None
            total = replace(
                total,
                new_nodes=total.new_nodes + changed.new_nodes,
                new_relationships=total.new_relationships + changed.new_relationships,
                removed_nodes=total.removed_nodes + changed.removed_nodes,
                removed_relationships=total.removed_relationships + changed.removed_relationships,
            )
        return self._with_totals(total, len(inputs.documents))

    def _forget_alone(self, inputs: _Inputs, change: Change) -> Rebuilt | None:
        """One admitted document forgotten from a graph derived from the stored documents,
        when it shares nothing with the others (``Derivation.forget_alone``): only its rows
        are read and removed. None when the graph must be derived again."""
        forgotten = [d for d in self.documents() if d.sha256 in change.forget]
        if len(forgotten) != 1 or not forgotten[0].admitted:
            return None
        if any(not document.admitted for document in inputs.documents):
            return None
        found = self._held_if_current(inputs.key(documents=[*inputs.documents, *forgotten]))
        if found is None:
            return None
        held, current = found
        gone = inputs.derivation.forget_alone(
            forgotten[0], inputs.review, inputs.decisions, held, self
        )
        if gone is None:
            return None
        changed = self._write_part(
            gone, inputs.decisions, inputs.read_key, inputs.key(), current, forget=change.forget
        )
        return self._with_totals(changed, len(inputs.documents))

    def _held_if_current(self, current: str) -> tuple[Held, str] | None:
        """The decided agreements the store holds, and the key of its graph, when that graph
        was derived under ``current``; else None."""
        held = self._held()
        if held is None or self._derived_key() != current:
            return None
        return held, current

    def _with_totals(self, changed: Rebuilt | None, documents: int) -> Rebuilt | None:
        if changed is None:
            return None
        totals = self._current(documents)
        return replace(
            changed,
            documents=totals.documents,
            nodes=totals.nodes,
            relationships=totals.relationships,
        )

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

    def _stored_key(self) -> str:
        """A key of the inputs stored now: the documents (sha256 and name), the review
        items and decisions, the decisions on agreements, the registry files."""
        documents = sorted(self.document_names().items())
        decided = sorted((i.name, i.candidate, i.status) for i in self.review())
        text = json.dumps([documents, decided, _decided(self.decisions()), self.registries()])
        return hashlib.sha256(text.encode()).hexdigest()

    @abstractmethod
    def _held(self) -> Held | None:
        """The decided agreements as derived before decisions (``GraphBatch.held``), as the
        last derivation wrote them; None if it wrote none."""

    @abstractmethod
    def _read_scope(self, agreements: list[str], parties: list[str]) -> GraphBatch:
        """The stored ``agreements`` that exist, each with its relationships (its parties'
        PARTY_TO, its REPORTED_IN and UNDER, the partner links it makes), and the stored
        nodes of ``parties``."""

    @abstractmethod
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
        """Make ``part.before`` (the stored rows a change of decisions, or a document added
        or forgotten, touches) ``part.after``, keep ``decisions`` and ``part.held``, mark
        the documents ``admit`` (by sha256) admitted, remove those of ``forget``, keep the
        ``review`` list when given, and record ``key``; return the nodes and
        relationships added and removed. Or write nothing and return None when the stored
        inputs are no longer those of ``read_key``, or the graph no longer the one derived
        under ``current`` (checked where the write is atomic)."""

    # What adding one document alone reads (``StoredGraph``) ---------------------------------
    @abstractmethod
    def read_institutions(self) -> GraphBatch:
        """Every institution, with its LOCATED_IN relationships and the regions they reach."""

    @abstractmethod
    def read_around(self, ids: list[str], types: tuple[RelType, ...]) -> GraphBatch:
        """The stored nodes of these ids, and their relationships of ``types`` that leave
        them."""

    @abstractmethod
    def read_signed(self, keys: list[str]) -> dict[str, list[str]]:
        """The stored agreements (ids, sorted) that have each of these signing keys (an
        agreement's ``signing``); a key none has is left out."""

    def read_agreements(self, ids: list[str]) -> GraphBatch:
        """The stored agreements of these ids, each with its relationships."""
        return self._read_scope(ids, [])

    @abstractmethod
    def read_mentioned(self, ids: list[str], other_than: str) -> set[str]:
        """Which of these node ids a Document other than ``other_than`` mentions."""

    @abstractmethod
    def _derived_key(self) -> str | None:
        """The key the stored graph was derived under, if it is whole."""

    @abstractmethod
    def _write_derived(self, graph: GraphBatch, admission: Admission) -> Rebuilt | None:
        """Write ``admission.change``, remove the refused documents, mark the kept ones
        admitted, write the difference between the stored graph and ``graph`` and the new
        review candidates, and record ``admission.key``; or write nothing and return None
        when the stored inputs are no longer those of ``admission.read_key``."""
