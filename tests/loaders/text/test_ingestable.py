"""Whatever an article yields can be loaded: extraction never writes a record the resolver
refuses (an ambiguous place, an unknown region), or the whole article would fail."""

from collections import defaultdict

import pytest

from educoop.graph.schema import Label, RelType
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


def _shape(kind: str, sides) -> tuple[str, int, list[int]]:
    """An agreement's kind, number of sides and their sizes."""
    return str(kind), len(sides), sorted(len(side) for side in sides)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda path: path.name)
def test_every_article_resolves(path):
    loaded = extract_file(path)
    batch = resolve(loaded)
    sides: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    for edge in batch.edges.values():
        if edge.type is RelType.PARTY_TO:
            sides[edge.dst][edge.props["side"]].add(edge.src)
    agreements = [node.id for node in batch.nodes.values() if node.label is Label.AGREEMENT]
    assert agreements, "the article yields no agreement"
    assert set(sides) == set(agreements)
    for agreement, by_side in sides.items():
        assert len(by_side) >= 2, f"{agreement} has one side"
        for party in set().union(*by_side.values()):
            assert batch.nodes[party].label in (Label.INSTITUTION, Label.REGION), party
    # What was resolved is what the extraction found: each agreement, its kind and sides.
    extracted = sorted(_shape(a.kind, a.sides) for a in loaded.records.agreements)
    resolved = sorted(
        _shape(batch.nodes[agreement].props["kind"], by_side.values())
        for agreement, by_side in sides.items()
    )
    assert resolved == extracted
