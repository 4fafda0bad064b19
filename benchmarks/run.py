"""Every stage of educoop measured against a peer in the same run, as a ratio.

    python -m benchmarks.run --quick                 # about 2 minutes, no Neo4j needed
    python -m benchmarks.run                         # the full sizes (100k agreements)
    python -m benchmarks.run --neo4j bolt://127.0.0.1:7687   # adds the Neo4j stages

Stages, each in a fresh process so that its peak RSS is its own:

- extraction: words/s against spaCy's tokenizer alone (benchmarks/extraction.py);
- embedded ingest of the synthetic corpus, then the same again (nothing may change),
  against the peer of writing the same rows into SQLite with plain executemany;
- canned queries, warm: p50 and p95 per query on the embedded store, and on Neo4j when
  given (the ratio is embedded / Neo4j);
- pull-back: Neo4j to NetworkX, records/s, against fetching the same records alone;
- report: the centrality and summary reports on the ingested corpus (time, peak RSS);
- analyses: the centrality report, communities and summary on a Barabasi-Albert graph (50k
  nodes, 250k links; 5k / 25k quick) by each engine (networkit and NetworkX), against
  python-igraph computing the centralities from the same sampled sources (igraph is a
  benchmark dependency only: pip install -e '.[bench]').

Figures print as they come and, with --json, go to a file.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZES = {
    "quick": {"agreements": 10_000, "articles": 500, "nodes": 5_000, "query_runs": 20},
    "full": {"agreements": 100_000, "articles": 5_000, "nodes": 50_000, "query_runs": 50},
}


def _in_child(stage: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """Run a stage in a fresh process and add its peak resident memory."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(_measured, (stage, *args))


def _measured(stage: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    result = stage(*args)
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def extraction(articles: int) -> dict[str, Any]:
    from benchmarks.extraction import measure

    return measure(articles)


def _files(agreements: int) -> list[Any]:
    from benchmarks.synthetic import corpus

    return list(corpus(agreements, per_file=5_000))


def ingest(agreements: int, folder: str) -> dict[str, Any]:
    """educoop's ingest of the corpus (documents kept, graph derived with resolution), a
    forced derivation again (nothing may change), a re-ingest (found current), and the raw
    peer."""
    from educoop import api
    from educoop.graph.stores.sqlite import SQLiteStore
    from educoop.loaders.resolve import resolve

    files = _files(agreements)
    documents = [loaded.stored() for loaded in files]
    path = Path(folder) / "bench.db"
    with SQLiteStore(path) as store:
        derivation = api.derivation_of(store)
        started = time.perf_counter()
        store.add_documents(documents)
        store.rebuild(derivation)
        ingest_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = store.rebuild(derivation, force=True)
        rederive_seconds = time.perf_counter() - started
        started = time.perf_counter()
        store.add_documents(documents)
        store.rebuild(derivation)
        reingest_seconds = time.perf_counter() - started
        stats = store.stats()
    # The peer: the same rows written with plain executemany, no resolution, no merging.
    batches = [resolve(loaded) for loaded in files]
    rows_nodes = [
        (n.id, str(n.label), json.dumps(n.props)) for b in batches for n in b.nodes.values()
    ]
    rows_edges = [
        (str(e.type), e.src, e.dst, e.key, json.dumps(e.props))
        for b in batches
        for e in b.edges.values()
    ]
    raw = sqlite3.connect(Path(folder) / "raw.db", isolation_level=None)
    raw.execute("CREATE TABLE nodes (id TEXT PRIMARY KEY, label TEXT, props TEXT)")
    raw.execute(
        "CREATE TABLE edges (type TEXT, src TEXT, dst TEXT, key TEXT, props TEXT, "
        "PRIMARY KEY (type, src, dst, key))"
    )
    started = time.perf_counter()
    raw.execute("BEGIN")
    raw.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?, ?)", rows_nodes)
    raw.executemany("INSERT OR REPLACE INTO edges VALUES (?, ?, ?, ?, ?)", rows_edges)
    raw.execute("COMMIT")
    peer = time.perf_counter() - started
    return {
        "agreements": agreements,
        "ingest_seconds": round(ingest_seconds, 2),
        "rederive_seconds": round(rederive_seconds, 2),
        "rederive_changed_rows": again.changes,
        "reingest_seconds": round(reingest_seconds, 2),
        "nodes": sum(stats["nodes"].values()),
        "relationships": sum(stats["relationships"].values()),
        "peer_raw_insert_seconds": round(peer, 2),
        "ratio_ingest_over_raw": round(ingest_seconds / peer, 1),
    }


