"""Read an article as plain text, with its title, its published date when the file says, and
for a PDF the offset at which each page starts.

- .txt and .md as they are (Markdown loses its heading marks and emphasis);
- .html and .htm through trafilatura: the main text without navigation, related links,
  comments and footers; list items keep a "- " mark and table rows their cells; the date
  comes from the page's markup (meta tags, structured data), never guessed from its text;
- .pdf through pypdf, page by page, lines that wrap a paragraph joined again;
- .docx through python-docx: paragraphs, list items and table rows in order.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from educoop.errors import InputError, first_line
from educoop.loaders.files import read_bytes, read_text

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
# Articles are news pieces and press releases; past this size a text file is not one.
MAX_ARTICLE_BYTES = 5_000_000
# A PDF or Word file carries fonts and images beside its text.
MAX_DOCUMENT_BYTES = 50_000_000
# Emphasis in Markdown: "**bold**", "_italic_". Its span is bounded: unbounded, each mark
# never closed in one enormous line searched to the end of it (quadratic, hours for 5 MB).
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S.{0,1000}?\S|\S)\1")
# trafilatura's line under a table's header row.
_TABLE_RULE = re.compile(r"^\|(?:-+\|)+\s*$")
# A line that ends a paragraph of a PDF: its sentence ends, or a list item or heading could.
_CLOSED = re.compile(r"[.!?:;\"\u201d\u2019)]\s*$")
_ITEM = re.compile(r"^\s*(?:[-\u2022*\u25aa\u2013]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")


@dataclass(frozen=True)
class Article:
    source: str
    text: str
    sha256: str
    title: str | None
    published: str | None = None  # YYYY-MM-DD from a page's markup
    pages: tuple[int, ...] = ()  # of a PDF, the offset in ``text`` where each page starts

    def page_at(self, offset: int) -> int | None:
        """The PDF page (from 1) that holds ``offset`` of the text; None for other files."""
        if not self.pages:
            return None
        return sum(1 for start in self.pages if start <= offset) or 1


def read_article(path: str | Path) -> Article:
    """The article's plain text, title and date. The title is the page's or the document's
    own, else the first line."""
    path = Path(path)
    suffix = path.suffix.lower()
    title = published = None
    pages: tuple[int, ...] = ()
    if suffix in (".pdf", ".docx"):
        data = read_bytes(path, max_bytes=MAX_DOCUMENT_BYTES, what="a document")
        sha256 = hashlib.sha256(data).hexdigest()
        if suffix == ".pdf":
            texts, title = _pdf(data, str(path))
            text, pages = _joined_pages(texts)
        else:
            text, title = _docx(data, str(path))
    else:
        raw, sha256 = read_text(path, max_bytes=MAX_ARTICLE_BYTES, what="an article")
        if suffix in (".html", ".htm"):
            text, title, published = _html(raw)
        elif suffix == ".md":
            text = _EMPHASIS.sub(r"\2", re.sub(r"^#{1,6}\s*", "", raw, flags=re.MULTILINE))
        else:
            text = raw
    if not pages:
        text = _tidy(text)
    if not text:
        raise InputError(str(path), "no text in this article")
    if title is None:
        first = text.split("\n", 1)[0].strip()
        title = first if len(first) <= 200 else None
    return Article(str(path), text, sha256, title, published, pages)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def _html(raw: str) -> tuple[str, str | None, str | None]:
    """The main text of a page, its title, and the date its markup gives."""
    import trafilatura
    from trafilatura.settings import Document

    found = trafilatura.bare_extraction(
        raw,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        with_metadata=True,
        # The markup only: a date searched for in the text is a guess ("October 2022"
        # came back as 1 January), and the text's own dateline is read by the extractor.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(found, Document) or not found.text:
        return "", None, None
    title = " ".join((found.title or "").split()) or None
    lines = [line.strip() for line in found.text.splitlines()]
    lines = [line for line in lines if line and not _TABLE_RULE.match(line)]
    # Each block a paragraph, as the extractor reads a text file's blank lines.
    return "\n\n".join(lines), title, found.date


def _pdf(data: bytes, shown: str) -> tuple[list[str], str | None]:
    """Each page's text, and the document's title."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many kinds on a broken file
        raise InputError(shown, f"not a readable PDF: {first_line(exc)}") from None
    if encrypted:
        try:
            opened = bool(reader.decrypt(""))  # an owner password alone still lets it be read
        except Exception:  # a cipher pypdf cannot undo without extra packages
            opened = False
        if not opened:
            raise InputError(shown, "encrypted PDF: give educoop a copy without a password")
    try:
        texts = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except Exception as exc:
        raise InputError(shown, f"not a readable PDF: {first_line(exc)}") from None
    if not any(text.strip() for text in texts):
        raise InputError(shown, "no text layer: run OCR first")
    return texts, (" ".join(str(title).split()) or None) if title else None


def _joined_pages(texts: list[str]) -> tuple[str, tuple[int, ...]]:
    """The pages' paragraphs as one text, and where each page starts in it."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for text in texts:
        page = _paragraphs(text)
        starts.append(at)
        if page:
            parts.append(page)
            at += len(page) + 2
    return "\n\n".join(parts), tuple(starts)


def _paragraphs(page: str) -> str:
    """A PDF page's lines joined back into paragraphs: a line goes on with the next unless
    it closes a sentence, is short (the last line of a paragraph), or the next is an item."""
    lines = [" ".join(line.split()) for line in page.splitlines()]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current and _ITEM.match(line):
            paragraphs.append(current)
            current = ""
        current = f"{current} {line}" if current else line
        if _CLOSED.search(line) or len(line) < 0.6 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _docx(data: bytes, shown: str) -> tuple[str, str | None]:
    """A Word document's paragraphs, list items and table rows in order, and its title."""
    import docx
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                blocks.append(_docx_paragraph(block))
            else:  # a table
                for row in block.rows:
                    cells = [" ".join(cell.text.split()) for cell in row.cells]
                    blocks.append("| " + " | ".join(cells) + " |")
    except Exception as exc:  # python-docx raises zipfile's, lxml's and its own
        raise InputError(shown, f"not a readable Word document: {first_line(exc)}") from None
    title = document.core_properties.title
    return "\n\n".join(block for block in blocks if block.strip()), (title or None)


def _docx_paragraph(paragraph: Any) -> str:
    text = paragraph.text.strip()
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    return f"- {text}" if text and style.lower().startswith("list") else text
