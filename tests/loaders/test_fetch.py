"""Fetching against a real HTTP server on 127.0.0.1 (tests/webserver.py): politeness,
limits, safety, feeds and sitemaps, and ingesting what was fetched with its URL."""

from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from educoop import api
from educoop.errors import InputError
from educoop.graph.stores.sqlite import SQLiteStore
from educoop.loaders.feeds import fetch_sources
from educoop.loaders.fetch import Fetcher, FetchOptions, user_agent
from educoop.web.app import create_app
from tests.webserver import TOWNS, serving

STORY = (
    "Aldermere College signed a twinning agreement with Brackenfield School on Monday, "
    "4 March 2024.\n\nThe schools will exchange twenty pupils a year."
)


@pytest.fixture
def server():
    with serving() as served:
        served.story["/news/signing.html"] = STORY
        yield served


def options(tmp_path, **changed):
    chosen = {"cache": tmp_path / "cache", "rate": 0, "allow_private": True, "timeout": 0.5}
    return FetchOptions(**(chosen | changed))


def test_a_page_is_fetched_into_the_cache_with_its_provenance(server, tmp_path):
    url = f"{server.base}/news/signing.html"
    with Fetcher(options(tmp_path)) as fetcher:
        fetched = fetcher.fetch(url)
    assert fetched.url == fetched.final_url == url
    assert fetched.status == 200 and fetched.content_type == "text/html"
    assert fetched.etag and fetched.changed
    assert fetched.path.read_bytes().startswith(b"<!DOCTYPE html>")
    assert fetched.path.name == f"{fetched.sha256}.html"
    assert fetched.fetched_at.endswith("Z")
    [(_, headers)] = [r for r in server.requests if r[0] == "/news/signing.html"]
    assert headers["User-Agent"] == user_agent() and user_agent().startswith("educoop/")


def test_fetching_again_asks_conditionally_and_changes_nothing(server, tmp_path):
    url = f"{server.base}/news/signing.html"
    with Fetcher(options(tmp_path)) as fetcher:
        first = fetcher.fetch(url)
    with Fetcher(options(tmp_path)) as fetcher:
        again = fetcher.fetch(url)
    [_, (_, headers)] = [r for r in server.requests if r[0] == "/news/signing.html"]
    assert headers["If-None-Match"] == first.etag
    assert not again.changed and again.sha256 == first.sha256 and again.path == first.path


def test_robots_txt_is_honoured(server, tmp_path):
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(InputError, match=r"robots\.txt"):
        fetcher.fetch(f"{server.base}/private/secret.html")
    assert "/private/secret.html" not in server.paths()
    assert server.paths() == ["/robots.txt"]


def test_a_redirect_is_followed_and_its_end_kept(server, tmp_path):
    with Fetcher(options(tmp_path)) as fetcher:
        fetched = fetcher.fetch(f"{server.base}/old")
    assert fetched.url == f"{server.base}/old"
    assert fetched.final_url == f"{server.base}/items/1.html"


def test_a_500_is_retried_until_it_answers(server, tmp_path):
    with Fetcher(options(tmp_path)) as fetcher:
        fetched = fetcher.fetch(f"{server.base}/flaky")
    assert fetched.status == 200 and server.flaky_calls == 2


def test_a_429_is_retried_after_the_wait_it_asks_for(server, tmp_path):
    with Fetcher(options(tmp_path)) as fetcher:
        fetched = fetcher.fetch(f"{server.base}/busy")
    assert fetched.status == 200 and server.busy_calls == 2


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/slow", "timed out after 0.5 s"),
        ("/huge", "3,000,006 bytes, over the limit of 1,000,000 bytes"),
        ("/bomb", "over the limit of 1,000,000 bytes: cut off"),
        ("/picture", "content type 'image/png' is not one educoop reads"),
        ("/to-file", "only http and https URLs are fetched (redirected to file:///etc/passwd)"),
    ],
)
def test_each_bad_source_gets_one_line_naming_it(server, tmp_path, path, message):
    url = f"{server.base}{path}"
    fetcher = Fetcher(options(tmp_path, max_bytes=1_000_000))
    with fetcher, pytest.raises(InputError) as caught:
        fetcher.fetch(url)
    assert str(caught.value).startswith(url) and message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "cache" / "bodies").exists()


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x", "http://[::1]:9/x", "http://169.254.1.1/"])
def test_private_loopback_and_link_local_addresses_are_refused_by_default(tmp_path, url):
    fetcher = Fetcher(options(tmp_path, allow_private=False))
    with fetcher, pytest.raises(InputError, match="--allow-private"):
        fetcher.fetch(url)


