"""One new document added to a derived graph, or one forgotten, without deriving the others
again.

A full derivation resolves every document in a fixed order (``loaders/derive.py``), so a new
document may change what the documents after it resolve to: a name it teaches the registry,
a signing it reports first, an institution it would now introduce. ``add_alone`` proves that
the new document changes none of that, reading only the stored institutions and the rows it
touches, and then gives the rows to write. Where it cannot prove it, it says None and the
store derives everything again. What it proves, for each institution the document names:

- it is a new one, or the one of the same name (an exact match on the record's own name),
  with the same kind: whichever of the two documents comes first, it has the same id, name
  and kind;
- none of its names after the document (the stored ones and the document's) shares a key of
  the matching rules with a name of any other institution (``Registry.keys``), nor comes
  within the fuzzy rule's review ratio of one, whatever their kind or place: so no other
  document's names meet it, in any order;
- it has at most one Chinese name, so every report of it gives it the same ``name_zh``;
- wherever the document comes, it places the institution where it is already placed, or in
  one place whatever comes before it;
- no person's review decision names any of its names.

And for the rest: every signing the document reports is new to the store, no decision on an
agreement names one of its agreements or reports, it raises no review candidate, and every
stored node it writes keeps its values (lists only grow). Then the document's rows, merged
into the stored ones, are exactly what a full derivation would hold.

Forgetting is the same proof the other way (``forget_alone``): a document whose
institutions and programmes no other document mentions (each Document node lists what it
mentions), whose institutions' names meet no other's, whose agreements no other document
reports or shares a signing key with, and which no decision or review item names, taught
the others nothing; its rows go, and the places another document also mentions stay (when
it gave them no name of its own).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError
from rapidfuzz import fuzz, process

from educoop.errors import EducoopError
from educoop.graph.model import document_id, institution_id
from educoop.graph.schema import (
    LIST_PROPERTIES,
    PARTNER_TYPES,
    Decision,
    GraphBatch,
    Held,
    Label,
    NodeRow,
    Props,
    RelType,
    ReviewItem,
    StoredDocument,
    StoredGraph,
    merge_props,
)
from educoop.loaders.decisions import FINISHED, Redecided, decided, finish_chains
from educoop.loaders.gazetteer import Gazetteer, curated_first, normalise
from educoop.loaders.records import InstitutionIn, LoadedFile, fold_order
from educoop.loaders.registry import (
    FUZZY_REVIEW,
    Known,
    Registry,
    RegistryEntry,
    fuzzy_key,
)
from educoop.loaders.resolve import accepted_in, finer_region, merged_by, region_props, resolve
from educoop.loaders.signings import date_partner_links
from educoop.loaders.vocabulary import CJK, generic_name

# The relationships a document's resolution writes besides its agreements': those of
# the stored nodes it touches are read.
AROUND = (RelType.LOCATED_IN, RelType.PART_OF, RelType.MEMBER_OF, RelType.PARTICIPATES_IN)


def _names(props: Props) -> list[str]:
    names = [props.get("name"), props.get("name_zh"), *(props.get("aliases") or ())]
    return [name for name in names if name]


@dataclass
class _NameIndex:
    """The names of the stored institutions, by the matching rules' keys and by the fuzzy
    rule's forms, to find whether a name may meet an institution other than its own."""

    registry: Registry
    whole: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    stripped: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_numbers: dict[frozenset[str], tuple[list[str], list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: ([], []))
    )

    def add(self, node_id: str, names: Iterable[str]) -> None:
        for name in names:
            whole, stripped = self.registry.keys(name)
            for key in whole:
                self.whole[key].add(node_id)
            for key in stripped:
                self.stripped[key].add(node_id)
            # Every name, acronyms and Chinese ones too: the fuzzy rule compares a name
            # with all of a known institution's.
            numbers, form = fuzzy_key(name)
            forms, ids = self.by_numbers[numbers]
            forms.append(form)
            ids.append(node_id)

    def meets_another(self, node_id: str, names: Iterable[str]) -> bool:
        for name in names:
            whole, stripped = self.registry.keys(name)
            met = [self.whole.get(key, set()) for key in (*whole, *stripped)]
            met += [self.stripped.get(key, set()) for key in whole]
            if any(ids - {node_id} for ids in met):
                return True
            numbers, form = fuzzy_key(name)
            if numbers not in self.by_numbers:
                continue
            forms, ids = self.by_numbers[numbers]
            near = process.extract(
                form,
                forms,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=FUZZY_REVIEW,
                limit=None,
            )
            if any(ids[index] != node_id for _, _, index in near):
                return True
        return False


