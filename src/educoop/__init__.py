"""educoop: a knowledge graph of regional education cooperation.

The public API, for notebooks::

    import educoop
    with educoop.open("educoop.db") as g:
        g.ingest("agreements.yaml")
        g.query("partners", name="Tung Wah College").to_pandas()
        g.report("centrality", since="2022").rows
        g.network(region="Greater Bay Area").to_networkx()

and its functions over a store (``educoop.api``)::

    with educoop.open_store("educoop.db") as store:
        rows = educoop.query(store, "partners", {"name": "Tung Wah College"})
"""

from educoop.api import demo, demo_corpus, export, ingest, open_store, query
from educoop.errors import EducoopError, InputError, QueryError, StoreError
from educoop.session import Result, Session, open

__all__ = [
    "EducoopError",
    "InputError",
    "QueryError",
    "Result",
    "Session",
    "StoreError",
    "demo",
    "demo_corpus",
    "export",
    "ingest",
    "open",
    "open_store",
    "query",
]
__version__ = "0.1.0"
