"""Canned queries by name: each ``NAME.cypher`` file with its header, paired with its twin.

A header is a block of comments at the top of the file::

    // title: Partners
    // description: Who an institution or region has agreements with.
    // param name (required) [party]: institution or region, by name or alias
    // param since [date]: only agreements dated in or after this

Parameters are optional unless marked ``(required)``; optional ones reach the Cypher as null.
A ``[type]`` says what a value must be: a name of a node (``party``, ``institution``,
``region``, ``programme``: looked up, see ``educoop.graph.lookup``), a ``date``, or one of
an enumeration (``level``, ``kind``). The catalogue checks that the declared parameters are
exactly the ``$parameters`` the Cypher uses, and that each type is one of these.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from educoop.errors import QueryError
from educoop.graph.lookup import KINDS
from educoop.graph.model import AgreementKind, PartialDate, RegionLevel
from educoop.queries import embedded

Twin = Callable[..., list[dict[str, Any]]]

_HEADER = re.compile(
    r"^//\s*(title|description|param)\s*(\w*)\s*(\(required\))?\s*(?:\[(\w+)\])?\s*:\s*(.*)$"
)
# The values an enumerated parameter takes.
ENUMS: dict[str, tuple[str, ...]] = {
    "level": tuple(level.value for level in RegionLevel),
    "kind": tuple(kind.value for kind in AgreementKind),
    # Only agreements a person stands behind (see educoop.loaders.decisions).
    "confirmed": ("yes",),
}
TYPES = frozenset({*KINDS, *ENUMS, "date"})
_USED = re.compile(r"\$([A-Za-z_]\w*)")


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    required: bool
    type: str | None = None

    @property
    def names_a_node(self) -> bool:
        return self.type in KINDS


@dataclass(frozen=True)
class CannedQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    cypher: str
    twin: Twin

    def bind(self, params: dict[str, Any]) -> dict[str, Any]:
        """Complete parameters: unknown names rejected, required ones checked, the rest None."""
        known = {parameter.name for parameter in self.parameters}
        for name in params:
            if name not in known:
                expected = ", ".join(sorted(known)) or "none"
                raise QueryError(f"{self.name}: unknown parameter {name!r} (expected {expected})")
        bound = {}
        for parameter in self.parameters:
            value = params.get(parameter.name)
            if value in (None, "") and parameter.required:
                raise QueryError(
                    f"{self.name}: missing parameter {parameter.name!r} ({parameter.description})"
                )
            bound[parameter.name] = None if value == "" else value
        for parameter in self.parameters:
            value = bound[parameter.name]
            if value is None:
                continue
            if parameter.type == "date":
                try:
                    PartialDate.parse(value)
                except ValueError as exc:
                    raise QueryError(f"{self.name}: {parameter.name}: {exc}") from None
            allowed = ENUMS.get(parameter.type or "")
            if allowed and value not in allowed:
                raise QueryError(
                    f"{self.name}: {parameter.name}: {value!r} is not "
                    + (f"one of {', '.join(allowed)}" if len(allowed) > 1 else repr(allowed[0]))
                )
        return bound


def parse(name: str, text: str, twin: Twin) -> CannedQuery:
    """Read one query file's header and check it against the parameters its Cypher uses."""
    fields: dict[str, str] = {}
    parameters: list[Parameter] = []
    body: list[str] = []
    for line in text.splitlines():
        header = _HEADER.match(line.strip())
        if header and not body:
            key, param, required, kind, value = header.groups()
            if key == "param":
                if kind is not None and kind not in TYPES:
                    raise QueryError(f"{name}.cypher: {param}: no parameter type {kind!r}")
                parameters.append(Parameter(param, value.strip(), bool(required), kind))
            else:
                fields[key] = value.strip()
        elif (line.strip() and not line.strip().startswith("//")) or body:
            body.append(line)
    for key in ("title", "description"):
        if key not in fields:
            raise QueryError(f"{name}.cypher: header has no {key}")
    cypher = "\n".join(body)
    code = "\n".join(line.split("//")[0] for line in body)
    used = set(_USED.findall(code))
    declared = {parameter.name for parameter in parameters}
    if used != declared:
        raise QueryError(
            f"{name}.cypher: declared parameters {sorted(declared)} but the query uses "
            f"{sorted(used)}"
        )
    return CannedQuery(
        name, fields["title"], fields["description"], tuple(parameters), cypher, twin
    )


@cache
def catalogue() -> dict[str, CannedQuery]:
    """Every canned query shipped with educoop, by name."""
    queries = {}
    for entry in sorted(resources.files("educoop.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            name = entry.name.removesuffix(".cypher")
            twin = embedded.TWINS.get(name)
            if twin is None:
                raise QueryError(f"{entry.name} has no embedded twin in queries/embedded.py")
            queries[name] = parse(name, entry.read_text("utf-8"), twin)
    return queries


def get(name: str) -> CannedQuery:
    """The canned query called ``name``, or a QueryError listing the names there are."""
    queries = catalogue()
    if name not in queries:
        raise QueryError(f"no canned query {name!r} (there are: {', '.join(queries)})")
    return queries[name]
