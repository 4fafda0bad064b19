"""Founders who sign one charter, named in a list or a sentence apart from the signing
(issue 16, class 6), and those named beside them who are no party: an organiser, a host, a
parent body, the places the founders come from."""

from tests.loaders.text.reading import sides_of

HEADER = "Network launched\n\nStaff reporter | Tarvik | 5 March 2025\n\n"


def test_founders_listed_on_lines_under_the_signing_are_one_agreement() -> None:
    text = HEADER + (
        "The founding declaration was signed by the rectors of the four founding "
        "universities:\n\n"
        "Estonia: Tarvik University\n"
        "Latvia: Universitāte Rēzekne\n"
        "Lithuania: Kaunas Polytechnic University\n"
        "Finland: Oulu Harbour University\n\n"
        "The Tarvik Academy of Music, which hosted the launch, is not a member."
    )
    assert sides_of(text) == [
        [
            ["Tarvik University"],
            ["Universitāte Rēzekne"],
            ["Kaunas Polytechnic University"],
            ["Oulu Harbour University"],
        ]
    ]


def test_founders_counted_again_and_named_a_little_later_are_the_ones_who_signed() -> None:
    text = HEADER + (
        "The charter was signed by all eleven colleges at Tarvik Marine College. Tarvik "
        "Nursing College was elected vice-chair.\n\n"
        "Only four of the eleven founding colleges were named at the ceremony: Tarvik Marine "
        "College, Tarvik Nursing College, Parnu Forestry College and Narva Textile College."
    )
    assert sides_of(text) == [
        [
            ["Tarvik Marine College"],
            ["Tarvik Nursing College"],
            ["Parnu Forestry College"],
            ["Narva Textile College"],
        ]
    ]


def test_founders_from_named_provinces_listed_under_a_lead_of_members_signed_together() -> None:
    text = HEADER + (
        "The alliance was founded in Hangzhou on Friday, when four founding institutions from "
        "Zhejiang, Jiangsu and Anhui signed its charter.\n\n"
        "The founding members are:\n\n"
        "- Lakeside Preschool College (Zhejiang)\n"
        "- Riverside Teachers College (Jiangsu)\n"
        "- Hillside Institute of Early Education (Anhui)\n"
        "- Harbour Kindergarten Group (Zhejiang)\n"
    )
    assert sides_of(text) == [
        [
            ["Lakeside Preschool College"],
            ["Riverside Teachers College"],
            ["Hillside Institute of Early Education"],
            ["Harbour Kindergarten Group"],
        ]
    ]


def test_a_list_of_signatories_under_a_lead_that_names_none_is_one_agreement() -> None:
    text = HEADER + (
        "The founding members signed the charter at a ceremony on the campus of Tarvik "
        "Teachers College. The signatories were:\n\n"
        "- Tarvik Teachers College (Tarvik)\n"
        "- Instituto de Educação de Faro (Faro Institute of Education)\n"
        "- Harbour Early Years Academy, Tallinn\n"
        "- Narva Preschool College\n\n"
        "The city's education office organised the event."
    )
    assert sides_of(text) == [
        [
            ["Tarvik Teachers College"],
            ["Instituto de Educação de Faro"],
            ["Harbour Early Years Academy"],
            ["Narva Preschool College"],
        ]
    ]


def test_a_list_of_partners_under_a_lead_that_signs_nothing_is_no_charter() -> None:
    text = HEADER + (
        "Tarvik University signed four memoranda this year. The four partners are:\n\n"
        "- Narva Textile College\n"
        "- Parnu Forestry College\n"
        "- Oulu Harbour University\n"
        "- Kaunas Polytechnic University\n"
    )
    assert all(len(sides) == 2 for sides in sides_of(text))


def test_founders_counted_beside_an_organiser_and_a_host_are_the_parties() -> None:
    text = HEADER + (
        "Its founding members are Tarvik Polytechnic, Narva Vocational College and Parnu "
        "Forestry College, together with Baltic Timber Group, Nordwind Company Limited and "
        "Telia.\n\n"
        "All six founding members signed the charter at the launch, which was organised by the "
        "Tarvik City Education Department and hosted by Tarvik Polytechnic at its harbour "
        "campus."
    )
    assert sides_of(text) == [
        [
            ["Tarvik Polytechnic"],
            ["Narva Vocational College"],
            ["Parnu Forestry College"],
            ["Baltic Timber Group"],
            ["Nordwind Company Limited"],
            ["Telia"],
        ]
    ]


def test_a_company_named_alone_at_the_end_of_a_list_of_companies_is_an_institution() -> None:
    text = HEADER + "Baltic Timber Group, Nordwind Company Limited and Telia signed a charter."
    assert sides_of(text) == [[["Baltic Timber Group"], ["Nordwind Company Limited"], ["Telia"]]]


def test_a_word_ending_a_list_of_colleges_is_no_company() -> None:
    # No company among those listed: "Tarvik" after "and" is no institution of its own.
    text = HEADER + "Narva College, Parnu College and Tarvik signed a charter."
    assert sides_of(text) == [[["Narva College"], ["Parnu College"]]]


def test_a_parent_body_signing_on_its_institute_s_behalf_signs_no_agreement_with_it() -> None:
    text = HEADER + (
        "Tarvik Vocational Institute (TVI) is a founder. The Baltic Training Council, TVI's "
        "parent body, sent its director to sign on the institute's behalf."
    )
    assert sides_of(text) == []


def test_a_signing_after_a_creation_word_and_a_comma_is_read() -> None:
    text = HEADER + (
        "On the sidelines of the launch, Parnu Forestry College and Baltic Timber Group signed "
        "a separate agreement."
    )
    assert sides_of(text) == [[["Parnu Forestry College"], ["Baltic Timber Group"]]]


def test_the_founding_members_who_signed_are_those_listed_after_with_no_count() -> None:
    text = HEADER + (
        "Representatives of the founding members signed the alliance charter at Tarvik "
        "Teachers College, which hosts the secretariat. The founding members are:\n\n"
        "- Tarvik Teachers College\n"
        "- Narva Preschool College\n"
        "- Parnu Early Years Academy\n\n"
        "The alliance will meet in spring."
    )
    assert sides_of(text) == [
        [["Tarvik Teachers College"], ["Narva Preschool College"], ["Parnu Early Years Academy"]]
    ]


def test_a_count_opening_a_sentence_of_founding_counts_the_members_listed_after() -> None:
    text = HEADER + (
        "TARVIK — Three institutions from Estonia and Latvia on Saturday founded the Baltic "
        "Preschool Alliance, signing its founding charter at a ceremony in Riga.\n\n"
        "The founding members are:\n"
        "• Tarvik Teachers College (Tarvik)\n"
        "• Riga University, School of Early Childhood Education (Riga)\n"
        "• Narva Preschool College (Narva)\n"
    )
    assert sides_of(text) == [
        [["Tarvik Teachers College"], ["Riga University"], ["Narva Preschool College"]]
    ]
