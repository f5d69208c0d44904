"""The DuckDB store: one writer, numbered migrations, idempotent batched loads keyed by content hash.

The schema and its history live in `migrations`, batched writes in `loads`, near-duplicate stories in
`dedup`, merged events in `merge`, exports in `exports`. `Store` is the one object callers use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import StoreError
from eventwire.locking import WriterIntent, lock_conflict, retry_locked
from eventwire.model import Article, Reject
from eventwire.store.loads import BatchResult, article_key, write_batch
from eventwire.store.migrations import MIGRATIONS, migrate

__all__ = ["DEFAULT_DB", "MIGRATIONS", "BatchResult", "Store", "article_key", "to_json"]

DEFAULT_DB = "eventwire.duckdb"
WRITER_BUSY_TIMEOUT = 30.0  # seconds a writer waits for readers (`eventwire serve` requests) to let go


def actor_condition(alias: str, actor: str) -> tuple[str, list[str]]:
    """The SQL condition (and its values) for an event of table alias `alias` whose source or target is
    `actor`: an ISO3 country or IGO exactly, or an actor code by prefix (RUS matches RUSGOV)."""
    cond = (f"(? IN ({alias}.source_country, {alias}.source_igo, {alias}.target_country, {alias}.target_igo) "
            f"OR {alias}.source_code LIKE ? OR {alias}.target_code LIKE ?)")
    return cond, [actor, actor + "%", actor + "%"]


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
        """Bring the schema up to date (see `migrations`); the versions applied."""
        return migrate(self.con, self.path)

    def schema_version(self) -> int:
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]  # type: ignore[index]

    # ------------------------------------------------------------------ writes
    def has_article(self, key: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [key]).fetchone() is not None

    def add_article(self, art: Article, source: str | None = None) -> bool:
        """Store one coded article with everything found in it; False when it was already stored."""
        return bool(self.add_batch([(art, source)]).stored)

    def add_reject(self, r: Reject) -> None:
        """Record one rejected or skipped input."""
        self.add_batch([r])

    def add_batch(self, items: Iterable[Article | Reject | tuple[Article, str | None]]) -> BatchResult:
        """Store many coded articles (optionally with their input source) and rejects in one transaction.

        Articles already stored (same content key), also twice in one batch, are skipped. The new articles
        are signed and linked to their near-duplicates, and the merged events they touch are rebuilt, in
        the same transaction: on any failure nothing of the batch is kept and StoreError names the db."""
        return write_batch(self.con, self.path, items)

    # ------------------------------------------------------------------ reads
    def counts(self) -> dict[str, int]:
        out = {}
        for t in ("articles", "sentences", "actors", "events", "quotes", "places", "dates", "rejects",
                  "merged_events", "article_links"):
            out[t] = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]  # noqa: S608 - fixed names
        out["stories"] = self.con.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]  # type: ignore[index]
        return out

    def reject_summary(self, by: tuple[str, ...] = ("source", "code")) -> list[dict[str, Any]]:
        """Rejected and skipped inputs counted per `by` (any of "source", "code"), largest first.

        A skip that stood for many records (a WARC file's non-HTML records) counts each of them."""
        cols = [c for c in by if c in ("source", "code")]
        if not cols or len(cols) != len(by):
            raise StoreError(f"reject_summary groups by source and/or code, not {by!r}", where=self.path)
        keys = ", ".join(cols)
        cur = self.con.execute(f"SELECT {keys}, sum(coalesce(count, 1))::BIGINT AS count FROM rejects "  # noqa: S608 - checked names
                               f"GROUP BY {keys} ORDER BY count DESC, {keys}")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def events(self, actor: str | None = None, code: str | None = None, since: dt.date | None = None,
               until: dt.date | None = None, status: str | None = None, limit: int = 100,
               include_unrealised: bool = False) -> list[dict[str, Any]]:
        """Stored events with their evidence; `actor` matches a source or target code, country or IGO."""
        where, params = [], []
        if actor:
            cond, values = actor_condition("e", actor.upper())
            where.append(cond)
            params += values
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
