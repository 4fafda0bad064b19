"""Score extraction against hand-made gold files: precision, recall and F1 for institutions,
regions and partner pairs, alias-aware (any name or alias a gold file gives counts as it).

Partner pairs are the unordered pairs of parties on different sides of an agreement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from educoop.loaders.gazetteer import bundled_gazetteer, normalise
from educoop.loaders.records import RecordFile, load_file
from educoop.loaders.text import ARTICLE_SUFFIXES, extract_file

MEASURES = ("institutions", "regions", "pairs")


@dataclass
class Tally:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Tally) -> None:
        self.true_positives += other.true_positives
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    name: str
    tallies: dict[str, Tally] = field(default_factory=dict)
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)


class _Canon:
    """Maps any name a gold file (or the gazetteer) gives an entity to the gold's name."""

    def __init__(self, gold: RecordFile) -> None:
        self.names: dict[str, str] = {}
        for institution in gold.institutions:
            for name in (institution.name, *institution.aliases):
                self.names.setdefault(normalise(name), institution.name)
        for region in gold.regions:
            for name in (region.name, *region.aliases):
                self.names.setdefault(normalise(name), region.name)

    def __call__(self, name: str) -> str:
        found = self.names.get(normalise(name))
        if found:
            return found
        for entry in bundled_gazetteer().candidates(name):
            for other in (entry.name, entry.name_zh, *entry.aliases):
                if other and normalise(other) in self.names:
                    return self.names[normalise(other)]
        return name


def _pairs(records: RecordFile, canon: _Canon) -> set[str]:
    pairs = set()
    for agreement in records.agreements:
        for side_a, side_b in combinations(agreement.sides, 2):
            for a in side_a:
                for b in side_b:
                    x, y = sorted((canon(a), canon(b)))
                    if x != y:
                        pairs.add(f"{x} -- {y}")
    return pairs


def score_document(name: str, gold: RecordFile, predicted: RecordFile) -> DocumentScore:
    canon = _Canon(gold)
    sets = {
        "institutions": (
            {canon(i.name) for i in predicted.institutions},
            {i.name for i in gold.institutions},
        ),
        "regions": ({canon(r.name) for r in predicted.regions}, {r.name for r in gold.regions}),
        "pairs": (_pairs(predicted, canon), _pairs(gold, canon)),
    }
    result = DocumentScore(name)
    for measure, (found, wanted) in sets.items():
        result.tallies[measure] = Tally(len(found & wanted), len(found), len(wanted))
        result.missed[measure] = sorted(wanted - found)
        result.spurious[measure] = sorted(found - wanted)
    return result


def evaluate(folder: str | Path, spacy_model: str | None = None) -> list[DocumentScore]:
    """Extract each article NAME.txt (or .md, .html) beside a NAME.gold.yaml and score it."""
    scores = []
    for gold_path in sorted(Path(folder).glob("*.gold.yaml")):
        stem = gold_path.name.removesuffix(".gold.yaml")
        article = next(
            (
                gold_path.with_name(stem + suffix)
                for suffix in ARTICLE_SUFFIXES
                if gold_path.with_name(stem + suffix).is_file()
            ),
            None,
        )
        if article is None:
            continue
        gold = load_file(gold_path).records
        scores.append(score_document(stem, gold, extract_file(article, spacy_model).records))
    return scores


def totals(scores: list[DocumentScore]) -> dict[str, Tally]:
    """Micro-averaged tallies over all documents."""
    summed = {measure: Tally() for measure in MEASURES}
    for document in scores:
        for measure in MEASURES:
            summed[measure].add(document.tallies[measure])
    return summed
