"""Score extraction against hand-made gold files: precision, recall and F1 for institutions,
regions and partner pairs, alias-aware (any name or alias a gold file gives counts as it).

Partner pairs are the unordered pairs of parties on different sides of an agreement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from educoop.loaders.gazetteer import KnownRegion, bundled_gazetteer, normalise
from educoop.loaders.records import AgreementIn, RecordFile, load_file
from educoop.loaders.text import ARTICLE_SUFFIXES, extract_file
from educoop.loaders.text.confidence import Signals, signals_in

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


# What an English name of a Chinese province or city may add to the place's own name:
# "Fujian Province", "Xiamen City", "Ningxia Hui Autonomous Region", "Hong Kong Special
# Administrative Region".
_DESIGNATION = re.compile(
    r"\s+(?:(?:Hui|Zhuang|Uygur|Uyghur)\s+)?(?:Province|City|Municipality|Autonomous Region"
    r"|Special Administrative Region|SAR)$"
)


def _places_named(name: str) -> list[KnownRegion]:
    """The gazetteer's places ``name`` names, with or without its designation."""
    gazetteer = bundled_gazetteer()
    return gazetteer.candidates(name) or gazetteer.candidates(_DESIGNATION.sub("", name))


class _Canon:
    """Maps any name a gold file gives an entity to the gold's name; and a region's name
    in another form or language to the gold region that is the same place in the gazetteer
    ("Chongqing" and "重庆" to a gold file's 重庆市, "Fujian" to its "Fujian Province")."""

    def __init__(self, gold: RecordFile) -> None:
        self.names: dict[str, str] = {}
        self.places: dict[tuple[str, ...], str] = {}
        for institution in gold.institutions:
            for name in (institution.name, *institution.aliases):
                self.names.setdefault(normalise(name), institution.name)
        for region in gold.regions:
            for name in (region.name, *region.aliases):
                self.names.setdefault(normalise(name), region.name)
                for entry in _places_named(name):
                    self.places.setdefault(entry.chain, region.name)

    def __call__(self, name: str) -> str:
        found = self.names.get(normalise(name))
        if found:
            return found
        for entry in _places_named(name):
            for other in (entry.name, entry.name_zh, *entry.aliases):
                if other and normalise(other) in self.names:
                    return self.names[normalise(other)]
            if entry.chain in self.places:
                return self.places[entry.chain]
        return name


def _agreement_pairs(agreement: AgreementIn, canon: _Canon) -> set[str]:
    pairs = set()
    for side_a, side_b in combinations(agreement.sides, 2):
        for a in side_a:
            for b in side_b:
                x, y = sorted((canon(a), canon(b)))
                if x != y:
                    pairs.add(f"{x} -- {y}")
    return pairs


def _pairs(records: RecordFile, canon: _Canon) -> set[str]:
    return set().union(*(_agreement_pairs(a, canon) for a in records.agreements))


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


def _articles(folder: str | Path) -> Iterator[tuple[str, Path, RecordFile]]:
    """Each article NAME.txt (or .md, .html) beside a NAME.gold.yaml: its name, its path
    and its gold records."""
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
        if article is not None:
            yield stem, article, load_file(gold_path).records


def evaluate(folder: str | Path, spacy_model: str | None = None) -> list[DocumentScore]:
    """Extract each article beside a gold file and score it."""
    return [
        score_document(stem, gold, extract_file(article, spacy_model).records)
        for stem, article, gold in _articles(folder)
    ]


@dataclass(frozen=True)
class Judged:
    """One agreement extracted from a gold-annotated article, and whether it is right:
    every partner pair it makes is one of the gold file's."""

    agreement: AgreementIn
    signals: Signals  # what its reading shows, in its article
    right: bool


def judged_agreements(folder: str | Path) -> list[Judged]:
    """Every agreement extracted from the articles of ``folder`` that makes a partner pair,
    judged against their gold files: what the confidence is calibrated on."""
    judged = []
    for _, article, gold in _articles(folder):
        canon = _Canon(gold)
        wanted = _pairs(gold, canon)
        records = extract_file(article).records
        for agreement, signals in zip(records.agreements, signals_in(records), strict=True):
            pairs = _agreement_pairs(agreement, canon)
            if pairs:
                judged.append(Judged(agreement, signals, pairs <= wanted))
    return judged


def totals(scores: list[DocumentScore]) -> dict[str, Tally]:
    """Micro-averaged tallies over all documents."""
    summed = {measure: Tally() for measure in MEASURES}
    for document in scores:
        for measure in MEASURES:
            summed[measure].add(document.tallies[measure])
    return summed
