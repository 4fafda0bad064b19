"""China's divisions in English: GB/T 2260 names romanised as news writes them."""

import pytest

from educoop.graph.model import RegionLevel
from educoop.loaders.china import divisions, in_english, province_stem, romanised


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        ("开化", "Kaihua"),
        ("西安", "Xi'an"),  # an apostrophe before a syllable that opens with a vowel
        ("吕梁", "Lüliang"),
        ("成都", "Chengdu"),  # 都 read du in place names, not dou
        ("长沙", "Changsha"),  # 长 read chang, not zhang
        ("重庆", "Chongqing"),
        ("乐清", "Yueqing"),  # a name read its own way
    ],
)
def test_romanised(chinese, english):
    assert romanised(chinese) == english


def test_designators_and_peoples_in_english():
    county = in_english("三都水族自治县", "522732")
    assert county is not None
    assert (county.name, county.bare, county.level) == (
        "Sandu Shui Autonomous County",
        "Sandu",
        RegionLevel.DISTRICT,
    )
    prefecture = in_english("黔南布依族苗族自治州")
    assert prefecture is not None
    assert prefecture.name == "Qiannan Buyei and Miao Autonomous Prefecture"
    district = in_english("萧山区")
    assert district is not None and district.name == "Xiaoshan District"
    # A county-level city goes by its bare name.
    city = in_english("余姚市")
    assert city is not None and (city.name, city.level) == ("Yuyao", RegionLevel.CITY)


def test_a_one_syllable_stem_has_no_bare_name():
    county = in_english("岷县")
    assert county is not None
    assert county.name == "Min County" and county.bare is None


def test_groupings_are_not_divisions():
    assert in_english("市辖区") is None
    assert in_english("县") is None


def test_every_division_is_placed_and_named_once():
    found = list(divisions())
    codes = [division.code for _, _, division in found]
    assert len(codes) == len(set(codes)) > 3000
    assert codes == sorted(codes)
    by_code = {division.code: (province, parent) for province, parent, division in found}
    assert by_code["330824"] == ("浙江省", "330800")  # Kaihua under Quzhou
    assert by_code["110105"] == ("北京市", None)  # Chaoyang under Beijing itself


def test_province_stem():
    assert province_stem("浙江省") == "浙江"
    assert province_stem("广西壮族自治区") == "广西"
    assert province_stem("香港特别行政区") == "香港"
