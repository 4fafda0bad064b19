"""PDF and Word articles: the same agreements as the article as text, each PDF evidence with
its page, and one clear line for a file that cannot be read."""

from __future__ import annotations

import pytest

from educoop.errors import InputError
from educoop.loaders.text import extract_file
from educoop.loaders.text.read import read_article
from tests.conftest import DATA
from tests.documents import paragraphs_of, write_docx, write_image_pdf, write_pdf

ARTICLES = DATA / "articles"


def _agreements(path):
    records = extract_file(path).records
    return [
        (sorted(map(sorted, a.sides)), str(a.kind), str(a.date), a.evidence)
        for a in records.agreements
    ]


@pytest.mark.parametrize(
    "name", ["darwin-makassar-branch-campus", "chengdu-chongqing-basic-education-alliance"]
)
def test_a_pdf_gives_the_agreements_of_its_text_and_each_evidence_names_its_page(tmp_path, name):
    text = (ARTICLES / f"{name}.txt").read_text()
    paragraphs = paragraphs_of(text)
    pdf = write_pdf(tmp_path / f"{name}.pdf", paragraphs, break_before=5)
    as_text = tmp_path / f"{name}.txt"
    as_text.write_text("\n\n".join(paragraphs))
    expected = _agreements(as_text)
    assert len(expected) >= 3
    assert _agreements(pdf) == expected
    records = extract_file(pdf).records
    # Evidence in the first five paragraphs is on page 1, the rest on page 2.
    second_page_starts = records.document.text.index(paragraphs[5][:40])
    pages = [a.page for a in records.agreements]
    assert pages == [1 if a.evidence_start < second_page_starts else 2 for a in records.agreements]
    assert set(pages) == {1, 2}
    assert records.document.text[records.agreements[-1].evidence_start :].startswith(
        records.agreements[-1].evidence[:20]
    )


LONG = "A long paragraph that wraps, " * 12 + "and ends."


def test_a_pdf_keeps_its_title_and_paragraphs(tmp_path):
    pdf = write_pdf(
        tmp_path / "a.pdf",
        ["Alpha College and Beta School pair up", LONG, "Short one."],
        title="Two schools pair up",
    )
    article = read_article(pdf)
    assert article.title == "Two schools pair up"
    # A paragraph wrapped over several lines is one paragraph again.
    assert article.text.split("\n\n") == [
        "Alpha College and Beta School pair up",
        LONG,
        "Short one.",
    ]
    assert article.pages == (0,)


def test_a_word_document_gives_the_agreements_of_its_text_with_its_lists_and_tables(tmp_path):
    text = (ARTICLES / "darwin-makassar-branch-campus.txt").read_text()
    paragraphs = paragraphs_of(text)
    word = write_docx(
        tmp_path / "a.docx",
        paragraphs,
        items=["Westfield University", "Harbin Marine College"],
        rows=[("Alpha College", "Beta School")],
    )
    as_text = tmp_path / "a.txt"
    as_text.write_text("\n\n".join(paragraphs))
    assert _agreements(word) == _agreements(as_text)
    body = read_article(word).text
    assert "\n\n- Westfield University\n\n- Harbin Marine College\n\n" in body
    assert body.endswith("| Alpha College | Beta School |")


@pytest.mark.parametrize(
    ("name", "write", "message"),
    [
        ("scan.pdf", write_image_pdf, "no text layer: run OCR first"),
        (
            "locked.pdf",
            lambda p: write_pdf(p, ["Alpha College signed with Beta School."], password="s3cret"),
            "encrypted PDF",
        ),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\n%garbage\n"), "not a readable PDF"),
        ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), "not a readable Word"),
        ("empty.docx", lambda p: write_docx(p, [" "]), "no text in this article"),
    ],
)
def test_a_document_that_cannot_be_read_gets_one_line(tmp_path, name, write, message):
    path = tmp_path / name
    write(path)
    with pytest.raises(InputError, match=message) as caught:
        read_article(path)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_html_keeps_the_main_text_and_leaves_navigation_and_footers_out(tmp_path):
    story = "Alpha College signed a twinning agreement with Beta School on Monday. " * 3
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>Twin schools</title>"
        '<meta property="article:published_time" content="2024-05-21T08:00:00+08:00">'
        "</head><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/n'>News</a></li>"
        "<li><a href='/c'>Gamma University admissions</a></li></ul></nav>"
        f"<article><h1>Twin schools</h1><p>{story}</p><p>The two schools will exchange "
        "teachers.</p></article><aside><h3>Related</h3><ul><li><a href='/x'>Delta Institute "
        "opens a lab</a></li></ul></aside><footer>Copyright Epsilon Media Group</footer>"
        "</body></html>"
    )
    article = read_article(page)
    assert article.title == "Twin schools"
    assert article.published == "2024-05-21"
    assert article.text.startswith("Twin schools\n\nAlpha College signed")  # the <h1>
    for boilerplate in ("Home", "Gamma University", "Delta Institute", "Epsilon"):
        assert boilerplate not in article.text
    # The markup's date is the article's, since the text gives none: "on Monday" is the
    # day before that Tuesday.
    [agreement] = extract_file(page).records.agreements
    assert agreement.date.value == "2024-05-20"


def test_an_ingested_pdf_shows_the_page_of_each_evidence(tmp_path):
    from educoop import api
    from educoop.graph.evidence import agreement_view
    from educoop.graph.stores.sqlite import SQLiteStore

    paragraphs = paragraphs_of((ARTICLES / "darwin-makassar-branch-campus.txt").read_text())
    pdf = write_pdf(tmp_path / "darwin.pdf", paragraphs, break_before=5)
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [pdf]).ok
        graph = store.to_networkx()
        agreements = [n for n, label in graph.nodes(data="label") if label == "Agreement"]
        pages = sorted(
            report.page for node in agreements for report in agreement_view(graph, node).reports
        )
    assert pages[0] == 1 and pages[-1] == 2
