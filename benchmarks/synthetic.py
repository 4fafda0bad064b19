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
        if entry.level in (RegionLevel.CITY, RegionLevel.DISTRICT)
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
