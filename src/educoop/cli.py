"""The educoop command line: thin click commands over the library in ``educoop.api``."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import secrets
import sys
from contextlib import nullcontext
from typing import Any

import click

from educoop import api
from educoop.analysis import measures
from educoop.analysis.engine import ENGINES
from educoop.analysis.report import ReportKind
from educoop.analysis.report import markdown as report_markdown
from educoop.cli_articles import evaluate, extract
from educoop.cli_review import review
from educoop.cli_sources import fetch
from educoop.graph.export import ExportFormat
from educoop.graph.model import RegionLevel
from educoop.graph.stores import DEFAULT_STORE, Rebuilt, Store
from educoop.options import (
    fetch_options,
    fetch_options_of,
    filter_options,
    filters_of,
    jobs_option,
    library_errors,
    open_for,
    output_format,
    param_option,
    render,
    spacy_model_option,
    with_store,
)
from educoop.queries import catalogue
from educoop.render import render_table


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    envvar="EDUCOOP_STORE",
    default=DEFAULT_STORE,
    show_default=True,
    help="The store: a SQLite file path, or a Neo4j URI (bolt://, neo4j://, neo4j+s://).",
)
@click.option("--neo4j-user", envvar="NEO4J_USER", help="Neo4j user (env NEO4J_USER).")
@click.option(
    "--neo4j-password",
    envvar="NEO4J_PASSWORD",
    help="Neo4j password (env NEO4J_PASSWORD, which keeps it out of shell history).",
)
@click.option("--database", envvar="NEO4J_DATABASE", help="Neo4j database (default neo4j).")
@click.option(
    "--wide",
    is_flag=True,
    help="Tables show every column (ids too) and every cell whole; by default they fit 100 "
    "columns. JSON and CSV are always whole.",
)
@click.version_option(package_name="educoop")
@click.pass_context
def cli(
    ctx: click.Context,
    store: str,
    neo4j_user: str | None,
    neo4j_password: str | None,
    database: str | None,
    wide: bool,
) -> None:
    """educoop: a knowledge graph of regional education cooperation.

    \b
    Example:
        educoop demo
        educoop --store my.db ingest records/
        educoop --store my.db query partners --param name="Tung Wah College"
        NEO4J_PASSWORD=... educoop --store bolt://localhost:7687 stats
    """
    # The Neo4j driver logs connection failures that the one-line error already reports.
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    ctx.obj = {
        "store": store,
        "neo4j_user": neo4j_user,
        "neo4j_password": neo4j_password,
        "database": database,
        "wide": wide,
    }


def _graph_summary(graph: Rebuilt) -> str:
    return (
        f"Store: {graph.documents} documents, {graph.nodes} nodes "
        f"(+{graph.new_nodes} -{graph.removed_nodes}), {graph.relationships} relationships "
        f"(+{graph.new_relationships} -{graph.removed_relationships})"
    )


def _print_report(report: api.IngestReport, fmt: str) -> None:
    rows = [dataclasses.asdict(document) for document in report.loaded]
    if fmt == "json":
        graph = dataclasses.asdict(report.graph) if report.graph else None
        click.echo(
            json.dumps(
                {"loaded": rows, "failed": report.failed, "graph": graph},
                indent=2,
                ensure_ascii=False,
            )
        )
    else:
        if fmt == "table":  # the first 12 digits tell documents apart on a screen
            rows = [row | {"sha256": row["sha256"][:12]} for row in rows]
        click.echo(render(rows, fmt) if rows else "Nothing loaded.")
        if report.graph and fmt == "table":
            click.echo(_graph_summary(report.graph), err=True)
    for errors in report.failed.values():
        for error in errors:
            click.echo(f"Error: {error}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@output_format()
@spacy_model_option
@jobs_option
@click.option(
    "--registry",
    "registries",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="A registry of known institutions (YAML, as educoop's own); the store remembers "
    "it for every later ingest. Repeat for several.",
)
@click.option(
    "--from-cache",
    is_flag=True,
    help="Also load every page the fetch cache holds (as `educoop fetch` left it), with "
    "no request.",
)
@click.option(
    "--keep-versions",
    is_flag=True,
    help="A page fetched again with other content stays beside its older version (by "
    "default the newer replaces the older's facts).",
)
@fetch_options
@with_store("create")
def ingest(
    store: Store,
    paths: tuple[str, ...],
    fmt: str,
    spacy_model: str | None,
    jobs: int | None,
    registries: tuple[str, ...],
    keep_versions: bool,
    from_cache: bool,
    **fetching: Any,
) -> None:
    """Load record files (.yaml, .yml, .json, .csv), articles (.txt, .md, .html, .pdf,
    .docx) or folders.

    A file with any error loads nothing and is reported with its line and field; the exit
    status is 1 if any file failed. The store keeps what every file gave and derives one
    graph from all of it, so the order files come in does not matter and loading a file
    again changes nothing. Institutions are matched to those already known (educoop's
    registry, yours, and the other documents'), so each real institution is one node.

    \b
    URLs are fetched first (see ``educoop fetch``); a feed or a sitemap stands for the
    pages it lists, and each page's Document keeps its URL.

    \b
    Example:
        educoop --store s.db ingest agreements.yaml more/ pairings.csv
        educoop --store s.db ingest --registry our-schools.yaml news/
        educoop --store s.db ingest https://example.edu/news/feed.xml
    """
    fetch = fetch_options_of(fetching)
    if not paths and not from_cache:
        raise click.UsageError("give files, folders or URLs to ingest (or --from-cache)")
    files = api.inputs(path for path in paths if not api.looks_like_url(path))
    urls = [path for path in paths if api.looks_like_url(path)]
    show_bar = sys.stderr.isatty() and len(files) > 1
    with (
        click.progressbar(
            length=len(files),
            label="Ingesting",
            file=sys.stderr,
            item_show_func=lambda p: p and p.name,
        )
        if show_bar
        else nullcontext()
    ) as bar:
        report = api.ingest(
            store,
            [*files, *urls],
            spacy_model,
            on_derive=_deriving if show_bar else None,
            registries=registries,
            jobs=jobs,
            on_file=(lambda path: bar.update(1, path)) if bar else None,
            fetch=fetch,
            keep_versions=keep_versions,
            from_cache=from_cache,
        )
    _print_report(report, fmt)
    if not report.ok:
        raise click.exceptions.Exit(1)


def _deriving(documents: int) -> None:
    click.echo(f"Deriving the graph of {documents} documents...", err=True)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected key=value, got {pair!r}", param_hint="--param")
        params[key.strip()] = value
    return params


@cli.command()
@click.argument("name", required=False)
@param_option
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries.")
@click.option("--pivot", is_flag=True, help="region-matrix as a region-by-region grid.")
@click.option(
    "--confirmed",
    is_flag=True,
    help="Only agreements a person stands behind (partners, agreements): -p confirmed=yes.",
)
@output_format()
@click.pass_context
def query(
    ctx: click.Context,
    name: str | None,
    params: tuple[str, ...],
    list_queries: bool,
    pivot: bool,
    confirmed: bool,
    fmt: str,
) -> None:
    """Run a canned query by name (see --list for names and parameters).

    \b
    Example:
        educoop query --list
        educoop query partners --param name="Tung Wah College" --format json
        educoop query region-matrix -p level=province --pivot
    """
    if list_queries:
        rows = [
            {
                "name": q.name,
                "title": q.title,
                "parameters": [p.name + ("" if p.required else "?") for p in q.parameters],
                "description": q.description,
            }
            for q in catalogue.catalogue().values()
        ]
        click.echo(render(rows, fmt))
        return
    if not name:
        raise click.UsageError("give a query NAME, or --list to see them")
    if pivot and name != "region-matrix":
        raise click.UsageError("--pivot goes with region-matrix")
    bound = _parse_params(params) | ({"confirmed": "yes"} if confirmed else {})
    with open_for(ctx, "read") as store, library_errors():
        rows = api.query(store, name, bound)
        rows = measures.pivot(rows) if pivot else rows
        why = None if rows else api.why_empty(store, name, bound)
        left_out = api.undated_left_out(store, name, bound)
    if why is None or fmt != "table":
        click.echo(render(rows, fmt))
    # Said on the terminal under the table; beside JSON and CSV, on stderr.
    if why is not None:
        click.echo(why, err=fmt != "table")
    if left_out:
        noun = "agreement" if left_out == 1 else "agreements"
        click.echo(f"({left_out} undated {noun} left out by the date window)", err=fmt != "table")


@cli.command()
@click.argument("text", metavar="CYPHER")
@param_option
@click.option("--write", is_flag=True, help="Allow the query to write (a write transaction).")
@output_format()
@with_store("write")
def cypher(store: Store, text: str, params: tuple[str, ...], write: bool, fmt: str) -> None:
    """Run ad-hoc Cypher on a Neo4j store, in a read transaction unless --write.

    \b
    Example:
        educoop --store bolt://localhost:7687 cypher "MATCH (i:Institution) RETURN i.name LIMIT 5"
        educoop --store bolt://localhost:7687 cypher -p n=Jiangmen \\
            "MATCH (r:Region {name: $n})<-[:LOCATED_IN]-(i) RETURN i.name AS name"
    """
    click.echo(render(api.cypher(store, text, _parse_params(params), write=write), fmt))


@cli.command()
@click.option(
    "--to",
    "target",
    required=True,
    metavar="URI",
    help="The store to copy into: a Neo4j URI (bolt://, neo4j://, neo4j+s://) or a SQLite file.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="Keep the target's own documents and decisions beside the copied ones.",
)
@output_format("table", "json")
@click.pass_context
def sync(ctx: click.Context, target: str, merge: bool, fmt: str) -> None:
    """Make another store (usually Neo4j) hold exactly this store's documents, review
    decisions and registry files, and derive its graph; syncing again changes nothing.

    The target's own documents and decisions are removed, so its graph is this store's;
    with --merge they are kept, and its graph is that of both stores' documents.

    \b
    Example:
        educoop --store educoop.db sync --to bolt://localhost:7687
        educoop --store bolt://localhost:7687 sync --to copy.db
        educoop --store extra.db sync --merge --to bolt://localhost:7687
    """
    with (
        open_for(ctx, "read") as source,
        open_for(ctx, "create", location=target) as destination,
        library_errors(),
    ):
        result = api.sync(source, destination, merge=merge)
    verb = "Merged" if merge else "Copied"
    click.echo(f"{verb} {source.location} into {destination.location}.", err=True)
    _print_graph(result, fmt)


def _print_graph(result: Rebuilt, fmt: str) -> None:
    """The graph's counts; the documents the derivation refused, as errors (exit 1)."""
    row = dataclasses.asdict(result)
    if fmt == "json":
        click.echo(json.dumps(row, indent=2, ensure_ascii=False))
    else:
        del row["refused"]
        click.echo(render([row], fmt))
    _print_refused(result)


def _print_refused(graph: Rebuilt) -> None:
    """New documents the derivation refused (left by an ingest that was stopped), as errors:
    exit 1."""
    for errors in graph.refused.values():
        for error in errors:
            click.echo(f"Error: {error}", err=True)
    if graph.refused:
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("names", nargs=-1, required=True)
@output_format("table", "json")
@with_store("write")
def forget(store: Store, names: tuple[str, ...], fmt: str) -> None:
    """Remove documents from the store and derive the graph without them.

    Name each by the file it was loaded from, or by the start of its sha256 (as ingest
    prints it). For a file edited since it was loaded: forget the old version, then
    ingest the new one. A name that matches nothing removes nothing.

    \b
    Example:
        educoop --store s.db forget news/old-version.txt
        educoop --store s.db forget 3f9a1c22d0e4
    """
    removed, graph = api.forget(store, names)
    for sha256, source in sorted(removed.items(), key=lambda item: item[1]):
        click.echo(f"Removed {source} ({sha256[:12]})", err=True)
    _print_graph(graph, fmt)


@cli.command()
@output_format("table", "json")
@click.option("--bulk", is_flag=True, help="Neo4j: write by the offline import (see README).")
@with_store("write")
def rebuild(store: Store, fmt: str, bulk: bool) -> None:
    """Derive the graph again from the documents the store holds.

    Ingest does this by itself when the documents, the registry files, the review
    decisions or educoop's release change; this forces it.

    \b
    Example:
        educoop --store s.db rebuild
    """
    _print_graph(api.rebuild(store, bulk), fmt)


@cli.group(invoke_without_command=True)
@click.option("--review", is_flag=True, help="List the names that may be known institutions.")
@output_format("table", "json")
@click.pass_context
def resolve(ctx: click.Context, review: bool, fmt: str) -> None:
    """Review uncertain matches of institutions: names that may be one already known.

    A name whose similarity to a known institution of the same region and kind lies in
    the review band (see loaders/registry.py) is loaded as its own institution and listed
    here. Accepting makes the two one node at once; rejecting keeps them apart for good.

    \b
    Example:
        educoop --store s.db resolve --review
        educoop --store s.db resolve accept 3
        educoop --store s.db resolve reject 4
    """
    if ctx.invoked_subcommand is not None:
        return
    if not review:
        click.echo(ctx.get_help())
        return
    with open_for(ctx, "read") as store, library_errors():
        items = api.review(store)
    rows = [
        {
            "id": item.id,
            "name": item.name,
            "institution": item.institution,
            "may_be": item.candidate,
            "score": item.score,
        }
        for item in items
    ]
    click.echo(
        json.dumps(rows, indent=2, ensure_ascii=False) if fmt == "json" else render(rows, fmt)
    )


def _decide(ctx: click.Context, item_id: int, accept: bool) -> None:
    with open_for(ctx, "write") as store, library_errors():
        item, graph = api.decide(store, item_id, accept)
    relation = "is" if accept else "is not"
    click.echo(f"{item.status}: {item.name!r} {relation} {item.candidate}")
    _print_refused(graph)


@resolve.command()
@click.argument("item_id", metavar="ID", type=int)
@click.pass_context
def accept(ctx: click.Context, item_id: int) -> None:
    """Accept review item ID: the two institutions become one node, now and for good.

    \b
    Example:
        educoop --store s.db resolve accept 3
    """
    _decide(ctx, item_id, accept=True)


@resolve.command()
@click.argument("item_id", metavar="ID", type=int)
@click.pass_context
def reject(ctx: click.Context, item_id: int) -> None:
    """Reject review item ID: the two institutions stay apart, and the pair is not
    proposed again.

    \b
    Example:
        educoop --store s.db resolve reject 4
    """
    _decide(ctx, item_id, accept=False)


@cli.command()
@with_store("read")
def check(store: Store) -> None:
    """Check that the store is whole: the database's integrity, no relationship to a
    missing node, every agreement with two sides and a source, every partner link matching
    its agreement. Prints the problems and exits with status 1 if there are any.

    \b
    Example:
        educoop --store s.db check
    """
    found = api.check(store)
    for problem in found:
        click.echo(problem)
    if found:
        raise click.exceptions.Exit(1)
    click.echo("ok")


@cli.command()
@output_format("table", "json")
@with_store("read")
def stats(store: Store, fmt: str) -> None:
    """Count nodes per label and relationships per type.

    \b
    Example:
        educoop --store s.db stats --format json
    """
    counts = store.stats()
    if fmt == "json":
        click.echo(json.dumps(counts, indent=2))
        return
    rows = [{"kind": "node", "name": k, "count": v} for k, v in counts["nodes"].items()]
    rows += [
        {"kind": "relationship", "name": k, "count": v} for k, v in counts["relationships"].items()
    ]
    click.echo(render(rows, fmt))


@cli.command()
@click.argument("kind", type=click.Choice([k.value for k in ReportKind]))
@click.option("--top", type=click.IntRange(min=1), help="Only the first N rows.")
@click.option("--pivot", is_flag=True, help="regions as a region-by-region grid of agreements.")
@output_format("table", "csv", "json", "markdown")
@filter_options
@click.option(
    "--level",
    type=click.Choice([level.value for level in RegionLevel]),
    default="province",
    show_default=True,
    help="Region level of brokers, communities and the region matrix.",
)
@click.option("--sample", type=click.IntRange(min=1), help="Estimate betweenness from N sources.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of samples and Louvain.")
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    envvar="EDUCOOP_ENGINE",
    default="auto",
    show_default=True,
    help="What computes the measures: networkit (pip install 'educoop[fast]') or NetworkX.",
)
@click.option(
    "--html",
    "html_path",
    type=click.Path(dir_okay=False),
    help="With summary: write one self-contained HTML page here.",
)
@with_store("read")
def report(
    store: Store,
    kind: str,
    top: int | None,
    pivot: bool,
    fmt: str,
    level: str,
    sample: int | None,
    seed: int,
    engine: str,
    html_path: str | None,
    **options: Any,
) -> None:
    """Network analyses: centrality, communities, brokers, regions, timeline, summary.

    Parties are institutions and regions; two are linked by the agreements they share,
    weighted by their number. Every report takes the date window, kinds, region and
    institution-kind filters.

    \b
    Example:
        educoop report centrality --top 10
        educoop report regions --level city --since 2022 --format markdown
        educoop report regions --level province --pivot
        educoop report brokers --region "Greater Bay Area" --kind signed
        educoop report summary --html out.html
    """
    # What the HTML page and the report share.
    common: dict[str, Any] = {
        "filters": filters_of(options),
        "level": level,
        "seed": seed,
        "engine": engine,
    }
    with library_errors():
        if html_path:
            if kind != ReportKind.SUMMARY:
                raise click.UsageError("--html goes with the summary report")
            path = api.report_html(store, html_path, top=top or 15, **common)
            click.echo(f"Wrote {path}")
            return
        if pivot and kind != ReportKind.REGIONS:
            raise click.UsageError("--pivot goes with the regions report")
        result = api.report(store, kind, top=top, sample=sample, **common)
        if pivot:
            result.rows = measures.pivot(result.rows)
    if fmt == "markdown":
        click.echo(report_markdown(result))
        return
    if fmt == "table":
        click.echo(f"{result.title}\n" + "\n".join(result.notes) + "\n")
    click.echo(render(result.rows, fmt))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    required=True,
    help="graphml or gexf for Gephi and Cytoscape, json, or csv.",
)
@click.option("-o", "--output", type=click.Path(), help="File to write (a folder for csv).")
@click.option(
    "--network",
    is_flag=True,
    help="The partner network with measures (region, kind, centralities, community) "
    "instead of the whole store.",
)
@click.option("--ego", help="Only the partner network around this party (implies --network).")
@click.option("--radius", type=click.IntRange(min=1), default=2, show_default=True)
@filter_options
@with_store("read")
def export(
    store: Store,
    fmt: str,
    output: str | None,
    network: bool,
    ego: str | None,
    radius: int,
    **options: Any,
) -> None:
    """Export the whole graph with every property.

    \b
    Example:
        educoop export --format gexf -o cooperation.gexf
        educoop export --format csv -o tables/
        educoop export --network --format graphml -o partners.graphml
        educoop export --ego "Tung Wah College" --radius 2 --format gexf -o ego.gexf
    """
    filters = filters_of(options)
    with library_errors():
        if network or ego:
            text = api.export_network(store, fmt, output, filters=filters, ego=ego, radius=radius)
        else:
            text = api.export(store, fmt, output)
    if output is not None:
        click.echo(f"Wrote {output}", err=True)
    if text is not None:
        click.echo(text)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The interface to bind.")
