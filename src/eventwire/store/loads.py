"""Batched writes: many coded articles and rejects in one transaction, with dedup and merges kept current."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb

from eventwire.errors import StoreError
from eventwire.model import Actor, Article, Reject, Skip
from eventwire.store import bulk, dedup, merge

HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/@?#]*@)?([^/:?#]+)", re.IGNORECASE)

EVENT_COLUMNS = (
    "id, article_id, sentence, source_name, source_code, source_country, source_igo, source_sector, "
    "target_name, target_code, target_country, target_igo, target_sector, cameo, root, plover, quad_class, "
    "goldstein, status, date, date_precision, place_name, place_country, lat, lon, trigger, pattern, "
    "confidence, in_quote, evidence_start, evidence_end, evidence_text, reciprocal")


@dataclass(slots=True)
class BatchResult:
    """What one batch did: the keys of the articles stored, how many were already there, rejects recorded."""

    stored: list[str] = field(default_factory=list)
    duplicates: int = 0
    rejects: int = 0
    stories: int = 0  # stories (near-duplicate clusters) touched
    merged: int = 0  # merged events rebuilt


def article_key(art: Article) -> str:
    """The article's id in the store: a hash of its raw content, so the same document is stored once."""
    return hashlib.sha256(art.raw.encode("utf-8")).hexdigest()[:24]


def outlet(source_name: str | None, url: str | None) -> str | None:
    """The outlet counted as one source: the publication's name lower-cased, else the address's host."""
    if source_name and source_name.strip():
        return " ".join(source_name.lower().split())
    m = HOST.match(url or "")
    if not m:
        return None
    host = m.group(1).lower()
    return host[4:] if host.startswith("www.") else host


def _day(value: str | None) -> dt.date | None:
    """An event's date as a day, or None for a coarser or partly unknown one (2022-05, XXXX-01-25)."""
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _actor(a: Actor | None) -> list[Any]:
    return [None] * 5 if a is None else [a.name, a.code, a.country, a.igo, a.sector]


def _rows(key: str, art: Article, source: str | None, rows: dict[str, list[list[Any]]]) -> None:
    rows["articles"].append([key, art.id, art.title, art.url, art.published, art.published_source, art.authors,
                             art.text, art.boilerplate, source, art.resources, art.source_name,
                             outlet(art.source_name, art.url), key])
    rows["sentences"] += [[key, s.index, s.start, s.end, s.text] for s in art.sentences]
    rows["actors"] += [[key, m.sentence, m.start, m.end, m.text, a.name, a.kind, a.country, a.igo, a.sector,
                        a.role, a.code, a.entry, m.rule] for m in art.mentions for a in m.actors]
    for i, e in enumerate(art.events):
        p = e.place
        rows["events"].append([
            f"{key}-{i}", key, e.evidence.sentence, *_actor(e.source), *_actor(e.target), e.code, e.root, e.plover,
            e.quad_class, e.goldstein, e.status,
            _day(e.date), e.date_precision,
            p.name if p else None, p.country if p else None, p.lat if p else None, p.lon if p else None,
            e.trigger, e.pattern, e.confidence, e.in_quote, e.evidence.start, e.evidence.end, e.evidence.text,
            e.reciprocal])
    rows["quotes"] += [[key, q.sentence, q.start, q.end, q.text, q.speaker.name if q.speaker else None,
                        q.speaker.code if q.speaker else None, q.speaker.country if q.speaker else None,
                        q.speaker.igo if q.speaker else None, q.cue, q.rule] for q in art.quotes]
    rows["places"] += [[key, p.sentence, p.start, p.end, p.name, p.country, p.lat, p.lon, p.precision, p.rule]
                       for p in art.places]
    rows["dates"] += [[key, d.sentence, d.start, d.end, d.text, d.value, d.precision, d.rule] for d in art.dates]