def _query_cases(graph: Any) -> list[tuple[str, dict[str, str]]]:
    """One case per canned query, with parties that exist in the synthetic corpus."""
    institutions = sorted(
        (data["name"] for _, data in graph.nodes(data=True) if data.get("label") == "Institution")
    )
    a, b = institutions[0], institutions[len(institutions) // 2]
    # A programme the corpus holds; a name that matches nothing is an error since names
    # are looked up (issue 14), so without one the query is left out.
    programmes = sorted(
        str(data["name"]) for _, data in graph.nodes(data=True) if data.get("label") == "Programme"
    )
    return [
        ("partners", {"name": a}),
        ("agreements", {"region": "Hangzhou", "since": "2020"}),
        ("between-regions", {"a": "Guangdong", "b": "Zhejiang"}),
        *([("programme", {"name": programmes[0]})] if programmes else []),
        ("profile", {"name": a}),
        ("path", {"a": a, "b": b}),
        ("region-matrix", {"level": "province"}),
    ]


def _timings(run: Callable[[], Any], times: int) -> tuple[float, float]:
    run()  # warm
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]


def queries(folder: str, runs: int, neo4j: str | None) -> dict[str, Any]:
    from educoop import api
    from educoop.graph.stores.sqlite import SQLiteStore

    result: dict[str, Any] = {}
    with SQLiteStore(Path(folder) / "bench.db") as store:
        cases = _query_cases(store.to_networkx())
        for name, params in cases:
            p50, p95 = _timings(lambda n=name, p=params: api.query(store, n, p), runs)
            result[f"embedded_{name}_p50_ms"] = round(p50, 2)
            result[f"embedded_{name}_p95_ms"] = round(p95, 2)
        if neo4j:
            from educoop.graph.schema import Label

            # Credentials, when the server wants them, come from NEO4J_USER/NEO4J_PASSWORD.
            with api.open_store(neo4j) as graph_db:
                graph_db.clear()
                api.sync(store, graph_db)
                for name, params in cases:
                    p50, p95 = _timings(lambda n=name, p=params: api.query(graph_db, n, p), runs)
                    result[f"neo4j_{name}_p50_ms"] = round(p50, 2)
                    result[f"neo4j_{name}_p95_ms"] = round(p95, 2)
                    result[f"ratio_embedded_over_neo4j_{name}"] = round(
                        result[f"embedded_{name}_p50_ms"] / p50, 2
                    )
                # Pull-back: the whole graph into NetworkX, against fetching the rows alone.
                started = time.perf_counter()
                view = graph_db.to_networkx()
                pulled = time.perf_counter() - started
                started = time.perf_counter()
                # The graph's nodes only: the stored documents are not part of the view.
                labels = " OR ".join(f"n:{label}" for label in Label)
                fetched = len(
                    graph_db.read(f"MATCH (n) WHERE {labels} RETURN n.id AS id, properties(n) AS p")
                )
                fetched += len(
                    graph_db.read("MATCH ()-[r]->() RETURN type(r) AS t, properties(r) AS p")
                )
                peer = time.perf_counter() - started
                records = view.number_of_nodes() + view.number_of_edges()
                result["pullback_records_per_second"] = round(records / pulled)
                result["pullback_peer_fetch_records_per_second"] = round(fetched / peer)
                result["ratio_pullback_over_fetch"] = round(peer / pulled, 2)
    return result


