"""The JSON API under /api: thin adapters over `eventwire.analysis`. Every list is paginated, every
parameter is checked (a bad one is a 422 naming it), and the database is opened read-only per request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from eventwire.analysis import aggregates
from eventwire.analysis.filters import MAX_PER_PAGE, EventFilter
from eventwire.analysis.query import Reader, codes
from eventwire.web import access
from eventwire.web import schemas as s

Period = Literal["day", "week", "month"]
Level = Literal["key", "code"]
ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": s.ErrorOut, "description": "a parameter is invalid; `errors` names each one"},
    503: {"model": s.ErrorOut, "description": "the database cannot be opened (missing, or held by a writer "
                                              "longer than the server waits: then with a Retry-After header)"},
}


def open_reader(request: Request) -> Iterator[Reader]:
    """A read-only connection for one request, so `eventwire ingest` can write between requests; while a
    writer holds the file, the request waits for it (web/access.py) and then answers 503."""
    reader = access.open_reader(request.app.state.db, request.app.state.busy_timeout)
    try:
        yield reader
    finally:
        reader.close()


def known_params(request: Request) -> None:
    """Refuse query parameters the endpoint does not take: a misspelt filter must not pass unnoticed."""
    route = request.scope.get("route")
    allowed = request.app.state.query_params(getattr(route, "path", ""))
    if allowed is None:
        return
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise HTTPException(422, {"param": unknown[0], "message": f"unknown parameter; this endpoint takes "
                                  f"{', '.join(sorted(allowed)) or 'no parameters'}"})


def event_filter(
    actor: Annotated[list[str] | None, Query(description="source or target is one of these actors (repeat the "
                                             "parameter): a key (RUS, NATO) or a code (USAGOV)")] = None,
    source: Annotated[str | None, Query(max_length=32, description="source actor key or code")] = None,
    target: Annotated[str | None, Query(max_length=32, description="target actor key or code")] = None,
    dyad: Annotated[str | None, Query(max_length=70, description="two actors in either direction: RUS-UKR")] = None,
    code: Annotated[str | None, Query(max_length=4, description="CAMEO code or prefix: 04, 043, 0431")] = None,
    root: Annotated[str | None, Query(max_length=2, description="CAMEO root 01 to 20")] = None,
    plover: Annotated[str | None, Query(max_length=20, description="PLOVER type: ASSAULT, CONSULT...")] = None,
    quad_class: Annotated[list[int] | None, Query(description="QuadClass 1 to 4 (repeat)")] = None,
    place: Annotated[str | None, Query(max_length=100, description="place name, or ISO3 country of the place")] = None,
    since: Annotated[dt.date | None, Query(description="first day YYYY-MM-DD")] = None,
    until: Annotated[dt.date | None, Query(description="last day YYYY-MM-DD")] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the evidence sentence")] = None,
    status: Annotated[list[str] | None, Query(description="occurred, planned (default both), negated, "
                                              "hypothetical, or all (repeat)")] = None,
    article: Annotated[str | None, Query(max_length=100, description="article id")] = None,
) -> EventFilter:
    return EventFilter.of(actors=actor, source=source, target=target, dyad=dyad, code=code, root=root,
                          plover=plover, quad_classes=quad_class, place=place, since=since, until=until,
                          text=text, statuses=status, article=article)


def paging(page: Annotated[int, Query(ge=1, le=1_000_000, description="page number, from 1")] = 1,
           per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE, description="items per page")] = 50
           ) -> tuple[int, int]:
    return page, per_page


router = APIRouter(prefix="/api", dependencies=[Depends(known_params)], responses=ERRORS)
Db = Annotated[Reader, Depends(open_reader)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Paging = Annotated[tuple[int, int], Depends(paging)]


@router.get("/summary", response_model=s.Summary, summary="what the database holds")
def summary(db: Db) -> dict[str, Any]:
    return db.summary()


@router.get("/events", response_model=s.Page[s.EventOut], summary="events with their evidence")
def events(db: Db, flt: Filter, pg: Paging,
           sort: Annotated[Literal["date", "-date", "goldstein", "-goldstein", "confidence", "-confidence"],
                           Query(description="order; '-' for descending")] = "date") -> dict[str, Any]:
    return db.events(flt, page=pg[0], per_page=pg[1], sort=sort).to_dict()


@router.get("/events/{event_id}", response_model=s.EventDetail, summary="one event with its article",
            responses={404: {"model": s.ErrorOut, "description": "no such event"}})
def event(db: Db, event_id: str) -> dict[str, Any]:
    found = db.event(event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r} in this database")
    return found


@router.get("/series", response_model=s.Page[s.SeriesRow], summary="events per period, optionally grouped")
def series(db: Db, flt: Filter, pg: Paging, period: Period = "week",
           by: Annotated[Literal["none", "quad_class", "root", "plover", "dyad", "pair", "source", "target"],
                         Query(description="split each period by this")] = "none",
           level: Annotated[Level, Query(description="actors by key (RUS) or code (RUSGOV)")] = "key"
           ) -> dict[str, Any]:
    return aggregates.series(db, flt, period=period, by=by, level=level, page=pg[0], per_page=pg[1]).to_dict()


@router.get("/actors", response_model=s.Page[s.ActorRow], summary="top actors by events")
def actors(db: Db, flt: Filter, pg: Paging, role: Literal["any", "source", "target"] = "any",
           level: Level = "key") -> dict[str, Any]:
    return aggregates.top_actors(db, flt, role=role, level=level, page=pg[0], per_page=pg[1]).to_dict()


@router.get("/dyads", response_model=s.Page[s.DyadRow], summary="the actor network: dyads weighted by events")
def dyads(db: Db, flt: Filter, pg: Paging, level: Level = "key") -> dict[str, Any]:
    return aggregates.dyads(db, flt, level=level, page=pg[0], per_page=pg[1]).to_dict()


@router.get("/places", response_model=s.Page[s.PlaceRow], summary="places of events with coordinates")
def places(db: Db, flt: Filter, pg: Paging) -> dict[str, Any]:
    return db.places(flt, page=pg[0], per_page=pg[1]).to_dict()


@router.get("/escalation", response_model=s.EscalationPage,
            summary="escalation signal per dyad and period (definition in the README)")
def escalation(db: Db, flt: Filter, pg: Paging, period: Period = "week",
               window: Annotated[int, Query(ge=2, le=104, description="periods in the trailing baseline")] = 8,
               threshold: Annotated[float, Query(gt=0, le=100, description="flag signals at or above")] = 2.0,
               level: Level = "key",
               flagged_only: Annotated[bool, Query(description="only flagged periods")] = False) -> dict[str, Any]:
    return aggregates.escalation(db, flt, period=period, window=window, threshold=threshold, level=level,
                                 flagged_only=flagged_only, page=pg[0], per_page=pg[1]).to_dict()


@router.get("/quotes", response_model=s.Page[s.QuoteRow], summary="quotes with their speakers")
def quotes(db: Db, pg: Paging,
           speaker: Annotated[list[str] | None, Query(description="speaker key or code (repeat)")] = None,
           since: Annotated[dt.date | None, Query(description="articles published on or after")] = None,
           until: Annotated[dt.date | None, Query(description="articles published on or before")] = None,
           text: Annotated[str | None, Query(max_length=200, description="words in the quote")] = None
           ) -> dict[str, Any]:
    return db.quotes(speaker or (), since=since, until=until, text=text, page=pg[0], per_page=pg[1]).to_dict()


@router.get("/codes", response_model=s.Page[s.CodeRow], summary="CAMEO codes with PLOVER, QuadClass, Goldstein")
def cameo_codes(pg: Paging, prefix: Annotated[str | None, Query(max_length=4, description="code prefix")] = None
                ) -> dict[str, Any]:
    return codes(page=pg[0], per_page=pg[1], prefix=prefix).to_dict()
