"""The analyst commands: `query` (events and aggregates), `serve` (the web dashboard) and `report`
(a situation report). Thin adapters over `eventwire.analysis`, `eventwire.web` and `eventwire.report`."""

from __future__ import annotations

import csv
import ipaddress
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from eventwire.analysis import aggregates
from eventwire.analysis.filters import MAX_PER_PAGE, EventFilter
from eventwire.analysis.query import Page, Reader
from eventwire.errors import EventwireError
from eventwire.store.db import DEFAULT_DB

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True, highlight=False)
query_app = typer.Typer(no_args_is_help=True, help="Query stored events: lists and aggregates (table, json or csv).")

Db = Annotated[str, typer.Option("--db", help="DuckDB file")]
Actors = Annotated[list[str] | None, typer.Option("--actor", help="source or target is this actor (repeat): RUS, NATO, USAGOV")]
Source = Annotated[str | None, typer.Option(help="source actor key or code")]
Target = Annotated[str | None, typer.Option(help="target actor key or code")]
Dyad = Annotated[str | None, typer.Option(help="two actors in either direction: RUS-UKR")]
Code = Annotated[str | None, typer.Option("--code", help="CAMEO code or prefix: 04, 043")]
Root = Annotated[str | None, typer.Option(help="CAMEO root: 01 to 20")]
Plover = Annotated[str | None, typer.Option(help="PLOVER type: ASSAULT, CONSULT...")]
QuadClass = Annotated[list[int] | None, typer.Option("--quad-class", help="QuadClass 1 to 4 (repeat)")]
Place = Annotated[str | None, typer.Option(help="place name, or ISO3 country of the place")]
Since = Annotated[str | None, typer.Option(help="first day YYYY-MM-DD")]
Until = Annotated[str | None, typer.Option(help="last day YYYY-MM-DD")]
Text = Annotated[str | None, typer.Option(help="words in the evidence sentence")]
Status = Annotated[list[str] | None, typer.Option("--status", help="occurred, planned (default both), negated, hypothetical, all")]
PageNo = Annotated[int, typer.Option("--page", help="page number, from 1")]
PerPage = Annotated[int, typer.Option("--per-page", help=f"rows per page (at most {MAX_PER_PAGE})")]
Fmt = Annotated[str, typer.Option("--format", "-f", help="table | json | csv")]
Period = Annotated[str, typer.Option(help="day | week | month")]
Level = Annotated[str, typer.Option(help="actors by key (RUS) or by code (RUSGOV)")]


def fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(2)


def _reader(db: str) -> Reader:
    try:
        return Reader(db)
    except EventwireError as exc:
        raise fail(str(exc)) from None


def _filter(actor: list[str] | None, source: str | None, target: str | None, dyad: str | None, code: str | None,
            root: str | None, plover: str | None, quad_class: list[int] | None, place: str | None,
            since: str | None, until: str | None, text: str | None, status: list[str] | None) -> EventFilter:
    try:
        return EventFilter.of(actors=actor, source=source, target=target, dyad=dyad, code=code, root=root,
                              plover=plover, quad_classes=quad_class, place=place, since=since, until=until,
                              text=text, statuses=status)
    except EventwireError as exc:
        raise fail(str(exc)) from None


