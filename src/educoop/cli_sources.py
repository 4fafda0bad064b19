"""``educoop fetch``: pages, feeds' items and sitemaps' pages into the local cache, writing
no store. A thin command over ``educoop.api.fetch``."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from educoop import api
from educoop.options import fetch_options, fetch_options_of, output_format, render


@click.command()
@click.argument("urls", nargs=-1)
@click.option(
    "--urls",
    "url_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A file of URLs, one a line (blank lines and # comments skipped).",
)
@click.option("--feed", "feeds", multiple=True, help="An RSS or Atom feed; repeat for several.")
@click.option("--sitemap", "sitemaps", multiple=True, help="A sitemap; repeat for several.")
@output_format()
@fetch_options
def fetch(
    urls: tuple[str, ...],
    url_file: Path | None,
    feeds: tuple[str, ...],
    sitemaps: tuple[str, ...],
    fmt: str,
    **fetching: Any,
) -> None:
    """Download pages and documents into the local cache, politely: robots.txt honoured,
    one request a second to a host (--rate), conditional requests for what was fetched
    before, retries on 429 and 5xx. Prints each page: its URL, where it ended up, status,
    content type and whether it changed. ``educoop ingest`` takes the same URLs.

    \b
    Example:
        educoop fetch https://example.edu/news/2024/mou.html
        educoop fetch --feed https://example.gov/education/rss.xml
        educoop fetch --urls sources.txt --sitemap https://example.edu/sitemap.xml
    """
    options = fetch_options_of(fetching)
    chosen = list(urls)
    if url_file is not None:
        try:
            lines = url_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise click.ClickException(f"{url_file}: cannot read: {exc}") from None
        chosen += [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    if not (chosen or feeds or sitemaps):
        raise click.UsageError("give URLs, --urls FILE, --feed or --sitemap")
    show_bar = sys.stderr.isatty()
    with (
        click.progressbar(length=len(chosen) or 1, label="Fetching", file=sys.stderr)
        if show_bar
        else nullcontext()
    ) as bar:
        found = api.fetch(
            chosen,
            feeds=feeds,
            sitemaps=sitemaps,
            options=options,
            on_done=(lambda _url: bar.update(1)) if bar else None,
        )
    rows = [
        {
            "url": item.url,
            "final_url": item.final_url,
            "status": item.status,
            "content_type": item.content_type,
            "changed": item.changed,
            "sha256": item.sha256 if fmt != "table" else item.sha256[:12],
        }
        for item in found.fetched
    ]
    click.echo(render(rows, fmt) if rows else "Nothing fetched.")
    for line in found.failed.values():
        click.echo(f"Error: {line}", err=True)
    if found.failed:
        raise click.exceptions.Exit(1)
