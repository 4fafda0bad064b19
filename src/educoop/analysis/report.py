"""Reports on the cooperation network: the tables analysts publish, as rows for the CLI's
formats, and one self-contained HTML page (``summary_html``) with tables, charts and a
network view that opens with no network access."""

from __future__ import annotations

import base64
import html
import io
import json
import re
import warnings
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from educoop.analysis import engine as engines
from educoop.analysis import measures
from educoop.analysis.arrays import UNDATED, Network, PartnerNetwork, as_network
from educoop.analysis.network import Filters, cooperation_graph
from educoop.graph.export import cell_text


class ReportKind(StrEnum):
    CENTRALITY = "centrality"
    COMMUNITIES = "communities"
    BROKERS = "brokers"
    REGIONS = "regions"
    TIMELINE = "timeline"
    SUMMARY = "summary"


@dataclass
class Report:
    """A report's title, its notes (filters, sampling) and its rows."""

    title: str
    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)


def _agreements(count: int) -> str:
    return f"{count} agreement" if count == 1 else f"{count} agreements"


def _rounded(row: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}


def build(
    store: nx.MultiDiGraph,
    kind: ReportKind | str,
    *,
    filters: Filters | None = None,
    top: int | None = None,
    level: str = "province",
    sample: int | None = None,
    seed: int = 0,
    engine: str | None = None,
) -> Report:
    """The report ``kind`` on the store's NetworkX view, under ``filters``, its measures
    computed by ``engine`` (``educoop.analysis.engine``)."""
    graph = cooperation_graph(store, filters)
    return report_of(graph, kind, top=top, level=level, sample=sample, seed=seed, engine=engine)


def report_of(
    graph: Network,
    kind: ReportKind | str,
    *,
    top: int | None = None,
    level: str = "province",
    sample: int | None = None,
    seed: int = 0,
    engine: str | None = None,
) -> Report:
    """The report ``kind`` on a partner network already built (``network_of_links``, or
    ``cooperation_graph``)."""
    engine = engines.chosen(engine)
    graph = as_network(graph)
    notes = [f"Filters: {graph.filters}."]
    left_out = graph.undated_left_out
    if left_out:
        notes.append(f"{_agreements(left_out)} without a date left out by the date window.")
    kind = ReportKind(kind)
    if kind is ReportKind.CENTRALITY:
        result = measures.centralities(graph, sample=sample, seed=seed, engine=engine)
        if result.betweenness_sample:
            notes.append(
                f"Betweenness estimated from {result.betweenness_sample} sampled sources "
                f"(seed {seed})."
            )
        notes.append(f"Measures by {engines.described(engine)}.")
        title = "Centrality of parties"
        rows = [_rounded({k: v for k, v in r.items() if k != "id"}) for r in result.rows]
    elif kind is ReportKind.COMMUNITIES:
        found, quality = measures.communities(graph, seed=seed, level=level, engine=engine)
        notes.append(
            f"Louvain by {engines.described(engine)} (seed {seed}), modularity {quality:.4f}."
        )
        title = "Communities"
        rows = [
            {
                "community": c.number,
                "size": len(c.members),
                "regions": [f"{name} ({count})" for name, count in c.regions],
                "members": [graph.name(graph.number(m)) for m in c.members],
            }
            for c in found
        ]
    elif kind is ReportKind.BROKERS:
        notes.append(f"Partner regions counted at {level} level.")
        title = "Brokers between regions"
        rows = [
            _rounded({k: v for k, v in r.items() if k != "id"})
            for r in measures.brokers(graph, level=level)
        ]
    elif kind is ReportKind.REGIONS:
        matrix = measures.region_matrix(graph, level=level)
        notes.append(
            f"{matrix['links']} region links at {level} level; "
            f"{matrix['intra_share']:.1%} within one region, "
            f"{1 - matrix['intra_share'] if matrix['links'] else 0:.1%} between regions."
        )
        title = "Cooperation between regions"
        rows = [_rounded(row) for row in matrix["rows"]]
    elif kind is ReportKind.TIMELINE:
        undated = len(np.unique(graph.members[graph.years == UNDATED]))
        if undated:
            notes.append(f"{_agreements(undated)} without a date are on no year of it.")
        # Every year: a timeline cut short would misstate growth.
        return Report("Cooperation by year", [_rounded(r) for r in measures.timeline(graph)], notes)
    else:
        figures = _rounded(measures.summary(graph, engine=engine))
        return Report(
            "Network summary", [{"measure": k, "value": v} for k, v in figures.items()], notes
        )
    return Report(title, rows[:top] if top else rows, notes)


def markdown(report: Report) -> str:
    """A report as Markdown: a heading, its notes and a table."""
    lines = [f"## {report.title}", "", *report.notes, ""]
    if report.rows:
        columns = list(report.rows[0])
        lines.append("| " + " | ".join(columns) + " |")
        lines.append("|" + "---|" * len(columns))
        for row in report.rows:
            cells = [cell_text(row.get(column)) for column in columns]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines)


# The HTML page ----------------------------------------------------------------------------

_PALETTE = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
]  # fmt: skip


