"""An open store as one Python object, for notebooks: ``educoop.open(...)``.

Each method is one call of ``educoop.api``; each answer is a ``Result`` with its rows, the
notes an analyst must see with them (undated agreements left out, why an answer is empty),
``to_pandas()`` and, for networks, ``to_networkx()``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from educoop import api
from educoop.analysis.exports import network_with_measures
from educoop.analysis.network import Filters, cooperation_graph
from educoop.errors import EducoopError
from educoop.graph.stores import Store

if TYPE_CHECKING:
    import pandas


@dataclass
class Result:
    """An answer: a title, its rows, the notes that go with them, and for a network the
    NetworkX graph the rows describe."""

    title: str
    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    graph: nx.Graph | None = None

    def to_pandas(self) -> pandas.DataFrame:
        """The rows as a pandas DataFrame (``pip install 'educoop[pandas]'``); the notes are
        in its ``attrs``."""
        try:
            import pandas
        except ImportError:
            raise EducoopError("to_pandas needs pandas: pip install 'educoop[pandas]'") from None
        frame = pandas.DataFrame.from_records(self.rows)
        frame.attrs.update(title=self.title, notes=list(self.notes))
        return frame

    def to_networkx(self) -> nx.Graph:
        """The network the rows describe (``Session.network``)."""
        if self.graph is None:
            raise EducoopError(f"{self.title}: not a network (see Session.network)")
        return self.graph

    def __len__(self) -> int:
        return len(self.rows)


class Session:
    """An open store (``educoop.open``): ingest into it, ask it, report on it.

    Examples
    --------
    >>> import educoop, tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with educoop.open(os.path.join(folder, "demo.db")) as g:
    ...     _ = g.ingest(educoop.demo_corpus())
    ...     partners = g.query("partners", name="Donghua College")
    ...     len(partners), partners.rows[0]["partner"]
    (8, 'Guangdong Jiangmen Preschool Teachers College')
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def __repr__(self) -> str:
        return f"<educoop.Session {self.store.location}>"

    def ingest(self, *paths: str | Path, registries: Iterable[str | Path] = ()) -> api.IngestReport:
        """Load files or folders (``educoop ingest``)."""
        return api.ingest(self.store, paths, registries=registries)

    def query(self, query: str, /, **params: Any) -> Result:
        """A canned query by name (``educoop query --list``), its parameters as keywords."""
        bound = {key: value for key, value in params.items() if value is not None}
        rows = api.query(self.store, query, bound)
        notes = []
        if not rows and (why := api.why_empty(self.store, query, bound)):
            notes.append(why)
        if left_out := api.undated_left_out(self.store, query, bound):
            notes.append(f"{left_out} undated agreements left out by the date window")
        return Result(query, rows, notes)

    def report(
        self,
        kind: str,
        *,
        top: int | None = None,
        level: str = "province",
        sample: int | None = None,
        seed: int = 0,
        **filters: Any,
    ) -> Result:
        """An analysis report (``educoop report``); ``filters`` are those of ``Filters``
        (since, until, kinds, region, institution_kinds)."""
        report = api.report(
            self.store,
            kind,
            filters=Filters.of(filters),
            top=top,
            level=level,
            sample=sample,
            seed=seed,
        )
        return Result(report.title, report.rows, report.notes)

    def network(self, *, seed: int = 0, **filters: Any) -> Result:
        """The partner network with each party's measures: one row a party, and
        ``to_networkx()``."""
        chosen = Filters.of(filters)
        network = cooperation_graph(self.store.to_networkx(), chosen)
        graph = network_with_measures(network, seed=seed)
        rows = [{"id": node, **attrs} for node, attrs in sorted(graph.nodes(data=True))]
        return Result("Partner network", rows, [f"Filters: {chosen.describe()}."], graph)


def open(location: str | os.PathLike[str] | None = None, **options: Any) -> Session:
    """Open a store as a ``Session``, with the options of ``educoop.api.open_store``:
    ``g = educoop.open("educoop.db")``."""
    return Session(api.open_store(location, **options))
