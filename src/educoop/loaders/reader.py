"""Reading input files into records: record files validated, articles extracted, several
articles at once in worker processes (``jobs``), results in the order the files came.

Extraction is the slow part of an ingest (articles are read by rules over a spaCy pipeline),
and each file is read alone, so files spread over processes with nothing shared but the
pipeline: it is built once, before the workers fork from this process, so none of them
pays its start-up again. Where processes cannot fork safely (not Linux), they start
afresh (and build it). A file that reads the same bytes as one before it is read once.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from educoop.errors import EducoopError, InputError, InvalidFileError
from educoop.loaders.records import RECORD_SUFFIXES, LoadedFile, load_file
from educoop.loaders.text import ARTICLE_SUFFIXES, extract_file, trained_pipeline
from educoop.loaders.text.extract import pipeline

INPUT_SUFFIXES = RECORD_SUFFIXES + ARTICLE_SUFFIXES

# What reading one file gave: its records, or its errors (one line each).
Outcome = LoadedFile | list[str]


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def load(path: str | Path, spacy_model: str | None = None) -> LoadedFile:
    """Records from one file: validated if structured, extracted if an article."""
    path = Path(path)
    expected = ", ".join(INPUT_SUFFIXES)
    if path.is_dir():
        raise InputError(str(path), f"a folder with nothing to load (no {expected} files)")
    suffix = path.suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return extract_file(path, spacy_model)
    if suffix in RECORD_SUFFIXES:
        return load_file(path)
    raise InputError(
        str(path), f"unsupported file type {suffix or '(none)'!r}, expected {expected}"
    )


def outcome_of(path: Path, spacy_model: str | None, as_article: bool = False) -> Outcome:
    """``load`` (``extract_file`` if ``as_article``), with its errors returned rather than
    raised (they cross processes)."""
    try:
        return extract_file(path, spacy_model) if as_article else load(path, spacy_model)
    except InvalidFileError as exc:
        return [str(error) for error in exc.errors]
    except InputError as exc:
        return [str(exc)]


def read_files(
    paths: Iterable[Path],
    spacy_model: str | None = None,
    jobs: int | None = None,
    wanted: Callable[[Path], bool] = lambda path: True,
    as_articles: bool = False,
) -> Iterator[tuple[Path, Outcome | None]]:
    """Each path with what reading it gave, in the order given; None for a path not
    ``wanted`` (asked as it comes). Articles (every file, ``as_articles``) are read by up
    to ``jobs`` processes (default: the cores this process may use) when there are at
    least two of them."""
    paths = list(paths)

    def article(path: Path) -> bool:
        return as_articles or path.suffix.lower() in ARTICLE_SUFFIXES

    workers = min(jobs or default_jobs(), sum(map(article, paths)))
    if workers < 2:
        for path in paths:
            yield path, outcome_of(path, spacy_model, as_articles) if wanted(path) else None
        return
    # Built here, so that forked workers share it rather than build it each.
    pipeline()
    if spacy_model:
        trained_pipeline(spacy_model)
    # Forking is safe on Linux; elsewhere (macOS) workers start afresh and build it each.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    window: deque[tuple[Path, Future[Outcome] | Outcome | None]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for path in paths:
            if not wanted(path):
                window.append((path, None))
            elif article(path):
                window.append((path, pool.submit(outcome_of, path, spacy_model, as_articles)))
            else:
                window.append((path, outcome_of(path, spacy_model)))
            # A few files ahead per worker: enough to keep them busy, few results held.
            while len(window) > 4 * workers:
                yield _done(window.popleft())
        while window:
            yield _done(window.popleft())


def _done(item: tuple[Path, Future[Outcome] | Outcome | None]) -> tuple[Path, Outcome | None]:
    path, outcome = item
    if not isinstance(outcome, Future):
        return path, outcome
    try:
        return path, outcome.result()
    except BrokenProcessPool:
        raise EducoopError(
            f"{path}: a process reading articles stopped (out of memory, or killed); "
            "run again with --jobs 1"
        ) from None
