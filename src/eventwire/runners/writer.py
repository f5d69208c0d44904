"""The one writer of an ingest: coded articles and rejects stored in batches, one transaction each.

Every engine hands its results, in input order, to a `BatchWriter` in the parent process; workers never
touch the database. A batch is written when it holds `batch_size` records or its oldest record has
waited `interval` seconds, inside one transaction, so a run killed at any moment leaves whole batches
only. Between batches the writer closes the DuckDB file (unless `hold_open`), so a reader such as `eventwire serve` can open it
in the gaps; when a reader holds it, the writer announces itself and waits (up to `lock_wait` seconds,
see eventwire.locking).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.model import Article, Reject, Skip
from eventwire.store.db import WRITER_BUSY_TIMEOUT, Store, article_key

__all__ = ["BatchWriter", "IngestStats"]


@dataclass
class IngestStats:
    """What one run saw and stored. `rejected` and `skipped` count what this run met, whether or not an
    earlier run had already recorded it; `stored` counts new articles, `duplicates` articles already there."""

    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    seen: int = 0  # records handled (articles, rejects, skips), what a progress bar counts
    batches: int = 0
    partitions_computed: int = 0  # dask engine: partitions coded on the cluster in this run
    partitions_reused: int = 0  # dask engine: partitions found complete (marker) from an earlier run

    def as_dict(self) -> dict[str, object]:
        return {"stored": self.stored, "duplicates": self.duplicates, "rejected": self.rejected,
                "skipped": dict(self.skipped), "seen": self.seen, "batches": self.batches,
                "partitions_computed": self.partitions_computed, "partitions_reused": self.partitions_reused}


class BatchWriter:
    """Buffers coded results and writes them in batches. Use as a context manager; leaving it flushes."""

    def __init__(self, db: str | Path, batch_size: int = 200, interval: float = 2.0, hold_open: bool = False,
                 lock_wait: float = WRITER_BUSY_TIMEOUT) -> None:
        self.db = str(db)
        self.batch_size = max(1, batch_size)
        self.interval = interval
        self.hold_open = hold_open
        self.lock_wait = lock_wait
        self.stats = IngestStats()
        self._buffer: list[Article | Reject] = []
        self._since = time.monotonic()  # when the oldest buffered record came
        self._store: Store | None = None
        store = self._open()
        try:
            self.known = {r[0] for r in store.query("SELECT id FROM articles")}  # stored by an earlier run
        finally:
            self._release(store)

    def __enter__(self) -> BatchWriter:
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        try:
            if exc_type is None:
                self.flush()
        finally:
            if self._store is not None:
                self._store.close()
                self._store = None

    def _open(self) -> Store:
        if self._store is not None:
            return self._store
        store = Store(self.db, busy_timeout=self.lock_wait)  # waits for readers in flight (eventwire.locking)
        if self.hold_open:
            self._store = store
        return store

    def _release(self, store: Store) -> None:
        if not self.hold_open:
            store.close()

    def add(self, item: Article | Reject) -> None:
        """Count one result and buffer it; write the buffer when it is full or old enough."""
        s = self.stats
        s.seen += 1
        if isinstance(item, Skip):
            s.skipped[item.code] = s.skipped.get(item.code, 0) + item.count
        elif isinstance(item, Reject):
            s.rejected += 1
        if not self._buffer:
            self._since = time.monotonic()
        self._buffer.append(item)
        if len(self._buffer) >= self.batch_size or time.monotonic() - self._since >= self.interval:
            self.flush()

    def already_stored(self) -> None:
        """Count a document skipped before coding because an earlier run stored it."""
        self.stats.seen += 1
        self.stats.duplicates += 1

    def flush(self) -> None:
        """Write the buffered records in one transaction."""
        if not self._buffer:
            return
        store = self._open()
        try:
            done = store.add_batch([(item, item.id) if isinstance(item, Article) else item for item in self._buffer])
        finally:
            self._release(store)
        for item in self._buffer:
            if isinstance(item, Article):
                self.known.add(article_key(item))
        self.stats.stored += len(done.stored)
        self.stats.duplicates += done.duplicates
        self.stats.batches += 1
        self._buffer = []
