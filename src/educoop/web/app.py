"""The workbench's web app (Starlette, Jinja2 templates rendered on the server): search with
suggestions, party and document pages with the evidence behind every agreement, every
canned query and report as a page whose answer is also JSON and CSV at the same URL's twin,
the review queue (``web/review_pages.py``) and the network explorer.

Every value shown is escaped (Jinja2 autoescape): documents are hostile input. A library
error is a page, never a traceback; a store that stops answering (Neo4j down) is a 503
page, and the server answers again once it is back. Bound anywhere but the loopback
interface, every request needs the token (``?token=``, then a cookie).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from dataclasses import replace
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from educoop import api
from educoop.analysis.report import ReportKind
from educoop.errors import EducoopError, QueryError, StoreUnavailable
from educoop.graph.lookup import suggestions
from educoop.graph.stores import Store
from educoop.queries import catalogue
from educoop.render import render
from educoop.review import queue as review_queue
from educoop.web import views
from educoop.web.explore_pages import explore_routes, filters_in
from educoop.web.pages import Guard, mistake, page
from educoop.web.pages import error as error_page
from educoop.web.review_pages import review_routes

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SUGGESTIONS = 8
# Partners listed on a party page; the rest are one link away (the partners query's page).
PARTNERS_SHOWN = 100
_COOKIE = "educoop_token"


class _Token(BaseHTTPMiddleware):
    """Every request carries the token: in ``?token=`` (which sets a cookie) or the cookie."""

    def __init__(self, app: Any, token: str) -> None:
        super().__init__(app)
        self.token = token

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        given = request.query_params.get("token") or request.cookies.get(_COOKIE) or ""
        if not hmac.compare_digest(given.encode(), self.token.encode()):
            return PlainTextResponse("a token is needed (educoop serve printed it)", 401)
        response = await call_next(request)
        if request.query_params.get("token"):
            response.set_cookie(_COOKIE, self.token, httponly=True, samesite="strict")
        return response


# Sent with every answer: the policy as a header (a <meta> one cannot forbid framing), no
# framing (clickjacking on the review's buttons), no guessing of content types.
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; frame-ancestors 'none'"
    ),
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


class _Secured(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response


def _notes(store: Store, name: str, given: dict[str, str], rows: list[Any]) -> list[str]:
    """What a query's answer needs said: why it is empty (path), what its window left out."""
    notes = [] if rows else [why for why in [api.why_empty(store, name, given)] if why]
    left_out = api.undated_left_out(store, name, given)
    if left_out:
        noun = "agreement" if left_out == 1 else "agreements"
        notes.append(f"{left_out} undated {noun} left out by the date window")
    return notes


