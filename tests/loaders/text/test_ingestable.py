"""Whatever an article yields can be loaded: extraction never writes a record the resolver
refuses (an ambiguous place, an unknown region), or the whole article would fail."""

import pytest

from educoop.loaders.resolve import resolve
from educoop.loaders.text import ARTICLE_SUFFIXES, extract_file
from tests.conftest import DATA, SEEDS

ARTICLES = sorted(
    path
    for folder in (DATA / "articles", DATA / "articles-unseen", SEEDS)
    if folder.is_dir()
    for path in folder.iterdir()
    if path.suffix in ARTICLE_SUFFIXES and path.stem != "README"
)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.name)
def test_every_article_resolves(path):
    batch = resolve(extract_file(path))
    assert batch.nodes