def add_alone(
    document: StoredDocument,
    entries: Iterable[RegistryEntry],
    review: list[ReviewItem],
    decisions: list[Decision],
    held: Held,
    stored: StoredGraph,
) -> Redecided | None:
    """The stored rows a new ``document`` touches (``before``) and what they become with it
    (``after``, with its new rows), when adding it changes nothing that the stored documents
    resolve to (see the module's docstring); None when the graph must be derived again."""
    registry, static_known, graph = _stored_registry(entries, stored)
    loaded = LoadedFile.from_stored(document)
    accepted = accepted_in(review)
    batch = _resolved(loaded, registry, {}, accepted)
    if batch is None:
        return None
    keys = sorted(
        {str(n.props["signing"]) for n in batch.nodes.values() if n.label is Label.AGREEMENT}
    )
    signed = stored.read_signed(keys)
    reported = GraphBatch()
    if signed:
        reported = stored.read_agreements(sorted(a for ids in signed.values() for a in ids))
        # A signing reported before: the document joins its agreement as a full derivation
        # would when it comes after every report of it (then it is the last to write it).
        if not _after_reports(document, reported, stored):
            return None
        known = {
            key: [_signing(reported.nodes[agreement]) for agreement in ids]
            for key, ids in signed.items()
        }
        # Resolved again, against the registry as it was: resolving adds the document's
        # institutions to it.
        registry, static_known, graph = _stored_registry(entries, stored)
        batch = _resolved(loaded, registry, known, accepted)
        if batch is None:
            return None
    date_partner_links(batch)
    if _decided_on(batch, review, decisions, held):
        return None
    # An agreement reported again is rated from all its reports, the stored ones too (of
    # the stored agreements of its signing, only those it joined).
    batch.edges.update(
        (key, edge)
        for key, edge in reported.edges.items()
        if edge.type is RelType.REPORTED_IN and edge.src in batch.nodes
    )
    finish_chains(batch, {}, None)
    records = loaded.records.institutions
    if any(normalise(n) in accepted for r in records for n in (r.name, *r.aliases)):
        return None
    around = stored.read_around(sorted(batch.nodes), AROUND)
    around.edges.update(reported.edges)
    touched = {n.id: n for n in batch.nodes.values() if n.label is Label.INSTITUTION}
    after_names = {
        node_id: {*_names(node.props), *_names(_props(around, node_id))}
        for node_id, node in touched.items()
    }
    index = _NameIndex(registry)
    for node in graph.nodes.values():
        if node.label is Label.INSTITUTION and node.id not in touched:
            index.add(node.id, _names(node.props))
    for node_id, names in sorted(after_names.items()):
        if index.meets_another(node_id, names) or any(generic_name(n) for n in names):
            return None
        if len({n for n in names if CJK.search(n)}) > 1:
            return None
        index.add(node_id, names)
    for record in records:
        found = _record_node(record, touched)
        if found is None or not _same_whatever_first(
            record, found, graph, static_known.get(found), registry
        ):
            return None
        if _rematches(_props(around, found), record):
            return None
    return _rows(batch, around, held, set(reported.nodes))


def _resolved(
    loaded: LoadedFile,
    registry: Registry,
    known: dict[str, list[Props]],
    accepted: Mapping[str, tuple[str, str]],
) -> GraphBatch | None:
    """The document resolved, or None when it raises a review candidate or the full
    derivation would refuse it (naming its lines)."""
    try:
        batch = resolve(loaded, registry=registry, known_agreements=known, accepted=accepted)
    except (EducoopError, ValidationError):
        return None
    return None if batch.candidates else batch


