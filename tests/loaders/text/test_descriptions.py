"""Institutions named again by a description of their place, the article's subject meant
where a clause names only a partner (issue 16, class 4), and lists of witnesses (class 5),
on short texts written for these tests."""

from tests.loaders.text.reading import sides_of


def test_a_description_by_place_stands_for_the_institution_named_there():
    text = (
        "Texas and Nuevo Leon universities\n\n"
        "Austin, 4 May 2025 - Texas State University in San Marcos welcomed visitors from "
        "Mexico this week. The San Marcos university has had a student exchange agreement "
        "with the Universidad de Monterrey since 2018.\n"
    )
    assert sides_of(text) == [[["Texas State University"], ["Universidad de Monterrey"]]]


def test_a_based_description_picks_the_one_whose_name_holds_the_place():
    text = (
        "Partners in Africa\n\n"
        "Nairobi, 4 May 2025 - Strathmore University and Makerere University met in "
        "Nairobi. The Kampala-based university later signed an agreement with Kenyatta "
        "University.\n"
    )
    assert sides_of(text) == []
    text = text.replace("Makerere University met", "Makerere University in Kampala met")
    assert sides_of(text) == [[["Makerere University"], ["Kenyatta University"]]]


def test_a_description_that_fits_two_or_that_places_an_activity_stands_for_none():
    two = (
        "Hospitals pair up\n\n"
        "Guangzhou, 4 May 2025 - Zhuhai People's Hospital and Zhuhai Maternity Hospital "
        "met this week. The Zhuhai hospital signed an agreement with Macau University of "
        "Science and Technology.\n"
    )
    assert sides_of(two) == []
    venue = (
        "Nurses train across the border\n\n"
        "Guangzhou, 4 May 2025 - Macau University of Science and Technology signed an "
        "agreement with Zhuhai Maternity Hospital. Students from Macao will train at the "
        "Zhuhai hospital, while teachers from Zhuhai Health School will visit Macao.\n"
    )
    assert sides_of(venue) == [
        [["Macau University of Science and Technology"], ["Zhuhai Maternity Hospital"]]
    ]


def test_a_clause_that_names_only_a_partner_after_with_pairs_it_with_the_subject():
    text = (
        "Maseno University partners\n\n"
        "Kisumu, 4 May 2025 - Maseno University signed two new agreements this year. Maseno "
        "University now lists 90 partnerships. Among the oldest is a student exchange with "
        "the University of Leipzig, in place since 2011.\n"
    )
    assert [["Maseno University"], ["University of Leipzig"]] in sides_of(text)


def test_a_list_of_witnesses_under_its_lead_names_no_party():
    text = (
        "Sister school agreements signed\n\n"
        "Jiangmen, 19 November 2024 - Jiangmen No. 1 Middle School and Pooi To Middle School "
        "signed a sister school agreement.\n\n"
        "Attending and witnessing the signing were:\n\n"
        "Mr. Li Ming, Director of the Jiangmen Municipal Education Bureau;\n"
        "Ms. Wong Mei, Deputy Director of the Education and Youth Development Bureau;\n"
        "and the principals of the signing schools.\n\n"
        "The schools will exchange teachers from next term.\n"
    )
    assert sides_of(text) == [[["Jiangmen No. 1 Middle School"], ["Pooi To Middle School"]]]


def test_a_with_inside_a_clause_of_what_was_signed_leaves_the_signatories_sides():
    text = (
        "County and university sign\n\n"
        "Nyeri, 16 October 2024 - The County Government of Embu and Chuka University "
        "yesterday signed an MoU under which the university will support the county's "
        "training centres with instructor training.\n"
    )
    assert sides_of(text) == [[["County Government of Embu"], ["Chuka University"]]]


