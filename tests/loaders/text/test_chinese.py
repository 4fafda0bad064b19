"""The first Chinese reader: routing by script, names by their head words, regions by their
Chinese names, and agreements sentence by sentence. The schools are made up; the places
are real (the gazetteer's)."""

from __future__ import annotations

import pytest

from educoop import api
from educoop.graph.model import PartialDate
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.loaders.text import extract_file
from educoop.loaders.text.chinese import extract_chinese
from educoop.loaders.text.chinese_script import is_chinese


def _read(text: str, published: str | None = "2024-06-10"):
    date = PartialDate.parse(published) if published else None
    return extract_chinese(text, date, "标题")


def _pairs(records) -> set[frozenset[str]]:
    return {
        frozenset((a, b))
        for agreement in records.agreements
        for i, side in enumerate(agreement.sides)
        for other in agreement.sides[i + 1 :]
        for a in side
        for b in other
    }


def test_articles_go_to_the_reader_of_their_script():
    assert is_chinese("杭州市云栖路中学与开化县桐村小学结对。")
    assert not is_chinese("Westfield College (西田学院) signed with Harbin Marine College.")
    assert not is_chinese("")


def test_a_pairing_of_two_schools_with_their_regions_and_date():
    records = _read("2024年3月5日，杭州市云栖路中学与开化县桐村小学签订结对帮扶协议。")
    names = {i.name: i for i in records.institutions}
    assert set(names) == {"杭州市云栖路中学", "开化县桐村小学"}
    assert names["杭州市云栖路中学"].region == "杭州市"
    assert str(names["开化县桐村小学"].kind) == "school"
    [agreement] = records.agreements
    assert str(agreement.kind) == "paired" and agreement.date.value == "2024-03-05"
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "开化县桐村小学"})}
    # A place goes by the name the article writes, with its English name an alias.
    assert {r.name for r in records.regions} >= {"杭州市"}
    assert "Hangzhou" in next(r for r in records.regions if r.name == "杭州市").aliases


def test_respectively_pairs_each_with_its_own():
    records = _read(
        "杭州市云栖路中学、杭州市钱塘湾小学分别与开化县桐村小学、开化县马金中学结为姊妹学校。"
    )
    assert _pairs(records) == {
        frozenset({"杭州市云栖路中学", "开化县桐村小学"}),
        frozenset({"杭州市钱塘湾小学", "开化县马金中学"}),
    }


def test_witnesses_and_hosts_are_no_parties_and_a_verb_opens_no_name():
    records = _read(
        "在衢州市教育局见证下，杭州市云栖路中学与开化县桐村小学签约，双方将推动更多优质学校结对。"
    )
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "开化县桐村小学"})}
    assert "推动更多优质学校" not in {i.name for i in records.institutions}


def test_a_short_name_given_in_the_text_is_an_alias_and_names_the_school_later():
    records = _read(
        "杭州市云栖路中学（以下简称“云栖中学”）今年9月与开化县桐村小学结对。"
        "去年，云栖中学还与开化县马金中学签署合作协议。"
    )
    [school] = [i for i in records.institutions if i.name == "杭州市云栖路中学"]
    assert school.aliases == ["云栖中学"]
    assert _pairs(records) == {
        frozenset({"杭州市云栖路中学", "开化县桐村小学"}),
        frozenset({"杭州市云栖路中学", "开化县马金中学"}),
    }
    # Relative dates read against the article's date.
    assert [a.date.value for a in records.agreements] == ["2024-09", "2023"]


def test_rows_of_a_list_of_pairs_inherit_the_kind_of_their_lead():
    records = _read(
        "两地学校结为友好学校，名单如下：\n"
        "杭州市云栖路中学——开化县桐村小学\n"
        "杭州市钱塘湾小学——开化县马金中学\n"
    )
    assert _pairs(records) == {
        frozenset({"杭州市云栖路中学", "开化县桐村小学"}),
        frozenset({"杭州市钱塘湾小学", "开化县马金中学"}),
    }
    assert {str(a.kind) for a in records.agreements} == {"paired"}


