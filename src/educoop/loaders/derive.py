"""The graph of a set of documents: every stored document resolved in one fixed order.

A store keeps the records of every document it was given and derives its graph from all of
them at once, in an order of their own, never their arrival: record files (written by a
person) before articles (read by the extractor), each group by sha256. So the same documents
give the same graph whatever order, grouping or concurrency they came in: an institution
takes its name from the first document in that order that names it (a record file's name
over an article's), an agreement its id from the first report of it, and a report joins the
agreements of the documents before it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from importlib.metadata import version

from pydantic import ValidationError

from educoop.errors import DocumentRefused, EducoopError, InvalidFileError
from educoop.graph.schema import (
    Decision,
    GraphBatch,
    Held,
    Label,
    Props,
    RelType,
    ReviewItem,
    StoredDocument,
    StoredGraph,
)
from educoop.loaders.decisions import Redecided, decided, finish_chains, hold, redecide
from educoop.loaders.incremental import add_alone, forget_alone
from educoop.loaders.records import LoadedFile, fold_order
from educoop.loaders.registry import Known, Registry, RegistryEntry, load_registry
from educoop.loaders.resolve import accepted_in, merged_by, resolve
from educoop.loaders.signings import date_partner_links

_DATA_FILES = ("regions.yaml", "registry.yaml")
# What a derived graph holds changes with this number too: a store derived before it is
# derived again by the next ingest (2: documents list what they mention).
_GRAPH_FORMAT = 2


@dataclass(frozen=True)
class Derivation:
    """Derives a store's graph from its documents, with the registry entries the store
    remembers (``educoop.graph.stores.base.Derivation``).

    ``fingerprint`` names everything the graph depends on besides the documents and the
    review decisions, so that a store can tell when its graph is still current.
    """

    entries: tuple[RegistryEntry, ...] = ()
    # Files read by this process, by sha256: an error in one names its line, which the
    # stored records no longer know. They change no fact of the graph.
    read: Mapping[str, LoadedFile] = field(default_factory=dict, compare=False)

    @classmethod
    def of_registries(
        cls, paths: Iterable[str], read: Mapping[str, LoadedFile] | None = None
    ) -> Derivation:
        """The derivation with the entries of these registry files."""
        entries = tuple(entry for path in paths for entry in load_registry(path))
        return cls(entries, read if read is not None else {})

    @cached_property
    def fingerprint(self) -> str:
        # educoop's release and its own data count too: an upgrade that resolves names
        # differently, or knows more places or institutions, derives the graph again on
        # the next ingest.
        data = resources.files("educoop.loaders").joinpath("data")
        text = json.dumps(
            [
                version("educoop"),
                _GRAPH_FORMAT,
                *(data.joinpath(name).read_text("utf-8") for name in _DATA_FILES),
                *(entry.model_dump(mode="json") for entry in self.entries),
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def derive(
        self,
        documents: list[StoredDocument],
        review: list[ReviewItem],
        decisions: Iterable[Decision] = (),
    ) -> GraphBatch:
        return derive(documents, review, self.entries, self.read, decisions)

    def redecide(
        self,
        held: Held,
        before: list[Decision],
        after: list[Decision],
        review: list[ReviewItem],
        read: Callable[[list[str], list[str]], GraphBatch],
    ) -> Redecided | None:
        # An edit may name an institution a person later merged into another: it is that one.
        return redecide(held, before, after, merged_by(review), read)

    def add_alone(
        self,
        document: StoredDocument,
        review: list[ReviewItem],
        decisions: list[Decision],
        held: Held,
        stored: StoredGraph,
    ) -> Redecided | None:
        return add_alone(document, self.entries, review, decisions, held, stored)

    def forget_alone(
        self,
        document: StoredDocument,
        review: list[ReviewItem],
        decisions: list[Decision],
        held: Held,
        stored: StoredGraph,
    ) -> Redecided | None:
        return forget_alone(document, self.entries, review, decisions, held, stored)

    def ordered(self, documents: list[StoredDocument]) -> list[StoredDocument]:
        """The documents in the order they are derived in."""
        return sorted(documents, key=_order)


def derive(
    documents: list[StoredDocument],
    review: Iterable[ReviewItem] = (),
    entries: Iterable[RegistryEntry] = (),
    read: Mapping[str, LoadedFile] | None = None,
    decisions: Iterable[Decision] = (),
) -> GraphBatch:
    """The whole graph of ``documents``: each resolved against the registry and against the
    institutions and agreements of the documents before it (record files first, then
    articles, each by sha256).

    Accepted review items make their name the candidate institution; the names that may be
    known institutions are the graph's ``candidates``. Each agreement then takes its
    confidence and a person's latest ``decisions`` on it (``educoop.loaders.decisions``).
    Errors in the files of ``read`` name their lines.

    Raises DocumentRefused naming the first document, in that order, that does not
    resolve, with its errors.
    """
    registry = Registry.build(entries)
    accepted = accepted_in(review)
    signings: dict[str, list[Props]] = {}
    graph = GraphBatch()
    seen_candidates: set[tuple[str, str]] = set()
    for document in sorted(documents, key=_order):
        try:
            loaded = LoadedFile.from_stored(document)
            if document.sha256 in (read or {}):
                known = (read or {})[document.sha256]
                loaded.lines, loaded.field_names = known.lines, known.field_names
            batch = resolve(loaded, registry=registry, known_agreements=signings, accepted=accepted)
        except InvalidFileError as exc:
            errors = [str(error) for error in exc.errors]
            raise DocumentRefused(document.sha256, document.source, errors) from None
        except (EducoopError, ValidationError) as exc:
            first = f"{document.source}: {str(exc).splitlines()[0]}"
            raise DocumentRefused(document.sha256, document.source, [first]) from None
        for node in batch.nodes.values():
            graph.add_node(node.label, node.id, node.props)
        graph.edges.update(batch.edges)
        for item in batch.candidates:
            if (item.name, item.candidate) not in seen_candidates:
                seen_candidates.add((item.name, item.candidate))
                graph.candidates.append(item)
        _remember_institutions(registry, graph, batch)
    date_partner_links(graph)
    decisions = list(decisions)
    chains = decided(graph, decisions)
    graph.held = hold(graph, chains, decisions)
    finish_chains(graph, chains, merged_by(review))
    return graph


def _order(document: StoredDocument) -> tuple[bool, str]:
    return fold_order(document.source, document.sha256)


def _remember_institutions(registry: Registry, graph: GraphBatch, batch: GraphBatch) -> None:
    """Teach the registry the names the document gave its institutions, so the documents
    after it match them as they would match stored ones."""
    regions = {
        edge.src: graph.nodes[edge.dst].props.get("name")
        for edge in batch.edges.values()
        if edge.type is RelType.LOCATED_IN and edge.dst in graph.nodes
    }
    for node in batch.nodes.values():
        if node.label is not Label.INSTITUTION:
            continue
        registry.add(Known.of_node(node.id, graph.nodes[node.id].props, regions.get(node.id)))
