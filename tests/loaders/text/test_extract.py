"""Extraction rules on short texts written for these tests."""

import pytest
import spacy

from educoop.graph.model import PartialDate
from educoop.loaders.text.extract import extract_records, find_date


def agreements(text: str, published: str | None = None):
    date = PartialDate.parse(published) if published else None
    return [
        (a.kind, a.sides, a.date.value if a.date else None)
        for a in extract_records(text, date).agreements
    ]


def test_bilateral_signing_with_its_date_and_evidence_offsets():
    text = (
        "Partnership news.\n\nOn 12 March 2023, Fudan University signed a memorandum of "
        "understanding with the University of Edinburgh. Both sides welcomed it."
    )
    records = extract_records(text)
    [agreement] = records.agreements
    assert agreement.sides == [["Fudan University"], ["University of Edinburgh"]]
    assert (agreement.kind, agreement.date.value) == ("signed", "2023-03-12")
    assert text[agreement.evidence_start : agreement.evidence_end].startswith("On 12 March 2023")
    assert agreement.evidence.endswith("University of Edinburgh.")


def test_group_signing_gives_two_sides():
    text = (
        "Alpha Normal College, Beta Vocational College and Gamma Foreign Language School signed "
        "contracts with Delta Children's Hospital and Epsilon University of Technology."
    )
    [(kind, sides, _)] = agreements(text)
    assert kind == "signed"
    assert sides == [
        ["Alpha Normal College", "Beta Vocational College", "Gamma Foreign Language School"],
        ["Delta Children's Hospital", "Epsilon University of Technology"],
    ]


def test_multi_party_agreement_gives_a_side_per_party():
    text = (
        "Shenzhen Municipal Education Bureau, Hong Kong Education Bureau and Macao Education "
        "and Youth Development Bureau signed a cooperation agreement to jointly build a teacher "
        "academy."
    )
    [(kind, sides, _)] = agreements(text)
    assert kind == "signed"
    assert sides == [
        ["Shenzhen Municipal Education Bureau"],
        ["Hong Kong Education Bureau"],
        ["Macao Education and Youth Development Bureau"],
    ]


def test_region_level_plan_and_the_article_date():
    text = "Shanghai, Jiangsu, Zhejiang and Anhui have enacted a plan to share school places."
    assert agreements(text, "2021-06") == [
        ("plan", [["Shanghai"], ["Jiangsu"], ["Zhejiang"], ["Anhui"]], "2021-06")
    ]


def test_branches_pair_each_school_with_the_place():
    text = (
        "The province will support branches of Shanghai No. 2 Middle School and Hangzhou "
        "Xuejun Primary School in Hefei."
    )
    assert [(k, s) for k, s, _ in agreements(text)] == [
        ("branch", [["Shanghai No. 2 Middle School"], ["Hefei"]]),
        ("branch", [["Hangzhou Xuejun Primary School"], ["Hefei"]]),
    ]


def test_people_and_job_titles_are_not_institutions():
    text = (
        "Professor Zhang Wei, President of Alpha University, signed the agreement with Dean "
        "Li Na of Beta College. Wang Fang, Director of the Gamma Talent Bureau and a member of "
        "the Delta Standing Committee, gave a speech."
    )
    records = extract_records(text)
    # A post holder who signs stands for the institution; one who only speaks does not
    # bring the bodies of their posts into the graph.
    assert [i.name for i in records.institutions] == ["Alpha University", "Beta College"]
    assert [a.sides for a in records.agreements] == [[["Alpha University"], ["Beta College"]]]


def test_a_member_of_a_body_does_not_make_it_a_party():
    text = (
        "Li Ming, a member of the Party Leadership Group and Deputy Director of Omega County "
        "Education Bureau, led a delegation to Sigma Experimental School."
    )
    [agreement] = extract_records(text).agreements
    assert agreement.sides == [["Omega County Education Bureau"], ["Sigma Experimental School"]]


def test_generic_bodies_and_bystanders_are_listed_only_when_they_take_part():
    text = (
        "Source: Municipal Education Bureau. Alpha University was approved by the Ministry of "
        "Education. The Municipal Education Bureau signed an agreement with Beta College."
    )
    names = [i.name for i in extract_records(text).institutions]
    # Alpha University is named only where no cooperation is reported: a bystander.
    assert names == ["Municipal Education Bureau", "Beta College"]