def test_a_chinese_article_loads_into_a_store_with_its_regions(tmp_path):
    article = tmp_path / "zh.txt"
    article.write_text(
        "两地学校结对\n\n2024年3月5日，杭州市云栖路中学与开化县桐村小学签订结对帮扶协议。\n",
        encoding="utf-8",
    )
    assert len(extract_file(article).records.agreements) == 1
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [article]).ok
        [row] = api.query(store, "partners", {"name": "杭州市云栖路中学"})
    assert row["partner"] == "开化县桐村小学"


def test_traditional_characters_are_read_as_simplified_and_names_keep_their_own():
    records = _read("2024年3月5日，香港雲栖中學與開化縣桐村小學締結姊妹學校。")
    names = {i.name: i for i in records.institutions}
    assert set(names) == {"香港雲栖中學", "開化縣桐村小學"}
    assert names["開化縣桐村小學"].aliases == ["开化县桐村小学"]
    # The place keeps the simplified name the gazetteer knows, the article's form an alias.
    assert names["開化縣桐村小學"].region == "开化县"
    assert "開化縣" in next(r for r in records.regions if r.name == "开化县").aliases
    [agreement] = records.agreements
    assert str(agreement.kind) == "paired"
    assert _pairs(records) == {frozenset({"香港雲栖中學", "開化縣桐村小學"})}
    assert agreement.evidence == "2024年3月5日，香港雲栖中學與開化縣桐村小學締結姊妹學校。"


def test_provinces_strung_together_by_their_one_letter_names_are_parties():
    records = _read("2024年4月，闽宁协作第二十八次联席会议召开，双方签署教育合作协议。")
    assert _pairs(records) == {frozenset({"福建", "宁夏"})}
    plan = _read("京津冀三地教育部门联合印发协同发展行动计划。")
    [agreement] = plan.agreements
    assert agreement.sides == [["北京"], ["天津"], ["河北"]]
    assert str(agreement.kind) == "plan"


def test_rows_name_a_school_and_its_place_are_no_pairs():
    records = _read(
        "该校与以下学校结为姊妹学校：\n杭州市云栖路中学 — 杭州\n开化县桐村小学 — 开化县\n"
    )
    assert not records.agreements


def test_places_before_a_general_head_name_a_set_of_schools_not_one():
    records = _read("杭州学校与开化县姊妹学校开展交流，杭州市云栖路中学与开化县桐村小学结对。")
    assert {i.name for i in records.institutions} == {"杭州市云栖路中学", "开化县桐村小学"}


def test_a_short_form_given_at_a_later_mention_names_the_school_after_it():
    records = _read(
        "杭州市云栖路中学举办论坛。会上，杭州市云栖路中学（以下简称“云栖中学”）介绍经验。"
        "云栖中学与开化县桐村小学签署合作协议。"
    )
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "开化县桐村小学"})}


def test_a_bilingual_article_is_led_by_its_main_script(tmp_path):
    article = tmp_path / "both.txt"
    article.write_text(
        "Two schools pair up\n\n"
        "Westfield College (杭州市云栖路中学) signed an agreement with Harbin Marine College "
        "on 2 May 2024. The two colleges will exchange teachers and students every year, "
        "and Westfield College will host a summer school for the partner's pupils.\n"
        "杭州市云栖路中学与开化县桐村小学签订结对协议。\n",
        encoding="utf-8",
    )
    records = extract_file(article).records
    names = {i.name for i in records.institutions}
    # The Chinese line names a school the English text never does: no second node for it.
    assert "开化县桐村小学" not in names
    assert {"Westfield College", "Harbin Marine College"} <= names
    assert all(
        party in names | {r.name for r in records.regions}
        for a in records.agreements
        for side in a.sides
        for party in side
    )


