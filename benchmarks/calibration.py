"""Calibrate the confidence of extracted agreements on the English blind dev sets: fit the
logistic model of ``educoop.loaders.text.confidence`` and show how often agreements in each
confidence band are right (the table in the README).

    python -m benchmarks.calibration                  # the shipped model's table
    python -m benchmarks.calibration --fit            # the weights to ship, and their table
    python -m benchmarks.calibration --folder tests/data/blind-test
    python -m benchmarks.calibration --cross          # each set scored by a fit on the others

An agreement is right when every partner pair it makes is one of the gold file's. Fitting
is plain gradient descent on the L2-regularised log loss, from zero, for a fixed number of
steps: the same corpus gives the same weights.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import asdict
from itertools import pairwise

from educoop.loaders.text.confidence import INTERCEPT, WEIGHTS, Signals, probability
from educoop.loaders.text.evaluate import judged_agreements

BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.01)


# Every English set written blind, each a dev set once scored (tests/data/*/README.md).
DEV_SETS = (
    "tests/data/blind-dev",
    "tests/data/blind-test",
    "tests/data/blind-fresh",
    "tests/data/blind-holdout",
    "tests/data/blind-last",
    "tests/data/blind-final",
)


def samples(folders: list[str]) -> list[tuple[Signals, bool]]:
    """The signals of each judged agreement of ``folders``, and whether it is right."""
    return [(item.signals, item.right) for f in folders for item in judged_agreements(f)]


def fit(
    data: list[tuple[Signals, bool]], l2: float = 1.0, steps: int = 4000, rate: float = 0.5
) -> tuple[float, dict[str, float]]:
    """The intercept and weights minimising the mean log loss plus ``l2`` / n times the
    squared weights (the intercept is not shrunk)."""
    names = list(Signals.__dataclass_fields__)
    rows = [([1.0] + [float(v) for v in asdict(s).values()], float(right)) for s, right in data]
    beta = [0.0] * (len(names) + 1)
    n = len(rows)
    for _ in range(steps):
        gradient = [0.0] * len(beta)
        for x, y in rows:
            p = 1 / (1 + math.exp(-sum(b * v for b, v in zip(beta, x, strict=True))))
            for j, v in enumerate(x):
                gradient[j] += (p - y) * v / n
        for j in range(1, len(beta)):
            gradient[j] += l2 * beta[j] / n
        beta = [b - rate * g for b, g in zip(beta, gradient, strict=True)]
    return round(beta[0], 2), {name: round(b, 2) for name, b in zip(names, beta[1:], strict=True)}


def table(data: list[tuple[Signals, bool]], intercept: float, weights: dict[str, float]) -> str:
    """How often agreements in each confidence band are right, as a Markdown table, with
    the Brier score against always saying the base rate."""
    scored = [(probability(s, intercept, weights), right) for s, right in data]
    lines = ["| confidence | agreements | mean confidence | right |", "|---|---|---|---|"]
    for low, high in pairwise(BANDS):
        band = [(p, r) for p, r in scored if low <= p < high]
        if band:
            mean = sum(p for p, _ in band) / len(band)
            right = sum(r for _, r in band) / len(band)
            label = f"{low:.1f}-{min(high, 1.0):.1f}"
            lines.append(f"| {label} | {len(band)} | {mean:.2f} | {right:.2f} |")
    base = sum(r for _, r in scored) / len(scored)
    constant = sum((base - r) ** 2 for _, r in scored) / len(scored)
    lines.append(
        f"\n{len(scored)} agreements, {base:.2f} right; "
        f"Brier score {brier(data, intercept, weights):.3f} "
        f"(always {base:.2f}: {constant:.3f})"
    )
    return "\n".join(lines)


def brier(data: list[tuple[Signals, bool]], intercept: float, weights: dict[str, float]) -> float:
    return sum((probability(s, intercept, weights) - r) ** 2 for s, r in data) / len(data)


def cross(folders: list[str]) -> str:
    """Each folder's Brier score under the model fitted on the other folders, beside the
    shipped model's and always saying the other folders' base rate: how the fit carries to
    articles it was not fitted on."""
    by_folder = {folder: samples([folder]) for folder in folders}
    lines = [
        "| set | agreements | right | fitted on the others | shipped | base rate of the others |",
        "|---|---|---|---|---|---|",
    ]
    for folder, data in by_folder.items():
        others = [item for other, rows in by_folder.items() if other != folder for item in rows]
        intercept, weights = fit(others)
        base = sum(r for _, r in others) / len(others)
        constant = sum((base - r) ** 2 for _, r in data) / len(data)
        right = sum(r for _, r in data) / len(data)
        lines.append(
            f"| {folder.rsplit('/', 1)[-1]} | {len(data)} | {right:.2f} "
            f"| {brier(data, intercept, weights):.3f} | {brier(data, INTERCEPT, WEIGHTS):.3f} "
            f"| {constant:.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", nargs="+", default=list(DEV_SETS))
    parser.add_argument("--fit", action="store_true", help="fit the weights on the folder")
    parser.add_argument("--cross", action="store_true", help="score each folder by the others")
    args = parser.parse_args()
    if args.cross:
        print(cross(args.folder))
        return
    data = samples(args.folder)
    intercept, weights = fit(data) if args.fit else (INTERCEPT, WEIGHTS)
    if args.fit:
        print(f"INTERCEPT = {intercept}")
        print(f"WEIGHTS = {weights}")
    print(table(data, intercept, weights))


if __name__ == "__main__":
    main()
