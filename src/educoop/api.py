"""The library calls behind every CLI command."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from educoop.analysis.arrays import PartnerNetwork
from educoop.analysis.exports import ego_network, network_with_measures
from educoop.analysis.network import Filters, cooperation_graph, network_of_links
from educoop.analysis.report import Report, ReportKind, report_of, summary_html
from educoop.errors import InputError, StoreError, StoreUnavailable
from educoop.graph.check import problems
from educoop.graph.export import ExportFormat, export_graph
from educoop.graph.lookup import Named, find
from educoop.graph.schema import ReviewItem, StoredDocument
from educoop.graph.stores import Change, Rebuilt, Store, open_store
from educoop.loaders.decisions import merged_decisions
from educoop.loaders.derive import Derivation
from educoop.loaders.feeds import Sources, fetch_sources
from educoop.loaders.fetch import FetchCache, Fetched, Fetcher, FetchOptions
from educoop.loaders.reader import INPUT_SUFFIXES, load, read_files
from educoop.loaders.records import DocumentIn, LoadedFile, RecordFile
from educoop.loaders.registry import load_registry
from educoop.loaders.text.disk import cache_folder
from educoop.queries import catalogue
from educoop.queries.embedded import MAX_PATH_HOPS, undated

__all__ = [
    "IngestReport",
    "IngestedFile",
    "cypher",
    "demo",
    "demo_corpus",
    "export",
    "extract",
    "fetch",
    "forget",
    "ingest",
    "inputs",
    "load",
    "open_store",
    "query",
    "rebuild",
    "sync",
]


@dataclass(frozen=True)
class IngestedFile:
    """One file that loaded: where from, its sha256, and how many records it gave; a file
    the store held already (``new`` false) is not read again, and its counts are None."""

    source: str
    sha256: str
    new: bool
    institutions: int | None = None
    agreements: int | None = None


@dataclass
class IngestReport:
    """What an ingest did: the files that loaded, the errors of the others, and the store's
    graph afterwards."""

    loaded: list[IngestedFile] = field(default_factory=list)
    failed: dict[str, list[str]] = field(default_factory=dict)
    graph: Rebuilt | None = None

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


def extract(
    paths: Iterable[str | Path],
    spacy_model: str | None = None,
    jobs: int | None = None,
    min_confidence: float = 0.0,
) -> Iterator[tuple[str, RecordFile | list[str]]]:
    """Each article's extracted records (or its errors), writing nothing, in the order of
    the files; up to ``jobs`` processes read them (default: one per core). Agreements of a
    confidence under ``min_confidence`` are left out."""
    for path, outcome in read_files(inputs(paths), spacy_model, jobs, as_articles=True):
        if not isinstance(outcome, LoadedFile):
            yield str(path), outcome or []
            continue
        records = outcome.records
        records.agreements = [
            a for a in records.agreements if (a.confidence or 0.0) >= min_confidence
        ]
        yield str(path), records


def registries_with(store: Store, paths: Iterable[str | Path]) -> tuple[list[str], Change | None]:
    """The registry files the store remembers and ``paths`` after them, each checked (a bad
    one raises InputError), and the change that remembers them (None when none is new).
    Nothing is remembered until a rebuild writes the change with the graph derived with
    them."""
    given = [str(path) for path in paths]
    added = [str(Path(path).resolve()) for path in given]
    for path in added:
        load_registry(path)
    remembered = store.registries()
    every = list(dict.fromkeys([*remembered, *added]))
    if every == remembered:
        return every, None
    return every, Change(f"registry {', '.join(given)}", registries=tuple(every))


def use_registries(store: Store, paths: Iterable[str | Path]) -> list[str]:
    """Add registry files to those the store remembers, and derive its graph with them;
    returns them all. A bad file raises InputError, and a file that would make a stored
    document fail StoreError: then nothing is remembered."""
    every, change = registries_with(store, paths)
    if change is not None:
        store.rebuild(Derivation.of_registries(every), change=change)
    return every


def derivation_of(store: Store) -> Derivation:
    """The derivation of the store's graph: with the registry files it remembers."""
    return Derivation.of_registries(store.registries())


