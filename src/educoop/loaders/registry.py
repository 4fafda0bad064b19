"""Entity resolution for institutions: which known institution a name in a file is.

Known institutions come from the bundled registry (``data/registry.yaml``), from registry
files the user adds, and from the documents resolved before (``loaders/derive.py``). A name is
matched by these rules, in order; the first that holds decides, and the match carries its
rule and score:

1. ``exact`` (1.0): the normalised name or an alias, or the Chinese name.
2. ``acronym`` (0.95): an acronym the registry or the text defines ("CCIPE"), only when
   the places agree: "SIT" of Shenzhen is not "SIT" of Singapore.
3. ``region-prefix`` (0.95): the name with or without a region in front ("Hong Kong Tung
   Wah College" is "Tung Wah College" when that college is in Hong Kong), or "X in Y".
4. ``pinyin`` (0.9): an English form spelled from the Chinese name ("Donghua College" is
   东华学院, Tung Wah College).
5. ``fuzzy`` (the rapidfuzz ratio / 100): at least ``FUZZY_MERGE`` when the region and the
   kind agree. A ratio between ``FUZZY_REVIEW`` and ``FUZZY_MERGE`` with agreeing region
   and kind is not merged but kept as a candidate for a person to review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pypinyin import lazy_pinyin
from rapidfuzz import fuzz

from educoop.errors import InputError
from educoop.graph.model import InstitutionKind
from educoop.graph.schema import Props
from educoop.loaders.files import read_text
from educoop.loaders.gazetteer import Gazetteer, bundled_gazetteer, normalise
from educoop.loaders.government import body_keys, place_of_key
from educoop.loaders.vocabulary import CJK, generic_name

# Token-sort ratios (0-100): at or above FUZZY_MERGE with agreeing region and kind, two
# names are one institution; from FUZZY_REVIEW up they are a candidate for review.
# Measured: true variants score 93-95 ("Jiangmen Vocational and Technical College" / "...
# Vocational & Technical College" 95, "Jiangmen Central Hospital" / "... Centre Hospital"
# 94), a short form 82 ("Jiangmen Yates Vocational School" / "... Vocational and Technical
# School": for review), different schools of one town 51 ("Haining Experimental Primary
# School" / "Haining Ziwei Junior High School").
FUZZY_MERGE = 92
FUZZY_REVIEW = 80

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,9}$|^[A-Z]+\([A-Z]+\)$")
# Chinese endings of institution names and the English head nouns that render them.
_CHINESE_HEADS = (
    ("职业技术学院", ("Vocational and Technical College", "Polytechnic")),
    ("师范大学", ("Normal University",)),
    ("大学", ("University",)),
    ("学院", ("College", "Institute", "Academy")),
    ("中学", ("Middle School", "High School", "Secondary School")),
    ("小学", ("Primary School",)),
    ("幼儿园", ("Kindergarten",)),
    ("医院", ("Hospital",)),
    ("教育局", ("Education Bureau",)),
)


class RegistryEntry(BaseModel):
    """One institution of a registry file."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=1)
    name_zh: str | None = None
    aliases: list[str] = []
    acronyms: list[str] = []
    kind: InstitutionKind = InstitutionKind.OTHER
    region: str | None = None
    ids: dict[str, str] = {}


class _RegistryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    institutions: list[RegistryEntry] = []


@dataclass(frozen=True)
class Known:
    """A known institution: its id and canonical name, and what it is known by."""

    id: str
    name: str
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    kind: str | None = None
    region: str | None = None  # a region name, or None
    ids: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of_node(cls, node_id: str, props: Props, region: str | None) -> Known:
        """The institution a derived graph's node is, placed in ``region`` (a name)."""
        return cls(
            id=node_id,
            name=props["name"],
            name_zh=props.get("name_zh"),
            aliases=tuple(props.get("aliases") or ()),
            kind=props.get("kind"),
            region=region,
        )


@dataclass(frozen=True)
class Match:
    known: Known
    rule: str
    score: float


@dataclass
class Candidate:
    """A pair of names that may be one institution: for a person to decide."""

    name: str
    known: Known
    score: float


_ORDINALS = frozenset(
    {
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
    }
)


@lru_cache(maxsize=1 << 16)
def _numbers(name: str) -> frozenset[str]:
    """The numbers and ordinals in a name."""
    words = re.findall(r"\w+", name.lower())
    return frozenset(word for word in words if word.isdigit() or word in _ORDINALS)


