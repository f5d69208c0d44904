"""Opening the database for one request while `eventwire ingest` may be writing it.

DuckDB lets one process write a file or many processes read it, never both at once (eventwire.locking).
A request that finds the file locked by a writer, or a writer announced, waits with a short, growing
backoff for up to `busy_timeout` seconds (5 by default), then gives up with a `BusyError`, which the app
answers as 503 with a Retry-After header.
"""

from __future__ import annotations

from pathlib import Path

from eventwire.analysis.query import Reader
from eventwire.errors import StoreError
from eventwire.locking import lock_conflict, retry_locked, writer_waiting

BUSY_TIMEOUT = 5.0  # seconds a request waits for a writer to let go of the database
RETRY_AFTER = 2  # seconds a client is told to wait after a 503


class BusyError(StoreError):
    """The database stayed locked by a writer for the whole wait; ask again in `retry_after` seconds."""

    code = "E301"

    def __init__(self, message: str, *, where: str | None = None, retry_after: int = RETRY_AFTER) -> None:
        super().__init__(message, where=where)
        self.retry_after = retry_after


def locked(exc: BaseException) -> bool:
    """Whether opening failed only because another process holds the file's lock (a writer)."""
    return isinstance(exc, StoreError) and exc.__cause__ is not None and lock_conflict(exc.__cause__)


def open_reader(path: str | Path, busy_timeout: float = BUSY_TIMEOUT) -> Reader:
    """A read-only Reader over `path`, waiting for a writer to let go for up to `busy_timeout` seconds."""
    try:
        return retry_locked(lambda: Reader(path), busy_timeout, locked, before=lambda: writer_waiting(path))
    except StoreError as exc:
        if not locked(exc):
            raise
        raise BusyError(f"the database is being written (by `eventwire ingest`) and stayed locked for "
                        f"{busy_timeout:g} s; try again shortly", where=str(path)) from exc
