"""The library calls behind every CLI command."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from educoop.analysis.exports import ego_network, network_with_measures
from educoop.analysis.network import Filters
from educoop.analysis.report import Report, ReportKind, summary_html
from educoop.analysis.report import build as build_report
from educoop.errors import InputError, InvalidFileError, StoreError
from educoop.graph.check import problems
from educoop.graph.export import ExportFormat, export_graph
from educoop.graph.nxview import batches_from_graph
from educoop.graph.schema import ReviewItem
from educoop.graph.store import Store, WriteResult, open_store
from educoop.loaders.records import RECORD_SUFFIXES, LoadedFile, RecordFile, load_file
from educoop.loaders.registry import Registry, RegistryEntry, load_registry
from educoop.loaders.resolve import resolve
from educoop.loaders.text import ARTICLE_SUFFIXES, extract_file
from educoop.queries import catalogue

__all__ = [
    "IngestReport",
    "cypher",
    "demo",
    "demo_corpus",
    "export",
    "extract",
    "ingest",
    "inputs",
    "open_store",
    "query",
    "sync",
]


@dataclass
class IngestReport:
    """What an ingest did: one WriteResult per loaded file, and the errors of the others."""

    written: list[WriteResult] = field(default_factory=list)
    failed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


FOLDER_NOTES = frozenset({"README", "LICENSE", "CHANGELOG"})


def inputs(paths: Iterable[str | Path]) -> list[Path]:
    """The files to ingest: files as given, folders searched for supported files (sorted,
    hidden ones and a folder's README, LICENSE and CHANGELOG skipped: notes about the
    corpus, not part of it). A folder with none stays in the list, so that loading it
    fails."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            child
            for child in path.rglob("*")
            if child.is_file()
            and child.suffix.lower() in INPUT_SUFFIXES
            and not any(part.startswith(".") for part in child.relative_to(path).parts)
            and child.stem.upper() not in FOLDER_NOTES
        )
        found.extend(inside or [path])
    return found


INPUT_SUFFIXES = RECORD_SUFFIXES + ARTICLE_SUFFIXES


def load(path: str | Path, spacy_model: str | None = None) -> LoadedFile:
    """Records from one file: validated if structured, extracted if an article."""
    path = Path(path)
    expected = ", ".join(INPUT_SUFFIXES)
    if path.is_dir():
        raise InputError(str(path), f"a folder with nothing to load (no {expected} files)")
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return extract_file(path, spacy_model)
    if suffix in RECORD_SUFFIXES:
        return load_file(path)
    raise InputError(
        str(path), f"unsupported file type {suffix or '(none)'!r}, expected {expected}"
    )


def extract(
    paths: Iterable[str | Path], spacy_model: str | None = None
) -> Iterator[tuple[str, RecordFile | list[str]]]:
    """Each article's extracted records (or its errors), writing nothing."""
    for path in inputs(paths):
        try:
            yield str(path), extract_file(path, spacy_model).records
        except InputError as exc:
            yield str(path), [str(exc)]


def use_registries(store: Store, paths: Iterable[str | Path]) -> list[str]:
    """Add registry files to those the store remembers; returns them all. Each is checked
    first: a bad one raises InputError and none is added."""
    remembered = store.registries()
    added = [str(Path(path).resolve()) for path in paths]
    for path in added:
        load_registry(path)
    every = list(dict.fromkeys([*remembered, *added]))
    if every != remembered:
        store.remember_registries(every)
    return every


def registry_of(store: Store, entries: list[RegistryEntry] | None = None) -> Registry:
    """What institutions are known to ``store``: the bundled registry, the store's
    registry files (``entries``, when already read), and the institutions it holds."""
    if entries is None:
        entries = registry_entries(store)
    return Registry.build(entries, store.institutions())


def registry_entries(store: Store) -> list[RegistryEntry]:
    """The institutions of the registry files the store remembers."""
    return [entry for path in store.registries() for entry in load_registry(path)]


def ingest(
    store: Store, paths: Iterable[str | Path], spacy_model: str | None = None
) -> IngestReport:
    """Load every file (or folder) in ``paths`` into ``store``, each file in one transaction.
    Institutions are matched against what the store knows (``registry_of``).

    A file with any error loads nothing and is listed in ``report.failed``; the others load.
    """
    report = IngestReport()
    entries = registry_entries(store)  # read once, not once per file
    for path in inputs(paths):
        try:
            report.written.append(write_loaded(store, load(path, spacy_model), entries))
        except InvalidFileError as exc:
            report.failed[str(path)] = [str(error) for error in exc.errors]
        except InputError as exc:
            report.failed[str(path)] = [str(exc)]
    return report


