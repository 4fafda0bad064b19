"""Name forms and list items of unseen news (issue 16), on short texts written for these
tests: numbered labels before pairs, a department named with its government, initials a
text never defines, and a short name in mixed case before a full stop."""

import pytest

from educoop.loaders.text.extract import extract_records
from tests.loaders.text.reading import sides_of


def test_numbered_labels_before_pairs_are_list_items():
    text = (
        "Harbour Press Note\n\n"
        "Three agreements were exchanged on Friday:\n\n"
        "MoU 1 -- Lakeside Teachers College and Indian Institute of Marine Studies Kollam\n"
        "Signed by: the registrars of both.\n"
        "MoU 2 -- Lakeside Teachers College and Westfield University of Technology\n"
        "Focus: laboratory training.\n"
        "Agreement 3: Northgate Polytechnic and Westfield University of Technology\n"
    )
    assert sides_of(text) == [
        [["Lakeside Teachers College"], ["Indian Institute of Marine Studies Kollam"]],
        [["Lakeside Teachers College"], ["Westfield University of Technology"]],
        [["Northgate Polytechnic"], ["Westfield University of Technology"]],
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Grade 9 - twelve pupils took part in the camp.",
        "Room 12: the signing took place here.",
    ],
)
def test_a_number_after_a_word_before_lower_case_is_no_list_item(line):
    from educoop.loaders.text.words import ITEM_MARK

    assert ITEM_MARK.match(line) is None


def test_a_department_named_with_its_government_is_one_body():
    text = (
        "In 2022, Westfield University of Technology signed an MoU with the Higher "
        "Education Department, Government of Odisha, for faculty development."
    )
    assert sides_of(text) == [
        [
            ["Westfield University of Technology"],
            ["Higher Education Department, Government of Odisha"],
        ]
    ]
    names = {i.name for i in extract_records(text).institutions}
    assert "Government of Odisha" not in names


def test_a_government_after_a_school_stays_a_party_of_its_own():
    text = "Northgate Polytechnic, Government of Kerala and Fudan University met on Monday."
    names = {i.name for i in extract_records(text).institutions}
    assert "Northgate Polytechnic, Government of Kerala" not in names


@pytest.mark.parametrize(
    ("text", "expected", "alias"),
    [
        (
            "The Westfield Institute of Marine Engineering opened a campus. WIME and Fudan "
            "University signed an MoU on Monday.",
            [["Fudan University"], ["Westfield Institute of Marine Engineering"]],
            "WIME",
        ),
        (
            "The Indian Institute of Marine Studies Kollam held a fair. In 2023, IIMS Kollam "
            "signed an agreement with Fudan University.",
            [["Fudan University"], ["Indian Institute of Marine Studies Kollam"]],
            "IIMS Kollam",
        ),
    ],
)
def test_initials_the_text_never_defines_name_its_institution(text, expected, alias):
    records = extract_records(text)
    assert [sorted(a.sides) for a in records.agreements] == [expected]
    named = {i.name: i.aliases for i in records.institutions}
    assert alias in named[expected[1][0]]


def test_initials_two_institutions_share_name_neither():
    text = (
        "Westfield Lake University and Western Law University opened a centre. WLU and "
        "Fudan University signed an MoU on Monday."
    )
    assert sides_of(text) == []


@pytest.mark.parametrize("short", ["MoU", "MoA"])
def test_a_mixed_case_short_name_before_a_full_stop_ends_the_sentence(short):
    text = f"Northgate Polytechnic and the University of Westfield signed an {short}."
    assert sides_of(text) == [[["Northgate Polytechnic"], ["University of Westfield"]]]


def test_a_department_of_a_field_named_with_a_head_noun_is_one_name():
    text = "The Department of School Education signed an MoU with Westfield University."
    assert sides_of(text) == [[["Department of School Education"], ["Westfield University"]]]


def test_a_capital_the_inside_a_sentence_is_part_of_the_name():
    text = (
        "Fudan University signed an MoU with The University of Westfield on Monday. The "
        "University of Westfield will host the first students."
    )
    records = extract_records(text)
    [westfield] = [i for i in records.institutions if "Westfield" in i.name]
    assert westfield.name == "The University of Westfield"
    assert westfield.aliases == ["University of Westfield"]
    assert [a.sides for a in records.agreements] == [
        [["Fudan University"], ["The University of Westfield"]]
    ]


def test_a_lower_case_the_is_no_part_of_the_name():
    text = "Fudan University signed an MoU with the University of Westfield on Monday."
    assert sides_of(text) == [[["Fudan University"], ["University of Westfield"]]]


@pytest.mark.parametrize(
    ("text", "name", "abbreviation"),
    [
        (
            "Fudan University and Westfield State Technical University named after I. Petrov "
            "(WSTU) signed an agreement. WSTU will host the laboratory.",
            "Westfield State Technical University named after I. Petrov",
            "WSTU",
        ),
        (
            "Fudan University and Westfield University's College of Marine Science (CMS) "
            "signed an agreement. CMS will host the laboratory.",
            "Westfield University's College of Marine Science",
            "CMS",
        ),
    ],
)
def test_an_abbreviation_of_part_of_a_name_stands_for_the_whole(text, name, abbreviation):
    records = extract_records(text)
    named = {i.name: i.aliases for i in records.institutions}
    assert named[name] == [abbreviation]
    assert [a.sides for a in records.agreements] == [[["Fudan University"], [name]]]


def test_a_with_after_a_comma_once_both_partners_are_named_adds_a_circumstance():
    text = (
        "Fudan University and Westfield University signed a memorandum of understanding on a "
        "joint program, with the first cohort of 40 students expected in 2025."
    )
    assert sides_of(text) == [[["Fudan University"], ["Westfield University"]]]
    # Without the comma, "with" still names the partner the subjects signed with.
    assert sides_of(
        "Fudan University and Westfield University signed an agreement with Northgate Polytechnic."
    ) == [[["Fudan University", "Westfield University"], ["Northgate Polytechnic"]]]


def test_the_signatories_of_an_agreement_are_its_sides():
    text = (
        "The agreement was signed on Thursday. The signatories were Westfield University and "
        "Lakeside Vocational and Technical College."
    )
    assert [["Lakeside Vocational and Technical College"], ["Westfield University"]] in [
        sorted(sides) for sides in sides_of(text)
    ]


def test_they_who_signed_in_the_sentence_before_are_one_side():
    text = (
        "On the northern side the memorandum was signed by Westfield University, Northgate "
        "Polytechnic and Lakeside Teachers College. They signed with Fudan University and "
        "Harbin Marine College."
    )
    assert [sorted(sides) for sides in sides_of(text)] == [
        [
            ["Fudan University", "Harbin Marine College"],
            ["Lakeside Teachers College", "Northgate Polytechnic", "Westfield University"],
        ]
    ]


def test_they_with_no_signing_just_before_name_no_side():
    text = (
        "Westfield University opened a library in 2020. The city grew. They signed with Fudan "
        "University and Harbin Marine College."
    )
    assert sides_of(text) == []


