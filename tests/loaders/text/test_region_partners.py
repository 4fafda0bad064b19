"""A region an institution signs with is a side (issue 16, class 8): "X signed agreements
with the Jinshan District" pairs X with the district; a region named as a place, a list of
places standing for their bodies, or "will work with Y" makes no such pair."""

from tests.loaders.text.reading import sides_of

HEAD = "Schools sign deals\n\nStaff reporter | Shanghai | 2 April 2025\n\n"


def test_schools_that_sign_with_a_district_pair_with_it():
    text = (
        HEAD + "Only two of the four, Riverside High School and Lakeview Middle School, signed "
        "agreements with the Jinshan District to open branch campuses. Hill Primary School "
        "renewed its pairing with Fengxian District for another five years."
    )
    assert sides_of(text) == [
        [["Lakeview Middle School", "Riverside High School"], ["Jinshan District"]],
        [["Hill Primary School"], ["Fengxian District"]],
    ]


def test_a_region_that_names_a_place_or_a_future_partner_is_no_side():
    text = (
        HEAD + "Riverside High School signed an agreement with Jinshan District schools on "
        "Monday. Lakeview Middle School will work with Fengxian District to implement the "
        "agreement. Hill Primary School signed a pact with Jinshan, Fengxian and Songjiang."
    )
    assert sides_of(text) == []


def test_cities_paired_with_counties_one_with_each():
    text = (
        "Plan agreed\n\nStaff reporter | Fuzhou | 2 April 2025\n\n"
        "Under the plan, Hangzhou will pair with Taijiang County in Qiandongnan, Ningbo with "
        "Pu'an County in Qianxinan, and Wenzhou with Jianhe County, also in Qiandongnan."
    )
    assert sides_of(text) == [
        [["Hangzhou"], ["Taijiang County"]],
        [["Ningbo"], ["Pu'an County"]],
        [["Wenzhou"], ["Jianhe County"]],
    ]


def test_places_that_support_places_respectively_pair_in_order():
    text = (
        "Plan\n\nStaff reporter | Hangzhou | 2 April 2025\n\n"
        "Under the arrangement, Yuhang, Gongshu and Xihu districts provide counterpart "
        "support to Rongjiang, Jianhe and Leishan counties in Qiandongnan respectively."
    )
    assert sides_of(text) == [
        [["Yuhang"], ["Rongjiang"]],
        [["Gongshu"], ["Jianhe"]],
        [["Xihu"], ["Leishan"]],
    ]


def test_cities_that_support_counties_pair_with_them_one_for_each():
    text = (
        "Pairings confirmed\n\nStaff reporter | Jinan | 2 April 2025\n\n"
        "Dezhou continues its support for Songming County, Zaozhuang for Wuding County, and Heze "
        "for Dayao County. Liaocheng and Tai'an will jointly support Mouding County, with "
        "Liaocheng sending teachers and Tai'an training principals."
    )
    assert sides_of(text) == [
        [["Dezhou"], ["Songming County"]],
        [["Zaozhuang"], ["Wuding County"]],
        [["Heze"], ["Dayao County"]],
        [["Liaocheng", "Tai'an"], ["Mouding County"]],
    ]


def test_support_from_a_backer_pairs_no_one():
    text = (
        "Schools open\n\nStaff reporter | Jinan | 2 April 2025\n\n"
        "With the support of Dezhou, Fumin County opened two schools in Songming County. Binzhou, which "
        "received support from Heze last year, built a library."
    )
    assert sides_of(text) == []


def test_city_county_pairs_on_lines_each_with_the_place_that_locates_the_county():
    text = (
        "Pairings renewed\n\nStaff reporter | Yinchuan | 2 April 2025\n\n"
        "The two sides also renewed four city-county pairings that anchor the cooperation:\n\n"
        "Dezhou and Songming County, Kunming;\n"
        "Heze and Wuding County, Yunnan;\n"
        "Zaozhuang and Dayao County, Yunnan;\n"
        "Liaocheng and Fumin County, Kunming.\n"
    )
    assert sides_of(text) == [
        [["Dezhou"], ["Songming County"]],
        [["Heze"], ["Wuding County"]],
        [["Zaozhuang"], ["Dayao County"]],
        [["Liaocheng"], ["Fumin County"]],
    ]


def test_a_korean_metropolitan_city_is_a_place_that_signs():
    text = (
        "Fukuoka City and Busan Metropolitan City signed an agreement on youth exchange on "
        "Wednesday, under which the two cities will each send 60 students a year."
    )
    assert sides_of(text) == [[["Fukuoka"], ["Busan"]]]


