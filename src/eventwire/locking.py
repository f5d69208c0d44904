"""Sharing one DuckDB file between a writer (`eventwire ingest`) and readers (`eventwire serve`).

DuckDB lets one process write a file or many read it, never both: a reader's shared lock keeps the writer
out. Readers that come one after another without a gap (a busy dashboard) would keep it out for ever, so
a writer announces itself first with a small file beside the database (`DB.writer`, holding its process
id); readers that see a live announcement wait instead of opening, the writer gets the file as soon as
the requests in flight end, and it removes the announcement when it closes. An announcement left by a
process that died is ignored.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FIRST_WAIT, MAX_WAIT = 0.02, 0.25  # the backoff between attempts: 20 ms, doubling, at most 250 ms


def intent_path(db: str | Path) -> Path:
    return Path(str(db) + ".writer")


def lock_conflict(exc: BaseException) -> bool:
    """Whether a DuckDB error says that another process holds the file's lock."""
    text = str(exc).lower()
    return "lock" in text and ("conflicting" in text or "could not set" in text)


class WriterIntent:
    """The writer's announcement; `release()` (or the end of a `with` block) removes it."""

    def __init__(self, db: str | Path) -> None:
        self.path = intent_path(db)
        try:
            self.path.write_text(str(os.getpid()), encoding="ascii")
            self.active = True
        except OSError:  # a read-only folder: the open that follows fails with the real reason
            self.active = False

    def release(self) -> None:
        if self.active:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.active = False

    def __enter__(self) -> WriterIntent:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def writer_waiting(db: str | Path) -> bool:
    """Whether a live writer has announced itself for `db` (not this process: it never waits for itself)."""
    path = intent_path(db)
    try:
        pid = int(path.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return False
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False  # left behind by a writer that died
    except PermissionError:
        return True  # alive, another user's
    return True


def retry_locked(attempt: Callable[[], T], timeout: float, is_locked: Callable[[BaseException], bool],
                 before: Callable[[], bool] | None = None) -> T:
    """`attempt()` until it does not fail with a lock conflict, waiting with backoff for up to `timeout`
    seconds; `before()`, when given and true, means "wait without trying" (a writer is announced). The
    last error is raised when time is up (TimeoutError when no attempt could be made)."""
    deadline = time.monotonic() + timeout
    wait = FIRST_WAIT
    while True:
        if before is None or not before() or time.monotonic() >= deadline:
            try:
                return attempt()
            except Exception as exc:
                if not is_locked(exc) or time.monotonic() >= deadline:
                    raise
        time.sleep(max(0.0, min(wait, deadline - time.monotonic())))
        wait = min(wait * 2, MAX_WAIT)