def test_counterpart_support_pairs_two_regions():
    text = "Hangzhou has provided counterpart assistance to Qiandongnan since 2016."
    [agreement] = extract_records(text).agreements
    assert (agreement.kind, agreement.sides) == ("paired", [["Hangzhou"], ["Qiandongnan"]])


def test_a_signed_counterpart_agreement_stays_a_signing():
    text = (
        "Westfield University and Fudan University signed a counterpart assistance agreement "
        "on Monday."
    )
    [agreement] = extract_records(text).agreements
    assert agreement.kind == "signed"


def test_a_lead_naming_nothing_opens_a_list_of_what_the_sentence_before_reported():
    text = (
        "Westfield and Lakeside signed an education framework agreement on Monday.\n\n"
        "The pairs of schools signing this time cover every stage. Among them:\n\n"
        "\u2022 Westfield No. 3 Middle School \u2014 Lakeside No. 1 Middle School\n"
        "\u2022 Westfield Municipal Kindergarten \u2014 Lakeside Central Kindergarten\n"
    )
    assert sides_of(text)[-2:] == [
        [["Westfield No. 3 Middle School"], ["Lakeside No. 1 Middle School"]],
        [["Westfield Municipal Kindergarten"], ["Lakeside Central Kindergarten"]],
    ]


def test_a_lead_naming_nothing_after_no_report_opens_no_agreements():
    text = (
        "The city has many schools. Among them:\n\n"
        "\u2022 Westfield No. 3 Middle School \u2014 Lakeside No. 1 Middle School\n"
    )
    assert sides_of(text) == []


def test_a_lead_of_partner_schools_lists_the_partners_of_the_school_the_article_is_about():
    text = (
        "Westfield Foreign Languages School (WFLS) has added four sister schools.\n\n"
        "WFLS, founded in 1964, is known for its outlook.\n\n"
        "The partner schools announced this year are, listed by city:\n\n"
        "1. Hamburg \u2013 Gymnasium Lakeside\n"
        "2. Singapore \u2013 Harbour Chong Institution\n"
    )
    assert sides_of(text) == [
        [["Westfield Foreign Languages School"], ["Gymnasium Lakeside"]],
        [["Westfield Foreign Languages School"], ["Harbour Chong Institution"]],
    ]


def test_a_lead_of_members_does_not_fall_back_on_the_article_s_subject():
    text = (
        "Westfield University (WU) hosted a forum.\n\n"
        "Two more universities signed up to the network this year:\n\n"
        "- Brunei: Lakeside University\n"
        "- Laos: Harbour University\n"
    )
    assert sides_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Westfield Technical University (WsTU) signed an MoU with Fudan University. WsTU, "
        "which was converted from Westfield Polytechnic in 2016, signed a credit-transfer "
        "agreement with Harbin Marine College in 2019.",
        "Westfield Technical University (formerly Westfield Polytechnic) signed a "
        "credit-transfer agreement with Harbin Marine College in 2019.",
    ],
)
def test_a_former_name_is_an_alias_not_a_party(text):
    records = extract_records(text)
    named = {i.name: i.aliases for i in records.institutions}
    assert "Westfield Polytechnic" in named["Westfield Technical University"]
    assert [["Westfield Technical University"], ["Harbin Marine College"]] in [
        a.sides for a in records.agreements
    ]


def test_a_short_name_mostly_in_capitals_is_defined_but_an_mou_is_no_institution():
    text = (
        "Westfield Upland University of Technology (WeUT) signed a Memorandum of "
        "Understanding (MoU) with Fudan University. WeUT and Harbin Marine College signed "
        "an MoU in 2024."
    )
    records = extract_records(text)
    named = {i.name: i.aliases for i in records.institutions}
    assert named["Westfield Upland University of Technology"] == ["WeUT"]
    assert "Memorandum of Understanding" not in named


def test_items_under_a_lead_of_branches_pair_the_school_with_the_body_named_beside_it():
    text = (
        "Each branch was founded under an agreement with the county where it stands:\n\n"
        "1. Westfield No. 2 High School -- Lakeside County Education Bureau (24 classes)\n"
        "2. Harbour Middle School -- Northgate County Education Bureau (18 classes)\n"
    )
    assert sides_of(text) == [
        [["Westfield No. 2 High School"], ["Lakeside County Education Bureau"]],
        [["Harbour Middle School"], ["Northgate County Education Bureau"]],
    ]
    kinds = {a.kind for a in extract_records(text).agreements}
    assert kinds == {"branch"}


def test_a_town_before_an_abbreviation_is_part_of_the_name_and_a_listed_short_name_signs():
    text = (
        "The Federal University of Marine Studies, Westport (FUMS) hosted the event. In a "
        "separate agreement, FUMS, Lakeside Giwa Polytechnic, Northgate (LAGIPO) and the "
        "Harbour State Ministry of Education entered into a tripartite pact."
    )
    records = extract_records(text)
    names = {i.name for i in records.institutions}
    assert "Lakeside Giwa Polytechnic, Northgate" in names
    assert [len(side) for side in records.agreements[0].sides] == [1, 1, 1]
    assert {side[0] for side in records.agreements[0].sides} == {
        "Federal University of Marine Studies, Westport",
        "Lakeside Giwa Polytechnic, Northgate",
        "Harbour State Ministry of Education",
    }


def test_it_signed_with_names_the_one_institution_of_the_sentence_before():
    text = (
        "Westfield University already has partners abroad. In 2021 it signed an MoU with the "
        "University of Pretoria, South Africa, on mining research."
    )
    assert sides_of(text) == [[["Westfield University"], ["University of Pretoria"]]]


def test_it_signed_with_after_two_institutions_names_no_side():
    text = (
        "Westfield University and Fudan University held talks. In 2021 it signed an MoU with "
        "the University of Pretoria."
    )
    assert sides_of(text) == []


def test_the_provinces_of_x_y_and_z_that_sign_are_the_sides():
    text = (
        "In February last year, the three provinces and municipalities of Beijing, Tianjin "
        "and Hebei jointly signed an education agreement."
    )
    assert sides_of(text) == [[["Beijing"], ["Tianjin"], ["Hebei"]]]
    # Schools in places are no signing places.
    assert sides_of("Schools in Beijing, Tianjin and Hebei jointly signed an agreement.") == []