def _signing(agreement: NodeRow) -> Props:
    """A stored agreement as a derivation knows it while it folds the documents in."""
    props = agreement.props
    return {
        "id": agreement.id,
        "date": props.get("date"),
        "reports": list(props.get("reports") or ()),
    }


def _after_reports(document: StoredDocument, reported: GraphBatch, stored: StoredGraph) -> bool:
    """Whether the document comes after every document that reports these agreements, in
    the order a derivation folds them in."""
    reporters = sorted({e.dst for e in reported.edges.values() if e.type is RelType.REPORTED_IN})
    names = stored.document_names()
    mine = fold_order(document.source, document.sha256)
    for node in stored.read_around(reporters, ()).nodes.values():
        sha256 = str(node.props["sha256"])
        if sha256 not in names or fold_order(names[sha256], sha256) >= mine:
            return False
    return len(reporters) > 0


def forget_alone(
    document: StoredDocument,
    entries: Iterable[RegistryEntry],
    review: list[ReviewItem],
    decisions: list[Decision],
    held: Held,
    stored: StoredGraph,
) -> Redecided | None:
    """The stored rows that go with an admitted ``document`` (``before``; nothing
    ``after``), when it shares nothing with the other documents: every institution and
    programme it names no other document mentions, their names meet no other institution's,
    every agreement it reports no other reports and no other has its signing key, no
    decision names them and no review item names its institutions. The places it names
    that another document mentions stay, when it gave them only what the gazetteer knows of
    them. None when the graph must be derived again."""
    registry, _, graph = _stored_registry(entries, stored)
    loaded = LoadedFile.from_stored(document)
    try:
        batch = resolve(loaded, registry=registry, known_agreements={}, accepted={})
    except (EducoopError, ValidationError):
        return None
    doc_id = document_id(document.sha256)
    mine = sorted(node.id for node in batch.nodes.values() if node.label is not Label.DOCUMENT)
    around = stored.read_around(sorted({doc_id, *mine}), AROUND)
    if not _mine_alone(batch, around, doc_id, review, decisions, held, stored):
        return None
    shared = stored.read_mentioned(mine, doc_id)
    if any(batch.nodes[node_id].label is not Label.REGION for node_id in shared):
        return None
    if not all(_as_known(batch.nodes[node_id], registry.gazetteer) for node_id in shared):
        return None  # a name it gave a place another document names would stay
    institutions = {n.id for n in batch.nodes.values() if n.label is Label.INSTITUTION}
    index = _NameIndex(registry)
    for node in graph.nodes.values():
        if node.label is Label.INSTITUTION and node.id not in institutions:
            index.add(node.id, _names(node.props))
    if any(index.meets_another(i, _names(_props(around, i))) for i in sorted(institutions)):
        return None
    agreements = sorted(n.id for n in batch.nodes.values() if n.label is Label.AGREEMENT)
    reported = stored.read_agreements(agreements)
    if any(e.type is RelType.REPORTED_IN and e.dst != doc_id for e in reported.edges.values()):
        return None
    gone = {node_id for node_id in (doc_id, *mine) if node_id not in shared}
    before = GraphBatch()
    for node_id in sorted(gone):
        row = around.nodes.get(node_id) or reported.nodes.get(node_id)
        if row is None:
            return None  # the store does not hold what the document gives
        before.nodes[node_id] = row
    for key, edge in (*around.edges.items(), *reported.edges.items()):
        # A partner link goes with its agreement, even between places that stay.
        if edge.src in gone or edge.dst in gone or edge.key in gone:
            before.edges[key] = edge
    return Redecided(before, GraphBatch(), held)


