"""Reports of one signing meet in one agreement.

Two reports are one signing when they have the same kind and parties (the signing key) and
dates that overlap ("2024-05" and "2024-05-29"), or when either is undated and there is only
one such agreement; signings of other dates stay distinct. The agreement keeps the finest
date any report gave, and the natural ids of the reports that met in it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from educoop.graph.model import AgreementKind, PartialDate
from educoop.graph.schema import PARTNER_TYPES, GraphBatch, Props

# The properties in which agreements and their partner links carry a date.
DATE_PROPS = ("date", "date_precision", "date_start", "date_end")


def date_props(date: PartialDate | None) -> dict[str, str | None]:
    """An agreement's date as the properties it and its partner links carry."""
    if date is None:
        return dict.fromkeys(DATE_PROPS)
    return {
        "date": date.value,
        "date_precision": str(date.precision),
        "date_start": date.start,
        "date_end": date.end,
    }


def signing_key(kind: AgreementKind, sides: list[list[str]]) -> str:
    """What makes two reports one signing, but for the date: the kind and the parties."""
    text = json.dumps([str(kind), sorted(sorted(side) for side in sides)])
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _overlap(a: PartialDate, b: PartialDate) -> bool:
    return a.start <= b.end and b.start <= a.end


def _date_of(props: Props) -> PartialDate:
    return PartialDate.parse(props["date"])


@dataclass
class Signings:
    """Agreements already known by signing key, as ``{id, date, reports}``: those of the
    documents derived before, and of this one so far. Shared across one derivation."""

    known: dict[str, list[Props]]

    def place(
        self, key: str, new_id: str, date: PartialDate | None
    ) -> tuple[str, PartialDate | None]:
        """The agreement a report of signing ``key`` (its own id ``new_id``) belongs to,
        and that agreement's date now; a report that meets no known one starts its own."""
        earlier = self.known.setdefault(key, [])
        # A report seen before goes where it went then, whatever came since: loading the
        # same files again changes nothing.
        seen = [p for p in earlier if new_id == p["id"] or new_id in (p.get("reports") or ())]
        fitting = seen or [
            props
            for props in earlier
            if date is None or props.get("date") is None or _overlap(date, _date_of(props))
        ]
        if seen or (len(fitting) == 1 and (date is not None or len(earlier) == 1)):
            props = fitting[0]
            props.setdefault("reports", [])
            if new_id != props["id"] and new_id not in props["reports"]:
                props["reports"].append(new_id)
            known_date = _date_of(props) if props.get("date") else None
            finer = (
                date
                if known_date is None
                or (date is not None and len(date.value) > len(known_date.value))
                else known_date
            )
            props["date"] = finer.value if finer else None
            return props["id"], finer
        earlier.append({"id": new_id, "date": date.value if date else None, "reports": []})
        return new_id, date

    def reports(self, key: str, node_id: str) -> list[str]:
        """The natural ids of the reports that met in agreement ``node_id``."""
        return next(
            (list(p.get("reports") or ()) for p in self.known.get(key, []) if p["id"] == node_id),
            [],
        )


def date_partner_links(graph: GraphBatch) -> None:
    """Partner links carry their agreement's date: the finest that any report gave, which a
    later report may have refined after the earlier ones wrote their links."""
    for key, edge in graph.edges.items():
        if edge.type not in PARTNER_TYPES:
            continue
        agreement = graph.nodes[edge.key].props
        dated = {name: agreement[name] for name in DATE_PROPS if name in agreement}
        undated = {k: v for k, v in edge.props.items() if k not in DATE_PROPS}
        graph.edges[key] = type(edge)(edge.type, edge.src, edge.dst, edge.key, undated | dated)