# Fonts with Chinese characters, in order of preference: matplotlib falls back to them
# glyph by glyph for names its default font lacks. Debian's fonts-noto-cjk gives the first.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans CJK TC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
)
NO_CJK_FONT = (
    "No font with Chinese characters is installed, so the charts show some names as "
    "boxes: install one (Debian: fonts-noto-cjk)."
)


@cache
def _installed_cjk_fonts() -> list[str]:
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    if not installed.intersection(CJK_FONTS):
        # Installed after matplotlib cached its list of the system's fonts: add them now.
        for path in font_manager.findSystemFonts():
            if re.search(r"cjk|wqy|wenquanyi|sourcehan", Path(path).name, re.IGNORECASE):
                font_manager.fontManager.addfont(path)
        installed = {font.name for font in font_manager.fontManager.ttflist}
    return [name for name in CJK_FONTS if name in installed]


def _chart_png(draw: Any) -> tuple[str, bool]:
    """A matplotlib figure drawn by ``draw(axes)``, as a data URI, and whether every
    character found a glyph."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    # A list of families: matplotlib falls back glyph by glyph along the families named,
    # not along a generic family's list.
    fonts = ["DejaVu Sans", *_installed_cjk_fonts()]
    with (
        matplotlib.rc_context({"font.family": fonts}),
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        figure, axes = pyplot.subplots(figsize=(7, 3.2), dpi=110)
        draw(axes)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        pyplot.close(figure)
    whole = not any("missing from font" in str(w.message) for w in caught)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode(), whole


def _html_table(report: Report, top: int) -> str:
    if not report.rows:
        return "<p>No rows.</p>"
    columns = list(report.rows[0])
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{html.escape(cell_text(row.get(c)))}</td>" for c in columns)
        + "</tr>"
        for row in report.rows[:top]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _network_data(network: PartnerNetwork, seed: int, limit: int) -> dict[str, Any]:
    """Positions (a seeded spring layout), names, regions and communities for the view;
    the ``limit`` parties with most agreements, when there are more."""
    if network.size > limit:
        weighted = network.degrees(weighted=True)
        ranked = sorted(network.in_order(), key=lambda party: -weighted[party])[:limit]
        network = network.restricted(ranked)
    graph = network.graph()
    found, _ = measures.communities(network, seed=seed) if network.links else ([], 0)
    community = {m: c.number for c in found for m in c.members}
    positions = nx.spring_layout(graph, seed=seed, weight="weight") if len(graph) else {}
    index = {node: i for i, node in enumerate(graph)}
    return {
        "nodes": [
            {
                "name": graph.nodes[n].get("name", str(n)),
                "region": graph.nodes[n].get("region") or "unknown",
                "community": community.get(n, 0),
                "agreements": graph.degree(n, weight="weight"),
                "x": round(float(positions[n][0]), 4),
                "y": round(float(positions[n][1]), 4),
            }
            for n in graph
        ],
        "links": [
            {"a": index[u], "b": index[v], "weight": d.get("weight", 1)}
            for u, v, d in graph.edges(data=True)
        ],
        "palette": _PALETTE,
    }


_STYLE = """
body { font: 14px/1.45 system-ui, "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
       "Microsoft YaHei", sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 2em; }
table { border-collapse: collapse; margin: .5em 0; font-size: 13px; }
th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
#network { width: 100%; height: 560px; border: 1px solid #ccc; background: #fff; cursor: grab; }
#tip { position: fixed; pointer-events: none; background: #333; color: #fff; padding: 4px 8px;
       border-radius: 3px; font-size: 12px; display: none; }