# Loaded documents are committed at least this often, so that an interrupted ingest loses
# little reading (article extraction is the slow part) and the next one resumes after it.
COMMIT_SECONDS = 5.0


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    spacy_model: str | None = None,
    on_derive: Callable[[int], None] | None = None,
    registries: Iterable[str | Path] = (),
    jobs: int | None = None,
    on_file: Callable[[Path], None] | None = None,
    fetch: FetchOptions | None = None,
    keep_versions: bool = False,
    from_cache: bool = False,
) -> IngestReport:
    """Load every file (or folder, or URL) in ``paths`` into ``store``, then derive its
    graph.

    A URL is fetched first (``educoop.loaders.fetch``, under ``fetch``: the cache, the rate,
    whether private addresses may be fetched), a feed or sitemap standing for the pages it
    lists; each page's Document keeps its URL, final URL, fetch time and content sha256. A
    page that changed at the same URL replaces the older version's facts, unless
    ``keep_versions``: then both stay, each a document. ``from_cache`` loads every page
    the fetch cache holds (each URL's last fetch), with no request.

    Each file is read and checked alone (validated, or extracted from an article): a file
    with any error loads nothing and is listed in ``report.failed``. A file the store holds
    already (by sha256) is not read again. The others are kept as new documents, and the
    store derives one graph from every document it holds (``educoop.loaders.derive``), in
    an order of its own, so the graph does not depend on the order files come in. A new
    document is admitted only if that derivation succeeds with it; else it is refused,
    removed, and listed in ``report.failed`` (a name that matches nothing, or one
    institution on two sides once the store's registries and documents are known).
    ``registries`` are registry files the store remembers from now on, unless the graph
    cannot be derived with them. An ingest that is stopped keeps the files committed so
    far, and the next ingest (or ``rebuild``) takes them in. ``on_derive`` is told the
    number of documents before the graph is derived (the long step of a large store).
    Up to ``jobs`` processes read the articles (default: one per core); the result is the
    same whatever their number. ``on_file`` is told each file as it is done with.
    """
    every, change = registries_with(store, registries)
    report = IngestReport()
    read: dict[str, LoadedFile] = {}  # the files read now, whose errors can name lines
    derivation = Derivation.of_registries(every, read)
    stored = store.document_names()
    renamed: dict[str, str] = {}
    pending: list[StoredDocument] = []
    since_commit = time.monotonic()
    local = [path for path in paths if not looks_like_url(str(path))]
    fetched = _fetched(
        [str(path) for path in paths if looks_like_url(str(path))], fetch, report.failed
    )
    if from_cache:
        cache = FetchCache((fetch or default_fetch_options()).cache)
        fetched |= {item.path: item for item in cache.every() if item.path.suffix != ".xml"}
    files = inputs(local) + list(fetched)
    shas = {path: fetched[path].sha256 if path in fetched else _sha256_of(path) for path in files}

    seen = set(stored)  # the bytes held, or read by this ingest
    failed_by_sha: dict[str, tuple[str, list[str]]] = {}

    def wanted(path: Path) -> bool:
        """Read a file unless the store holds it or this ingest reads the same bytes."""
        sha256 = shas[path]
        if sha256 is None:
            return True  # unreadable: reading it says why
        if sha256 in seen:
            return False
        seen.add(sha256)
        return True

    for path, outcome in read_files(files, spacy_model, jobs, wanted):
        if on_file is not None:
            on_file(path)
        sha256 = shas[path]
        name = fetched[path].url if path in fetched else str(path)
        if sha256 in stored:  # held before, or met earlier in this ingest
            report.loaded.append(IngestedFile(name, sha256, new=False))
            renamed[sha256] = min(name, renamed.get(sha256, name))
            continue
        if outcome is None and sha256 in failed_by_sha:  # the same bytes failed before
            first, errors = failed_by_sha[sha256]
            outcome = [error.replace(first, name, 1) for error in errors]
        if not isinstance(outcome, LoadedFile):
            errors = outcome or []
            report.failed[name] = [error.replace(str(path), name, 1) for error in errors]
            if sha256 is not None:
                failed_by_sha[sha256] = (name, report.failed[name])
            continue
        loaded = with_provenance(outcome, fetched[path]) if path in fetched else outcome
        pending.append(loaded.stored())
        read[loaded.sha256] = loaded
        stored[loaded.sha256] = loaded.path
        records = loaded.records
        report.loaded.append(
            IngestedFile(
                name, loaded.sha256, True, len(records.institutions), len(records.agreements)
            )
        )
        if time.monotonic() - since_commit >= COMMIT_SECONDS:
            store.add_documents(pending)
            pending, since_commit = [], time.monotonic()
    if pending:
        store.add_documents(pending)
    if renamed:  # a stored file under a name that may come first
        store.name_documents(renamed)
    if on_derive is not None:
        on_derive(len(stored))
    try:
        report.graph = store.rebuild(derivation, change=change)
    except StoreUnavailable:
        raise  # the documents stay: the same ingest again completes the graph
    except StoreError:
        store.forget_documents(set(read))  # nothing of this ingest stays
        raise
    _account(report, report.graph.refused, store.document_names())
    if not keep_versions:
        report.graph = _without_older_versions(store, fetched.values()) or report.graph
    return report