def test_parties_listed_before_one_signing_are_a_side_each():
    records = _read(
        "2024年3月5日，教育部中外人文交流中心、杭州市教育局、杭州市西湖区人民政府签署共建合作协议。"
    )
    [agreement] = records.agreements
    assert agreement.sides == [
        ["教育部中外人文交流中心"],
        ["杭州市教育局"],
        ["杭州市西湖区人民政府"],
    ]
    assert str(agreement.kind) == "signed"


def test_a_campus_in_brackets_places_the_university():
    records = _read("2024年3月5日，香港科技大学（广州）与广州市第二中学签署合作协议。")
    names = {i.name: i.region for i in records.institutions}
    assert names["香港科技大学（广州）"] == "广州"


def test_a_bureau_that_only_organises_is_no_party():
    records = _read(
        "2024年3月5日，在杭州市教育局的组织下，杭州市云栖路中学与开化县桐村小学签订结对协议。"
    )
    assert "杭州市教育局" not in {i.name for i in records.institutions}
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "开化县桐村小学"})}


def test_one_side_helps_or_sends_to_the_other():
    records = _read("2024年8月，杭州市对口支援开化县，选派20名教师。")
    assert _pairs(records) == {frozenset({"杭州市", "开化县"})}
    sent = _read("宁波、温州两市选派的教师将分别进驻衢州市开化县和常山县的中小学。")
    assert _pairs(sent) == {
        frozenset({"宁波", "开化县"}),
        frozenset({"温州", "常山县"}),
    }


def test_a_place_written_before_a_place_inside_it_is_no_party():
    records = _read("杭州市对口支援新疆阿克苏地区。")
    assert _pairs(records) == {frozenset({"杭州市", "阿克苏地区"})}


def test_a_short_form_given_for_a_place_names_it_later():
    records = _read(
        "浙江省选派教师赴海西蒙古族藏族自治州（以下简称“海西州”）。浙江省对口支援海西州始于2010年。"
    )
    assert {a.date.value for a in records.agreements if a.date} == {"2010"}
    assert _pairs(records) == {frozenset({"浙江省", "海西蒙古族藏族自治州"})}


def test_a_normal_university_s_short_form_is_the_university():
    records = _read("江西师范大学和湖南师范大学发起联盟。会后，湖南师大与江西师大签署合作协议。")
    assert _pairs(records) == {frozenset({"江西师范大学", "湖南师范大学"})}
    names = {i.name: i.aliases for i in records.institutions}
    assert "湖南师大" in names["湖南师范大学"]


def test_a_school_s_campus_in_a_place_is_a_branch_there():
    records = _read(
        "9月1日，北京市第八十中学雄安校区和北京市海淀区中关村第三小学雄安校区同时揭牌。"
    )
    assert [(a.sides, str(a.kind)) for a in records.agreements] == [
        ([["北京市第八十中学"], ["雄安新区"]], "branch"),
        ([["北京市海淀区中关村第三小学"], ["雄安新区"]], "branch"),
    ]


def test_bodies_that_attend_and_witness_a_signing_are_no_parties():
    records = _read(
        "杭州市云栖路中学与开化县桐村小学签订结对协议，杭州市教育局、开化县教育局有关负责同志"
        "出席仪式并见证签约。"
    )
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "开化县桐村小学"})}


def test_a_word_read_as_a_verb_before_a_head_is_part_of_the_name():
    records = _read("2024年3月5日，杭州市云栖路中学与澳门培正中学缔结姊妹学校。")
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "澳门培正中学"})}


def test_places_that_only_say_whose_schools_are_no_parties():
    records = _read("越秀区已有43所学校与港澳学校缔结姊妹学校，广州市与香港、澳门的七所学校签约。")
    assert not records.agreements


def test_the_source_of_the_news_is_no_party():
    records = _read(
        "记者从杭州市教育局获悉，衢州市教育局、开化县教育局和常山县教育局近日签署合作协议。"
    )
    assert [a.sides for a in records.agreements] == [
        [["衢州市教育局"], ["开化县教育局"], ["常山县教育局"]]
    ]