.note { color: #555; }
"""

# The network view: an SVG drawn from the layout computed in Python; wheel zooms, drag pans,
# hovering a party shows its name, region and agreements, and a selector colours by region
# or community. Errors are written into the page, where a test (and a reader) can see them.
_SCRIPT = """
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); });
  var data = JSON.parse(document.getElementById('network-data').textContent);
  var svg = document.getElementById('network'), ns = 'http://www.w3.org/2000/svg';
  var tip = document.getElementById('tip');
  var size = 1000, pad = 40;
  function px(v) { return pad + (v + 1) / 2 * (size - 2 * pad); }
  var view = {x: 0, y: 0, w: size, h: size};
  function setView() { svg.setAttribute('viewBox', [view.x, view.y, view.w, view.h].join(' ')); }
  setView();
  var edges = document.createElementNS(ns, 'g'), dots = document.createElementNS(ns, 'g');
  svg.appendChild(edges); svg.appendChild(dots);
  data.links.forEach(function (l) {
    var a = data.nodes[l.a], b = data.nodes[l.b], line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', px(a.x)); line.setAttribute('y1', px(a.y));
    line.setAttribute('x2', px(b.x)); line.setAttribute('y2', px(b.y));
    line.setAttribute('stroke', '#999'); line.setAttribute('stroke-opacity', '0.5');
    line.setAttribute('stroke-width', Math.min(1 + l.weight, 6));
    edges.appendChild(line);
  });
  var regions = [];
  data.nodes.forEach(function (n) { if (regions.indexOf(n.region) < 0) regions.push(n.region); });
  var circles = data.nodes.map(function (n) {
    var c = document.createElementNS(ns, 'circle');
    c.setAttribute('cx', px(n.x)); c.setAttribute('cy', px(n.y));
    c.setAttribute('r', 4 + Math.sqrt(n.agreements) * 2);
    c.setAttribute('class', 'party');
    c.addEventListener('mousemove', function (e) {
      tip.style.display = 'block'; tip.style.left = (e.clientX + 12) + 'px';
      tip.style.top = (e.clientY + 12) + 'px';
      tip.textContent = n.name + ' (' + n.region + '): ' + n.agreements + ' agreements';
    });
    c.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
    dots.appendChild(c);
    return c;
  });
  function colour(by) {
    circles.forEach(function (c, i) {
      var n = data.nodes[i];
      var k = by === 'community' ? n.community : regions.indexOf(n.region);
      c.setAttribute('fill', data.palette[k % data.palette.length]);
    });
  }
  var select = document.getElementById('colour-by');
  select.addEventListener('change', function () { colour(select.value); });
  colour(select.value);
  svg.addEventListener('wheel', function (e) {
    e.preventDefault();
    var f = e.deltaY > 0 ? 1.15 : 1 / 1.15;
    view.x += view.w * (1 - f) / 2; view.y += view.h * (1 - f) / 2;
    view.w *= f; view.h *= f; setView();
  }, {passive: false});
  var drag = null;
  svg.addEventListener('mousedown', function (e) { drag = {x: e.clientX, y: e.clientY}; });
  window.addEventListener('mouseup', function () { drag = null; });
  window.addEventListener('mousemove', function (e) {
    if (!drag) return;
    var scale = view.w / svg.clientWidth;
    view.x -= (e.clientX - drag.x) * scale; view.y -= (e.clientY - drag.y) * scale;
    drag = {x: e.clientX, y: e.clientY}; setView();
  });
  document.body.setAttribute('data-rendered-parties', String(circles.length));
  document.body.setAttribute('data-errors', errors.join(' | '));
})();
"""


def summary_html(
    graph: Network,
    *,
    top: int = 15,
    level: str = "province",
    seed: int = 0,
    network_limit: int = 400,
    engine: str | None = None,
) -> str:
    """One HTML page with the summary, centrality, brokers, communities, regions and
    timeline tables, two charts and the network view: CSS, JavaScript and images inline,
    for the partner network ``graph`` (``educoop.analysis.network``)."""
    graph = as_network(graph)
    reports = {
        kind: report_of(graph, kind, top=top, level=level, seed=seed, engine=engine)
        for kind in (
            ReportKind.SUMMARY,
            ReportKind.CENTRALITY,
            ReportKind.BROKERS,
            ReportKind.COMMUNITIES,
            ReportKind.REGIONS,
            ReportKind.TIMELINE,
        )
    }
    years = reports[ReportKind.TIMELINE].rows
    centrality = reports[ReportKind.CENTRALITY].rows

    def timeline_chart(axes: Any) -> None:
        axes.bar([str(r["year"]) for r in years], [r["agreements"] for r in years], color="#4e79a7")
        axes.set_title("Agreements by year")
        axes.tick_params(axis="x", labelrotation=45)

    def centrality_chart(axes: Any) -> None:
        leaders = centrality[:10][::-1]
        axes.barh(
            [r["name"][:40] for r in leaders],
            [r["weighted_degree"] for r in leaders],
            color="#f28e2b",
        )
        axes.set_title("Most agreements (weighted degree)")

    drawn = [
        (alt, *_chart_png(draw))
        for alt, draw, rows in (
            ("Agreements by year", timeline_chart, years),
            ("Parties with most agreements", centrality_chart, centrality),
        )
        if rows
    ]
    charts = "".join(f'<img alt="{alt}" src="{uri}">' for alt, uri, _ in drawn)
    if not all(whole for *_, whole in drawn):
        charts += f'<p class="note">{html.escape(NO_CJK_FONT)}</p>'
    # "</" could close the script element the data sits in.
    data = json.dumps(_network_data(graph, seed, network_limit), ensure_ascii=False)
    data = data.replace("</", "<\\/")
    sections = "".join(
        f"<h2>{html.escape(r.title)}</h2>"
        + "".join(f'<p class="note">{html.escape(note)}</p>' for note in r.notes)
        + _html_table(r, top)
        for r in reports.values()
    )
    filters_text = html.escape(graph.filters)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>educoop report: cooperation network</title>
<style>{_STYLE}</style></head>
<body>
<h1>Cooperation network</h1>
<p class="note">Filters: {filters_text}. Made by educoop; this page needs no network access.</p>
<h2>Network</h2>
<p>Colour by <select id="colour-by"><option value="region">region</option>
<option value="community">community</option></select>. Scroll to zoom, drag to pan, hover a
party for its details.</p>
<svg id="network" role="img" aria-label="cooperation network"></svg>
<div id="tip"></div>
<script type="application/json" id="network-data">{data}</script>
<div class="charts">{charts}</div>
{sections}
<script>{_SCRIPT}</script>
</body></html>
"""
