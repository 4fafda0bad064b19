"""Rows for a terminal or a program: aligned tables, JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from typing import Any

from educoop.graph.export import cell_text

# A table fits this many columns unless asked to be wide; a list shows this many items.
TABLE_WIDTH = 100
LIST_ITEMS = 3
# No column narrower than this when a table is squeezed to fit.
MIN_COLUMN = 8
_GAP = "  "


def _is_id(column: str) -> bool:
    return column == "id" or column.endswith("_id")


def _cell(value: Any, wide: bool) -> str:
    """A table cell: a long list shows its first items and "+N more" unless ``wide``."""
    if not wide and isinstance(value, list | tuple) and len(value) > LIST_ITEMS:
        shown = cell_text(list(value[:LIST_ITEMS]))
        return f"{shown} +{len(value) - LIST_ITEMS} more"
    return cell_text(value)


def _shown(text: str) -> int:
    """How many terminal columns ``text`` takes: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def _clip(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal columns, "…" where it was cut."""
    if _shown(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        used += _shown(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + "\u2026"


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _shown(text))


def _fitted(widths: list[int], width: int) -> list[int]:
    """Column widths that fit ``width`` terminal columns with their gaps: the widest columns
    give way first, none below MIN_COLUMN (a table of too many columns stays wider)."""
    widths = list(widths)
    while sum(widths) + len(_GAP) * (len(widths) - 1) > width:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def render_table(
    rows: list[dict[str, Any]], *, wide: bool = False, width: int = TABLE_WIDTH
) -> str:
    """Rows as aligned columns for a terminal, fitting ``width`` columns: id columns left
    out, long lists cut to their first items, long cells clipped with "…"; one row too wide
    for columns is shown as one field a line. ``wide`` shows every column and cell whole.

    Examples
    --------
    >>> print(render_table([{"name": "Tung Wah College", "id": "institution:tung-wah-college"}]))
    name
    ----------------
    Tung Wah College
    """
    if not rows:
        return "(no rows)"
    columns = [column for column in rows[0] if wide or not _is_id(column)] or list(rows[0])
    cells = [[_cell(row.get(column), wide) for column in columns] for row in rows]
    widths = [
        max(_shown(column), *(_shown(line[i]) for line in cells))
        for i, column in enumerate(columns)
    ]
    if not wide:
        natural = sum(widths) + len(_GAP) * (len(widths) - 1)
        if len(rows) == 1 and natural > width:
            return _fields(columns, cells[0], width)
        widths = _fitted(widths, width)

    def line(texts: list[str]) -> str:
        clipped = (_pad(_clip(text, w), w) for text, w in zip(texts, widths, strict=True))
        return _GAP.join(clipped).rstrip()

    lines = [line(columns), _GAP.join("-" * w for w in widths)]
    lines += [line(texts) for texts in cells]
    return "\n".join(lines)


def _fields(columns: list[str], texts: list[str], width: int) -> str:
    """One row as one field a line: "name   Tung Wah College"."""
    label = max(map(_shown, columns))
    room = max(width - label - len(_GAP), MIN_COLUMN)
    return "\n".join(
        (_pad(column, label) + _GAP + _clip(text, room)).rstrip()
        for column, text in zip(columns, texts, strict=True)
    )


def render(rows: list[dict[str, Any]], fmt: str, *, wide: bool = False) -> str:
    """Rows as a table (fitting a terminal unless ``wide``), JSON or CSV (whole: every
    column, lists joined with '; ')."""
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False)
    if fmt == "csv":
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({key: cell_text(value) for key, value in row.items()} for row in rows)
        return buffer.getvalue().rstrip("\n")
    return render_table(rows, wide=wide)