def test_a_dateline_place_is_no_party():
    records = _read("本报衢州3月5日讯 开化县桐村小学与杭州市云栖路中学签订结对协议。")
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "开化县桐村小学"})}


def test_numbered_lines_and_table_rows_are_pairs_under_their_lead():
    listed = _read(
        "确定第二批结对学校名单如下：\n一、杭州市云栖路中学与开化县桐村小学\n"
        "二、杭州市西溪实验学校与开化县华埠中学、开化县音坑小学\n"
    )
    table = _read(
        "本批结对学校名单：\n序号　帮扶学校　受援学校\n1　杭州市云栖路中学　开化县桐村小学\n"
        "2　杭州市西溪实验学校　开化县华埠中学\n"
    )
    assert _pairs(listed) == {
        frozenset({"杭州市云栖路中学", "开化县桐村小学"}),
        frozenset({"杭州市西溪实验学校", "开化县华埠中学"}),
        frozenset({"杭州市西溪实验学校", "开化县音坑小学"}),
    }
    assert _pairs(table) == {
        frozenset({"杭州市云栖路中学", "开化县桐村小学"}),
        frozenset({"杭州市西溪实验学校", "开化县华埠中学"}),
    }
    assert all(str(a.kind) == "paired" for a in [*listed.agreements, *table.agreements])


def test_a_common_verb_before_a_head_word_ends_the_name():
    records = _read("2024年3月5日，杭州市云栖路中学在开化县设立分校。")
    assert {i.name for i in records.institutions} == {"杭州市云栖路中学"}


def test_companies_and_hong_kong_s_academies_are_institutions():
    records = _read("2024年3月5日，香港拔萃女书院与杭州海康威视数字技术股份有限公司签署合作协议。")
    kinds = {i.name: str(i.kind) for i in records.institutions}
    assert kinds == {"香港拔萃女书院": "school", "杭州海康威视数字技术股份有限公司": "company"}


def test_a_branch_named_as_one_is_the_school_s_branch_in_the_place():
    records = _read("2024年9月1日，杭州市云栖路中学衢州分校正式开学。")
    [agreement] = records.agreements
    assert agreement.sides == [["杭州市云栖路中学"], ["衢州"]]
    assert str(agreement.kind) == "branch"


def test_founding_an_alliance_is_no_signing_between_its_members():
    records = _read("2024年3月5日，杭州师范大学、宁波大学和温州大学共同发起成立浙江师范教育联盟。")
    assert not records.agreements


def test_school_sponsors_and_bureaus_jieba_lacks_are_taught_to_it():
    records = _read(
        "2024年3月5日，深圳市福田区福田小学与圣公会圣米迦勒小学缔结姊妹学校，"
        "澳门教育及青年发展局与福建省教育厅签署合作协议。"
    )
    assert {"圣公会圣米迦勒小学", "澳门教育及青年发展局"} <= {i.name for i in records.institutions}


def test_a_school_s_own_place_beside_it_is_no_partner():
    records = _read("2024年3月5日，杭州市云栖路中学与开化县签署对口帮扶协议，助力杭州市山海协作。")
    assert _pairs(records) == {frozenset({"杭州市云栖路中学", "开化县"})}


def test_clauses_that_each_tell_a_cooperation_are_read_apart():
    records = _read("宁波市、湖州市分别与开化县、常山县结对，杭州市则对口帮扶淳安县。")
    assert _pairs(records) == {
        frozenset({"宁波市", "开化县"}),
        frozenset({"湖州市", "常山县"}),
        frozenset({"杭州市", "淳安县"}),
    }


def test_a_name_jieba_cuts_into_single_characters_stays_whole():
    records = _read("2024年3月5日，杭州市卖鱼桥小学与开化县桐村小学签订结对协议。")
    assert _pairs(records) == {frozenset({"杭州市卖鱼桥小学", "开化县桐村小学"})}


def test_a_university_named_by_nouns_alone_is_a_name():
    records = _read("2024年3月5日，电子科技大学与重庆大学签署合作协议。")
    assert _pairs(records) == {frozenset({"电子科技大学", "重庆大学"})}


