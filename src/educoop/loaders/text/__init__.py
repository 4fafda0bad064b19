"""Article extraction: English news articles and press releases (.txt, .md, .html, .pdf,
.docx) to records."""

from __future__ import annotations

from pathlib import Path

from educoop.graph.model import PartialDate
from educoop.loaders.records import LoadedFile
from educoop.loaders.text.cache import cached_records
from educoop.loaders.text.extract import extract_records, find_date, trained_pipeline
from educoop.loaders.text.read import ARTICLE_SUFFIXES, read_article

__all__ = ["ARTICLE_SUFFIXES", "extract_file", "trained_pipeline"]

# A dateline is near the top: the title, a byline, a date.
_DATELINE_CHARS = 400


def extract_file(path: str | Path, spacy_model: str | None = None) -> LoadedFile:
    """Extract an article's records. A date in its first lines (else the date its page's
    markup gives) dates the agreements whose sentence gives none; its first line (or its
    page's or document's title) is its title; a PDF's agreements name the page of their
    evidence. ``spacy_model`` names an installed trained spaCy pipeline whose organisations
    add to the rules' institution candidates."""
    article = read_article(path)
    published = find_date(article.text[:_DATELINE_CHARS])
    if published is None and article.published:
        published = PartialDate.parse(article.published)
    records = cached_records(
        article.text,
        article.title,
        spacy_model,
        lambda: extract_records(
            article.text, published, title=article.title, spacy_model=spacy_model
        ),
        article.published,
    )
    if records.document is not None:
        records.document.text = article.text
    for agreement in records.agreements:
        if agreement.evidence_start is not None:
            agreement.page = article.page_at(agreement.evidence_start)
    return LoadedFile(article.source, article.sha256, records)
