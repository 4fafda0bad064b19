"""The records an article's reading adds up to: the institutions that take part (not those
named only in passing, or generic names), each with its aliases, place and kind; the regions
in their hierarchy; programmes with their participants; agreements less those a denial
undoes; each agreement's confidence."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from educoop.graph.model import InstitutionKind
from educoop.loaders.gazetteer import normalise
from educoop.loaders.records import RecordFile
from educoop.loaders.text.bodies import place_unnamed_bodies
from educoop.loaders.text.confidence import score_agreements
from educoop.loaders.text.parties import Names, Party, Programme
from educoop.loaders.text.places import _place_regions, _region_in_name, regions_given
from educoop.loaders.text.sides import registered_names, without_denied
from educoop.loaders.vocabulary import HEADS, generic_name


def assemble(
    parties: list[Party],
    names: Names,
    programmes: dict[str, Programme],
    canonical: dict[str, str],
    name_of: Callable[[Party], str],
    agreements: list[dict[str, Any]],
    involved: set[str],
    denied: dict[str, int],
    document: dict[str, Any],
) -> RecordFile:
    """The records of an article from what reading it found: its ``parties`` in reading
    order, the ``names`` it defines, its ``programmes``, the ``canonical`` name of each
    name, the ``agreements`` read, the institutions ``involved`` in cooperation and those
    ``denied`` to have signed; ``document`` is its title and date."""
    acting = {name for a in agreements for side in a["sides"] for name in side}
    acting |= {name for p in programmes.values() for name in p.participants}
    aliases: dict[str, list[str]] = {}
    for alias, name in [*canonical.items(), *names.aliases.items()]:
        aliases.setdefault(canonical.get(name, name), []).append(alias)
    institutions: list[dict[str, Any]] = []
    seen = set()
    given = regions_given(parties, name_of)
    for party in parties:
        name = name_of(party)
        if party.label != "institution" or name in seen:
            continue
        if (
            name in programmes
            or (name not in acting and name in names.described)
            or (
                name not in acting
                and (generic_name(name) or name not in involved)
                and normalise(name) not in registered_names()
            )
        ):
            continue
        seen.add(name)
        head = name.split(" (")[0].split(",")[0].split()[-1].lower()
        of_head = next((w.lower() for w in name.split() if w.lower() in HEADS), head)
        institutions.append(
            {
                "name": name,
                "aliases": sorted(set(aliases.get(name, [])) - {name}),
                "region": given.get(name) or _region_in_name(name),
                "kind": str(HEADS.get(head, HEADS.get(of_head, InstitutionKind.OTHER))),
            }
        )
    region_names = sorted({p.name for p in parties if p.label == "region"}, key=normalise)
    region_names += sorted({i["region"] for i in institutions if i["region"]} - set(region_names))
    regions, unplaced = _place_regions(region_names, names.local_regions)
    kept_agreements = without_denied(agreements, denied)
    kept_agreements = [
        a for a in kept_agreements if not any(unplaced.intersection(s) for s in a["sides"])
    ]
    for institution in institutions:
        if institution["region"] in unplaced:
            institution["region"] = None
    kept = {i["name"] for i in institutions} | {r["name"] for r in regions}
    records = RecordFile.model_validate(
        {
            "document": document,
            "institutions": institutions,
            "regions": regions,
            "programmes": [
                {
                    "name": programme.name,
                    "aliases": programme.aliases,
                    "participants": [
                        {"name": name, "role": str(role)}
                        for name, role in programme.participants.items()
                        if name in kept
                    ],
                }
                for programme in programmes.values()
                if programme.name not in kept
            ],
            "agreements": kept_agreements,
        }
    )
    place_unnamed_bodies(records, [p.name for p in parties if p.label == "region"])
    score_agreements(records)
    return records
