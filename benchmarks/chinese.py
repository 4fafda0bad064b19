"""The Chinese reader's speed against its segmenter alone (issue 18), in one run.

    python -m benchmarks.chinese --rounds 5

The 22 articles of tests/data/zh-blind-dev, read ``--rounds`` times by the reader
(``extract_chinese``) and cut into tagged words by jieba alone (what the reader starts
from). Characters per second of each, and their ratio. Start-up (jieba's dictionary, the
region names) is paid before the clock starts, by one article read first.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

ARTICLES = sorted(Path("tests/data/zh-blind-dev").glob("*.txt"))


def measure(rounds: int) -> dict[str, float]:
    import jieba.posseg

    from educoop.loaders.text.chinese import extract_chinese

    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]
    characters = sum(len(text) for text in texts) * rounds
    extract_chinese(texts[0], None, None)  # start-up, off the clock
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            extract_chinese(text, None, None)
    reader = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            list(jieba.posseg.cut(text, HMM=True))
    segmenter = time.perf_counter() - started
    return {
        "articles": len(texts) * rounds,
        "reader_chars_per_s": round(characters / reader),
        "segmenter_chars_per_s": round(characters / segmenter),
        "ratio": round(segmenter / reader, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    print(json.dumps(measure(parser.parse_args().rounds), indent=1))


if __name__ == "__main__":
    main()