def test_what_an_agreement_creates_is_no_party_to_it():
    text = (
        "Westfield University and Fudan University signed an agreement that creates the "
        "Lakeside Institute of Marine Engineering (LIME) on Monday."
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [
        [["Westfield University"], ["Fudan University"]]
    ]


def test_the_founders_of_an_alliance_sign_nothing_with_one_another():
    founders = (
        "The alliance is jointly initiated by Westfield University, Fudan University and "
        "Harbin Marine College."
    )
    assert sides_of(founders) == []
    signed = "Westfield University and Fudan University signed an alliance agreement."
    assert sides_of(signed) == [[["Westfield University"], ["Fudan University"]]]


def test_a_government_body_is_named_with_its_province():
    text = (
        "The agreement between Westfield University and the Ministry of Social Development "
        "of Gandaki Province was signed on Monday."
    )
    records = extract_records(text)
    ministry = next(i for i in records.institutions if i.name.startswith("Ministry"))
    assert ministry.name == "Ministry of Social Development of Gandaki Province"
    assert ministry.region == "Gandaki"


def test_bodies_that_hosted_a_dinner_and_attended_as_guests_are_no_parties():
    text = (
        "Officials of the Westfield Provincial Department of Education and the Lakeside "
        "Education Bureau, which hosted a welcome dinner for the foreign delegations, attended "
        "as guests."
    )
    assert sides_of(text) == []
    hosted = "The Lakeside Education Bureau hosted a delegation from Westfield University."
    assert sides_of(hosted) == [[["Lakeside Education Bureau"], ["Westfield University"]]]


def institution_names(text: str) -> set[str]:
    return {i.name for i in extract_records(text).institutions}


def test_a_name_shortened_to_its_first_word_is_that_institution():
    text = (
        "Kestrel Bay University and Harwick College of Arts held talks in March. "
        "In May, Kestrel will send twenty students to Harwick under a new exchange agreement."
    )
    assert sides_of(text)[-1] == [["Kestrel Bay University"], ["Harwick College of Arts"]]


def test_a_first_word_written_in_lower_case_or_as_a_place_is_no_short_name():
    # "Northern" is a common word here, and "Luleå" a place the gazetteer lacks.
    text = (
        "Northern Plains University and Luleå Lakeside College met on Monday. "
        "Pupils in Luleå and the northern schools signed up. Northern signed an exchange "
        "agreement with Luleå on Friday."
    )
    last = [a for a in extract_records(text).agreements if "Northern signed" in a.evidence]
    assert all(
        "Northern Plains University" not in party
        for agreement in last
        for side in agreement.sides
        for party in side
    )


def test_a_part_of_a_named_institution_stands_for_it():
    text = (
        "Ridgeway University of Applied Sciences and Kumasi Technical University met. "
        "The agreement was signed by the Vice-Chancellor of Kumasi Technical University and "
        "Ridgeway's School of Creative Technology."
    )
    names = institution_names(text)
    assert "School of Creative Technology" not in names
    assert sides_of(text)[-1] == [
        ["Kumasi Technical University"],
        ["Ridgeway University of Applied Sciences"],
    ]


def test_company_names_end_in_their_legal_form():
    text = (
        "Qinghe Vocational College signed a training agreement with Tianjin Lanshan Battery "
        "Joint-Stock Co (Lanshan) and Shenzhen Hexin Technology Co., Ltd. on Friday. "
        "Later, Qinghe Polytechnic and Lanshan signed a second agreement."
    )
    names = institution_names(text)
    assert {
        "Tianjin Lanshan Battery Joint-Stock Co",
        "Shenzhen Hexin Technology Co., Ltd.",
    } <= names
    assert sides_of(text)[-1] == [
        ["Qinghe Polytechnic"],
        ["Tianjin Lanshan Battery Joint-Stock Co"],
    ]


def test_a_party_committee_attends_and_is_no_party():
    text = (
        "Liu Jianguo, Secretary of the Party Committee of Chengdu No. 7 Middle School, and "
        "Zeren, Deputy Secretary of the Litang County Party Committee, attended as Chengdu "
        "No. 7 Middle School signed an agreement with Litang County People's Government."
    )
    assert not any("Party" in name for name in institution_names(text))
    assert sides_of(text) == [
        [["Chengdu No. 7 Middle School"], ["Litang County People's Government"]]
    ]


def test_a_sister_compound_cues_a_pairing_of_regions():
    text = "Gangwon and Tottori established sister-region relations in 1994."
    assert sides_of(text) == [[["Gangwon"], ["Tottori"]]]


def test_a_place_owning_a_place_only_places_it():
    text = (
        "Kaihua County has been paired with Hangzhou's Binjiang district under the "
        "mountain-sea cooperation project since 2021."
    )
    assert sides_of(text) == [[["Kaihua County"], ["Binjiang"]]]


def test_a_body_named_by_its_kind_alone_is_the_one_the_article_names_in_full():
    text = (
        "The County Government of Nyeri and Dedan Kimathi University of Technology signed "
        "an MoU on Monday. The County Government of Nyeri will fund the workshops. In 2022 the "
        "university signed a similar MoU with the County Government of Laikipia. The County "
        "Government and the university will also exchange trainers."
    )
    assert [["County Government of Nyeri"], ["Dedan Kimathi University of Technology"]] in (
        sides_of(text)
    )
    assert "County Government" not in institution_names(text)


def test_a_convention_centre_is_a_venue_not_a_party():
    text = (
        "El Paso Community College and Westfield University signed an agreement at the "
        "El Paso Convention Center on Wednesday."
    )
    assert sides_of(text) == [[["El Paso Community College"], ["Westfield University"]]]
    assert "El Paso Convention Center" not in institution_names(text)


def test_those_named_as_watching_a_signing_are_no_parties():
    text = (
        "The MoU was signed by Hanoi University of Science and Technology and Shibaura "
        "Institute of Technology, with the attendance of representatives of the Ministry of "
        "Science and Technology. In the presence of the Ministry of Education and Training, "
        "Lakeside Teachers College signed with Osaka University."
    )
    assert sides_of(text) == [
        [["Hanoi University of Science and Technology"], ["Shibaura Institute of Technology"]],
        [["Lakeside Teachers College"], ["Osaka University"]],
    ]


def test_a_parent_university_and_an_institution_of_a_kind_are_no_parties():
    text = (
        "Westfield University signed an agreement with An Giang University, a member "
        "university of Vietnam National University, the first between an Australian "
        "university and an Indian Institute of Technology."
    )
    assert sides_of(text) == [[["Westfield University"], ["An Giang University"]]]
    names = institution_names(text)
    assert not names & {"Vietnam National University", "Indian Institute of Technology"}


def test_rows_of_pairs_under_a_lead_are_pairs_however_long_their_names():
    text = (
        "Three colleges joined the Adopt a School programme on Monday.\n\n"
        "The first three pairs are:\n\n"
        "Pokhara Engineering College \u2013 Shree Machhapuchchhre Secondary School, Rupa\n"
        "Gandaki College of Engineering and Science \u2013 Shree Kalika Secondary School, Rupa\n"
        "Lakeside International College \u2013 Shree Jana Jyoti Secondary School, Madi\n"
    )
    assert sides_of(text) == [
        [["Pokhara Engineering College"], ["Shree Machhapuchchhre Secondary School"]],
        [["Gandaki College of Engineering and Science"], ["Shree Kalika Secondary School"]],
        [["Lakeside International College"], ["Shree Jana Jyoti Secondary School"]],
    ]


def test_two_names_with_a_head_each_across_and_are_two():
    text = (
        "The County Government of Nyeri, Dedan Kimathi University of Technology and "
        "Brookside Dairy Limited signed a tripartite MoU. Hong Kong Baptist University "
        "Affiliated School Wong Kam Fai Secondary and Primary School signed with Futian "
        "Lianhua Primary School."
    )
    assert sides_of(text) == [
        [
            ["County Government of Nyeri"],
            ["Dedan Kimathi University of Technology"],
            ["Brookside Dairy Limited"],
        ],
        [
            [
                "Hong Kong Baptist University Affiliated School Wong Kam Fai Secondary and "
                "Primary School"
            ],
            ["Futian Lianhua Primary School"],
        ],
    ]


def test_a_school_s_number_written_no_is_no_denial():
    text = "Shanghai Qibao High School and Yuanyang No 1 Senior High School were paired."
    assert sides_of(text) == [
        [["Shanghai Qibao High School"], ["Yuanyang No 1 Senior High School"]]
    ]


def test_rows_of_sister_schools_with_their_suburbs_and_indonesian_names():
    text = (
        "The new partnerships are:\n\n"
        "- Rossmoyne Senior High School (Rossmoyne) \u2013 SMA Negeri 5 Surabaya (Surabaya)\n"
        "- Mount Hawthorn Primary School (Mount Hawthorn) \u2013 SD Negeri Kaliasin I (Surabaya)\n"
    )
    assert sides_of(text) == [
        [["Rossmoyne Senior High School"], ["SMA Negeri 5 Surabaya"]],
        [["Mount Hawthorn Primary School"], ["SD Negeri Kaliasin I"]],
    ]
    aliases = {i.name: i.aliases for i in extract_records(text).institutions}
    assert aliases["Rossmoyne Senior High School"] == []


def test_a_place_in_brackets_after_a_name_places_it_unless_a_chinese_campus():
    text = (
        "Tshwane South TVET College (Gauteng) twinned with Albeda College (Rotterdam). "
        "The Hong Kong University of Science and Technology (Guangzhou) signed with "
        "Westfield University."
    )
    names = {i.name: i.region for i in extract_records(text).institutions}
    assert names["Tshwane South TVET College"] == "Gauteng"
    assert "Hong Kong University of Science and Technology (Guangzhou)" in names


def test_spanish_names_with_an_article_after_de_and_an_institucion():
    text = (
        "Universidad de Chile signed with the Universidad de los Andes, and Universidad de "
        "Antioquia with Institución Educativa INEM José Félix de Restrepo."
    )
    assert sides_of(text) == [
        [["Universidad de Chile"], ["Universidad de los Andes"]],
        [["Universidad de Antioquia"], ["Institución Educativa INEM José Félix de Restrepo"]],
    ]


def test_a_consortium_is_a_programme_of_its_members():
    records = extract_records(
        "Universidad de Chile and Universidad del Pacífico founded the South Pacific "
        "University Consortium, signing its founding agreement on 14 March."
    )
    assert "South Pacific University Consortium" not in {i.name for i in records.institutions}
    assert "South Pacific University Consortium" in {p.name for p in records.programmes}


def test_a_post_after_and_ends_the_name_before_it():
    text = (
        "The Gangwon State Office of Education and Tottori Prefectural Board of Education "
        "and Deputy Superintendent Park Min-jae signed the agreement."
    )
    assert sides_of(text) == [
        [["Gangwon State Office of Education"], ["Tottori Prefectural Board of Education"]]
    ]


def test_campuses_named_by_a_place_are_branches_there_and_own_campuses_are_not():
    text = (
        "Beijing No. 4 High School and Beijing Beihai Kindergarten opened Xiong'an campuses "
        "in 2023. Saxion University of Applied Sciences, which has campuses in Enschede and "
        "Deventer, signed with Westfield University."
    )
    assert sides_of(text) == [
        [["Beijing No. 4 High School"], ["Xiong'an"]],
        [["Beijing Beihai Kindergarten"], ["Xiong'an"]],
        [["Saxion University of Applied Sciences"], ["Westfield University"]],
    ]


def test_a_school_named_with_the_body_that_runs_it_is_one_name():
    text = (
        "Guangzhou Qizhi School signed with Mental Health Association of Hong Kong Cornwall School."
    )
    assert sides_of(text) == [
        [["Guangzhou Qizhi School"], ["Mental Health Association of Hong Kong Cornwall School"]]
    ]


def test_a_cell_beside_a_named_institution_names_one_without_a_head():
    text = (
        "Seven colleges were twinned:\n\n"
        "South African college | Partner\n"
        "False Bay TVET College (Western Cape) | Omnia, Espoo (Finland)\n"
        "Ekurhuleni East TVET College (Gauteng) | ROC Mondriaan, The Hague (Netherlands)\n"
        "1 | Harbour College | New\n"
    )
    assert sides_of(text) == [
        [["False Bay TVET College"], ["Omnia"]],
        [["Ekurhuleni East TVET College"], ["ROC Mondriaan"]],
    ]


def test_a_tripartite_agreement_has_a_side_for_each_party():
    text = (
        "The County Government of Nyeri signed a memorandum with Dedan Kimathi University of "
        "Technology and Brookside Dairy Limited. The tripartite MoU was signed on Wednesday."
    )
    assert sides_of(text) == [
        [
            ["County Government of Nyeri"],
            ["Dedan Kimathi University of Technology"],
            ["Brookside Dairy Limited"],
        ]
    ]


def test_an_arrow_parts_the_sides_of_a_row():
    text = (
        "The new sister-school pairs are:\n\n"
        "- Kurayoshi City \u2013 Kurayoshi Higashi High School \u2194 Wonju \u2013 Wonju "
        "High School and Wonju Girls' High School\n"
    )
    assert sides_of(text) == [
        [["Kurayoshi Higashi High School"], ["Wonju Girls' High School", "Wonju High School"]]
    ]


def test_counts_of_a_place_s_schools_and_the_way_home_make_no_agreement():
    text = (
        "Heung To Middle School signed an agreement with Shenzhen Middle School on Friday. "
        "As at April 2024, about 900 Hong Kong schools had formed some 2 300 sister school "
        "pairs, of which over 60 per cent are in Guangdong Province. The delegation will also "
        "visit Shenzhen tomorrow before returning to Hong Kong."
    )
    assert sides_of(text) == [[["Heung To Middle School"], ["Shenzhen Middle School"]]]


def test_those_who_only_talk_take_part_in_nothing():
    text = (
        "Westfield University signed an agreement with Harbour College on Monday. "
        "Separately, Zayed University held talks with Sorbonne University Abu Dhabi about "
        "possible cooperation in translation studies."
    )
    assert institution_names(text) == {"Westfield University", "Harbour College"}


def test_places_whose_mayors_sign_are_each_a_side():
    text = "The mayors of Lille, Lyon, Marseille, Toulouse and Bordeaux signed the school pact."
    assert sides_of(text) == [[["Lille"], ["Lyon"], ["Marseille"], ["Toulouse"], ["Bordeaux"]]]


def test_a_bureau_of_the_government_of_a_region_is_one_name():
    text = (
        "The Department of Education of Guangdong Province and the Education and Youth "
        "Development Bureau of the Government of the Macao Special Administrative Region "
        "signed a framework agreement."
    )
    assert sides_of(text) == [
        [
            ["Department of Education of Guangdong Province"],
            [
                "Education and Youth Development Bureau of the Government of the Macao "
                "Special Administrative Region"
            ],
        ]
    ]


def test_german_schools_named_as_one_hyphened_word():
    text = (
        "Collège Vauban in Strasbourg was paired with the Martin-Schongauer-Gymnasium in "
        "Breisach, and Lycée Bartholdi with the Droste-Hülshoff-Gymnasium."
    )
    assert sides_of(text) == [
        [["Collège Vauban"], ["Martin-Schongauer-Gymnasium"]],
        [["Lycée Bartholdi"], ["Droste-Hülshoff-Gymnasium"]],
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A fronted witness phrase leaves the signers who follow it.
        (
            "In the presence of the Minister of Education, Deakin University and Monash "
            "University signed an MoU.",
            [[["Deakin University"], ["Monash University"]]],
        ),
        # Own campuses named after a determiner are no branches.
        ("Both campuses in Geelong will be shared by Deakin University and Monash University.", []),
        # A dash in prose opens no row of names.
        (
            "Westfield University signed a deal with Monash University on Monday \u2013 "
            "Premier Daniel Andrews attended.",
            [[["Westfield University"], ["Monash University"]]],
        ),
        # A post after an Indonesian school's town ends no name into it.
        (
            "Rossmoyne Senior High School signed with SMA Negeri 5 Surabaya on Monday.",
            [[["Rossmoyne Senior High School"], ["SMA Negeri 5 Surabaya"]]],
        ),
    ],
)
def test_what_a_review_found_the_new_rules_overreach(text, expected):
    assert sides_of(text) == expected


