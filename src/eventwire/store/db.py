"""The DuckDB store: numbered migrations, one writer, idempotent article loads keyed by content hash."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import StoreError
from eventwire.model import Actor, Article, Reject

DEFAULT_DB = "eventwire.duckdb"

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial schema", """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,          -- content hash of the raw text
        doc_id VARCHAR, title VARCHAR, url VARCHAR, published DATE, published_source VARCHAR,
        authors VARCHAR[], text VARCHAR, boilerplate VARCHAR[], source VARCHAR, resources VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE sentences (article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR);
    CREATE TABLE actors (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        name VARCHAR, kind VARCHAR, country VARCHAR, igo VARCHAR, sector VARCHAR, role VARCHAR,
        code VARCHAR, entry VARCHAR, rule VARCHAR
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR, sentence INTEGER,
        source_name VARCHAR, source_code VARCHAR, source_country VARCHAR, source_igo VARCHAR, source_sector VARCHAR,
        target_name VARCHAR, target_code VARCHAR, target_country VARCHAR, target_igo VARCHAR, target_sector VARCHAR,
        cameo VARCHAR, root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE, status VARCHAR,
        date DATE, date_precision VARCHAR, place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
        trigger VARCHAR, pattern VARCHAR, confidence DOUBLE, in_quote BOOLEAN,
        evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR
    );
    CREATE TABLE quotes (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        speaker_name VARCHAR, speaker_code VARCHAR, speaker_country VARCHAR, speaker_igo VARCHAR,
        cue VARCHAR, rule VARCHAR
    );
    CREATE TABLE places (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, name VARCHAR,
        country VARCHAR, lat DOUBLE, lon DOUBLE, precision VARCHAR, rule VARCHAR
    );
    CREATE TABLE dates (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        value VARCHAR, precision VARCHAR, rule VARCHAR
    );
    CREATE SEQUENCE reject_ids;
    CREATE TABLE rejects (
        id BIGINT DEFAULT nextval('reject_ids'), source VARCHAR, code VARCHAR, reason VARCHAR,
        rejected_at TIMESTAMP DEFAULT current_timestamp
    );
    """),
    (2, "indexes for actor, date and code queries", """
    CREATE INDEX events_source ON events (source_code);
    CREATE INDEX events_target ON events (target_code);
    CREATE INDEX events_date ON events (date);
    CREATE INDEX events_cameo ON events (cameo);
    CREATE INDEX events_article ON events (article_id);
    """),
]


def article_key(art: Article) -> str:
    return hashlib.sha256(art.raw.encode("utf-8")).hexdigest()[:24]


def _actor_cols(a: Actor | None) -> list[Any]:
    if a is None:
        return [None] * 5
    return [a.name, a.code, a.country, a.igo, a.sector]


def _day(value: str | None) -> dt.date | None:
    """An event date as a DATE when it is a full calendar date; partial ones ('XXXX-01-25', '2014-03') stay NULL."""
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


ARTICLE_TABLES = ("articles", "sentences", "actors", "events", "quotes", "places", "dates")


def _article_rows(key: str, art: Article, source: str | None) -> dict[str, list[list[Any]]]:
    """The rows one coded article adds to each table, in the tables' column order."""
    events = []
    for i, e in enumerate(art.events):
        p = e.place
        events.append([f"{key}-{i}", key, e.evidence.sentence, *_actor_cols(e.source), *_actor_cols(e.target),
                       e.code, e.root, e.plover, e.quad_class, e.goldstein, e.status, _day(e.date),
                       e.date_precision, p.name if p else None, p.country if p else None,
                       p.lat if p else None, p.lon if p else None, e.trigger, e.pattern, e.confidence,
                       e.in_quote, e.evidence.start, e.evidence.end, e.evidence.text])
    return {
        "articles": [[key, art.id, art.title, art.url, art.published, art.published_source, list(art.authors),
                      art.text, list(art.boilerplate), source, art.resources]],
        "sentences": [[key, s.index, s.start, s.end, s.text] for s in art.sentences],
        "actors": [[key, m.sentence, m.start, m.end, m.text, a.name, a.kind, a.country, a.igo, a.sector, a.role,
                    a.code, a.entry, m.rule] for m in art.mentions for a in m.actors],
        "events": events,
        "quotes": [[key, q.sentence, q.start, q.end, q.text, q.speaker.name if q.speaker else None,
                    q.speaker.code if q.speaker else None, q.speaker.country if q.speaker else None,
                    q.speaker.igo if q.speaker else None, q.cue, q.rule] for q in art.quotes],
        "places": [[key, p.sentence, p.start, p.end, p.name, p.country, p.lat, p.lon, p.precision, p.rule]
                   for p in art.places],
        "dates": [[key, d.sentence, d.start, d.end, d.text, d.value, d.precision, d.rule] for d in art.dates],
    }