def _emit(page: Page, fmt: str, columns: list[str], title: str) -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps(page.to_dict(), default=str, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for row in page.items:
            w.writerow(row)
    else:
        t = Table(*columns, title=f"{title}: {page.total} rows, page {page.page} of {page.pages}")
        for row in page.items:
            cells = ("" if row.get(c) is None else str(row.get(c)) for c in columns)
            t.add_row(*(c if len(c) <= 90 else c[:87] + "..." for c in cells))
        out.print(t)


def _run(db: str, fmt: str, title: str, columns: list[str], work: Any) -> None:
    """Open the database, run `work(reader)` for a Page, print it; bad parameters are usage errors."""
    if fmt not in ("table", "json", "csv"):
        raise fail(f"unknown format {fmt!r}; use table, json or csv")
    with _reader(db) as reader:
        try:
            page = work(reader)
        except EventwireError as exc:
            raise fail(str(exc)) from None
    _emit(page, fmt, columns, title)


@query_app.command("events")
def q_events(db: Db = DEFAULT_DB, actor: Actors = None, source: Source = None, target: Target = None,
             dyad: Dyad = None, code: Code = None, root: Root = None, plover: Plover = None,
             quad_class: QuadClass = None, place: Place = None, since: Since = None, until: Until = None,
             text: Text = None, status: Status = None, page: PageNo = 1, per_page: PerPage = 50,
             sort: Annotated[str, typer.Option(help="date, -date, goldstein, -goldstein, confidence, -confidence")] = "date",
             fmt: Fmt = "table") -> None:
    """Events with their evidence, filtered by actor, dyad, code, type, QuadClass, place, days and text."""
    flt = _filter(actor, source, target, dyad, code, root, plover, quad_class, place, since, until, text, status)
    cols = ["day", "source_code", "cameo", "plover", "quad_class", "goldstein", "target_code", "place_name",
            "pattern", "evidence_text"] if fmt == "table" else [
        "id", "article_id", "day", "date", "date_precision", "source_name", "source_code", "source_key", "target_name",
        "target_code", "target_key", "cameo", "cameo_name", "root", "plover", "quad_class", "goldstein", "status",
        "place_name", "place_country", "lat", "lon", "trigger", "pattern", "confidence", "in_quote", "sentence",
        "evidence_start", "evidence_end", "evidence_text", "reciprocal", "title", "url", "published"]
    _run(db, fmt, "events", cols, lambda r: r.events(flt, page=page, per_page=per_page, sort=sort))


@query_app.command("counts")
def q_counts(db: Db = DEFAULT_DB, actor: Actors = None, source: Source = None, target: Target = None,
             dyad: Dyad = None, code: Code = None, root: Root = None, plover: Plover = None,
             quad_class: QuadClass = None, place: Place = None, since: Since = None, until: Until = None,
             text: Text = None, status: Status = None, period: Period = "week",
             by: Annotated[str, typer.Option(help="none, quad_class, root, plover, dyad, pair, source, target")] = "none",
             level: Level = "key", total: Annotated[bool, typer.Option("--total", help="one row per group over "
                                                                        "all periods")] = False,
             page: PageNo = 1, per_page: PerPage = 500, fmt: Fmt = "table") -> None:
    """Events per day, week or month (or in total), optionally by QuadClass, root, PLOVER type or dyad, with
    Goldstein sum and mean."""
    flt = _filter(actor, source, target, dyad, code, root, plover, quad_class, place, since, until, text, status)
    measures = ["events", "cooperation", "conflict", "goldstein_sum", "goldstein_mean", "tone_mean"]
    if total:
        _run(db, fmt, f"events by {by}", ["key", *measures],
             lambda r: aggregates.totals(r, flt, by=by, level=level, page=page, per_page=per_page))
    else:
        _run(db, fmt, f"events per {period}", ["period", "key", *measures],
             lambda r: aggregates.series(r, flt, period=period, by=by, level=level, page=page, per_page=per_page))


@query_app.command("actors")
def q_actors(db: Db = DEFAULT_DB, actor: Actors = None, source: Source = None, target: Target = None,
             dyad: Dyad = None, code: Code = None, root: Root = None, plover: Plover = None,
             quad_class: QuadClass = None, place: Place = None, since: Since = None, until: Until = None,
             text: Text = None, status: Status = None,
             role: Annotated[str, typer.Option(help="any, source or target")] = "any", level: Level = "key",
             page: PageNo = 1, per_page: PerPage = 20, fmt: Fmt = "table") -> None:
    """Top actors by the events they take part in."""
    flt = _filter(actor, source, target, dyad, code, root, plover, quad_class, place, since, until, text, status)
    _run(db, fmt, "actors", ["actor", "name", "events", "as_source", "as_target", "conflict", "goldstein_mean"],
         lambda r: aggregates.top_actors(r, flt, role=role, level=level, page=page, per_page=per_page))


@query_app.command("dyads")
def q_dyads(db: Db = DEFAULT_DB, actor: Actors = None, source: Source = None, target: Target = None,
            dyad: Dyad = None, code: Code = None, root: Root = None, plover: Plover = None,
            quad_class: QuadClass = None, place: Place = None, since: Since = None, until: Until = None,
            text: Text = None, status: Status = None, level: Level = "key", page: PageNo = 1,
            per_page: PerPage = 20, fmt: Fmt = "table") -> None:
    """Dyads (source -> target) by events, with conflict and cooperation counts and Goldstein."""
    flt = _filter(actor, source, target, dyad, code, root, plover, quad_class, place, since, until, text, status)
    _run(db, fmt, "dyads", ["source", "target", "reciprocal", "events", "cooperation", "conflict", "goldstein_sum",
                            "goldstein_mean"],
         lambda r: aggregates.dyads(r, flt, level=level, page=page, per_page=per_page))


@query_app.command("escalation")
def q_escalation(db: Db = DEFAULT_DB, actor: Actors = None, source: Source = None, target: Target = None,
                 dyad: Dyad = None, code: Code = None, root: Root = None, plover: Plover = None,
                 quad_class: QuadClass = None, place: Place = None, since: Since = None, until: Until = None,
                 text: Text = None, status: Status = None, period: Period = "week",
                 window: Annotated[int, typer.Option(help="periods in the trailing baseline")] = 8,
                 threshold: Annotated[float, typer.Option(help="flag signals at or above this")] = 2.0,
                 flagged: Annotated[bool, typer.Option("--flagged", help="only flagged periods")] = False,
                 level: Level = "key", page: PageNo = 1, per_page: PerPage = 100, fmt: Fmt = "table") -> None:
    """The escalation signal of each dyad: conflict intensity against its own trailing baseline (README)."""
    flt = _filter(actor, source, target, dyad, code, root, plover, quad_class, place, since, until, text, status)
    _run(db, fmt, f"escalation per {period}", ["period", "source", "target", "events", "intensity", "baseline_mean",
                                               "baseline_std", "signal", "flagged"],
         lambda r: aggregates.escalation(r, flt, period=period, window=window, threshold=threshold, level=level,
                                         flagged_only=flagged, page=page, per_page=per_page))


@query_app.command("places")
def q_places(db: Db = DEFAULT_DB, actor: Actors = None, source: Source = None, target: Target = None,
             dyad: Dyad = None, code: Code = None, root: Root = None, plover: Plover = None,
             quad_class: QuadClass = None, place: Place = None, since: Since = None, until: Until = None,
             text: Text = None, status: Status = None, page: PageNo = 1, per_page: PerPage = 50,
             fmt: Fmt = "table") -> None:
    """Places of the matching events, with coordinates and counts."""
    flt = _filter(actor, source, target, dyad, code, root, plover, quad_class, place, since, until, text, status)
    _run(db, fmt, "places", ["name", "country", "lat", "lon", "events", "conflict", "goldstein_mean"],
         lambda r: r.places(flt, page=page, per_page=per_page))


@query_app.command("quotes")
def q_quotes(db: Db = DEFAULT_DB,
             speaker: Annotated[list[str] | None, typer.Option("--speaker", help="speaker key or code (repeat)")] = None,
             since: Since = None, until: Until = None,
             text: Annotated[str | None, typer.Option(help="words in the quote")] = None,
             page: PageNo = 1, per_page: PerPage = 50, fmt: Fmt = "table") -> None:
    """Quotes with their speakers, by speaker and publication day."""
    _run(db, fmt, "quotes", ["published", "speaker_name", "speaker_code", "text", "title"],
         lambda r: r.quotes(speaker or (), since=since, until=until, text=text, page=page, per_page=per_page))


def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="address to listen on; the default keeps it to this machine")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    busy_timeout: Annotated[float, typer.Option(
        "--busy-timeout", help="seconds a request waits while `eventwire ingest` holds the database, "
        "before answering 503 with Retry-After")] = 5.0,
) -> None:
    """Serve the web dashboard and the JSON API (/api) over a database, read-only (extra `web`)."""
    from eventwire import web
    from eventwire.web.access import BusyError, open_reader  # no web dependency: only the database

    if not 0 <= busy_timeout <= 600:
        raise fail(f"--busy-timeout {busy_timeout:g} is out of range (0 to 600 seconds)")
    try:
        web.require()
        open_reader(db, busy_timeout).close()
    except BusyError:  # a writer holds it now: requests will wait for it
        err.print(escape(f"note: {db} is being written; requests wait up to {busy_timeout:g} s for the writer"))
    except EventwireError as exc:
        raise fail(str(exc)) from None
    if not 1 <= port <= 65535:
        raise fail(f"port {port} is out of range (1 to 65535)")
    try:
        exposed = not ipaddress.ip_address(host).is_loopback
    except ValueError:
        exposed = host != "localhost"
    if exposed:
        err.print(f"[yellow]warning:[/yellow] listening on {escape(host)}: anyone who can reach this address can read "
                  "the database")
    shown = "127.0.0.1" if host == "0.0.0.0" else host
    err.print(escape(f"eventwire dashboard on http://{shown}:{port}/ over {db} (Ctrl-C stops it)"))
    web.serve(db, host=host, port=port, busy_timeout=busy_timeout)