def fuzzy_key(name: str) -> tuple[frozenset[str], str]:
    """What the fuzzy rule compares of a name: its numbers, which must be the same, and its
    normalised form."""
    return _numbers(name), normalise(name)


def fuzzy_query(name: str) -> bool:
    """Whether the fuzzy rule looks for this name (not an acronym, not a Chinese name); it
    compares it with every name of a known institution."""
    return not (is_acronym(name) or CJK.search(name))


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name.replace(" ", "")))


def pinyin_forms(name_zh: str) -> list[str]:
    """English forms of a Chinese institution name: its place-and-proper part in pinyin,
    then the English head its ending stands for. 东华学院 gives "Donghua College",
    "Donghua Institute" and "Donghua Academy".

    >>> pinyin_forms("东华学院")[0]
    'Donghua College'
    """
    for ending, heads in _CHINESE_HEADS:
        if name_zh.endswith(ending) and len(name_zh) > len(ending):
            proper = "".join(lazy_pinyin(name_zh[: -len(ending)])).capitalize()
            return [f"{proper} {head}" for head in heads]
    return []


def load_registry(path: str | Path) -> list[RegistryEntry]:
    """The institutions of a registry file, or InputError naming the file and entry."""
    path = Path(path)
    text, _ = read_text(path, what="a registry")
    try:
        data = yaml.safe_load(text) or {}
        return _RegistryFile.model_validate(data).institutions
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = line + 1 if line is not None else None
        raise InputError(str(path), "invalid YAML", line=where) from None
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise InputError(str(path), error["msg"], field=where) from None


@cache
def bundled_registry() -> tuple[RegistryEntry, ...]:
    path = resources.files("educoop.loaders").joinpath("data/registry.yaml")
    data = yaml.safe_load(path.read_text("utf-8"))
    return tuple(_RegistryFile.model_validate(data).institutions)


