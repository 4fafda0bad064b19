"""What the rules of issue 16's seventh session must not read into ordinary news: a
backer's support, a post in capitals, plans of those counted, a sentence of who was
present that reports a signing, two places joined inside a name, and an English
word that is a foreign head noun too."""

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
