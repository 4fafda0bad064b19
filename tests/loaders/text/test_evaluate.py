import pytest

from educoop.loaders.records import RecordFile
from educoop.loaders.text.evaluate import Tally, score_document

GOLD = RecordFile.model_validate(
    {
        "institutions": [
            {"name": "Tai Po Community College", "aliases": ["Tai Po College"]},
            {"name": "Foshan No. 3 School"},
            {"name": "Foshan Maternity Hospital"},
        ],
        "regions": [{"name": "Foshan"}, {"name": "Hong Kong"}],
        "agreements": [
            {
                "sides": [
                    ["Tai Po Community College"],
                    ["Foshan No. 3 School", "Foshan Maternity Hospital"],
                ],
                "kind": "signed",
            },
        ],
    }
)


def test_tally_precision_recall_f1():
    tally = Tally(true_positives=3, predicted=4, gold=6)
    assert (tally.precision, tally.recall) == (0.75, 0.5)
    assert tally.f1 == pytest.approx(0.6)
    # Nothing to find and nothing found is a perfect score.
    assert (Tally().precision, Tally().recall, Tally().f1) == (1.0, 1.0, 1.0)


def test_scores_are_alias_aware_and_list_misses():
    predicted = RecordFile.model_validate(
        {
            "institutions": [
                {"name": "Tai Po College"},
                {"name": "Foshan No. 3 School"},
                {"name": "Foshan Bureau"},
            ],
            "regions": [{"name": "Foshan"}],
            "agreements": [
                {"sides": [["Tai Po College"], ["Foshan No. 3 School"]], "kind": "signed"}
            ],
        }
    )
    score = score_document("doc", GOLD, predicted)
    institutions = score.tallies["institutions"]
    assert (institutions.true_positives, institutions.predicted, institutions.gold) == (2, 3, 3)
    assert score.missed["institutions"] == ["Foshan Maternity Hospital"]
    assert score.spurious["institutions"] == ["Foshan Bureau"]
    pairs = score.tallies["pairs"]
    assert (pairs.true_positives, pairs.predicted, pairs.gold) == (1, 1, 2)
    assert score.missed["pairs"] == ["Foshan Maternity Hospital -- Tai Po Community College"]
    assert score.tallies["regions"].recall == 0.5


@pytest.mark.parametrize(
    ("gold_name", "found_name"),
    [
        ("Fujian Province", "Fujian"),
        ("Ningxia Hui Autonomous Region", "Ningxia"),
        ("Xiamen City", "Xiamen"),
    ],
)
def test_a_region_the_gold_names_with_its_designation_is_the_same_place(gold_name, found_name):
    gold = RecordFile.model_validate(
        {
            "regions": [{"name": gold_name}, {"name": "Hong Kong"}],
            "agreements": [{"sides": [[gold_name], ["Hong Kong"]], "kind": "paired"}],
        }
    )
    predicted = RecordFile.model_validate(
        {
            "regions": [{"name": found_name}, {"name": "Hong Kong"}],
            "agreements": [{"sides": [[found_name], ["Hong Kong"]], "kind": "paired"}],
        }
    )
    score = score_document("doc", gold, predicted)
    assert score.tallies["regions"].true_positives == 2
    assert score.tallies["pairs"].true_positives == 1