def test_a_count_of_schools_listed_in_pairs_restates_the_pairs():
    text = (
        "Partner schools matched\n\n"
        "Busan, 14 November 2024 - The two offices matched two pairs of schools:\n\n"
        "1. Busan Daecheon High School - Fukuoka Prefectural Kashii High School\n"
        "2. Busan Namsan High School - Fukuoka Prefectural Munakata High School\n\n"
        "The principals of the four schools signed partner-school certificates at the "
        "ceremony.\n"
    )
    assert sides_of(text) == [
        [["Busan Daecheon High School"], ["Fukuoka Prefectural Kashii High School"]],
        [["Busan Namsan High School"], ["Fukuoka Prefectural Munakata High School"]],
    ]


def test_a_count_of_members_signing_takes_names_that_go_on_past_their_head():
    text = (
        "Alliance founded\n\n"
        "Almaty, 25 September 2024 - The founding members are Kazakh National Women's "
        "Teacher Training University, Kyrgyz State University named after I. Arabaev and "
        "Osh State University. Rectors of the three universities signed the alliance charter "
        "on stage, and elected the rector of Osh State University as its first chair.\n"
    )
    assert sides_of(text) == [
        [
            ["Kazakh National Women's Teacher Training University"],
            ["Kyrgyz State University named after I. Arabaev"],
            ["Osh State University"],
        ]
    ]


def test_a_count_that_plans_a_thing_adopts_no_plan():
    text = (
        "Nursing exchange agreed\n\n"
        "Macao, 14 June 2023 - Yew Chung College and Macao Polytechnic Nursing College signed "
        "a student exchange agreement on Wednesday. Staff of the two colleges also plan joint "
        "workshops on simulation teaching.\n"
    )
    assert sides_of(text) == [[["Yew Chung College"], ["Macao Polytechnic Nursing College"]]]


def test_a_description_after_the_one_institution_named_so_far_is_it():
    text = (
        "Lakeside University has had a busy week on the other side of the border. On Tuesday "
        "the Tuen Mun institution signed a memorandum of understanding with Jinan University "
        "in Guangzhou."
    )
    assert sides_of(text) == [[["Lakeside University"], ["Jinan University"]]]


def test_it_after_sentences_that_speak_of_it_is_the_institution_named_before_them():
    text = (
        "Lakeside University had a busy week, and Lakeside University staff say more is to "
        "come. Lakeside University signed a memorandum with Jinan University in Guangzhou. The "
        "Guangzhou university was the obvious first choice. Founded in 1906, it still enrols "
        "many students from abroad. It signed a similar arrangement with Hong Kong Baptist "
        "University in 2019."
    )
    assert sides_of(text) == [
        [["Lakeside University"], ["Jinan University"]],
        [["Jinan University"], ["Hong Kong Baptist University"]],
    ]


def test_it_after_a_description_of_the_article_s_subject_is_that_institution():
    text = (
        "Partners\n\nStaff reporter | 14 Nov 2024\n\n"
        "Tarvik Technical College and Narva University signed an agreement on Monday. Tarvik "
        "Technical College will host the first students.\n\n"
        "The Monterrey-based college is no stranger to foreign partners. In March 2023 it "
        "signed a dual-training agreement with the Parnu Dual Training Foundation; and it has "
        "run a teacher exchange with the Rio Grande Valley Technical Institute since 2020."
    )
    sides = sides_of(text)
    assert [["Narva University"], ["Tarvik Technical College"]] in sides or [
        ["Tarvik Technical College"],
        ["Narva University"],
    ] in sides
    partners = {name for s in sides if s[0] == ["Tarvik Technical College"] for name in s[1]}
    assert {"Parnu Dual Training Foundation", "Rio Grande Valley Technical Institute"} <= partners


