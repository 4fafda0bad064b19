"""Load a synthetic corpus into Neo4j with the batched loader and with a naive loop.

    python -m benchmarks.neo4j_load --uri bolt://127.0.0.1:7687 --agreements 100000

The batched loader is educoop's Neo4jStore.write: one transaction per input file (5,000
agreements by default), UNWIND batches inside. The naive peer writes the same rows with one
MERGE statement and one auto-commit transaction per row, over a sample of the rows taken
halfway through the corpus (onto the first half, loaded beforehand), and its rate is
extrapolated per row. Then the whole corpus is loaded a second time, which must change
no counts. The database is wiped first: point this at a scratch server.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from benchmarks.synthetic import corpus
from educoop.graph.neo4j_store import Neo4jStore, label_of
from educoop.graph.schema import RelType
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
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    started = time.perf_counter()
    batches = [resolve(loaded) for loaded in corpus(args.agreements, per_file=args.per_file)]
    prepare = time.perf_counter() - started
    rows = sum(len(b.nodes) + len(b.edges) for b in batches)
    signed = sum(1 for b in batches for e in b.edges.values() if e.type is RelType.SIGNED_WITH)
    relationships = sum(len(b.edges) for b in batches)

    with Neo4jStore(args.uri) as store:
        # Warm the server's JIT and query caches, so that neither loader pays for them.
        store.clear()
        for batch in batches[:2]:
            store.write(batch)
        store.clear()
        started = time.perf_counter()
        for batch in batches:
            store.write(batch)
        first = time.perf_counter() - started
        counts = store.stats()
        print(f"batched load: {first:.1f} s for {rows} rows", file=sys.stderr)

        started = time.perf_counter()
        second_new = 0
        for batch in batches:
            result = store.write(batch)
            second_new += result.new_nodes + result.new_relationships
        second = time.perf_counter() - started
        unchanged = store.stats() == counts
        print(f"second load: {second:.1f} s, counts unchanged: {unchanged}", file=sys.stderr)

        # The naive loop is sampled halfway through a load, the average state of the graph it
        # would meet if it loaded everything: the first half is loaded (batched, untimed) first.
        store.clear()
        half = len(batches) // 2
        for batch in batches[:half]:
            store.write(batch)
        naive_rate, naive_rows = naive_rows_per_second(store, batches[half:], args.naive_sample)
        store.clear()

    batched_rate = rows / first
    figures = {
        "agreements": args.agreements,
        "files": len(batches),
        "rows": rows,
        "relationships": relationships,
        "signed_with": signed,
        "prepare_s": round(prepare, 2),
        "batched_s": round(first, 2),
        "batched_rows_per_s": round(batched_rate),
        "relationships_per_s": round(relationships / first),
        "signed_with_per_s": round(signed / first),
        "naive_sample_rows": naive_rows,
        "naive_rows_per_s": round(naive_rate),
        "naive_extrapolated_s": round(rows / naive_rate, 1),
        "ratio_batched_to_naive": round(batched_rate / naive_rate, 1),
        "second_load_s": round(second, 2),
        "second_load_new_elements": second_new,
        "second_load_counts_unchanged": unchanged,
    }
    print(json.dumps(figures, indent=2))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