def test_institution_kind_and_region_come_from_the_name():
    records = extract_records("Nanjing Gulou Hospital signed an agreement with Macao Polytechnic.")
    found = {i.name: (i.kind, i.region) for i in records.institutions}
    assert found == {
        "Nanjing Gulou Hospital": ("hospital", "Nanjing"),
        "Macao Polytechnic": ("college", "Macao"),
    }


def test_a_region_prefixed_name_is_an_alias_of_the_short_one():
    text = (
        "Tai Po Community College signed an agreement with Foshan No. 3 School. "
        "Hong Kong Tai Po Community College also paired with Foshan No. 3 School in 2024."
    )
    records = extract_records(text)
    [college] = [i for i in records.institutions if "Tai Po" in i.name]
    assert college.name == "Tai Po Community College"
    assert college.aliases == ["Hong Kong Tai Po Community College"]


def test_sentences_without_a_trigger_or_two_parties_give_nothing():
    assert agreements("Alpha University and Beta College are both in Guangzhou.") == []
    assert agreements("Alpha University signed an agreement last week.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on May 10, 2024 the", "2024-05-10"),
        ("signed on 3 June 2022", "2022-06-03"),
        ("dated 2023-10-08", "2023-10-08"),
        ("in October 2023 it", "2023-10"),
        ("started in 2022", "2022"),
        ("no date here", None),
        ("Published: Sep. 3, 2024 Source", "2024-09-03"),
        ("Published Sept. 19, 2024, 6:05 a.m.", "2024-09-19"),
        ("signed on May 17th, 2024", "2024-05-17"),
        ("on the 17th of May 2024", "2024-05-17"),
        ("in Dec 2021", "2021-12"),
        # Relative dates need the article's date.
        ("signed on the 17th", None),
        ("signed yesterday", None),
    ],
)
def test_dates_in_sentences(text, expected):
    found = find_date(text)
    assert (found.value if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On the eve of Teachers' Day, Sept 9, the", "2024-09-09"),
        ("ZHANJIANG, Nov. 2 -- The alliance", "2024-11-02"),
        ("signed on the 17th, the closing day", "2024-09-17"),
        ("signed on the 25th.", "2024-08-25"),  # later than the 19th: last month's
        ("a university town since the 17th century", None),
        ("offices on the 17th floor", None),
        ("talks held last March", "2024-03"),
        ("talks held last October", "2023-10"),
        ("signed on Tuesday at the", "2024-09-17"),  # the 19th was a Thursday
        ("signed on Thursday", "2024-09-19"),
        ("signed last Thursday", "2024-09-12"),
        ("signed last Friday (Nov. 1)", "2024-11-01"),  # the date it gives comes first
        ("signed yesterday in Hangzhou", "2024-09-18"),
    ],
)
def test_dates_written_against_the_articles(text, expected):
    found = find_date(text, PartialDate.parse("2024-09-19"))
    assert (found.value if found else None) == expected


def test_a_date_of_the_month_before_crosses_the_year():
    found = find_date("It was signed on the 28th.", PartialDate.parse("2025-01-04"))
    assert found is not None and found.value == "2024-12-28"


def test_relative_days_need_an_articles_day():
    assert find_date("signed on the 17th", PartialDate.parse("2024-09")) is None
    assert find_date("signed yesterday", PartialDate.parse("2024")) is None


def test_an_abbreviation_defined_in_parentheses_is_an_alias_and_a_party():
    text = (
        "The Shenzhen Institute for Teacher Development (SITD) opened last year. "
        "SITD signed an agreement with Macao Polytechnic in 2024."
    )
    records = extract_records(text)
    [institute] = [i for i in records.institutions if i.name.startswith("Shenzhen")]
    assert institute.name == "Shenzhen Institute for Teacher Development"
    assert institute.aliases == ["SITD"]
    assert [a.sides for a in records.agreements] == [
        [["Shenzhen Institute for Teacher Development"], ["Macao Polytechnic"]]
    ]


def test_a_name_may_hold_another_head_noun():
    records = extract_records(
        "Peking University Third Hospital signed an agreement with Hong Kong Baptist Hospital."
    )
    assert [i.name for i in records.institutions] == [
        "Peking University Third Hospital",
        "Hong Kong Baptist Hospital",
    ]


