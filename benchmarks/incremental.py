"""Incremental derivation on the synthetic store: one review decision, and one undone, taken
incrementally (only the agreements it names decided again and written) against the same
change derived in full (the peer, in the same run); the pages after it; then real articles
(tests/data/articles) added one at a time, each alone when it meets nothing stored, against
a full derivation of the same documents (the peer).

    python -m benchmarks.incremental --agreements 10000
    python -m benchmarks.incremental                       # 100k agreements (the issue's size)
    python -m benchmarks.incremental --neo4j bolt://127.0.0.1:7687   # Neo4j too (wiped)

Neo4j's user and password come from NEO4J_USER and NEO4J_PASSWORD.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks.run import _files


def _seconds(work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    work()
    return round(time.perf_counter() - started, 3)


def measure_store(
    store: Any, agreements: int, prefix: str, reopen: Callable[[], Any]
) -> dict[str, Any]:
    """Load the synthetic corpus into ``store``, then time decisions both ways."""
    from educoop import api, review
    from educoop.graph.schema import Decision
    from educoop.graph.stores.base import Change

    result: dict[str, Any] = {}
    store.add_documents([loaded.stored() for loaded in _files(agreements)])
    derivation = api.derivation_of(store)
    result[f"{prefix}first_derivation_s"] = _seconds(lambda: store.rebuild(derivation))
    graph = store.to_networkx()
    chosen = sorted(n for n, a in graph.nodes(data=True) if a.get("label") == "Agreement")[:2]

    def decision(number: int, agreement: str) -> Decision:
        return Decision(number, agreement, "reject")

    first = Change("reject", decisions=(decision(1, chosen[0]),))
    result[f"{prefix}decision_incremental_s"] = _seconds(
        lambda: store.rebuild(derivation, change=first)
    )
    second = Change("reject", decisions=(decision(1, chosen[0]), decision(2, chosen[1])))
    result[f"{prefix}decision_full_s"] = _seconds(
        lambda: store.rebuild(derivation, change=second, force=True)
    )
    result[f"{prefix}undo_incremental_s"] = _seconds(
        lambda: store.rebuild(derivation, change=first)
    )
    result[f"{prefix}decision_ratio"] = round(
        result[f"{prefix}decision_full_s"] / result[f"{prefix}decision_incremental_s"], 1
    )
    result.update(measure_articles(store, derivation, prefix))
    # The command as an analyst runs it (`educoop review reject`): a store opened afresh,
    # the agreement looked up, decided; then the whole view, which the workbench's pages
    # read, built again.
    with reopen() as fresh:
        result[f"{prefix}review_decide_s"] = _seconds(
            lambda: review.decide(fresh, chosen[1], "reject")
        )
        result[f"{prefix}view_after_s"] = _seconds(fresh.to_networkx)
    return result


def measure_articles(store: Any, derivation: Any, prefix: str) -> dict[str, Any]:
    """Add the test articles one at a time (read beforehand: the derivation is timed, not
    the extraction); the time of each added alone, how many were, and a full derivation
    of the same documents (forced) as the peer."""
    from educoop.graph.stores.base import Change
    from educoop.loaders import derive
    from educoop.loaders.reader import load

    folder = Path(__file__).parent.parent / "tests" / "data" / "articles"
    paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md", ".html"))
    documents = [load(path).stored() for path in paths]
    full_derive = derive.derive
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return full_derive(*args, **kwargs)

    alone: list[float] = []
    derived: list[float] = []
    added_alone = []
    forgotten_alone: list[float] = []
    forgotten_derived: list[float] = []
    derive.derive = counted  # type: ignore[assignment]
    try:
        for document in documents:
            before = len(calls)
            started = time.perf_counter()
            store.add_documents([document])
            store.rebuild(derivation)
            seconds = round(time.perf_counter() - started, 3)
            (derived if len(calls) > before else alone).append(seconds)
            if len(calls) == before:
                added_alone.append(document)
        # Forget each of those added alone, and add it back.
        for document in added_alone:
            before = len(calls)
            started = time.perf_counter()
            store.rebuild(derivation, change=Change("forget", forget=frozenset({document.sha256})))
            seconds = round(time.perf_counter() - started, 3)
            (forgotten_derived if len(calls) > before else forgotten_alone).append(seconds)
            store.add_documents([document])
            store.rebuild(derivation)
    finally:
        derive.derive = full_derive  # type: ignore[assignment]
    alone.sort()
    return {
        f"{prefix}articles_added": len(documents),
        f"{prefix}articles_alone": len(alone),
        f"{prefix}article_alone_median_s": alone[len(alone) // 2] if alone else None,
        f"{prefix}article_alone_max_s": alone[-1] if alone else None,
        f"{prefix}article_derived_median_s": sorted(derived)[len(derived) // 2]
        if derived
        else None,
        f"{prefix}articles_forgotten_alone": len(forgotten_alone),
        f"{prefix}article_forgotten_alone_s": forgotten_alone,
        f"{prefix}article_forgotten_derived_s": forgotten_derived,
        f"{prefix}article_full_derivation_s": _seconds(
            lambda: store.rebuild(derivation, force=True)
        ),
    }


def measure(agreements: int, neo4j: str | None) -> dict[str, Any]:
    from educoop.graph.stores.sqlite import SQLiteStore

    result: dict[str, Any] = {"agreements": agreements}
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "i.db") as store:
        reopen = partial(SQLiteStore, Path(folder) / "i.db")
        result.update(measure_store(store, agreements, "embedded_", reopen))
    if neo4j:
        from educoop.graph.stores.neo4j import Neo4jStore

        user, password = os.environ.get("NEO4J_USER"), os.environ.get("NEO4J_PASSWORD")
        reopen = partial(Neo4jStore, neo4j, user=user, password=password)
        with reopen() as server:
            server.clear()
            result.update(measure_store(server, agreements, "neo4j_", reopen))
            server.clear()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=100_000)
    parser.add_argument("--neo4j", help="a Neo4j URI whose database may be wiped")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    figures = measure(options.agreements, options.neo4j)
    for name, value in figures.items():
        print(f"{name}: {value}")
    if options.json:
        Path(options.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
