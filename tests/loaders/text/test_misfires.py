"""What the rules of issue 16's seventh session must not read into ordinary news: a
backer's support, a post in capitals, plans of those counted, a sentence of who was
present that reports a signing, two places joined inside a name, and an English
word that is a foreign head noun too."""

import pytest

from educoop.loaders.text.extract import extract_records
from tests.loaders.text.reading import sides_of

HEAD = "News\n\nStaff reporter | Beijing | 2 April 2025\n\n"


def test_support_of_institutions_pairs_no_one():
    text = HEAD + (
        "The Lomond Foundation supports Harwick University and Marlow University through "
        "scholarships. The Ministry of Education will continue to support students at Fenland "
        "College and Weston College."
    )
    assert sides_of(text) == []


def test_a_post_in_capitals_that_signs_is_no_institution():
    text = HEAD + "The CEO signed the deal with Harwick University on Monday, the company said."
    assert "CEO" not in {i.name for i in extract_records(text).institutions}


def test_those_counted_who_are_planning_more_are_not_named_by_they_are():
    text = HEAD + (
        "Representatives of the three universities signed the charter in Paris on Monday. They "
        "are also planning summer courses with Harwick University and Marlow University."
    )
    assert sides_of(text) == []


def test_a_sentence_of_who_was_present_that_reports_a_signing_is_read():
    text = (
        HEAD
        + "Present were officials of Harwick University, who signed an agreement with Marlow University."
    )
    assert sides_of(text) == [[["Harwick University"], ["Marlow University"]]]


def test_two_places_joined_inside_a_name_stay_one_name():
    text = HEAD + (
        "The Department of Hong Kong and Macao Affairs signed an agreement with Harwick "
        "University on Monday."
    )
    assert sides_of(text) == [
        [["Department of Hong Kong and Macao Affairs"], ["Harwick University"]]
    ]


def test_junta_in_english_is_no_head_noun():
    text = (
        HEAD + "Junta Chief Min Aung Hlaing signed an agreement with Harwick University on Monday."
    )
    assert sides_of(text) == []


BILLED = (
    "Four universities seal research pact\n\n"
    "The ceremony was billed as a four-way signing between Northgate University, Eastbank "
    "University, Hillcrest University of Technology and Riverside University. Northgate "
    "University and Eastbank University signed the agreement.\n\n"
    "Hillcrest University of Technology sent a vice-president who watched the signing but did "
    "not sign. Correction: only Northgate University and Eastbank University signed; "
    "Riverside University attended but did not sign."
)


def test_parties_a_later_denial_says_did_not_sign_leave_a_many_sided_agreement():
    sides = sides_of(BILLED)
    assert sides and all(len(agreement) == 2 for agreement in sides)
    named = {name for agreement in sides for side in agreement for name in side}
    assert named == {"Northgate University", "Eastbank University"}


def test_a_denial_of_one_clause_spares_the_signers_of_the_other():
    # Without the sentence about Hillcrest, it stays a signer: only Riverside is denied.
    text = BILLED.replace(
        "Hillcrest University of Technology sent a vice-president who watched the signing but "
        "did not sign. ",
        "",
    )
    named = {name for agreement in sides_of(text) for side in agreement for name in side}
    assert "Hillcrest University of Technology" in named
    assert "Riverside University" not in named


def test_a_description_by_place_names_no_institution_of_another_kind():
    # "the Yinchuan college" is not Yinchuan No. 2 Middle School, a school.
    text = (
        "Fuzhou No. 1 Middle School and Yinchuan No. 2 Middle School signed a sister-school "
        "agreement. Minjiang University and Fuzhou Polytechnic signed an agreement with Helan "
        "Polytechnic, under which the two Fujian institutions will help the Yinchuan college "
        "develop programmes."
    )
    assert sides_of(text) == [
        [["Fuzhou No. 1 Middle School"], ["Yinchuan No. 2 Middle School"]],
        [["Fuzhou Polytechnic", "Minjiang University"], ["Helan Polytechnic"]],
    ]


def test_institutions_a_delegation_visited_are_hosts_not_partners():
    text = (
        "Before the ceremony, the Fujian delegation visited Yinchuan No. 2 Middle School and "
        "the campus of Ningxia University."
    )
    assert sides_of(text) == []


