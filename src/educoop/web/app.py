"""The workbench's web app (Starlette, Jinja2 templates rendered on the server): search with
suggestions, party pages with the evidence behind every agreement, and every canned query
as a form whose answer is also JSON and CSV at the same URL's twin.

Every value shown is escaped (Jinja2 autoescape): documents are hostile input. A library
error is a page, never a traceback. Bound anywhere but the loopback interface, every
request needs the token (``?token=``, then a cookie).
"""

from __future__ import annotations

import hmac
from importlib import resources
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from educoop import api
from educoop.analysis.network import Filters
from educoop.analysis.report import ReportKind
from educoop.errors import EducoopError, QueryError
from educoop.graph.lookup import suggestions
from educoop.graph.stores import Store
from educoop.queries import catalogue
from educoop.render import render
from educoop.web import views

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
SUGGESTIONS = 8
_COOKIE = "educoop_token"

_templates = Environment(
    loader=FileSystemLoader(str(resources.files("educoop.web").joinpath("templates"))),
    autoescape=select_autoescape(["html"]),
)


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_templates.get_template(name).render(**context), status_code=status)


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


def create_app(store: Store, *, token: str | None = None) -> Starlette:
    """The workbench over an open ``store``; with ``token``, every request must carry it."""

    async def home(request: Request) -> Response:
        return _page(
            "home.html",
            stats=store.stats(),
            queries=catalogue.catalogue().values(),
            reports=[str(kind) for kind in ReportKind],
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
            return _page("error.html", 404, message=str(exc))
        return Response(status_code=303, headers={"location": f"/party/{found}"})

    async def party(request: Request) -> Response:
        node = request.path_params["id"]
        graph = store.to_networkx()
        if not views.is_party(graph, node):
            return _page("error.html", 404, message=f"no institution or region {node!r}")
        view = views.party(graph, node)
        partners = api.query(store, "partners", {"name": node})
        return _page("party.html", party=view, partners=partners)

    async def query(request: Request) -> Response:
        name, fmt = request.path_params["name"], request.path_params.get("fmt", "html")
        try:
            canned = catalogue.get(name)
        except QueryError as exc:
            return _page("error.html", 404, message=str(exc))
        params = {p.name: request.query_params.get(p.name, "") for p in canned.parameters}
        given = {key: value for key, value in params.items() if value}
        rows: list[dict[str, Any]] | None = None
        error = None
        if given or not any(p.required for p in canned.parameters):
            try:
                rows = api.query(store, name, given)
            except EducoopError as exc:
                error = str(exc)
        if fmt == "json":
            if error:
                return JSONResponse({"error": error}, 400)
            return JSONResponse(rows or [])
        if fmt == "csv":
            if error:
                return PlainTextResponse(error, 400)
            return PlainTextResponse(render(rows or [], "csv"), media_type="text/csv")
        state = urlencode(given)
        return _page(
            "query.html",
            400 if error else 200,
            query=canned,
            params=params,
            rows=rows,
            error=error,
            state=state,
        )

    async def report(request: Request) -> Response:
        kind, fmt = request.path_params["kind"], request.path_params.get("fmt", "html")
        if kind not in {str(k) for k in ReportKind}:
            return _page("error.html", 404, message=f"no report {kind!r}")
        given = request.query_params
        try:
            filters = Filters.of(
                {
                    "since": given.get("since"),
                    "until": given.get("until"),
                    "kinds": given.getlist("kind"),
                    "region": given.get("region"),
                    "institution_kinds": given.getlist("institution_kind"),
                }
            )
            top = int(given["top"]) if given.get("top") else None
            level = given.get("level") or "province"
            result = api.report(store, kind, filters=filters, top=top, level=level)
        except (EducoopError, ValueError) as exc:
            if fmt == "json":
                return JSONResponse({"error": str(exc)}, 400)
            return _page("error.html", 400, message=str(exc))
        if fmt == "json":
            return JSONResponse({"title": result.title, "notes": result.notes, "rows": result.rows})
        if fmt == "csv":
            return PlainTextResponse(render(result.rows, "csv"), media_type="text/csv")
        regions, cells = views.heatmap(result.rows) if kind == ReportKind.REGIONS else ([], {})
        return _page(
            "report.html",
            report=result,
            kind=kind,
            kinds=[str(k) for k in ReportKind],
            given=given,
            state=urlencode(list(given.multi_items())),
            regions=regions,
            cells=cells,
        )

    routes = [
        Route("/", home),
        Route("/suggest.json", suggest),
        Route("/search", search),
        Route("/party/{id:path}", party),
        Route("/query/{name}.{fmt:str}", query),
        Route("/query/{name}", query),
        Route("/report/{kind}.{fmt:str}", report),
        Route("/report/{kind}", report),
        Mount("/static", StaticFiles(directory=str(resources.files("educoop.web") / "static"))),
    ]

    async def failure(request: Request, exc: Exception) -> Response:
        message = str(exc) if isinstance(exc, EducoopError) else "the workbench failed here"
        return _page("error.html", 500, message=message)

    middleware = [Middleware(_Token, token=token)] if token else []
    return Starlette(routes=routes, middleware=middleware, exception_handlers={Exception: failure})