def test_a_signing_before_its_witnesses_is_a_signing():
    records = _read("杭州市第二中学与衢州市第一中学在双方领导见证下签署结对协议。")
    assert _pairs(records) == {frozenset({"杭州市第二中学", "衢州市第一中学"})}


def test_a_branch_in_a_sentence_does_not_hide_its_other_agreements():
    records = _read("杭州市第二中学与衢州市第一中学结对，北京市第八十中学雄安校区同日揭牌。")
    assert frozenset({"杭州市第二中学", "衢州市第一中学"}) in _pairs(records)
    assert frozenset({"北京市第八十中学", "雄安新区"}) in _pairs(records)


def test_a_short_form_of_a_place_is_text_not_a_pattern():
    records = _read("上海市（以下简称“沪(市”）与浙江省签署教育合作协议。")
    assert _pairs(records) == {frozenset({"上海市", "浙江省"})}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("廣州市第二中學與香港培正中學簽署姊妹學校協議。", "region:china/guangdong/guangzhou"),
        ("吉林市第一中学与长春市第二中学签署合作协议。", "region:china/jilin/jilin"),
        ("北京市第八十中学与雄安第一中学签署合作协议。", "region:china/hebei/xiong-an-new-area"),
    ],
)
def test_places_as_the_article_writes_them_resolve_to_the_gazetteer_s(tmp_path, text, place):
    article = tmp_path / "zh.txt"
    article.write_text("两校签约\n\n2024年3月5日，" + text + "\n", encoding="utf-8")
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [article]).ok
        regions = {
            node
            for node, attrs in store.to_networkx().nodes(data=True)
            if attrs.get("label") == "Region"
        }
    assert place in regions
    assert all(not any("\u4e00" <= ch <= "\u9fff" for ch in node) for node in regions)


def test_an_autonomous_place_s_short_form_is_the_place():
    records = _read("宁波市海曙区与黔西南州结对。上海市嘉定区与三都县签订帮扶协议。")
    assert _pairs(records) == {
        frozenset(("海曙区", "黔西南州")),
        frozenset(("嘉定区", "三都县")),
    }
    english = {r.name: r.aliases for r in records.regions}
    assert "Qianxinan Buyei and Miao Autonomous Prefecture" in english["黔西南州"]
    assert "Sandu Shui Autonomous County" in english["三都县"]


@pytest.mark.parametrize(
    "text",
    [
        "皖北地区学校与上海市第二中学开展交流。",
        "成渝两地多所中学与重庆市第八中学签约。",
        "长三角中小学与杭州市第二中学结对。",
        "深港姊妹学校与深圳市红岭中学签约。",
        "无锡其他学校与延安中学结对。",
        "城区教育局与开化县教育局签署协议。",
    ],
)
def test_a_set_of_schools_or_a_body_of_no_place_is_no_institution(text):
    names = {i.name for i in _read(text).institutions}
    assert not any(name.startswith(text[:4]) for name in names), names


def test_a_visit_or_a_founding_ends_the_name_before_it():
    records = _read(
        "朝阳区教育系统考察团一行赴承德市第一中学交流，双方商定新建一所华东师范大学附属学校。"
    )
    names = {i.name for i in records.institutions}
    assert not any("一行" in name or "新建" in name for name in names), names


def test_a_bureau_of_education_and_sports_is_one_name():
    records = _read("济南市章丘区教育和体育局与城口县教育委员会签订教育协作框架协议。")
    assert _pairs(records) == {frozenset(("济南市章丘区教育和体育局", "城口县教育委员会"))}


def test_where_a_ceremony_is_held_is_no_party():
    records = _read("海曙区—景宁畲族自治县结对签约仪式在景宁县民族中学举行。")
    assert _pairs(records) == {frozenset(("海曙区", "景宁畲族自治县"))}


