"""Fetching sources by URL into a local content-addressed cache, politely and safely.

Politeness: robots.txt is honoured (per host, read once); requests to one host are spaced
by ``rate`` (default one a second); a URL fetched before is asked for again with its
ETag and Last-Modified (a 304 changes nothing); 429 and 5xx are retried with backoff
(``Retry-After`` heeded, up to a bound); a handful of URLs are fetched at once (``workers``).

Safety: only http and https, at every redirect too; hosts that resolve to private,
loopback, link-local or reserved addresses are refused unless ``allow_private``; bodies
are cut off past ``max_bytes`` (counted after decompression: a small gzip bomb is caught);
only the content types educoop reads are kept.

The cache holds each body once, under its sha256 (``bodies/ab/abcd….html``), and for each
URL what its last fetch gave (``urls/<sha256 of the URL>.json``).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from educoop.errors import InputError, first_line

# Content types educoop reads, and the suffix their bodies keep in the cache (the readers
# go by suffix).
CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/rss+xml": ".xml",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/xml": ".xml",
}
MAX_BYTES = 20_000_000
MAX_REDIRECTS = 5
RETRIES = 3
# Longest wait for a Retry-After before giving up on a URL.
MAX_RETRY_WAIT = 30.0


def user_agent() -> str:
    return f"educoop/{version('educoop')} (+https://github.com/educoop/educoop)"


@dataclass(frozen=True)
class Fetched:
    """One URL's last fetch: where it ended up, when, what came back, and where its body
    is kept."""

    url: str
    final_url: str
    fetched_at: str  # ISO 8601, UTC
    status: int
    content_type: str
    sha256: str
    body: str  # path of the body in the cache
    etag: str | None = None
    last_modified: str | None = None
    changed: bool = True  # False when the server said 304, or sent the same bytes

    @property
    def path(self) -> Path:
        return Path(self.body)


@dataclass
class FetchOptions:
    cache: Path
    rate: float = 1.0  # requests per second to one host; 0 for no limit
    allow_private: bool = False
    max_bytes: int = MAX_BYTES
    timeout: float = 20.0  # seconds to connect, and between bytes read
    workers: int = 4
    transport: httpx.BaseTransport | None = field(default=None, repr=False)  # tests


class FetchCache:
    """Bodies by their sha256, and each URL's last fetch."""

    def __init__(self, folder: Path) -> None:
        # Absolute, so that bodies are found from any working folder.
        self.folder = folder.resolve()

    def _record(self, url: str) -> Path:
        return self.folder / "urls" / f"{hashlib.sha256(url.encode()).hexdigest()}.json"

    def last(self, url: str) -> Fetched | None:
        return self.last_of(self._record(url))

    def keep(self, fetched: Fetched, body: bytes | None) -> Fetched:
        if body is not None:
            path = Path(fetched.body)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                _write_whole(path, body)
        record = self._record(fetched.url)
        record.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(record, json.dumps(asdict(fetched), indent=1, sort_keys=True).encode())
        return fetched

    def body_path(self, sha256: str, suffix: str) -> Path:
        return self.folder / "bodies" / sha256[:2] / f"{sha256}{suffix}"

    def every(self) -> list[Fetched]:
        """Every URL's last fetch whose body the cache holds, in the order of the URLs."""
        found = [self.last_of(path) for path in (self.folder / "urls").glob("*.json")]
        return sorted((f for f in found if f is not None and f.path.exists()), key=lambda f: f.url)

    @staticmethod
    def last_of(path: Path) -> Fetched | None:
        try:
            return Fetched(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError):
            return None


def _write_whole(path: Path, data: bytes) -> None:
    """Write a file whole or not at all; threads writing the same body each use a file of
    their own, and the last rename wins with the same bytes."""
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


