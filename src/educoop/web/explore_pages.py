"""The workbench's network explorer: a page of controls whose state lives in the URL, the
view it draws as JSON (read by Cytoscape.js, vendored under static/vendor), and the same
view as SVG and GEXF. See ``educoop.analysis.explore``."""

from __future__ import annotations

from typing import Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from educoop.analysis.explore import COLOURS, SIZES, TOP, explore, svg
from educoop.analysis.network import Filters
from educoop.errors import EducoopError
from educoop.graph.export import export_graph
from educoop.graph.model import AgreementKind, InstitutionKind, RegionLevel
from educoop.graph.schema import Label
from educoop.graph.stores import Store
from educoop.web.pages import error, mistake, page

# The largest view a page is asked to draw.
MOST = 2000


def filters_in(given: QueryParams) -> Filters:
    """The report and explorer filters a URL carries."""
    return Filters.of(
        {
            "since": given.get("since"),
            "until": given.get("until"),
            "kinds": given.getlist("kind"),
            "region": given.get("region"),
            "institution_kinds": given.getlist("institution_kind"),
            "confirmed": given.get("confirmed") == "yes",
        }
    )


def explore_routes(store: Store) -> list[Route]:
    """The explorer's page and its JSON, SVG and GEXF."""

    async def explorer(request: Request) -> Response:
        fmt = request.path_params.get("fmt", "html")
        given = request.query_params
        if fmt == "html":
            return page(
                "explore.html",
                given=given,
                years=_years(store),
                colours=COLOURS,
                sizes=SIZES,
                levels=[str(level) for level in RegionLevel],
                kinds=[str(kind) for kind in AgreementKind],
                institution_kinds=[str(kind) for kind in InstitutionKind],
                top=TOP,
                state=str(given),
            )
        try:
            text = given.get("top") or str(TOP)
            if not text.isdigit() or int(text) > MOST:
                raise ValueError(f"top: a number from 0 to {MOST}")
            top = int(text)
            view = explore(
                store.to_networkx(),
                filters=filters_in(given),
                colour=given.get("colour") or "region",
                level=given.get("level") or "province",
                size=given.get("size") or "degree",
                top=top,
                expand=tuple(given.getlist("expand")),
            )
        except (EducoopError, ValueError) as exc:
            if fmt == "json":
                return JSONResponse({"error": mistake(exc)}, 400)
            return error(mistake(exc), 400)
        if fmt == "json":
            return JSONResponse(view.as_json())
        if fmt == "svg":
            return Response(svg(view), media_type="image/svg+xml")
        if fmt == "gexf":
            text = export_graph(view.to_networkx(), "gexf", None) or ""
            headers = {"content-disposition": 'attachment; filename="educoop-view.gexf"'}
            return Response(text, media_type="application/xml", headers=headers)
        return error(f"no format {fmt!r} (json, svg, gexf)", 404)

    return [Route("/explore", explorer), Route("/explore.{fmt:str}", explorer)]


def _years(store: Store) -> dict[str, Any]:
    """The first and last year of the store's dated agreements, for the time slider."""
    years = sorted(
        int(str(attrs["date"])[:4])
        for _, attrs in store.to_networkx().nodes(data=True)
        if attrs.get("label") == str(Label.AGREEMENT) and attrs.get("date")
    )
    return {"first": years[0], "last": years[-1]} if years else {}
