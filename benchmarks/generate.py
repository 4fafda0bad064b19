"""Write a deterministic synthetic corpus to a folder: record files and, optionally, articles.

    python -m benchmarks.generate --agreements 100000 --out corpus/ [--articles 5000]

Records (benchmarks/synthetic.py ``corpus``): institutions in the gazetteer's cities and
districts (so in its provinces and policy zones), Pareto-distributed partner choice, 80%
bilateral, 15% group signings (2 x 3), 5% three-party, dates over ten years, in YAML files
of 5,000 agreements. Articles (``articles``): news texts rendered from varied templates.
The same arguments give the same files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

from benchmarks.synthetic import articles, corpus


def _plain_dates(value: Any) -> Any:
    """Dates as the record format writes them ("2024-05"), not as the model holds them."""
    if isinstance(value, dict):
        if set(value) == {"value", "precision"}:
            return value["value"]
        return {key: _plain_dates(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_dates(item) for item in value]
    return value


def write(agreements: int, out: Path, *, articles_count: int = 0, seed: int = 7) -> list[Path]:
    """Write the corpus into ``out``; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for loaded in corpus(agreements, per_file=5_000, seed=seed):
        path = out / loaded.path
        data = _plain_dates(
            loaded.records.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        )
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        written.append(path)
    for number, text in enumerate(articles(articles_count, seed=seed + 4)):
        path = out / f"article-{number:06d}.txt"
        path.write_text(text, "utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    files = write(args.agreements, args.out, articles_count=args.articles, seed=args.seed)
    print(f"wrote {len(files)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