def test_a_name_does_not_run_into_the_next():
    records = extract_records(
        "Hanoi College of High Technology and Cao Thang Technical College signed contracts "
        "with Erding Vocational School."
    )
    assert [a.sides for a in records.agreements] == [
        [
            ["Cao Thang Technical College", "Hanoi College of High Technology"],
            ["Erding Vocational School"],
        ]
    ]


def test_regions_alone_make_few_agreements():
    # A scene-setting list of places is not an agreement ...
    assert (
        agreements("Teachers from Shenzhen, Zhuhai, Hong Kong and Macao attended the exchange.")
        == []
    )
    # ... nor is a city with a district of its own ...
    assert agreements("Guangzhou will hold an exchange week in Tianhe District.") == []
    # ... but two places pairing up are.
    assert [(k, s) for k, s, _ in agreements("Wenzhou was paired with Lishui in 2021.")] == [
        ("paired", [["Wenzhou"], ["Lishui"]])
    ]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Hangzhou and Guiyang signed a counterpart support agreement on education in 2023.",
            [["Hangzhou"], ["Guiyang"]],
        ),
        (
            "Shanghai, Jiangsu, Zhejiang and Anhui jointly signed and released the Yangtze "
            "River Delta Vocational Education Action Plan on 17 March 2025.",
            [["Shanghai"], ["Jiangsu"], ["Zhejiang"], ["Anhui"]],
        ),
        (
            "Boulder and Yamagata renewed their sister-city ties with a new agreement in 2024.",
            [["Boulder"], ["Yamagata"]],
        ),
        # The place of the meeting, after the signing word, is no party.
        (
            "On 17 March 2025, Shanghai, Jiangsu, Zhejiang and Anhui jointly signed the "
            "Action Plan at a meeting held in Hefei, Anhui province.",
            [["Shanghai"], ["Jiangsu"], ["Zhejiang"], ["Anhui"]],
        ),
    ],
)
def test_regions_that_sign_make_a_region_level_agreement(text, sides):
    # Issue 16, class 8: counterpart support, joint plans and sister cities signed by the
    # places themselves, with no institution named.
    assert [s for _, s, _ in agreements(text)] == [sides]


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # Issue 16, class 2: two names run together across "and" ...
        (
            "Ysleta Independent School District and El Paso Community College signed a "
            "dual-credit agreement in 2024.",
            [["Ysleta Independent School District"], ["El Paso Community College"]],
        ),
        # ... a name cut at "at" when "The" leads it (a capital "The" inside a sentence is
        # the name's own) ...
        (
            "El Paso Community College and The University of Texas at El Paso signed a "
            "transfer agreement in 2024.",
            [["El Paso Community College"], ["The University of Texas at El Paso"]],
        ),
        # ... but "and" inside one name stays.
        (
            "Hong Kong University of Science and Technology signed with Tsinghua University "
            "in 2024.",
            [["Hong Kong University of Science and Technology"], ["Tsinghua University"]],
        ),
        # ... nor is a date before a name part of it ...
        (
            "On 2 November 2024 Chengdu No. 7 Middle School signed with Litang County Middle "
            "School.",
            [["Chengdu No. 7 Middle School"], ["Litang County Middle School"]],
        ),
        # ... nor is the city after a district's school ...
        (
            "On 10 April 2025, Beijing Beihai Kindergarten and the Chongli District "
            "Experimental Kindergarten of Zhangjiakou signed a pairing agreement.",
            [["Beijing Beihai Kindergarten"], ["Chongli District Experimental Kindergarten"]],
        ),
        # ... nor is a place written before "and" part of the next name.
        (
            "On 13 January 2025, Vinh University in Nghệ An and Souphanouvong University in "
            "Luang Prabang signed a memorandum of understanding.",
            [["Vinh University"], ["Souphanouvong University"]],
        ),
        # Class 3: names after a person, schools named after their university, and names in
        # other languages.
        (
            "In 2024, Xi'an Jiaotong University signed an agreement with Kyrgyz State Technical "
            "University named after I. Razzakov.",
            [
                ["Xi'an Jiaotong University"],
                ["Kyrgyz State Technical University named after I. Razzakov"],
            ],
        ),
        (
            "The Affiliated High School of South China Normal University signed with The High "
            "School Affiliated to Renmin University of China in 2024.",
            [
                ["Affiliated High School of South China Normal University"],
                ["The High School Affiliated to Renmin University of China"],
            ],
        ),
        (
            "The School of Tourism of Hainan Tropical Ocean University signed an agreement "
            "with Universiti Malaysia Sabah in 2024.",
            [
                ["School of Tourism of Hainan Tropical Ocean University"],
                ["Universiti Malaysia Sabah"],
            ],
        ),
        (
            "The Universidade de Coimbra and the Eberhard Karls Universität Tübingen (Germany) "
            "signed a joint master agreement on 3 June 2025.",
            [["Universidade de Coimbra"], ["Eberhard Karls Universität Tübingen"]],
        ),
    ],
)
def test_names_end_where_the_name_ends(text, sides):
    assert [s for _, s, _ in agreements(text)] == [sides]