def _mine_alone(
    batch: GraphBatch,
    around: GraphBatch,
    doc_id: str,
    review: list[ReviewItem],
    decisions: list[Decision],
    held: Held,
    stored: StoredGraph,
) -> bool:
    """Whether the document's own agreements and institutions are what the store holds of
    them, with no other agreement of their signing, no decision on them, and no review item
    on the institutions."""
    if _decided_on(batch, review, decisions, held) or doc_id not in around.nodes:
        return False
    agreements = [n for n in batch.nodes.values() if n.label is Label.AGREEMENT]
    keys: dict[str, int] = defaultdict(int)
    for agreement in agreements:
        keys[str(agreement.props["signing"])] += 1
    signed = stored.read_signed(sorted(keys))
    if {key: len(ids) for key, ids in signed.items()} != dict(keys):
        return False
    institutions = {n.id for n in batch.nodes.values() if n.label is Label.INSTITUTION}
    reviewed = {i for item in review for i in (item.institution, item.candidate)}
    names = {normalise(name) for i in institutions for name in _names(_props(around, i))}
    return not (institutions & reviewed or names & set(accepted_in(review)))


def _as_known(region: NodeRow, gazetteer: Gazetteer) -> bool:
    """Whether a document gave this place only what the gazetteer knows of it: what any
    other document that names the place writes of it too."""
    name = str(region.props["name"])
    for known in gazetteer.candidates(name):
        if known.id == region.id:
            props = {k: v for k, v in region_props(known).items() if v is not None}
            return _comparable(props) == _comparable(region.props)
    return False  # a place the document declared itself


def _comparable(props: Props) -> dict[str, object]:
    return {k: sorted(v) if k in LIST_PROPERTIES else v for k, v in props.items()}


def _rematches(stored: Props, record: InstitutionIn) -> bool:
    """Whether a name the record gives a stored institution besides its own may change how
    a stored record matched it by a rule weaker than ``exact`` (its ``matches``): coming
    first, it teaches the registry that name, which may then match that record exactly, or
    score it higher."""
    if not {record.name, *record.aliases} - {stored.get("name")}:
        return False
    return any(entry.rsplit(" ", 2)[-2] != "exact" for entry in stored.get("matches") or ())


def _decided_on(
    batch: GraphBatch, review: list[ReviewItem], decisions: list[Decision], held: Held
) -> bool:
    """Whether a person's decision may reach the document: one names an agreement or a
    report of it; an edit of sides names a node of it (or one merged into such a node),
    which applies or waits with the document or without it; or an agreement a decision
    removed has the signing of one of its agreements (which a report may join, rejected)."""
    if decided(batch, decisions):
        return True
    merged = merged_by(review)
    for decision in decisions:
        for side in decision.sides or ():
            if any(i in batch.nodes or merged.get(i) in batch.nodes for i in side):
                return True
    signings = {
        str(node.props.get("signing"))
        for scope in held.agreements.values()
        for node in scope.nodes.values()
        if node.label is Label.AGREEMENT
    }
    return any(
        node.label is Label.AGREEMENT and node.props["signing"] in signings
        for node in batch.nodes.values()
    )


def _stored_registry(
    entries: Iterable[RegistryEntry], stored: StoredGraph
) -> tuple[Registry, dict[str, Known], GraphBatch]:
    """The registry as a full derivation leaves it, the institutions of the registries
    alone (by id), and the stored institutions with their places."""
    registry = Registry.build(entries)
    static_known = {known.id: known for known in registry.known()}
    graph = stored.read_institutions()
    _add_stored(registry, graph)
    return registry, static_known, graph


def _add_stored(registry: Registry, graph: GraphBatch) -> None:
    """Add every stored institution to the registry (placed where it is placed, when in
    one place)."""
    placed = _placements(graph)
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        if node.label is not Label.INSTITUTION:
            continue
        places = placed.get(node.id, [])
        registry.add(Known.of_node(node.id, node.props, places[0] if len(places) == 1 else None))


def _placements(graph: GraphBatch) -> dict[str, list[str]]:
    """Each institution's regions, by name."""
    placed: dict[str, list[str]] = defaultdict(list)
    for edge in sorted(graph.edges.values(), key=lambda e: (e.src, e.dst)):
        region = graph.nodes.get(edge.dst)
        if edge.type is RelType.LOCATED_IN and region is not None:
            placed[edge.src].append(str(region.props["name"]))
    return placed


def _props(batch: GraphBatch, node_id: str) -> Props:
    node = batch.nodes.get(node_id)
    return node.props if node is not None else {}