@dataclass
class Registry:
    """Known institutions, indexed for the matching rules."""

    gazetteer: Gazetteer = field(default_factory=bundled_gazetteer)
    _by_id: dict[str, Known] = field(default_factory=dict)
    _exact: dict[str, Known] = field(default_factory=dict)
    _acronyms: dict[str, list[Known]] = field(default_factory=dict)
    _pinyin: dict[str, Known] = field(default_factory=dict)
    # Known names without the place in front of them: "Tung Wah College" for "Hong Kong
    # Tung Wah College".
    _unprefixed: dict[str, Known] = field(default_factory=dict)
    # A region's government bodies by place and kind, in either language (``body_keys``).
    _bodies: dict[str, dict[str, Known]] = field(default_factory=dict)
    # Fuzzy matching compares institutions of one kind only.
    _by_kind: dict[str | None, dict[str, Known]] = field(default_factory=dict)
    # The places each region name may be, looked up once (the gazetteer does not change).
    _region_chains: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[RegistryEntry] = ()) -> Registry:
        """The bundled registry, then ``entries`` (user registries); a later entry adds
        names to an institution an earlier one knows. Institutions of the documents are
        added as they are resolved (``add``)."""
        from educoop.graph.model import institution_id

        registry = cls()
        for entry in (*bundled_registry(), *entries):
            registry.add(
                Known(
                    id=institution_id(entry.name),
                    name=entry.name,
                    name_zh=entry.name_zh,
                    aliases=tuple(entry.aliases),
                    acronyms=tuple(entry.acronyms),
                    kind=str(entry.kind),
                    region=entry.region,
                    ids=tuple(sorted(entry.ids.items())),
                )
            )
        return registry

    def add(self, known: Known) -> Known:
        """Index an institution; one that shares a name with a known one joins it."""
        same = self._exact.get(normalise(known.name))
        if same is not None and self.regions_agree(same.region, known.region):
            known = Known(
                id=same.id,
                name=same.name,
                name_zh=same.name_zh or known.name_zh,
                aliases=tuple(dict.fromkeys((*same.aliases, *known.aliases))),
                acronyms=tuple(dict.fromkeys((*same.acronyms, *known.acronyms))),
                kind=same.kind or known.kind,
                region=same.region or known.region,
                ids=same.ids or known.ids,
            )
        previous = self._by_id.get(known.id)
        if previous is not None:
            self._by_kind[previous.kind].pop(known.id, None)
        self._by_id[known.id] = known
        self._by_kind.setdefault(known.kind, {})[known.id] = known
        for name in (known.name, *known.aliases):
            if is_acronym(name):
                self._acronyms.setdefault(name, []).append(known)
                continue
            self._exact[normalise(name)] = known
            words = name.split()
            for size in range(1, min(4, len(words))):
                if self.gazetteer.candidates(" ".join(words[:size])):
                    self._unprefixed.setdefault(normalise(" ".join(words[size:])), known)
        for name in (known.name, *known.aliases, *([known.name_zh] if known.name_zh else [])):
            for key in self._body_keys(name, known.region):
                self._bodies.setdefault(key, {})[known.id] = known
        if known.name_zh:
            self._exact[normalise(known.name_zh)] = known
            for form in pinyin_forms(known.name_zh):
                self._pinyin.setdefault(normalise(form), known)
        for acronym in known.acronyms:
            self._acronyms.setdefault(acronym, []).append(known)
        return known

    def by_id(self, node_id: str) -> Known | None:
        return self._by_id.get(node_id)

    def known(self) -> list[Known]:
        """Every institution known, by id."""
        return [self._by_id[node_id] for node_id in sorted(self._by_id)]

    def keys(self, name: str) -> tuple[frozenset[str], frozenset[str]]:
        """The keys under which a rule other than ``fuzzy`` may match this name to another,
        either way: its whole keys (the normalised name, the pinyin forms of a Chinese
        name; an acronym is a key of its own), and its stripped keys (without a place in
        front, or " in <place>" after it). A rule meets a whole key of one name with a
        whole or stripped key of the other; two names that do not meet so are matched by
        no such rule (``educoop.loaders.incremental``)."""
        if is_acronym(name):
            return frozenset({f"acronym:{name}"}), frozenset()
        whole = {normalise(name)}
        if CJK.search(name):
            whole.update(normalise(form) for form in pinyin_forms(name))
        whole.update(body_keys(name, self.gazetteer))
        stripped = {normalise(self._strip_place_suffix(name))}
        words = name.split()
        for size in range(1, min(4, len(words))):
            if self.gazetteer.candidates(" ".join(words[:size])):
                stripped.add(normalise(" ".join(words[size:])))
        return frozenset(whole), frozenset(stripped - whole)

    def named(self, name: str) -> Known | None:
        """The known institution of exactly this name, wherever it is."""
        return self._exact.get(normalise(name))

    # Regions ---------------------------------------------------------------------------
    def _chains(self, region: str | None) -> frozenset[tuple[str, ...]]:
        if not region:
            return frozenset()
        chains = self._region_chains.get(region)
        if chains is None:
            chains = frozenset(entry.chain for entry in self.gazetteer.candidates(region))
            self._region_chains[region] = chains
        return chains

    def regions_agree(self, a: str | None, b: str | None) -> bool:
        """Unknown places agree with anything; known ones when one lies in the other."""
        chains_a, chains_b = self._chains(a), self._chains(b)
        if not chains_a or not chains_b:
            return True
        return any(x[: len(y)] == y or y[: len(x)] == x for x in chains_a for y in chains_b)

    def _known_region(self, region: str | None) -> bool:
        return bool(self._chains(region))

    # Matching --------------------------------------------------------------------------
    def match(
        self, names: Iterable[str], region: str | None = None, kind: str | None = None
    ) -> Match | Candidate | None:
        """The known institution that any of ``names`` (a name and its aliases) is, by
        the first rule that holds; else the best fuzzy candidate for review; else None."""
        names = [name for name in names if name]
        for name in names:
            if is_acronym(name):
                continue
            found = self._exact.get(normalise(name))
            if found is None or not self.regions_agree(found.region, region):
                continue
            # "Municipal Education Bureau" is every city's: only where the city is known.
            if generic_name(name) and not (
                self._known_region(region) and self._known_region(found.region)
            ):
                continue
            return Match(found, "exact", 1.0)
        for name in names:
            if not is_acronym(name):
                continue
            agreeing = [
                known
                for known in self._acronyms.get(name, [])
                if self._known_region(known.region)
                and self._known_region(region)
                and self.regions_agree(known.region, region)
            ]
            if len({known.id for known in agreeing}) == 1:
                return Match(agreeing[0], "acronym", 0.95)
        for name in names:
            found = self._without_region(name, region)
            if found is not None:
                return Match(found, "region-prefix", 0.95)
        for name in names:
            found = self._body(name, region)
            if found is not None:
                return Match(found, "government body", 0.95)
        for name in names:
            found = self._in_pinyin(name, names)
            if found is not None and self.regions_agree(found.region, region):
                return Match(found, "pinyin", 0.9)
        return self._fuzzy(names, region, kind)

    def _body_keys(self, name: str, region: str | None) -> frozenset[str]:
        """A government body's key, when its name and region say which place it is: one
        key, or none ("Suzhou Municipal Education Bureau" is 苏州's or 宿州's, unless its
        region tells)."""
        keys = body_keys(name, self.gazetteer)
        if len(keys) > 1 and region:
            places = [entry.chain for entry in self.gazetteer.candidates(region)]
            if len(places) == 1:
                keys = frozenset(
                    key
                    for key in keys
                    if (chain := place_of_key(key))[: len(places[0])] == places[0]
                    or places[0][: len(chain)] == chain
                )
        return keys if len(keys) == 1 else frozenset()

    def _body(self, name: str, region: str | None) -> Known | None:
        """The one known government body of this name's place and kind."""
        found = {
            known.id: known
            for key in self._body_keys(name, region)
            for known in self._bodies.get(key, {}).values()
            if self.regions_agree(known.region, region)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def _in_pinyin(self, name: str, names: list[str]) -> Known | None:
        """The known institution whose Chinese name this name renders in pinyin, or, for a
        Chinese name, whose English name renders it: "Hangzhou Normal University" and
        杭州师范大学; not one with another Chinese name (pinyin has no tones: 山西 and
        陕西 are both "Shanxi")."""
        if not CJK.search(name):
            return self._pinyin.get(normalise(self._strip_place_suffix(name)))
        for form in pinyin_forms(name):
            found = self._exact.get(normalise(form))
            if found is not None and (found.name_zh is None or found.name_zh in names):
                return found
        return None

    def _strip_place_suffix(self, name: str) -> str:
        """ "Donghua College in Hong Kong" is "Donghua College"."""
        head, _, place = name.rpartition(" in ")
        return head if head and self.gazetteer.candidates(place) else name

    def _without_region(self, name: str, region: str | None) -> Known | None:
        """The known institution this name is with a region before it taken away ("Hong
        Kong Tung Wah College"), or after it ("Donghua College in Hong Kong"), when the
        institution lies in that region."""
        words = name.split()
        forms = []
        for size in range(1, min(4, len(words))):
            place = " ".join(words[:size])
            if self.gazetteer.candidates(place):
                forms.append((" ".join(words[size:]), place))
        stripped = self._strip_place_suffix(name)
        if stripped != name:
            forms.append((stripped, name.rpartition(" in ")[2]))
        for rest, place in forms:
            found = self._exact.get(normalise(rest))
            if (
                found is not None
                and self.regions_agree(found.region, place)
                and self.regions_agree(found.region, region)
            ):
                return found
        # The other way: the known name has a place in front that this one lacks.
        known = self._unprefixed.get(normalise(name))
        if known is not None and self.regions_agree(known.region, region):
            return known
        return None

    def _fuzzy(
        self, names: list[str], region: str | None, kind: str | None
    ) -> Match | Candidate | None:
        if not self._known_region(region) or not kind:
            return None
        best: tuple[float, Known, str] | None = None
        for known in self._by_kind.get(kind, {}).values():
            if not self._known_region(known.region):
                continue
            if not self.regions_agree(known.region, region):
                continue
            for name in names:
                if not fuzzy_query(name):
                    continue
                for form in (known.name, *known.aliases):
                    # "No. 1 Middle School" and "No. 2 Middle School", "Third People's
                    # Hospital" and "Second ...": a number tells institutions apart.
                    if _numbers(name) != _numbers(form):
                        continue
                    score = fuzz.token_sort_ratio(normalise(name), normalise(form))
                    if best is None or score > best[0]:
                        best = (score, known, name)
        if best is None or best[0] < FUZZY_REVIEW:
            return None
        score, known, name = best
        if score >= FUZZY_MERGE:
            return Match(known, "fuzzy", round(score / 100, 3))
        return Candidate(name, known, round(score / 100, 3))