def test_a_list_of_partners_labelled_by_country_pairs_each_with_the_lead():
    # Issue 16, class 9: items "Country: University" under a lead, in title case (no
    # headlines), each a partner of the one institution the lead names.
    text = (
        "KUNMING, Aug. 12, 2024 -- Yunnan University (YNU) signed cooperation agreements "
        "with three universities on Saturday.\n\nYNU's new partners, by country, are:\n\n"
        "Thailand: Chiang Mai University\nLaos: National University of Laos\n"
        "Myanmar: University of Yangon\n"
    )
    assert sorted(s for _, s, _ in agreements(text)) == [
        [["Yunnan University"], ["Chiang Mai University"]],
        [["Yunnan University"], ["National University of Laos"]],
        [["Yunnan University"], ["University of Yangon"]],
    ]


def test_rows_of_a_table_are_agreements_and_a_pending_row_is_none():
    # Issue 16, class 9: a table drawn with "|", rows led by a number, names in title case.
    text = (
        "On 3 December 2024 Hong Kong and Guangdong schools formalised sister school ties.\n\n"
        "No. | Hong Kong school | Guangdong school | Status\n"
        "1 | Heep Yunn School | Guangdong Experimental High School | New agreement signed\n"
        "2 | Queen's College | Zhuhai No. 1 Middle School | New agreement signed\n"
        "3 | Sha Tin Methodist College | Dongguan Middle School | Pending - to be signed in 2025\n"
    )
    assert sorted(s for k, s, _ in agreements(text) if k == "signed") == [
        [["Heep Yunn School"], ["Guangdong Experimental High School"]],
        [["Queen's College"], ["Zhuhai No. 1 Middle School"]],
    ]


def test_who_attended_a_signing_did_not_sign():
    # Issue 16, class 5: officials' bodies at a ceremony, and a delegation among those
    # present, are no parties; the signatories are.
    text = (
        "On 2 November 2024 Chengdu No. 7 Middle School signed a cooperation agreement with "
        "Litang County Middle School. Officials of the Litang County Finance Bureau and the "
        "Litang County Education Bureau attended the signing ceremony. Also present were "
        "the principal of Chengdu Shishi High School and a delegation from Kangding "
        "Normal College."
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [
        [["Chengdu No. 7 Middle School"], ["Litang County Middle School"]]
    ]
    assert {i.name for i in records.institutions} == {
        "Chengdu No. 7 Middle School",
        "Litang County Middle School",
    }


def test_members_listed_under_a_lead_are_named_but_sign_nothing():
    # Issue 16, class 6: an alliance's members are institutions of the article, and no
    # pair of them signed.
    text = (
        "On 17 June 2025 the Arqus alliance approved two new members.\n\n"
        "The universities that currently make up Arqus are:\n\n"
        "- Norway: University of Bergen\n- Austria: University of Graz\n"
        "- Germany: Leipzig University\n"
    )
    records = extract_records(text)
    assert {i.name for i in records.institutions} >= {
        "University of Bergen",
        "University of Graz",
        "Leipzig University",
    }
    assert records.agreements == []


def test_parties_named_by_a_count_are_the_ones_named_before():
    # Issue 16, class 4: "the three kindergartens", "both universities", "the two sides".
    text = (
        "The alliance is led by Beihai Kindergarten. Its members are Desheng Kindergarten "
        "and Yuetan Kindergarten. On 10 April 2025 the three kindergartens jointly signed "
        "an alliance agreement."
    )
    assert [s for _, s, _ in agreements(text)] == [
        [["Beihai Kindergarten"], ["Desheng Kindergarten"], ["Yuetan Kindergarten"]]
    ]
    text = (
        "Teachers of Lanzhou University met colleagues from Xinjiang University in May 2024. "
        "Both universities signed a memorandum on teacher training on 3 June 2024."
    )
    assert [s for _, s, _ in agreements(text)] == [
        [["Lanzhou University"], ["Xinjiang University"]]
    ]
    text = (
        "A delegation of Qinghai University visited Tianjin University in March 2024. "
        "The two sides signed a cooperation agreement on 20 March 2024."
    )
    assert [["Qinghai University"], ["Tianjin University"]] in [s for _, s, _ in agreements(text)]


def test_a_count_that_the_text_does_not_fill_names_no_one():
    # One university named before "the two universities": the count names no one.
    text = (
        "Lanzhou University hosted the meeting in May 2024. The two universities signed a "
        "memorandum on 3 June 2024."
    )
    assert agreements(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Hangzhou plans to spend 12 million yuan on teacher exchanges with Guiyang in 2024.",
        "Officials of Hangzhou and Guiyang discussed plans for more school pairings in 2024.",
        "In 2024, five pairs of schools in Hangzhou and Guiyang piloted exchanges of staff.",
        "Tsinghua University and Peking University discussed possible cooperation in 2024.",
    ],
)
def test_scene_setting_is_no_agreement(text):
    # Issue 16, class 7: a spending plan, talks, unnamed pairs of schools.
    assert agreements(text) == []