def test_a_charter_signed_by_the_members_one_sentence_listed_has_a_side_each():
    text = (
        "ROOTS brings together Westfield University, Harbour College, Lakeside University, "
        "Tartu Teachers College, Passau Polytechnic and Alcala University. The rectors of the "
        "six founding members signed the founding charter on Monday."
    )
    assert sides_of(text) == [
        [
            ["Westfield University"],
            ["Harbour College"],
            ["Lakeside University"],
            ["Tartu Teachers College"],
            ["Passau Polytechnic"],
            ["Alcala University"],
        ]
    ]


def test_a_university_s_part_named_with_it_is_one_name():
    text = (
        "The College of Materials Science and Engineering of Fuzhou University signed an "
        "agreement with Contemporary Amperex Technology Co., Limited."
    )
    assert sides_of(text) == [
        [
            ["College of Materials Science and Engineering of Fuzhou University"],
            ["Contemporary Amperex Technology Co., Limited"],
        ]
    ]


@pytest.mark.parametrize(
    "members",
    [
        # A table of the founding members below the signing.
        "| University | City |\n|---|---|\n| Westfield University | Westfield |\n"
        "| Harbour College | Harbour |\n| Lakeside University | Lakeside |\n",
        # The members on lines of their own, under headings.
        "The founding members are:\n\nNorth:\n  Westfield University (Westfield)\n"
        "  Harbour College (Harbour)\nSouth:\n  Lakeside University (Lakeside)\n",
    ],
)
def test_a_charter_signed_by_the_members_a_list_below_names_has_a_side_each(members):
    text = (
        "The rectors of the three founding members signed the founding charter on Monday, "
        "at a ceremony hosted by Lakeside University.\n\n" + members + "\nThe alliance will "
        "open a joint summer school."
    )
    assert sides_of(text) == [
        [["Westfield University"], ["Harbour College"], ["Lakeside University"]]
    ]