def test_other_schemes_are_refused(tmp_path):
    fetcher = Fetcher(options(tmp_path))
    with fetcher, pytest.raises(InputError, match="only http and https"):
        fetcher.fetch("file:///etc/passwd")


def test_the_rate_limit_spaces_requests_to_one_host(server, tmp_path):
    import time

    started = time.monotonic()
    with Fetcher(options(tmp_path, rate=10)) as fetcher:
        for number in range(4):
            fetcher.fetch(f"{server.base}/items/{number}.html")
    # robots.txt and four pages: five requests, at least 0.1 s apart.
    assert time.monotonic() - started >= 0.4


@pytest.mark.parametrize("feed", ["/feed.xml", "/atom.xml"])
def test_a_feed_stands_for_its_twenty_items(server, tmp_path, feed):
    with Fetcher(options(tmp_path)) as fetcher:
        found = fetch_sources(fetcher, feeds=[f"{server.base}{feed}"])
    assert not found.failed
    assert [item.url for item in found.fetched] == [
        f"{server.base}/items/{n}.html" for n in range(20)
    ]


def test_a_sitemap_stands_for_its_pages_and_a_billion_laughs_is_refused(server, tmp_path):
    with Fetcher(options(tmp_path)) as fetcher:
        found = fetch_sources(
            fetcher, [f"{server.base}/laughs.xml"], sitemaps=[f"{server.base}/sitemap.xml"]
        )
    assert [item.url for item in found.fetched] == [
        f"{server.base}/items/{n}.html" for n in range(3)
    ]
    [line] = found.failed.values()
    assert line.startswith(f"{server.base}/laughs.xml: XML refused: EntitiesForbidden")


def test_ingesting_a_feed_loads_every_item_with_its_url(server, tmp_path, run_cli):
    feed = f"{server.base}/feed.xml"
    first = f"{server.base}/items/0.html"
    cache = str(tmp_path / "cache")
    args = ("ingest", feed, "--allow-private", "--rate", "0", "--fetch-cache", cache)
    result = run_cli(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    with SQLiteStore(run_cli.store, read_only=True) as store:
        graph = store.to_networkx()
        documents = {
            attrs["url"]: attrs
            for _, attrs in graph.nodes(data=True)
            if attrs.get("label") == "Document"
        }
        partners = api.query(store, "partners", {"name": "Lakeside Normal University"})
        [profile] = api.query(store, "profile", {"name": f"{TOWNS[0]} College"})
        document = next(n for n, attrs in graph.nodes(data=True) if attrs.get("url") == first)
        page = TestClient(create_app(store)).get(f"/document/{document}").text
    assert profile["sources"] == [first]
    assert f'<a href="{first}" rel="noopener noreferrer nofollow">{first}</a>' in page
    assert sorted(documents) == sorted(f"{server.base}/items/{n}.html" for n in range(20))
    assert all(d["source"] == d["url"] and d["fetched_at"] for d in documents.values())
    assert sorted(row["partner"] for row in partners) == sorted(f"{t} College" for t in TOWNS)
    # Again: conditional requests for what was fetched, and nothing changes.
    before = json.loads(run_cli("stats", "--format", "json").output)
    requests = len(server.requests)
    again = run_cli(*args, "--format", "json")
    assert again.exit_code == 0, again.output
    assert json.loads(run_cli("stats", "--format", "json").output) == before
    asked_again = [r for r in server.requests[requests:] if r[0] != "/robots.txt"]
    assert len(asked_again) == 21  # the feed and its twenty items
    assert all("If-None-Match" in headers for _, headers in asked_again)


def test_a_page_that_changed_replaces_its_older_version_unless_kept(server, tmp_path):
    url = f"{server.base}/news/signing.html"
    fetch = options(tmp_path)
    changed = STORY.replace("Brackenfield School", "Cobblestone School")
    for keep, expected in (
        (False, {"Cobblestone School"}),
        (True, {"Brackenfield School", "Cobblestone School"}),
    ):
        server.story["/news/signing.html"] = STORY
        with SQLiteStore(tmp_path / f"{keep}.db") as store:
            assert api.ingest(store, [url], fetch=fetch).ok
            server.story["/news/signing.html"] = changed
            report = api.ingest(store, [url], fetch=fetch, keep_versions=keep)
            assert report.ok, report.failed
            partners = api.query(store, "partners", {"name": "Aldermere College"})
            assert {row["partner"] for row in partners} == expected
            documents = [
                n for n, label in store.to_networkx().nodes(data="label") if label == "Document"
            ]
            assert len(documents) == (2 if keep else 1)


def test_a_bad_url_fails_alone_with_one_line_and_the_good_one_loads(server, tmp_path, run_cli):
    good, bad = f"{server.base}/items/4.html", f"{server.base}/missing"
    cache = str(tmp_path / "cache")
    result = run_cli("ingest", bad, good, "--allow-private", "--rate", "0", "--fetch-cache", cache)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert errors == [f"Error: {bad}: HTTP 404 Not Found"]
    assert "Traceback" not in result.output
    assert json.loads(run_cli("stats", "--format", "json").output)["nodes"]["Document"] == 1


def test_fetch_then_ingest_from_the_cache_without_a_request(server, tmp_path, run_cli):
    cache = str(tmp_path / "cache")
    fetched = run_cli(
        "fetch", "--feed", f"{server.base}/atom.xml", "--allow-private", "--rate", "0",
        "--fetch-cache", cache, "--format", "json",
    )  # fmt: skip
    assert fetched.exit_code == 0, fetched.output
    rows = json.loads(fetched.output)
    assert len(rows) == 20 and all(row["status"] == 200 and row["changed"] for row in rows)
    asked = len(server.requests)
    loaded = run_cli("ingest", "--from-cache", "--fetch-cache", cache, "--format", "json")
    assert loaded.exit_code == 0, loaded.output
    assert len(server.requests) == asked
    sources = sorted(row["source"] for row in json.loads(loaded.output)["loaded"])
    assert sources == sorted(f"{server.base}/items/{n}.html" for n in range(20))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://[::1", "not a valid URL"),
        ("http://reader:s3cret@example.org/news", "user name or password are not fetched"),
        (f"http://{'a' * 64}.example.org/", "cannot resolve"),
    ],
)
def test_odd_urls_get_one_line_and_never_show_a_password(tmp_path, url, message):
    fetcher = Fetcher(options(tmp_path, allow_private=False))
    with fetcher:
        [(_, outcome)] = list(fetcher.fetch_all([url]))
    assert isinstance(outcome, InputError) and message in str(outcome)
    assert "s3cret" not in str(outcome)


