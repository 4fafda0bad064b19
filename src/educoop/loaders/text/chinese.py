"""The reader of Chinese articles (issue 18): institutions by their head words, China's
regions by their Chinese names (``chinese_places``), and signings, pairings, branches, plans
and exchanges sentence by sentence, in the same records as the English reader.

Words come from jieba (MIT; its dictionary ships with it): a name is the run of words
before a head word ("杭州市/第二/中学"), stopped by punctuation and by the words that join or
introduce parties ("与", "和", "分别", "在", "由" ...), so that "和平中学" stays one name
while "A和B" is two. A place is named as the article writes it, its English name an
alias. Witnesses, officials present, hosts and organisers (the clause of "见证", "出席",
"主办", "组织下" ...) are not parties, nor are the members of an alliance founded: they
are its members (``chinese_programmes``).

Traditional characters are read as simplified (``chinese_script``), character for
character, and names keep the article's own characters. What it does not do yet:
coreference beyond "该校" ("双方", "两校"). Names in Chinese meet names in English in the store
(``educoop.loaders.registry``), not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from educoop.graph.model import AgreementKind, InstitutionKind, PartialDate
from educoop.loaders.gazetteer import KnownRegion, bundled_gazetteer
from educoop.loaders.records import (
    AgreementIn,
    DocumentIn,
    InstitutionIn,
    RecordFile,
    RegionIn,
)
from educoop.loaders.text.chinese_places import (
    PROVINCE_GROUP,
    PROVINCE_LETTERS,
    no_one_s_name,
    place_names,
    region_of,
    region_pattern,
    without_outer_places,
)
from educoop.loaders.text.chinese_programmes import programme_at, programme_names, programmes_of
from educoop.loaders.text.chinese_script import HAN, in_the_article_s_characters, simplified
from educoop.loaders.text.chinese_sides import (
    DIRECTED,
    RESPECTIVELY,
    parties_in,
    sides_of,
    this_school,
)

# Head words, longest first, with the kind of institution they make.
_HEADS: tuple[tuple[str, InstitutionKind], ...] = (
    ("职业教育中心", InstitutionKind.SCHOOL),
    ("教育和体育局", InstitutionKind.GOVERNMENT),
    ("教育体育局", InstitutionKind.GOVERNMENT),
    ("教育委员会", InstitutionKind.GOVERNMENT),
    ("人民政府", InstitutionKind.GOVERNMENT),
    ("教体局", InstitutionKind.GOVERNMENT),
    ("教育局", InstitutionKind.GOVERNMENT),
    ("教育厅", InstitutionKind.GOVERNMENT),
    ("教委", InstitutionKind.GOVERNMENT),
    ("幼儿园", InstitutionKind.KINDERGARTEN),
    ("研究院", InstitutionKind.RESEARCH),
    ("研究所", InstitutionKind.RESEARCH),
    ("大学", InstitutionKind.UNIVERSITY),
    ("学院", InstitutionKind.COLLEGE),
    ("中学", InstitutionKind.SCHOOL),
    ("小学", InstitutionKind.SCHOOL),
    ("学校", InstitutionKind.SCHOOL),
    ("高中", InstitutionKind.SCHOOL),
    ("基金会", InstitutionKind.OTHER),
    ("附中", InstitutionKind.SCHOOL),
    # Numbered schools' short forms: "曲靖一中", "镇海二中".
    *((f"{number}中", InstitutionKind.SCHOOL) for number in "一二三四五六七八九十"),
    ("师大", InstitutionKind.UNIVERSITY),
    ("中心", InstitutionKind.OTHER),
    ("分校", InstitutionKind.SCHOOL),
    ("医院", InstitutionKind.HOSPITAL),
    ("有限公司", InstitutionKind.COMPANY),
    ("书院", InstitutionKind.SCHOOL),  # Hong Kong's schools: "拔萃女书院"
    # Hong Kong's, Macao's and new areas' bureaus: "教育及青年发展局", "公共服务局".
    ("发展局", InstitutionKind.GOVERNMENT),
    ("服务局", InstitutionKind.GOVERNMENT),
)
# jieba's tags of words that can open a name: places, people, organisations, other proper
# names, abbreviations. A name opens at the first of them (or at a region's name), so that
# "名校杭州市长寿桥小学" is "杭州市长寿桥小学" and "姊妹学校" is no name at all.
_PROPER = frozenset({"ns", "nr", "nt", "nz", "nrt", "nrfg"})
# National bodies that open a name as a place would ("教育部中外人文交流中心",
# "国家开放大学"); the dictionary tags them as common nouns.
_NATIONAL = frozenset({"教育部", "国务院", "国家", "中央", "科技部", "外交部", "共青团"})
# Words before a region that make it a place, not a party: "在杭州举行".
_PLACE_BEFORE = re.compile(r"(?:在|于|赴|到|来自|位于|落户|前往|本报|社)$")  # 社: 新华社天津电
# What follows a place that only says whose schools are meant: "与港澳学校", "香港、澳门的
# 七所学校", "越秀区已有43所学校"; "与深圳市及广州市的学校签约" too, but not where teachers
# go: "进驻比如县的中小学" is counterpart support of that county.
_SCHOOLS = r"(?:中小学|学校|高校|院校|幼儿园|中学|小学)"
_PLACE_OF_SCHOOLS = re.compile(
    r"(?:两地|三地|等地|地区)?(?:(?:的|已有|有|共有)[\d一二三四五六七八九十几多百余]+所"
    r"|[\d一二三四五六七八九十几多百余]*所?)" + _SCHOOLS
)
_WHOSE_SCHOOLS = re.compile("的" + _SCHOOLS)
# Words that end a name on its left, or stand between parties.
_STOP_WORDS = (
    "与 和 及 同 跟 以及 、 由 在 将 对 向 把 被 为 是 于 从 经 据 据悉 近日 日前 今天 昨天 "
    "昨日 今日 此前 随后 同时 其中 分别 共同 一起 双方 两校 该校 签订 签署 签约 结对 结为 "
    "缔结 举行 召开 出席 见证 主办 承办 参加 来自 组织 代表 率 率领 带领 位于 并 还 也 "
    "都 又 已 已经 正式 首批 新 当天 所 的 了 等 个 名 所学校 这 那 其 我 该 本 各 全 "
    # Going somewhere, founding something: "考察团一行赴X中学", "新建一所X学校".
    "赴 到 前往 一行 新建 筹建 一所 两所"
)
_STOPS = frozenset(_STOP_WORDS.split())
_SHORT_NAME = re.compile(
    r"\s*[（(][^（）()]{0,30}?(?:以下简称|以下称|简称|下称)\s*[“\"「]?([^”\"」）)]{2,12})[”\"」]?\s*[）)]"
)
_CAMPUS = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[）)]")
_PARENS_SHORT = re.compile(r"^[（(]([\u4e00-\u9fff]{2,8})[）)]")
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_CUES: tuple[tuple[str, AgreementKind], ...] = (
    (r"分校|分院|办学点|校区", AgreementKind.BRANCH),
    (
        r"结对|结为|姊妹学校|姐妹学校|友好学校|手拉手|对口|帮扶|支援|援助"
        r"|(?:建立|共建)\S{0,8}(?:关系|共同体)",
        AgreementKind.PAIRED,
    ),
    (r"行动方案|行动计划|规划|实施方案", AgreementKind.PLAN),
    (r"签订|签署|签约|缔结|协议|备忘录|框架", AgreementKind.SIGNED),
    # "交流" alone is in too many names ("中外人文交流中心"): only exchanges that are done.
    (
        r"互派|互访|(?:开展|进行|双向)\S{0,4}交流|选派|派驻|进驻|分赴|支教|援派",
        AgreementKind.EXCHANGE,
    ),
)
# Founding or joining an alliance, a community or a group of schools: memberships.
_MEMBERSHIP = re.compile(
    r"(?:联盟|共同体|联合体|教育集团)\S{0,12}?(?:成立|发起|组建|揭牌|成员|加入)"
    r"|(?:发起|组建|成立|加入)\S{0,20}?(?:联盟|共同体|联合体|教育集团)"
)
# A row of a list of pairs: "杭州市甲中学——衢州市乙中学"; or a numbered line of a list or
# a table with no sentence in it: "一、A与B", "1　A　B", "| 1 | A | B |".
_ROW = re.compile(r"\S\s*(?:——|—|－|–|-{1,2})\s*\S")
_LIST_LINE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[、.．)）]?[\s　|｜]|[|｜])[^。！？]*$"
)
_DATE = re.compile(r"(\d{4})\s*年\s*(?:(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?)?")
_RELATIVE = re.compile(r"(今年|去年|前年)\s*(?:(\d{1,2})\s*月)?")


def _words(text: str) -> list[tuple[str, str]]:
    """The text's words with their part-of-speech tags (jieba's)."""
    import jieba.posseg

    _taught()
    return [(pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=True)]


# Words jieba's dictionary lacks that open or make names: the bodies that run Hong Kong's
# and Macao's schools ("圣公会圣米迦勒小学", "保良局颜宝铃书院"), and the bureaus whose names
# hold a word that would end one ("教育及青年发展局": "及" joins parties elsewhere).
_LEXICON = (
    "圣公会 保良局 东华三院 仁济医院 博爱医院 中华基督教会 循道卫理联合教会 天主教 基督教 "
    "嘉诺撒 玛利诺 慈幼会 香港道教联合会 教育及青年发展局 中车 教育和体育局"
)


@cache
def _taught() -> None:
    import jieba

    jieba.setLogLevel(60)  # its start-up messages are not the user's business
    for word in _LEXICON.split():
        jieba.add_word(word, freq=1000, tag="nt")


@dataclass
class _Found:
    """What the article names: institutions (name to kind, region and aliases) and regions
    (the article's form to the gazetteer's entry), in the order first named."""

    institutions: dict[str, InstitutionIn] = field(default_factory=dict)
    regions: dict[str, KnownRegion] = field(default_factory=dict)
    short: dict[str, str] = field(default_factory=dict)  # short name -> full name


_HEAD_WORDS = frozenset(head for head, _ in _HEADS)  # "人民政府" alone names no one


def _head_of(text: str) -> InstitutionKind | None:
    return next((kind for head, kind in _HEADS if text.endswith(head)), None)


def _names_in(text: str) -> list[tuple[int, int, str, InstitutionKind]]:
    """Institution names in ``text``: (start, end, name, kind), in order."""
    found = []
    at = 0
    run: list[tuple[int, str, str]] = []  # (start, word, tag) since the last stop
    for word, tag in _words(text):  # jieba's words put together are the text
        start, at = at, at + len(word)
        if word.strip() in _STOPS or not (HAN.search(word) or word.strip().isdigit()):
            found += _name_of_run(text, run)
            run = []
        # A verb ends a name, but for a word the dictionary does not know as a common one,
        # or a single character cut off an unknown name, after the name has opened:
        # "澳门/培正/中学", "香港/拔萃/女/书院", "杭州市/卖/鱼/桥/小学" (not "崇川区/设立/分校").
        elif tag == "v" and not _head_of(word) and not _rare(word) and not (run and len(word) == 1):
            found += _name_of_run(text, run)  # a verb ends a name and opens no other
            run = []
        else:
            run.append((start, word, tag))
    return found + _name_of_run(text, run)


def _rare(word: str) -> bool:
    """A word jieba's dictionary holds rarely or not at all: a name's, not a verb's."""
    return (_frequencies().get(word) or 0) < _COMMON_WORD


