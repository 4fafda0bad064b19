"""Lists of pairs with no lead to open them (issue 16, class 9): numbered or bulleted items
that pair two institutions with a dash between them, under headings or after a sentence
that ends in a full stop."""

from tests.loaders.text.reading import sides_of

PAIRS = """Wuxi publishes list of Wuxi-Hotan school pairs
Wuxi Education Bureau | Notices | 3 March 2025

The Wuxi Education Bureau confirmed the school pairs for the 2025 school year. Each Wuxi school will send two teachers to its partner school.

Liangxi District - Pishan County
1. Wuxi Qianzhou High School - Pishan County No. 1 Senior High School
2. Liangxi Experimental Primary School \u2013 Pishan County Central Primary School

Xishan District - Moyu County
3. Xishan Senior High School - Moyu County No. 2 Middle School (to be confirmed)
"""


def test_numbered_items_of_two_schools_and_a_dash_are_pairs():
    assert sides_of(PAIRS) == [
        [["Wuxi Qianzhou High School"], ["Pishan County No. 1 Senior High School"]],
        [["Liangxi Experimental Primary School"], ["Pishan County Central Primary School"]],
        [["Xishan Senior High School"], ["Moyu County No. 2 Middle School"]],
    ]


def test_an_item_that_places_a_school_or_describes_it_pairs_nothing():
    text = """Wuxi schools in the news
Wuxi Education Bureau | Notices | 3 March 2025

The bureau named its model schools for 2025. They will host open days in May.

1. Wuxi Qianzhou High School - Pishan County
2. Liangxi Experimental Primary School - founded in 1952
3. Xishan Senior High School - Moyu County No. 2 Middle School's neighbour
"""
    assert sides_of(text) == []


def test_two_on_one_side_of_the_dash_under_a_hyphenated_subheading():
    text = """Wuxi publishes list of Wuxi-Hotan school pairs
Wuxi Education Bureau | Notices | 3 March 2025

New pairs for 2025 (Wuxi partner - Hotan partner):

Primary
1. Liangxi Experimental Primary School - Pishan County Central Primary School

Pre-school
2. Wuxi Experimental Kindergarten - Moyu County No. 2 Kindergarten

Vocational
3. Wuxi Vocational College and Wuxi Institute of Technology - Hotan Vocational College
"""
    assert sides_of(text) == [
        [["Liangxi Experimental Primary School"], ["Pishan County Central Primary School"]],
        [["Wuxi Experimental Kindergarten"], ["Moyu County No. 2 Kindergarten"]],
        [["Wuxi Institute of Technology", "Wuxi Vocational College"], ["Hotan Vocational College"]],
    ]


def test_a_row_of_two_places_under_a_lead_of_pairs_is_a_pair_not_a_dateline():
    text = """Wuxi and Hotan publish pairs
By a staff reporter | Wuxi | 26 February 2025

The bureaus released the list of pairs this week.

County-level counterpart pairs (in place since 2021):
Jiangyin - Pishan County
Yixing - Moyu County
"""
    assert sides_of(text) == [[["Jiangyin"], ["Pishan County"]], [["Yixing"], ["Moyu County"]]]


def test_pairs_each_named_with_with_and_parted_by_semicolons():
    text = (
        "Schools pair up\n\nStaff reporter | Jinhua | 2 April 2025\n\n"
        "Afterwards, three groups of schools signed the pairing agreement on the spot. They are "
        "respectively: Lanxi City Experimental Primary School with Muli County Qiaowa Town "
        "Central Primary School; Lanxi No. 4 Middle School with Muli County Middle School; "
        "Lanxi Xinshi Street Kindergarten with Muli County First Kindergarten."
    )
    assert sides_of(text) == [
        [
            ["Lanxi City Experimental Primary School"],
            ["Muli County Qiaowa Town Central Primary School"],
        ],
        [["Lanxi No. 4 Middle School"], ["Muli County Middle School"]],
        [["Lanxi Xinshi Street Kindergarten"], ["Muli County First Kindergarten"]],
    ]


def test_pairs_each_joined_by_and_on_lines_ending_in_semicolons():
    text = (
        "Schools pair up\n\nStaff reporter | Luzhou | 2 April 2025\n\n"
        "At the ceremony, the schools of the two places signed pairing agreements. The pairs "
        "are:\n\n"
        "Hejiang No. 2 Middle School and Yongchuan Foreign Language School;\n"
        "Hejiang Experimental Primary School and Yongchuan Dongmen Primary School;\n"
        "Hejiang First Kindergarten and Yongchuan Central Kindergarten.\n"
    )
    assert sides_of(text) == [
        [["Hejiang No. 2 Middle School"], ["Yongchuan Foreign Language School"]],
        [["Hejiang Experimental Primary School"], ["Yongchuan Dongmen Primary School"]],
        [["Hejiang First Kindergarten"], ["Yongchuan Central Kindergarten"]],
    ]


