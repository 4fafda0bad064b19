"""Load a synthetic corpus into Neo4j with the batched loader and with a naive loop.

    python -m benchmarks.neo4j_load --uri bolt://127.0.0.1:7687 --agreements 100000

educoop's load is Neo4jStore.add_documents then rebuild: the graph of every document is
derived (in Python, timed apart) and written as the difference from the stored graph, in
transactions of UNWIND batches. The naive peer writes the same rows with one MERGE statement
and one auto-commit transaction per row, over a sample of the rows taken halfway through the
corpus (onto the first half, loaded beforehand), and its rate is extrapolated per row. Then
the graph is derived again (forced), which must change nothing. With --bulk-import, the same
first load by the offline import (neo4j-admin, the server stopped and started) too. The
database is wiped first: point this at a scratch server.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmarks.synthetic import corpus
from educoop.graph.schema import RelType
from educoop.graph.stores.neo4j import Neo4jStore, label_of
from educoop.graph.stores.neo4j_bulk import import_command
from educoop.loaders.derive import Derivation
from educoop.loaders.resolve import resolve


def naive_rows_per_second(store: Neo4jStore, batches: list, sample: int) -> tuple[float, int]:
    """The peer: one MERGE statement and one auto-commit transaction per row, over the first
    files until ``sample`` rows."""
    chosen, rows = [], 0
    for batch in batches:
        chosen.append(batch)
        rows += len(batch.nodes) + len(batch.edges)
        if rows >= sample:
            break
    with store._driver.session(database=store.database) as session:
        started = time.perf_counter()
        for batch in chosen:
            for node in batch.nodes.values():
                session.run(
                    f"MERGE (n:{node.label} {{id: $id}}) SET n += $props",
                    id=node.id,
                    props=node.props,
                ).consume()
            for edge in batch.edges.values():
                session.run(
                    f"MATCH (a:{label_of(edge.src)} {{id: $src}}) "
                    f"MATCH (b:{label_of(edge.dst)} {{id: $dst}}) "
                    f"MERGE (a)-[r:{edge.type} {{key: $key}}]->(b) SET r += $props",
                    src=edge.src,
                    dst=edge.dst,
                    key=edge.key,
                    props=edge.props,
                ).consume()
        elapsed = time.perf_counter() - started
    return rows / elapsed, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", default="bolt://127.0.0.1:7687")
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--per-file", type=int, default=5_000, help="agreements per input file")
    parser.add_argument("--naive-sample", type=int, default=4_000)
    parser.add_argument(
        "--bulk-import",
        help="also the first load by the offline import, run by this command "
        "(e.g. 'scripts/neo4j-local import'; see educoop.graph.stores.neo4j_bulk)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    started = time.perf_counter()
    files = list(corpus(args.agreements, per_file=args.per_file))
    documents = [loaded.stored() for loaded in files]
    # The peer's rows: what each file resolves to alone.
    batches = [resolve(loaded) for loaded in files]
    prepare = time.perf_counter() - started
    derivation = Derivation()
    started = time.perf_counter()
    graph = derivation.derive(documents, [])
    derive_s = time.perf_counter() - started
    rows = len(graph.nodes) + len(graph.edges)
    signed = sum(1 for e in graph.edges.values() if e.type is RelType.SIGNED_WITH)
    relationships = len(graph.edges)

    credentials = {
        "user": os.environ.get("NEO4J_USER"),
        "password": os.environ.get("NEO4J_PASSWORD"),
    }
    with Neo4jStore(args.uri, **credentials) as store:
        # Warm the server's JIT and query caches, so that neither loader pays for them.
        store.clear()
        store.add_documents(documents[:2])
        store.rebuild(derivation)
        store.clear()
        started = time.perf_counter()
        store.add_documents(documents)
        store.rebuild(derivation)
        first = time.perf_counter() - started
        counts = store.stats()
        print(f"load: {first:.1f} s for {rows} rows", file=sys.stderr)

        started = time.perf_counter()
        result = store.rebuild(derivation, force=True)
        second = time.perf_counter() - started
        second_changes = result.changes
        unchanged = store.stats() == counts
        print(f"derived again: {second:.1f} s, counts unchanged: {unchanged}", file=sys.stderr)

        # The naive loop is sampled halfway through a load, the average state of the graph it
        # would meet if it loaded everything: the first half is loaded (untimed) first.
        store.clear()
        half = len(documents) // 2
        store.add_documents(documents[:half])
        store.rebuild(derivation)
        naive_rate, naive_rows = naive_rows_per_second(store, batches[half:], args.naive_sample)
        store.clear()

        bulk_s = None
        if args.bulk_import:
            # The same first load by the offline import (the server stopped and started).
            store.bulk_import = import_command(args.bulk_import)
            started = time.perf_counter()
            store.add_documents(documents)
            store.rebuild(derivation)
            bulk_s = time.perf_counter() - started
            bulk_same = store.stats() == counts
            print(f"bulk load: {bulk_s:.1f} s, counts as online: {bulk_same}", file=sys.stderr)
            store.bulk_import = None
            store.clear()

    write_s = first - derive_s
    batched_rate = rows / write_s
    figures = {
        "agreements": args.agreements,
        "files": len(documents),
        "rows": rows,
        "relationships": relationships,
        "signed_with": signed,
        "prepare_s": round(prepare, 2),
        "load_s": round(first, 2),
        "derive_s": round(derive_s, 2),
        "write_s": round(write_s, 2),
        "written_rows_per_s": round(batched_rate),
        "relationships_per_s": round(relationships / write_s),
        "signed_with_per_s": round(signed / write_s),
        "naive_sample_rows": naive_rows,
        "naive_rows_per_s": round(naive_rate),
        "naive_extrapolated_s": round(rows / naive_rate, 1),
        "ratio_written_to_naive": round(batched_rate / naive_rate, 1),
        "derived_again_s": round(second, 2),
        "bulk_load_s": round(bulk_s, 2) if bulk_s is not None else None,
        "bulk_write_s": round(bulk_s - derive_s, 2) if bulk_s is not None else None,
        "ratio_online_to_bulk_write": round(write_s / (bulk_s - derive_s), 1) if bulk_s else None,
        "derived_again_changes": second_changes,
        "derived_again_counts_unchanged": unchanged,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