def test_members_counted_but_named_in_prose_apart_are_no_list():
    text = (
        "The rectors of the three founding members signed the founding charter on Monday.\n\n"
        "Westfield University hosted the dinner. Harbour College sent its choir, and the "
        "weather in Lakeside University's town was fine."
    )
    assert sides_of(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Comenius University Bratislava signed an agreement with Masaryk University.",
            "Comenius University Bratislava",
        ),
        (
            "Masaryk University signed an agreement with Johannes Kepler University Linz.",
            "Johannes Kepler University Linz",
        ),
    ],
)
def test_a_university_named_with_its_town_after_its_head_is_one_name(text, name):
    assert name in {n for sides in sides_of(text) for side in sides for n in side}


def test_those_witnessing_the_signing_are_no_parties():
    text = (
        "Westfield University and Harbour College signed a framework agreement on May 15. "
        "Witnessing the signing were Li Ming, director of the Lakeside Provincial Department "
        "of Education; Wang Fang, deputy director of the Harbour Municipal Education "
        "Commission; and Zhou Yan, deputy head of the Lakeside Municipal Government."
    )
    assert sides_of(text) == [[["Westfield University"], ["Harbour College"]]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Université Mohammed VI Polytechnique signed an agreement with Qatar University.",
            "Université Mohammed VI Polytechnique",
        ),
        (
            "Flinders University signed an agreement with Universidade Nacional Timor Lorosa'e.",
            "Universidade Nacional Timor Lorosa'e",
        ),
        ("Uniwersytet Gdański signed an agreement with Lund University.", "Uniwersytet Gdański"),
        (
            "Lund University signed an agreement with Klaipėdos universitetas.",
            "Klaipėdos universitetas",
        ),
    ],
)
def test_names_in_other_languages_with_numerals_apostrophes_and_their_heads(text, name):
    assert name in {n for sides in sides_of(text) for side in sides for n in side}


def test_a_body_of_a_place_whose_name_holds_a_comma_takes_the_whole_place():
    text = (
        "The Baiyun District Education Bureau signed an agreement with the Education Bureau "
        "of Weining Yi, Hui and Miao Autonomous County."
    )
    assert sides_of(text) == [
        [
            ["Baiyun District Education Bureau"],
            ["Education Bureau of Weining Yi, Hui and Miao Autonomous County"],
        ]
    ]


def test_founders_and_joiners_of_a_body_named_before_are_its_members_not_partners():
    records = extract_records(
        "The Harbour Strait Universities Consortium (HSUC) has admitted two new members, "
        "Westfield University and Lakeside University.\n\n"
        "The consortium was launched in 2019 by three universities: Harbour University, "
        "Northgate University and Eastbay University.\n\n"
        "Riverside University was invited to join, and 150 students were admitted to "
        "Southport University."
    )
    [programme] = records.programmes
    assert programme.name == "Harbour Strait Universities Consortium"
    members = {p.name for p in programme.participants}
    assert members == {
        "Westfield University",
        "Lakeside University",
        "Harbour University",
        "Northgate University",
        "Eastbay University",
    }
    assert {i.name for i in records.institutions} == members
    assert records.agreements == []


