"""The links of news feeds (RSS and Atom, through feedparser) and sitemaps (through
defusedxml), and the fetching of a list of sources in which feeds and sitemaps stand for
the pages they list.

Every XML body is parsed by defusedxml first: a document type that declares entities (the
billion laughs) or points outside (external entities) is refused before any parser expands
it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from educoop.errors import InputError, first_line
from educoop.loaders.fetch import Fetched, Fetcher

# Tags (without namespace) of the root element, by what the body is.
_FEEDS = {"rss", "feed", "RDF"}
_SITEMAPS = {"urlset", "sitemapindex"}
# Nested sitemap indexes are followed this deep.
_MAX_SITEMAP_DEPTH = 3


def _parsed(data: bytes, source: str) -> Element:
    """The XML's root element, by defusedxml: refused if it declares entities."""
    try:
        return fromstring(data)
    except DefusedXmlException as exc:
        reason = f"XML refused: {type(exc).__name__} (entities are not expanded)"
        raise InputError(source, reason) from None
    except Exception as exc:  # ParseError, and expat's errors
        raise InputError(source, f"not well-formed XML: {first_line(exc)}") from None


def _tag(element: Element) -> str:
    """An element's tag without its namespace."""
    return str(element.tag).rsplit("}", 1)[-1]


def feed_links(data: bytes, source: str, base: str | None = None) -> list[str]:
    """The links of a feed's items, in its order, relative ones read against ``base`` (the
    feed's own URL)."""
    import feedparser

    _parsed(data, source)  # refused here if it is hostile
    parsed = feedparser.parse(data)
    links = [
        urljoin(base or source, str(entry.get("link")).strip())
        for entry in parsed.entries
        if entry.get("link")
    ]
    if not links and parsed.get("bozo"):
        raise InputError(source, "not an RSS or Atom feed")
    return list(dict.fromkeys(links))


def sitemap_links(root: Element, base: str) -> tuple[list[str], list[str]]:
    """A sitemap's pages, and the sitemaps a sitemap index lists, relative ones read
    against ``base`` (the sitemap's own URL)."""
    locations = [(element.text or "").strip() for element in root.iter() if _tag(element) == "loc"]
    locations = [urljoin(base, location) for location in locations if location]
    if _tag(root) == "sitemapindex":
        return [], locations
    return locations, []


@dataclass
class Sources:
    """What fetching a list of sources gave: the pages and documents fetched (feeds and
    sitemaps stand for what they list), and the errors, one line each, by URL."""

    fetched: list[Fetched] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def fetch_sources(
    fetcher: Fetcher,
    urls: Iterable[str] = (),
    *,
    feeds: Iterable[str] = (),
    sitemaps: Iterable[str] = (),
    on_done: Callable[[str], None] | None = None,
) -> Sources:
    """Fetch ``urls`` (a feed or a sitemap among them is read for its links), the items of
    ``feeds`` and the pages of ``sitemaps``; every page at most once, in the order found."""
    found = Sources()
    pages: list[str] = []
    lists: list[tuple[str, str | None]] = [(url, None) for url in urls]
    lists += [(url, "feed") for url in feeds]
    lists += [(url, "sitemap") for url in sitemaps]
    depth = 0
    while lists and depth <= _MAX_SITEMAP_DEPTH:
        more: list[tuple[str, str | None]] = []
        for (url, outcome), (_, expected) in zip(
            fetcher.fetch_all([url for url, _ in lists], on_done), lists, strict=True
        ):
            if isinstance(outcome, InputError):
                found.failed[url] = str(outcome)
                continue
            if outcome.path.suffix != ".xml":
                if expected is not None:
                    found.failed[url] = f"{url}: a page, not a {expected}"
                else:
                    found.fetched.append(outcome)
                continue
            try:
                data = outcome.path.read_bytes()
                root = _parsed(data, url)
                tag = _tag(root)
                if tag in _SITEMAPS and expected != "feed":
                    listed, nested = sitemap_links(root, outcome.final_url)
                    pages += listed
                    more += [(nested_url, "sitemap") for nested_url in nested]
                elif tag in _FEEDS and expected != "sitemap":
                    pages += feed_links(data, url, outcome.final_url)
                else:
                    raise InputError(url, f"XML that is neither a feed nor a sitemap ({tag})")
            except InputError as exc:
                found.failed[url] = str(exc)
        lists, depth = more, depth + 1
    for url, outcome in fetcher.fetch_all(dict.fromkeys(pages), on_done):
        if isinstance(outcome, InputError):
            found.failed[url] = str(outcome)
        elif outcome.path.suffix == ".xml":
            found.failed[url] = f"{url}: a feed item that is XML, not a page"
        else:
            found.fetched.append(outcome)
    return found
