"""What every workbench page shares: the Jinja2 templates (autoescaped: documents are
hostile input) and the guard on state-changing requests.

A form that changes the store is a POST carrying this server's CSRF token, which only its
own pages know (another site cannot read them); under ``--read-only`` every such request
is refused.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from educoop.errors import StoreUnavailable

_templates = Environment(
    loader=FileSystemLoader(str(resources.files("educoop.web").joinpath("templates"))),
    autoescape=select_autoescape(["html"]),
)


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Template ``name`` rendered with ``context``, every value escaped."""
    return HTMLResponse(_templates.get_template(name).render(**context), status_code=status)


def mistake(exc: Exception) -> str:
    """What to tell of an error the request made (a wrong name or value); a store that
    stopped answering is raised on, to the server's 503 page."""
    if isinstance(exc, StoreUnavailable):
        raise exc
    return str(exc)


_TITLES = {400: "Cannot answer", 403: "Refused", 404: "Not found", 503: "Store unavailable"}


def error(message: str, status: int) -> HTMLResponse:
    return page("error.html", status, message=message, title=_TITLES.get(status, "Error"))


@dataclass(frozen=True)
class Guard:
    """Who may change the store: nobody under ``read_only``, else a form with ``csrf``."""

    read_only: bool = False
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    async def form(self, request: Request) -> tuple[FormData, Response | None]:
        """The request's form, and the refusal to answer instead when it may not change
        the store."""
        form = await request.form()
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
            return form, error("this form came from another site", 403)
        if self.read_only:
            return form, error("this workbench is read-only (educoop serve --read-only)", 403)
        given = str(form.get("csrf") or "")
        if not hmac.compare_digest(given.encode(), self.csrf.encode()):
            return form, error("this form is stale or came from another site: reload the page", 403)
        return form, None


def back_to(form: FormData, default: str) -> str:
    """Where a form returns to: a path of this site (``next``), never another site."""
    wanted = str(form.get("next") or "")
    if wanted.startswith("/") and not wanted.startswith("//") and "\\" not in wanted:
        return wanted
    return default
