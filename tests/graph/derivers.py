"""A derivation for store tests: small graphs from documents whose records are plain names."""

from educoop.graph.schema import GraphBatch, Label, RelType, StoredDocument


class Institutions:
    """Derives one Institution per document (named by its records) and a SIGNED_WITH
    between each pair, written with the larger id first; counts its calls."""

    fingerprint = "institutions"

    def __init__(self, fail: bool = False) -> None:
        self.calls = 0
        self.fail = fail

    def ordered(self, documents):
        return sorted(documents, key=lambda document: document.sha256)

    def derive(self, documents, review, decisions=()):
        self.calls += 1
        if self.fail:
            raise RuntimeError("derivation failed")
        batch = GraphBatch()
        ids = [f"institution:{d.records}" for d in documents]
        for node_id, document in zip(ids, documents, strict=True):
            batch.add_node(Label.INSTITUTION, node_id, {"name": document.records})
        for a in ids:
            for b in ids:
                if a > b:
                    batch.add_edge(RelType.SIGNED_WITH, a, b, "agreement:1", {})
        return batch


def document(name: str, source: str | None = None) -> StoredDocument:
    """A stored document whose records are just ``name``."""
    return StoredDocument(sha256=f"sha-{name}", source=source or f"{name}.yaml", records=name)


def load(store, documents: list[StoredDocument], derivation: Institutions, **options):
    """Add documents to ``store`` and rebuild its graph."""
    store.add_documents(documents)
    return store.rebuild(derivation, **options)
