"""Article extraction: English and Chinese news articles and press releases (.txt, .md,
.html, .pdf, .docx) to records."""

from __future__ import annotations

from pathlib import Path

from educoop.graph.model import PartialDate
from educoop.loaders.records import LoadedFile, RecordFile
from educoop.loaders.text.cache import cached_records
from educoop.loaders.text.chinese import extract_chinese, published_date
from educoop.loaders.text.chinese_script import is_chinese, merged, split_by_script
from educoop.loaders.text.extract import extract_records, find_date
from educoop.loaders.text.pipeline import trained_pipeline
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
    published = find_date(article.text[:_DATELINE_CHARS]) or published_date(article.text)
    if published is None and article.published:
        published = PartialDate.parse(article.published)
    records = cached_records(
        article.text,
        article.title,
        spacy_model,
        lambda: _by_script(article.text, published, article.title, spacy_model),
        article.published,
    )
    if records.document is not None:
        records.document.text = article.text
    for agreement in records.agreements:
        if agreement.evidence_start is not None:
            agreement.page = article.page_at(agreement.evidence_start)
    return LoadedFile(article.source, article.sha256, records)


def _by_script(
    text: str, published: PartialDate | None, title: str | None, spacy_model: str | None
) -> RecordFile:
    """Each line read by the reader of its script, English or Chinese. A bilingual
    article is read twice, each reader seeing its own lines with the others blanked (so
    that offsets stay the article's); the reading of its main script leads (``merged``)."""
    english, chinese = split_by_script(text)
    if not chinese.strip():
        return extract_records(text, published, title=title, spacy_model=spacy_model)
    if not english.strip():
        return extract_chinese(text, published, title)
    in_english = extract_records(english, published, title=title, spacy_model=spacy_model)
    in_chinese = extract_chinese(chinese, published, title)
    if is_chinese(text):
        return merged(in_chinese, in_english)
    return merged(in_english, in_chinese)