def test_a_signing_to_explore_cooperation_and_a_plan_to_act_are_agreements():
    assert [
        k
        for k, _, _ in agreements(
            "Tsinghua University signed a memorandum with Peking University in 2024 to explore "
            "possible joint courses."
        )
    ] == ["signed"]
    assert [
        k
        for k, _, _ in agreements(
            "Beijing, Tianjin and Hebei enacted a new plan to promote education in 2023."
        )
    ] == ["plan"]


def test_regions_that_only_set_the_scene_of_a_signing_are_not_its_parties():
    assert agreements("Schools in Hangzhou and Guiyang signed agreements in 2023.") == []
    assert agreements("Foshan and Zhaoqing held a signing ceremony on 3 May 2024.") == []
    # A plan they only discuss is no signing either.
    assert agreements("Officials from Hunan and Hubei discussed a possible agreement.") == []


def test_a_spacy_model_adds_organisations_the_rules_miss(tmp_path):
    # A saved spaCy pipeline whose entity ruler knows one organisation stands in for a
    # trained one (none is on PyPI); spacy.load takes its path as it takes a package name.
    model = spacy.blank("en")
    model.add_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Acme Learning Labs"}])
    model.to_disk(tmp_path / "model")
    text = "Acme Learning Labs signed an agreement with Beta College in 2024."
    assert extract_records(text).agreements == []
    with_model = extract_records(text, spacy_model=str(tmp_path / "model"))
    assert [a.sides for a in with_model.agreements] == [[["Acme Learning Labs"], ["Beta College"]]]


def sides_of(text: str, published: str | None = None):
    return [
        a.sides
        for a in extract_records(
            text, PartialDate.parse(published) if published else None
        ).agreements
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "respectively" pairs the sides in order.
        (
            "Alpha School and Beta School signed sister school agreements with Gamma College "
            "and with Delta College respectively.",
            [[["Alpha School"], ["Gamma College"]], [["Beta School"], ["Delta College"]]],
        ),
        # Pairs of pairs.
        (
            "Alpha School and Gamma College, Beta School and Delta College, and Omega School "
            "and Sigma College signed sister-school agreements.",
            [
                [["Alpha School"], ["Gamma College"]],
                [["Beta School"], ["Delta College"]],
                [["Omega School"], ["Sigma College"]],
            ],
        ),
        # "A with B, and C with D".
        (
            "Two pairs were twinned: Alpha School with Gamma College, and Beta School with "
            "Delta College.",
            [[["Alpha School"], ["Gamma College"]], [["Beta School"], ["Delta College"]]],
        ),
        # Two clauses, two agreements.
        (
            "Alpha School signed with Gamma College, and Beta School signed with Delta College.",
            [[["Alpha School"], ["Gamma College"]], [["Beta School"], ["Delta College"]]],
        ),
        # Denied.
        ("No formal agreement was signed between Alpha University and Beta University.", []),
        # A venue, a source and a regulator are not parties.
        (
            "At a ceremony at Grand Hall College, Alpha University signed an agreement with "
            "Beta University, subject to approval by the Omega Quality Council, the Sigma "
            "Education Bureau said.",
            [[["Alpha University"], ["Beta University"]]],
        ),
        # Hosts alone make no visit: the visitors are not named.
        ("The teachers spent two days at Alpha School and a day at Beta School on the visit.", []),
        # What an agreement sets up is a programme, not a party.
        (
            "Alpha University, Beta University and Gamma Institute signed a tripartite "
            "agreement to set up the Delta Centre for Coastal Studies.",
            [[["Alpha University"], ["Beta University"], ["Gamma Institute"]]],
        ),
    ],
)
def test_sentence_structures(text, expected):
    assert sides_of(text) == expected


