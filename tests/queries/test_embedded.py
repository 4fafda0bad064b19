"""Each canned query's embedded twin on tests/data/small.yaml, answers worked out by hand.

The graph: Alpha University (Nanshan, Shenzhen) signed with Beta College (Hong Kong) and Gamma
School (Jiangmen) in 2020-05; Beta exchanged with Delta Institute (Hangzhou) in 2021; Gamma
was paired with Epsilon Hospital (Macao) on 2022-03-15 under Test Bridge Scheme; Jiangmen and
Hong Kong agreed an undated plan.
"""

import pytest

from educoop.queries import embedded


def names(rows, column="partner"):
    return [row[column] for row in rows]


def test_partners_of_an_institution(small_graph):
    rows = embedded.partners(small_graph, "Alpha University")
    assert names(rows) == ["Beta College", "Gamma School"]
    assert rows[0] | {"id": None} == {
        "partner": "Beta College",
        "label": "Institution",
        "regions": ["Hong Kong"],
        "agreements": 1,
        "kinds": ["signed"],
        "first": "2020-05",
        "last": "2020-05",
        "id": None,
    }


@pytest.mark.parametrize(
    "name", ["alpha university", "AU", "阿尔法大学", "institution:alpha-university"]
)
def test_partners_by_any_name(small_graph, name):
    assert names(embedded.partners(small_graph, name)) == ["Beta College", "Gamma School"]


def test_partners_of_a_region_roll_up_and_exclude_insiders(small_graph):
    rows = embedded.partners(small_graph, "Guangdong")
    assert names(rows) == ["Beta College", "Epsilon Hospital", "Hong Kong"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2021"}, ["Delta Institute"]),
        ({"since": "2020-06"}, ["Delta Institute"]),
        ({"since": "2020-05-31"}, ["Alpha University", "Delta Institute"]),
        ({"until": "2020"}, ["Alpha University"]),
        ({"until": "2020-04"}, []),
        ({"kind": "exchange"}, ["Delta Institute"]),
        ({"since": "2019", "until": "2022", "kind": "signed"}, ["Alpha University"]),
    ],
)
def test_partners_date_window_and_kind(small_graph, params, expected):
    assert sorted(names(embedded.partners(small_graph, "Beta College", **params))) == expected


def test_undated_agreements_drop_out_of_any_window(small_graph):
    assert names(embedded.partners(small_graph, "Jiangmen")) == [
        "Alpha University",
        "Epsilon Hospital",
        "Hong Kong",
    ]
    assert "Hong Kong" not in names(embedded.partners(small_graph, "Jiangmen", since="1900"))


def test_agreements_filters(small_graph):
    every = embedded.agreements(small_graph)
    assert [row["date"] for row in every] == ["2020-05", "2021", "2022-03-15", None]
    assert every[0]["sides"] == [["Alpha University"], ["Beta College", "Gamma School"]]
    assert every[2]["programme"] == "Test Bridge Scheme"
    assert all(row["sources"] == 1 for row in every)
    assert [r["kind"] for r in embedded.agreements(small_graph, region="Zhejiang")] == ["exchange"]
    assert [r["date"] for r in embedded.agreements(small_graph, region="Shenzhen")] == ["2020-05"]
    assert [r["kind"] for r in embedded.agreements(small_graph, kind="plan")] == ["plan"]
    assert [r["date"] for r in embedded.agreements(small_graph, since="2021", until="2022-03")] == [
        "2021",
        "2022-03-15",
    ]


def test_between_regions_rolls_up_both_sides(small_graph):
    rows = embedded.between_regions(small_graph, "Guangdong", "Hong Kong")
    assert [(r["party_a"], r["party_b"], r["agreements"]) for r in rows] == [
        ("Alpha University", "Beta College", 1),
        ("Jiangmen", "Hong Kong", 1),
    ]
    # A zone: the Greater Bay Area holds Shenzhen, Jiangmen, Hong Kong and Macao.
    inside = embedded.between_regions(small_graph, "Greater Bay Area", "Greater Bay Area")
    assert len(inside) == 4
    assert embedded.between_regions(small_graph, "Guangdong", "Atlantis") == []


def test_between_regions_answers_again_unchanged_by_what_the_caller_did_with_the_last(
    small_graph,
):
    first = embedded.between_regions(small_graph, "Guangdong", "Hong Kong")
    first[0]["kinds"].append("tampered")
    first[0]["party_a"] = "tampered"
    again = embedded.between_regions(small_graph, "Guangdong", "Hong Kong")
    assert again[0]["party_a"] == "Alpha University"
    assert again[0]["kinds"] == ["signed"]
    # More region pairs than the view keeps answers for: the oldest is worked out again.
    asked = [("Shenzhen", "Hong Kong")]
    asked += [(f"Nowhere {n}", "Guangdong") for n in range(embedded._KEPT_BETWEEN + 1)]
    for a, b in asked:
        embedded.between_regions(small_graph, a, b)
    assert embedded.between_regions(small_graph, "Shenzhen", "Hong Kong") == [again[0]]


def test_programme_participants_roles_and_agreements(small_graph):
    rows = embedded.programme(small_graph, "Bridge Scheme")
    assert [(r["participant"], r["label"], r["roles"], r["agreements"]) for r in rows] == [
        ("Epsilon Hospital", "Institution", [], 1),
        ("Gamma School", "Institution", ["organiser"], 1),
        ("Jiangmen", "Region", ["member"], 0),
    ]


def test_profile(small_graph):
    [row] = embedded.profile(small_graph, "Gamma Secondary School")
    assert row["name"] == "Gamma School"
    assert row["aliases"] == ["Gamma Secondary School"]
    assert row["regions"] == ["Jiangmen", "Guangdong", "China"]
    assert row["agreements"] == 2
    assert row["partners"] == ["Alpha University", "Epsilon Hospital"]
    assert row["programmes"] == ["Test Bridge Scheme"]
    assert [source.rsplit("/", 1)[-1] for source in row["sources"]] == ["small.yaml"]
    assert embedded.profile(small_graph, "Jiangmen") == []


def test_path_finds_every_shortest_route(small_graph):
    assert embedded.path(small_graph, "Delta Institute", "Epsilon Hospital") == [
        {
            "path": [
                "Delta Institute",
                "Beta College",
                "Alpha University",
                "Gamma School",
                "Epsilon Hospital",
            ],
            "hops": 4,
        }
    ]
    assert embedded.path(small_graph, "Alpha University", "Alpha University") == []
    assert embedded.path(small_graph, "Alpha University", "Nanshan District") == []


def test_region_matrix_at_province_level(small_graph):
    rows = embedded.region_matrix(small_graph, "province")
    assert [(r["region_a"], r["region_b"], r["agreements"]) for r in rows] == [
        ("Guangdong", "Hong Kong", 2),
        ("Guangdong", "Guangdong", 1),
        ("Guangdong", "Macao", 1),
        ("Hong Kong", "Zhejiang", 1),
    ]


def test_region_matrix_at_zone_level(small_graph):
    rows = embedded.region_matrix(small_graph, "zone")
    gba = "Guangdong-Hong Kong-Macao Greater Bay Area"
    # Delta's Hangzhou is in the Yangtze River Delta: the exchange links the two zones.
    assert [(r["region_a"], r["region_b"], r["agreements"]) for r in rows] == [
        (gba, gba, 3),
        (gba, "Yangtze River Delta", 1),
    ]
