"""Who signs at a signing ceremony (issue 16, class 5): those watching and the bodies named
in officials' posts are no parties, a body's name that says "Counterpart" cues no pairing,
and two bodies named with "the" after the witnesses still sign."""

from tests.loaders.text.reading import sides_of

HEAD = "Provinces sign\n\nStaff reporter | Lanzhou | 2 April 2025\n\n"


def test_the_bodies_in_an_attendance_list_with_a_counterpart_group_pair_no_one():
    text = HEAD + (
        "Attending the meeting were Li Ming, deputy director of the Gansu Finance Department; "
        "Wang Fang, director of the Gansu Office of the Tianjin Leading Group for Counterpart "
        "Cooperation; and Zhao Lei, deputy director of the Tianjin Municipal Development and "
        "Reform Commission."
    )
    assert sides_of(text) == []


def test_bodies_named_with_the_after_their_witnesses_sign():
    text = HEAD + (
        "Witnessed by Li Ming and Wang Fang, the Gansu Provincial Department of Education and "
        "the Tianjin Municipal Education Commission signed a framework agreement."
    )
    assert sides_of(text) == [
        [["Gansu Provincial Department of Education"], ["Tianjin Municipal Education Commission"]]
    ]


def test_counterpart_support_in_lower_case_still_pairs_places():
    text = HEAD + "Tianjin has provided counterpart support to Gannan since 2016."
    assert sides_of(text) == [[["Tianjin"], ["Gannan"]]]


def test_a_lead_that_names_its_witnesses_lists_the_signers():
    text = HEAD + (
        "The following schools exchanged sister-school agreements, witnessed by Director Li "
        "and Director Wang:\n"
        "- Lanzhou No. 1 Middle School with Pui Wah Middle School;\n"
        "- Tianshui No. 5 Middle School with Hou Tak Middle School.\n"
    )
    assert sides_of(text) == [
        [["Lanzhou No. 1 Middle School"], ["Pui Wah Middle School"]],
        [["Tianshui No. 5 Middle School"], ["Hou Tak Middle School"]],
    ]


def test_a_lead_of_witnesses_lists_no_signers():
    text = HEAD + (
        "Lanzhou No. 1 Middle School and Pui Wah Middle School signed an agreement. The "
        "signing was witnessed by:\n"
        "- Tianshui No. 5 Middle School;\n"
        "- Hou Tak Middle School.\n"
    )
    assert sides_of(text) == [[["Lanzhou No. 1 Middle School"], ["Pui Wah Middle School"]]]


def test_a_sentence_listing_who_attended_names_no_parties():
    text = HEAD + (
        "Attending the conference were: Li Ming, vice mayor of the Lanzhou Municipal People's "
        "Government; Wang Fang, director of the Dingxi Municipal Education Bureau; responsible "
        "comrades of the Lanzhou Municipal Bureau of Finance; and principals of paired schools "
        "from both cities. Lanzhou No. 1 Middle School and Dingxi No. 2 Middle School signed a "
        "pairing agreement."
    )
    assert sides_of(text) == [[["Lanzhou No. 1 Middle School"], ["Dingxi No. 2 Middle School"]]]


def test_a_visit_where_the_visitors_discussed_more_is_still_a_visit():
    text = HEAD + (
        "On Monday, a delegation from Lanzhou Technical University visited Tianshui College "
        "of Technology, where heads of department discussed curriculum and toured a workshop. "
        "Dingxi College discussed possible cooperation with Longnan College."
    )
    assert sides_of(text) == [
        [["Lanzhou Technical University"], ["Tianshui College of Technology"]]
    ]


def test_a_sentence_citing_the_agreements_signed_makes_no_new_one():
    text = HEAD + (
        "The zone signed agreements with Harwick University and Lomond University. According "
        "to the agreements, the new Harwick Affiliated Middle School and the Lomond Affiliated "
        "Primary School will enrol their first students in September."
    )
    assert sides_of(text) == []


def test_heads_of_offices_who_accompanied_a_visit_take_part_in_nothing():
    text = (
        "Heads of the Office of Academic Affairs, the School of Education Science and the "
        "Affiliated Middle School of Northbank Normal University accompanied the visit."
    )
    assert sides_of(text) == []


def test_a_roundtable_and_a_meeting_to_plan_sign_nothing():
    text = (
        "Visit\n\nCampus News | 21 March 2024\n\n"
        "During the visit, the delegation held a roundtable with Harbour Science Parks "
        "Corporation and Tarvik University about internships. In a separate session, Tarvik "
        "University's robotics staff met faculty from Narva Polytechnic University to plan a "
        "summer school."
    )
    assert sides_of(text) == []


def test_the_links_to_other_stories_under_a_page_s_related_news_report_nothing():
    text = (
        "MoU signed\n\nCampus News | 21 March 2024\n\n"
        "Tarvik University and Narva Polytechnic University signed a memorandum on Tuesday.\n\n"
        "Related news:\n"
        "- Tarvik University welcomes delegation from Parnu Technological University\n"
        "- Robotics team wins at a national contest\n\n"
        "Editor: Liang Yuqi"
    )
    assert sides_of(text) == [[["Tarvik University"], ["Narva Polytechnic University"]]]


def test_two_institutions_that_jointly_open_a_branch_are_its_parties():
    text = (
        "Campus\n\nStaff reporter | 14 Nov 2024\n\n"
        "The Colegio Técnico de Tarvik and Spain's Universidad de Narva will jointly open a "
        "branch campus in San Pedro Garza García."
    )
    assert sides_of(text) == [[["Colegio Técnico de Tarvik"], ["Universidad de Narva"]]]
