"""PDF and Word files written by the tests: an article's paragraphs with a text layer, page
breaks where asked; a page that is only an image; a PDF locked with a password."""

from __future__ import annotations

import html
from pathlib import Path


def paragraphs_of(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def write_pdf(
    path: Path,
    paragraphs: list[str],
    *,
    break_before: int | None = None,
    password: str | None = None,
    title: str | None = None,
) -> Path:
    """Each paragraph wrapped over the page's width (as a real PDF's lines are), a new page
    before paragraph ``break_before``."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    style = getSampleStyleSheet()["BodyText"]
    story: list = []
    for number, paragraph in enumerate(paragraphs):
        if number == break_before:
            story.append(PageBreak())
        story += [Paragraph(html.escape(paragraph), style), Spacer(1, 8)]
    SimpleDocTemplate(str(path), pagesize=A4, encrypt=password, title=title or "").build(story)
    return path


def write_image_pdf(path: Path) -> Path:
    """A page with a drawing and no text: what a scanner makes."""
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path))
    for step in range(0, 400, 20):
        page.rect(100 + step / 4, 300 + step / 2, 200, 40, fill=1)
    page.save()
    return path


def write_docx(path: Path, paragraphs: list[str], *, items: list[str] = (), rows=()) -> Path:
    """The first paragraph as a heading, the rest as body text, then ``items`` as a bulleted
    list and ``rows`` as a table."""
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for paragraph in paragraphs[1:]:
        document.add_paragraph(paragraph)
    for item in items:
        document.add_paragraph(item, style="List Bullet")
    if rows:
        table = document.add_table(rows=0, cols=len(rows[0]))
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value
    document.save(str(path))
    return path
