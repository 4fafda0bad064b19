"""The workbench, server-side, on the synthetic store: p50 and p95 of its pages, each
against the library call that computes the same answer without HTTP or templates (the
peer, in the same run), and the time from a review decision to the updated pages.

    python -m benchmarks.workbench --quick      # 10k agreements
    python -m benchmarks.workbench              # 100k agreements (the issue's size)

Requests go through Starlette's TestClient in this process: what is measured is the
server's work (routing, the store, the templates), not a network.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.run import SIZES, _files, _query_cases, _timings


def measure(agreements: int, runs: int) -> dict[str, Any]:
    from starlette.testclient import TestClient

    from educoop import api
    from educoop import review as reviewing
    from educoop.analysis.explore import explore
    from educoop.graph.stores.sqlite import SQLiteStore
    from educoop.web import views
    from educoop.web.app import create_app

    result: dict[str, Any] = {"agreements": agreements}
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "w.db") as store:
        store.add_documents([loaded.stored() for loaded in _files(agreements)])
        store.rebuild(api.derivation_of(store))
        client = TestClient(create_app(store))
        graph = store.to_networkx()
        cases = _query_cases(graph)
        party = max(
            (n for n, a in graph.nodes(data=True) if a.get("label") == "Institution"),
            key=graph.degree,
        )
        prefix = str(graph.nodes[party]["name"])[:5]

        def timed(name: str, page: Any, peer: Any) -> None:
            p50, p95 = _timings(page, runs)
            peer50, _ = _timings(peer, runs)
            result[f"{name}_p50_ms"] = round(p50, 1)
            result[f"{name}_p95_ms"] = round(p95, 1)
            result[f"{name}_peer_p50_ms"] = round(peer50, 1)
            result[f"{name}_ratio"] = round(p50 / peer50, 2) if peer50 else None

        timed(
            "party_page",
            lambda: client.get(f"/party/{party}"),
            lambda: (
                views.party(store.to_networkx(), party),
                api.query(store, "partners", {"name": party}),
            ),
        )
        timed(
            "suggestions",
            lambda: client.get("/suggest.json", params={"q": prefix}),
            lambda: api.find_party(store, str(graph.nodes[party]["name"])),
        )
        timed(
            "network_view_top300",
            lambda: client.get("/explore.json", params={"top": 300}),
            lambda: explore(store.to_networkx(), top=300),
        )
        for name, params in cases:
            timed(
                f"query_{name}",
                lambda n=name, p=params: client.get(f"/query/{n}", params=p),
                lambda n=name, p=params: api.query(store, n, p),
            )
        # A decision, then the pages that show it: one derivation of the whole store.
        agreement = next(b for _, b, t in graph.out_edges(party, data="type") if t == "PARTY_TO")
        started = time.perf_counter()
        reviewing.decide(store, agreement, "reject")
        client.get(f"/party/{party}")
        client.get("/query/agreements")
        result["decision_to_updated_pages_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        reviewing.undo(store)
        result["undo_s"] = round(time.perf_counter() - started, 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10k agreements instead of 100k")
    parser.add_argument("--json", help="also write the figures to this file")
    options = parser.parse_args()
    size = SIZES["quick" if options.quick else "full"]
    figures = measure(size["agreements"], size["query_runs"])
    for name, value in figures.items():
        print(f"{name}: {value}")
    if options.json:
        Path(options.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
