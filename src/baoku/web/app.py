"""The reader: HTML pages and their JSON twins over one archive, read-only.

Every HTML route has an API route under ``/api/`` computed by the same function of
`baoku.web.queries`; the HTML page names its twin in a ``Link: rel="alternate"`` header. Errors
are 400 (bad parameters) or 404 (nothing there), as an HTML page or as
``{"ok": false, "error": …, "status": …}``; never a 500 for anything a visitor can type.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParameter
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from ..archive import Archive, Filters
from ..archive.search import KINDS
from ..archive.tokens import MAX_QUERY_CHARS
from ..errors import BaokuError
from . import queries
from .queries import ENTITY_TYPES, MAX_OFFSET, PAGE_SIZE, NotFound

DATE = r"^\d{4}-\d{2}-\d{2}$"
FORM_DATE = r"^(\d{4}-\d{2}-\d{2})?$"  # a form's empty date field sends ""
MAX_PAGE_SIZE = 100
_TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates")
_TEMPLATES.env.filters["quote"] = lambda text: quote(str(text), safe="")
_TEMPLATES.env.filters["number"] = lambda value: f"{value:,.10g}"

Text = Annotated[str | None, Query(max_length=100)]
Date = Annotated[str | None, Query(pattern=FORM_DATE)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
IssueDate = Annotated[str, PathParameter(pattern=DATE, description="YYYY-MM-DD")]


def create_app(db: str | Path) -> FastAPI:
    """The reader over the archive at ``db``, which must exist; each server thread reads it
    through a connection of its own, opened read-only."""
    Archive(db).close()  # fail now, with the archive's own message, not on the first visit
    local = threading.local()

    def archive() -> Archive:
        if not hasattr(local, "archive"):
            local.archive = Archive(db)
        return local.archive

    app = FastAPI(title="baoku", summary="A Chinese newspaper archive: issues, articles, "
                                         "search and the people, places and organizations in "
                                         "them.", version="1")
    _errors(app)

    @app.get("/api/issues", tags=["issues"])
    def api_issues() -> list[dict]:
        """Every paper with its issues and their page and article counts."""
        return queries.papers(archive())

    @app.get("/api/issues/{paper}/{date}", tags=["issues"])
    def api_issue(paper: str, date: IssueDate) -> dict:
        """An issue's pages, each with its articles' headline parts in reading order."""
        return queries.issue(archive(), paper, date)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict:
        """An article whole (the parse's JSON), each part as read and as repaired, the page it
        is on, and the articles before and after it."""
        return queries.article(archive(), article_id)

    @app.get("/api/search", tags=["search"])
    def api_search(q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
                   paper: Text = None, date_from: Annotated[Date, Query(alias="from")] = None,
                   date_to: Annotated[Date, Query(alias="to")] = None, column: Text = None,
                   kind: Text = None, person: Text = None, place: Text = None,
                   organization: Text = None, offset: Offset = 0,
                   limit: Limit = PAGE_SIZE) -> dict:
        """Articles for a query (words ANDed; OR, NOT, "phrases") and filters, best first."""
        filters = _filters(paper, date_from, date_to, column, kind, person, place,
                           organization)
        return queries.search_page(archive(), q, filters, offset, limit)

    @app.get("/api/entities/{kind}/{name:path}", tags=["entities"])
    def api_entity(kind: str, name: str, offset: Offset = 0, limit: Limit = PAGE_SIZE) -> dict:
        """Every article naming a person, place, organization, date or term, oldest first."""
        return queries.entity(archive(), kind, name, offset, limit)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        return _page(request, "home.html", "/api/issues", papers=queries.papers(archive()))

    @app.get("/issues/{paper}/{date}", response_class=HTMLResponse, include_in_schema=False)
    def issue_page(request: Request, paper: str, date: IssueDate) -> Response:
        return _page(request, "issue.html", f"/api/issues/{paper}/{date}",
                     issue=queries.issue(archive(), paper, date))

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str,
                     view: Annotated[str, Query(pattern="^(read|repaired)$")] = "repaired",
                     ) -> Response:
        return _page(request, "article.html", f"/api/articles/{article_id}",
                     view=view, entity_types=ENTITY_TYPES,
                     **queries.article(archive(), article_id))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
                    paper: Text = None, date_from: Annotated[Date, Query(alias="from")] = None,
                    date_to: Annotated[Date, Query(alias="to")] = None, column: Text = None,
                    kind: Text = None, offset: Offset = 0) -> Response:
        filters = _filters(paper, date_from, date_to, column, kind)
        asked = {k: v for k, v in request.query_params.items() if k != "offset" and v}
        return _page(request, "search.html", "/api/search?" + urlencode(request.query_params),
                     result=queries.search_page(archive(), q, filters, offset), asked=asked,
                     papers=queries.paper_names(archive()), kinds=KINDS)

    @app.get("/entities/{kind}/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, kind: str, name: str, offset: Offset = 0) -> Response:
        return _page(request, "entity.html",
                     f"/api/entities/{quote(kind)}/{quote(name)}?offset={offset}",
                     entity=queries.entity(archive(), kind, name, offset))

    return app


def _filters(paper: str | None, date_from: str | None, date_to: str | None,
             column: str | None, kind: str | None, person: str | None = None,
             place: str | None = None, organization: str | None = None) -> Filters:
    """The filters a form or a URL gives; an empty field is no filter."""
    return Filters(paper=paper or None, date_from=date_from or None, date_to=date_to or None,
                   column=column or None, kind=kind or None, person=person or None,
                   place=place or None, organization=organization or None)


def _page(request: Request, template: str, twin: str, **context) -> Response:
    response = _TEMPLATES.TemplateResponse(request, template, context)
    response.headers["Link"] = f'<{twin}>; rel="alternate"; type="application/json"'
    return response


def _errors(app: FastAPI) -> None:
    """400 for bad parameters, 404 for nothing there: as JSON under /api/, else as a page."""

    def answer(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"ok": False, "error": message, "status": status}, status)
        return _TEMPLATES.TemplateResponse(request, "error.html",
                                           {"status": status, "message": message},
                                           status_code=status)

    @app.exception_handler(NotFound)
    def not_found(request: Request, error: NotFound) -> Response:
        return answer(request, 404, error.message)

    @app.exception_handler(BaokuError)
    def bad_request(request: Request, error: BaokuError) -> Response:
        return answer(request, 400, error.message)

    @app.exception_handler(RequestValidationError)
    def bad_parameter(request: Request, error: RequestValidationError) -> Response:
        first = error.errors()[0]
        where = ".".join(str(x) for x in first["loc"][1:]) or "request"
        return answer(request, 400, f"{where}: {first['msg']}")

    @app.exception_handler(404)
    def no_route(request: Request, error: Exception) -> Response:
        return answer(request, 404, f"no page at {request.url.path}")
