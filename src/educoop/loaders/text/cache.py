"""Extraction results kept on disk by what they depend on, so that reading an article again
(a re-ingest into another store, ``extract`` then ``ingest``, a corpus with one new file)
costs a file read instead of an extraction.

An entry's key is the sha256 of the article's text and title as read, the trained spaCy
pipeline used (if any: its name and version), and the extractor itself: educoop's and
spaCy's releases, and the source and data files of every educoop module. So an upgrade,
or any change to the rules or the gazetteer, misses every older entry rather than serve
what the old rules found. Entries are JSON (never pickle), written whole (a temporary
file renamed), and one that does not parse is extracted again: the cache can be deleted
at any time.

The folder is ``educoop.loaders.text.disk.cache_folder``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from pydantic import ValidationError

from educoop.loaders.records import RecordFile
from educoop.loaders.text.disk import cache_folder, extractor_fingerprint, write_whole
from educoop.loaders.text.pipeline import trained_pipeline


def _model(spacy_model: str | None) -> list[str] | None:
    """A trained pipeline by what it is (its name and version), not only what it was
    called."""
    if not spacy_model:
        return None
    meta = trained_pipeline(spacy_model).meta
    return [spacy_model, str(meta.get("name")), str(meta.get("version"))]


def entry_key(
    text: str, title: str | None, spacy_model: str | None, published: str | None = None
) -> str:
    parts = [extractor_fingerprint(), _model(spacy_model), title, text]
    if published is not None:  # a date from a page's markup
        parts.append(published)
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def cached_records(
    text: str,
    title: str | None,
    spacy_model: str | None,
    extract: Callable[[], RecordFile],
    published: str | None = None,
) -> RecordFile:
    """The records ``extract`` gives for this text (and the date its page's markup gives),
    from the cache when it holds them (without the text itself, which the caller has)."""
    folder = cache_folder()
    if folder is None:
        return extract()
    key = entry_key(text, title, spacy_model, published)
    path = folder / "extract" / key[:2] / f"{key}.json"
    try:
        return RecordFile.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        pass  # not there, unreadable or damaged: extract again
    records = extract()
    write_whole(path, records.model_dump_json(exclude={"document": {"text"}}))
    return records
