"""Resolve one file's records into a graph batch: regions placed in the hierarchy, party names
matched to institutions and regions, deterministic ids, and every node and edge the file
contributes.

Parties are matched by name or alias, first among the file's institutions, then its regions,
then the bundled gazetteer. A name that matches nothing is an error, so a typo never creates
a phantom node.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import combinations

from educoop.errors import InputError, InvalidFileError
from educoop.graph.model import (
    AgreementKind,
    ProgrammeKind,
    RegionLevel,
    agreement_id,
    document_id,
    institution_id,
    programme_id,
    region_id,
)
from educoop.graph.schema import GraphBatch, Label, Props, RelType, ReviewItem
from educoop.loaders.gazetteer import (
    Gazetteer,
    KnownRegion,
    bundled_gazetteer,
    curated_first,
    normalise,
)
from educoop.loaders.records import (
    AgreementIn,
    InstitutionIn,
    LoadedFile,
    Loc,
    ProgrammeIn,
    RegionIn,
)
from educoop.loaders.registry import Candidate, Known, Match, Registry
from educoop.loaders.signings import Signings, date_props, signing_key
from educoop.loaders.vocabulary import CJK

# Review decisions to apply: a name (normalised) accepted as the institution (id, name) it
# may be.
Accepted = Mapping[str, tuple[str, str]]


def accepted_in(review: Iterable[ReviewItem]) -> Accepted:
    """The review decisions to apply: each accepted name (normalised) with the institution
    a person accepted it as."""
    return {
        normalise(item.name): (item.candidate, item.candidate_name)
        for item in review
        if item.status == "accepted"
    }


def merged_by(review: Iterable[ReviewItem]) -> dict[str, str]:
    """Institutions people merged into another (accepted review items): id to the one it
    became."""
    return {item.institution: item.candidate for item in review if item.status == "accepted"}


def chinese_name(names: list[str]) -> str | None:
    """The first name written in Chinese characters, if any."""
    return next((name for name in names if CJK.search(name)), None)


def programme_kind(name: str) -> ProgrammeKind:
    """A programme's kind from the last word of its name ("... Alliance" is an alliance)."""
    words = re.findall(r"[a-z]+", name.casefold())
    for word in reversed(words):
        if word in ("program", "programme"):
            return ProgrammeKind.PROGRAMME
        if word in ProgrammeKind.__members__.values():
            return ProgrammeKind(word)
    return ProgrammeKind.OTHER


def partner_type(kind: AgreementKind) -> RelType:
    """The one-hop projection an agreement of this kind gets between its parties."""
    return RelType.EXCHANGED_WITH if kind is AgreementKind.EXCHANGE else RelType.SIGNED_WITH


def _places(candidates: list[KnownRegion]) -> str:
    """Where the regions of one name lie, for an error: "Guangzhou, Shanghai"."""
    return ", ".join(
        sorted(entry.chain[-2] if len(entry.chain) > 1 else "the top level" for entry in candidates)
    )


def region_props(region: KnownRegion) -> Props:
    """A region node's properties."""
    return {
        "name": region.name,
        "name_zh": region.name_zh,
        "aliases": list(region.aliases),
        "level": str(region.level),
        "iso_code": region.iso_code,
    }


def _write_region(
    batch: GraphBatch,
    region: KnownRegion,
    gazetteer: Gazetteer,
    declared: dict[tuple[str, ...], KnownRegion],
) -> None:
    """Write a region with its ancestors (PART_OF) and its policy zones (MEMBER_OF)."""
    chain = region.chain
    for depth in range(1, len(chain) + 1):
        entry = declared.get(chain[:depth]) or gazetteer.by_chain(chain[:depth])
        if entry is None:  # pragma: no cover - every prefix was resolved on the way down
            raise AssertionError(f"unresolved ancestor {chain[:depth]}")
        batch.add_node(Label.REGION, entry.id, region_props(entry))
        if depth > 1:
            batch.add_edge(RelType.PART_OF, entry.id, region_id(list(chain[: depth - 1])))
        for zone_name in entry.zones:
            zone = gazetteer.by_chain((zone_name,))
            if zone is not None:
                _write_region(batch, zone, gazetteer, declared)
                batch.add_edge(RelType.MEMBER_OF, entry.id, zone.id)


# External id schemes a registry may give: short lower-case words, safe as property names.
_ID_SCHEME = re.compile(r"[a-z][a-z0-9_]{1,19}")


def finer_region(registry: Registry, given: str | None, known: str | None) -> str | None:
    """The file's region for an institution, or the one already known for it when that is
    finer and educoop can place it alone ("Jiangmen" over "Guangdong")."""
    chains = registry.gazetteer.candidates(known) if known else []
    if len(chains) != 1 or not registry.regions_agree(given, known):
        return given
    if given is None:
        return known
    given_chains = registry.gazetteer.candidates(given)
    deeper = all(len(chains[0].chain) > len(other.chain) for other in given_chains)
    return known if given_chains and deeper else given