def test_a_dateline_place_is_not_a_party():
    text = "CHENNAI, 14 May 2024 -- Kerala and Tamil Nadu have agreed a plan to share exams."
    assert sides_of(text) == [[["Kerala"], ["Tamil Nadu"]]]


def test_a_person_named_like_a_city_is_not_a_place():
    # Xinyu is a city in Jiangxi; Jin Xinyu is a person.
    assert sides_of("Jin Xinyu welcomed the Yunhe delegation to Haining for an exchange.") == [
        [["Yunhe"], ["Haining"]]
    ]


def test_places_given_with_names_become_their_regions():
    records = extract_records(
        "The Nairobi-based Kenya Medical Training College (KMTC) signed an agreement with "
        "Munich's Municipal Vocational School and Shitang Primary School in Yunhe County."
    )
    regions = {i.name: i.region for i in records.institutions}
    assert regions == {
        "Kenya Medical Training College": "Nairobi",
        "Municipal Vocational School": "Munich",
        "Shitang Primary School": "Yunhe County",
    }


def test_a_defined_short_name_is_the_same_institution():
    records = extract_records(
        "The secretariat sits in Haikou Coastal Vocational and Technical College (hereinafter "
        '"Haikou Coastal College"). Haikou Coastal College signed an agreement with Beihai '
        "Marine Vocational College."
    )
    assert [a.sides for a in records.agreements] == [
        [["Haikou Coastal Vocational and Technical College"], ["Beihai Marine Vocational College"]]
    ]


def test_a_district_of_a_known_city_is_a_new_region():
    # Mingyue District is made up: no gazetteer knows it, so the text places it.
    records = extract_records(
        "Mingyue District of Chengdu and Yubei District of Chongqing signed a pairing agreement."
    )
    assert [a.sides for a in records.agreements] == [[["Mingyue District"], ["Yubei District"]]]
    placed = {r.name: (r.parent, r.level) for r in records.regions}
    assert placed["Mingyue District"] == ("Chengdu", "district")
    # Yubei District is one of China's county-level divisions: the gazetteer places it.
    assert placed["Yubei District"] == (None, None)


def test_a_table_of_pairs_under_a_pairing_sentence():
    text = (
        "Three pairs of sister schools were confirmed:\n\n"
        "| Fukuoka | Busan |\n|---|---|\n"
        "| Alpha High School | Beta High School |\n"
        "| Gamma Junior High School | Delta Middle School |\n"
    )
    assert sides_of(text)[-2:] == [
        [["Alpha High School"], ["Beta High School"]],
        [["Gamma Junior High School"], ["Delta Middle School"]],
    ]


def test_a_chinese_name_in_parentheses_is_an_alias():
    records = extract_records(
        "Shenzhen Hongling Middle School (深圳市红岭中学) signed with Ying Wa College."
    )
    [school] = [i for i in records.institutions if i.name.startswith("Shenzhen")]
    assert school.aliases == ["深圳市红岭中学"]


def test_a_one_sentence_article_is_all_body_and_says_a_thing_once():
    text = (
        "ZHUHAI, March 18, 2025 -- Beijing Normal University at Zhuhai and the University of "
        "Macau signed a memorandum of understanding on Tuesday."
    )
    records = extract_records(text)
    assert [a.sides for a in records.agreements] == [
        [["Beijing Normal University at Zhuhai"], ["University of Macau"]]
    ]
    twice = extract_records(
        "Alpha College signed with Beta School.\n\n" + "Alpha College signed with Beta School."
    )
    assert len(twice.agreements) == 1


