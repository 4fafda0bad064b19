"""The gazetteer: curated Chinese regions and the world around them."""

import pytest

from educoop.loaders.gazetteer import bundled_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return bundled_gazetteer()


def chains(gazetteer, name):
    return sorted(entry.chain for entry in gazetteer.candidates(name))


def test_curated_regions_win_over_the_world_layer(gazetteer):
    # GeoNames and ISO list Hong Kong as a country; the curated layer places it in China.
    assert chains(gazetteer, "Hong Kong") == [("China", "Hong Kong")]
    assert chains(gazetteer, "Jiangmen") == [("China", "Guangdong", "Jiangmen")]


def test_world_countries_subdivisions_and_cities(gazetteer):
    assert chains(gazetteer, "Nairobi") == [("Kenya", "Nairobi")]
    assert chains(gazetteer, "UK") == [("United Kingdom",)]
    assert chains(gazetteer, "Tamil Nadu") == [("India", "Tamil Nādu")]
    assert chains(gazetteer, "Fukuoka Prefecture") == [("Japan", "Fukuoka")]
    # United States cities sit in their state.
    assert ("United States", "Texas", "El Paso") in chains(gazetteer, "El Paso")


def test_korean_provinces_and_cities_by_the_names_news_uses(gazetteer):
    # ISO 3166-2 writes "Gangwon-teukbyeoljachido", "Gyeonggi-do", "Busan-gwangyeoksi";
    # news writes "Gangwon", "Gyeonggi Province", "Busan": one region each.
    assert chains(gazetteer, "Gangwon") == [("South Korea", "Gangwon")]
    assert chains(gazetteer, "Gangwon-teukbyeoljachido") == [("South Korea", "Gangwon")]
    assert chains(gazetteer, "Gyeonggi Province") == [("South Korea", "Gyeonggi")]
    assert chains(gazetteer, "Busan") == [("South Korea", "Busan")]
    assert chains(gazetteer, "Seoul") == [("South Korea", "Seoul")]
    # Renamed in 2023; and the halves of the old provinces by their English names.
    assert chains(gazetteer, "Gangwon State") == [("South Korea", "Gangwon")]
    assert chains(gazetteer, "South Gyeongsang Province") == [("South Korea", "Gyeongsangnam")]
    assert chains(gazetteer, "North Jeolla") == [("South Korea", "Jeollabuk")]


def test_a_city_named_as_its_country_is_the_country(gazetteer):
    assert chains(gazetteer, "Singapore") == [("Singapore",)]


def test_a_shared_name_goes_to_the_far_larger_place_or_to_none(gazetteer):
    assert gazetteer.likely("Sydney").chain == ("Australia", "Sydney")
    # Cambridge (UK), Cambridge (Massachusetts) and Cambridge (Ontario) are of a size.
    assert len(gazetteer.candidates("Cambridge")) == 3
    assert gazetteer.likely("Cambridge") is None


def test_common_words_are_not_places(gazetteer):
    for word in ("South", "Central", "Reading", "Mobile"):
        assert gazetteer.candidates(word) == []


def test_chinese_counties_sit_under_their_prefecture(gazetteer):
    # GB/T 2260's 开化县 under 衢州市, romanised as English writes it.
    assert chains(gazetteer, "Kaihua County") == [("China", "Zhejiang", "Quzhou", "Kaihua County")]
    assert chains(gazetteer, "Kaihua") == chains(gazetteer, "Kaihua County")
    [sandu] = gazetteer.candidates("Sandu Shui Autonomous County")
    assert sandu.chain[2] == "Qiannan Buyei and Miao Autonomous Prefecture"
    assert sandu.name_zh == "三都水族自治县"
    assert not sandu.curated


def test_a_curated_district_gains_its_bare_name(gazetteer):
    # "Minhang District" is curated; GB/T 2260 adds that news also writes "Minhang".
    [minhang] = gazetteer.candidates("Minhang")
    assert minhang.curated
    assert minhang.chain == ("China", "Shanghai", "Minhang District")


def test_a_bare_name_gives_way_to_a_province_or_city(gazetteer):
    # Tianjin's Hebei District and Qinghai's Hainan Tibetan Autonomous Prefecture keep
    # their full names only; Chengde County its own.
    assert chains(gazetteer, "Hebei") == [("China", "Hebei")]
    assert chains(gazetteer, "Hebei District") == [("China", "Tianjin", "Hebei District")]
    assert chains(gazetteer, "Hainan") == [("China", "Hainan")]
    assert chains(gazetteer, "Chengde") == [("China", "Hebei", "Chengde")]


def test_a_geonames_town_that_is_a_division_is_that_division(gazetteer):
    # GeoNames lists the town of Xiaoshan; it is Hangzhou's Xiaoshan District.
    assert chains(gazetteer, "Xiaoshan") == [("China", "Zhejiang", "Hangzhou", "Xiaoshan District")]