def report(
    actor: Annotated[list[str], typer.Option("--actor", help="an actor of the report (repeat): RUS, NATO, USAGOV")],
    out_path: Annotated[Path, typer.Option("--out", help="report file: .html (self-contained) or .md (Markdown)")],
    db: Db = DEFAULT_DB,
    since: Since = None,
    until: Until = None,
    period: Annotated[str, typer.Option(help="auto, day, week or month for the trend chart")] = "auto",
    events: Annotated[int, typer.Option("--events", help="key events to list")] = 25,
    quotes: Annotated[int, typer.Option("--quotes", help="key quotes to list")] = 15,
    link_base: Annotated[str | None, typer.Option("--link-base", help="address of a running dashboard "
                                                  "(http://127.0.0.1:8000): evidence links open its event pages")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="html or md (default: from the suffix of --out)")] = None,
) -> None:
    """Write a situation report on some actors: key events in order, key quotes with speakers, a dyad trend
    chart, counts by type and the evidence of each key event."""
    from eventwire.report import build, render_html, render_markdown

    kind = fmt or {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}.get(out_path.suffix.lower())
    if kind not in ("html", "md"):
        raise fail(f"cannot tell the format of {out_path}; name it .html or .md, or give --format html|md")
    if link_base is not None and not link_base.startswith(("http://", "https://")):
        raise fail(f"--link-base {link_base!r} is not an http(s) address")
    with _reader(db) as reader:
        try:
            rep = build(reader, actor, since=since, until=until, period=period, max_events=events, max_quotes=quotes)
        except EventwireError as exc:
            raise fail(str(exc)) from None
    base = link_base.rstrip("/") if link_base else None
    text = render_html(rep, link_base=base) if kind == "html" else render_markdown(rep, link_base=base)
    try:
        out_path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {out_path}: {exc.strerror}") from None
    err.print(escape(f"{rep.overview['events']} events, {len(rep.key_events)} key events, {len(rep.quotes)} quotes, "
                     f"{len(rep.trend)} dyads charted per {rep.period} -> {out_path}"))


def register(app: typer.Typer) -> None:
    """Add `query`, `serve` and `report` to the `eventwire` command."""
    app.add_typer(query_app, name="query")
    app.command("serve")(serve)
    app.command("report")(report)

