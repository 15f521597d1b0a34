"""The web app's routes: each page is an HTML template and a ``.json`` twin of the same
data (:mod:`newsledger.web.pages`); lists export CSV and JSON of everything filtered.

Writes (reviews, entity edits) are POST forms that call the same workflows the CLI calls;
:mod:`newsledger.web.security` guards them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, fields
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from newsledger import __version__, workflows
from newsledger.errors import NewsledgerError
from newsledger.formatting import number
from newsledger.report.html import CSS as REPORT_CSS
from newsledger.report.html import group_chart
from newsledger.store import Ledger, open_ledger
from newsledger.store.browse import FACETS, NONE, SORTS, ClaimQuery, ClaimRow
from newsledger.store.edits import REVIEW_STATUSES
from newsledger.web import pages
from newsledger.web.security import Guard, SecurityHeaders, safe_url

PACKAGE = Path(str(resources.files("newsledger.web")))
PAGE_SIZE = 50
REVIEW_QUEUE = 30


class WebApp:
    """The ledger, the templates and the write guard of one ``newsledger serve``."""

    def __init__(self, db: str, guard: Guard) -> None:
        self.db = db
        self.ledger: Ledger = open_ledger(db, create=False)
        self.guard = guard
        self.templates = Environment(loader=FileSystemLoader(PACKAGE / "templates"),
                                     autoescape=True, trim_blocks=True, lstrip_blocks=True)
        self.templates.filters.update(number=number, safe_url=safe_url, urlpart=_urlpart)
        self.templates.globals.update(version=__version__, facets=FACETS, sorts=SORTS,
                                      none=NONE, statuses=REVIEW_STATUSES)

    # -- rendering ------------------------------------------------------------------------

    def render(self, request: Request, template: str, data: dict[str, Any],
               status: int = 200, **extra: Any) -> Response:
        """The page, or its JSON twin when the path ends in ``.json``."""
        if request.url.path.endswith(".json"):
            return JSONResponse(data, status_code=status)
        json_url = _twin(request, ".json")
        html = self.templates.get_template(template).render(
            data=data, request=request, json_url=json_url, permalink=str(request.url),
            csrf=self.guard.csrf_token, token_needed=self.guard.token is not None,
            read_only=self.guard.read_only, **extra)
        return HTMLResponse(html, status_code=status)

    # -- pages ----------------------------------------------------------------------------

    def claims(self, request: Request) -> Response:
        query = claim_query(request.query_params)
        data = pages.claims(self.ledger, query)
        exports = {kind: _twin(request, f"/export.{kind}", keep_cursor=False)
                   for kind in ("csv", "json")}
        return self.render(request, "claims.html", data, exports=exports,
                           facet_link=_facet_link(request), next_url=_next_url(request, data))

    def claim(self, request: Request) -> Response:
        data = pages.claim(self.ledger, _stem(request.path_params["claim_id"]))
        return self.render(request, "claim.html", data)

    def group(self, request: Request) -> Response:
        view = pages.group_view(self.ledger, _stem(request.path_params["group_id"]))
        # the chart is the report's SVG, its texts escaped where it is drawn
        return self.render(request, "group.html", pages.group(view),
                           chart=Markup(group_chart(view.group)))

    def story(self, request: Request) -> Response:
        data = pages.story(self.ledger, _stem(request.path_params["story_id"]))
        return self.render(request, "story.html", data)

    def stories(self, request: Request) -> Response:
        return self.render(request, "stories.html", pages.stories(self.ledger))

    def speaker(self, request: Request) -> Response:
        data = pages.speaker(self.ledger, _stem(request.path_params["name"]))
        return self.render(request, "speaker.html", data)

    def changes(self, request: Request) -> Response:
        since = request.query_params.get("since") or _thirty_days_ago()
        data = pages.changes(self.ledger, _checked_since(since))
        if request.url.path.endswith(".atom"):
            xml = self.templates.get_template("changes.atom").render(
                data=data, request=request, updated=datetime.now(UTC).isoformat())
            return Response(xml, media_type="application/atom+xml")
        return self.render(request, "changes.html", data, atom_url=_twin(request, ".atom"))

    def review_queue(self, request: Request) -> Response:
        rows = self.ledger.browse().review_queue(REVIEW_QUEUE)
        return self.render(request, "review.html", {"claims": [pages.row_dict(r) for r in rows]})

    # -- exports --------------------------------------------------------------------------

    def export(self, request: Request) -> Response:
        query = claim_query(request.query_params)
        query.check()
        rows = self.ledger.browse().rows(query)
        if request.url.path.endswith(".csv"):
            return StreamingResponse(_csv_lines(rows), media_type="text/csv; charset=utf-8",
                                     headers=_attachment("claims.csv"))
        return StreamingResponse(_json_array(rows), media_type="application/json",
                                 headers=_attachment("claims.json"))

    # -- writes ---------------------------------------------------------------------------

    async def review(self, request: Request) -> Response:
        form = await self.guard.checked_form(request)
        claim_id = request.path_params["claim_id"]
        corrections = {name: form[name].strip() for name in ("value", "speaker")
                       if form.get(name, "").strip()}
        workflows.review(self.db, claim_id, str(form.get("status", "")), by="web",
                         corrections=corrections)
        return RedirectResponse(_local(form.get("next")) or f"/claim/{quote(claim_id)}",
                                status_code=303)

    async def edit_speaker(self, request: Request) -> Response:
        form = await self.guard.checked_form(request)
        name, action = request.path_params["name"], request.path_params["action"]
        if action not in ("merge", "split", "rename"):
            raise pages.NotFound(f"no speaker action {action!r}; merge, split or rename")
        other = str(form.get("other", "")).strip()
        if not other:
            raise NewsledgerError(f"{action} needs the other name (field 'other')")
        workflows.edit_entities(self.db, action, name, other, by="web")
        shown = other if action == "rename" else name
        return RedirectResponse(f"/speaker/{quote(shown, safe='')}", status_code=303)


# --- request parsing ----------------------------------------------------------------------

def claim_query(params: QueryParams, *, limit: int = PAGE_SIZE) -> ClaimQuery:
    """The claims query a page's parameters ask for (unknown parameters are refused)."""
    known = {"q", "sort", "after", "limit", "since", *FACETS}
    unknown = sorted(set(params) - known)
    if unknown:
        raise NewsledgerError(f"unknown parameter {unknown[0]!r}; known: {', '.join(sorted(known))}")
    try:
        limit = int(params.get("limit", limit))
    except ValueError:
        raise NewsledgerError(f"limit must be a number; got {params['limit']!r}") from None
    return ClaimQuery(q=params.get("q", ""), sort=params.get("sort") or "date",
                      after=params.get("after") or None, since=params.get("since") or None,
                      filters={f: params[f] for f in FACETS if params.get(f)}, limit=limit)