@cache
def _frequencies() -> dict[str, int]:
    import jieba

    _taught()
    return jieba.dt.FREQ


# Words this frequent in jieba's dictionary are the language's own ("设立" 8773, "举办"
# 3541); school names' words are rare there ("拔萃" 8) or absent ("培正").
_COMMON_WORD = 100


def _without_branch_place(
    found: tuple[int, int, str, InstitutionKind],
) -> tuple[int, int, str, InstitutionKind]:
    """A school's branch in a place named as one ("北京市第十二中学固安分校") is the school,
    followed by the place and the word for a branch (read as a branch there)."""
    start, _, name, _ = found
    for place in region_pattern().finditer(name):
        school = name[: place.start()]
        head = _head_of(school)
        if head and len(school) >= 4 and re.fullmatch("分校|校区", name[place.end() :]):
            return start, start + len(school), school, head
    return found


def _opens_name(word: str, tag: str) -> bool:
    return tag in _PROPER or word in place_names() or word in _NATIONAL


def _name_of_run(
    text: str, run: list[tuple[int, str, str]]
) -> list[tuple[int, int, str, InstitutionKind]]:
    """The name a run of words ends with: from its first proper word up to the last word
    that completes a head."""
    if not run:
        return []
    begin = run[0][0]
    last = max(
        (i for i, (start, word, _) in enumerate(run) if _head_of(text[begin : start + len(word)])),
        default=None,
    )
    if last is None:
        return []
    # A place opens a name, also one jieba cuts in two ("平果/市").
    first = next(
        (
            i
            for i, (start, word, tag) in enumerate(run[: last + 1])
            if _opens_name(word, tag) or region_pattern().match(text, start)
        ),
        None,
    )
    if first is None:
        first = _nameless_opening(run[: last + 1])
    if first is None:
        return []
    start, end = run[first][0], run[last][0] + len(run[last][1])
    name = text[start:end]
    kind = _head_of(name)
    if len(name) < 4 or name in _HEAD_WORDS or kind is None or no_one_s_name(name):
        return []
    return [(start, end, name, kind)]


