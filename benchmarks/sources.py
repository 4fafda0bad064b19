"""Reading real sources (issue 17): pages fetched from a local server, and trafilatura
against the hand-written HTML reader it replaced.

    python -m benchmarks.sources --pages 500

1. Fetching: ``--pages`` news pages (navigation, an ad, comments, related links, a footer
   around an article of the project's test corpus) served by a threaded ``http.server`` on
   127.0.0.1, fetched with the rate limit off (4 at once) into a fresh cache, then each
   read for its main text. Pages per second, and the share of the time spent reading the
   main text.
2. Main text: each of the project's English test articles (.txt, whose text is the gold
   main text) put in the same boilerplate; trafilatura (``read_article``) and the old
   reader (kept here as the peer) read every page. Word-level precision, recall and F1
   against the article's words, and pages per second, in one run.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import tempfile
import threading
import time
from collections import Counter
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ARTICLES = [
    path
    for folder in ("tests/data/articles", "tests/data/articles-unseen", "tests/data/blind-dev")
    for path in sorted(Path(folder).glob("*.txt"))
]


def page_of(title: str, text: str, number: int) -> str:
    """The article in a news site's page: boilerplate before, beside and after it."""
    body = "".join(f"<p>{html.escape(block)}</p>" for block in text.split("\n\n") if block)
    links = "".join(f'<li><a href="/news/{n}">Story {n} of the week</a></li>' for n in range(8))
    return f"""<!DOCTYPE html><html><head><title>{html.escape(title)}</title></head><body>
<header><a href="/">Campus Wire</a> | <a href="/subscribe">Subscribe</a> | Edition {number}</header>
<nav><ul><li><a href="/world">World</a></li><li><a href="/education">Education</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/jobs">Jobs</a></li></ul></nav>
<div class="ad">Advertisement: Enrol now at Copperfield Business School, places limited!</div>
<main><article><h1>{html.escape(title)}</h1>{body}</article></main>
<section class="comments"><h3>3 comments</h3><p>Reader one: great news for the region.</p>
<p>Reader two: Pinecrest Academy did the same years ago.</p></section>
<aside><h3>Related stories</h3><ul>{links}</ul></aside>
<footer><p>Copyright Meadowlark Media Group. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer></body></html>"""


class _OldReader(HTMLParser):
    """The hand-written reader educoop used before trafilatura (the peer): visible text,
    scripts and styles out, blocks on new lines, and nothing else removed."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def old_reader(page: str) -> str:
    parser = _OldReader()
    parser.feed(page)
    parser.close()
    return "".join(parser.parts)


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def word_scores(found: str, gold: str) -> tuple[int, int, int]:
    """Words found and right, found, and in the gold (multisets)."""
    got, want = _words(found), _words(gold)
    return sum((got & want).values()), sum(got.values()), sum(want.values())


def _f1(right: int, found: int, gold: int) -> dict[str, float]:
    precision, recall = right / found if found else 0.0, right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def main_text() -> dict[str, Any]:
    """Both readers on every test article in boilerplate."""
    from educoop.loaders.text.read import _html

    pages = []
    for number, path in enumerate(ARTICLES):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        pages.append((page_of(title.strip(), text.strip(), number), f"{title}\n{text}"))
    result: dict[str, Any] = {"pages": len(pages)}
    for name, read in (
        ("trafilatura", lambda page: _html(page)[0]),
        ("old reader", old_reader),
    ):
        started = time.perf_counter()
        texts = [read(page) for page, _ in pages]
        seconds = time.perf_counter() - started
        scores = [word_scores(text, gold) for text, (_, gold) in zip(texts, pages, strict=True)]
        totals = [sum(column) for column in zip(*scores, strict=True)]
        result[name] = {**_f1(*totals), "pages_per_s": round(len(pages) / seconds, 1)}
    return result


def fetching(count: int) -> dict[str, Any]:
    """``count`` pages fetched from a local server and read."""
    from educoop import api
    from educoop.loaders.fetch import FetchOptions
    from educoop.loaders.text.read import read_article

    texts = [path.read_text(encoding="utf-8") for path in ARTICLES]

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path == "/robots.txt":
                data, kind = b"User-agent: *\nDisallow:\n", "text/plain"
            else:
                number = int(self.path.rsplit("/", 1)[-1].split(".")[0])
                title, _, text = texts[number % len(texts)].partition("\n")
                data, kind = page_of(title, text, number).encode(), "text/html; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with tempfile.TemporaryDirectory() as folder:
            options = FetchOptions(cache=Path(folder), rate=0, allow_private=True, workers=4)
            started = time.perf_counter()
            found = api.fetch([f"{base}/pages/{n}.html" for n in range(count)], options=options)
            fetched_s = time.perf_counter() - started
            started = time.perf_counter()
            for item in found.fetched:
                read_article(item.path)
            read_s = time.perf_counter() - started
    finally:
        server.shutdown()
        server.server_close()
    total = fetched_s + read_s
    return {
        "pages": len(found.fetched),
        "failed": len(found.failed),
        "fetch_s": round(fetched_s, 2),
        "main_text_s": round(read_s, 2),
        "pages_per_s": round(len(found.fetched) / total, 1),
        "main_text_share": round(read_s / total, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    print(json.dumps({"fetching": fetching(args.pages), "main_text": main_text()}, indent=1))


if __name__ == "__main__":
    main()
