"""Names in the languages of the Baltic and the North, whose head noun comes last or is
part of one word, and the founders a network lists (issue 16, classes 3 and 6), on short
texts written for these tests."""

from educoop.loaders.text.extract import extract_records
from tests.loaders.text.reading import sides_of


def test_baltic_and_finnish_heads_end_the_name():
    text = (
        "Schools on both shores twin\n\n"
        "Parnu, 4 March 2025 - Parnu Koidula Gümnaasium signed a twinning agreement with "
        "Turun normaalikoulu on Tuesday. Kauno licėjus and Jelgavas Spīdolas ģimnāzija were "
        "paired the same day.\n"
    )
    assert sides_of(text) == [
        [["Parnu Koidula Gümnaasium"], ["Turun normaalikoulu"]],
        [["Kauno licėjus"], ["Jelgavas Spīdolas ģimnāzija"]],
    ]


def test_a_head_compounded_into_one_word_names_a_school():
    text = (
        "New partners across the sea\n\n"
        "Lund, 2 May 2025 - Spyken Läroverksskolan and Tartu Kivilinna kool signed a "
        "partnership on Friday, and Norrskolan was twinned with Pärnu Rääma Põhikool.\n"
    )
    assert sides_of(text) == [
        [["Spyken Läroverksskolan"], ["Tartu Kivilinna kool"]],
        [["Norrskolan"], ["Pärnu Rääma Põhikool"]],
    ]


def test_an_ordinal_before_the_head_ends_no_sentence():
    text = (
        "Riga and Vilnius schools twin\n\n"
        "Riga, 7 April 2025 - Daugavpils 13. vidusskola signed a sister-school agreement with "
        "Vilniaus 2. progimnazija on Monday.\n"
    )
    assert sides_of(text) == [[["Daugavpils 13. vidusskola"], ["Vilniaus 2. progimnazija"]]]


def test_a_network_set_up_by_schools_lists_its_members_and_no_dateline_names_it():
    text = (
        "Lakeland schools network meets\n\n"
        "Tampere, 9 May 2025 - The Nordic Lakes Schools Network was set up in 2022 by three "
        "schools: Tampereen lyseon lukio, Kuopion lyseon lukio and Jyväskylän Lyseon lukio. "
        "It met for the third time this week.\n"
    )
    (network,) = extract_records(text).programmes
    assert network.name == "Nordic Lakes Schools Network"
    assert sorted(p.name for p in network.participants) == [
        "Jyväskylän Lyseon lukio",
        "Kuopion lyseon lukio",
        "Tampereen lyseon lukio",
    ]


def test_a_numbered_heading_leads_the_pairs_listed_under_it():
    text = (
        "Prefecture announces new sister schools\n\n"
        "Nagano, 6 June 2025\n\n"
        "1. Outline\n"
        "Four prefectural high schools met partners from Busan this week.\n\n"
        "2. Schools concluding agreements\n"
        "(1) Nagano Prefectural Matsumoto Fukashi High School and Busan Haeundae Girls' "
        "High School\n"
        "(2) Nagano Prefectural Iida High School and Busan Dongnae Senior High School\n"
    )
    assert sides_of(text) == [
        [
            ["Nagano Prefectural Matsumoto Fukashi High School"],
            ["Busan Haeundae Girls' High School"],
        ],
        [["Nagano Prefectural Iida High School"], ["Busan Dongnae Senior High School"]],
    ]