def _nameless_opening(run: list[tuple[int, str, str]]) -> int | None:
    """Where a university's name opens that starts with no place or proper name, but with
    nouns only ("电子科技/大学"): at the run's start, when the name is long enough to be
    one's own ("重点大学" is not)."""
    words = [word for _, word, _ in run]
    if not words:
        return None
    # "皇仁/书院", "拔萃/女/书院": a school named by a word the dictionary holds rarely.
    if words[-1] in ("书院", "中学", "小学", "学校") and len(words) >= 2 and _rare(words[0]):
        return (
            0
            if len(words[0]) >= 2 and all(tag in ("n", "nz", "v", "b") for _, _, tag in run)
            else None
        )
    if words[-1] not in ("大学", "学院") or len("".join(words)) < 6:
        return None
    return 0 if all(tag in ("n", "nz", "vn") for _, _, tag in run) else None


def _read_names(text: str, found: _Found) -> list[tuple[int, int, str]]:
    """Every mention of an institution or a region, (start, end, the party's name)."""
    mentions: list[tuple[int, int, str]] = []
    for start, end, name, kind in map(_without_branch_place, _names_in(text)):
        campus = _CAMPUS.match(text, end)
        region = region_of(name)
        if campus and campus.group(1) in place_names():  # "香港科技大学（广州）" lies in Guangzhou
            end, name = campus.end(), name + campus.group()
            region = place_names()[campus.group(1)]
        full = found.short.get(name, name)
        written_out = name[:-2] + "师范大学"  # "湖南师大" is 湖南师范大学
        if name.endswith("师大") and written_out in found.institutions:
            full = written_out
            if name not in found.institutions[full].aliases:
                found.institutions[full].aliases.append(name)
        if full not in found.institutions:
            found.institutions[full] = InstitutionIn(
                name=full, kind=kind, region=region.name if region else None
            )
        # A short form may be given at any mention, not only the first.
        for short in [m.group(1) for m in [_SHORT_NAME.match(text, end)] if m] or [
            m.group(1) for m in [_PARENS_SHORT.match(text[end : end + 12])] if m
        ]:
            if short not in found.short:
                found.short[short] = full
                found.institutions[full].aliases.append(short)
        mentions.append((start, end, full))
    for short, full in found.short.items():
        for match in re.finditer(re.escape(short), text):
            inside = any(s <= match.start() < e for s, e, _ in mentions)
            if not inside:
                mentions.append((match.start(), match.end(), full))
    for group in PROVINCE_GROUP.finditer(text):
        # "南宁方": the letter ends a place's name, and is no province.
        at = group.start()
        if any(text[k : at + 1] in place_names() for k in range(max(0, at - 3), at)):
            continue
        for at, letter in enumerate(group.group(), start=group.start()):
            if letter not in PROVINCE_LETTERS:
                continue  # the "、" of "京、津、冀"
            entry = place_names()[PROVINCE_LETTERS[letter]]
            found.regions.setdefault(letter, entry)
            mentions.append((at, at + 1, entry.name))
    places = [
        (m.start(), m.end(), place_names()[m.group()]) for m in region_pattern().finditer(text)
    ]
    for _, end, entry in list(places):
        # A short form given for a place names it wherever it comes: "（以下简称“海西州”）".
        short = _SHORT_NAME.match(text, end)
        if short and short.group(1) not in place_names():
            places += [
                (m.start(), m.end(), entry) for m in re.finditer(re.escape(short.group(1)), text)
            ]
    for start, end, entry in places:
        inside = any(s <= start < e for s, e, _ in mentions)
        found.regions.setdefault(text[start:end], entry)
        if (
            not inside
            and not _PLACE_BEFORE.search(text[max(0, start - 2) : start])
            and not _of_schools(text, start, end)
        ):
            mentions.append((start, end, entry.name))
    mentions = without_outer_places(sorted(set(mentions)))
    return sorted(mentions + this_school(text, mentions, found.institutions))


