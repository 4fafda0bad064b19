"""Towns too small for the gazetteer, taken where the text calls them towns or districts
(issue 16, classes 8 and 10), on short texts written for these tests."""

from educoop.loaders.text.extract import extract_records
from tests.loaders.text.reading import sides_of


def test_two_districts_paired_at_a_meeting_elsewhere():
    text = (
        "Districts twin their schools\n\n"
        "Colombo, 3 March 2025 - The Central Province district of Matale and the Uva "
        "Province district of Badulla have agreed to work together as sister districts, at "
        "a meeting of zonal officials in Colombo.\n"
    )
    assert sides_of(text) == [[["Matale"], ["Badulla"]]]


def test_the_second_of_two_districts_named_together():
    text = (
        "Districts twin their schools\n\n"
        "Accra, 3 March 2025 - The districts of Matale and Badulla were twinned this week "
        "for teacher exchanges.\n"
    )
    assert sides_of(text) == [[["Matale"], ["Badulla"]]]


def test_towns_placed_in_their_provinces():
    text = (
        "Border towns pair their schools\n\n"
        "Umea, 3 March 2025 - The cities of Piteå in Norrbotten and Harstad in Nordland "
        "have agreed to twin their school systems.\n"
    )
    assert sides_of(text) == [[["Piteå"], ["Harstad"]]]


def test_a_small_town_is_no_place_where_the_text_does_not_call_it_one():
    text = (
        "Schools sign\n\n"
        "Prague, 3 March 2025 - Most teachers at Charles University signed the petition, "
        "and Date Memorial College signed an exchange agreement with Kyoto University.\n"
    )
    records = extract_records(text)
    assert not {"Most", "Date"} & {r.name for r in records.regions}
    assert sides_of(text) == [[["Date Memorial College"], ["Kyoto University"]]]


def test_towns_of_a_known_county_paired_one_between_each():
    text = (
        "Townships pair up\n\n"
        "Guiyang, 20 June 2024 - The meeting also saw township-to-township pairing between "
        "Shiqiao Town of Panyu District and Dahe Town of Sandu County, and between Renhe Town "
        "of Baiyun District and Yangjie Town of Weining County.\n"
    )
    assert sides_of(text) == [[["Shiqiao Town"], ["Dahe Town"]], [["Renhe Town"], ["Yangjie Town"]]]


def test_a_prefecture_after_the_places_its_county_and_a_capital_described_is_a_venue():
    text = (
        "Counterpart support renewed\n\n"
        "Kunming, 3 May 2024 - Under the arrangements signed in the provincial capital "
        "Kunming, Songjiang District will pair up with Luxi County of the Honghe Hani and "
        "Yi Autonomous Prefecture, while Fengxian District will extend its counterpart "
        "support to Funing County in the Wenshan Zhuang and Miao Autonomous Prefecture.\n"
    )
    assert sides_of(text) == [
        [["Songjiang District"], ["Luxi County"]],
        [["Fengxian District"], ["Funing County"]],
    ]


def test_towns_a_sentence_twins_are_places_and_a_person_is_not():
    text = (
        "Cornish and Breton schools\n\n"
        "Truro, 3 March 2025 - Truro has been twinned with Morlaix since 1989, and the "
        "twinning was renewed by Kerensa Penrose and Yann Kergoat for the two councils.\n"
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [[["Truro"], ["Morlaix"]]]
    assert "Kerensa" not in {r.name for r in records.regions}


def test_a_surname_or_a_common_word_is_no_town():
    twinned = (
        "Twin cities\n\n"
        "Leeds, 3 March 2025 - Leeds has been twinned with Dortmund since 1969, and Wilson, "
        "the mayor, welcomed the renewal. Most city councils sent teachers, and Police "
        "district commanders attended.\n"
    )
    records = extract_records(twinned)
    assert [a.sides for a in records.agreements] == [[["Leeds"], ["Dortmund"]]]
    assert not {"Wilson", "Most", "Police"} & {r.name for r in records.regions}


def test_places_of_any_size_a_twinning_names_with_their_country():
    text = (
        "Sister cities\n\n"
        "Boulder, 20 January 2025 - Boulder is also a sister city of Lhasa, Mante (Mexico) "
        "and Kisumu.\n"
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [[["Boulder"], ["Kisumu", "Lhasa", "Mante"]]]
    assert "Mexico" not in {n for a in records.agreements for side in a.sides for n in side}


def test_towns_listed_with_a_known_city_are_places_and_none_places_another():
    text = (
        "Border towns adopt a language plan\n\n"
        "Staff reporter | Brussels | 2 April 2025\n\n"
        "The mayors of Menen, Halluin, Gent, Wevelgem and Douai signed a joint plan for "
        "language teaching yesterday."
    )
    assert sides_of(text) == [[["Menen"], ["Halluin"], ["Gent"], ["Wevelgem"], ["Douai"]]]


def test_towns_need_a_list_of_three_with_a_known_place():
    text = (
        "Schools meet\n\nStaff reporter | Brussels | 2 April 2025\n\n"
        "Menen and Gent signed a joint plan for language teaching yesterday. Teachers from "
        "Halluin, Wevelgem and Douai attended."
    )
    places = {r.name for r in extract_records(text).regions}
    assert {"Halluin", "Wevelgem", "Douai"}.isdisjoint(places)


def test_a_town_the_gazetteer_lacks_placed_in_a_county_it_knows_is_a_party():
    text = (
        "Pairing\n\nStaff reporter | 3 May 2024\n\n"
        "Within Changzhou, Wujin District was paired with Zhujiachang Town in Yuping in 2023."
    )
    assert sides_of(text) == [[["Wujin District"], ["Zhujiachang Town"]]]


def test_a_county_the_gazetteer_knows_placed_in_its_city_stays_a_party():
    text = (
        "Pairing\n\nStaff reporter | 3 May 2024\n\n"
        "Putian was paired with Xiji County in Guyuan in 2023."
    )
    assert sides_of(text) == [[["Putian"], ["Xiji County"]]]


def test_a_district_the_gazetteer_lacks_after_its_city_s_possessive_is_the_party():
    text = (
        "Pairings renewed\n\nStaff reporter | 3 May 2024\n\n"
        "Five districts renewed their pairings:\n\n"
        "• Xiamen — Lingwu\n"
        "• Fuzhou's Mawei District — Yanchi County\n"
    )
    assert [["Mawei District"], ["Yanchi County"]] in sides_of(text)
