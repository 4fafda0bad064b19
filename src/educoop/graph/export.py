"""Exports of the graph for Gephi, Cytoscape, spreadsheets and other programs."""

from __future__ import annotations

import csv
import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import networkx as nx

from educoop.errors import EducoopError
from educoop.graph.schema import Label


class ExportFormat(StrEnum):
    GRAPHML = "graphml"
    GEXF = "gexf"
    CSV = "csv"
    JSON = "json"


def cell_text(value: Any) -> str:
    """A value as the text of one table cell: lists joined with '; ' (lists of lists with
    ' | '), None as nothing."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        nested = any(isinstance(item, list | tuple) for item in value)
        return (" | " if nested else "; ").join(cell_text(item) for item in value)
    return str(value)


def _flat(value: Any) -> Any:
    """GraphML and GEXF hold scalars only: lists become text."""
    return cell_text(value) if isinstance(value, list | tuple) else value


def flat_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of the same kind (directed or not, multi or not) whose attributes are all
    scalars, with ``None`` left out."""
    flat = graph.__class__()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    if graph.is_multigraph():
        for src, dst, key, attrs in graph.edges(keys=True, data=True):
            scalars = {k: _flat(v) for k, v in attrs.items() if v is not None}
            flat.add_edge(src, dst, key=key, **scalars)
    else:
        for src, dst, attrs in graph.edges(data=True):
            flat.add_edge(src, dst, **{k: _flat(v) for k, v in attrs.items() if v is not None})
    return flat


def node_label(attrs: dict[str, Any], node_type: str | None) -> str | None:
    """What a person should see a node as: its name (an institution's, region's,
    programme's, party's); an agreement's title, else its kind and date; a document's title,
    else its source. None when a node has none of these."""
    if attrs.get("name"):
        return str(attrs["name"])
    if attrs.get("title"):
        return str(attrs["title"])
    if node_type == Label.AGREEMENT:
        return " ".join(str(attrs[key]) for key in ("kind", "date") if attrs.get(key)) or None
    if node_type == Label.DOCUMENT and attrs.get("source"):
        return str(attrs["source"])
    return None


def viewer_graph(graph: nx.Graph, *, gexf: bool = False) -> nx.Graph:
    """``graph`` flattened (``flat_graph``) for Gephi and Cytoscape, which show a node's
    ``label``: each node labelled by its name (``node_label``), its type kept as ``type``.

    A store graph's ``label`` is a node's label (Institution, Agreement...; see
    ``educoop.graph.nxview``) and becomes its ``type``; a node with a ``type`` already (the
    partner network's) keeps it. In GEXF an edge's ``type`` is its direction, so there a
    relationship's type is kept as ``relationship``.
    """
    flat = flat_graph(graph)
    for _, attrs in flat.nodes(data=True):
        node_type = attrs.get("type", attrs.get("label"))
        label = node_label(attrs, node_type)
        attrs.pop("label", None)
        if node_type is not None:
            attrs["type"] = node_type
        if label is not None:
            attrs["label"] = label
    if gexf:
        for *_, attrs in flat.edges(data=True):
            if "type" in attrs:
                attrs["relationship"] = attrs.pop("type")
    return flat


def _write_csv(graph: nx.MultiDiGraph, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    flat = flat_graph(graph)
    node_columns = sorted({k for _, attrs in flat.nodes(data=True) for k in attrs} - {"label"})
    edge_columns = sorted({k for *_, attrs in flat.edges(data=True) for k in attrs} - {"type"})
    nodes_path, edges_path = folder / "nodes.csv", folder / "edges.csv"
    with nodes_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "label", *node_columns])
        for node, attrs in flat.nodes(data=True):
            writer.writerow([node, attrs.get("label"), *(attrs.get(c, "") for c in node_columns)])
    with edges_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "target", "type", *edge_columns])
        for src, dst, attrs in flat.edges(data=True):
            writer.writerow([src, dst, attrs["type"], *(attrs.get(c, "") for c in edge_columns)])
    return [nodes_path, edges_path]


def export_graph(graph: nx.Graph, fmt: ExportFormat | str, output: str | Path | None) -> str | None:
    """Write ``graph`` as GraphML, GEXF, JSON (node-link) or CSV.

    GraphML and GEXF, for Gephi and Cytoscape, label nodes by name (``viewer_graph``);
    JSON and CSV keep the graph's attributes as they are.

    With ``output`` None the text is returned (CSV needs a folder: it writes nodes.csv and
    edges.csv there). Otherwise the file is written and None returned.
    """
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.CSV:
        if output is None:
            raise EducoopError("csv export writes nodes.csv and edges.csv: give a folder with -o")
        _write_csv(graph, Path(output))
        return None
    if fmt is ExportFormat.JSON:
        text = json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1)
    elif fmt is ExportFormat.GRAPHML:
        text = "\n".join(nx.generate_graphml(viewer_graph(graph)))
    else:
        text = "\n".join(nx.generate_gexf(viewer_graph(graph, gexf=True)))
        # NetworkX stamps the day it wrote the file: the same graph gives the same file.
        text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    if output is None:
        return text
    Path(output).write_text(text + "\n", encoding="utf-8")
    return None
