"""A deterministic synthetic corpus of agreements, shaped like the real thing.

Institutions sit in the gazetteer's cities and districts; partner choice is heavy-tailed
(a few hubs sign with many); most agreements are bilateral, some are group signings (two
sides of several parties) or three-party plans; dates spread over ten years. Returned as
record files (the gold schema), so every stage from resolution on can be measured.
"""

from __future__ import annotations

import hashlib
import itertools
import random

from educoop.graph.model import InstitutionKind, RegionLevel
from educoop.loaders.gazetteer import bundled_gazetteer
from educoop.loaders.records import LoadedFile, RecordFile

KINDS = ["signed"] * 6 + ["paired"] * 2 + ["exchange"] * 2 + ["plan", "branch"]
INSTITUTION_KINDS = [k for k in InstitutionKind if k is not InstitutionKind.OTHER]


def corpus(agreements: int, *, per_file: int = 1_000, seed: int = 7) -> list[LoadedFile]:
    """``agreements`` agreements in files of ``per_file``, the same for the same seed."""
    rng = random.Random(seed)
    places = [
        entry.name
        for entry in bundled_gazetteer().entries
        if entry.curated
        and entry.level in (RegionLevel.CITY, RegionLevel.DISTRICT)
        and len(bundled_gazetteer().candidates(entry.name)) == 1
    ]
    institution_count = max(50, agreements // 20)
    institutions = [
        {
            "name": f"Synthetic {kind.title()} {number}",
            "region": rng.choice(places),
            "kind": str(kind),
        }
        for number in range(institution_count)
        for kind in [rng.choice(INSTITUTION_KINDS)]
    ]
    # Pareto weights give a heavy tail: a few institutions take part in very many agreements.
    weights = list(itertools.accumulate(rng.paretovariate(1.2) for _ in institutions))
    files = []
    for start in range(0, agreements, per_file):
        rows = []
        used: dict[str, dict] = {}
        for _ in range(min(per_file, agreements - start)):
            shape = rng.random()
            sizes = [1, 1] if shape < 0.8 else ([2, 3] if shape < 0.95 else [1, 1, 1])
            parties = []
            while len(parties) < sum(sizes):
                pick = rng.choices(institutions, cum_weights=weights)[0]
                if pick not in parties:
                    parties.append(pick)
            sides, offset = [], 0
            for size in sizes:
                sides.append([p["name"] for p in parties[offset : offset + size]])
                offset += size
            for party in parties:
                used[party["name"]] = party
            year, month = rng.randint(2015, 2024), rng.randint(1, 12)
            rows.append(
                {
                    "sides": sides,
                    "kind": rng.choice(KINDS),
                    "date": f"{year}-{month:02d}" if rng.random() < 0.7 else str(year),
                    "evidence": "Synthetic agreement for benchmarks.",
                }
            )
        records = RecordFile.model_validate(
            {"institutions": list(used.values()), "agreements": rows}
        )
        name = f"synthetic-{seed}-{start // per_file:05d}.yaml"
        files.append(LoadedFile(name, hashlib.sha256(name.encode()).hexdigest(), records))
    return files


# Sentences an article is made of. {a} {b} {c} are institutions, {p} {q} places, {d} a date.
_LEADS = [
    "On {d}, {a} signed a memorandum of understanding with {b}.",
    "{a} and {b} signed a cooperation agreement in {p} on {d}.",
    "{a}, {b} and {c} signed contracts with {x} and {y} to train teachers together.",
    "A delegation from {a} visited {b} on {d} for a week of classroom exchanges.",
    "{p} and {q} have enacted a plan to share school places from {year}.",
    "{a} will open a branch campus in {q}, its president said on {d}.",
    "{a} was paired with {b} under a sister-school scheme launched in {year}.",
]
_FILLER = [
    "The two sides will develop joint courses, share laboratories and exchange staff.",
    "Officials said the arrangement builds on several years of informal contacts.",
    "Students will be able to earn credits at both institutions from next autumn.",
    "The ceremony was attended by teachers, parents and local business leaders.",
    "Professor {person}, President of {a}, said the partnership would widen opportunities.",
    "Enrolment at {b} has grown steadily over the past decade.",
    "Further details of the programme are expected to be announced later this year.",
]
_PEOPLE = ["Li Wei", "Maria Santos", "John Okafor", "Chen Jing", "Anna Schmidt", "Ravi Kumar"]
_MODIFIERS = ["Second", "Central", "Polytechnic", "Foreign Languages", "Medical"]
_MONTH_NAMES = ["January", "March", "May", "June", "September", "November"]


def articles(count: int, *, seed: int = 11) -> list[str]:
    """``count`` short news articles about signings, visits, plans and branches between
    synthetic institutions in known places, the same for the same seed."""
    rng = random.Random(seed)
    places = sorted(
        {
            entry.name
            for entry in bundled_gazetteer().entries
            if entry.curated
            and entry.level in (RegionLevel.PROVINCE, RegionLevel.CITY)
            and len(bundled_gazetteer().candidates(entry.name)) == 1
        }
    )
    heads = ["University", "College", "Normal University", "High School", "Hospital", "Institute"]
    out = []
    for _ in range(count):

        def institution() -> str:
            return f"{rng.choice(places)} {rng.choice(_MODIFIERS)} {rng.choice(heads)}"

        values = {
            "a": institution(),
            "b": institution(),
            "c": institution(),
            "x": institution(),
            "y": institution(),
            "p": rng.choice(places),
            "q": rng.choice(places),
            "d": f"{rng.randint(1, 28)} {rng.choice(_MONTH_NAMES)} {rng.randint(2015, 2024)}",
            "year": str(rng.randint(2015, 2024)),
            "person": rng.choice(_PEOPLE),
        }
        title = f"{values['a']} deepens cooperation with partners in {values['q']}"
        body = [rng.choice(_LEADS), *rng.sample(_FILLER, 4), rng.choice(_LEADS)]
        paragraphs = [sentence.format(**values) for sentence in body]
        out.append("\n\n".join([title, values["d"], *paragraphs]))
    return out
