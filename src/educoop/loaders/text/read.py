"""Read an article (.txt, .md, .html) as plain text, with its title and date when it says."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from educoop.errors import InputError
from educoop.loaders.files import read_text

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
# Articles are news pieces and press releases; past this size a file is not one.
MAX_ARTICLE_BYTES = 5_000_000
# Emphasis in Markdown: "**bold**", "_italic_". Its span is bounded: unbounded, each mark
# never closed in one enormous line searched to the end of it (quadratic, hours for 5 MB).
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S.{0,1000}?\S|\S)\1")


@dataclass(frozen=True)
class Article:
    source: str
    text: str
    sha256: str
    title: str | None


class _TextOfHtml(HTMLParser):
    """The visible text of an HTML page: no scripts, styles or markup; blocks on new lines."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skipping += 1
        elif tag == "li":
            # A list item keeps its mark: items are read as a list's items.
            self.parts.append("\n- ")
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data)


def read_article(path: str | Path) -> Article:
    """The article's plain text. HTML loses its markup, scripts and styles; Markdown its
    heading marks and emphasis. The title is the HTML title or the first line."""
    path = Path(path)
    raw, sha256 = read_text(path, max_bytes=MAX_ARTICLE_BYTES, what="an article")
    title = None
    if path.suffix.lower() in (".html", ".htm"):
        parser = _TextOfHtml()
        parser.feed(raw)
        parser.close()
        text = "".join(parser.parts)
        title = " ".join("".join(parser.title).split()) or None
    else:
        text = raw
        if path.suffix.lower() == ".md":
            text = re.sub(r"^#{1,6}\s*", "", text, flags=re.MULTILINE)
            text = _EMPHASIS.sub(r"\2", text)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text).strip()
    if not text:
        raise InputError(str(path), "no text in this article")
    if title is None:
        first = text.split("\n", 1)[0].strip()
        title = first if len(first) <= 200 else None
    return Article(str(path), text, sha256, title)
