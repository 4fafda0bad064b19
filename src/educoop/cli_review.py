"""``educoop review``: the review queue and the decisions on it, from the command line (the
workbench's review page is its twin). Thin commands over ``educoop.review``."""

from __future__ import annotations

import json
import textwrap
from typing import Any

import click

from educoop import api
from educoop import review as reviewing
from educoop.graph.stores import Rebuilt
from educoop.options import library_errors, open_for, output_format, render

# Review items on names are given as merge:N, beside agreements' ids.
MERGE = "merge:"


@click.group()
def review() -> None:
    """Review what extraction read: confirm, reject or edit agreements, and undo.

    Agreements read from articles wait in a queue, lowest confidence first. A decision is
    kept in the store and applied by every derivation: it survives ingesting the article
    again, rebuild and sync. Name an agreement by its id or the first 6+ characters of its
    hash; names that may be known institutions are merge:N.

    \b
    Example:
        educoop review list
        educoop review reject 3f9a1c2b --note "a visit, not an agreement"
        educoop review edit 3f9a1c2b --date 2023-10 --drop "Party Committee"
        educoop review undo
    """


@review.command("list")
@click.option("--decided", is_flag=True, help="List the decisions taken instead, oldest first.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@output_format("table", "json", "csv")
@click.pass_context
def list_(ctx: click.Context, decided: bool, limit: int, fmt: str) -> None:
    """List what waits for review (or, with --decided, the decisions taken).

    \b
    Example:
        educoop review list --limit 5
        educoop review list --decided --format json
    """
    with open_for(ctx, "read") as store, library_errors():
        if decided:
            rows = reviewing.decision_rows(store.decisions())
            merges: list[dict[str, Any]] = []
        else:
            waiting = reviewing.queue(store, limit)
            rows = reviewing.queue_rows(waiting.agreements)
            merges = [
                {"merge": f"{MERGE}{item.id}", "name": item.name, "may_be": item.candidate_name}
                for item in waiting.merges
            ]
    if fmt == "json":
        click.echo(json.dumps({"agreements": rows, "merges": merges}, indent=2, ensure_ascii=False))
        return
    if fmt == "table" and not decided:
        # One block an agreement: the evidence is what a reviewer reads, so it is whole.
        for row in rows:
            click.echo(
                f"{row['agreement']}  {row['confidence']:.2f}  {row['kind']}  "
                f"{row['date'] or 'undated'}\n  {row['sides']}"
            )
            click.echo(
                textwrap.fill(row["evidence"], 100, initial_indent="  > ", subsequent_indent="    ")
                + "\n"
            )
        click.echo(f"{len(rows)} of {waiting.total} agreements waiting, lowest confidence first")
        if merges:
            click.echo("\nNames that may be known institutions (accept or reject merge:N):")
            click.echo(render(merges, fmt))
        return
    click.echo(render(rows, fmt))


def _report(what: str, graph: Rebuilt) -> None:
    click.echo(f"{what}; graph: {graph.nodes} nodes, {graph.relationships} relationships")


def _decide(ctx: click.Context, ref: str, action: str, **edit: Any) -> None:
    with open_for(ctx, "write") as store, library_errors():
        if ref.startswith(MERGE) and action in ("confirm", "reject"):
            item, graph = api.decide(store, _merge_id(ref), accept=action == "confirm")
            _report(f"{item.status}: {item.name!r} / {item.candidate_name!r}", graph)
            return
        decision, graph = reviewing.decide(store, ref, action, **edit)
    _report(f"decision {decision.id}: {action} {decision.about}", graph)


def _merge_id(ref: str) -> int:
    try:
        return int(ref.removeprefix(MERGE))
    except ValueError:
        raise click.BadParameter(f"{ref!r}: a review item is merge:N") from None


@review.command()
@click.argument("ref", metavar="ID")
@click.option("--note", help="Why, for whoever reads the decisions.")
@click.pass_context
def accept(ctx: click.Context, ref: str, note: str | None) -> None:
    """Confirm agreement ID (or accept review item merge:N): --confirmed keeps it.

    \b
    Example:
        educoop review accept 3f9a1c2b
    """
    _decide(ctx, ref, "confirm", **({"note": note} if not ref.startswith(MERGE) else {}))


@review.command()
@click.argument("ref", metavar="ID")
@click.option("--note", help="Why, for whoever reads the decisions.")
@click.pass_context
def reject(ctx: click.Context, ref: str, note: str | None) -> None:
    """Reject agreement ID (or review item merge:N): it leaves the graph, and stays out.

    \b
    Example:
        educoop review reject 3f9a1c2b --note "a visit, not an agreement"
    """
    _decide(ctx, ref, "reject", **({"note": note} if not ref.startswith(MERGE) else {}))


@review.command()
@click.argument("ref", metavar="ID")
@click.option("--kind", help="The agreement's kind (signed, paired, plan, branch, exchange).")
@click.option("--date", help='Its date (2023, 2023-10 or 2023-10-08; "" for none).')
@click.option(
    "--side",
    "sides",
    multiple=True,
    help="One side's parties, separated by ';' (give --side for each side).",
)
@click.option("--drop", multiple=True, help="A party to take off its side.")
@click.option("--note", help="Why, for whoever reads the decisions.")
@click.pass_context
def edit(
    ctx: click.Context,
    ref: str,
    kind: str | None,
    date: str | None,
    sides: tuple[str, ...],
    drop: tuple[str, ...],
    note: str | None,
) -> None:
    """Edit agreement ID: its kind, date or sides. An edited agreement is confirmed.

    \b
    Example:
        educoop review edit 3f9a1c2b --date 2023-10
        educoop review edit 3f9a1c2b --side "Tung Wah College" --side "Jiangmen Polytechnic"
        educoop review edit 3f9a1c2b --drop "Party Committee"
    """
    parties = [[name.strip() for name in side.split(";") if name.strip()] for side in sides]
    _decide(ctx, ref, "edit", kind=kind, date=date, sides=parties or None, drop=drop, note=note)


@review.command()
@click.argument("decision_id", metavar="[DECISION]", required=False)
@click.pass_context
def undo(ctx: click.Context, decision_id: str | None) -> None:
    """Undo a decision (the latest when none is given; merge:N sets that item pending).

    \b
    Example:
        educoop review undo
        educoop review undo 4
    """
    with open_for(ctx, "write") as store, library_errors():
        if decision_id and decision_id.startswith(MERGE):
            item, graph = reviewing.undo_merge(store, _merge_id(decision_id))
            _report(f"pending again: {item.name!r} / {item.candidate_name!r}", graph)
            return
        number = None
        if decision_id is not None:
            if not decision_id.isdigit():
                raise click.BadParameter(f"{decision_id!r}: a decision is a number")
            number = int(decision_id)
        decision, graph = reviewing.undo(store, number)
    _report(f"undone decision {decision.id}: {decision.action} {decision.about}", graph)
