"""Article extraction: English news articles and press releases (.txt, .md, .html) to records."""

from __future__ import annotations

from pathlib import Path

from educoop.loaders.records import LoadedFile
from educoop.loaders.text.cache import cached_records
from educoop.loaders.text.extract import extract_records, find_date, trained_pipeline
from educoop.loaders.text.read import ARTICLE_SUFFIXES, read_article

__all__ = ["ARTICLE_SUFFIXES", "extract_file", "trained_pipeline"]

# A dateline is near the top: the title, a byline, a date.
_DATELINE_CHARS = 400


def extract_file(path: str | Path, spacy_model: str | None = None) -> LoadedFile:
    """Extract an article's records. A date in its first lines dates the agreements whose
    sentence gives none; its first line (or HTML title) is its title. ``spacy_model`` names
    an installed trained spaCy pipeline whose organisations add to the rules' institutions."""
    article = read_article(path)
    published = find_date(article.text[:_DATELINE_CHARS])
    records = cached_records(
        article.text,
        article.title,
        spacy_model,
        lambda: extract_records(
            article.text, published, title=article.title, spacy_model=spacy_model
        ),
    )
    if records.document is not None:
        records.document.text = article.text
    return LoadedFile(article.source, article.sha256, records)