def _checked_since(since: str) -> str:
    ClaimQuery(since=since).check()
    return since


def _thirty_days_ago() -> str:
    return (datetime.now(UTC).date() - timedelta(days=30)).isoformat()


def _stem(value: str) -> str:
    """A path parameter without the ``.json`` a twin adds."""
    return value.removesuffix(".json")


def _local(path: object) -> str | None:
    """A redirect target from a form, only when it stays on this site."""
    if isinstance(path, str) and path.startswith("/") and not path.startswith(("//", "/\\")):
        return path
    return None


def _urlpart(value: str) -> str:
    return quote(value, safe="")


def _twin(request: Request, suffix: str, *, keep_cursor: bool = True) -> str:
    """This page's URL with ``suffix`` on its path ('.json', '/export.csv'), same query."""
    path = request.url.path.removesuffix(".json").removesuffix(".atom")
    params = [(k, v) for k, v in request.query_params.multi_items()
              if keep_cursor or k != "after"]
    return path + suffix + (f"?{urlencode(params)}" if params else "")


def _facet_link(request: Request) -> Callable[[str, str], str]:
    """The link that adds (or, when chosen, removes) one facet value; resets the page."""
    def link(name: str, value: str) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "after"}
        if params.get(name) == value:
            params.pop(name)
        else:
            params[name] = value
        return "/claims?" + urlencode(params)
    return link


def _next_url(request: Request, data: dict[str, Any]) -> str | None:
    if not data["next"]:
        return None
    params = {**dict(request.query_params), "after": data["next"]}
    return request.url.path + "?" + urlencode(params)


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f'attachment; filename="{name}"'}


def _csv_lines(rows: Iterator[ClaimRow]) -> Iterator[str]:
    names = [f.name for f in fields(ClaimRow)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([getattr(row, name) for name in names])
        if out.tell() > 64_000:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _json_array(rows: Iterator[ClaimRow]) -> Iterator[str]:
    yield "["
    for i, row in enumerate(rows):
        yield ("," if i else "") + json.dumps(asdict(row), ensure_ascii=False)
    yield "]\n"


# --- errors -------------------------------------------------------------------------------

def _error_handler(app: WebApp):
    def handle(request: Request, exc: Exception) -> Response:
        if isinstance(exc, pages.Moved):
            target = {"story": "/story/", "group": "/group/"}[exc.kind] + quote(exc.to)
            suffix = ".json" if request.url.path.endswith(".json") else ""
            return RedirectResponse(target + suffix, status_code=301)
        status = 404 if isinstance(exc, pages.NotFound) else getattr(exc, "status", 400)
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if request.url.path.endswith(".json") or request.method == "POST" \
                and "json" in request.headers.get("accept", ""):
            return JSONResponse({"error": message}, status_code=status)
        html = app.templates.get_template("error.html").render(
            message=message, status=status, request=request)
        return HTMLResponse(html, status_code=status)
    return handle


def _not_found(request: Request, exc: Exception) -> Response:
    return PlainTextResponse(f"no page at {request.url.path}", status_code=404)


# --- the app ------------------------------------------------------------------------------

def create_app(db: str, *, read_only: bool = False, token: str | None = None) -> Starlette:
    """The ASGI app over the ledger at ``db``; ``token`` (required when serving beyond
    this machine) must accompany every write; ``read_only`` refuses all writes."""
    app = WebApp(db, Guard(read_only=read_only, token=token))
    routes = [
        Route("/", lambda request: RedirectResponse("/claims")),
        Route("/claims", app.claims), Route("/claims.json", app.claims),
        Route("/claims/export.csv", app.export), Route("/claims/export.json", app.export),
        Route("/claim/{claim_id}", app.claim),
        Route("/claim/{claim_id}/review", app.review, methods=["POST"]),
        Route("/group/{group_id}", app.group),
        Route("/stories", app.stories), Route("/stories.json", app.stories),
        Route("/story/{story_id}", app.story),
        Route("/speaker/{name}", app.speaker),
        Route("/speaker/{name}/{action:str}", app.edit_speaker, methods=["POST"]),
        Route("/changes", app.changes), Route("/changes.json", app.changes),
        Route("/changes.atom", app.changes),
        Route("/review", app.review_queue), Route("/review.json", app.review_queue),
        Route("/report.css", lambda request: Response(REPORT_CSS, media_type="text/css")),
        Mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static"),
    ]
    web = Starlette(routes=routes, exception_handlers={
        NewsledgerError: _error_handler(app), 404: _not_found})
    web.add_middleware(SecurityHeaders)
    web.state.newsledger = app
    return web