class Store:
    """One writer over a DuckDB file. Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        self._column_cache: dict[str, tuple[list[str], list[str]]] = {}
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open the database: {exc}", where=self.path) from exc
        if not read_only:
            self.migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------------ schema
    def migrate(self) -> list[int]:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                         "applied_at TIMESTAMP DEFAULT current_timestamp)")
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            self.con.execute("BEGIN")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
                self.con.execute("COMMIT")
            except duckdb.Error as exc:
                self.con.execute("ROLLBACK")
                raise StoreError(f"migration {version} ({name}) failed: {exc}", where=self.path) from exc
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]  # type: ignore[index]

    # ------------------------------------------------------------------ writes
    def has_article(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [key]).fetchone() is not None

    def article_keys(self) -> set[str]:
        """The keys of every stored article, so a resumed ingest can skip what is already there."""
        return {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}

    def add_article(self, art: Article, source: str | None = None) -> bool:
        """Store one coded article with everything found in it; False when it was already stored."""
        if self.has_article(article_key(art)):
            return False
        self.con.execute("BEGIN")
        try:
            self._insert_article(art, source)
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"could not store article {art.id}: {exc}", where=self.path) from exc
        return True

    def add_batch(self, items: list[Article | Reject], source: str | None = None) -> dict[str, int]:
        """Store many coded articles and rejects in ONE transaction, so a killed run leaves all or none of
        them. Articles already stored and rejects already recorded (same source, code and reason) are left
        out, which makes a rerun of the same input add nothing. `source` defaults to each article's id.
        Returns how many articles were stored, were already there, and how many rejects were new."""
        counts = {"stored": 0, "duplicates": 0, "rejects": 0}
        arts = [(article_key(a), a) for a in items if isinstance(a, Article)]
        c = self.con
        c.execute("BEGIN")
        try:
            present = {r[0] for r in c.execute("SELECT id FROM articles WHERE id IN (SELECT unnest($keys))",
                                               {"keys": [k for k, _ in arts]}).fetchall()} if arts else set()
            rows: dict[str, list[list[Any]]] = {t: [] for t in ARTICLE_TABLES}
            for key, art in arts:
                if key in present:
                    counts["duplicates"] += 1
                    continue
                present.add(key)
                for table, table_rows in _article_rows(key, art, source if source is not None else art.id).items():
                    rows[table].extend(table_rows)
                counts["stored"] += 1
            for table, table_rows in rows.items():
                self._insert_rows(table, table_rows)
            for item in items:
                if isinstance(item, Reject):
                    counts["rejects"] += self._insert_reject(item)
            c.execute("COMMIT")
        except Exception as exc:  # nothing of a failed batch may stay behind, whatever failed
            c.execute("ROLLBACK")
            raise StoreError(f"could not store a batch of {len(items)} records: {exc}", where=self.path) from exc
        return counts

    def _insert_article(self, art: Article, source: str | None) -> None:
        """The rows of one article, inside the caller's transaction."""
        for table, table_rows in _article_rows(article_key(art), art, source).items():
            self._insert_rows(table, table_rows)

    def _insert_rows(self, table: str, rows: list[list[Any]]) -> None:
        """Many rows in one statement, passed column by column: DuckDB's executemany runs one statement
        per row, some 30 times slower."""
        if not rows:
            return
        names, types = self._columns(table)
        columns = list(zip(*rows, strict=True))
        select = ", ".join(f"unnest(CAST($c{i} AS {types[i]}[]))" for i in range(len(columns)))
        self.con.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {select}",  # noqa: S608 - fixed names
                         {f"c{i}": list(col) for i, col in enumerate(columns)})

    def _columns(self, table: str) -> tuple[list[str], list[str]]:
        """A table's columns and types in order, leaving out those filled by a default (ingested_at)."""
        if table not in self._column_cache:
            found = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "AND column_name != 'ingested_at' ORDER BY ordinal_position", [table]).fetchall()
            self._column_cache[table] = ([r[0] for r in found], [r[1] for r in found])
        return self._column_cache[table]

    def add_reject(self, r: Reject) -> bool:
        """Record a reject; False when the same source, code and reason is already recorded (a rerun)."""
        return bool(self._insert_reject(r))

    def _insert_reject(self, r: Reject) -> int:
        row = [r.where, r.code, r.reason]
        if self.con.execute("SELECT 1 FROM rejects WHERE source = ? AND code = ? AND reason = ?", row).fetchone():
            return 0
        self.con.execute("INSERT INTO rejects (source, code, reason) VALUES (?,?,?)", row)
        return 1

    # ------------------------------------------------------------------ reads
    def counts(self) -> dict[str, int]:
        out = {}
        for t in ("articles", "sentences", "actors", "events", "quotes", "places", "dates", "rejects"):
            out[t] = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]  # noqa: S608 - fixed names
        return out

    def events(self, actor: str | None = None, code: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, status: str | None = None, limit: int = 100,
               include_unrealised: bool = False) -> list[dict[str, Any]]:
        """Stored events with their evidence; `actor` matches a source or target code, country or IGO."""
        where, params = [], []
        if actor:
            a = actor.upper()
            where.append("(? IN (source_country, source_igo, target_country, target_igo) "
                         "OR source_code LIKE ? OR target_code LIKE ?)")
            params += [a, a + "%", a + "%"]
        if code:
            where.append("cameo LIKE ?")
            params.append(code + "%")
        if since:
            where.append("e.date >= ?")
            params.append(since)
        if until:
            where.append("e.date <= ?")
            params.append(until)
        if status:
            where.append("status = ?")
            params.append(status)
        elif not include_unrealised:
            where.append("status IN ('occurred', 'planned')")
        sql = ("SELECT e.*, a.doc_id, a.title, a.url FROM events e JOIN articles a ON a.id = e.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY e.date, e.article_id, e.sentence LIMIT ?")
        params.append(int(limit))
        cur = self.con.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def query(self, sql: str, params: list[Any] | None = None) -> Iterator[tuple[Any, ...]]:
        yield from self.con.execute(sql, params or []).fetchall()


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, default=str, ensure_ascii=False)
