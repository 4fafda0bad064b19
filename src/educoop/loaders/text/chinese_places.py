"""China's places as Chinese articles write them (issue 18): the gazetteer's Chinese names
with and without their suffix ("苏州" and "苏州市"), the provinces' one-character names
strung together ("京津冀"), a place written just before a place inside it, and places before a
general head that name a set of schools rather than one ("香港学校")."""

from __future__ import annotations

import re
from functools import cache

from educoop.graph.model import RegionLevel
from educoop.loaders.gazetteer import (
    KnownRegion,
    autonomous_short,
    bundled_gazetteer,
    suffixed,
    upgraded,
)

# The one-character names of the provinces, as news strings them together for a
# cooperation of several: "京津冀", "闽宁协作", "沪苏浙皖", "粤港澳".
PROVINCE_LETTERS = {
    "粤": "广东", "苏": "江苏", "浙": "浙江", "沪": "上海", "京": "北京", "冀": "河北",
    "津": "天津", "皖": "安徽", "闽": "福建", "宁": "宁夏", "川": "四川", "渝": "重庆",
    "桂": "广西", "黔": "贵州", "滇": "云南", "藏": "西藏", "陕": "陕西", "甘": "甘肃",
    "青": "青海", "鲁": "山东", "豫": "河南", "鄂": "湖北", "湘": "湖南", "赣": "江西",
    "晋": "山西", "辽": "辽宁", "琼": "海南", "港": "香港", "澳": "澳门", "蒙": "内蒙古",
}  # fmt: skip
_LETTER = f"[{''.join(PROVINCE_LETTERS)}]"
# Two to four of them, together or listed ("京、津、冀"), then a word that says they act
# together ("沪苏浙皖三省一市", "京、津、冀三地"); or one of them as a side ("冀方", "宁方").
PROVINCE_GROUP = re.compile(
    f"({_LETTER}(?:、?{_LETTER}){{1,3}})"
    "(?=协作|合作|教育|两地|三地|四地|三省|四省|一体化|区域|携手|联合|共同|对口|地区|签)"
    # Not 澳方 or 蒙方: in news those are Australia's and Mongolia's sides.
    f"|({_LETTER.replace('澳', '').replace('蒙', '')})(?=方(?![面式法案向针便位]))"
)


# jieba's tags of nouns and names, and how often a word that is a place's bare name may be
# in its dictionary before it is read as a common word instead.
_NOUNS = frozenset({"n", "nr", "nz", "j", "nrt", "nt"})
_COMMON_NAME = 1000


@cache
def place_names() -> dict[str, KnownRegion]:
    """China's regions by their Chinese names, with and without their suffix; where two
    share a name, the curated and larger one."""
    import jieba
    import jieba.posseg

    tags = jieba.posseg.dt.word_tag_tab  # the dictionary's tag of each word
    jieba.dt.check_initialized()  # its frequencies
    found: dict[str, KnownRegion] = {}
    order = {level: rank for rank, level in enumerate(RegionLevel)}
    entries = [e for e in bundled_gazetteer().entries if e.name_zh and e.chain[0] == "China"]
    entries.sort(key=lambda e: (not e.curated, order.get(e.level, 9), e.chain))
    for entry in entries:
        name = str(entry.name_zh)
        # The curated layer names "杭州" for 杭州市, "浙江" for 浙江省.
        forms = [name, *filter(None, [suffixed(entry), autonomous_short(entry)])]
        if entry.level in (RegionLevel.PROVINCE, RegionLevel.CITY):
            # A county's bare name is often a word ("合作", "新华"): only with its suffix.
            bare = re.sub(r"(?:自治区|自治州|特别行政区|省|市|州)$", "", name)
            # Not when the dictionary knows it as a common word ("合作", "东方"); a rare
            # noun or name is the place ("百色" and "天水" are tagged nouns).
            tag, frequency = tags.get(bare, "ns"), jieba.dt.FREQ.get(bare) or 0
            # Only a province's or a prefecture's: a county-level city's bare name is more
            # often a school's or a street's ("杭州市天长小学" is no school of 天长市).
            prefecture = len(entry.chain) <= 3
            if tag == "ns" or (prefecture and tag in _NOUNS and frequency < _COMMON_NAME):
                forms.append(bare)
        if entry.level == RegionLevel.ZONE and name.endswith("新区"):
            forms.append(name.removesuffix("新区"))  # "雄安" for 雄安新区
        for form in forms:
            if len(form) >= 2:
                found.setdefault(form, entry)
    # A county's name as the city it became (平果市), where no place has the name already.
    for entry in entries:
        city = upgraded(entry)
        if city:
            found.setdefault(city, entry)
    return found


