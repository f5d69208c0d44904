"""The DuckDB store: numbered migrations, one writer, idempotent article loads keyed by content hash."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import StoreError
from eventwire.locking import WriterIntent, lock_conflict, retry_locked
from eventwire.model import Actor, Article, Reject

DEFAULT_DB = "eventwire.duckdb"
WRITER_BUSY_TIMEOUT = 30.0  # seconds a writer waits for readers (`eventwire serve` requests) to let go

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


class Store:
    """One writer over a DuckDB file. Use as a context manager."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False,
                 busy_timeout: float = WRITER_BUSY_TIMEOUT) -> None:
        self.path = str(path)
        # a writer announces itself so that `eventwire serve` stops opening new readers, then waits for the
        # requests in flight to let go of the file (eventwire.locking)
        self._intent = None if read_only else WriterIntent(self.path)
        try:
            self.con = retry_locked(lambda: duckdb.connect(self.path, read_only=read_only), busy_timeout,
                                    lock_conflict)
        except duckdb.Error as exc:
            if self._intent is not None:
                self._intent.release()
            raise StoreError(f"cannot open the database: {exc}", where=self.path) from exc
        if not read_only:
            try:
                self.migrate()
            except duckdb.Error as exc:  # a read-only file or folder, a full disk
                with contextlib.suppress(StoreError):
                    self.close()
                raise StoreError(f"cannot write the database: {exc}", where=self.path) from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            self.close()
        except StoreError:
            if exc_type is None:  # else the error already on its way out is the one to report
                raise

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error as exc:  # the final checkpoint failed: what was committed is in the WAL file
            raise StoreError(f"could not close the database cleanly: {exc}", where=self.path) from exc
        finally:
            if self._intent is not None:
                self._intent.release()

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
                self._rollback()
                raise StoreError(f"migration {version} ({name}) failed: {exc}", where=self.path) from exc
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]  # type: ignore[index]

    # ------------------------------------------------------------------ writes
    def has_article(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [key]).fetchone() is not None

    def add_article(self, art: Article, source: str | None = None) -> bool:
        """Store one coded article with everything found in it; False when it was already stored."""
        key = article_key(art)
        if self.has_article(key):
            return False
        c = self.con
        c.execute("BEGIN")
        try:
            c.execute(
                "INSERT INTO articles (id, doc_id, title, url, published, published_source, authors, text, boilerplate, "
                "source, resources) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [key, art.id, art.title, art.url, art.published, art.published_source, art.authors, art.text,
                 art.boilerplate, source, art.resources])
            if art.sentences:
                c.executemany("INSERT INTO sentences VALUES (?,?,?,?,?)",
                              [[key, s.index, s.start, s.end, s.text] for s in art.sentences])
            rows = [[key, m.sentence, m.start, m.end, m.text, a.name, a.kind, a.country, a.igo, a.sector, a.role,
                     a.code, a.entry, m.rule] for m in art.mentions for a in m.actors]
            if rows:
                c.executemany("INSERT INTO actors VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            ev_rows = []
            for i, e in enumerate(art.events):
                p = e.place
                ev_rows.append([f"{key}-{i}", key, e.evidence.sentence, *_actor_cols(e.source), *_actor_cols(e.target),
                                e.code, e.root, e.plover, e.quad_class, e.goldstein, e.status,
                                dt.date.fromisoformat(e.date) if e.date and len(e.date) == 10 else None,
                                e.date_precision, p.name if p else None, p.country if p else None,
                                p.lat if p else None, p.lon if p else None, e.trigger, e.pattern, e.confidence,
                                e.in_quote, e.evidence.start, e.evidence.end, e.evidence.text])
            if ev_rows:
                c.executemany("INSERT INTO events VALUES (" + ",".join("?" * 32) + ")", ev_rows)
            q_rows = [[key, q.sentence, q.start, q.end, q.text, q.speaker.name if q.speaker else None,
                       q.speaker.code if q.speaker else None, q.speaker.country if q.speaker else None,
                       q.speaker.igo if q.speaker else None, q.cue, q.rule] for q in art.quotes]
            if q_rows:
                c.executemany("INSERT INTO quotes VALUES (?,?,?,?,?,?,?,?,?,?,?)", q_rows)
            pl_rows = [[key, p.sentence, p.start, p.end, p.name, p.country, p.lat, p.lon, p.precision, p.rule]
                       for p in art.places]
            if pl_rows:
                c.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", pl_rows)
            d_rows = [[key, d.sentence, d.start, d.end, d.text, d.value, d.precision, d.rule] for d in art.dates]
            if d_rows:
                c.executemany("INSERT INTO dates VALUES (?,?,?,?,?,?,?,?)", d_rows)
            c.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"could not store article {art.id}: {exc}", where=self.path) from exc
        return True

    def _rollback(self) -> None:
        """Undo the open transaction; after a failed COMMIT (disk full, read-only file) DuckDB has already
        ended it, and the error to report is the one that got us here."""
        with contextlib.suppress(duckdb.Error):
            self.con.execute("ROLLBACK")

    def add_reject(self, r: Reject) -> None:
        try:
            self.con.execute("INSERT INTO rejects (source, code, reason) VALUES (?,?,?)", [r.where, r.code, r.reason])
        except duckdb.Error as exc:
            raise StoreError(f"could not record the reject of {r.where}: {exc}", where=self.path) from exc

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