def _new_institution(registry: Registry, record: InstitutionIn) -> Known:
    """An institution no known one matched. Its id is its name, and its region too when
    another institution of that name lies elsewhere."""
    clash = registry.named(record.name)
    name_for_id = record.name
    if clash is not None and record.region:
        name_for_id = f"{record.name} {record.region}"
    return Known(
        id=institution_id(name_for_id),
        name=record.name,
        name_zh=chinese_name([record.name, *record.aliases]),
        aliases=tuple(record.aliases),
        kind=str(record.kind),
        region=record.region,
    )


def _accepted_match(registry: Registry, accepted: Accepted, record: InstitutionIn) -> Match | None:
    """The institution a person accepted this record's name as, if any; one known only by
    the decision is added with the record's kind and region."""
    chosen = accepted.get(normalise(record.name))
    if chosen is None:
        return None
    candidate_id, candidate_name = chosen
    known = registry.by_id(candidate_id) or registry.add(
        Known(id=candidate_id, name=candidate_name, kind=str(record.kind), region=record.region)
    )
    return Match(known, "accepted", 1.0)


@dataclass(frozen=True)
class _Signed:
    """An agreement whose parties and programme resolved: its record, its sides (party
    ids) and its programme's id."""

    record: AgreementIn
    sides: list[list[str]]
    programme: str | None