def _of_schools(text: str, start: int, end: int) -> bool:
    """Whether the place at ``start:end``, or the list of places it starts ("香港、澳门的
    七所学校"), only says whose schools are meant."""
    clause = re.split(r"[，,。；！？\n]", text[max(0, start - 40) : start])[-1]
    sent_to = DIRECTED.search(clause) is not None
    while not (
        _PLACE_OF_SCHOOLS.match(text, end) or (not sent_to and _WHOSE_SCHOOLS.match(text, end))
    ):
        joined = re.compile("[、和及]").match(text, end)
        place = region_pattern().match(text, end + 1) if joined else None
        if place is None:
            return False
        end = place.end()
    return True


def _date(sentence: str, published: PartialDate | None) -> PartialDate | None:
    match = _DATE.search(sentence)
    if match:
        year, month, day = match.groups()
        value = "-".join(
            f"{int(part):02d}" if i else part for i, part in enumerate((year, month, day)) if part
        )
        try:
            return PartialDate.parse(value)
        except ValueError:
            return None
    relative = _RELATIVE.search(sentence)
    if relative and published is not None:
        year = int(published.value[:4]) - {"今年": 0, "去年": 1, "前年": 2}[relative.group(1)]
        month = relative.group(2)
        return PartialDate.parse(f"{year}-{int(month):02d}" if month else str(year))
    return None


