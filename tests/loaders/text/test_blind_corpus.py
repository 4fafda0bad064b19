"""The blind corpora (tests/data/blind-dev, blind-test, blind-fresh, blind-holdout,
blind-last, blind-final, blind-sixth, blind-seventh, blind-eighth,
blind-ninth, blind-tenth; zh-blind-dev, zh-blind-test, zh-blind-fresh, zh-blind-final,
zh-blind-holdout) are sound data: every article has a
gold file that loads, split as its README says, with evidence quoted from the article's
text and every party declared."""

from __future__ import annotations

import pytest

from educoop.loaders.records import load_file
from educoop.loaders.text.read import read_article
from tests.conftest import DATA

SPLITS = {
    "blind-dev": 44,
    "blind-test": 22,
    "blind-fresh": 22,
    "zh-blind-dev": 22,
    "zh-blind-test": 22,
    "zh-blind-fresh": 20,
    "zh-blind-final": 22,
    "blind-holdout": 22,
    "zh-blind-holdout": 22,
    "blind-last": 22,
    "blind-final": 22,
    "blind-sixth": 22,
    "blind-seventh": 22,
    "blind-eighth": 22,
    "blind-ninth": 22,
    "blind-tenth": 22,
    "blind-eleventh": 22,
    "blind-twelfth": 22,
    "blind-thirteenth": 22,
    "blind-fourteenth": 22,
    "blind-fifteenth": 22,
    "blind-sixteenth": 22,
}
SUFFIXES = (".txt", ".md", ".html")


def _pairs(split):
    folder = DATA / split
    articles = sorted(
        path for path in folder.iterdir() if path.suffix in SUFFIXES and path.stem != "README"
    )
    return [(path, path.with_name(path.stem + ".gold.yaml")) for path in articles]


@pytest.mark.parametrize(("split", "count"), sorted(SPLITS.items()))
def test_each_split_holds_its_articles_each_with_a_gold_file(split, count):
    pairs = _pairs(split)
    assert len(pairs) == count
    assert all(gold.is_file() for _, gold in pairs)
    golds = sorted((DATA / split).glob("*.gold.yaml"))
    assert len(golds) == count


@pytest.mark.parametrize(
    ("article", "gold"), [pair for split in SPLITS for pair in _pairs(split)], ids=lambda p: p.name
)
def test_gold_files_load_and_quote_their_article(article, gold):
    records = load_file(gold).records
    # Quoted from the text as read, or from the file as written (Markdown's "**").
    texts = [" ".join(read_article(article).text.split())]
    texts.append(" ".join(article.read_text(encoding="utf-8").split()))
    declared = {
        name
        for entry in [*records.institutions, *records.regions]
        for name in (entry.name, *entry.aliases)
    }
    assert records.agreements or records.programmes
    for agreement in records.agreements:
        quote = " ".join(agreement.evidence.split())
        assert any(quote in text for text in texts), quote
        assert {party for side in agreement.sides for party in side} <= declared