@dataclass
class _Resolver:
    """Resolves one file in phases, in this order: its regions, institutions, programmes
    and document; its agreements' references (every error collected); then, only if all
    resolved, its signings and the regions they need. The registry and the signings are
    those of the whole derivation: each phase may extend them."""

    loaded: LoadedFile
    gazetteer: Gazetteer
    registry: Registry
    signings: Signings
    accepted: Accepted
    batch: GraphBatch = field(default_factory=GraphBatch)
    errors: list[InputError] = field(default_factory=list)
    regions: dict[tuple[str, ...], KnownRegion] = field(default_factory=dict)
    region_names: dict[str, KnownRegion] = field(default_factory=dict)
    institution_names: dict[str, str] = field(default_factory=dict)
    programme_names: dict[str, str] = field(default_factory=dict)

    def fail(self, loc: Loc, message: str) -> None:
        self.errors.append(self.loaded.error(loc, message))

    # Regions -------------------------------------------------------------------------
    def place(self, name: str, loc: Loc) -> KnownRegion | None:
        """The region a name refers to: one the file declares, else a known one."""
        known = self.region_names.get(normalise(name))
        if known is not None:
            return known
        candidates = curated_first(self.gazetteer.candidates(name))
        if len(candidates) == 1:
            return self.remember(candidates[0])
        if candidates:
            parents = _places(candidates)
            self.fail(
                loc,
                f"region {name!r} is ambiguous (in {parents}): declare it under "
                "regions with its parent",
            )
        else:
            self.fail(
                loc,
                f"{name!r} is not an institution or region declared in this file, "
                "nor a region educoop knows",
            )
        return None

    def remember(self, region: KnownRegion) -> KnownRegion:
        self.regions.setdefault(region.chain, region)
        for name in {region.name, region.name_zh, *region.aliases} - {None}:
            self.region_names.setdefault(normalise(name), region)
        return region

    def declare_regions(self, declared: list[RegionIn]) -> None:
        pending = dict(enumerate(declared))
        # Parents may be declared after their children: resolve in passes.
        while pending:
            progressed = False
            for index, record in list(pending.items()):
                parent_declared = record.parent and any(
                    normalise(other.name) == normalise(record.parent)
                    for i, other in pending.items()
                    if i != index
                )
                if parent_declared:
                    continue
                self.declare_region(record, ("regions", index))
                del pending[index]
                progressed = True
            if not progressed:
                index = min(pending)
                self.fail(("regions", index, "parent"), "regions form a cycle")
                return

    def declare_region(self, record: RegionIn, loc: Loc) -> None:
        candidates = self.gazetteer.candidates(record.name)
        parent = None
        if record.parent:
            parent = self.place(record.parent, (*loc, "parent"))
            if parent is None:
                return
            within = [
                entry for entry in candidates if entry.chain[: len(parent.chain)] == parent.chain
            ]
            # The world layer places cities in their country only (GeoNames gives no
            # province it can name): a parent between the two agrees with it, and the
            # known city is kept, so its id does not depend on how a file placed it.
            within = within or [
                entry
                for entry in candidates
                if not entry.curated and parent.chain[: len(entry.chain) - 1] == entry.chain[:-1]
            ]
            if candidates and not within:
                places = " or ".join(
                    sorted(entry.chain[-2] for entry in candidates if len(entry.chain) > 1)
                )
                self.fail(
                    (*loc, "parent"),
                    f"{record.name!r} lies in {places or 'no region'}, not in {record.parent!r}",
                )
                return
            candidates = within
        candidates = curated_first(candidates)
        if len(candidates) > 1:
            parents = _places(candidates)
            self.fail(
                (*loc, "parent"),
                f"region {record.name!r} is ambiguous (in {parents}): give its parent",
            )
            return
        if candidates:
            known = candidates[0]
            aliases = tuple(dict.fromkeys((*known.aliases, *record.aliases)))
            self.remember(replace(known, aliases=aliases))
            return
        if record.level is None:
            self.fail(
                (*loc, "level"),
                f"a region educoop does not know needs a level ({', '.join(RegionLevel)})",
            )
            return
        chain = (*(parent.chain if parent else ()), record.name)
        new = KnownRegion(
            chain=chain,
            level=record.level,
            name_zh=chinese_name([record.name, *record.aliases]),
            aliases=tuple(record.aliases),
        )
        self.remember(new)

    # Parties -------------------------------------------------------------------------
    def party(self, name: str, loc: Loc) -> str | None:
        found = self.institution_names.get(normalise(name))
        if found is not None:
            return found
        region = self.place(name, loc)
        return region.id if region else None

    # Institutions --------------------------------------------------------------------
    def institutions(self, records: list[InstitutionIn]) -> None:
        """Each institution matched to a known one (accepted by a person, or by the
        registry's rules), else new; a close name waits for review as a candidate."""
        registry = self.registry
        for index, record in enumerate(records):
            names = [record.name, *record.aliases]
            found = _accepted_match(registry, self.accepted, record) or registry.match(
                names, record.region, str(record.kind)
            )
            matches: list[str] = []
            if isinstance(found, Match):
                known = found.known
                if record.name != known.name:
                    matches = [f"{record.name}: {found.rule} {found.score:g}"]
            else:
                known = registry.add(_new_institution(registry, record))
                if isinstance(found, Candidate):
                    self.batch.candidates.append(
                        ReviewItem(
                            record.name, known.id, found.known.id, found.known.name, found.score
                        )
                    )
            node_id = known.id
            for name in names:
                self.institution_names.setdefault(normalise(name), node_id)
            self.batch.add_node(
                Label.INSTITUTION,
                node_id,
                {
                    "name": known.name,
                    "name_zh": known.name_zh or chinese_name(record.aliases),
                    "aliases": sorted({*names, *known.aliases} - {known.name}),
                    "kind": known.kind if found and known.kind else str(record.kind),
                    "matches": matches,
                    # External ids the registry gives (ror, wikidata), as properties.
                    **{
                        scheme: value for scheme, value in known.ids if _ID_SCHEME.fullmatch(scheme)
                    },
                },
            )
            region_name = finer_region(registry, record.region, known.region)
            if region_name:
                region = self.place(region_name, ("institutions", index, "region"))
                if region is not None:
                    self.batch.add_edge(RelType.LOCATED_IN, node_id, region.id)

    # Programmes and the document -----------------------------------------------------
    def programmes(self, records: list[ProgrammeIn]) -> None:
        for index, record in enumerate(records):
            node_id = programme_id(record.name)
            for name in (record.name, *record.aliases):
                self.programme_names.setdefault(normalise(name), node_id)
            self.batch.add_node(
                Label.PROGRAMME,
                node_id,
                {
                    "name": record.name,
                    "aliases": record.aliases,
                    "kind": str(record.kind or programme_kind(record.name)),
                },
            )
            for position, participant in enumerate(record.participants):
                loc = ("programmes", index, "participants", position, "name")
                party = self.party(participant.name, loc)
                if party is not None:
                    role = str(participant.role)
                    self.batch.add_edge(
                        RelType.PARTICIPATES_IN, party, node_id, role, {"role": role}
                    )

    def document(self) -> str:
        """The file's Document node; returns its id."""
        loaded = self.loaded
        document = loaded.records.document
        doc_id = document_id(loaded.sha256)
        self.batch.add_node(
            Label.DOCUMENT,
            doc_id,
            {
                "source": document.source if document and document.source else loaded.path,
                "title": document.title if document else None,
                "published": document.date.value if document and document.date else None,
                "sha256": loaded.sha256,
                "url": document.url if document else None,
                "final_url": document.final_url if document else None,
                "fetched_at": document.fetched_at if document else None,
            },
        )
        return doc_id

    # Agreements ----------------------------------------------------------------------
    def agreements(self, records: list[AgreementIn]) -> list[_Signed]:
        """Every agreement's parties and programme, resolved; a name that resolves to
        nothing, or one party on two sides, is an error."""
        signed = []
        for index, record in enumerate(records):
            sides: list[list[str]] = []
            seen: dict[str, int] = {}
            for side_number, names in enumerate(record.sides):
                side: list[str] = []
                for position, name in enumerate(names):
                    loc: Loc = ("agreements", index, "sides", side_number, position)
                    party = self.party(name, loc)
                    if party is None or party in side:
                        continue
                    if party in seen:
                        self.fail(loc, f"{name!r} is on two sides of one agreement")
                        continue
                    seen[party] = side_number
                    side.append(party)
                sides.append(side)
            programme = None
            if record.programme:
                programme = self.programme_names.get(normalise(record.programme))
                if programme is None:
                    self.fail(
                        ("agreements", index, "programme"),
                        f"programme {record.programme!r} is not declared under programmes",
                    )
            signed.append(_Signed(record, sides, programme))
        return signed

    def sign(self, signed: list[_Signed], doc_id: str) -> None:
        """Each agreement as the signing it reports (one it meets, or its own), with its
        parties' sides, its partner links and the document that reports it."""
        for index, agreement in enumerate(signed):
            record, programme = agreement.record, agreement.programme
            # Sides have no order ("A signed with B" is "B signed with A"): numbered in a
            # canonical order, two reports of one signing give each party the same side.
            sides = sorted(sorted(side) for side in agreement.sides)
            key = signing_key(record.kind, sides)
            node_id, date = self.signings.place(
                key, agreement_id(record.kind, sides, programme, record.date), record.date
            )
            batch = self.batch
            batch.add_node(
                Label.AGREEMENT,
                node_id,
                {
                    "kind": str(record.kind),
                    "title": record.title,
                    "signing": key,
                    "reports": self.signings.reports(key, node_id) or None,
                    **date_props(date),
                },
            )
            batch.add_edge(
                RelType.REPORTED_IN,
                node_id,
                doc_id,
                "",
                {
                    "evidence": record.evidence,
                    "page": record.page,
                    "source": record.source,
                    "confidence": record.confidence,
                    # Which of the document's agreements this is: a review decision finds
                    # its agreement by it when merged or renamed parties change its id.
                    "record": index,
                },
            )
            if programme:
                batch.add_edge(RelType.UNDER, node_id, programme)
            for side_number, side in enumerate(sides):
                for party in side:
                    batch.add_edge(
                        RelType.PARTY_TO, party, node_id, str(side_number), {"side": side_number}
                    )
            projection = partner_type(record.kind)
            link = {"agreement": node_id, "kind": str(record.kind), **date_props(date)}
            for side_x, side_y in combinations(sides, 2):
                for x in side_x:
                    for y in side_y:
                        batch.add_edge(projection, x, y, node_id, link)

    def write_regions(self) -> None:
        """Every region the file named, with its ancestors and zones."""
        for region in self.regions.values():
            _write_region(self.batch, region, self.gazetteer, self.regions)


