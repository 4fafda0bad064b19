"""The workbench's review queue (the twin of ``educoop review``): agreements read from
articles, lowest confidence first, each with its evidence and forms to confirm, reject or
edit it; names that may be known institutions; the decisions taken, each undoable.

Every change is a POST through the guard (CSRF token, ``--read-only``), answered by a
redirect back to the page it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from educoop import api
from educoop import review as reviewing
from educoop.errors import EducoopError
from educoop.graph.model import AgreementKind
from educoop.graph.stores import Store
from educoop.render import render
from educoop.web.pages import Guard, back_to, error, mistake, page

QUEUE_PAGE = 50


def review_routes(store: Store, guard: Guard) -> list[Route]:
    """The review pages over ``store``."""

    async def queue(request: Request) -> Response:
        fmt = request.path_params.get("fmt", "html")
        try:
            limit = max(1, int(request.query_params.get("limit") or QUEUE_PAGE))
        except ValueError:
            return error("limit: give a number", 400)
        waiting = reviewing.queue(store, limit)
        decisions = reviewing.decision_rows(store.decisions())
        rows = reviewing.queue_rows(waiting.agreements)
        if fmt == "json":
            merges = [_merge_row(item) for item in waiting.merges]
            body: dict[str, Any] = {"total": waiting.total, "agreements": rows, "merges": merges}
            return JSONResponse({**body, "decisions": decisions})
        if fmt == "csv":
            return PlainTextResponse(render(rows, "csv"), media_type="text/csv")
        if fmt != "html":
            return error(f"no format {fmt!r} (json, csv)", 404)
        return page(
            "review.html",
            waiting=waiting,
            decisions=list(reversed(store.decisions())),
            kinds=[str(kind) for kind in AgreementKind],
            guard=guard,
            limit=limit,
        )

    async def changing(request: Request, change: Callable[[FormData], object]) -> Response:
        """Make ``change`` from the request's form, if the guard lets it; back to the page
        the form came from, or a page saying what was wrong."""
        form, refused = await guard.form(request)
        if refused is not None:
            return refused
        try:
            change(form)
        except (EducoopError, ValueError) as exc:
            return error(mistake(exc), 400)
        return RedirectResponse(back_to(form, "/review"), 303)

    def decided(form: FormData) -> None:
        action = str(form.get("action") or "")
        edit: dict[str, Any] = {}
        if action == "edit":
            edit = {
                "kind": str(form.get("kind") or "") or None,
                "date": str(form["date"]) if form.get("date") else None,
                "drop": [str(name) for name in form.getlist("drop") if name],
            }
        note = str(form.get("note") or "") or None
        reviewing.decide(store, str(form.get("agreement") or ""), action, note=note, **edit)

    def undone(form: FormData) -> None:
        if form.get("merge"):
            reviewing.undo_merge(store, int(str(form["merge"])))
        else:
            reviewing.undo(store, int(str(form.get("decision") or "")))

    def merged(form: FormData) -> None:
        action = form.get("action")
        if action not in ("accept", "reject"):
            raise ValueError("action: accept or reject")
        api.decide(store, int(str(form.get("item") or "")), action == "accept")

    async def decide(request: Request) -> Response:
        return await changing(request, decided)

    async def undo(request: Request) -> Response:
        return await changing(request, undone)

    async def merge(request: Request) -> Response:
        return await changing(request, merged)

    return [
        Route("/review", queue),
        Route("/review.{fmt:str}", queue),
        Route("/review/decide", decide, methods=["POST"]),
        Route("/review/undo", undo, methods=["POST"]),
        Route("/review/merge", merge, methods=["POST"]),
    ]


def _merge_row(item: Any) -> dict[str, Any]:
    return {"item": item.id, "name": item.name, "may_be": item.candidate_name, "score": item.score}
