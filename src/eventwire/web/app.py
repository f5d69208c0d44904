"""The web dashboard: `create_app(db)` serves the pages, the JSON API under /api and the static files
shipped with the package (no CDN, no network). The database is only read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.analysis.filters import PERIODS, plover_types
from eventwire.errors import QueryError, StoreError
from eventwire.web.access import BUSY_TIMEOUT, BusyError, open_reader
from eventwire.web.api import router
from eventwire.web.highlight import event_spans, segments

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _error(status: int, error: str, message: str, errors: list[dict[str, str]] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "message": message, "errors": errors or []}, status_code=status)


def create_app(db: str | Path, busy_timeout: float = BUSY_TIMEOUT) -> FastAPI:
    """The application over the database file `db`, opened read-only for each request; a request that
    finds it locked by a writer waits up to `busy_timeout` seconds, then answers 503 with Retry-After."""
    app = FastAPI(title="eventwire", version=__version__, docs_url="/api/docs", redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Events coded from news (who did what to whom, when and where) with their evidence. "
                              "Every list is paginated (`page`, `per_page`); a bad parameter is a 422 naming it.")
    app.state.db = str(db)
    app.state.busy_timeout = busy_timeout
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(version=__version__, quad_classes=QUAD_CLASSES)
    cache: dict[str, dict[str, set[str]]] = {}

    def query_params(path: str) -> set[str] | None:
        """The query parameters an API path takes, from the app's own OpenAPI schema."""
        if "paths" not in cache:
            cache["paths"] = {
                p: {x["name"] for op in ops.values() for x in op.get("parameters", []) if x.get("in") == "query"}
                for p, ops in app.openapi()["paths"].items()}
        return cache["paths"].get(path)

    app.state.query_params = query_params
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api")

    def page_error(request: Request, status: int, title: str, message: str) -> Response:
        return templates.TemplateResponse(request, "error.html", {"title": title, "message": message},
                                          status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        errors = []
        for e in exc.errors():
            loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body") and not isinstance(x, int)]
            errors.append({"parameter": ".".join(loc) or "request", "message": str(e.get("msg", "invalid"))})
        message = "; ".join(f"{x['parameter']}: {x['message']}" for x in errors)
        if not is_api(request):
            return page_error(request, 422, "Bad request", message)
        return _error(422, "bad_parameter", message, errors)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        if not is_api(request):
            return page_error(request, 422, "Bad request", f"{exc.param}: {exc.reason}")
        return _error(422, "bad_parameter", f"{exc.param}: {exc.reason}", [{"parameter": exc.param, "message": exc.reason}])

    @app.exception_handler(StoreError)
    async def unavailable(request: Request, exc: StoreError) -> Response:
        if not is_api(request):
            response = page_error(request, 503, "Database unavailable", str(exc))
        else:
            response = _error(503, "database_busy" if isinstance(exc, BusyError) else "database_unavailable", str(exc))
        if isinstance(exc, BusyError):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail
        if isinstance(detail, dict):  # a bad parameter found by a dependency
            msg = f"{detail['param']}: {detail['message']}"
            if not is_api(request):
                return page_error(request, 422, "Bad request", msg)
            return _error(422, "bad_parameter", msg, [{"parameter": detail["param"], "message": detail["message"]}])
        name = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        text = str(detail) if detail and detail != "Not Found" else f"nothing at {request.url.path}"
        if not is_api(request):
            return page_error(request, exc.status_code, "Not found" if exc.status_code == 404 else "Error", text)
        return _error(exc.status_code, name, text)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dashboard(request: Request) -> Response:
        with open_reader(app.state.db, app.state.busy_timeout) as reader:
            summary = reader.summary()
        return templates.TemplateResponse(request, "dashboard.html", {
            "summary": summary, "plover_types": plover_types(), "periods": PERIODS})

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(request: Request, event_id: str) -> Response:
        with open_reader(app.state.db, app.state.busy_timeout) as reader:
            detail = reader.event(event_id)
        if detail is None:
            raise HTTPException(404, f"no event {event_id!r} in this database")
        return templates.TemplateResponse(request, "event.html", {
            "d": detail, "ev": detail["event"], "article": detail["article"],
            "segments": segments(detail["article"]["text"], event_spans(detail))})

    @app.get("/report", response_class=HTMLResponse, include_in_schema=False)
    def report_page(
        actor: Annotated[list[str], Query(min_length=1, description="actors of the report (repeat)")],
        since: dt.date | None = None,
        until: dt.date | None = None,
        period: Literal["auto", "day", "week", "month"] = "auto",
    ) -> Response:
        from eventwire.report import build, render_html

        with open_reader(app.state.db, app.state.busy_timeout) as reader:
            rep = build(reader, actor, since=since, until=until, period=period)
        return HTMLResponse(render_html(rep, link_base=""), headers={"Content-Security-Policy": REPORT_CSP})

    return app
