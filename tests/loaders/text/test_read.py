import pytest

from educoop.errors import InputError
from educoop.loaders.text.read import MAX_ARTICLE_BYTES, read_article


def test_html_loses_scripts_styles_and_markup(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Twin schools</title><style>p{color:red}</style></head><body>"
        "<script>var signed = 'Fake College signed with Fake School';</script>"
        "<p>Alpha College signed an agreement with Beta School.</p></body></html>"
    )
    article = read_article(page)
    assert article.title == "Twin schools"
    assert article.text == "Alpha College signed an agreement with Beta School."


def test_markdown_loses_heading_marks_and_emphasis(tmp_path):
    page = tmp_path / "a.md"
    page.write_text("# Twin schools\n\n**Alpha College** signed with _Beta School_.\n")
    article = read_article(page)
    assert article.title == "Twin schools"
    assert article.text.endswith("Alpha College signed with Beta School.")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no text in this article"),
        (b"  \n\n ", "no text in this article"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("Caf\u00e9 news\n".encode("latin-1"), "not valid UTF-8 text"),
        (b"<html><script>only()</script></html>", "no text in this article"),
    ],
)
def test_bad_articles_get_one_clear_error(tmp_path, content, message):
    path = tmp_path / ("a.html" if content.startswith(b"<html") else "a.txt")
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_article(path)
    assert str(caught.value).startswith(str(path))


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(InputError, match="too large for an article"):
        read_article(path)


def test_html_list_items_keep_a_list_mark(tmp_path):
    page = tmp_path / "members.html"
    page.write_text(
        "<html><body><p>Founding members include:</p><ul><li>Westfield University</li>"
        "<li>Harbin Marine College</li></ul></body></html>"
    )
    text = read_article(page).text
    assert "\n- Westfield University\n" in text
    assert text.endswith("- Harbin Marine College")