def create_app(
    store: Store,
    *,
    token: str | None = None,
    read_only: bool = False,
    hosts: Iterable[str] | None = None,
) -> Starlette:
    """The workbench over an open ``store``; with ``token``, every request must carry it;
    ``read_only`` refuses every change (the review's decisions); with ``hosts``, a request
    naming any other host is refused (a page of another site that rebinds its name to the
    loopback address cannot read the workbench's pages)."""
    guard = Guard(read_only=read_only)

    async def home(request: Request) -> Response:
        return page(
            "home.html",
            stats=store.stats(),
            queries=catalogue.catalogue().values(),
            reports=[str(kind) for kind in ReportKind],
            waiting=review_queue(store, 1).total,
        )

    async def suggest(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        named = store.named() if text else []
        folded = text.casefold()
        starts = sorted(
            {n.name: n.id for n in named if any(o.casefold().startswith(folded) for o in n.names)}
        )
        close = suggestions(named, text, SUGGESTIONS) if text else []
        ids = {n.name: n.id for n in named}
        names = list(dict.fromkeys([*starts, *close]))[:SUGGESTIONS]
        return JSONResponse([{"name": name, "id": ids[name]} for name in names])

    async def search(request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        try:
            found = api.find_party(store, text)
        except QueryError as exc:
            return error_page(str(exc), 404)
        # Ids of names written in Chinese are not ASCII: a header carries them encoded.
        return RedirectResponse(f"/party/{quote(found, safe=':')}", 303)

    async def party(request: Request) -> Response:
        node = request.path_params["id"]
        graph = store.to_networkx()
        if not views.is_party(graph, node):
            return error_page(f"no institution or region {node!r}", 404)
        try:
            number = int(request.query_params.get("page") or 1)
        except ValueError:
            return error_page("page: give a number", 400)
        view = views.party(graph, node, number)
        partners = api.query(store, "partners", {"name": node})
        return page(
            "party.html",
            party=view,
            partners=partners[:PARTNERS_SHOWN],
            more_partners=max(0, len(partners) - PARTNERS_SHOWN),
            guard=guard,
        )

    async def document(request: Request) -> Response:
        node = request.path_params["id"]
        graph = store.to_networkx()
        if node not in graph or graph.nodes[node].get("label") != "Document":
            return error_page(f"no document {node!r}", 404)
        sha256 = str(graph.nodes[node].get("sha256"))
        stored = next((d for d in store.documents() if d.sha256 == sha256), None)
        records = json.loads(stored.records) if stored else {}
        view = views.document(graph, node, records)
        return page("document.html", doc=view, guard=guard)

    async def query(request: Request) -> Response:
        name, fmt = request.path_params["name"], request.path_params.get("fmt", "html")
        try:
            canned = catalogue.get(name)
        except QueryError as exc:
            return error_page(str(exc), 404)
        params = {p.name: request.query_params.get(p.name, "") for p in canned.parameters}
        given = {key: value for key, value in params.items() if value}
        rows: list[dict[str, Any]] | None = None
        error = None
        notes: list[str] = []
        if given or not any(p.required for p in canned.parameters):
            try:
                rows = api.query(store, name, given)
                notes = _notes(store, name, given, rows)
            except EducoopError as exc:
                error = mistake(exc)
        # The notes travel with the JSON and CSV too, in a header: the rows stay the rows.
        headers = {"x-educoop-notes": json.dumps(notes)} if notes else {}
        if fmt == "json":
            if error:
                return JSONResponse({"error": error}, 400)
            return JSONResponse(rows or [], headers=headers)
        if fmt == "csv":
            if error:
                return PlainTextResponse(error, 400)
            text = render(rows or [], "csv")
            return PlainTextResponse(text, media_type="text/csv", headers=headers)
        state = urlencode(given)
        return page(
            "query.html",
            400 if error else 200,
            query=canned,
            params=params,
            rows=rows,
            notes=notes,
            error=error,
            state=state,
        )

    async def report(request: Request) -> Response:
        kind, fmt = request.path_params["kind"], request.path_params.get("fmt", "html")
        if kind not in {str(k) for k in ReportKind}:
            return error_page(f"no report {kind!r}", 404)
        given = request.query_params
        try:
            filters = filters_in(given)
            top = int(given["top"]) if given.get("top") else None
            level = given.get("level") or "province"
            result = api.report(store, kind, filters=filters, top=top, level=level)
        except (EducoopError, ValueError) as exc:
            if fmt == "json":
                return JSONResponse({"error": mistake(exc)}, 400)
            return error_page(mistake(exc), 400)
        if fmt == "json":
            return JSONResponse({"title": result.title, "notes": result.notes, "rows": result.rows})
        if fmt == "csv":
            return PlainTextResponse(render(result.rows, "csv"), media_type="text/csv")
        regions, cells = views.heatmap(result.rows) if kind == ReportKind.REGIONS else ([], {})
        # Sorting is the page's own: the URL keeps it, the JSON and CSV keep the report's order.
        sort, descending = given.get("sort"), given.get("desc") == "1"
        rows = views.sorted_rows(result.rows, sort, descending)
        others = [(k, v) for k, v in given.multi_items() if k not in ("sort", "desc")]
        sorting = {
            column: urlencode(
                [*others, ("sort", column), ("desc", "0" if column == sort and descending else "1")]
            )
            for column in (result.rows[0] if result.rows else {})
        }
        return page(
            "report.html",
            report=replace(result, rows=rows),
            kind=kind,
            sort=sort,
            descending=descending,
            sorting=sorting,
            kinds=[str(k) for k in ReportKind],
            given=given,
            state=urlencode(list(given.multi_items())),
            regions=regions,
            cells=cells,
        )

    routes = [
        Route("/", home),
        # No icon: an empty answer rather than a 404 in every browser console.
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/suggest.json", suggest),
        Route("/search", search),
        Route("/party/{id:path}", party),
        Route("/document/{id:path}", document),
        Route("/query/{name}.{fmt:str}", query),
        Route("/query/{name}", query),
        Route("/report/{kind}.{fmt:str}", report),
        Route("/report/{kind}", report),
        *review_routes(store, guard),
        *explore_routes(store),
        Mount("/static", StaticFiles(directory=str(resources.files("educoop.web") / "static"))),
    ]

    async def failure(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StoreUnavailable):
            return error_page(f"{exc} (the workbench answers again once the store is back)", 503)
        message = str(exc) if isinstance(exc, EducoopError) else "the workbench failed here"
        return error_page(message, 500)

    middleware = [Middleware(_Secured)]
    if hosts is not None:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=sorted(hosts)))
    if token:
        middleware.append(Middleware(_Token, token=token))
    # Library errors are answered as pages where they happen (ExceptionMiddleware); only an
    # error of educoop's own goes on to the server's error page, and to the log.
    handlers = {EducoopError: failure, Exception: failure}
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)
