"""Agreements of places, by the shape of the clause that names them: one "between" each,
one "with" each ("Fuzhou will pair with Xiji County, Xiamen with Haiyuan County"), several
paired "respectively", one supporting another, pairs of pairs, one place paired with
several; institutions that sign "with" a region, and the sides of a branch."""

from __future__ import annotations

from spacy.tokens import Span

from educoop.graph.model import AgreementKind
from educoop.loaders.text.parties import Party
from educoop.loaders.text.sides import _pairs_of_pairs, _supporting, _with_pairs
from educoop.loaders.text.words import POSSESSIVES


def _between_pairs(clause: Span, parties: list[Party]) -> list[list[list[Party]]]:
    """The pairs a clause lists one "between" each: "pairing between A and B, and between
    C and D" (none unless every "between" of two or more names two parties)."""
    lower = clause.doc.user_data["lower"]
    openings = [i for i in range(clause.start, clause.end) if lower[i] == "between"]
    if len(openings) < 2:
        return []
    pairs = []
    for at, end in zip(openings, [*openings[1:], clause.end], strict=True):
        # One mention of each name, in reading order: "between A (the A) and B".
        named = list({p.name: p for p in reversed(parties) if at < p.start < end}.values())
        if len(named) != 2:
            return []
        first, second = sorted(named, key=lambda p: p.start)
        pairs.append([[first], [second]])
    return pairs


def _respectively(clause: Span, regions: list[Party]) -> list[list[list[Party]]]:
    """ "A, B and C provide counterpart support to X, Y and Z respectively": the places
    before "to" or "with" paired in order with those after it."""
    lower = clause.doc.user_data["lower"]
    if "respectively" not in lower[clause.start : clause.end] or len(regions) < 4:
        return []
    for pivot in range(regions[0].end, regions[-1].start):
        if lower[pivot] in {"to", "with"}:
            before = [p for p in regions if p.end <= pivot]
            after = [p for p in regions if p.start > pivot]
            if len(before) == len(after):
                return [[[a], [b]] for a, b in zip(before, after, strict=True)]
            return []
    return []


def region_pairs(
    clause: Span, regions: list[Party], kind: AgreementKind
) -> list[list[list[Party]]]:
    """The agreements of a clause of regions alone, when its shape names them: one
    "between" each, one "with" each, several paired "respectively", one supporting
    another, pairs of pairs ("A and B; C and D"), or one place paired with several."""
    return (
        _between_pairs(clause, regions)
        or _with_each(clause, regions)
        or _respectively(clause, regions)
        or _supported(clause, regions)
        or (_pairs_of_pairs(clause, regions) if len(regions) >= 4 else None)
        or _one_and_many(clause, regions, kind)
    )


def _with_each(clause: Span, parties: list[Party]) -> list[list[list[Party]]]:
    """ "Fuzhou will pair with Xiji County, Xiamen with Haiyuan County, and Zhangzhou with
    Pengyang County", "Jinan continues its support for Chengkou County, Qingdao for Wuxi
    County": the verb said once, a pair at each "with" or, after support, "for" (none
    unless each joins the party just before it to the one just after it, each once)."""
    lower = clause.doc.user_data["lower"]
    supported = _supporting(clause)
    joiner = "for" if supported is not None and lower[supported + 1] == "for" else "with"
    withs = [i for i in range(clause.start, clause.end) if lower[i] == joiner]
    return _with_pairs(parties, withs) if len(withs) >= 2 else []


def _supported(clause: Span, parties: list[Party]) -> list[list[list[Party]]]:
    """ "Rizhao and Weihai will jointly support Youyang County, with Rizhao focusing on
    ...": those named before the support, on one side, and the one it names right after,
    on the other (none for other shapes)."""
    at = _supporting(clause)
    if at is None:
        return []
    before = [p for p in parties if p.end <= at]
    after = [p for p in parties if at < p.start <= at + 3]
    if not before or len(after) != 1 or len({p.name for p in before}) > 3:
        return []
    return [[before, after]]


def support_kind(
    clause: Span, parties: list[Party], kind: AgreementKind | None
) -> AgreementKind | None:
    """The kind of a clause: a pairing when it names places alone and nothing else and
    one supports another ("Rizhao and Weihai will jointly support Youyang County"; a
    foundation that "supports X University" pairs no one); else ``kind``."""
    if kind is None and parties and all(p.label == "region" for p in parties):
        return AgreementKind.PAIRED if _supporting(clause) is not None else None
    return kind