def report(folder: str) -> dict[str, Any]:
    """The centrality and summary reports on the ingested corpus, as `educoop report`."""
    from educoop import api
    from educoop.graph.stores.sqlite import SQLiteStore

    with SQLiteStore(Path(folder) / "bench.db") as store:
        started = time.perf_counter()
        rows = api.report(store, "centrality").rows
        centrality = time.perf_counter() - started
        started = time.perf_counter()
        api.report(store, "summary")
        summary = time.perf_counter() - started
    return {
        "parties": len(rows),
        "centrality_report_seconds": round(centrality, 2),
        "summary_report_seconds": round(summary, 2),
    }


def analyses(nodes: int) -> dict[str, Any]:
    """The centrality report on a heavy-tailed graph of ``nodes`` parties and about five
    links each, by each engine (networkit, and NetworkX its reference), communities and the
    summary too; and igraph computing the centralities from the same sampled sources."""
    import random

    import networkx as nx

    from educoop.analysis import engine, measures

    graph = nx.relabel_nodes(nx.barabasi_albert_graph(nodes, 5, seed=7), str)
    for _u, _v, data in graph.edges(data=True):
        data["weight"] = 1
    figures: dict[str, Any] = {
        "nodes": graph.number_of_nodes(),
        "links": graph.number_of_edges(),
    }
    for name in ("networkit", "networkx"):
        try:
            engine.chosen(name)
        except Exception as exc:
            figures[name] = str(exc)
            continue
        started = time.perf_counter()
        result = measures.centralities(graph, seed=0, engine=name)
        figures[f"centrality_report_{name}_seconds"] = round(time.perf_counter() - started, 2)
        figures[f"betweenness_sources_{name}"] = result.betweenness_sample or nodes
        started = time.perf_counter()
        measures.communities(graph, seed=0, engine=name)
        figures[f"communities_{name}_seconds"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        measures.summary(graph, engine=name)
        figures[f"summary_{name}_seconds"] = round(time.perf_counter() - started, 2)
    fast, reference = (
        figures.get("centrality_report_networkit_seconds"),
        figures.get("centrality_report_networkx_seconds"),
    )
    if fast and reference:
        figures["ratio_networkx_over_networkit"] = round(reference / fast, 1)
    try:
        import igraph
    except ImportError:
        figures["igraph"] = "not installed (pip install -e '.[bench]')"
        return figures
    index = {node: number for number, node in enumerate(graph)}
    peer_graph = igraph.Graph(n=nodes, edges=[(index[u], index[v]) for u, v in graph.edges()])
    sample = figures.get("betweenness_sources_networkit", nodes)
    chosen = random.Random(0).sample(sorted(graph, key=str), sample) if sample < nodes else None
    sources = [index[node] for node in chosen] if chosen else None
    started = time.perf_counter()
    peer_graph.degree()
    peer_graph.strength()
    peer_graph.betweenness(sources=sources) if sources else peer_graph.betweenness()
    peer_graph.eigenvector_centrality()
    peer_graph.pagerank()
    if sources:
        peer_graph.distances(source=sources)
    else:
        peer_graph.closeness()
    peer = time.perf_counter() - started
    figures["igraph_seconds"] = round(peer, 2)
    if fast:
        figures["ratio_networkit_over_igraph"] = round(fast / peer, 1)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--neo4j", help="a Neo4j URI whose database may be wiped")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    size = SIZES["quick" if args.quick else "full"]
    figures: dict[str, Any] = {"sizes": size}
    with tempfile.TemporaryDirectory() as folder:
        stages = [
            ("extraction", extraction, (size["articles"],)),
            ("ingest", ingest, (size["agreements"], folder)),
            ("queries", queries, (folder, size["query_runs"], args.neo4j)),
            ("report", report, (folder,)),
            ("analyses", analyses, (size["nodes"],)),
        ]
        for name, stage, stage_args in stages:
            started = time.perf_counter()
            figures[name] = _in_child(stage, *stage_args)
            figures[name]["stage_seconds"] = round(time.perf_counter() - started, 1)
            print(f"== {name}", flush=True)
            for key, value in figures[name].items():
                print(f"  {key:45} {value}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
