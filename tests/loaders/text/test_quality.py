"""Extraction quality against hand-made gold files: the bars of the extraction issue
(institution F1 >= 0.9, partner-pair F1 >= 0.85), on the articles written for these tests
and on the seed articles beside the project."""

import pytest

from educoop.loaders.text import extract_file
from educoop.loaders.text.evaluate import evaluate, totals
from tests.conftest import DATA, SEEDS

INSTITUTION_F1 = 0.9
PAIR_F1 = 0.85


def test_the_test_articles_meet_the_bars():
    scores = evaluate(DATA / "articles")
    # Fourteen articles from nine countries and three Chinese regions, in txt, md and html.
    assert len(scores) >= 14
    overall = totals(scores)
    assert overall["institutions"].f1 >= INSTITUTION_F1, overall
    assert overall["pairs"].f1 >= PAIR_F1, overall


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_the_seed_articles_meet_the_bars():
    overall = totals(evaluate(SEEDS))
    assert overall["institutions"].f1 >= INSTITUTION_F1, overall
    assert overall["pairs"].f1 >= PAIR_F1, overall


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_a_group_signing_in_a_seed_gives_two_sides():
    records = extract_file(next(SEEDS.glob("001_*.txt"))).records
    shapes = sorted(tuple(len(side) for side in a.sides) for a in records.agreements)
    assert (3, 7) in shapes