def looks_like_url(text: str) -> bool:
    """A URL rather than a path: ``scheme://``. Only http and https are fetched; another
    scheme (file://, ftp://) is refused with one line."""
    return "://" in text[:16]


def default_fetch_options() -> FetchOptions:
    """The fetch cache beside the extraction cache (``EDUCOOP_CACHE_DIR``), or in the
    working folder's ``.educoop-fetched`` when that cache is off: a fetched page is a
    source the analyst may need again, not only a speed-up."""
    folder = cache_folder()
    return FetchOptions(cache=(folder / "fetched") if folder else Path(".educoop-fetched"))


def fetch(
    urls: Iterable[str] = (),
    *,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    options: FetchOptions | None = None,
    on_done: Callable[[str], None] | None = None,
) -> Sources:
    """Fetch URLs, feeds' items and sitemaps' pages into the cache, writing no store."""
    with Fetcher(options or default_fetch_options()) as fetcher:
        return fetch_sources(fetcher, urls, feeds=feeds, sitemaps=sitemaps, on_done=on_done)


def _fetched(
    urls: list[str], options: FetchOptions | None, failed: dict[str, list[str]]
) -> dict[Path, Fetched]:
    """The bodies of ``urls`` (feeds and sitemaps read for their pages) by their path in
    the cache; what could not be fetched goes to ``failed``."""
    if not urls:
        return {}
    found = fetch(urls, options=options)
    failed.update((url, [line]) for url, line in found.failed.items())
    return {item.path: item for item in found.fetched}


def with_provenance(loaded: LoadedFile, fetched: Fetched) -> LoadedFile:
    """A fetched file's records, named by its URL, its Document carrying where and when it
    was fetched."""
    records = loaded.records
    document = records.document or DocumentIn()
    records.document = document.model_copy(
        update={
            "source": fetched.url,
            "url": fetched.url,
            "final_url": fetched.final_url,
            "fetched_at": fetched.fetched_at,
        }
    )
    return replace(loaded, path=fetched.url)


def _without_older_versions(store: Store, fetched: Iterable[Fetched]) -> Rebuilt | None:
    """The graph without the versions of a page that a newer one, now held, replaces (None
    when there are none). Only after the newer is in: a page that failed to load this time
    leaves the older one where it was."""
    stored = store.document_names()
    newest = {item.url: item.sha256 for item in fetched if item.sha256 in stored}
    older = frozenset(
        sha256 for sha256, name in stored.items() if name in newest and newest[name] != sha256
    )
    if not older:
        return None
    what = f"replacing older versions of {', '.join(sorted({stored[sha] for sha in older}))}"
    return store.rebuild(derivation_of(store), change=Change(what, forget=older))


def _account(report: IngestReport, refused: dict[str, list[str]], stored: dict[str, str]) -> None:
    """Move the files the derivation refused from ``loaded`` to ``failed``: those this
    ingest's derivation refused, and any that another one, running at the same time,
    refused first."""
    kept = []
    for file in report.loaded:
        if file.sha256 in refused:
            report.failed[file.source] = refused[file.sha256]
        elif file.sha256 not in stored:
            report.failed[file.source] = [
                f"{file.source}: refused by an ingest into this store at the same time; "
                "ingest it again to see why"
            ]
        else:
            kept.append(file)
    report.loaded = kept


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # a folder, or unreadable: loading it says why
        return None


def forget(store: Store, names: Iterable[str]) -> tuple[dict[str, str], Rebuilt]:
    """Remove documents from ``store``, each named by the file it was loaded from (as given
    then, or any path to it) or by the start of its sha256 (8 digits at least), and derive
    the graph without them; returns the documents removed (sha256 to name) and the graph.
    A name that matches no document, or more than one, raises StoreError and removes
    nothing."""
    stored = store.document_names()
    chosen: dict[str, str] = {}
    for name in names:
        resolved = str(Path(name).resolve())
        found = [
            sha
            for sha, source in stored.items()
            if name == source
            or resolved == str(Path(source).resolve())
            or (len(name) >= 8 and sha.startswith(name.lower()))
        ]
        if len(found) != 1:
            problem = "no stored document" if not found else f"{len(found)} stored documents"
            raise StoreError(f"{name}: {problem} by that name or sha256 (nothing removed)")
        chosen[found[0]] = stored[found[0]]
    what = f"forgetting {', '.join(sorted(chosen.values()))}"
    return chosen, store.rebuild(
        derivation_of(store), change=Change(what, forget=frozenset(chosen))
    )