def test_a_prefecture_s_bare_name_jieba_tags_a_noun_opens_a_school_s_name():
    # 百色 and 天水 are nouns to jieba; 天长 is a county-level city, so 天长小学 is no place's.
    records = _read("百色高级中学与天水师范学院签约，杭州市天长小学与开化县马金小学结对。")
    names = {i.name: i.region for i in records.institutions}
    assert {"百色高级中学", "天水师范学院", "杭州市天长小学"} <= set(names)
    assert names["杭州市天长小学"] == "杭州市"


def test_a_county_that_became_a_city_is_known_by_its_new_name():
    records = _read("深圳中学与平果市第一中学签订结对帮扶协议。")
    assert _pairs(records) == {frozenset(("深圳中学", "平果市第一中学"))}


def test_a_numbered_school_s_short_form_is_a_name_and_a_given_one_an_alias():
    records = _read(
        "保良局顏寶鈴書院分別與佛山市順德區第一中學（下稱「順德一中」）、"
        "佛山市順德區鳳城實驗學校締結姊妹學校。曲靖一中与镇海二中结对。"
    )
    assert _pairs(records) == {
        frozenset(("保良局顏寶鈴書院", "佛山市順德區第一中學")),
        frozenset(("保良局顏寶鈴書院", "佛山市順德區鳳城實驗學校")),
        frozenset(("曲靖一中", "镇海二中")),
    }
    aliases = {i.name: i.aliases for i in records.institutions}
    assert "顺德一中" in aliases["佛山市順德區第一中學"]
    assert "顺德一中" not in aliases["保良局顏寶鈴書院"]


@pytest.mark.parametrize(
    ("text", "provinces"),
    [
        ("京、津、冀三地教育部门签署协同发展协议。", ["北京", "天津", "河北"]),
        ("沪苏浙皖三省一市教育部门联合签署行动计划。", ["上海", "江苏", "浙江", "安徽"]),
        ("冀方与京方签署基础教育合作协议。", ["河北", "北京"]),
    ],
)
def test_provinces_named_by_one_letter_listed_or_as_a_side_are_parties(text, provinces):
    assert [a.sides for a in _read(text).agreements] == [[[p] for p in provinces]]


def test_a_letter_before_a_word_of_manner_is_no_side():
    assert _read("这方面，宁方案与沪方法都签署了。").agreements == []


def test_this_school_is_the_school_named_last_before_it():
    records = _read(
        "江苏省苏州中学创办于1035年。2015年，该校与新加坡华侨中学缔结为姊妹学校。"
        "早在2019年，该校就与上海市七宝中学建立线上教研共同体。"
    )
    assert _pairs(records) == {
        frozenset(("江苏省苏州中学", "新加坡华侨中学")),
        frozenset(("江苏省苏州中学", "上海市七宝中学")),
    }


def test_this_school_beside_its_own_name_adds_no_party():
    records = _read("杭州市第二中学表示，该校将与衢州市第二中学结对。")
    assert _pairs(records) == {frozenset(("杭州市第二中学", "衢州市第二中学"))}


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # 澳方 is Australia's side, and 南宁方 Nanning's.
        ("中澳双方代表出席，澳方代表与杭州市第二中学签署合作协议。", set()),
        ("南宁方代表与杭州市第二中学签署协议。", {frozenset(("南宁", "杭州市第二中学"))}),
        # A branch set up at a school is no venue.
        (
            "杭州市第二中学在长沙市第一中学设立分校并举行揭牌仪式。",
            {frozenset(("杭州市第二中学", "长沙市第一中学"))},
        ),
    ],
)
def test_sides_and_venues_a_review_found_overread(text, pairs):
    assert _pairs(_read(text)) == pairs


def test_a_county_s_new_city_name_never_takes_a_prefecture_s():
    from educoop.loaders.gazetteer import bundled_gazetteer

    assert [e.chain for e in bundled_gazetteer().candidates("长沙市")] == [
        ("China", "Hunan", "Changsha")
    ]
    assert bundled_gazetteer().candidates("平果市")[0].chain[-1] == "Pingguo County"