@click.option("--port", type=int, default=8765, show_default=True)
@click.option(
    "--read-only", is_flag=True, help="Refuse every change (review decisions); open read-only."
)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, read_only: bool) -> None:
    """The workbench in a browser: search, party and document pages with the evidence
    behind every agreement, the network explorer, every canned query and report as a page
    (with its JSON and CSV), and the review queue.

    Bound to anything but 127.0.0.1, every request needs a token: $EDUCOOP_TOKEN, or one
    printed here.

    \b
    Example:
        educoop serve
        educoop serve --read-only
        EDUCOOP_TOKEN=... educoop serve --host 0.0.0.0
    """
    with open_for(ctx, "read" if read_only else "write") as store:
        _serve(store, host, port, read_only)


def _serve(store: Store, host: str, port: int, read_only: bool) -> None:
    import uvicorn

    from educoop.web.app import LOCAL_HOSTS, create_app

    token = None
    if host not in LOCAL_HOSTS:
        token = os.environ.get("EDUCOOP_TOKEN") or secrets.token_urlsafe(16)
        if not os.environ.get("EDUCOOP_TOKEN"):
            click.echo(f"Token: {token} (open http://{host}:{port}/?token={token})", err=True)
    mode = " (read-only)" if read_only else ""
    click.echo(f"educoop workbench on http://{host}:{port}/ over {store.location}{mode}", err=True)
    # On the loopback interface only local names are answered (no DNS rebinding); bound
    # elsewhere, the token guards every request.
    hosts = sorted({host, "localhost", "127.0.0.1", "[::1]"}) if token is None else None
    app = create_app(store, token=token, read_only=read_only, hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command()
@output_format("table", "json")
@with_store("create")
def demo(store: Store, fmt: str) -> None:
    """Load the bundled sample corpus into the store and show a short tour.

    \b
    Example:
        educoop demo
        educoop --store /tmp/demo.db demo --format json
    """
    tour = api.demo(store)
    if fmt == "json":
        click.echo(json.dumps(dataclasses.asdict(tour), indent=2, ensure_ascii=False))
    else:
        _print_tour(tour, store.location)
    if not tour.report.ok:
        for errors in tour.report.failed.values():
            for error in errors:
                click.echo(f"Error: {error}", err=True)
        raise click.exceptions.Exit(1)


def _print_tour(tour: api.DemoTour, location: str) -> None:
    nodes, rels = tour.stats["nodes"], tour.stats["relationships"]
    click.echo(
        f"Loaded {len(tour.report.loaded)} files from {api.demo_corpus()} into {location}.\n"
    )
    click.echo(", ".join(f"{count} {label}" for label, count in nodes.items()))
    click.echo(", ".join(f"{count} {rel_type}" for rel_type, count in rels.items() if count))
    shown = ("partner", "regions", "agreements", "kinds")
    click.echo(f"\nPartners of {tour.institution}:\n")
    click.echo(render_table([{key: row[key] for key in shown} for row in tour.partners]))
    click.echo(f"\nAgreements between regions at {tour.level} level:\n")
    click.echo(render_table(tour.matrix))
    click.echo(
        "\nNext: educoop serve (the workbench in a browser), educoop review list, "
        "educoop query --list"
    )


cli.add_command(review)
cli.add_command(extract)
cli.add_command(evaluate)
cli.add_command(fetch)
