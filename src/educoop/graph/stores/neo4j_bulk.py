"""A first load of a Neo4j database through ``neo4j-admin database import full``: the whole
store (graph, documents, review items, settings) written as CSV files and imported offline,
many times faster than transactions (BENCHMARKS.md).

The import needs the server stopped, which only whoever runs it may do: the command that
does it is the user's, given in ``$EDUCOOP_NEO4J_IMPORT`` and run with the import's
arguments after it. It must stop the server, run ``neo4j-admin database import full
--overwrite-destination=true DATABASE`` with those arguments, and start the server again
(``scripts/neo4j-local import`` does so for the local server; with Neo4j's own
distribution, ``neo4j stop``, ``neo4j-admin ...`` and ``neo4j start`` in a script).
"""

from __future__ import annotations

import csv
import re
import shlex
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from educoop.errors import StoreError
from educoop.graph.schema import Props

IMPORT_ENV = "EDUCOOP_NEO4J_IMPORT"
# A first load of fewer rows (nodes and relationships) goes online: stopping and starting
# the server costs about 30 s here, which the import (6 s for 640k rows, against 26 s
# online) wins back only from about a million rows (BENCHMARKS.md).
BULK_MIN_ROWS = 1_000_000
# Between the items of a list property: a control character no name or text holds.
ARRAY_DELIMITER = "\x1f"
_PROPERTY_NAME = re.compile(r"[a-z_][a-z0-9_]*")
READ_BUFFER = 4 * 1024 * 1024
# How long the server may take to answer again after the import.
RESTART_SECONDS = 180.0


class Unimportable(StoreError):
    """Values CSV cannot carry as the online path stores them: write online instead."""


def import_command(text: str | None) -> list[str] | None:
    """The user's import command, split as a shell would; None when none is given."""
    return shlex.split(text) if text and text.strip() else None


def _type_of(name: str, values: Iterable[Any]) -> str:
    """The import's type for a column, from the values it holds. One type a column: the
    online path stores each value as it is, so a column of ints and floats, or a list of
    anything but strings, cannot be imported alike."""
    given = [value for value in values if value is not None]
    kinds = {type(value) for value in given}
    for kind, column in ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string")):
        if kinds == {kind}:
            return column
    if kinds == {list}:
        if not all(isinstance(item, str) for value in given for item in value):
            raise Unimportable(f"property {name!r} holds a list of other than strings")
        return "string[]"
    if not kinds:
        return "string"
    raise Unimportable(f"property {name!r} holds {', '.join(sorted(k.__name__ for k in kinds))}")


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(str(item) for item in value)
    return value


def _given(value: Any) -> bool:
    """A value the row has: CSV cannot say "no property" or "empty list" in a cell."""
    return value is not None and value != []


def _shape(row: Props) -> tuple[str, ...]:
    """The properties a row has. Rows go to one file per shape, so that a property a row
    lacks is absent after the import (an empty cell would import as an empty string)."""
    return tuple(sorted(name for name, value in row.items() if _given(value)))


def _types(rows: list[Props]) -> dict[str, str]:
    names = sorted({name for row in rows for name in row})
    for name in names:
        if not _PROPERTY_NAME.fullmatch(name):
            raise StoreError(f"not a property name educoop writes: {name!r}")
    return {name: _type_of(name, (row.get(name) for row in rows)) for name in names}


def _write(path: Path, header: list[str], rows: Iterable[list[Any]]) -> int:
    """Write one CSV file; returns the size in bytes of its largest cell."""
    largest = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            sizes = (len(cell.encode()) for cell in row if isinstance(cell, str))
            largest = max(largest, max(sizes, default=0))
    return largest


def write_import(
    folder: Path,
    nodes: Mapping[str, list[Props]],
    relationships: Mapping[str, list[tuple[str, str, Props]]],
    keyed: Iterable[str] = (),
) -> list[str]:
    """CSV files of ``nodes`` (by label; in the ``keyed`` labels each row's ``id`` is its
    import id, kept as a property too) and ``relationships`` (by type: start id, end id,
    properties) in ``folder``; returns the import's arguments for them. Empty lists are
    left out (set them afterwards)."""
    keyed = set(keyed)
    arguments = [
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        "--multiline-fields=true",
        "--id-type=string",
    ]
    files = largest = 0
    for label, rows in sorted(nodes.items()):
        types = _types(rows)
        shaped: dict[tuple[str, ...], list[Props]] = {}
        for row in rows:
            shaped.setdefault(_shape(row), []).append(row)
        for shape, group in sorted(shaped.items()):
            header = [
                f"{name}:ID" if name == "id" and label in keyed else f"{name}:{types[name]}"
                for name in shape
            ]
            path = folder / f"nodes-{files}.csv"
            files += 1
            largest = max(
                largest,
                _write(path, header, ([_cell(row[name]) for name in shape] for row in group)),
            )
            arguments.append(f"--nodes={label}={path}")
    for rel_type, links in sorted(relationships.items()):
        types = _types([props for _, _, props in links])
        if any(value == [] for _, _, props in links for value in props.values()):
            raise Unimportable(f"a {rel_type} relationship has an empty list")
        by_shape: dict[tuple[str, ...], list[tuple[str, str, Props]]] = {}
        for link in links:
            by_shape.setdefault(_shape(link[2]), []).append(link)
        for names, linked in sorted(by_shape.items()):
            header = [":START_ID", ":END_ID", *(f"{name}:{types[name]}" for name in names)]
            path = folder / f"relationships-{files}.csv"
            files += 1
            cells = (
                [src, dst, *(_cell(props[name]) for name in names)] for src, dst, props in linked
            )
            largest = max(largest, _write(path, header, cells))
            arguments.append(f"--relationships={rel_type}={path}")
    # Each value must fit the reader's buffer (4 MiB by default): a document's records hold
    # its article's text, up to 5 MB, and quotes are doubled in CSV.
    arguments.append(f"--read-buffer-size={max(READ_BUFFER, 2 * largest + 65_536)}")
    return arguments


def run_import(command: list[str], database: str, arguments: list[str]) -> None:
    """Run the user's import command; StoreError with the end of its output if it fails."""
    try:
        done = subprocess.run(
            [*command, "--overwrite-destination=true", database, *arguments],
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as exc:
        raise StoreError(f"{IMPORT_ENV}: cannot run {command[0]!r} ({exc.strerror})") from None
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise StoreError(
            f"the bulk import failed (exit {done.returncode}): {lines[-1] if lines else ''}"
        )