def test_a_description_by_a_place_the_gazetteer_lacks_needs_the_text_to_place_it_there():
    text = (
        "Pact\n\nStaff reporter | 6 Feb 2025\n\n"
        "Tarvik University signed an agreement with the Hochschule für Agrarwissenschaften "
        "Allgäu (HAA), based in Kempten in Bavaria.\n\n"
        "The Kempten institution has had a student exchange with Uganda's Mbarara Institute of "
        "Agricultural Sciences since 2021."
    )
    assert sides_of(text) == [
        [["Tarvik University"], ["Hochschule für Agrarwissenschaften Allgäu"]],
        [
            ["Hochschule für Agrarwissenschaften Allgäu"],
            ["Mbarara Institute of Agricultural Sciences"],
        ],
    ]


def test_they_signed_with_no_one_named_is_the_two_institutions_named_just_before():
    text = (
        "Partners\n\nStaff reporter | 28 March 2025\n\n"
        "When the Tarvik Institute of Marine Technology went looking for a partner, it did not "
        "look far. Across the channel, Narva Fisheries College had boats and harbours.\n\n"
        "On Wednesday the two schools put their needs on paper. In a ceremony at the "
        "institute's Beilun campus, they signed a five-year agreement."
    )
    assert sides_of(text) == [
        [["Tarvik Institute of Marine Technology"], ["Narva Fisheries College"]]
    ]


def test_they_signed_after_three_institutions_names_no_two_of_them():
    text = (
        "Partners\n\nStaff reporter | 28 March 2025\n\n"
        "Tarvik Marine College, Narva Fisheries College and Parnu Polytechnic sent staff to the "
        "fair. In a ceremony on Friday, they signed a five-year agreement."
    )
    assert sides_of(text) == []


def test_a_description_by_province_stands_for_the_institution_named_in_a_city_inside_it():
    text = (
        "Campus\n\nKUANTAN, Oct. 17, 2024\n\n"
        "Ningbo Harbour Polytechnic has opened its first campus outside China.\n\n"
        "The Zhejiang college and Kolej Maritim Kuantan signed the agreement on Tuesday."
    )
    assert sides_of(text) == [[["Ningbo Harbour Polytechnic"], ["Kolej Maritim Kuantan"]]]


def test_the_company_is_the_one_company_named_just_before():
    text = (
        "Cadets\n\nKUANTAN, Oct. 17, 2024\n\n"
        "Both colleges have worked with Lautan Biru Shipping Sdn. Bhd., a Kuantan-based "
        "coastal operator. The company signed a cadet-training agreement with Tarvik "
        "Polytechnic in 2022."
    )
    assert sides_of(text) == [[["Lautan Biru Shipping Sdn. Bhd."], ["Tarvik Polytechnic"]]]


def test_the_company_after_two_companies_is_neither():
    text = (
        "Cadets\n\nKUANTAN, Oct. 17, 2024\n\n"
        "Both colleges have worked with Lautan Biru Shipping Sdn. Bhd. and Acme Group. The "
        "company signed a cadet-training agreement with Tarvik Polytechnic in 2022."
    )
    assert [["Lautan Biru Shipping Sdn. Bhd."], ["Tarvik Polytechnic"]] not in sides_of(text)


def test_the_district_education_bureau_is_the_one_district_education_bureau_named():
    text = (
        "Sister schools\n\nStaff reporter | 16 May 2024\n\n"
        "The Tarvik District Education Bureau hosted the ceremony. Zhou Jianguo, Party "
        "Secretary of the Tarvik District Education Bureau, spoke.\n\n"
        "The district education bureau signed agreements, one by one, with Narva College and "
        "Parnu Middle School."
    )
    assert sides_of(text) == [
        [["Tarvik District Education Bureau"], ["Narva College", "Parnu Middle School"]]
    ]


def test_the_district_education_bureau_after_two_district_bureaus_is_neither():
    text = (
        "Sister schools\n\nStaff reporter | 16 May 2024\n\n"
        "The Tarvik District Education Bureau issued a report. The Narva District Education "
        "Bureau held a meeting.\n\n"
        "The district education bureau signed an agreement with Parnu Middle School."
    )
    assert sides_of(text) == []