def rebuild(store: Store, bulk: bool = False) -> Rebuilt:
    """Derive the store's graph again from the documents it holds, even when nothing it
    depends on seems to have changed. ``bulk`` writes it to Neo4j by the offline import
    (``$EDUCOOP_NEO4J_IMPORT``, see ``educoop.graph.stores.neo4j_bulk``), replacing the
    database whatever it holds."""
    return store.rebuild(derivation_of(store), force=True, bulk=bulk)


def check(store: Store) -> list[str]:
    """Everything wrong with the store, one line each: the database's own integrity check,
    relationships to missing nodes, agreements without two sides or a source, partner
    links that do not match their agreement. Empty when the store is whole."""
    return store.integrity() + problems(store.to_networkx())


def review(store: Store) -> list[ReviewItem]:
    """Names that may be institutions the store knows, not yet decided."""
    return [item for item in store.review() if item.status == "pending"]


def decide(store: Store, item_id: int, accept: bool) -> tuple[ReviewItem, Rebuilt]:
    """Accept a review item (its two institutions become one node at once) or reject it
    (they stay two, and the pair is not proposed again); returns the item decided and the
    graph. A decision that would make a stored document fail is refused, and changes
    nothing."""
    items = store.review()
    found = [item for item in items if item.id == item_id]
    if not found:
        raise StoreError(f"no review item {item_id} (see educoop resolve --review)")
    item = replace(found[0], status="accepted" if accept else "rejected")
    review = tuple(item if other.id == item_id else other for other in items)
    verb = "accepting" if accept else "rejecting"
    change = Change(f"{verb} review item {item_id}", review=review)
    return item, store.rebuild(derivation_of(store), change=change)