def _record_node(record: InstitutionIn, touched: Mapping[str, NodeRow]) -> str | None:
    """The institution a record of the document resolved to: the only one known by its
    name."""
    name = normalise(record.name)
    found = [
        node_id
        for node_id, node in touched.items()
        if name in {normalise(n) for n in _names(node.props)}
    ]
    return found[0] if len(found) == 1 else None


def _same_whatever_first(
    record: InstitutionIn,
    node_id: str,
    graph: GraphBatch,
    static: Known | None,
    registry: Registry,
) -> bool:
    """Whether the record resolves to the same institution, placed the same, wherever the
    document comes among the stored ones."""
    stored = graph.nodes.get(node_id)
    if static is not None:
        # A registry's institution: found by the record's own name, wherever it comes.
        static_names = {normalise(n) for n in (static.name, static.name_zh, *static.aliases) if n}
        if normalise(record.name) not in static_names:
            return False
    elif stored is not None:
        # Found by its name if another document brought it first; else the record brings it
        # itself, with the same id, name and kind.
        props = stored.props
        same = record.name == props["name"] and str(record.kind) == props.get("kind")
        if not same or node_id != institution_id(record.name):
            return False
    places = sorted(
        {e.dst for e in graph.edges.values() if e.src == node_id and e.type is RelType.LOCATED_IN}
    )
    # What the registry may know of its place when the document comes: a registry's
    # place, else none or any place a stored document gave it.
    if static is not None and static.region:
        known_regions: list[str | None] = [static.region]
    else:
        known_regions = [None, *(str(graph.nodes[p].props["name"]) for p in places)]
    results: set[str | None] = set()
    for known in known_regions:
        if known is not None and not registry.regions_agree(known, record.region):
            return False
        region = finer_region(registry, record.region, known)
        if region is None:
            results.add(None)
            continue
        # As the resolver places it.
        candidates = curated_first(registry.gazetteer.candidates(region))
        if len(candidates) != 1:
            return False
        results.add(candidates[0].id)
    if len(results) != 1:
        return False
    if stored is None or (static is not None and static.region):
        return True
    # Where the document comes first, its place is the one the registry gives the others
    # that name the institution: it must be the one they placed it in, or none when they
    # placed it nowhere.
    (result,) = results
    return places == ([result] if result is not None else [])


def _rows(
    batch: GraphBatch, around: GraphBatch, held: Held, reported: set[str]
) -> Redecided | None:
    """The stored rows the document touches and what they become; None when a stored value
    would change (lists may only grow; an agreement it ``reported`` again may take its
    finer date and title), or a document or another agreement of it is stored."""
    before, after = GraphBatch(), GraphBatch()
    for node in batch.nodes.values():
        old = around.nodes.get(node.id)
        if old is None:
            after.nodes[node.id] = node
            continue
        if node.label is Label.AGREEMENT and node.id in reported:
            # Rated and marked again from all its reports: those values are the new ones.
            kept = {k: v for k, v in old.props.items() if k not in FINISHED}
            before.nodes[node.id] = old
            after.nodes[node.id] = NodeRow(node.label, node.id, merge_props(kept, node.props))
            continue
        if old.label is not node.label or node.label in (Label.AGREEMENT, Label.DOCUMENT):
            return None
        changed = {
            name
            for name, value in node.props.items()
            if name not in LIST_PROPERTIES and old.props.get(name, value) != value
        }
        # A Chinese name may be new: every report of it gives the same (``add_alone``).
        new = set(node.props) - set(old.props) - LIST_PROPERTIES - {"name_zh"}
        if changed or new:
            return None
        before.nodes[node.id] = old
        after.nodes[node.id] = NodeRow(node.label, node.id, merge_props(old.props, node.props))
    for key, edge in batch.edges.items():
        old_edge = around.edges.get(key)
        date_only = edge.type in PARTNER_TYPES and edge.key in reported
        if old_edge is not None and old_edge.props != edge.props and not date_only:
            return None
        if old_edge is not None:
            before.edges[key] = old_edge
        after.edges[key] = edge
    return Redecided(before, after, held)
