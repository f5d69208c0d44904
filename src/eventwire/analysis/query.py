"""Read-only queries over an eventwire database: events with their evidence, one event with its article,
quotes, places, codes. The CLI, the web app and the report call these; none of them writes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import yaml

from eventwire.analysis.filters import (
    DAY,
    FROM,
    IDENT,
    MAX_ACTORS,
    MAX_TEXT,
    SOURCE_KEY,
    TARGET_KEY,
    EventFilter,
    actor_code,
    check_page,
    ontology,
    parse_date,
    split_list,
)
from eventwire.errors import QueryError, StoreError
from eventwire.resources.loader import DATA

REQUIRED_TABLES = ("articles", "sentences", "actors", "events", "quotes", "places")
SORTS = {
    "date": f"{DAY}, e.article_id, e.sentence, e.id",
    "-date": f"{DAY} DESC, e.article_id, e.sentence, e.id",
    "goldstein": f"e.goldstein, {DAY}, e.id",
    "-goldstein": f"e.goldstein DESC, {DAY}, e.id",
    "confidence": f"e.confidence, {DAY}, e.id",
    "-confidence": f"e.confidence DESC, {DAY}, e.id",
}


@dataclass
class Page:
    """One page of a list: `items` on this page, `total` over all pages."""

    items: list[dict[str, Any]]
    total: int
    page: int
    per_page: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "page": self.page, "per_page": self.per_page,
                "pages": self.pages, **self.extra}


def paginate(rows: list[dict[str, Any]], page: int, per_page: int) -> Page:
    check_page(page, per_page)
    start = (page - 1) * per_page
    return Page(rows[start:start + per_page], len(rows), page, per_page)


@cache
def actor_names() -> dict[str, str]:
    """Country and organisation names by key (RUS: Russia, NATO: North Atlantic Treaty Organization)."""
    names: dict[str, str] = {}
    for rel in ("actors/countries.yaml", "actors/igos.yaml"):
        for entry in yaml.safe_load((DATA / rel).read_text(encoding="utf-8")) or []:
            if isinstance(entry, dict) and entry.get("code") and entry.get("name"):
                names.setdefault(str(entry["code"]), str(entry["name"]))
    return names


class Reader:
    """A read-only connection to an eventwire database. Use as a context manager.

    Opening fails with a StoreError (saying what to do) when the file is missing, is not an eventwire
    database, or is held by a writer (`eventwire ingest` running)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if not Path(self.path).is_file():
            raise StoreError("no database here; create one with `eventwire ingest PATH --db FILE` "
                             "or `eventwire demo`", where=self.path)
        try:
            self.con = duckdb.connect(self.path, read_only=True)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the database read-only ({exc}); if `eventwire ingest` is writing "
                             "it, wait until it finishes", where=self.path) from exc
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            self.con.close()
            raise StoreError(f"not an eventwire database (no {', '.join(missing)} table)", where=self.path)
        self.event_columns = {r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'").fetchall()}

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------------ helpers
    def rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self.con.execute(sql, params or []).fetchone()
        return row[0] if row else None

    @property
    def reciprocal(self) -> str:
        """SQL for an event's `reciprocal` flag: the stored column when the database has one, else false."""
        return "coalesce(e.reciprocal, false)" if "reciprocal" in self.event_columns else "false"

    @property
    def has_tone(self) -> bool:
        return "tone" in self.event_columns

    def event_columns_sql(self) -> str:
        return (f"e.id, e.article_id, {DAY} AS day, e.date, e.date_precision, e.source_name, e.source_code, "
                f"{SOURCE_KEY} AS source_key, e.target_name, e.target_code, {TARGET_KEY} AS target_key, "
                "e.cameo, e.root, e.plover, e.quad_class, e.goldstein, e.status, e.place_name, e.place_country, "
                "e.lat, e.lon, e.trigger, e.pattern, e.confidence, e.in_quote, e.sentence, e.evidence_start, "
                f"e.evidence_end, e.evidence_text, {self.reciprocal} AS reciprocal, a.title, a.url, a.published")

    # ------------------------------------------------------------------ queries
    def summary(self) -> dict[str, Any]:
        """How much the database holds and the days it covers."""
        first, last, n = self.con.execute(
            f"SELECT min({DAY}), max({DAY}), count(*) FROM {FROM} WHERE e.status IN ('occurred', 'planned')"
        ).fetchone()  # type: ignore[misc]
        version = self.scalar("SELECT max(version) FROM schema_migrations") if self.scalar(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'") else None
        return {"database": Path(self.path).name, "articles": self.scalar("SELECT count(*) FROM articles"),
                "events": n, "quotes": self.scalar("SELECT count(*) FROM quotes"),
                "first_day": first, "last_day": last, "schema_version": version,
                "reciprocal_stored": "reciprocal" in self.event_columns, "tone_stored": self.has_tone}

    def events(self, flt: EventFilter, page: int = 1, per_page: int = 50, sort: str = "date") -> Page:
        """Events matching `flt` with their evidence, one page at a time."""
        check_page(page, per_page)
        if sort not in SORTS:
            raise QueryError("sort", f"{sort!r} is not a sort order; use one of {', '.join(SORTS)}")
        where, params = flt.where()
        total = self.scalar(f"SELECT count(*) FROM {FROM} WHERE {where}", params)
        items = self.rows(f"SELECT {self.event_columns_sql()} FROM {FROM} WHERE {where} ORDER BY {SORTS[sort]} "
                          "LIMIT ? OFFSET ?", [*params, per_page, (page - 1) * per_page])
        for r in items:
            r["cameo_name"] = name_of(r["cameo"])
        return Page(items, total, page, per_page)

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event (any status) with its whole article: text, actor mentions, quotes, places and the other
        events coded from it, and the trigger's offsets in the text when it can be found."""
        if not IDENT.match(event_id):
            raise QueryError("id", f"{event_id!r} is not an event id")
        found = self.rows(f"SELECT {self.event_columns_sql()} FROM {FROM} WHERE e.id = ?", [event_id])
        if not found:
            return None
        ev = found[0]
        ev["cameo_name"] = name_of(ev["cameo"])
        ev["trigger_span"] = trigger_span(ev)
        art_id = ev["article_id"]
        article = self.rows("SELECT id, doc_id, title, url, published, authors, text FROM articles WHERE id = ?",
                            [art_id])[0]
        return {
            "event": ev,
            "article": article,
            "mentions": self.rows("SELECT sentence, start_char, end_char, text, name, kind, code, role, rule "
                                  "FROM actors WHERE article_id = ? ORDER BY start_char, end_char, code", [art_id]),
            "quotes": self.rows("SELECT sentence, start_char, end_char, text, speaker_name, speaker_code, cue, rule "
                                "FROM quotes WHERE article_id = ? ORDER BY start_char", [art_id]),
            "places": self.rows("SELECT sentence, start_char, end_char, name, country, lat, lon, precision, rule "
                                "FROM places WHERE article_id = ? ORDER BY start_char", [art_id]),
            "events": self.rows("SELECT id, sentence, cameo, plover, quad_class, source_code, target_code, status, "
                                "trigger, pattern FROM events WHERE article_id = ? ORDER BY sentence, id", [art_id]),
        }

    def quotes(self, speakers: list[str] | tuple[str, ...] = (), since: str | dt.date | None = None,
               until: str | dt.date | None = None, text: str | None = None, page: int = 1,
               per_page: int = 50) -> Page:
        """Quotes with their speakers, by speaker (key or code) and the publication day of the article."""
        check_page(page, per_page)
        who = tuple(dict.fromkeys(actor_code(s, "speaker") for s in split_list(speakers)))
        if len(who) > MAX_ACTORS:
            raise QueryError("speaker", f"{len(who)} speakers given; at most {MAX_ACTORS}")
        d0, d1 = parse_date(since, "since"), parse_date(until, "until")
        if d0 and d1 and d0 > d1:
            raise QueryError("until", f"{d1} is before since {d0}")
        conds, params = ["true"], []  # type: ignore[var-annotated]
        if who:
            marks = ",".join("?" * len(who))
            conds.append(f"(q.speaker_country IN ({marks}) OR q.speaker_igo IN ({marks}) OR q.speaker_code IN ({marks}))")
            params += list(who) * 3
        if d0:
            conds.append("a.published >= ?")
            params.append(d0)
        if d1:
            conds.append("a.published <= ?")
            params.append(d1)
        if text is not None:
            text = text.strip()
            if not 1 <= len(text) <= MAX_TEXT:
                raise QueryError("text", f"give 1 to {MAX_TEXT} characters to look for")
            conds.append("contains(lower(q.text), lower(?))")
            params.append(text)
        where = " AND ".join(conds)
        base = "quotes q JOIN articles a ON a.id = q.article_id"
        total = self.scalar(f"SELECT count(*) FROM {base} WHERE {where}", params)
        items = self.rows(
            "SELECT q.article_id, a.title, a.url, a.published, q.sentence, q.start_char, q.end_char, q.text, "
            "q.speaker_name, q.speaker_code, coalesce(q.speaker_igo, q.speaker_country, q.speaker_code) AS speaker_key, "
            f"q.cue, q.rule FROM {base} WHERE {where} ORDER BY a.published, q.article_id, q.start_char LIMIT ? OFFSET ?",
            [*params, per_page, (page - 1) * per_page])
        return Page(items, total, page, per_page)

    def places(self, flt: EventFilter, page: int = 1, per_page: int = 100) -> Page:
        """Places of the matching events with coordinates, with how many events happened there."""
        check_page(page, per_page)
        where, params = flt.where()
        rows = self.rows(
            "SELECT e.place_name AS name, e.place_country AS country, e.lat, e.lon, count(*) AS events, "
            "count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict, avg(e.goldstein) AS goldstein_mean "
            f"FROM {FROM} WHERE {where} AND e.lat IS NOT NULL AND e.lon IS NOT NULL "
            "GROUP BY ALL ORDER BY events DESC, name", params)
        return paginate(rows, page, per_page)


def name_of(cameo: str | None) -> str | None:
    row = ontology().get(cameo or "")
    return row.name if row else None


def codes(page: int = 1, per_page: int = 500, prefix: str | None = None) -> Page:
    """The CAMEO codes with their PLOVER type, QuadClass and Goldstein score."""
    if prefix is not None and not (prefix.isdigit() and 1 <= len(prefix) <= 4):
        raise QueryError("prefix", f"{prefix!r} is not a CAMEO code prefix (digits)")
    rows = [{"code": r.code, "name": r.name, "root": r.code[:2], "plover": r.plover, "quad_class": r.quad_class,
             "goldstein": r.goldstein} for r in ontology().values() if not prefix or r.code.startswith(prefix)]
    return paginate(rows, page, per_page)


def trigger_span(ev: dict[str, Any]) -> tuple[int, int] | None:
    """Offsets of the trigger in the article text: its first occurrence in the evidence sentence (the store
    keeps the trigger's words, not their offsets); a trigger of several words found apart gives its first word."""
    text, trig = ev.get("evidence_text") or "", (ev.get("trigger") or "").strip()
    if not trig:
        return None
    for probe in (trig, trig.split()[0]):
        m = re.search(r"\b" + re.escape(probe) + r"\b", text, re.IGNORECASE)
        if m:
            return ev["evidence_start"] + m.start(), ev["evidence_start"] + m.end()
    return None
