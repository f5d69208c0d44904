"""Exports of a stored database: Parquet and CSV of any table, GDELT 2.0 events and mentions TSV, PLOVER
JSON Lines and GeoJSON.

GDELT 2.0 files follow the column order of the GDELT Event and Mentions codebooks (V2.0, 2015): tab-separated,
no header, blank where eventwire has no value. Filled from our data: ids, dates, actor codes, names,
country, known group (the IGO), type (the sector), CAMEO codes, QuadClass, Goldstein, the counts, the action
place and the source address. Left blank: ethnic and religion codes, actor geography, ADM1/ADM2 codes,
feature ids and tone (the coder computes none). Country codes are ISO 3166 alpha-3, not GDELT's FIPS 10-4.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb

from eventwire.analysis.filters import actor_code, parse_date
from eventwire.errors import QueryError, StoreError
from eventwire.resources.loader import DATA
from eventwire.store.db import actor_condition

FORMATS = ("parquet", "csv", "gdelt", "plover", "geojson")
TABLES = ("events", "merged", "mentions", "quotes", "articles", "places", "actors", "dates", "rejects")
DEFAULT_TABLE = {"parquet": "events", "csv": "events", "gdelt": "merged", "plover": "merged", "geojson": "merged"}
ALLOWED = {"parquet": TABLES, "csv": TABLES, "gdelt": ("events", "merged", "mentions"),
           "plover": ("events", "merged"), "geojson": ("events", "merged")}
SIDES = ("source", "target")

GDELT_EVENT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor{n}{f}" for n in (1, 2) for f in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                                 "Religion1Code", "Religion2Code", "Type1Code", "Type2Code",
                                                 "Type3Code")]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
       "NumSources", "NumArticles", "AvgTone"]
    + [f"{g}Geo_{f}" for g in ("Actor1", "Actor2", "Action") for f in ("Type", "FullName", "CountryCode",
                                                                      "ADM1Code", "ADM2Code", "Lat", "Long",
                                                                      "FeatureID")]
    + ["DATEADDED", "SOURCEURL"])
GDELT_MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras")
# GDELT geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
GEO_TYPE = {("country", False): 1, ("country", True): 1, ("region", True): 2, ("city", True): 3,
            ("city", False): 4, ("region", False): 5}


@dataclass(slots=True)
class ExportResult:
    path: str
    format: str
    table: str
    rows: int
    left_out: int = 0  # rows the format cannot hold: events with no PLOVER type (CAMEO 01, 02), or no coordinates
    left_out_reason: str = ""


@dataclass(slots=True, frozen=True)
class _Filter:
    since: dt.date | None
    until: dt.date | None
    actor: str | None


@cache
def plover_fields() -> dict[str, tuple[str | None, list[str]]]:
    """PLOVER mode and context of every CAMEO code, from the packaged ontology."""
    out = {}
    with (DATA / "ontology.csv").open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            ctx = [c for c in (r.get("plover_context") or "").replace(";", "|").split("|") if c]
            out[r["code"]] = (r.get("plover_mode") or None, ctx)
    return out


def _where(table: str, f: _Filter) -> tuple[str, str, list[Any]]:
    """The FROM clause, the WHERE clause and its parameters of a table under the filter."""
    froms = {
        "events": ("events e JOIN articles a ON a.id = e.article_id", "coalesce(e.date, a.published)", "e"),
        "merged": ("merged_events m", "m.day", "m"),
        "mentions": ("event_mentions x JOIN merged_events m ON m.id = x.merged_id", "m.day", "m"),
        "quotes": ("quotes q JOIN articles a ON a.id = q.article_id", "a.published", None),
    }
    if table not in froms:
        if f.since or f.until or f.actor:
            raise QueryError("table", f"--since, --until and --actor filter events, merged, mentions and quotes, "
                                      f"not {table}")
        return ("merged_events" if table == "merged" else table), "true", []
    src, day, alias = froms[table]
    where, params = ["true"], []
    if f.since:
        where.append(f"{day} >= ?")
        params.append(f.since)
    if f.until:
        where.append(f"{day} <= ?")
        params.append(f.until)
    if f.actor:
        if alias is None:  # quotes: the speaker
            where.append("(? IN (q.speaker_country, q.speaker_igo) OR q.speaker_code LIKE ?)")
            params += [f.actor, f.actor + "%"]
        else:
            cond, values = actor_condition(alias, f.actor)
            where.append(cond)
            params += values
    return src, " AND ".join(where), params


def _select(table: str) -> str:
    return {"events": "e.*", "merged": "m.*", "mentions": "x.*", "quotes": "q.*, a.published"}.get(table, "*")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> Iterator[dict[str, Any]]:
    cur = con.execute(sql, params)
    cols = [d[0] for d in cur.description]
    while batch := cur.fetchmany(2000):
        for r in batch:
            yield dict(zip(cols, r, strict=True))


def _open(db: str | Path) -> duckdb.DuckDBPyConnection:
    if not Path(db).is_file():
        raise StoreError("no database here; create one with `eventwire ingest PATH --db FILE`", where=str(db))
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open the database read-only ({exc}); if `eventwire ingest` is writing it, "
                         "wait until it finishes", where=str(db)) from exc
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "merged_events" not in tables:
        con.close()
        raise StoreError("this database predates merged events (schema version 3); open it once for writing "
                         "(`eventwire ingest` of any input, or eventwire.store.db.Store(path)) to upgrade it",
                         where=str(db))
    return con


def export(db: str | Path, fmt: str, out: str | Path, table: str | None = None,
           since: str | dt.date | None = None, until: str | dt.date | None = None,
           actor: str | None = None) -> ExportResult:
    """Write one table of a database to `out` in a format (see the module docstring); realised events only
    for events, merged and mentions (negated and hypothetical events did not happen)."""
    if fmt not in FORMATS:
        raise QueryError("format", f"{fmt!r} is not an export format; use one of {', '.join(FORMATS)}")
    table = table or DEFAULT_TABLE[fmt]
    if table not in ALLOWED[fmt]:
        raise QueryError("table", f"{fmt} exports {', '.join(ALLOWED[fmt])}, not {table!r}")
    f = _Filter(parse_date(since, "since"), parse_date(until, "until"), actor_code(actor) if actor else None)
    con = _open(db)
    try:
        src, where, params = _where(table, f)
        if table == "events":
            where += " AND e.status IN ('occurred', 'planned')"
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt in ("parquet", "csv"):
            return _copy(con, fmt, table, src, where, params, path)
        writer = {"gdelt": _gdelt, "plover": _plover, "geojson": _geojson}[fmt]
        return writer(con, table, src, where, params, path)
    except duckdb.Error as exc:
        raise StoreError(f"export failed: {exc}", where=str(db)) from exc
    finally:
        con.close()


def _copy(con: duckdb.DuckDBPyConnection, fmt: str, table: str, src: str, where: str, params: list[Any],
          path: Path) -> ExportResult:
    options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
    target = str(path).replace("'", "''")
    order = {"events": "e.id", "merged": "m.id", "mentions": "x.event_id"}.get(table, "ALL")
    con.execute(f"COPY (SELECT {_select(table)} FROM {src} WHERE {where} ORDER BY {order}) "  # noqa: S608 - fixed names
                f"TO '{target}' ({options})", params)
    n = con.execute(f"SELECT count(*) FROM {src} WHERE {where}", params).fetchone()[0]  # type: ignore[index]  # noqa: S608
    return ExportResult(str(path), fmt, table, int(n))


def _tsv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())  # no tabs or newlines inside a field


def _stamp(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") + "000000" if day else ""


def _merged_sql(src: str, where: str, from_events: bool) -> str:
    """Merged events (or single events shaped like them) with the place precision and a root-event flag."""
    if from_events:
        return (f"SELECT e.id AS key, coalesce(e.date, a.published) AS day, e.*, 1 AS num_mentions, "
                "1 AS num_articles, 1 AS num_sources, a.published AS first_seen, a.url AS url, "
                "(e.sentence = 0) AS is_root, (SELECT min(p.precision) FROM places p WHERE p.article_id = "
                "e.article_id AND p.name = e.place_name) AS place_precision "
                f"FROM {src} WHERE {where} ORDER BY e.id")
    return ("SELECT m.id AS key, m.*, (SELECT bool_or(sentence = 0) FROM events x WHERE x.merged_id = m.id) "
            "AS is_root, (SELECT min(p.precision) FROM places p WHERE p.article_id = m.article_id AND "
            f"p.name = m.place_name) AS place_precision FROM {src} WHERE {where} ORDER BY m.id")


def _gdelt_id(key: Any) -> int:
    """GLOBALEVENTID: the merged id, or for a single event the merge-style hash of its own id."""
    if isinstance(key, int):
        return key
    from eventwire.store.merge import merged_id

    return merged_id(f"event:{key}")


def _gdelt(con: duckdb.DuckDBPyConnection, table: str, src: str, where: str, params: list[Any],
           path: Path) -> ExportResult:
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        if table == "mentions":
            sql = (f"SELECT x.*, m.day FROM {src} WHERE {where} ORDER BY x.merged_id, x.event_id")
            for r in _rows(con, sql, params):
                action = (r["evidence_text"] or "").find(r["trigger"] or "\0")
                row = [r["merged_id"], _stamp(r["day"]), _stamp(r["published"]), 1 if r["url"] else "",
                       r["outlet"], r["url"] or r["article_id"], r["sentence"] + 1, -1, -1,
                       r["start_char"] + action if action >= 0 else -1, 1, round((r["confidence"] or 0) * 100),
                       r["doc_len"], None, None, None]
                fh.write("\t".join(_tsv(v) for v in row) + "\n")
                n += 1
            return ExportResult(str(path), "gdelt", table, n)
        for r in _rows(con, _merged_sql(src, where, table == "events"), params):
            day: dt.date | None = r["day"]
            actors = []
            for side in SIDES:
                actors += [r[f"{side}_code"], (r[f"{side}_name"] or "").upper() or None, r[f"{side}_country"],
                           r[f"{side}_igo"], None, None, None, r[f"{side}_sector"], None, None]
            us = r["place_country"] == "USA"
            geo_type = GEO_TYPE.get((r["place_precision"], us)) if r["place_name"] else None
            cameo = r["cameo"] or ""
            row = [_gdelt_id(r["key"]), day.strftime("%Y%m%d") if day else None,
                   day.strftime("%Y%m") if day else None, day.year if day else None,
                   f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else None, *actors,
                   r["is_root"], cameo, cameo[:3], cameo[:2], r["quad_class"], r["goldstein"], r["num_mentions"],
                   r["num_sources"], r["num_articles"], None, *([None] * 16),
                   geo_type, r["place_name"], r["place_country"], None, None, r["lat"], r["lon"], None,
                   _stamp(r["first_seen"]), r["url"]]
            fh.write("\t".join(_tsv(v) for v in row) + "\n")
            n += 1
    return ExportResult(str(path), "gdelt", table, n)


def _actor(r: dict[str, Any], side: str) -> dict[str, Any] | None:
    if not r[f"{side}_code"] and not r[f"{side}_name"]:
        return None
    return {"code": r[f"{side}_code"], "name": r[f"{side}_name"], "country": r[f"{side}_country"],
            "igo": r[f"{side}_igo"], "sector": r[f"{side}_sector"]}


def _evidence(con: duckdb.DuckDBPyConnection, r: dict[str, Any], table: str) -> list[dict[str, Any]]:
    if table == "events":
        return [{"article_id": r["article_id"], "event_id": r["id"], "sentence": r["sentence"],
                 "start": r["evidence_start"], "end": r["evidence_end"], "text": r["evidence_text"]}]
    return [{"article_id": a, "event_id": e, "url": u, "outlet": o, "sentence": s, "start": st, "end": en,
             "text": t} for a, e, u, o, s, st, en, t in con.execute(
        "SELECT article_id, event_id, url, outlet, sentence, start_char, end_char, evidence_text FROM event_mentions "
        "WHERE merged_id = ? ORDER BY published, article_id, sentence, event_id", [r["id"]]).fetchall()]


def _events_for(con: duckdb.DuckDBPyConnection, table: str, src: str, where: str,
                params: list[Any]) -> Iterator[dict[str, Any]]:
    if table == "events":
        sql = f"SELECT e.*, coalesce(e.date, a.published) AS day FROM {src} WHERE {where} ORDER BY e.id"
    else:
        sql = f"SELECT m.* FROM {src} WHERE {where} ORDER BY m.id"
    # the evidence query needs the connection while these rows are read: fetch them first
    yield from list(_rows(con, sql, params))


def _plover(con: duckdb.DuckDBPyConnection, table: str, src: str, where: str, params: list[Any],
            path: Path) -> ExportResult:
    n = skipped = 0
    with path.open("w", encoding="utf-8") as fh:
        for r in _events_for(con, table, src, where, params):
            if not r["plover"]:  # CAMEO 01 and 02 have no PLOVER type
                skipped += 1
                continue
            mode, context = plover_fields().get(r["cameo"], (None, []))
            source, target = _actor(r, "source"), _actor(r, "target")
            reciprocal = bool(r["reciprocal"])
            rec = {
                "id": str(r["id"]), "date": r["day"].isoformat() if r["day"] else None,
                "event_type": r["plover"], "mode": mode, "context": context,
                # PLOVER: both parties of a reciprocal meeting or agreement are actors, with no recipient
                "actor": [a for a in (source, target) if a] if reciprocal else [a for a in (source,) if a],
                "recipient": [] if reciprocal or not target else [target],
                "place": ({"name": r["place_name"], "country": r["place_country"], "lat": r["lat"], "lon": r["lon"]}
                          if r["place_name"] else None),
                "cameo": r["cameo"], "quad_class": r["quad_class"], "goldstein": r["goldstein"], "status": r["status"],
                "evidence": _evidence(con, r, table),
            }
            if table == "merged":
                rec.update({k: r[k] for k in ("num_mentions", "num_articles", "num_sources")})
            fh.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            n += 1
    return ExportResult(str(path), "plover", table, n, skipped, "no PLOVER type (CAMEO 01, 02)")


def _geojson(con: duckdb.DuckDBPyConnection, table: str, src: str, where: str, params: list[Any],
             path: Path) -> ExportResult:
    features, skipped = [], 0
    for r in _events_for(con, table, src, where, params):
        if r["lat"] is None or r["lon"] is None:
            skipped += 1
            continue
        props = {k: r.get(k) for k in ("source_code", "source_name", "target_code", "target_name", "cameo", "plover",
                                       "quad_class", "goldstein", "status", "place_name", "place_country",
                                       "num_mentions", "num_articles", "num_sources", "evidence_text", "article_id")
                 if k in r}
        props["id"] = str(r["id"])
        props["day"] = r["day"].isoformat() if r["day"] else None
        features.append({"type": "Feature", "id": str(r["id"]),
                         "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]}, "properties": props})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False,
                               default=str), encoding="utf-8")
    return ExportResult(str(path), "geojson", table, len(features), skipped, "no coordinates")