COLUMNS = {
    "articles": ("id, doc_id, title, url, published, published_source, authors, text, boilerplate, source, resources, "
                 "source_name, outlet, story_id"),
    "sentences": "article_id, idx, start_char, end_char, text",
    "actors": ("article_id, sentence, start_char, end_char, text, name, kind, country, igo, sector, role, code, entry, "
               "rule"),
    "events": EVENT_COLUMNS,
    "quotes": ("article_id, sentence, start_char, end_char, text, speaker_name, speaker_code, speaker_country, "
               "speaker_igo, cue, rule"),
    "places": "article_id, sentence, start_char, end_char, name, country, lat, lon, precision, rule",
    "dates": "article_id, sentence, start_char, end_char, text, value, precision, rule",
    "rejects": "source, code, reason, count",
}


def _new_rejects(con: duckdb.DuckDBPyConnection, rejects: list[list[Any]]) -> list[list[Any]]:
    """The rejects not recorded by an earlier batch (same source, code and reason), so a rerun of the same
    input after an interruption adds none; inside the caller's transaction."""
    if not rejects:
        return rejects
    seen = {tuple(r) for r in con.execute(
        "SELECT source, code, reason FROM rejects WHERE source IN (SELECT unnest(?::VARCHAR[]))",
        [sorted({r[0] for r in rejects})]).fetchall()}
    return [r for r in rejects if (r[0], r[1], r[2]) not in seen]


def write_batch(con: duckdb.DuckDBPyConnection, where: str,
                items: Iterable[Article | Reject | tuple[Article, str | None]]) -> BatchResult:
    """Store a batch in one transaction (see `Store.add_batch`)."""
    result = BatchResult()
    pending: dict[str, tuple[Article, str | None]] = {}
    rejects: list[list[Any]] = []
    for item in items:
        if isinstance(item, Reject):
            rejects.append([item.where, item.code, item.reason, item.count if isinstance(item, Skip) else 1])
            continue
        art, source = item if isinstance(item, tuple) else (item, None)
        key = article_key(art)
        if key in pending:
            result.duplicates += 1
        else:
            pending[key] = (art, source)
    first = next(iter(pending.values()))[0].id if pending else (rejects[0][0] if rejects else "")
    con.execute("BEGIN")
    try:
        if pending:
            stored = {r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                                [list(pending)]).fetchall()}
            result.duplicates += len(stored)
            rows: dict[str, list[list[Any]]] = {t: [] for t in COLUMNS}
            for key, (art, source) in pending.items():
                if key in stored:
                    continue
                one: dict[str, list[list[Any]]] = {t: [] for t in COLUMNS}
                try:
                    _rows(key, art, source, one)
                except (TypeError, ValueError, AttributeError) as exc:  # a malformed record: reject it, keep the rest
                    rejects.append([source or art.id, "E301", f"could not be stored: {type(exc).__name__}: {exc}", 1])
                    continue
                for t, r in one.items():
                    rows[t] += r
                result.stored.append(key)
            types = bulk.schema_types(con)
            for table, cols in COLUMNS.items():
                bulk.insert(con, table, cols.split(", "), rows[table], types=types[table])
            if result.stored:
                stories = dedup.add_articles(con, [(k, pending[k][0].text) for k in result.stored])
                stories |= {r[0] for r in con.execute(
                    "SELECT DISTINCT story_id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [result.stored]).fetchall()}
                result.stories = len(stories)
                result.merged = merge.remerge(con, stories)
        rejects = _new_rejects(con, rejects)
        if rejects:
            bulk.insert(con, "rejects", COLUMNS["rejects"].split(", "), rejects,
                        types={"source": "VARCHAR", "code": "VARCHAR", "reason": "VARCHAR", "count": "INTEGER"})
            result.rejects = len(rejects)
        con.execute("COMMIT")
    except Exception as exc:
        with contextlib.suppress(duckdb.Error):  # after a failed COMMIT the transaction is already over
            con.execute("ROLLBACK")
        n = len(pending)
        raise StoreError(f"could not store a batch of {n} article(s) and {len(rejects)} reject(s) "
                         f"(first: {first}): {exc}; nothing of this batch was written", where=where) from exc
    return result
