"""A body's founders counted where they sign and named in the sentences after (issue 16,
class 6), one institution signing with a count of those named before (class 4), and words
of a sentence before that are no part of the next one's parties."""

from tests.loaders.text.reading import sides_of

CHARTER = (
    "Nine colleges on Friday founded the Upland Forestry Training Network in Dali.\n\n"
    "Representatives of the 12 founding institutions signed the network's charter at the "
    "ceremony. Founding members from the host province include Dali Forestry College, "
    "Baoshan Vocational College and Lijiang Teachers College. Among the overseas founders are "
    "Kalay Technological University in Myanmar; and Luang Namtha Technical College. The other "
    "members were not named.\n\n"
    "The network will hold its first council next spring."
)


def test_a_charter_signed_by_a_count_of_founders_named_after_it_is_one_agreement() -> None:
    assert sides_of(CHARTER) == [
        [
            ["Dali Forestry College"],
            ["Baoshan Vocational College"],
            ["Lijiang Teachers College"],
            ["Kalay Technological University"],
            ["Luang Namtha Technical College"],
        ]
    ]


def test_founders_named_after_need_a_sentence_of_members_right_after() -> None:
    # The institutions named later are guests, not members: no agreement among them.
    text = CHARTER.replace("Founding members from the host province include", "Guests from")
    text = text.replace("Among the overseas founders are", "Also present were")
    assert sides_of(text) == []


def test_more_members_named_than_were_counted_are_not_the_ones_counted() -> None:
    assert sides_of(CHARTER.replace("the 12 founding", "the four founding")) == []


def test_a_creation_word_ending_the_sentence_before_sets_up_no_party_of_the_next() -> None:
    text = (
        "Two bilateral deals were signed at the launch. Ridgeway Metallurgy College and the "
        "Lao-Thai Technical College agreed to set up a joint workshop."
    )
    assert sides_of(text) == [[["Ridgeway Metallurgy College"], ["Lao-Thai Technical College"]]]


def test_a_name_with_two_head_nouns_keeps_the_country_after_it() -> None:
    text = "Dali College signed an agreement with the National Polytechnic Institute of Laos."
    assert sides_of(text) == [[["Dali College"], ["National Polytechnic Institute of Laos"]]]


def test_one_institution_that_signs_with_a_count_of_those_named_before_signs_with_each() -> None:
    text = (
        "Lab opens\n\nStaff reporter | Dali | 2 April 2025\n\n"
        "Dali University and Baoshan University opened a joint laboratory on Monday. At the "
        "same ceremony, Erhai Motors Limited signed a letter of intent with the two "
        "universities to become the lab's first industrial partner."
    )
    assert sides_of(text)[-1] == [
        ["Erhai Motors Limited"],
        ["Baoshan University", "Dali University"],
    ]


def test_a_count_that_does_not_follow_with_is_no_partner_of_the_one_named() -> None:
    text = (
        "School opens\n\nStaff reporter | Dali | 2 April 2025\n\n"
        "Dali No. 1 Primary School and the Eryuan County Education Bureau signed an agreement "
        'on Monday. The two sides will jointly run "Eryuan Experimental School", with 36 '
        "classes."
    )
    assert sides_of(text) == [[["Dali No. 1 Primary School"], ["Eryuan County Education Bureau"]]]


def test_founders_counted_then_named_by_they_are() -> None:
    text = (
        "Alliance launched\n\nStaff reporter | Beihai | 2 April 2025\n\n"
        "Representatives of its five founding members signed the alliance charter together. "
        "Besides the host, they are Wuzhou Trade College in Wuzhou; Leizhou Ocean University and "
        "Xuwen Technical College, both in Zhanjiang; and two port operators, Tieshan Port Group "
        "and Leizhou Port Group."
    )
    assert sides_of(text) == [
        [
            ["Wuzhou Trade College"],
            ["Leizhou Ocean University"],
            ["Xuwen Technical College"],
            ["Tieshan Port Group"],
            ["Leizhou Port Group"],
        ]
    ]


# Founders on lines of their own, no bullets, each with its town and province in brackets,
# then signing as "the four colleges" although two of them are institutes.
FOUNDERS_LISTED = (
    "Mountain colleges form a forestry alliance\n\n"
    "Colleges from four provinces launched the Upland Forestry Alliance in Kunming on "
    "Friday.\n\n"
    "The founding members are:\n\n"
    "Southwest Upland Forestry Technical Institute (Dali, Yunnan)\n"
    "Guizhou Mountain Agriculture Vocational College (Zunyi, Guizhou)\n"
    "Western Sichuan Conservancy Technical Institute (Ya'an, Sichuan)\n"
    "Guangxi Hill Forestry Vocational and Technical College (Hechi, Guangxi)\n\n"
    "Representatives of the four colleges signed the alliance charter on stage."
)


def test_founders_listed_on_plain_lines_and_counted_as_colleges_sign_together() -> None:
    assert sides_of(FOUNDERS_LISTED) == [
        [
            ["Southwest Upland Forestry Technical Institute"],
            ["Guizhou Mountain Agriculture Vocational College"],
            ["Western Sichuan Conservancy Technical Institute"],
            ["Guangxi Hill Forestry Vocational and Technical College"],
        ]
    ]


def test_a_count_of_colleges_is_no_list_of_another_length() -> None:
    assert sides_of(FOUNDERS_LISTED.replace("the four colleges", "the five colleges")) == []


FOUNDERS_THEN_THEIR = (
    "Four universities on Tuesday founded the Upper Basin Medical Alliance in Lanzhou. The "
    "founding members are Lanzhou Medical University, Xining Health University, Yinchuan "
    "Medical College and Baotou Medical University. Their representatives signed the "
    "alliance's charter together on stage."
)


def test_founders_named_in_the_sentence_before_their_representatives_sign_together():
    assert sides_of(FOUNDERS_THEN_THEIR) == [
        [
            ["Lanzhou Medical University"],
            ["Xining Health University"],
            ["Yinchuan Medical College"],
            ["Baotou Medical University"],
        ]
    ]


def test_newcomers_who_sign_a_bodys_charter_only_join_it():
    text = FOUNDERS_THEN_THEIR.replace("on Tuesday founded", "on Tuesday joined")
    text = text.replace("The founding members are", "The new members are")
    assert sides_of(text) == []
