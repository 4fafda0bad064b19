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

The folder is ``$EDUCOOP_CACHE_DIR`` (``off`` turns the cache off), else
``$XDG_CACHE_HOME/educoop`` or ``~/.cache/educoop``.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import spacy
from pydantic import ValidationError

from educoop.loaders.records import RecordFile
from educoop.loaders.text.extract import trained_pipeline

CACHE_ENV = "EDUCOOP_CACHE_DIR"


def cache_folder() -> Path | None:
    """Where extraction results are kept; None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "educoop"


@cache
def extractor_fingerprint() -> str:
    """educoop's release, spaCy's, and the source and data of every educoop module (sorted
    by path): the extractor imports its models and vocabulary from beyond the loaders."""
    digest = hashlib.sha256(json.dumps([version("educoop"), spacy.__version__]).encode())
    package = Path(str(resources.files("educoop")))
    for path in sorted(package.rglob("*"), key=lambda p: p.as_posix()):
        if path.is_file() and path.suffix in (".py", ".yaml", ".json", ".tsv", ".txt"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _model(spacy_model: str | None) -> list[str] | None:
    """A trained pipeline by what it is (its name and version), not only what it was
    called."""
    if not spacy_model:
        return None
    meta = trained_pipeline(spacy_model).meta
    return [spacy_model, str(meta.get("name")), str(meta.get("version"))]


def entry_key(text: str, title: str | None, spacy_model: str | None) -> str:
    parts = [extractor_fingerprint(), _model(spacy_model), title, text]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def cached_records(
    text: str,
    title: str | None,
    spacy_model: str | None,
    extract: Callable[[], RecordFile],
) -> RecordFile:
    """The records ``extract`` gives for this text, from the cache when it holds them
    (without the text itself, which the caller has)."""
    folder = cache_folder()
    if folder is None:
        return extract()
    key = entry_key(text, title, spacy_model)
    path = folder / "extract" / key[:2] / f"{key}.json"
    try:
        return RecordFile.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        pass  # not there, unreadable or damaged: extract again
    records = extract()
    _write(path, records.model_dump_json(exclude={"document": {"text"}}))
    return records


def _write(path: Path, text: str) -> None:
    """Write an entry whole, or not at all: a cache that cannot be written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
