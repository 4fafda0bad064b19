"""How cost grows with the store: ingest, canned queries and the centrality report at
several sizes, each stage in a fresh process with its peak RSS (of the Python process: a
Neo4j server's own memory is its heap), and a log-log plot of time against agreements.

    python -m benchmarks.scale --sizes 10000 100000 1000000 --plot scale.png --json scale.json
    python -m benchmarks.scale --sizes 1000000 --neo4j bolt://127.0.0.1:7687   # wiped

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
from educoop.graph.stores import NEO4J_SCHEMES

QUERIES = ("partners", "agreements", "region-matrix", "path")


def _open(path: str) -> Any:
    """The store at ``path``: a SQLite file, or a Neo4j URI (credentials, and the offline
    import command, from the environment, as the CLI takes them)."""
    from educoop.graph.stores import open_store

    return open_store(path)


def ingest_stage(agreements: int, path: str) -> dict[str, Any]:
    from educoop import api

    documents = [loaded.stored() for loaded in _files(agreements)]
    with _open(path) as store:
        if hasattr(store, "clear"):
            store.clear()
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

    result: dict[str, Any] = {}
    with _open(path) as store:
        cases = _query_cases(store.partner_view())
        if not path.startswith(NEO4J_SCHEMES):  # embedded queries read the whole view
            started = time.perf_counter()
            store.to_networkx()
            result["view_s"] = round(time.perf_counter() - started, 1)
        for name, params in cases:
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

    with _open(path) as store:
        started = time.perf_counter()
        api.report(store, ReportKind.CENTRALITY)
        return {"centrality_report_s": round(time.perf_counter() - started, 1)}


def measure(sizes: list[int], neo4j: str | None = None) -> list[dict[str, Any]]:
    rows = []
    for agreements in sizes:
        with tempfile.TemporaryDirectory() as folder:
            path = neo4j or str(Path(folder) / "scale.db")
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
        if all(key in row for row in rows):
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
    parser.add_argument(
        "--neo4j",
        help="measure this Neo4j database instead (wiped; EDUCOOP_NEO4J_IMPORT for the import)",
    )
    parser.add_argument("--plot", type=Path, help="write the log-log plot here (PNG)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    rows = measure(options.sizes, options.neo4j)
    if options.plot:
        plot(rows, options.plot)
    if options.json:
        options.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
