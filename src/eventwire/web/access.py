"""Opening the database for one request while `eventwire ingest` may be writing it.

DuckDB lets one process write a file or many processes read it, never both at once: while the writer
holds its lock a read-only open fails. The writer lets go between batches, so a request that finds the
file locked waits with a short, growing backoff for up to `busy_timeout` seconds (5 by default) and then
gives up with a `BusyError`, which the app answers as 503 with a Retry-After header.
"""

from __future__ import annotations

import time
from pathlib import Path

from eventwire.analysis.query import Reader
from eventwire.errors import StoreError

BUSY_TIMEOUT = 5.0  # seconds a request waits for a writer to let go of the database
RETRY_AFTER = 2  # seconds a client is told to wait after a 503
FIRST_WAIT, MAX_WAIT = 0.02, 0.25  # the backoff: 20 ms, doubling, at most 250 ms between attempts


class BusyError(StoreError):
    """The database stayed locked by a writer for the whole wait; ask again in `retry_after` seconds."""

    code = "E301"

    def __init__(self, message: str, *, where: str | None = None, retry_after: int = RETRY_AFTER) -> None:
        super().__init__(message, where=where)
        self.retry_after = retry_after


def locked(exc: StoreError) -> bool:
    """Whether opening failed only because another process holds the file's lock (a writer)."""
    cause = str(exc.__cause__ or "").lower()
    return "lock" in cause and ("conflicting" in cause or "could not set" in cause)


def open_reader(path: str | Path, busy_timeout: float = BUSY_TIMEOUT) -> Reader:
    """A read-only Reader over `path`, waiting for a writer to let go for up to `busy_timeout` seconds."""
    deadline = time.monotonic() + busy_timeout
    wait = FIRST_WAIT
    while True:
        try:
            return Reader(path)
        except StoreError as exc:
            if not locked(exc):
                raise
            left = deadline - time.monotonic()
            if left <= 0:
                raise BusyError(f"the database is being written (by `eventwire ingest`) and stayed locked for "
                                f"{busy_timeout:g} s; try again shortly", where=str(path)) from exc
            time.sleep(min(wait, left))
            wait = min(wait * 2, MAX_WAIT)