def _one_and_many(
    clause: Span, parties: list[Party], kind: AgreementKind
) -> list[list[list[Party]]]:
    """One place paired with several: "Madison is also a sister city of Ainaro, Arcatao
    and Camagüey", "X is twinned with A, B and C" (none for other shapes)."""
    cues = clause.doc.user_data["cue"]
    lower = clause.doc.user_data["lower"]
    cued = next((i for i in range(clause.start, clause.end) if cues[i] is kind), None)
    if kind is not AgreementKind.PAIRED or cued is None:
        return []
    pivot = next((i for i in range(cued, clause.end) if lower[i] in {"of", "with"}), None)
    before = [p for p in parties if p.end <= cued]
    after = [p for p in parties if pivot is not None and p.start > pivot]
    if len(before) == 1 and len(after) >= 2 and len(before) + len(after) == len(parties):
        return [[before, after]]
    return []


def signed_with_region(
    clause: Span, institutions: list[Party], regions: list[Party], kind: AgreementKind
) -> list[list[list[Party]]]:
    """Institutions that sign with a region, named as the object of "with" after them:
    "A and B signed agreements with the Xiong'an New Area" pairs each with the area (not a
    place of theirs: "with schools in Y" names no region after "with"). Only for a signing,
    a pairing or a branch: "will work with Y", "ended its exchange with Y" sign nothing."""
    doc = clause.doc
    if kind not in _SIGNING_KINDS or not institutions:
        return []
    starts = {p.start for p in regions}
    last = max(p.end for p in institutions)
    for region in regions:
        before = region.start - 1
        if before > clause.start and doc[before].lower_ == "the":
            before -= 1
        after = doc[region.end] if region.end < clause.end else None
        if (
            before >= last
            and doc[before].lower_ == "with"
            # Signed, paired or opened with it: not "will work with Y to implement it".
            and _SIGNING_KINDS.intersection(doc.user_data["cue"][last:before])
            # Not a region naming what follows: "with Hong Kong schools", "with Finland's X",
            # nor a list of places standing for their bodies: "with Sanhe, Dachang and X".
            and (after is None or after.is_punct or after.lower_ in _AFTER_A_PARTNER)
            and not starts.intersection(range(region.end + 1, region.end + 3))
        ):
            return [[institutions, [region]]]
    return []


_SIGNING_KINDS = frozenset({AgreementKind.SIGNED, AgreementKind.PAIRED, AgreementKind.BRANCH})
# Words that may follow a partner named last in a clause: "with Y to open", "with Y on Monday".
_AFTER_A_PARTNER = frozenset({"to", "on", "in", "for", "at", "under", "last", "this", "from"})


def branch_groups(
    clause: Span, institutions: list[Party], regions: list[Party]
) -> list[list[list[Party]]]:
    """The sides of a branch: each institution with the place it opens in ("a branch in
    Y", "opened Y campuses"); two that "jointly" open one, together; an item under a lead
    of branches ("1. X -- Y County Education Bureau"), its two; else one that signs with
    a region."""
    doc = clause.doc
    kind = AgreementKind.BRANCH
    cues = doc.user_data["cue"][clause.start : clause.end]
    # A list item inherits its kind from its lead: its trigger is before it.
    trigger = clause.start + cues.index(kind) if kind in cues else clause.start - 1
    # "a branch in Y", or "opened Y campuses" (a campus in Y is often a venue).
    lower = doc.user_data["lower"]
    places = [
        r
        for r in regions
        if (r.start > trigger and doc[r.start - 1].lower_ == "in")
        or (r.end < len(doc) and doc[r.end].lower_ == "campuses")
        # "a branch campus in Fuzhou's Mawei District"
        or (
            r.start > trigger + 2
            and doc[r.start - 1].text in POSSESSIVES
            and "in" in lower[max(trigger, r.start - 5) : r.start]
        )
    ]
    groups = [[[s], [places[0]]] for s in institutions] if places else []
    together = "jointly" in lower[max(clause.start, trigger - 4) : trigger]
    if len(institutions) > 1 and together and "each" not in lower[clause.start : clause.end]:
        # "A and B will jointly open a branch campus in Y": the two open it together.
        groups = [[[s] for s in institutions]]
    if not places and len(institutions) == 2 and trigger < clause.start:
        # An item under a lead of branches: the school and the body it runs the branch with.
        groups = [[[institutions[0]], [institutions[1]]]]
    return groups or signed_with_region(clause, institutions, regions, kind)