def test_an_unreachable_host_says_so_rather_than_blaming_robots_txt(tmp_path):
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(InputError) as caught:
        fetcher.fetch("http://127.0.0.1:9/news")
    assert "cannot fetch" in str(caught.value) and "disallows" not in str(caught.value)


def test_stacked_content_encodings_are_refused(server, tmp_path):
    with Fetcher(options(tmp_path)) as fetcher, pytest.raises(InputError, match="encoding"):
        fetcher.fetch(f"{server.base}/stacked")


def test_a_latin1_page_with_a_non_ascii_etag_is_kept_as_utf8_and_fetched_again(server, tmp_path):
    url = f"{server.base}/cafe"
    with Fetcher(options(tmp_path)) as fetcher:
        first = fetcher.fetch(url)
        again = fetcher.fetch(url)
    assert "Caf\u00e9 signing" in first.path.read_text(encoding="utf-8")
    assert first.etag is None and again.sha256 == first.sha256
    [_, (_, headers)] = [r for r in server.requests if r[0] == "/cafe"]
    assert "If-None-Match" not in headers


def test_relative_feed_links_are_read_against_the_feed(server, tmp_path):
    with Fetcher(options(tmp_path)) as fetcher:
        found = fetch_sources(fetcher, feeds=[f"{server.base}/relative-feed.xml"])
    assert [item.url for item in found.fetched] == [
        f"{server.base}/items/5.html",
        f"{server.base}/items/6.html",
    ]


def test_a_page_that_fails_to_load_again_leaves_its_older_version(server, tmp_path):
    url = f"{server.base}/news/signing.html"
    with SQLiteStore(tmp_path / "s.db") as store:
        assert api.ingest(store, [url], fetch=options(tmp_path)).ok
        server.story["/news/signing.html"] = "Binary \x00 junk"
        report = api.ingest(store, [url], fetch=options(tmp_path))
        assert list(report.failed) == [url] and "binary file" in report.failed[url][0]
        assert list(store.document_names().values()) == [url]
        partners = api.query(store, "partners", {"name": "Aldermere College"})
    assert [row["partner"] for row in partners] == ["Brackenfield School"]
