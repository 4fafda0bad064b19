"""What the CLI's commands share: the options they take, opening the store they name, and
library errors as one line."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from educoop import api
from educoop.analysis.network import Filters
from educoop.errors import EducoopError
from educoop.graph.model import AgreementKind, InstitutionKind
from educoop.graph.stores import Store
from educoop.loaders.fetch import MAX_BYTES, FetchOptions
from educoop.loaders.text import trained_pipeline
from educoop.render import render as render_rows

FORMATS = ("table", "json", "csv")


def _load_model(ctx: click.Context, param: click.Parameter, name: str | None) -> str | None:
    """Load the model before any work, so a missing one fails at once, as a usage error."""
    if name:
        try:
            trained_pipeline(name)
        except EducoopError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
    return name


spacy_model_option = click.option(
    "--spacy-model",
    callback=_load_model,
    envvar="EDUCOOP_SPACY_MODEL",
    metavar="NAME",
    help="An installed trained spaCy pipeline (a package such as en_core_web_sm, or a path) "
    "whose organisations add "
    "to the rules' institutions. Off by default: extraction needs no model. "
    "Env EDUCOOP_SPACY_MODEL.",
)


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    envvar="EDUCOOP_JOBS",
    metavar="N",
    help="Processes that read articles at once (default: one per core). Env EDUCOOP_JOBS.",
)


# Formats people read; the others are for programs.
_FOR_PEOPLE = {"table": "a table", "markdown": "markdown"}


def _either(names: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _format_help(choices: tuple[str, ...]) -> str:
    """The ``--format`` help naming only ``choices``, e.g. "Output: a table for people,
    json for programs." """
    people = [_FOR_PEOPLE[name] for name in choices if name in _FOR_PEOPLE]
    programs = [name for name in choices if name not in _FOR_PEOPLE]
    parts = [
        f"{_either(names)} for {who}"
        for names, who in ((people, "people"), (programs, "programs"))
        if names
    ]
    return f"Output: {', '.join(parts)}."


def output_format(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The shared ``--format`` option, offering ``choices`` (by default FORMATS)."""
    choices = choices or FORMATS
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default="table",
        show_default=True,
        help=_format_help(choices),
    )


param_option = click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="A query parameter (a string); repeat for several.",
)


@contextmanager
def library_errors() -> Iterator[None]:
    """Library errors become one-line click errors, never tracebacks."""
    try:
        yield
    except EducoopError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def open_for(ctx: click.Context, mode: str, location: str | None = None) -> Iterator[Store]:
    """Open the store (``--store``, or ``location``) with the global Neo4j options:
    ``read`` only reads (never creates nor changes it), ``write`` needs it to exist,
    ``create`` makes it if missing."""
    options = ctx.obj
    with (
        library_errors(),
        api.open_store(
            location or options["store"],
            create=mode == "create",
            read_only=mode == "read",
            user=options["neo4j_user"],
            password=options["neo4j_password"],
            database=options["database"],
        ) as store,
    ):
        yield store


def with_store(mode: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Open the store named by the global --store for the command (``read``, ``write`` or
    ``create``, as ``_store``), and close it after."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @click.pass_context
        @functools.wraps(command)
        def run(ctx: click.Context, *args: Any, **kwargs: Any) -> Any:
            with open_for(ctx, mode) as store, library_errors():
                return command(store, *args, **kwargs)

        return run

    return decorate


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filters every report and the network export take."""
    for option in reversed(
        [
            click.option("--since", help="Agreements dated from (YYYY, YYYY-MM or YYYY-MM-DD)."),
            click.option("--until", help="Agreements dated until (YYYY, YYYY-MM, YYYY-MM-DD)."),
            click.option(
                "--kind",
                "kinds",
                multiple=True,
                type=click.Choice([k.value for k in AgreementKind]),
                help="Agreement kinds to count; repeat for several (default all).",
            ),
            click.option(
                "--region",
                help="Only links with a party in this region (its institutions, sub-regions "
                "and zone members).",
            ),
            click.option(
                "--institution-kind",
                "institution_kinds",
                multiple=True,
                type=click.Choice([k.value for k in InstitutionKind]),
                help="Only institutions of these kinds (regions as parties stay); repeat.",
            ),
            click.option(
                "--confirmed",
                is_flag=True,
                help="Only agreements a person stands behind: from record files, or "
                "confirmed or edited in review.",
            ),
        ]
    ):
        command = option(command)
    return command


def filters_of(options: dict[str, Any]) -> Filters:
    """The filters of ``filter_options``, taken out of a command's keyword arguments."""
    return Filters.of({name: options.pop(name) for name in Filters.FIELDS})


_FETCH_FIELDS = ("fetch_cache", "rate", "allow_private", "max_bytes", "timeout", "workers")


def fetch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """How URLs are fetched: the cache, politeness and limits (``fetch`` and ``ingest``)."""
    for option in reversed(
        [
            click.option(
                "--fetch-cache",
                type=click.Path(file_okay=False, path_type=str),
                help="Where fetched pages are kept (default: educoop's cache folder).",
            ),
            click.option(
                "--rate",
                type=click.FloatRange(min=0),
                default=1.0,
                show_default=True,
                help="Requests per second to one host; 0 for no limit.",
            ),
            click.option(
                "--allow-private",
                is_flag=True,
                help="Fetch from private, loopback and link-local addresses too.",
            ),
            click.option(
                "--max-bytes",
                type=click.IntRange(min=1),
                default=MAX_BYTES,
                show_default=True,
                help="Largest body fetched; a larger one is cut off with an error.",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0.01),
                default=20.0,
                show_default=True,
                help="Seconds to connect, and to wait between bytes.",
            ),
            click.option(
                "--workers",
                type=click.IntRange(min=1),
                default=4,
                show_default=True,
                help="URLs fetched at once.",
            ),
        ]
    ):
        command = option(command)
    return command


def fetch_options_of(options: dict[str, Any]) -> FetchOptions:
    """The options of ``fetch_options``, taken out of a command's keyword arguments."""
    chosen = {name: options.pop(name) for name in _FETCH_FIELDS}
    cache = chosen.pop("fetch_cache")
    default = api.default_fetch_options()
    return FetchOptions(cache=Path(cache) if cache else default.cache, **chosen)


def render(rows: list[dict[str, Any]], fmt: str) -> str:
    """Rows in ``fmt``; tables as wide as the global --wide asks."""
    context = click.get_current_context(silent=True)
    wide = bool(context and context.find_root().obj and context.find_root().obj.get("wide"))
    return render_rows(rows, fmt, wide=wide)