def query(store: Store, name: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Answer the canned query ``name`` (see ``educoop query --list``).

    A parameter that names a party, region or programme must name exactly one node the
    store holds (``educoop.graph.lookup.find``): else QueryError, with the closest names or
    the several that match. An enumerated one must be one of its values."""
    canned = catalogue.get(name)
    bound = canned.bind(params or {})
    named: list[Named] | None = None
    for parameter in canned.parameters:
        value = bound[parameter.name]
        if parameter.names_a_node and value is not None and parameter.type is not None:
            named = store.named() if named is None else named
            bound[parameter.name] = find(named, value, parameter.type).id
    return store.run(canned, bound)


# The canned queries with a date window, and the parameter naming the party or region whose
# agreements they count.
_WINDOWED = {"partners": "name", "agreements": "region"}


def undated_left_out(store: Store, name: str, params: dict[str, Any]) -> int:
    """How many agreements the date window of a canned query (``since``, ``until``) left
    out for having no date; 0 without a window. Say it with the answer: an analyst takes
    "no partners in 2022" at face value."""
    if name not in _WINDOWED or not (params.get("since") or params.get("until")):
        return 0
    focus = params.get(_WINDOWED[name])
    kind = "party" if name == "partners" else "region"
    node = find(store.named(), focus, kind).id if focus else None
    return undated(store.to_networkx(), node, params.get("kind") or None)


def find_party(store: Store, name: str) -> str:
    """The id of the one institution or region that goes by ``name`` (QueryError with "did
    you mean" when none does)."""
    return find(store.named(), name, "party").id


def why_empty(store: Store, name: str, params: dict[str, Any]) -> str | None:
    """Why a canned query answered nothing, where more can be said than "no rows": for
    ``path``, whether the two parties are one, apart, or farther than the query looks."""
    if name != "path":
        return None
    named = store.named()
    a, b = (find(named, params[key], "party") for key in ("a", "b"))
    if a.id == b.id:
        return f"no cooperation path: {a.name} and {b.name} are one party"
    partners = cooperation_graph(store.to_networkx())
    sizes = [
        len(nx.node_connected_component(partners, node.id)) if node.id in partners else 1
        for node in (a, b)
    ]
    if b.id in partners and a.id in partners and nx.has_path(partners, a.id, b.id):
        hops = nx.shortest_path_length(partners, a.id, b.id)
        return (
            f"no cooperation path within {MAX_PATH_HOPS} hops: {a.name} and {b.name} are "
            f"{hops} apart"
        )
    return (
        f"no cooperation path: {a.name} and {b.name} are in separate components "
        f"(sizes {sizes[0]} and {sizes[1]})"
    )


def export(store: Store, fmt: ExportFormat | str, output: str | Path | None = None) -> str | None:
    """Export the whole store; see ``educoop.graph.export.export_graph``."""
    return export_graph(store.to_networkx(), fmt, output)


def partner_network(store: Store, filters: Filters | None = None) -> PartnerNetwork:
    """The store's partner network under ``filters``, its links streamed from the store
    into arrays (``educoop.analysis.network.network_of_links``): what every report and
    network export reads."""
    hierarchy, links = store.partner_links()
    return network_of_links(hierarchy, links, filters)


def report(
    store: Store,
    kind: ReportKind | str,
    *,
    filters: Filters | None = None,
    top: int | None = None,
    level: str = "province",
    sample: int | None = None,
    seed: int = 0,
    engine: str | None = None,
) -> Report:
    """One analysis report (``educoop report --help``) on the store's partner network; its
    measures by ``engine`` (networkx, networkit, or auto: ``educoop.analysis.engine``)."""
    return report_of(
        partner_network(store, filters),
        kind,
        top=top,
        level=level,
        sample=sample,
        seed=seed,
        engine=engine,
    )


def report_html(
    store: Store,
    output: str | Path,
    *,
    filters: Filters | None = None,
    top: int = 15,
    level: str = "province",
    seed: int = 0,
    engine: str | None = None,
) -> Path:
    """Write the summary report as one self-contained HTML page; returns its path."""
    path = Path(output)
    page = summary_html(
        partner_network(store, filters), top=top, level=level, seed=seed, engine=engine
    )
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
    graph = network_with_measures(partner_network(store, filters), seed=seed)
    if ego is not None:
        graph = ego_network(graph, find(store.named(), ego, "party").id, radius)
    return export_graph(graph, fmt, output)


def sync(source: Store, target: Store, *, merge: bool = False) -> Rebuilt:
    """Make ``target`` hold the documents, review decisions (on names and agreements) and
    registry files of ``source``, and derive its graph: exactly those of ``source`` (the
    target's own go, so its graph is the graph of ``source``), or with ``merge`` beside the
    target's own (a decision the target took on the same pair or agreement wins). Syncing
    again changes nothing; a sync whose graph cannot be derived changes nothing.
    """
    registries = source.registries()
    if merge:
        registries = list(dict.fromkeys([*target.registries(), *registries]))
    derivation = Derivation.of_registries(registries)  # every file checked first
    documents = source.documents()
    names = {document.sha256: document.source for document in documents}
    own = target.document_names()
    new = [replace(d, admitted=False) for d in documents if d.sha256 not in own]
    change = Change(
        f"syncing {source.location}",
        forget=frozenset() if merge else frozenset(own.keys() - names.keys()),
        names={} if merge else {sha: names[sha] for sha in own.keys() & names.keys()},
        review=tuple(_merged(target.review(), source.review()) if merge else source.review()),
        decisions=tuple(
            merged_decisions(target.decisions(), source.decisions())
            if merge
            else source.decisions()
        ),
        registries=tuple(registries),
    )
    target.add_documents(new)
    try:
        return target.rebuild(derivation, change=change)
    except StoreUnavailable:
        raise
    except StoreError:
        target.forget_documents({document.sha256 for document in new})
        raise


def _merged(own: list[ReviewItem], other: list[ReviewItem]) -> list[ReviewItem]:
    """``own`` review items with ``other``'s beside them: a pair in both keeps ``own``'s
    decision unless it is still pending; the others' items take ids after ``own``'s."""
    by_pair = {(item.name, item.candidate): item for item in own}
    next_id = max((item.id or 0 for item in own), default=0) + 1
    for item in other:
        mine = by_pair.get((item.name, item.candidate))
        if mine is None:
            by_pair[(item.name, item.candidate)] = replace(item, id=next_id)
            next_id += 1
        elif mine.status == "pending":
            by_pair[(item.name, item.candidate)] = replace(mine, status=item.status)
    return sorted(by_pair.values(), key=lambda item: item.id or 0)


def cypher(
    store: Store, text: str, params: dict[str, Any] | None = None, *, write: bool = False
) -> list[dict[str, Any]]:
    """Run ad-hoc Cypher on a Neo4j store: in a read transaction unless ``write``."""
    from educoop.graph.stores.neo4j import Neo4jStore  # the driver loads only when needed

    if not isinstance(store, Neo4jStore):
        raise StoreError(f"{store.location}: ad-hoc Cypher needs a Neo4j store (bolt://...)")
    return store.execute(text, params) if write else store.read(text, params)


def demo_corpus() -> Path:
    """The sample corpus shipped inside the package (records and a few articles written
    for educoop)."""
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
