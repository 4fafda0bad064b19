"""educoop: a knowledge graph of regional education cooperation.

The public API::

    import educoop
    with educoop.open_store("educoop.db") as store:
        report = educoop.ingest(store, ["agreements.yaml"])
        rows = educoop.query(store, "partners", {"name": "Tung Wah College"})
"""

from educoop.api import demo, demo_corpus, export, ingest, open_store, query
from educoop.errors import EducoopError, InputError, QueryError, StoreError

__all__ = [
    "EducoopError",
    "InputError",
    "QueryError",
    "StoreError",
    "demo",
    "demo_corpus",
    "export",
    "ingest",
    "open_store",
    "query",
]
__version__ = "0.1.0"
