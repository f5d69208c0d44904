"""The local runner, the reference engine: code documents in this process or in a pool of worker processes.

`code_doc` is the per-article function every engine maps: pure (resources, document) -> Article or
Reject, failures turned into rejects naming the document. `code_items` runs it over a stream in input
order, with N worker processes when asked, so a parallel run stores exactly what a sequential one does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from eventwire.errors import EventwireError
from eventwire.ingest.readers import Doc
from eventwire.model import Article, Reject
from eventwire.pipeline import MAX_CHARS, Pipeline

__all__ = ["Stored", "code_all", "code_doc", "code_items", "for_transport"]

CHUNKSIZE = 8  # documents sent to a worker at a time: large enough to amortise the pipe, small enough to balance


@dataclass(slots=True, frozen=True)
class Stored:
    """A document not coded because its article is already stored; passes through an engine in its place,
    so it is counted in input order by the one thread that writes."""

    key: str
    where: str


def code_doc(pipeline: Pipeline, doc: Doc, default_published: dt.date | None = None) -> Article | Reject:
    """Code one document; any failure becomes a Reject naming the document and the reason."""
    try:
        return pipeline(doc.text, id=doc.id, published=doc.published or default_published, title=doc.title,
                        url=doc.url, authors=doc.authors, source_name=doc.site,
                        published_source="metadata" if doc.published else ("caller" if default_published else None))
    except EventwireError as exc:
        return Reject(doc.where, exc.code, exc.reason)
    except Exception as exc:  # a bug must not stop the batch: record it and go on
        return Reject(doc.where, "E900", f"internal error while coding: {type(exc).__name__}: {exc}")


def code_all(pipeline: Pipeline, items: Iterable[Doc | Reject | Stored],
             default_published: dt.date | None = None) -> Iterator[Article | Reject | Stored]:
    """Code documents one after another; rejects and `Stored` markers pass through unchanged."""
    for item in items:
        yield item if isinstance(item, Reject | Stored) else code_doc(pipeline, item, default_published)


def for_transport(item: Article | Reject) -> Article | Reject:
    """The article without its working state (each sentence's tokens and stage cache), which is most of its
    pickled size and which nothing after coding reads; sent between processes instead of the full object."""
    if isinstance(item, Reject):
        return item
    slim = [dataclasses.replace(s, tokens=[], cache={}) for s in item.sentences]
    return dataclasses.replace(item, sentences=slim)


# ---------------------------------------------------------------------------------------------- pool
_worker_pipeline: Pipeline | None = None
_worker_published: dt.date | None = None


def _orphan_guard(parent: int) -> None:
    """Exit a worker whose parent died (kill -9 leaves pool workers waiting on their queue forever)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _init_worker(default_published: dt.date | None, max_chars: int) -> None:
    global _worker_pipeline, _worker_published
    _worker_pipeline = Pipeline(max_chars=max_chars)  # once per worker: resources come from the fingerprinted on-disk cache
    _worker_published = default_published
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    threading.Thread(target=_orphan_guard, args=(os.getppid(),), daemon=True).start()


def _code_in_worker(item: Doc | Reject | Stored) -> Article | Reject | Stored:
    if isinstance(item, Reject | Stored):
        return item
    assert _worker_pipeline is not None
    return for_transport(code_doc(_worker_pipeline, item, _worker_published))


def code_items(items: Iterable[Doc | Reject | Stored], workers: int = 1, default_published: dt.date | None = None,
               pipeline: Pipeline | None = None, chunksize: int = CHUNKSIZE,
               max_chars: int = MAX_CHARS) -> Iterator[Article | Reject | Stored]:
    """Code a stream of documents (readers' rejects pass through) and yield results in input order.

    With `workers` 1 everything runs here with `pipeline` (built with `max_chars` when not given); with
    more, a pool of that many processes (spawned, not forked, so no DuckDB or reader state is inherited) each builds its
    own pipeline once and receives documents `chunksize` at a time."""
    if workers <= 1:
        yield from code_all(pipeline or Pipeline(max_chars=max_chars), items, default_published)
        return
    # Pool.imap reads its input eagerly; a gate keeps at most `window` documents in flight so memory stays
    # flat on inputs of any size.
    window = workers * chunksize * 4
    gate = threading.Semaphore(window)
    stop = threading.Event()

    def gated() -> Iterator[Doc | Reject | Stored]:
        for item in items:
            while not gate.acquire(timeout=0.2):
                if stop.is_set():
                    return
            yield item

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(default_published, max_chars)) as pool:
        try:
            for result in pool.imap(_code_in_worker, gated(), chunksize):
                gate.release()
                yield result
        finally:
            stop.set()
