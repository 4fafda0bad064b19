"""A region's government bodies meet across languages on one key: the place and the kind
of body. "广州市教育局", "Guangzhou Municipal Education Bureau" and "Education Bureau of
Guangzhou" are one body; "Huangpu District People's Government" is 黄埔区人民政府 or
黄浦区人民政府, whichever of the two Huangpu districts the store knows a government of.

A key is ``body:<kind>|<the place's chain in the gazetteer>``: a name whose place the
gazetteer holds twice has a key for each.
"""

from __future__ import annotations

from educoop.graph.model import RegionLevel
from educoop.loaders.gazetteer import MUNICIPALITIES, Gazetteer, KnownRegion
from educoop.loaders.vocabulary import CJK

# The kinds of body, by the words that end an English name (lower case, after the place
# and its level words) and by the Chinese endings; longest first where one holds another.
_ENGLISH = (
    ("education and sports bureau", "education-sports"),
    ("education and sport bureau", "education-sports"),
    ("education bureau", "education-bureau"),
    ("bureau of education", "education-bureau"),
    ("education commission", "education-commission"),
    ("commission of education", "education-commission"),
    ("education department", "education-department"),
    ("department of education", "education-department"),
    ("people's government", "government"),
    ("government", "government"),
)
_CHINESE = (
    ("教育体育局", "education-sports"),
    ("教体局", "education-sports"),
    ("教育委员会", "education-commission"),
    ("教育局", "education-bureau"),
    ("教委", "education-commission"),
    ("教育厅", "education-department"),
    ("人民政府", "government"),
    ("政府", "government"),
)
# Words of a place's level between it and its body: "Guangzhou Municipal Education Bureau".
_LEVEL_WORDS = frozenset(
    [
        "municipal",
        "city",
        "provincial",
        "province",
        "district",
        "county",
        "prefectural",
        "prefecture",
        "township",
        "town",
        "regional",
        "autonomous",
        "region",
        "special",
        "administrative",
    ]
)
# The level a level word or a Chinese suffix says a place is at ("Jilin Provincial" is the
# province, "Jilin Municipal" the city); a municipality such as Beijing is "municipal" too.
_ENGLISH_LEVELS = {
    "provincial": {RegionLevel.PROVINCE},
    "province": {RegionLevel.PROVINCE},
    "municipal": {RegionLevel.CITY, RegionLevel.PROVINCE},
    "city": {RegionLevel.CITY, RegionLevel.PROVINCE},
    "prefectural": {RegionLevel.CITY},
    "prefecture": {RegionLevel.CITY},
    "district": {RegionLevel.DISTRICT},
    "county": {RegionLevel.DISTRICT},
}
_CHINESE_LEVELS = {
    "省": {RegionLevel.PROVINCE},
    "市": {RegionLevel.CITY, RegionLevel.PROVINCE},
    "区": {RegionLevel.DISTRICT, RegionLevel.ZONE},
    "县": {RegionLevel.DISTRICT},
}


def _of_level(places: list[KnownRegion], levels: set[RegionLevel] | None) -> list[KnownRegion]:
    """The places of ``levels`` (all for None); a province "municipal" or 市 only where it
    is one of the four municipalities."""
    if levels is None:
        return places
    municipal = RegionLevel.CITY in levels
    return [
        p
        for p in places
        if p.level in levels
        and not (municipal and p.level == RegionLevel.PROVINCE and p.name not in MUNICIPALITIES)
    ]


def body_keys(name: str, gazetteer: Gazetteer) -> frozenset[str]:
    """The keys of a government body's name, empty for any other name.

    >>> from educoop.loaders.gazetteer import bundled_gazetteer
    >>> body_keys("广州市教育局", bundled_gazetteer()) == body_keys(
    ...     "Guangzhou Municipal Education Bureau", bundled_gazetteer())
    True
    """
    if CJK.search(name):
        kind, places = _chinese(name, gazetteer)
    else:
        kind, places = _english(name, gazetteer)
    if kind is None:
        return frozenset()
    return frozenset(f"body:{kind}|{'/'.join(place.chain)}" for place in places)


def place_of_key(key: str) -> tuple[str, ...]:
    """The gazetteer chain of the place a ``body_keys`` key is for."""
    return tuple(key.split("|", 1)[1].split("/"))


def _english(name: str, gazetteer: Gazetteer) -> tuple[str | None, list[KnownRegion]]:
    text = " ".join(name.replace("\u2019", "'").lower().split()).removeprefix("the ")
    for ending, kind in _ENGLISH:
        if text.endswith(" " + ending):  # "Guangzhou Municipal Education Bureau"
            return kind, _place_before(text[: -len(ending)].split(), gazetteer)
        if text.startswith(ending + " of "):  # "Education Bureau of Guangzhou"
            return kind, _place_before(text[len(ending) + 4 :].split(), gazetteer)
    return None, []


def _place_before(words: list[str], gazetteer: Gazetteer) -> list[KnownRegion]:
    """The places ``words`` name, of the level their level words say ("huangpu district",
    "jilin provincial"), after the place they lie in, if given ("shanghai minhang
    district"); none when a word is left over."""
    for start in range(len(words)):
        outer = gazetteer.candidates(" ".join(words[:start])) if start else []
        if start and not outer:
            continue
        for size in range(len(words), start, -1):
            if all(word in _LEVEL_WORDS for word in words[size:]):
                levels = [_ENGLISH_LEVELS[w] for w in words[size:] if w in _ENGLISH_LEVELS]
                found = gazetteer.candidates(" ".join(words[start:size]))
                found = [c for c in found if not outer or _within(c, outer)]
                found = _of_level(found, set.intersection(*levels) if levels else None)
                if found:
                    return found
    return []


def _chinese(name: str, gazetteer: Gazetteer) -> tuple[str | None, list[KnownRegion]]:
    for ending, kind in _CHINESE:
        if name.endswith(ending) and len(name) > len(ending):
            return kind, _places_of(name[: -len(ending)], gazetteer)
    return None, []


def _places_of(text: str, gazetteer: Gazetteer) -> list[KnownRegion]:
    """The smallest place of a string of places ("广州市黄埔区": Huangpu District of
    Guangzhou), read from the left, each inside the one before and of the level its suffix
    says (吉林省 the province, 吉林市 the city); none when a character is left over."""
    found: list[KnownRegion] = []
    at = 0
    while at < len(text):
        for end in range(len(text), at + 1, -1):
            part = text[at:end]
            candidates = _of_level(gazetteer.candidates(part), _CHINESE_LEVELS.get(part[-1]))
            inside = [c for c in candidates if not found or _within(c, found)]
            if inside:
                found, at = inside, end
                break
        else:
            return []
    return found


def _within(place: KnownRegion, outer: list[KnownRegion]) -> bool:
    return any(place.chain[: len(o.chain)] == o.chain for o in outer)
