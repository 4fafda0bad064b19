"""How cost grows with the store: ingest, canned queries and the centrality report on the
embedded store at several sizes, each stage in a fresh process with its peak RSS, and a
log-log plot of time against agreements.

    python -m benchmarks.scale --sizes 10000 100000 1000000 --plot scale.png --json scale.json

The peer of each size is the size before it: the table gives the growth factor of time and
memory for a tenfold store (1.0 per tenfold would be linear growth: time x10).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.run import _files, _in_child, _query_cases

QUERIES = ("partners", "agreements", "region-matrix", "path")


def ingest_stage(agreements: int, path: str) -> dict[str, Any]:
    from educoop import api
    from educoop.graph.stores.sqlite import SQLiteStore

    documents = [loaded.stored() for loaded in _files(agreements)]
    with SQLiteStore(path) as store:
        started = time.perf_counter()
        store.add_documents(documents)
        store.rebuild(api.derivation_of(store))
        seconds = time.perf_counter() - started
        counts = store.stats()
    return {
        "ingest_s": round(seconds, 1),
        "nodes": sum(counts["nodes"].values()),
        "relationships": sum(counts["relationships"].values()),
    }


def query_stage(path: str) -> dict[str, Any]:
    from educoop import api
    from educoop.graph.stores.sqlite import SQLiteStore

    result: dict[str, Any] = {}
    with SQLiteStore(path, read_only=True) as store:
        started = time.perf_counter()
        graph = store.to_networkx()
        result["view_s"] = round(time.perf_counter() - started, 1)
        for name, params in _query_cases(graph):
            if name not in QUERIES:
                continue
            api.query(store, name, params)  # its indexes built
            samples = []
            for _ in range(5):
                started = time.perf_counter()
                api.query(store, name, params)
                samples.append((time.perf_counter() - started) * 1000)
            result[f"{name}_p50_ms"] = round(statistics.median(samples), 1)
    return result


def report_stage(path: str) -> dict[str, Any]:
    from educoop import api
    from educoop.analysis.report import ReportKind
    from educoop.graph.stores.sqlite import SQLiteStore

    with SQLiteStore(path, read_only=True) as store:
        started = time.perf_counter()
        api.report(store, ReportKind.CENTRALITY)
        return {"centrality_report_s": round(time.perf_counter() - started, 1)}


def measure(sizes: list[int]) -> list[dict[str, Any]]:
    rows = []
    for agreements in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = str(Path(folder) / "scale.db")
            row: dict[str, Any] = {"agreements": agreements}
            for name, stage, args in (
                ("ingest", ingest_stage, (agreements, path)),
                ("queries", query_stage, (path,)),
                ("report", report_stage, (path,)),
            ):
                figures = _in_child(stage, *args)
                row[f"{name}_peak_rss_mb"] = figures.pop("peak_rss_mb")
                row.update(figures)
                print(json.dumps(row), flush=True)
            rows.append(row)
    return rows


def plot(rows: list[dict[str, Any]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 4))
    sizes = [row["agreements"] for row in rows]
    for key, label in (
        ("ingest_s", "ingest"),
        ("view_s", "NetworkX view"),
        ("centrality_report_s", "centrality report"),
    ):
        axes.plot(sizes, [row[key] for row in rows], marker="o", label=label)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("agreements")
    axes.set_ylabel("seconds")
    axes.legend()
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(out, dpi=100, metadata={"Software": None})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--plot", type=Path, help="write the log-log plot here (PNG)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    rows = measure(options.sizes)
    if options.plot:
        plot(rows, options.plot)
    if options.json:
        options.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