def test_pairs_on_lines_with_another_name_in_brackets():
    text = (
        "Schools pair up\n\nStaff reporter | Zhuhai | 2 April 2025\n\n"
        "The three pairs that signed were:\n\n"
        "Doumen No. 1 Middle School and Pui Wah Middle School;\n"
        "Doumen Experimental Middle School and Tak Sing School (Escola Tak Sing);\n"
        "Jinwan No. 2 Primary School and Hou Tak Primary School.\n"
    )
    assert sides_of(text) == [
        [["Doumen No. 1 Middle School"], ["Pui Wah Middle School"]],
        [["Doumen Experimental Middle School"], ["Tak Sing School"]],
        [["Jinwan No. 2 Primary School"], ["Hou Tak Primary School"]],
    ]


def test_rows_of_pairs_that_end_in_a_lower_case_description_are_one_row_each():
    # No hard-wrapped paragraph has two lines that each open "A: B -" or "A - B".
    text = (
        "Lakeside universities sign new agreements\n\n"
        "The following agreements were signed at the summit (north shore: south shore):\n\n"
        "Oldbridge University: Marlow Institute of Technology \u2014 a joint master's "
        "programme in coastal engineering\n"
        "Kestrel University: Hawthorn University \u2014 staff exchange and a summer school\n"
        "Fenwick Art College \u2013 Southgate College of Design \u2014 shared studios\n"
    )
    assert sides_of(text) == [
        [["Oldbridge University"], ["Marlow Institute of Technology"]],
        [["Kestrel University"], ["Hawthorn University"]],
        [["Fenwick Art College"], ["Southgate College of Design"]],
    ]


def test_a_hard_wrapped_paragraph_stays_one_sentence():
    text = (
        "Kestrel University and Hawthorn University signed an exchange agreement on\n"
        "Monday. Oldbridge University, which signed with Marlow Institute in the spring,\n"
        "sent a delegation."
    )
    assert sides_of(text) == [
        [["Kestrel University"], ["Hawthorn University"]],
        [["Oldbridge University"], ["Marlow Institute"]],
    ]


PLACED_PAIRS = (
    "Tianjin confirms school pairs\n\n"
    "The confirmed pairs for 2024 are as follows (Tianjin school \u2013 Gansu school):\n\n"
    "1. Tianjin Nankai High School \u2013 Tianshui No. 1 Middle School (Tianshui)\n"
    "2. Tianjin Light Industry Vocational College \u2013 Gannan Prefecture Technical School "
    "(Hezuo)\n\n"
    "Pairs continuing from earlier rounds (no change this year):\n\n"
    "- Tianjin Experimental High School \u2013 Tianshui No. 3 Middle School\n"
)


def test_a_bracketed_place_within_the_place_a_name_holds_only_locates_it():
    # Tianshui is the school's own city; Hezuo lies in Gannan prefecture. Neither is a campus.
    sides = sides_of(PLACED_PAIRS)
    assert [["Tianjin Nankai High School"], ["Tianshui No. 1 Middle School"]] in sides
    assert [
        ["Tianjin Light Industry Vocational College"],
        ["Gannan Prefecture Technical School"],
    ] in sides


def test_a_campus_in_another_city_keeps_its_bracket():
    text = "Harbin Institute of Technology (Shenzhen) signed an agreement with Fudan University."
    assert sides_of(text) == [[["Harbin Institute of Technology (Shenzhen)"], ["Fudan University"]]]


def test_no_change_in_a_list_lead_denies_nothing():
    assert [
        ["Tianjin Experimental High School"],
        ["Tianshui No. 3 Middle School"],
    ] in sides_of(PLACED_PAIRS)
    denied = PLACED_PAIRS.replace("(no change this year)", "(not yet signed)")
    assert [["Tianjin Experimental High School"], ["Tianshui No. 3 Middle School"]] not in (
        sides_of(denied)
    )


def test_paragraphs_ending_in_semicolons_under_a_lead_of_pairs_are_its_items():
    text = (
        "Shandong and Chongqing agree plan\n\n"
        "The plan singles out three of the city-county pairs for demonstration status:\n\n"
        "Jinan, the provincial capital, and Wulong District, where the two sides will build "
        "an online teaching platform for village schools;\n\n"
        "Qingdao and Fengjie County, which will focus on vocational education linked to "
        "tourism and hospitality;\n\n"
        "and Zibo and Chengkou County, which will pilot a preschool programme in remote "
        "villages.\n"
    )
    assert sides_of(text) == [
        [["Jinan"], ["Wulong District"]],
        [["Qingdao"], ["Fengjie County"]],
        [["Zibo"], ["Chengkou County"]],
    ]
