"""Rows for a terminal or a program: aligned tables, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from educoop.graph.export import cell_text


def render_table(rows: list[dict[str, Any]]) -> str:
    """Rows as aligned columns for a terminal."""
    if not rows:
        return "(no rows)"
    columns = list(rows[0])
    cells = [[cell_text(row.get(column)) for column in columns] for row in rows]
    widths = [
        max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)
    ]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells
    ]
    return "\n".join(lines)


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows as a table, JSON or CSV (lists joined with '; ')."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({key: cell_text(value) for key, value in row.items()} for row in rows)
        return buffer.getvalue().rstrip("\n")
    return render_table(rows)