@cache
def region_pattern() -> re.Pattern[str]:
    names = sorted(place_names(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def region_of(name: str) -> KnownRegion | None:
    """The smallest region a name starts with ("杭州市第二中学": Hangzhou)."""
    best = None
    at = 0
    for match in region_pattern().finditer(name):
        if match.start() != at:
            break
        entry = place_names()[match.group()]
        best, at = entry, match.end()
    return best


def without_outer_places(mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Mentions without a place written just before a place inside it: "那曲市色尼区" and
    "新疆喀什地区" name the district and the prefecture, not two parties."""
    gazetteer = bundled_gazetteer()

    def chains(name: str) -> list[tuple[str, ...]]:
        return [entry.chain for entry in gazetteer.candidates(name)]

    kept = []
    for at, mention in enumerate(mentions):
        after = mentions[at + 1] if at + 1 < len(mentions) else None
        if after is not None and after[0] == mention[1]:
            outer, inner = chains(mention[2]), chains(after[2])
            if any(i[: len(o)] == o and i != o for o in outer for i in inner):
                continue
        kept.append(mention)
    return kept


# Names that are no institution: a set of schools, a pronoun-like short form.
_GENERIC = re.compile(
    r"^(?:[各全该本我两多诸这那其]|部分|一批|\d+所|[一二三四五六七八九十]+所|城区|市区|县区|区县|当地|本地)"
)
# What follows the places of a name that names a set of schools (``_only_places``).
_GENERAL_SCHOOLS = re.compile(
    r"^[东西南北]?部?(?:地区|两地|三地|四地|各地|各县市|各区县|各县|各区)?"
    r"(?:(?:姊妹|姐妹|友好|优质|结对|多所|各|部分|相关)?(?:学校|中小学|院校|高校)"
    r"|(?:其他|其它|研究型|综合性|应用型|市属|省属|属)(?:学校|中小学|院校|高校|大学|中学|小学))$"
)
# A kind of school before a general head names no school: "深港姊妹学校", "X研究型大学".
_OF_A_KIND = re.compile(
    r"(?:姊妹|姐妹|友好|结对|优质|其他|其它|研究型|综合性|应用型|多所|两地|三地|各地"
    r"|城乡|山区|乡村|农村|偏远|薄弱|直属|名校|援建|受援|帮扶|中职|直资|民办|公办|寄宿)"
    r"[\u4e00-\u9fff]{0,2}"
    r"(?:学校|院校|高校|大学|中学|小学|分校)$|中小学$"
    r"|^新一[轮批]"
)


def no_one_s_name(name: str) -> bool:
    """Whether a run ending in a head names no one institution: a set of schools
    ("皖北地区学校", "深港姊妹学校", "X研究型大学"), a pronoun-like or placeless form ("该校",
    "城区教育局")."""
    return bool(_GENERIC.match(name) or _OF_A_KIND.search(name) or _only_places(name))


def _only_places(name: str) -> bool:
    """Places and a general word before a general head: "香港学校", "粤港澳姊妹学校",
    "成渝两地多所中学" name a set of schools, not one."""
    rest = name
    while True:
        place = region_pattern().match(rest)
        letters = re.match(f"[{''.join(PROVINCE_LETTERS)}]+", rest)
        if place:
            rest = rest[place.end() :]
        elif letters and (len(letters.group()) >= 2 or rest[1:2] in ("东", "西", "南", "北")):
            # "皖北", "苏南": a province's part.
            rest = rest[letters.end() :]
        else:
            break
    return rest != name and _GENERAL_SCHOOLS.match(rest) is not None