def test_a_place_in_an_aside_only_places_the_one_before_it():
    # Fujian holds Jinjiang: the aside says where Jinjiang is, and Jinjiang gives support.
    text = (
        "Jinjiang, the manufacturing city in southern Fujian, will continue its counterpart "
        "support for Xiji County this year."
    )
    assert sides_of(text) == [[["Jinjiang"], ["Xiji County"]]]


def test_a_signed_framework_that_includes_plans_is_a_signing():
    text = (
        "At city level, Fuzhou and Yinchuan signed a separate cooperation framework on "
        "vocational education, which includes plans to share training bases."
    )
    assert sides_of(text) == [[["Fuzhou"], ["Yinchuan"]]]
    assert sides_of("Fuzhou plans to sign an agreement with Yinchuan next year.") == []


def test_as_did_reports_the_same_agreement_by_two_others():
    text = (
        "At district level, Tianhe District of Guangzhou and Qixingguan District of Bijie "
        "signed an education pairing agreement, as did Haizhu District and Dafang County."
    )
    assert sides_of(text) == [
        [["Tianhe District"], ["Qixingguan District"]],
        [["Haizhu District"], ["Dafang County"]],
    ]


def test_a_province_that_describes_a_place_named_before_is_no_side():
    # "the Guangdong city" is Foshan; "the prefecture in southern Sichuan" is Liangshan.
    text = (
        "Foshan and the Liangshan Yi Autonomous Prefecture on Monday adopted a three-year "
        "action plan for education cooperation, committing the Guangdong city to send more "
        "teachers to the mountainous prefecture in southern Sichuan."
    )
    assert sides_of(text) == [[["Foshan"], ["Liangshan Yi Autonomous Prefecture"]]]


def test_items_of_two_places_under_a_lead_of_partnerships_pair_them():
    text = (
        "Guangzhou and Bijie publish list\n\n"
        "The two bureaus confirmed the district-county partnerships through which Guangzhou "
        "districts support Bijie counties in education:\n\n"
        "Yuexiu District: Dafang County\n"
        "Tianhe District: Zhijin County\n\n"
        "The partnerships were set up in 2021.\n"
    )
    sides = sides_of(text)
    assert [["Yuexiu District"], ["Dafang County"]] in sides
    assert [["Tianhe District"], ["Zhijin County"]] in sides


def test_numbered_pairs_of_places_under_a_heading_of_pairings_pair_them():
    text = (
        "Shenzhen publishes list\n\n"
        "The bureau published the list on Wednesday.\n\n"
        "Part 1. District - county pairings\n\n"
        "1. Futian District - Lufeng City (Shanwei)\n"
        "2. Luohu District - Heping County (Heyuan)\n"
    )
    assert sides_of(text) == [
        [["Futian District"], ["Lufeng City"]],
        [["Luohu District"], ["Heping County"]],
    ]


def test_a_province_opening_its_sentence_as_the_setting_is_no_party_to_a_plan():
    text = (
        "Three cities plan\n\nStaff reporter | 2 May 2024\n\n"
        "Within Ningxia, the capital Yinchuan and the cities of Shizuishan and Wuzhong issued "
        "a joint action plan on basic education."
    )
    assert sides_of(text) == [[["Yinchuan"], ["Shizuishan"], ["Wuzhong"]]]


def test_places_in_an_aside_that_says_who_administers_a_county_only_place_it():
    text = (
        "Plan adopted\n\nFeb. 20, 2025\n\n"
        "TONGREN, Guizhou — Changzhou, the manufacturing city in southern Jiangsu, and Yuping "
        "Dong Autonomous County, administered by Tongren in eastern Guizhou, have adopted a "
        "joint education assistance plan."
    )
    assert sides_of(text) == [[["Changzhou"], ["Yuping Dong Autonomous County"]]]


def test_a_later_clause_with_no_subject_goes_on_with_the_first_clause_s_subject():
    text = (
        "Pairings\n\nStaff reporter | 3 May 2024\n\n"
        "Xiamen will continue to support Jingyuan County, a pairing in place since 2017, and "
        "will add a second Ningxia partner, Pengyang County."
    )
    assert sides_of(text) == [
        [["Xiamen"], ["Jingyuan County"]],
        [["Xiamen"], ["Pengyang County"]],
    ]


def test_a_place_opening_a_sentence_before_an_aside_with_a_is_no_dateline():
    # "Jinjiang, a ..." once read as a dateline: "a" was found inside the months' pattern.
    text = (
        "Pairings\n\nStaff reporter | 3 May 2024\n\n"
        "Jinjiang, a manufacturing city of about two million people under the administration "
        "of Quanzhou, has been paired with Yongning County."
    )
    assert sides_of(text) == [[["Jinjiang"], ["Yongning County"]]]
