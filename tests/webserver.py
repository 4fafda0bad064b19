"""A real HTTP server on 127.0.0.1 for the fetching tests, serving pages written for the
project: a news page with navigation, ads, comments and related links; robots.txt; redirects;
404; a 500 that turns into 200; a slow response; an oversize body and a gzip bomb; a wrong
content type; RSS and Atom feeds of 20 items; a sitemap; a billion-laughs XML. It records
every request (path and headers) it was sent."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOWNS = [
    "Ashbourne", "Belcombe", "Carrowmore", "Dunleigh", "Elmstead", "Farrowdale", "Glenmarsh",
    "Hartwell", "Ivelwick", "Kestrelby", "Lowmoor", "Marrowfield", "Northcote", "Oakenham",
    "Pellsworth", "Quennell", "Rowanbridge", "Selwick", "Thornbeck", "Uffingworth",
]  # fmt: skip


def item_story(number: int) -> str:
    town = TOWNS[number]
    return (
        f"{town} College signed a memorandum of understanding with Lakeside Normal "
        f"University on 3 March 2024. The two institutions will exchange teachers."
    )


def news_page(title: str, story: str) -> str:
    """An article as a news site serves it: navigation, an ad, the story, comments,
    related links and a footer, each naming other bodies that are not in the story."""
    paragraphs = "".join(f"<p>{part}</p>" for part in story.split("\n\n"))
    filler = "<p>" + "Officials said the arrangement would run for five years. " * 4 + "</p>"
    return f"""<!DOCTYPE html><html><head><title>{title}</title>
<meta property="article:published_time" content="2024-03-04T09:00:00Z"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/campus">Campus news</a></li>
<li><a href="/u">Granite State University admissions</a></li></ul></nav>
<div class="ad">Advertisement: Study at Copperfield Business School!</div>
<article><h1>{title}</h1>{paragraphs}{filler}</article>
<section class="comments"><h3>Comments</h3><p>Reader: Pinecrest Academy did this years ago.</p>
</section>
<aside><h3>Related</h3><ul><li><a href="/r1">Harbour Polytechnic opens a new lab</a></li>
<li><a href="/r2">Riverside Conservatory wins award</a></li></ul></aside>
<footer>Copyright Meadowlark Media Group</footer></body></html>"""


def _rss(base: str) -> str:
    items = "".join(
        f"<item><title>Signing {n}</title><link>{base}/items/{n}.html</link></item>"
        for n in range(20)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{items}</channel></rss>'


def _atom(base: str) -> str:
    entries = "".join(
        f'<entry><title>Signing {n}</title><id>tag:{n}</id><link href="{base}/items/{n}.html"/>'
        "<updated>2024-03-04T00:00:00Z</updated></entry>"
        for n in range(20)
    )
    return (
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>'
        f"<id>tag:feed</id><updated>2024-03-04T00:00:00Z</updated>{entries}</feed>"
    )


def _sitemap(base: str) -> str:
    urls = "".join(f"<url><loc>{base}/items/{n}.html</loc></url>" for n in range(3))
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>"
    )


LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset><url><loc>&lol3;</loc></url></urlset>"""


@dataclass
class Served:
    base: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    flaky_calls: int = 0
    busy_calls: int = 0
    story: dict[str, str] = field(default_factory=dict)  # path -> story, changeable

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


def _handler(served: Served) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes | str, kind: str = "text/html", **headers: str):
            data = body.encode() if isinstance(body, str) else body
            if status == 200 and "Content_Encoding" not in headers and "ETag" not in headers:
                # Every page has an ETag, and a request that sends it back gets a 304.
                etag = f'"{hashlib.sha256(data).hexdigest()[:16]}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                headers["ETag"] = etag
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.end_headers()
            # The client may have given up (the timeout test).
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def do_GET(self) -> None:
            served.requests.append((self.path, dict(self.headers)))
            path, base = self.path, served.base
            if path == "/robots.txt":
                return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
            if path in served.story:
                page = news_page("Colleges sign agreement", served.story[path])
                return self._send(200, page, "text/html; charset=utf-8")
            if path.startswith("/items/"):
                number = int(path.split("/")[-1].split(".")[0])
                return self._send(200, news_page(f"Signing {number}", item_story(number)))
            if path == "/private/secret.html":
                return self._send(200, news_page("Secret", item_story(0)))
            if path == "/old":
                return self._send(301, "", Location="/items/1.html")
            if path == "/to-file":
                return self._send(302, "", Location="file:///etc/passwd")
            if path == "/busy":
                served.busy_calls += 1
                if served.busy_calls == 1:
                    return self._send(429, "slow down", Retry_After="0")
                return self._send(200, news_page("Busy", item_story(4)))
            if path == "/flaky":
                served.flaky_calls += 1
                if served.flaky_calls == 1:
                    return self._send(500, "try again")
                return self._send(200, news_page("Flaky", item_story(2)))
            if path == "/slow":
                time.sleep(1.5)
                return self._send(200, news_page("Slow", item_story(3)))
            if path == "/huge":
                return self._send(200, b"<html>" + b"x" * 3_000_000)
            if path == "/bomb":
                bomb = gzip.compress(b"<html>" + b" " * 30_000_000)
                return self._send(200, bomb, Content_Encoding="gzip")
            if path == "/stacked":
                once = gzip.compress(b"<html>" + b" " * 1_000)
                return self._send(200, gzip.compress(once), Content_Encoding="gzip, gzip")
            if path == "/cafe":
                page = news_page("Caf\u00e9 signing", item_story(5)).encode("latin-1")
                headers = {"ETag": '"caf\u00e9"'}
                return self._send(200, page, "text/html; charset=iso-8859-1", **headers)
            if path == "/relative-feed.xml":
                items = "".join(f"<item><link>/items/{n}.html</link></item>" for n in (5, 6))
                rss = f'<?xml version="1.0"?><rss version="2.0"><channel>{items}</channel></rss>'
                return self._send(200, rss, "application/rss+xml")
            if path == "/picture":
                return self._send(200, b"\x89PNG\r\n\x1a\n", "image/png")
            if path == "/feed.xml":
                return self._send(200, _rss(base), "application/rss+xml")
            if path == "/atom.xml":
                return self._send(200, _atom(base), "application/atom+xml")
            if path == "/sitemap.xml":
                return self._send(200, _sitemap(base), "application/xml")
            if path == "/laughs.xml":
                return self._send(200, LAUGHS, "application/xml")
            return self._send(404, "not here")

    return Handler


@contextmanager
def serving() -> Iterator[Served]:
    """A server on a free port of 127.0.0.1 for the length of a test."""
    served = Served(base="")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    served.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