@pytest.mark.parametrize(
    ("text", "body", "region"),
    [
        (
            "The Minhang district education bureau signed an agreement with Shanghai Normal "
            "University on May 3, 2024.",
            "Minhang District Education Bureau",
            "Minhang",
        ),
        (
            "The government of Anhui province signed a cooperation agreement with Fudan "
            "University on May 3, 2024.",
            "Government of Anhui Province",
            "Anhui",
        ),
        (
            "The city government of Hangzhou signed a strategic agreement with Zhejiang "
            "University on May 3, 2024.",
            "City Government of Hangzhou",
            "Hangzhou",
        ),
        (
            "Suzhou's education bureau signed an agreement with Tongren University on May 3, 2024.",
            "Suzhou Education Bureau",
            "Suzhou",
        ),
        (
            "The government of the state of Jalisco signed an agreement with the Universidad "
            "de Guadalajara on May 3, 2024.",
            "Government of the State of Jalisco",
            "Jalisco",
        ),
    ],
)
def test_a_regions_body_written_in_lower_case_is_a_party(text, body, region):
    records = extract_records(text)
    [described] = [i for i in records.institutions if i.name == body]
    assert described.region == region and described.kind == "government"
    [agreement] = records.agreements
    assert [body] in agreement.sides


def test_a_government_with_no_place_is_no_body():
    records = extract_records(
        "The central government and the local government welcomed the agreement Fudan "
        "University signed with Zhejiang University on May 3, 2024."
    )
    assert all("Government" not in i.name for i in records.institutions)


def test_a_body_that_names_no_place_takes_the_city_the_article_is_about():
    records = extract_records(
        "Shenzhen opens its schools to Hong Kong\n\n"
        "Shenzhen has 40 sister schools in Hong Kong. On May 3, 2024, the Municipal Education "
        "Bureau signed an agreement with Shenzhen University, and Shenzhen will add ten more "
        "sister schools in Shenzhen's districts next year."
    )
    [bureau] = [i for i in records.institutions if "Education Bureau" in i.name]
    assert bureau.name == "Shenzhen Municipal Education Bureau"
    assert bureau.aliases == ["Municipal Education Bureau"] and bureau.region == "Shenzhen"
    assert [["Shenzhen Municipal Education Bureau"], ["Shenzhen University"]] in [
        a.sides for a in records.agreements
    ]


def test_a_body_that_names_no_place_keeps_its_name_when_two_cities_are_named_alike():
    records = extract_records(
        "Two cities\n\nShenzhen and Zhuhai met on May 3, 2024. The Municipal Education "
        "Bureau signed an agreement with Shenzhen University."
    )
    assert "Municipal Education Bureau" in {i.name for i in records.institutions}


def _pairs_of(records):
    return sorted(
        sorted(name for side in agreement.sides for name in side)
        for agreement in records.agreements
    )


@pytest.mark.parametrize(
    "items",
    [
        "1. Foshan No. 3 Middle School -- Zhaoqing No. 1 Middle School\n"
        "2. Foshan Experimental Primary School -- Zhaoqing Central Primary School\n",
        "(1) Foshan No. 3 Middle School and Zhaoqing No. 1 Middle School;\n"
        "(2) Foshan Experimental Primary School and Zhaoqing Central Primary School.\n",
        "\u2022 Foshan No. 3 Middle School \u2014 Zhaoqing No. 1 Middle School\n"
        "\u2022 Foshan Experimental Primary School \u2014 Zhaoqing Central Primary School\n",
    ],
    ids=["numbered", "bracketed", "bullets"],
)
def test_a_list_of_pairs_under_a_signing_is_one_agreement_per_item(items):
    text = (
        "Foshan and Zhaoqing held a signing ceremony on 3 May 2024.\n\n"
        "The two pairs of schools that signed pairing agreements are:\n\n" + items
    )
    assert _pairs_of(extract_records(text)) == [
        ["Foshan Experimental Primary School", "Zhaoqing Central Primary School"],
        ["Foshan No. 3 Middle School", "Zhaoqing No. 1 Middle School"],
    ]


def test_a_list_of_partners_under_one_signatory_pairs_each_with_it():
    text = (
        "KUNMING, May 3, 2024 -- Yunnan University signed cooperation agreements with the "
        "following universities:\n\n"
        "- Vietnam: Hanoi University\n"
        "- Cambodia: Royal University of Phnom Penh\n"
    )
    assert _pairs_of(extract_records(text)) == [
        ["Hanoi University", "Yunnan University"],
        ["Royal University of Phnom Penh", "Yunnan University"],
    ]


def test_a_list_under_a_lead_with_no_agreement_makes_none():
    text = (
        "Guangzhou University signed an agreement with Macao Polytechnic University on "
        "3 May 2024.\n\nAttending the ceremony were:\n\n"
        "- Jinan University\n- South China Normal University\n"
    )
    assert _pairs_of(extract_records(text)) == [
        ["Guangzhou University", "Macao Polytechnic University"]
    ]


