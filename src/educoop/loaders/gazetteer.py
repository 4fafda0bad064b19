"""The bundled region gazetteer: names, aliases and the hierarchy of known regions."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from educoop.graph.model import RegionLevel, region_id


@dataclass(frozen=True)
class KnownRegion:
    """A gazetteer entry. ``chain`` runs from the top of the hierarchy down to this region."""

    chain: tuple[str, ...]
    level: RegionLevel
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    iso_code: str | None = None
    zones: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.chain[-1]

    @property
    def id(self) -> str:
        return region_id(list(self.chain))


def normalise(name: str) -> str:
    """The lookup form of a name: NFKC, case-folded, spaces collapsed, typographic quotes
    and dashes made plain."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return " ".join(text.split())


class Gazetteer:
    """Known regions, looked up by any of their names."""

    def __init__(self, entries: list[KnownRegion]) -> None:
        self.entries = entries
        self._by_name: dict[str, list[KnownRegion]] = {}
        for entry in entries:
            for name in {entry.name, entry.name_zh, *entry.aliases} - {None}:
                self._by_name.setdefault(normalise(name), []).append(entry)

    def candidates(self, name: str) -> list[KnownRegion]:
        """Every known region that goes by ``name``."""
        return list(self._by_name.get(normalise(name), ()))

    def by_chain(self, chain: tuple[str, ...]) -> KnownRegion | None:
        return next((entry for entry in self.entries if entry.chain == chain), None)


def _walk(nodes: list[dict], parent: tuple[str, ...], out: list[KnownRegion]) -> None:
    for node in nodes:
        chain = (*parent, node["name"])
        out.append(
            KnownRegion(
                chain=chain,
                level=RegionLevel(node["level"]),
                name_zh=node.get("name_zh"),
                aliases=tuple(node.get("aliases", ())),
                iso_code=node.get("iso_code"),
            )
        )
        _walk(node.get("children", []), chain, out)


@cache
def bundled_gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``educoop/loaders/data/regions.yaml``."""
    text = resources.files("educoop.loaders").joinpath("data/regions.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    entries: list[KnownRegion] = []
    _walk(data["regions"], (), entries)
    zones_of: dict[tuple[str, ...], list[str]] = {}
    for zone in data.get("zones", []):
        entries.append(
            KnownRegion(
                chain=(zone["name"],),
                level=RegionLevel.ZONE,
                name_zh=zone.get("name_zh"),
                aliases=tuple(zone.get("aliases", ())),
            )
        )
        for path in zone["members"]:
            suffix = tuple(path.split("/"))
            member = next(e for e in entries if e.chain[-len(suffix) :] == suffix)
            zones_of.setdefault(member.chain, []).append(zone["name"])
    return Gazetteer(
        [
            KnownRegion(**{**entry.__dict__, "zones": tuple(zones_of.get(entry.chain, ()))})
            for entry in entries
        ]
    )