def test_an_article_before_a_name_is_no_part_of_it_unless_a_place_begins_with_it():
    records = extract_records(
        "A Lakeshore University spokesperson said on May 3, 2024 that Lakeshore University had "
        "signed an agreement with An Giang University and with the University of A Coruña."
    )
    assert sorted(i.name for i in records.institutions) == [
        "An Giang University",
        "Lakeshore University",
        "University of A Coruña",
    ]


@pytest.mark.parametrize("company", ["Prairie Coach Industries ULC", "Harbourline Logistics BV"])
def test_a_company_named_with_its_legal_form_is_a_party(company):
    records = extract_records(
        f"Red Valley College signed an agreement with {company} on May 3, 2024 to train "
        "apprentices."
    )
    assert [a.sides for a in records.agreements] == [[["Red Valley College"], [company]]]


def test_founding_members_in_a_table_below_with_small_towns_and_elided_articles():
    text = (
        "# Four universities found an alliance of river towns\n\n"
        "*Published: 8 May 2023*\n\n"
        "The rectors of the four founding members signed the charter of the alliance.\n\n"
        "## Founding members\n\n"
        "| University | City |\n|---|---|\n"
        "| Université de Brives et des Vallées de l'Aveyron (UBVA) | Brives |\n"
        "| Marrow University Velkov | Velkov |\n"
        "| Universidad de Tordesa (UT) | Tordesa |\n"
        "| University of Kettlemouth | Kettlemouth |\n\n"
        "The partners plan a joint master's degree.\n"
    )
    [agreement] = extract_records(text).agreements
    assert sorted(name for [name] in agreement.sides) == [
        "Marrow University Velkov",
        "Universidad de Tordesa",
        "University of Kettlemouth",
        "Université de Brives et des Vallées de l'Aveyron",
    ]


def test_the_presidents_counted_after_the_prose_are_those_of_the_list_above():
    # The list's lines name four words each: list items, not headings. The university
    # named in the prose between the list and the count is no founder.
    text = (
        "Harbour universities form a consortium\n\n"
        "The founding members are:\n\n"
        "  North shore:\n"
        "    Kelbrook Institute of Marine Technology (Kelbrook)\n"
        "    Aldwater University (Aldwater)\n"
        "  South shore:\n"
        "    Pemberly National Maritime University (Pemberly)\n"
        "    Suncombe University (Suncombe)\n\n"
        "The consortium will offer summer schools. Ravensmoor University sent an observer.\n\n"
        "The consortium works under a memorandum the four presidents signed on 3 May 2024.\n"
    )
    [agreement] = extract_records(text).agreements
    assert [name for [name] in agreement.sides] == [
        "Kelbrook Institute of Marine Technology",
        "Aldwater University",
        "Pemberly National Maritime University",
        "Suncombe University",
    ]


def test_items_under_a_partners_heading_are_partners_of_the_one_the_article_is_about():
    # Each item goes on after its first sentence; the heading has no colon; the article's
    # subject is named as often as an official body, and first.
    text = (
        "# Marlow University signs three agreements\n\n"
        "Published: 14 March 2025\n\n"
        "Marlow University has signed three memoranda of understanding with universities "
        "abroad. Officials from the Higher Education Board of Fenland attended.\n\n"
        "## The new partners\n\n"
        "- University of Dunmore, Ghana — signed on Monday. The two will share a summer "
        "school. Staff will visit each other.\n"
        "- Corvell Institute of Technology — signed on Tuesday. It covers engineering.\n"
        "- Université de Sarlon, Togo — signed on Wednesday, 12 March.\n\n"
        "## Background\n\n"
        "- The Fenland Polytechnic hosted a forum on Thursday.\n"
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [
        [["Marlow University"], [partner]]
        for partner in [
            "University of Dunmore",
            "Corvell Institute of Technology",
            "Université de Sarlon",
        ]
    ]


def test_the_mayors_of_five_cities_who_sign_a_plan_sign_it_for_their_cities():
    records = extract_records(
        "Five cities adopt a language plan\n\n"
        "The mayors of Lille, Antwerp, Lyon, Rotterdam and Utrecht signed the joint "
        "language plan at the Lyon city hall on 3 May 2024."
    )
    [agreement] = records.agreements
    assert agreement.kind == "plan"
    assert sorted(name for [name] in agreement.sides) == [
        "Antwerp",
        "Lille",
        "Lyon",
        "Rotterdam",
        "Utrecht",
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Univerza v Ljubljani", "Sveučilište u Zagrebu"),
        ("Gimnazija Nova Gorica", "Tecnológico de Monterrey"),
        ("Universitatea din București", "Univerzitet u Beogradu"),
    ],
)
def test_names_led_by_a_slavic_romanian_or_spanish_head(first, second):
    records = extract_records(f"{first} signed an agreement with {second} on 3 May 2024.")
    assert [a.sides for a in records.agreements] == [[[first], [second]]]


def test_institutions_that_plan_to_do_a_thing_adopt_no_plan():
    intends = extract_records(
        "Harwick University and Lomond College plan to focus on literacy, while the two "
        "universities plan to share staff, officials said on 3 May 2024."
    )
    assert intends.agreements == []
    adopted = extract_records(
        "Harwick University and Lomond College adopted a joint plan to share staff on 3 May 2024."
    )
    assert [(a.kind, a.sides) for a in adopted.agreements] == [
        ("plan", [["Harwick University"], ["Lomond College"]])
    ]


def test_the_state_that_was_paired_is_the_last_region_named():
    records = extract_records(
        "Two states swap students\n\n"
        "Gujarat joined the exchange scheme on 3 May 2024. This is not Gujarat's first "
        "exchange. In the last cycle the state was paired with Bihar, officials said."
    )
    assert [(a.kind, a.sides) for a in records.agreements] == [("paired", [["Gujarat"], ["Bihar"]])]
    # "The state government" is no place standing for the state.
    none = extract_records(
        "Gujarat joined the scheme on 3 May 2024. In the last cycle the state government "
        "talked with Bihar about it."
    )
    assert none.agreements == []


