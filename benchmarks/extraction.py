"""Article extraction throughput against spaCy's tokenizer alone on the same text.

    python -m benchmarks.extraction --articles 5000

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
import sys
import time

import spacy

from benchmarks.synthetic import articles
from educoop.loaders.text.extract import extract_records, pipeline


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
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    result = measure(args.articles)
    for key, value in result.items():
        print(f"{key:30} {value:,}")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(result, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