def published_date(text: str) -> PartialDate | None:
    """The article's date: the first full date in its first lines."""
    match = _DATE.search(text[:200])
    return _date(match.group(), None) if match else None


def _kind(sentence: str) -> AgreementKind | None:
    return next((kind for cue, kind in _CUES if re.search(cue, sentence)), None)


def _clauses(
    sentence: str, offset: int, parties: list[tuple[int, str]], row: bool
) -> list[tuple[str, int, list[tuple[int, str]]]]:
    """The parts of a sentence to read apart: its clauses, where two or more each name two
    parties and a cooperation of their own ("A、B分别与C、D结对，E则对口帮扶F"); else the
    whole sentence."""
    found = []
    for clause in re.finditer(r"[^，,；;]+", sentence):
        start, end = offset + clause.start(), offset + clause.end()
        inside = [(at, name) for at, name in parties if start <= at < end]
        if len(inside) >= 2 and (row or _kind(clause.group())):
            found.append((clause.group(), start, inside))
    # "A、B分别选派…，赴C、D支教": a clause of "respectively" with no partner of its own
    # continues into the next.
    respectively = any(
        RESPECTIVELY in text and all(at < start + text.index(RESPECTIVELY) for at, _ in inside)
        for text, start, inside in found
    )
    return found if len(found) >= 2 and not respectively else [(sentence, offset, parties)]


def _branches(
    text: str, start: int, end: int, mentions: list[tuple[int, int, str]], found: _Found
) -> list[list[list[str]]]:
    """A school's campus or branch in a place, "北京市第八十中学雄安校区": the school with
    the place, one agreement each; the schools listed so are no pairs of one another."""
    branches = []
    for (_, school_end, school), (place_start, place_end, place) in pairwise(mentions):
        if not start <= place_start < end or school not in found.institutions:
            continue
        if (
            place_start == school_end
            and place not in found.institutions
            and re.match(r"校区|分校|分院", text[place_end : place_end + 2])
        ):
            branches.append([[school], [place]])
    return branches


def extract_chinese(text: str, published: PartialDate | None, title: str | None) -> RecordFile:
    """The records a Chinese article's text supports. Traditional characters are read as
    simplified; names and evidence keep the article's own characters, and a name's
    simplified form becomes its alias."""
    simple = simplified(text)
    records = _extract(simple, published, title)
    return in_the_article_s_characters(records, simple, text) if simple != text else records