@pytest.mark.parametrize(
    "text",
    [
        "新一轮城乡学校与安吉县第二幼儿园结对。",
        "山区学校与广州市第六中学结对。",
        "华东师范大学与教育部直属师范大学签署协议。",
        "庆阳市人民政府与人民政府签约。",
    ],
)
def test_kinds_of_schools_and_a_head_word_alone_are_no_names(text):
    names = {i.name for i in _read(text).institutions}
    assert not names & {"新一轮城乡学校", "山区学校", "教育部直属师范大学", "人民政府"}, names


def test_respectively_carries_over_a_comma_to_its_partners():
    records = _read(
        "昆山二中、昆山市第三小学分别选派3名、2名骨干教师，于7月14日起赴碧江区第一中学、"
        "碧江区第三小学开展为期一学期的支教。"
    )
    assert _pairs(records) == {
        frozenset(("昆山二中", "碧江区第一中学")),
        frozenset(("昆山市第三小学", "碧江区第三小学")),
    }


def test_schools_named_by_a_word_the_dictionary_holds_rarely():
    records = _read(
        "聖保羅男女中學、皇仁書院及拔萃女書院分別與深圳中學、廣州市執信中學及深圳實驗學校簽署締結姊妹學校協議書。"
    )
    assert _pairs(records) == {
        frozenset(("聖保羅男女中學", "深圳中學")),
        frozenset(("皇仁書院", "廣州市執信中學")),
        frozenset(("拔萃女書院", "深圳實驗學校")),
    }
    assert not {"受援学校", "援建学校"} & {
        i.name for i in _read("受援学校与援建学校结对。").institutions
    }


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # Schools of two cities, unnamed, are no pair of the cities.
        ("香港多所中学与深圳市及广州市的学校签约，扩展交流网络。", set()),
        # Teachers sent into a county's schools pair the county with those who send them.
        (
            "杭州市选派的教师将进驻比如县的中小学。",
            {frozenset(("杭州市", "比如县"))},
        ),
    ],
)
def test_a_place_whose_schools_are_meant_is_no_party_unless_sent_to(text, pairs):
    assert _pairs(_read(text)) == pairs


def test_an_alliance_founded_is_a_programme_with_its_members_and_no_pairs():
    records = _read(
        "会上还成立了长三角中小学劳动教育联盟。上海市静安区教育局、南京市鼓楼区教育局和"
        "合肥市包河区教育体育局作为首批成员单位加入联盟，另有各类教育联盟参会。"
    )
    assert [(p.name, str(p.kind)) for p in records.programmes] == [
        ("长三角中小学劳动教育联盟", "alliance")
    ]
    assert [(m.name, str(m.role)) for m in records.programmes[0].participants] == [
        ("上海市静安区教育局", "member"),
        ("南京市鼓楼区教育局", "member"),
        ("合肥市包河区教育体育局", "member"),
    ]
    # The bureaus are kept as institutions, as members, but sign nothing with each other.
    assert {"上海市静安区教育局", "合肥市包河区教育体育局"} <= {
        i.name for i in records.institutions
    }
    assert _pairs(records) == set()


def test_a_plan_in_title_marks_is_the_programme_of_its_agreement():
    records = _read(
        "沪苏浙皖三省一市教育部门联合发布《长三角地区教育一体化发展三年行动计划（2024—2026年）》"
        "（以下简称《行动计划》）。跨省域产教融合共同体将陆续组建。"
    )
    assert [p.name for p in records.programmes] == [
        "长三角地区教育一体化发展三年行动计划（2024—2026年）"
    ]
    assert {a.programme for a in records.agreements} == {records.programmes[0].name}


def test_a_traditional_alliance_keeps_its_characters():
    records = _read("香港中文大學與澳門大學等八所高校共同發起成立粵港澳高校聯盟。")
    assert [(p.name, p.aliases) for p in records.programmes] == [
        ("粵港澳高校聯盟", ["粤港澳高校联盟"])
    ]
    assert {m.name for m in records.programmes[0].participants} == {"香港中文大學", "澳門大學"}