class Fetcher:
    """Fetches URLs under ``options``; one per command, shared by its threads."""

    def __init__(self, options: FetchOptions) -> None:
        self.options = options
        self.cache = FetchCache(options.cache)
        self._client = httpx.Client(
            headers={"User-Agent": user_agent()},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,  # each hop is checked (scheme, address)
            transport=options.transport,
        )
        self._lock = threading.Lock()
        self._next_at: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | str] = {}
        self._host_locks: dict[str, threading.Lock] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # One URL -------------------------------------------------------------------------
    def fetch(self, url: str) -> Fetched:
        """The URL fetched into the cache (or found unchanged). Raises InputError, naming
        the URL, with one line of reason."""
        self._check_url(url)
        self._check_robots(url, url)
        before = self.cache.last(url)
        headers = {}
        if before is not None and Path(before.body).exists():
            if before.etag:
                headers["If-None-Match"] = before.etag
            if before.last_modified:
                headers["If-Modified-Since"] = before.last_modified
        response, body, final_url = self._get(url, headers)
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if response.status_code == 304 and before is not None:
            return self.cache.keep(replace(before, fetched_at=now, changed=False), None)
        declared = response.headers.get("content-type", "")
        content_type = declared.split(";")[0].strip().lower()
        suffix = CONTENT_TYPES.get(content_type)
        if suffix is None:
            shown = content_type or "(none)"
            raise InputError(url, f"content type {shown!r} is not one educoop reads")
        if suffix in (".html", ".txt", ".md"):
            body = _as_utf8(body, declared, url)
        sha256 = hashlib.sha256(body).hexdigest()
        fetched = Fetched(
            url=url,
            final_url=final_url,
            fetched_at=now,
            status=response.status_code,
            content_type=content_type,
            sha256=sha256,
            body=str(self.cache.body_path(sha256, suffix)),
            etag=_validator(response.headers.get("etag")),
            last_modified=_validator(response.headers.get("last-modified")),
            changed=before is None or before.sha256 != sha256,
        )
        try:
            return self.cache.keep(fetched, body)
        except OSError as exc:
            raise InputError(url, f"cannot write the cache: {exc.strerror or exc}") from None

    def _get(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes, str]:
        """The response at the end of the redirects, its body (bounded), and its URL."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            response, body = self._with_retries(current, headers)
            if response.status_code in (301, 302, 303, 307, 308):
                location = response.headers.get("location")
                if not location:
                    raise InputError(url, f"HTTP {response.status_code} without a Location")
                current = urljoin(current, location)
                self._check_url(current, original=url)
                self._check_robots(current, url)
                continue
            if response.status_code == 304 or 200 <= response.status_code < 300:
                return response, body, current
            raise InputError(url, f"HTTP {response.status_code} {response.reason_phrase}")
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects")

    def _with_retries(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        wait = 0.5
        for attempt in range(RETRIES + 1):
            self._wait_turn(url)
            try:
                response, body = self._one_request(url, headers)
            except httpx.TimeoutException:
                # Not retried: a server that is slow now is slow on the next try.
                raise InputError(url, f"timed out after {self.options.timeout:g} s") from None
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise InputError(url, f"cannot fetch: {first_line(exc)}") from None
            else:
                if response.status_code != 429 and response.status_code < 500:
                    return response, body
                if attempt == RETRIES:
                    return response, body
                asked = _retry_after(response.headers.get("retry-after"))
                if asked is not None and asked > MAX_RETRY_WAIT:
                    return response, body
                time.sleep(asked if asked is not None else wait)
                wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _one_request(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        limit = self.options.max_bytes
        with self._client.stream("GET", url, headers=headers) as response:
            codings = [
                c for c in response.headers.get("content-encoding", "").split(",") if c.strip()
            ]
            if len(codings) > 1:
                # Each layer multiplies what a few bytes become before the size is checked.
                raise InputError(url, "more than one content encoding: refused")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise InputError(url, f"{int(declared):,} bytes, over the limit of {limit:,} bytes")
            chunks, size = [], 0
            for chunk in response.iter_bytes():  # decompressed: a gzip bomb counts in full
                size += len(chunk)
                if size > limit:
                    raise InputError(url, f"over the limit of {limit:,} bytes: cut off")
                chunks.append(chunk)
            return response, b"".join(chunks)

    # Politeness and safety -------------------------------------------------------------
    def _wait_turn(self, url: str) -> None:
        if self.options.rate <= 0:
            return
        host = urlsplit(url).netloc
        with self._lock:
            lock = self._host_locks.setdefault(host, threading.Lock())
        with lock:
            now = time.monotonic()
            at = self._next_at.get(host, now)
            if at > now:
                time.sleep(at - now)
            self._next_at[host] = max(at, now) + 1.0 / self.options.rate

    def _check_robots(self, url: str, shown: str) -> None:
        """Raise unless the host's robots.txt lets educoop fetch ``url``."""
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            lock = self._host_locks.setdefault("robots " + root, threading.Lock())
        with lock:
            if root not in self._robots:
                self._robots[root] = self._read_robots(root, shown)
        robots = self._robots[root]
        if isinstance(robots, str):
            raise InputError(shown, robots)
        if not robots.can_fetch(user_agent(), url):
            where = "" if url == shown else f" ({url})"
            raise InputError(shown, f"robots.txt disallows it{where}")

    def _read_robots(self, root: str, shown: str) -> RobotFileParser | str:
        """The host's robots.txt, or why the host cannot be fetched now."""
        robots = RobotFileParser()
        try:
            self._wait_turn(root + "/")
            response, body = self._one_request(root + "/robots.txt", {})
        except httpx.TimeoutException:
            return f"timed out after {self.options.timeout:g} s (reading robots.txt)"
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            return f"cannot fetch: {first_line(exc)}"
        except InputError as exc:
            return f"robots.txt: {exc.reason}"
        if response.status_code >= 500:
            # Cannot tell what the host allows: nothing this time (as search engines do).
            return f"robots.txt answered HTTP {response.status_code}: not fetched this time"
        if response.status_code >= 300:
            robots.parse([])  # none here (a redirect is not followed): nothing is disallowed
        else:
            robots.parse(body.decode("utf-8", "replace").splitlines())
        return robots

    def _check_url(self, url: str, original: str | None = None) -> None:
        shown = original or url
        try:
            parts = urlsplit(url)
            host, _port = parts.hostname, parts.port
        except ValueError as exc:
            raise InputError(shown, f"not a valid URL: {first_line(exc)}") from None
        if parts.username is not None or parts.password is not None:
            # Credentials would be kept with the page and shown wherever its URL is.
            raise InputError(
                shown.replace(parts.netloc, parts.netloc.rpartition("@")[2]),
                "URLs with a user name or password are not fetched",
            )
        if parts.scheme not in ("http", "https"):
            where = f" (redirected to {url})" if original else ""
            raise InputError(shown, f"only http and https URLs are fetched{where}")
        if not host:
            raise InputError(shown, "no host in this URL")
        if self.options.allow_private:
            return
        try:
            addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
        except (OSError, UnicodeError) as exc:
            reason = getattr(exc, "strerror", None) or first_line(exc)
            raise InputError(shown, f"cannot resolve {host}: {reason}") from None
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global:
                raise InputError(
                    shown,
                    f"{parts.hostname} is a private, loopback or link-local address "
                    "(--allow-private to fetch it)",
                )

    # Many URLs -----------------------------------------------------------------------
    def fetch_all(
        self,
        urls: Iterable[str],
        on_done: Callable[[str], None] | None = None,
    ) -> Iterator[tuple[str, Fetched | InputError]]:
        """Each URL with its fetch or its error, in the order given."""
        chosen = list(dict.fromkeys(urls))

        def one(url: str) -> Fetched | InputError:
            try:
                return self.fetch(url)
            except InputError as exc:
                return exc
            except Exception as exc:  # one odd URL or server fails alone, in one line
                return InputError(url, f"cannot fetch: {first_line(exc)}")
            finally:
                if on_done is not None:
                    on_done(url)

        with ThreadPoolExecutor(max_workers=max(1, self.options.workers)) as pool:
            yield from zip(chosen, pool.map(one, chosen), strict=True)


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified to send back: only ASCII travels in a header."""
    return value if value and value.isascii() else None


def _as_utf8(body: bytes, content_type: str, url: str) -> bytes:
    """A text body in UTF-8, from the charset its Content-Type declares (UTF-8 when none)."""
    charset = "utf-8"
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"').lower()
    if charset in ("utf-8", "utf8"):
        return body
    try:
        return body.decode(charset).encode("utf-8")
    except LookupError:
        raise InputError(url, f"unknown charset {charset!r}") from None
    except UnicodeDecodeError:
        raise InputError(url, f"not valid {charset} text, as its Content-Type says") from None


def _retry_after(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # an HTTP date: wait as backoff says