def test_a_described_body_that_signs_nothing_is_not_listed():
    records = extract_records(
        "Fudan University signed an agreement with Zhejiang University on 3 May 2024. "
        "The Hangzhou government organised schools to take part in the exchange."
    )
    assert [i.name for i in records.institutions] == ["Fudan University", "Zhejiang University"]


def test_a_county_placed_in_its_province_is_one_side():
    # "in Guizhou province" and "of Hangzhou" only place the counties that sign.
    records = extract_records(
        "Xiaoshan District of Hangzhou and Congjiang County in Guizhou province signed a "
        "counterpart support agreement on Monday."
    )
    assert [a.sides for a in records.agreements] == [[["Xiaoshan District"], ["Congjiang County"]]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lakeside University of Technology (LUT) and Harbin Marine College signed an MoU. "
            "The exchange between LUT and Harbin Marine College began in 2019.",
            [["Lakeside University of Technology"], ["Harbin Marine College"]],
        ),
        (
            "Karatina Upland Technical University (KUT) trains teachers. The County "
            "Government of Nyeri and KUT signed an MoU on Monday.",
            [["County Government of Nyeri"], ["Karatina Upland Technical University"]],
        ),
    ],
)
def test_a_short_name_in_capitals_is_a_name_of_its_own_beside_and(text, expected):
    institutions = {i.name for i in extract_records(text).institutions}
    assert not any(" and " in name for name in institutions)
    assert sides_of(text)[-1] == expected


def test_an_abbreviation_short_of_the_head_noun_keeps_it_in_the_name():
    records = extract_records(
        "Karatina Upland Technical University (KUT) and Fudan University signed an agreement."
    )
    university = records.institutions[0]
    assert (university.name, university.aliases) == (
        "Karatina Upland Technical University",
        ["KUT"],
    )


@pytest.mark.parametrize(
    "text",
    [
        "Schools pair up\n\nThe following schools signed pairing agreements on May 3, 2024:\n"
        "• The Experimental School Affiliated to Lakeside University — Hillview Primary School\n"
        "• Riverside Middle School — Eastgate Primary School\n",
        "Schools pair up\n\nOn May 3, 2024 Hillview Primary School signed an agreement with a "
        "school in the capital (The Experimental School Affiliated to Lakeside University).",
    ],
)
def test_a_capital_the_after_a_list_mark_or_a_bracket_belongs_to_the_name(text):
    records = extract_records(text)
    names = {i.name: i.aliases for i in records.institutions}
    official = "The Experimental School Affiliated to Lakeside University"
    assert names[official] == ["Experimental School Affiliated to Lakeside University"]
    pairs = [sorted(name for side in a.sides for name in side) for a in records.agreements]
    assert sorted([official, "Hillview Primary School"]) in pairs


def test_a_the_opening_a_sentence_after_a_dateline_is_no_part_of_the_name():
    records = extract_records(
        "Two universities agree\n\nLAKESIDE (May 3, 2024) \u2014 The Lakeside University and "
        "Hillview College signed a cooperation agreement on Monday."
    )
    assert "Lakeside University" in {i.name for i in records.institutions}


@pytest.mark.parametrize(
    "post", ["County Executive Committee Member (CECM)", "County Executive Committee Member"]
)
def test_a_person_s_post_is_no_party(post):
    records = extract_records(
        "MoU signed\n\nThe MoU was signed on May 3, 2024 by the "
        f"{post} for Education, Ms Jane Doe, for Lakeside County, and Lakeside University."
    )
    assert all("Member" not in i.name for i in records.institutions)
    assert all("Member" not in name for a in records.agreements for s in a.sides for name in s)


def test_members_named_in_a_sentence_are_institutions_with_no_signing_between_them():
    records = extract_records(
        "An alliance meets\n\nOn May 3, 2024 Lakeside University signed an agreement with "
        "Hillview College. Its other members are Riverside University, Eastgate College and "
        "Westfield University."
    )
    names = {i.name for i in records.institutions}
    assert {"Riverside University", "Eastgate College", "Westfield University"} <= names
    pairs = [sorted(n for side in a.sides for n in side) for a in records.agreements]
    assert pairs == [["Hillview College", "Lakeside University"]]