# Misfires a fresh-eyes review of the eighth session's rules found, each mended.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A post right after "of" is part of the body's name.
        (
            "Rice University signed an agreement with the Association of Head Teachers "
            "Scotland on Monday.",
            [[["Rice University"], ["Association of Head Teachers Scotland"]]],
        ),
        # A description by a place names no one when more than one was named before it.
        (
            "Peking University has signed an agreement with Hilltop College. In a separate "
            "deal, the Shenzhen university signed an agreement with Rice University.",
            [[["Peking University"], ["Hilltop College"]]],
        ),
        # The one who reports a denial is not denied.
        (
            "Rice University, Hilltop College and Acme Academy signed a joint agreement on "
            "Monday. Rice University noted that Westside College, which attended, did not "
            "sign.",
            [[["Rice University"], ["Hilltop College"], ["Acme Academy"]]],
        ),
        # A denial before the signing takes no one out of it.
        (
            "Last year Acme Academy did not sign the charter. This year Rice University, "
            "Hilltop College and Acme Academy signed a joint agreement.",
            [[["Rice University"], ["Hilltop College"], ["Acme Academy"]]],
        ),
        # A post and a person's name after "the company" are no company.
        (
            "The agreement was signed by Rice University president Ann Lee and the company "
            "CEO Jane Doe.",
            [],
        ),
        # Students who visited a campus make no host of the partners after them.
        (
            "After students visited the campus last year, Hilltop College and Rice "
            "University launched a student exchange programme.",
            [[["Hilltop College"], ["Rice University"]]],
        ),
        # "Accompanied by" says who came along, not that the visit was only attended.
        (
            "Accompanied by two deans, a delegation from Rice University spent a week at "
            "Hilltop College.",
            [[["Rice University"], ["Hilltop College"]]],
        ),
    ],
)
def test_reviewed_misfires(text, expected):
    assert sides_of(text) == expected


def test_a_weekday_after_a_compound_name_is_no_part_of_it():
    text = "Rice University signed with Forschungszentrum Jülich Monday, officials said."
    names = {i.name for i in extract_records(text).institutions}
    assert "Forschungszentrum Jülich Monday" not in names


# Misfires a reviewer found in the ninth session's rules, each reproduced, then mended.
REVIEWED = "Education news\n\nStaff reporter | 3 May 2024\n\n"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a chrome heading over the article itself hides nothing
            "Latest News\n\nHillcrest University and Riverside College signed a memorandum "
            "of understanding on Monday.",
            [[["Hillcrest University"], ["Riverside College"]]],
        ),
        (  # "they" are the mayors, not the institutions before them
            "Hillcrest University has hosted students from Riverside College since 2019. On "
            "Monday, the mayors of the two cities met in Nairobi. They signed a friendship "
            "agreement covering trade and tourism.",
            [[["Hillcrest University"], ["Riverside College"]]],
        ),
        (  # "In Shenzhen, officials signed" has Shenzhen sign
            "In Shenzhen, officials signed a pairing agreement with Baise in Guangxi on Monday.",
            [[["Shenzhen"], ["Baise"]]],
        ),
        (  # those yet to sign are no signatories
            "Eight universities have signed the Pacific Rim research charter. The following "
            "universities have yet to sign:\n\nHillcrest University\nRiverside College\n"
            "Lakeside Institute\n",
            [],
        ),
        (  # a list item with a possessive is no apposition
            "The memorandum was signed on Monday by Hillcrest University, Riverside College's "
            "nursing faculty, and Lakeside Institute.",
            [[["Hillcrest University"], ["Riverside College"], ["Lakeside Institute"]]],
        ),
        (  # "jointly" far from the branch, and "each" opening one, make no joint branch
            "Hillcrest University and Riverside College, which have jointly offered a nursing "
            "degree since 2015, will each open a branch campus in Mombasa.",
            [[["Hillcrest University"], ["Mombasa"]], [["Riverside College"], ["Mombasa"]]],
        ),
        (  # a branch in a district the gazetteer lacks, after its city's possessive
            "Hillcrest University signed an agreement on Monday to open a branch campus in "
            "Fuzhou's Mawei District.",
            [[["Hillcrest University"], ["Mawei District"]]],
        ),
        (  # "agreed to plan" is a plan agreed
            "Fuzhou and Dingxi agreed on Monday to plan a new round of teacher exchanges.",
            [[["Fuzhou"], ["Dingxi"]]],
        ),
    ],
)
def test_reviewed_misfires_of_the_ninth_session_s_rules(body, expected):
    assert sides_of(REVIEWED + body) == expected


def test_guests_who_are_not_members_are_no_founders_who_signed():
    text = REVIEWED + (
        "Representatives of the five founding members signed the alliance charter in Nairobi "
        "on Monday. The alliance will focus on engineering education.\n\n"
        "Among the guests were Hillcrest University and Riverside College, which are not "
        "members."
    )
    assert sides_of(text) == []


def test_the_company_is_not_one_named_two_sentences_before():
    text = REVIEWED + (
        "Lakeside Institute signed a training agreement with Greenway Logistics Ltd. on "
        "Monday. Riverside College, meanwhile, has been working with the e-commerce giant "
        "Alibaba. The company signed a similar deal with Hillcrest University last year."
    )
    assert [["Greenway Logistics Ltd."], ["Hillcrest University"]] not in sides_of(text)


def test_a_description_by_province_prefers_the_name_that_holds_the_province():
    text = REVIEWED + (
        "Jinan University hosted a delegation from Shandong University on Monday. The "
        "Shandong university later signed an agreement with Kenya's Egerton University."
    )
    assert [["Shandong University"], ["Egerton University"]] in sides_of(text)
