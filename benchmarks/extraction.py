"""Article extraction throughput against spaCy's tokenizer alone on the same text.

    python -m benchmarks.extraction --articles 5000
    python -m benchmarks.extraction --processes real --jobs 2     # per core and in total
    python -m benchmarks.extraction --startup                     # one-article extract

A deterministic generated corpus (benchmarks/synthetic.py ``articles``) is extracted article
by article, as ``educoop extract`` and ``ingest`` do; the peer is the same blank English
tokenizer the pipeline starts with, run over the same texts in the same process. Both are
timed after a warm-up (the pipeline and gazetteer built once), and the figure is words per
second with the ratio extraction / tokenizer (goal >= 0.3). For scale, the same run also
times spaCy's blank pipeline with only its sentencizer, and educoop's institution Matcher
alone on ready-made documents: two steps any spaCy-based extractor pays for.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from benchmarks.synthetic import articles
from educoop.loaders.reader import read_files
from educoop.loaders.text.extract import extract_records, pipeline
from educoop.loaders.text.pipeline import institution_matches
from educoop.loaders.text.read import read_article


def measure(count: int) -> dict[str, float]:
    texts = articles(count)
    words = sum(len(text.split()) for text in texts)
    pipeline()
    extract_records(texts[0])  # warm-up: matchers and gazetteer built

    tokenizer = spacy.blank("en").tokenizer
    started = time.perf_counter()
    for text in texts:
        tokenizer(text)
    tokenizer_seconds = time.perf_counter() - started

    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    started = time.perf_counter()
    for text in texts:
        sentencizer(text)
    sentencizer_seconds = time.perf_counter() - started

    pipes = pipeline()
    docs = [pipes.nlp(text) for text in texts]
    started = time.perf_counter()
    for doc in docs:
        pipes.institutions(doc)
    matcher_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        institution_matches(pipes, doc)
    windowed_seconds = time.perf_counter() - started

    started = time.perf_counter()
    agreements = 0
    for text in texts:
        agreements += len(extract_records(text).agreements)
    extraction_seconds = time.perf_counter() - started
    return {
        "articles": count,
        "words": words,
        "agreements_found": agreements,
        "extraction_seconds": round(extraction_seconds, 2),
        "extraction_words_per_second": round(words / extraction_seconds),
        "tokenizer_seconds": round(tokenizer_seconds, 2),
        "tokenizer_words_per_second": round(words / tokenizer_seconds),
        "ratio": round(tokenizer_seconds / extraction_seconds, 3),
        "sentencizer_pipeline_ratio": round(tokenizer_seconds / sentencizer_seconds, 3),
        "institution_matcher_alone_ratio": round(tokenizer_seconds / matcher_seconds, 3),
        "windowed_matcher_alone_ratio": round(tokenizer_seconds / windowed_seconds, 3),
    }


def real_articles(copies: int) -> list[str]:
    """A real-shaped corpus: the articles written for educoop's tests and the shared seed
    articles (read where they lie), ``copies`` times, each copy with a line of its own so
    that no cache of whole texts serves it. spaCy's tokenizer still caches words, which
    flatters it on repeated text (and the rules' own tokenizer alike)."""
    root = Path(__file__).resolve().parents[1]
    folders = [root / "tests" / "data" / "articles", root / "tests" / "data" / "articles-unseen"]
    folders.append(root.parent / "shared" / "seeds")
    paths = sorted(
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.iterdir()
        if path.suffix in (".txt", ".md") and path.stem != "README"
    )
    texts = [read_article(path).text for path in paths]
    return [f"Copy {copy}.\n\n{text}" for copy in range(copies) for text in texts]


def measure_processes(texts: list[str], jobs: int) -> dict[str, float]:
    """Articles read as ``ingest`` reads them (files, the extraction cache off), by one
    process and by ``jobs``, with spaCy's tokenizer (a fresh one) on the same texts in the
    same run; then read again with the cache on, as a second ingest of them would."""
    words = sum(len(text.split()) for text in texts)
    tokenizer = spacy.blank("en").tokenizer
    started = time.perf_counter()
    for text in texts:
        tokenizer(text)
    tokenizer_seconds = time.perf_counter() - started
    result: dict[str, float] = {"articles": len(texts), "words": words}
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for number, text in enumerate(texts):
            path = Path(folder) / f"{number:05}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        os.environ["EDUCOOP_CACHE_DIR"] = "off"
        pipeline()
        for count in (1, jobs):
            started = time.perf_counter()
            read = list(read_files(paths, jobs=count))
            seconds = time.perf_counter() - started
            assert all(not isinstance(outcome, list) for _, outcome in read)
            result[f"jobs_{count}_words_per_second"] = round(words / seconds)
            result[f"jobs_{count}_ratio_to_tokenizer"] = round(tokenizer_seconds / seconds, 3)
        result["tokenizer_words_per_second"] = round(words / tokenizer_seconds)
        result[f"jobs_{jobs}_speedup"] = round(
            result[f"jobs_{jobs}_words_per_second"] / result["jobs_1_words_per_second"], 2
        )
        os.environ["EDUCOOP_CACHE_DIR"] = str(Path(folder) / "cache")
        list(read_files(paths, jobs=1))
        started = time.perf_counter()
        list(read_files(paths, jobs=1))
        result["cached_words_per_second"] = round(words / (time.perf_counter() - started))
    return result


def _extract_one(path: Path, cache: str) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``educoop extract`` on one article, in a new process."""
    command = [sys.executable, "-m", "educoop", "extract", str(path)]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, env={**os.environ, "EDUCOOP_CACHE_DIR": cache}, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    assert status == 0, f"{command} failed"
    return seconds, usage.ru_maxrss / 1024


def measure_startup(runs: int = 5) -> dict[str, float]:
    """A one-article ``educoop extract`` in a new process, as a user runs it: with no
    cache at all (the place names tokenized), and with the place names kept from an earlier
    run but the article new (so its extraction is not cached); the median of ``runs``,
    peak RSS the largest. The peer is a process that only imports educoop's CLI."""
    result: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        kept = str(Path(folder) / "kept")
        warm_up = Path(folder) / "warm-up.txt"
        warm_up.write_text("Jiangmen.", encoding="utf-8")
        _extract_one(warm_up, kept)  # keeps the place names' tokens in ``kept``
        for label in ("cold", "places_kept"):
            times, peaks = [], []
            for run in range(runs):
                path = Path(folder) / f"{label}-{run}.txt"
                path.write_text(
                    f"Tung Wah College signed an agreement with Jiangmen Polytechnic on 3 May "
                    f"2024 ({label} {run}).",
                    encoding="utf-8",
                )
                cache = str(Path(folder) / f"cold-{run}") if label == "cold" else kept
                seconds, peak = _extract_one(path, cache)
                times.append(seconds)
                peaks.append(peak)
            result[f"{label}_seconds"] = round(statistics.median(times), 2)
            result[f"{label}_peak_rss_mb"] = round(max(peaks))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import educoop.cli"], check=True)
        result["imports_only_seconds"] = round(time.perf_counter() - started, 2)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument(
        "--processes",
        choices=["synthetic", "real"],
        help="instead: words/s by one process and by --jobs, on the synthetic corpus or "
        "the real-shaped one (the test articles and seeds, --copies times)",
    )
    parser.add_argument(
        "--startup", action="store_true", help="instead: a one-article extract, cold and warm"
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if args.startup:
        result = measure_startup()
    elif args.processes == "real":
        result = measure_processes(real_articles(args.copies), args.jobs)
    elif args.processes == "synthetic":
        result = measure_processes(articles(args.articles), args.jobs)
    else:
        result = measure(args.articles)
    for key, value in result.items():
        print(f"{key:30} {value:,}")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