def test_australian_tafe_colleges_and_indonesian_heads_name_institutions():
    text = (
        "Training pact signed\n\n"
        "Darwin, 5 May 2025 - North Regional TAFE signed a memorandum with Politeknik Negeri "
        "Kupang on Tuesday, and TAFE Queensland concluded an exchange agreement with "
        "Kolej Vokasional Kuching. The Territory's TAFE colleges welcomed the news.\n"
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [
        [["North Regional TAFE"], ["Politeknik Negeri Kupang"]],
        [["TAFE Queensland"], ["Kolej Vokasional Kuching"]],
    ]
    assert sorted(i.name for i in records.institutions) == [
        "Kolej Vokasional Kuching",
        "North Regional TAFE",
        "Politeknik Negeri Kupang",
        "TAFE Queensland",
    ]


def test_a_count_signing_where_it_met_stands_for_the_members_listed():
    text = (
        "River network founded\n\n"
        "Quito, 2 June 2025 - The founding members are the Universidad Central del Ecuador "
        "in Quito, the Universidad Nacional de Colombia and the Universidad de Nariño in "
        "Pasto. The three rectors signed the network's founding charter on May 30 in Quito.\n"
    )
    assert sides_of(text) == [
        [
            ["Universidad Central del Ecuador"],
            ["Universidad Nacional de Colombia"],
            ["Universidad de Nariño"],
        ]
    ]


def test_a_count_of_universities_takes_names_in_other_languages():
    text = (
        "Coastal universities team up\n\n"
        "Porto, 3 June 2025 - Researchers from the Universidade do Algarve and the "
        "Universidad de Huelva met in Faro. The two universities signed a memorandum on "
        "coastal monitoring on Monday.\n"
    )
    assert sides_of(text) == [[["Universidade do Algarve"], ["Universidad de Huelva"]]]


def test_french_names_of_african_schools_and_german_compounds():
    text = (
        "Schools twinned across two continents\n\n"
        "Kigali, 3 May 2025 - Groupe Scolaire Officiel de Rwamagana is linked with the "
        "Domgymnasium Speyer, and the Ecole des Sciences de Musanze is paired with the "
        "Gymnasium am Rhein in Mainz.\n"
    )
    assert sides_of(text) == [
        [["Groupe Scolaire Officiel de Rwamagana"], ["Domgymnasium Speyer"]],
        [["Ecole des Sciences de Musanze"], ["Gymnasium am Rhein"]],
    ]


def test_the_partners_of_a_project_listed_are_members_and_a_funder_signs_nothing():
    text = (
        "Science teachers project starts\n\n"
        "Riga, 4 February 2025 - A new European project on ocean literacy started this week, "
        "coordinated by the University of Latvia.\n\n"
        "The project partners are:\n\n"
        "- Estonia: Tartu Kivilinna kool\n"
        "- Finland: University of Helsinki; Helsingin normaalilyseo\n"
        "- Portugal: Universidade de Aveiro\n\n"
        "Associated partner:\n\n"
        "- Fundação Luso-Americana (Luso-American Foundation), Lisbon - co-finances the "
        "mobility grants.\n\n"
        "On 30 January, Tartu Kivilinna kool and Helsingin normaalilyseo signed a bilateral "
        "partnership agreement.\n"
    )
    assert sides_of(text) == [[["Tartu Kivilinna kool"], ["Helsingin normaalilyseo"]]]


def test_a_lead_that_reports_a_signing_still_gives_its_items_their_kind():
    text = (
        "Branch campuses open\n\n"
        "Kashgar, 2 September 2024 - Each branch was founded under an agreement signed last "
        "March between the school and the county's education bureau:\n\n"
        "1. Shanghai Luwan High School -- Yecheng County Education Bureau\n"
        "2. Shanghai Xiangming High School -- Maralbexi County Education Bureau\n"
    )
    assert sides_of(text) == [
        [["Shanghai Luwan High School"], ["Yecheng County Education Bureau"]],
        [["Shanghai Xiangming High School"], ["Maralbexi County Education Bureau"]],
    ]


def test_a_heading_of_agreements_leads_its_items_and_a_denial_leads_none():
    text = (
        "# Partner agreements of 2025\n"
        "Lund University | International Office\n\n"
        "Lund University renewed several exchange agreements in 2025.\n\n"
        "## Renewed agreements\n\n"
        "- France \u2013 Université de Lille (renewed, April)\n"
        "- Japan \u2013 Tohoku University (renewed)\n\n"
        "## Under discussion\n\n"
        "Talks with the following institutions are under way. They are **not** yet partner "
        "institutions:\n\n"
        "- Chile \u2013 Universidad de Concepción\n"
    )
    assert sides_of(text) == [
        [["Lund University"], ["Université de Lille"]],
        [["Lund University"], ["Tohoku University"]],
    ]


def test_a_ministry_named_with_its_country_keeps_it():
    text = (
        "Ministries sign\n\n"
        "Ulaanbaatar, 3 May 2024 - The Ministry of Education of the Kyrgyz Republic signed "
        "a plan with the Ministry of Education of Mongolia. The Ministry of Education and "
        "Sports of the Lao People's Democratic Republic signed a memorandum with the "
        "Ministry of Education of Mongolia on Tuesday.\n"
    )
    assert sides_of(text) == [
        [["Ministry of Education of the Kyrgyz Republic"], ["Ministry of Education of Mongolia"]],
        [
            ["Ministry of Education and Sports of the Lao People's Democratic Republic"],
            ["Ministry of Education of Mongolia"],
        ],
    ]


def test_a_company_named_with_its_head_and_suffix_and_its_parent_is_no_party():
    text = (
        "Power firm signs\n\n"
        "Nairobi, 3 May 2024 - Rift Valley Generating Company PLC, a subsidiary of Rift "
        "Energy Holdings Ltd, signed an agreement with Egerton University on Monday.\n"
    )
    assert sides_of(text) == [[["Rift Valley Generating Company PLC"], ["Egerton University"]]]


def test_german_authorities_named_in_one_word():
    text = (
        "Border schools\n\n"
        "Kehl, 3 May 2024 - The Regierungspräsidium Karlsruhe signed a cooperation "
        "agreement with the Académie de Nancy-Metz on Monday.\n"
    )
    assert sides_of(text) == [[["Regierungspräsidium Karlsruhe"], ["Académie de Nancy-Metz"]]]


def test_a_french_company_group_and_a_word_before_tafe_name_no_school():
    text = (
        "Training deals\n\n"
        "Perth, 3 May 2025 - Groupe Renault signed an agreement with Kyoto University. Both "
        "TAFE and universities welcomed the news.\n"
    )
    records = extract_records(text)
    assert not {"Groupe Renault", "Both TAFE"} & {i.name for i in records.institutions}


def test_a_school_dedicated_to_a_quoted_name_keeps_it():
    text = (
        "Border schools\n\n"
        "Gorizia, 3 May 2025 - The Gimnazija Koper signed a partnership agreement with the "
        'Liceo Classico Statale "Dante Alighieri" in Trieste on Monday.\n'
    )
    assert sides_of(text) == [[["Gimnazija Koper"], ['Liceo Classico Statale "Dante Alighieri"']]]


def test_a_bureau_named_with_its_city_government_after_a_comma_is_one_body():
    text = (
        "Education exchange\n\n"
        "Tainan, 3 May 2025 - The Education Bureau, Tainan City Government, signed a "
        "memorandum with the Okayama Prefectural Board of Education on Monday.\n"
    )
    assert sides_of(text) == [
        [["Education Bureau, Tainan City Government"], ["Okayama Prefectural Board of Education"]]
    ]


def test_partners_listed_under_region_headings_and_apart_by_semicolons():
    text = (
        "Partner universities\n"
        "University of Oulu | International Office | Page last updated 2 September 2024\n\n"
        "Students of the University of Oulu can apply for exchanges at our partners.\n\n"
        "1. University-wide bilateral exchange agreements outside Erasmus+\n\n"
        "Asia\n"
        "- Japan: Tohoku University (Sendai); Nagoya University\n"
        "- India: University of Madras\n\n"
        "Americas\n"
        "- Chile: Universidad de Talca\n"
    )
    assert sides_of(text) == [
        [["University of Oulu"], ["Tohoku University"]],
        [["University of Oulu"], ["Nagoya University"]],
        [["University of Oulu"], ["University of Madras"]],
        [["University of Oulu"], ["Universidad de Talca"]],
    ]