def _extract(text: str, published: PartialDate | None, title: str | None) -> RecordFile:
    found = _Found()
    mentions = _read_names(text, found)
    published = published or published_date(text)
    agreements: list[AgreementIn] = []
    joining: list[tuple[int, int]] = []  # sentences that found or join a group
    lead: AgreementKind | None = None  # the kind of the last sentence that had one
    for match in _SENTENCE.finditer(text):
        sentence = match.group()
        branches = _branches(text, match.start(), match.end(), mentions, found)
        if branches:
            date = _date(sentence, published)
            agreements += [
                AgreementIn(
                    sides=sides,
                    kind=AgreementKind.BRANCH,
                    date=date,
                    evidence=sentence.strip(),
                    evidence_start=match.start(),
                    evidence_end=match.end(),
                    confidence=0.6,
                )
                for sides in branches
            ]
        branched = {name for sides in branches for side in sides for name in side}
        kind = _kind(sentence)
        if _MEMBERSHIP.search(sentence) and "签" not in sentence:
            joining.append((match.start(), match.end()))
            continue  # the members of an alliance did not each sign with each other
        row = kind is None and (_ROW.search(sentence) or _LIST_LINE.match(sentence)) is not None
        if row:
            kind = lead or AgreementKind.PAIRED  # a row of a list of pairs
        lead = kind or lead
        if kind is None:
            continue
        parties = [p for p in parties_in(sentence, match.start(), mentions) if p[1] not in branched]
        bodies = [(at, name) for at, name in parties if name in found.institutions]
        if len(bodies) >= 2 or row:
            # Where institutions sign, the regions named beside them place them; a row
            # "school — place" is a school's address, not a pair.
            parties = bodies
        # A school's own place beside it says where it is: "上海市第二中学" is no partner of
        # 上海市.
        homes = {found.institutions[name].region for _, name in bodies}
        parties = [(at, name) for at, name in parties if name not in homes]
        if len(parties) < 2:
            continue
        date = _date(sentence, published)
        for unit, offset, unit_parties in _clauses(sentence, match.start(), parties, row):
            agreements += [
                AgreementIn(
                    sides=sides,
                    kind=kind,
                    date=date,
                    evidence=sentence.strip(),
                    evidence_start=match.start(),
                    evidence_end=match.end(),
                    confidence=0.6,
                )
                for sides in sides_of(unit, offset, unit_parties)
            ]
    # A place goes by the first name the article writes it with (not a one-letter one),
    # its English name and its other forms aliases: "重庆市" as the article has it.
    written: dict[str, str] = {}
    for form, entry in found.regions.items():
        if len(form) >= 2:
            written.setdefault(entry.name, form)
    regions: dict[str, RegionIn] = {}
    for form, entry in found.regions.items():
        if entry.name not in regions:
            # ... where the gazetteer knows that name as this place and no other.
            name = next(
                (
                    candidate
                    for candidate in (written.get(entry.name), entry.name_zh)
                    if candidate
                    and [c.chain for c in bundled_gazetteer().candidates(candidate)]
                    == [entry.chain]
                ),
                entry.name,
            )
            regions[entry.name] = RegionIn(
                name=name,
                aliases=[entry.name],
                parent=entry.chain[-2] if len(entry.chain) > 1 else None,
                level=entry.level,
            )
        region = regions[entry.name]
        if form not in (region.name, *region.aliases):
            region.aliases.append(form)
    named_at = programme_names(text)
    for agreement in agreements:
        agreement.sides = [
            [regions[name].name if name in regions else name for name in side]
            for side in agreement.sides
        ]
        agreement.programme = programme_at(
            named_at, agreement.evidence_start, agreement.evidence_end
        )
    programmes = programmes_of(text, mentions, found.institutions, joining)
    members = {p.name for programme in programmes for p in programme.participants}
    for institution in found.institutions.values():
        if institution.region in regions:
            institution.region = regions[institution.region].name
    in_agreements = {name for a in agreements for side in a.sides for name in side}
    used_regions = {i.region for i in found.institutions.values()} | in_agreements | members
    return RecordFile(
        document=DocumentIn(title=title, date=published),
        # A body of government that signs nothing the article tells of organises, hosts
        # or speaks: no party (the English reader keeps only the bodies that act too).
        institutions=[
            i
            for i in found.institutions.values()
            if i.kind != InstitutionKind.GOVERNMENT or i.name in in_agreements | members
        ],
        regions=[r for r in regions.values() if r.name in used_regions],
        programmes=programmes,
        agreements=agreements,
    )
