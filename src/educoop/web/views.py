"""What the workbench's pages show, computed from a store's NetworkX view: a party with
its agreements and the evidence behind each (``educoop.graph.evidence``), the regions'
heatmap."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import networkx as nx

from educoop.analysis.measures import pivot
from educoop.graph.evidence import AgreementView, Segment, agreement_view, segments
from educoop.graph.schema import Label, RelType

# Agreements on one page of a party; a party of thousands of agreements pages through them.
PER_PAGE = 50


@dataclass
class PartyView:
    id: str
    label: str
    name: str
    other_names: list[str]
    agreements: list[AgreementView]  # those of ``page``
    total: int = 0  # agreements in all
    page: int = 1
    pages: int = 1


def party(graph: nx.MultiDiGraph, node: str, page: int = 1) -> PartyView:
    """A party (institution or region) and the agreements it is party to, dated ones newest
    first, then undated, ``PER_PAGE`` a page, each with the sentences that report it."""
    attrs = graph.nodes[node]
    named = [*(attrs.get("aliases") or ()), attrs.get("name_zh")]
    others = [str(n) for n in dict.fromkeys(named) if n and n != attrs.get("name")]
    ids = sorted(
        str(agreement)
        for _, agreement, kind in graph.out_edges(node, data="type")
        if kind == str(RelType.PARTY_TO)
    )
    # Dated ones newest first (the sort is stable: ties keep their id order), then undated.
    ids.sort(key=lambda agreement: str(graph.nodes[agreement].get("date") or ""), reverse=True)
    pages = max(1, -(-len(ids) // PER_PAGE))
    page = min(max(page, 1), pages)
    shown = ids[(page - 1) * PER_PAGE : page * PER_PAGE]
    return PartyView(
        node,
        str(attrs.get("label")),
        str(attrs.get("name", node)),
        others,
        [agreement_view(graph, agreement) for agreement in shown],
        len(ids),
        page,
        pages,
    )


def is_party(graph: nx.MultiDiGraph, node: str) -> bool:
    return node in graph and graph.nodes[node].get("label") in (
        str(Label.INSTITUTION),
        str(Label.REGION),
    )


@dataclass(frozen=True)
class HeatCell:
    observed: int | None
    expected: float | None
    ratio: float | None

    @property
    def shade(self) -> float:
        """0 to 1: how much more cooperation than expected (a ratio of 4 or more is 1)."""
        return 0.0 if not self.ratio else min(self.ratio, 4.0) / 4.0


def heatmap(rows: list[dict[str, Any]]) -> tuple[list[str], dict[tuple[str, str], HeatCell]]:
    """The regions report as a grid: regions in ``measures.pivot``'s order (most linked
    first), and each pair's observed agreements, expected count and their ratio (the same
    both ways)."""
    cells: dict[tuple[str, str], HeatCell] = {}
    for row in rows:
        a, b = str(row["region_a"]), str(row["region_b"])
        cell = HeatCell(
            int(row["agreements"]), _number(row.get("expected")), _number(row.get("ratio"))
        )
        cells[(a, b)] = cells[(b, a)] = cell
    return [str(row["region"]) for row in pivot(rows)], cells


def _number(value: object) -> float | None:
    return None if value is None else float(str(value))


@dataclass(frozen=True)
class Passage:
    """A piece of a document's text, cut into segments where parties are named: ``evidence``
    when it is part of an agreement's evidence, with the ``agreements`` the graph holds
    from it (ids)."""

    segments: list[Segment]
    evidence: bool = False
    agreements: tuple[str, ...] = ()


@dataclass
class DocumentView:
    id: str
    source: str
    title: str | None
    published: str | None
    passages: list[Passage]  # the article's text; empty for a record file
    agreements: list[AgreementView]  # what it contributed, as the graph holds it now
    mentions: list[tuple[str | None, str]]  # (node id when the graph holds it, name)
    url: str | None = None  # of a fetched page: linked, when http or https
    fetched_at: str | None = None


def document(graph: nx.MultiDiGraph, node: str, records: dict[str, Any]) -> DocumentView:
    """A document with what it contributed to the graph: its text (an article's) with
    every party it names marked and each agreement's evidence a passage of its own, the
    agreements it reports and the institutions and regions it names."""
    attrs = graph.nodes[node]
    agreements = sorted(
        (
            agreement_view(graph, str(agreement))
            for agreement, _, kind in graph.in_edges(node, data="type")
            if kind == str(RelType.REPORTED_IN)
        ),
        key=lambda view: (view.date or "", view.id),
    )
    named = [
        (entry["name"], [entry["name"], *(entry.get("aliases") or ())])
        for group in ("institutions", "regions")
        for entry in records.get(group) or ()
    ]
    ids = _ids_by_name(graph)
    mentions = sorted({(ids.get(name.casefold()), name) for name, _ in named}, key=lambda m: m[1])
    names = [other for _, others in named for other in others]
    text = (records.get("document") or {}).get("text") or ""
    # Each evidence sentence links to the agreements the graph holds from it (none when a
    # person rejected them).
    reported: dict[str, set[str]] = {}
    for agreement, _, data in graph.in_edges(node, data=True):
        if data.get("type") == str(RelType.REPORTED_IN) and data.get("evidence"):
            reported.setdefault(str(data["evidence"]), set()).add(str(agreement))
    spans = [
        (int(a["evidence_start"]), int(a["evidence_end"]), reported.get(a.get("evidence"), set()))
        for a in records.get("agreements") or ()
        if a.get("evidence_start") is not None and a.get("evidence_end") is not None
    ]
    return DocumentView(
        node,
        str(attrs.get("source", node)),
        attrs.get("title"),
        attrs.get("published"),
        _passages(text, spans, names),
        agreements,
        mentions,
        # A record file may give any "url": only a web address becomes a link.
        url
        if isinstance(url := attrs.get("final_url") or attrs.get("url"), str)
        and url.lower().startswith(("http://", "https://"))
        else None,
        attrs.get("fetched_at"),
    )


def _ids_by_name(graph: nx.MultiDiGraph) -> dict[str, str]:
    found: dict[str, str] = {}
    for node, attrs in sorted(graph.nodes(data=True)):
        if attrs.get("label") in (str(Label.INSTITUTION), str(Label.REGION)):
            for name in (attrs.get("name"), *(attrs.get("aliases") or ())):
                if name:
                    found.setdefault(str(name).casefold(), str(node))
    return found


def _passages(text: str, spans: list[tuple[int, int, set[str]]], names: list[str]) -> list[Passage]:
    """``text`` cut at every evidence boundary; each piece knows the evidence it is part
    of, and is cut again where a party is named."""
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    passages = []
    for start, end in itertools.pairwise(cuts):
        if start >= end:
            continue
        covering = [ids for a, b, ids in spans if a <= start and end <= b]
        found = tuple(sorted(set().union(*covering))) if covering else ()
        passages.append(Passage(segments(text[start:end], names), bool(covering), found))
    return passages


def sorted_rows(
    rows: list[dict[str, Any]], column: str | None, descending: bool
) -> list[dict[str, Any]]:
    """``rows`` by ``column`` (numbers before text, empty cells last), ties in their order;
    unchanged when the column is not one of theirs.

    >>> rows = [{"n": 2}, {"n": None}, {"n": 10}]
    >>> [row["n"] for row in sorted_rows(rows, "n", descending=True)]
    [10, 2, None]
    """
    if not rows or column not in rows[0]:
        return rows

    def key(row: dict[str, Any]) -> tuple[int, float, str]:
        value = row[column]
        if isinstance(value, int | float) and not isinstance(value, bool):
            return (0, float(value), "")
        return (1, 0.0, str(value).casefold())

    empty = [row for row in rows if row.get(column) in (None, "")]
    present = [row for row in rows if row.get(column) not in (None, "")]
    return sorted(present, key=key, reverse=descending) + empty