def resolve(
    loaded: LoadedFile,
    gazetteer: Gazetteer | None = None,
    registry: Registry | None = None,
    known_agreements: dict[str, list[Props]] | None = None,
    accepted: Accepted | None = None,
) -> GraphBatch:
    """Turn one validated file into the nodes and edges it contributes. Institutions are
    matched against ``registry`` (the bundled one when None; see loaders/registry.py);
    an agreement that ``known_agreements`` (signing key to the agreements of earlier
    documents, extended in place with this file's; see loaders/signings.py) already holds
    with a compatible date is that agreement, reported once more. A name in ``accepted`` is
    the institution a person accepted it as.

    Raises InvalidFileError listing every reference that cannot be resolved; the file's
    signings are then not added to ``known_agreements``.
    """
    resolver = _Resolver(
        loaded,
        gazetteer or bundled_gazetteer(),
        registry or Registry.build(),
        Signings(known_agreements if known_agreements is not None else {}),
        accepted or {},
    )
    records = loaded.records
    resolver.declare_regions(records.regions)
    resolver.institutions(records.institutions)
    resolver.programmes(records.programmes)
    doc_id = resolver.document()
    signed = resolver.agreements(records.agreements)
    if resolver.errors:
        raise InvalidFileError(resolver.errors)
    resolver.sign(signed, doc_id)
    resolver.write_regions()
    batch = resolver.batch
    # What the document names, so that forgetting it can tell what no other names
    # (``educoop.loaders.incremental``).
    named = {Label.INSTITUTION, Label.REGION, Label.PROGRAMME}
    mentions = sorted(node.id for node in batch.nodes.values() if node.label in named)
    batch.add_node(Label.DOCUMENT, doc_id, {"mentions": mentions})
    return batch