def write_loaded(
    store: Store, loaded: LoadedFile, entries: list[RegistryEntry] | None = None
) -> WriteResult:
    """Resolve one loaded file against what the store knows and write it in one
    transaction; names that may be known institutions are kept for review."""
    batch = resolve(
        loaded,
        registry=registry_of(store, entries),
        known_agreements=store.agreements_by_signing,
    )
    result = store.write(batch)
    store.add_review(batch.candidates)
    return result


def check(store: Store) -> list[str]:
    """Everything wrong with the store, one line each: the database's own integrity check,
    relationships to missing nodes, agreements without two sides or a source, partner
    links that do not match their agreement. Empty when the store is whole."""
    return store.integrity() + problems(store.to_networkx())


def review(store: Store) -> list[ReviewItem]:
    """Names that may be institutions the store knows, not yet decided."""
    return [item for item in store.review() if item.status == "pending"]


def decide(store: Store, item_id: int, accept: bool) -> ReviewItem:
    """Accept a review item (its two institutions become one node at once) or reject it
    (they stay two, and the pair is not proposed again)."""
    return store.decide(item_id, accept)


def query(store: Store, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Answer the canned query ``name`` (see ``educoop query --list``)."""
    canned = catalogue.get(name)
    return store.run(canned, canned.bind(params or {}))


def export(store: Store, fmt: ExportFormat | str, output: str | Path | None = None) -> str | None:
    """Export the whole store; see ``educoop.graph.export.export_graph``."""
    return export_graph(store.to_networkx(), fmt, output)


def report(
    store: Store,
    kind: ReportKind | str,
    *,
    filters: Filters | None = None,
    top: int | None = None,
    level: str = "province",
    sample: int | None = None,
    seed: int = 0,
) -> Report:
    """One analysis report (``educoop report --help``) on the store's partner network."""
    return build_report(
        store.to_networkx(), kind, filters=filters, top=top, level=level, sample=sample, seed=seed
    )


def report_html(
    store: Store,
    output: str | Path,
    *,
    filters: Filters | None = None,
    top: int = 15,
    level: str = "province",
    seed: int = 0,
) -> Path:
    """Write the summary report as one self-contained HTML page; returns its path."""
    path = Path(output)
    page = summary_html(store.to_networkx(), filters=filters, top=top, level=level, seed=seed)
    try:
        path.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot write: {exc.strerror}") from None
    return path


def export_network(
    store: Store,
    fmt: ExportFormat | str,
    output: str | Path | None = None,
    *,
    filters: Filters | None = None,
    ego: str | None = None,
    radius: int = 2,
    seed: int = 0,
) -> str | None:
    """Export the partner network with its measures (region, kind, degree, agreements,
    betweenness, eigenvector, PageRank, closeness, community, core) as node attributes;
    with ``ego``, only the parties within ``radius`` steps of that party."""
    graph = network_with_measures(store.to_networkx(), filters=filters, seed=seed)
    if ego is not None:
        graph = ego_network(graph, ego, radius)
    return export_graph(graph, fmt, output)


def sync(source: Store, target: Store) -> WriteResult:
    """Copy every node and relationship of ``source`` into ``target``; copying again changes
    nothing. Nodes go first, then relationships, in batches of one transaction each."""
    totals = [0, 0, 0, 0]
    for batch in batches_from_graph(source.to_networkx()):
        result = target.write(batch)
        for index, value in enumerate(
            (result.nodes, result.relationships, result.new_nodes, result.new_relationships)
        ):
            totals[index] += value
    return WriteResult(source.location, *totals)


def cypher(
    store: Store, text: str, params: dict[str, Any] | None = None, *, write: bool = False
) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher on a Neo4j store: in a read transaction unless ``write``."""
    from educoop.graph.neo4j_store import Neo4jStore  # the driver loads only when needed

    if not isinstance(store, Neo4jStore):
        raise StoreError(f"{store.location}: ad-hoc Cypher needs a Neo4j store (bolt://...)")
    return store.execute(text, params) if write else store.read(text, params)


def demo_corpus() -> Path:
    """The sample corpus shipped inside the package (records written for educoop)."""
    return Path(str(resources.files("educoop").joinpath("examples")))


DEMO_INSTITUTION = "Tung Wah College"
DEMO_LEVEL = "province"


@dataclass
class DemoTour:
    report: IngestReport
    stats: dict[str, dict[str, int]]
    institution: str
    partners: list[dict[str, Any]]
    level: str
    matrix: list[dict[str, Any]]


def demo(store: Store) -> DemoTour:
    """Load the sample corpus into ``store`` and gather a short tour of what it holds."""
    report = ingest(store, [demo_corpus()])
    return DemoTour(
        report=report,
        stats=store.stats(),
        institution=DEMO_INSTITUTION,
        partners=query(store, "partners", {"name": DEMO_INSTITUTION}),
        level=DEMO_LEVEL,
        matrix=query(store, "region-matrix", {"level": DEMO_LEVEL}),
    )