def test_numbered_rows_of_a_table_of_two_schools_pair_them():
    text = (
        "School partnerships: overview\n\n"
        "City Schools Office | Published 2 September 2024\n\n"
        "The following table lists the partnerships that are active. Schools are listed "
        "with their usual names.\n\n"
        "No. | School in Arnholt | School in Velden\n"
        "1 | Gelehrtenschule des Arnholtums | Velden No. 2 High School\n"
        "2 | Lindenkolleg | Velden Foreign Language School\n\n"
        "| University | Town | Country |\n"
        "|---|---|---|\n"
        "| Marrow University | Velden | Germany |\n"
        "| University of Kettlemouth | Arnholt | Germany |\n"
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [
        [["Gelehrtenschule des Arnholtums"], ["Velden No. 2 High School"]],
        [["Lindenkolleg"], ["Velden Foreign Language School"]],
    ]


def test_a_caption_with_a_bar_after_a_signing_is_no_row_of_it():
    records = extract_records(
        "Harwick University signed an agreement with Lomond College on 3 May 2024.\n"
        "Photo: Corvell University | Source: Marlow University\n"
    )
    assert [a.sides for a in records.agreements] == [[["Harwick University"], ["Lomond College"]]]


def test_a_named_plan_to_do_a_thing_is_still_a_plan():
    records = extract_records(
        "Harwick University and Lomond College adopted the Fenland plan to share staff on "
        "3 May 2024."
    )
    assert [(a.kind, a.sides) for a in records.agreements] == [
        ("plan", [["Harwick University"], ["Lomond College"]])
    ]


def test_initials_joined_by_an_ampersand_and_a_place_with_a_small_word_stay_in_the_name():
    text = (
        "Deal\n\nStaff reporter | Xi'an | 2 April 2025\n\n"
        "Southeast A&T University signed an agreement with the University of Wadi es Sahel "
        "on Monday."
    )
    assert sides_of(text) == [[["Southeast A&T University"], ["University of Wadi es Sahel"]]]


def test_a_province_in_brackets_after_a_name_places_it_and_a_city_names_a_campus():
    records = extract_records(
        "Medical schools sign\n\n"
        "Harwick Medical University (Henan) and Lomond University (Gansu) signed an agreement "
        "on Monday. Harwick Medical University signed another with Marlow University "
        "(Shenzhen).\n"
    )
    places = {i.name: i.region for i in records.institutions}
    assert places == {
        "Harwick Medical University": "Henan",
        "Lomond University": "Gansu",
        "Marlow University (Shenzhen)": "Shenzhen",
    }
    assert [a.sides for a in records.agreements] == [
        [["Harwick Medical University"], ["Lomond University"]],
        [["Harwick Medical University"], ["Marlow University (Shenzhen)"]],
    ]


def test_short_names_of_initials_and_a_word_are_defined_and_used_later():
    text = (
        "Labs open\n\nStaff reporter | Shenzhen | 2 April 2025\n\n"
        "Harwick University of Science and Technology (HUSTech) and the Lomond Polytechnic "
        "University (PolyU) signed an agreement on Monday. Later, HUSTech signed another with "
        "Marlow Central Hospital, and PolyU signed one with Fenland College."
    )
    assert sides_of(text) == [
        [["Harwick University of Science and Technology"], ["Lomond Polytechnic University"]],
        [["Harwick University of Science and Technology"], ["Marlow Central Hospital"]],
        [["Lomond Polytechnic University"], ["Fenland College"]],
    ]


def test_a_university_college_keeps_its_place_in_its_name():
    text = (
        "Dairy deal\n\nStaff reporter | Nairobi | 2 April 2025\n\n"
        "University College Harwick and Lomond University have signed a memorandum of "
        "understanding on dairy research."
    )
    assert sides_of(text) == [[["University College Harwick"], ["Lomond University"]]]


def test_a_peoples_government_keeps_its_first_words():
    text = (
        "County deal\n\nStaff reporter | Lanzhou | 2 April 2025\n\n"
        "Harwick University and the People's Government of Linxia Hui Autonomous Prefecture "
        "signed an agreement on Monday."
    )
    assert sides_of(text) == [
        [["Harwick University"], ["People's Government of Linxia Hui Autonomous Prefecture"]]
    ]


def test_regional_governments_and_spanish_state_schools_are_read_whole():
    text = (
        "Border schools\n\nStaff reporter | Vigo | 2 April 2025\n\n"
        "The Junta de Castilla Nueva and the Comissão de Coordenação e Desenvolvimento Regional "
        "do Sul signed an agreement on Monday. IES Rosalía Pardo signed another with IES Lluís "
        "Mercader."
    )
    assert sides_of(text) == [
        [
            ["Junta de Castilla Nueva"],
            ["Comissão de Coordenação e Desenvolvimento Regional do Sul"],
        ],
        [["IES Rosalía Pardo"], ["IES Lluís Mercader"]],
    ]


def test_a_number_after_the_head_noun_ends_the_name():
    text = (
        "Border schools\n\nStaff reporter | Hohhot | 2 April 2025\n\n"
        "Erlian No. 3 Middle School signed an agreement with Sainshand Secondary School No. 4 "
        "on Monday."
    )
    assert sides_of(text) == [
        [["Erlian No. 3 Middle School"], ["Sainshand Secondary School No. 4"]]
    ]


def test_a_short_name_in_capitals_that_signs_is_an_institution_though_never_expanded():
    text = (
        "Deals\n\nStaff reporter | Lagos | 2 April 2025\n\n"
        "Separately, OSUT signed a letter of intent with Harwick University covering "
        "engineering. Lomond College later signed an agreement with KWPU. The MoU signed "
        "in the US was not renewed."
    )
    assert sides_of(text) == [
        [["OSUT"], ["Harwick University"]],
        [["Lomond College"], ["KWPU"]],
    ]


def test_a_town_after_a_name_that_holds_its_place_only_locates_it():
    text = (
        "Deal\n\nStaff reporter | Nanjing | 2 April 2025\n\n"
        "On 10 October, Harwick Normal University signed an agreement with the People's "
        "Government of Sucheng District, Suqian, on jointly establishing a school."
    )
    assert sides_of(text) == [
        [["Harwick Normal University"], ["People's Government of Sucheng District"]]
    ]


def test_a_place_after_and_opens_the_next_name():
    text = (
        "Deal\n\nStaff reporter | Wuxi | 2 April 2025\n\n"
        "Harwick Institute of Technology and Anhui Vocational and Technical College signed a "
        "cooperation agreement. The University of Science and Technology of Lomond signed "
        "another with Marlow College."
    )
    assert sides_of(text) == [
        [["Harwick Institute of Technology"], ["Anhui Vocational and Technical College"]],
        [["University of Science and Technology of Lomond"], ["Marlow College"]],
    ]


def test_polish_and_czech_school_names_are_read_whole():
    text = (
        "Partner schools\n\nStaff reporter | Dresden | 2 April 2025\n\n"
        "The new partnerships (town: Saxon school \u2013 town: Polish school):\n\n"
        "Meissen: Lessing-Oberschule \u2013 Lubin: Szkoła Podstawowa nr 4 w Lubinie\n"
        "Riesa: Werner-Heisenberg-Gymnasium \u2013 Legnica: II Liceum Ogólnokształcące w Legnicy\n"
        "Freiberg: Agricola-Gymnasium \u2013 Głogów: Zespół Szkół Technicznych w Głogowie\n\n"
        "The Hochschule Mittweida signed an agreement with the Technická univerzita v Ostravě."
    )
    assert sides_of(text) == [
        [["Lessing-Oberschule"], ["Szkoła Podstawowa nr 4 w Lubinie"]],
        [["Werner-Heisenberg-Gymnasium"], ["II Liceum Ogólnokształcące w Legnicy"]],
        [["Agricola-Gymnasium"], ["Zespół Szkół Technicznych w Głogowie"]],
        [["Hochschule Mittweida"], ["Technická univerzita v Ostravě"]],
    ]


def test_a_list_ending_in_a_company_abbreviation_names_every_member():
    text = (
        "Alliance founded\n\nStaff reporter | Chongqing | 2 April 2025\n\n"
        "Its four founding members are Fuling Industry Polytechnic College, Hechuan Vocational "
        "& Technical College of Industry, Wanzhou Motor Co., Ltd. and Qianjiang Battery "
        "Technology Co., Ltd.\n\n"
        "Representatives of the four founding members signed the alliance charter on stage."
    )
    assert sides_of(text) == [
        [
            ["Fuling Industry Polytechnic College"],
            ["Hechuan Vocational & Technical College of Industry"],
            ["Wanzhou Motor Co., Ltd."],
            ["Qianjiang Battery Technology Co., Ltd."],
        ]
    ]


def test_a_school_affiliated_to_a_university_named_with_of_and_and_is_one_name():
    text = (
        "Schools\n\nStaff reporter | Wuhan | 2 April 2025\n\n"
        "Harwick University of Science and Technology Affiliated Lakeside Middle School signed "
        "an agreement with Lomond University of Technology Affiliated Hill Primary School."
    )
    assert sides_of(text) == [
        [
            ["Harwick University of Science and Technology Affiliated Lakeside Middle School"],
            ["Lomond University of Technology Affiliated Hill Primary School"],
        ]
    ]


OWN_NEWS = (
    "Our school and Ridgeway Tools Co., Ltd. sign practice base agreement\n\n"
    "On the morning of March 12, the signing ceremony of our school, Ridgeway Tools Co., "
    "Ltd. and Lakeshore Railway Vocational College was held in the administration "
    "building.\n\n"
    "He pointed out, Northbank University of Technology as the provincial key university "
    "always serves the local economy. The cooperation with Ridgeway Tools and Lakeshore "
    "Railway Vocational College is an important measure.\n\n"
    "At the meeting, our school also with Westgate Locomotive Co., Ltd. signed the "
    "practice teaching base agreement."
)


def test_our_school_in_a_universitys_own_news_is_that_university():
    # The one university named in no sentence that also says "our school".
    assert sides_of(OWN_NEWS) == [
        [
            ["Northbank University of Technology"],
            ["Ridgeway Tools Co., Ltd."],
            ["Lakeshore Railway Vocational College"],
        ],
        [["Northbank University of Technology"], ["Westgate Locomotive Co., Ltd."]],
    ]


def test_our_school_is_no_one_when_two_universities_could_be_it():
    text = OWN_NEWS.replace(
        "The cooperation", "Eastfield University sent a letter. The cooperation"
    )
    assert all(["Northbank University of Technology"] not in sides for sides in sides_of(text))


def test_a_name_written_alone_elsewhere_ends_before_and():
    # "Ridgeway Tools" is a name of its own ("Ridgeway Tools Co., Ltd."), so
    # "Ridgeway Tools and Lakeshore Railway Vocational College" is two names.
    text = (
        "Ridgeway Tools Co., Ltd. hosted the ceremony. Northbank University signed an "
        "agreement with Ridgeway Tools and Lakeshore Railway Vocational College."
    )
    assert [["Northbank University"], ["Lakeshore Railway Vocational College"]] in sides_of(text)


def test_a_two_word_place_owning_a_name_only_places_it():
    text = (
        "Shenzhen Polytechnic University signed a memorandum of understanding with Hong "
        "Kong's Vocational Training Council on Tuesday."
    )
    assert sides_of(text) == [
        [["Shenzhen Polytechnic University"], ["Vocational Training Council"]]
    ]


def test_a_description_by_place_finds_the_one_named_alone_in_a_sentence_there():
    # "When X opened its doors in Pingshan": the Pingshan-based university is X, and
    # "When" opens the sentence, not the name.
    text = (
        "When Shenzhen Technology University opened its doors in Pingshan in 2018, it had "
        "few friends. On Tuesday the Pingshan-based university signed a five-year agreement "
        "with the Hong Kong Polytechnic University."
    )
    assert sides_of(text) == [
        [["Shenzhen Technology University"], ["Hong Kong Polytechnic University"]]
    ]


def test_a_post_and_a_persons_name_after_a_body_are_no_part_of_its_name():
    text = (
        "Lakeshore City Office of Education Superintendent Lee Min-ho and Hillside "
        "Prefectural Board of Education Superintendent Sato Kenji signed the memorandum."
    )
    assert sides_of(text) == [
        [["Lakeshore City Office of Education"], ["Hillside Prefectural Board of Education"]]
    ]


def test_a_company_suffix_ends_a_name_and_a_place_that_owns_the_next_opens_one():
    text = (
        "Northbank University has teamed up with Ridgeway Telecom PLC and Uganda's Kampala "
        "Institute of Technology in a three-way agreement signed on Monday."
    )
    assert sides_of(text) == [
        [
            ["Northbank University"],
            ["Ridgeway Telecom PLC"],
            ["Kampala Institute of Technology"],
        ]
    ]


def test_a_district_in_brackets_after_a_school_only_locates_it():
    text = "Hongling Middle School (Futian) signed a sister-school agreement with Ying Wa College."
    assert sides_of(text) == [[["Hongling Middle School"], ["Ying Wa College"]]]


def test_a_generic_body_named_alone_elsewhere_still_joins_a_longer_name_with_and():
    # "Ministry of Education" goes on "of Mongolia" elsewhere: it is not a whole name there.
    text = (
        "The Ministry of Education of Mongolia hosted. The Ministry of Education and Sports "
        "of the Lao People's Democratic Republic signed a memorandum with Northbank "
        "University."
    )
    assert sides_of(text) == [
        [
            ["Ministry of Education and Sports of the Lao People's Democratic Republic"],
            ["Northbank University"],
        ]
    ]


def test_a_company_introduced_by_what_it_is_is_an_institution():
    text = (
        "A second agreement was signed by three parties at once: Accra Technical University, "
        "the Hochschule Bonn-Rhein-Sieg and the energy technology company Siemens Energy."
    )
    assert sides_of(text) == [
        [["Accra Technical University"], ["Hochschule Bonn-Rhein-Sieg"], ["Siemens Energy"]]
    ]


def test_the_parent_group_of_a_partner_is_no_party():
    text = (
        "Dakar University signed a partnership agreement with Sonatel Ltd, a subsidiary of the "
        "French group Orange, on Monday."
    )
    assert sides_of(text) == [[["Dakar University"], ["Sonatel Ltd"]]]


def test_german_compound_heads_with_an_adjective_and_a_town_are_names():
    text = (
        "UENR signed a letter of intent with Forschungszentrum Jülich. Berufliches "
        "Schulzentrum Amberg signed an agreement with Cao Thang Technical College."
    )
    assert sides_of(text) == [
        [["UENR"], ["Forschungszentrum Jülich"]],
        [["Berufliches Schulzentrum Amberg"], ["Cao Thang Technical College"]],
    ]
