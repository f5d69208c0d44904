"""Ingest: documents in, coded articles stored, on the local engine (process pool) or on Dask.

Whatever the engine, results reach the one `BatchWriter` in input order, so the database does not depend
on the engine or the number of workers. A document whose text is already stored (its key is the hash of
its text, the article key) is not coded again: that is what makes a rerun after `kill -9` cheap, and the
writer's per-batch transactions and duplicate checks make it exact.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from eventwire.errors import EngineError
from eventwire.ingest.readers import SUFFIX_FORMATS, Doc
from eventwire.model import Article, Reject
from eventwire.pipeline import MAX_CHARS, Pipeline
from eventwire.runners.local import Stored, code_items
from eventwire.runners.writer import BatchWriter, IngestStats

__all__ = ["ENGINES", "count_records", "doc_key", "ingest", "run_id"]

ENGINES = ("local", "dask")
Record = Article | Reject | Stored  # what a progress callback receives: a result, or a document already stored
OnRecord = Callable[[Record], None]


def doc_key(doc: Doc) -> str:
    """The key the article coded from this document will have (store.db.article_key): a hash of its text."""
    return hashlib.sha256(doc.text.encode("utf-8")).hexdigest()[:24]


def ingest(items: Iterable[Doc | Reject], db: str | Path, *, workers: int = 1, engine: str = "local",
           scheduler: str | None = None, default_published: dt.date | None = None, batch_size: int = 200,
           interval: float = 2.0, hold_open: bool = False, on_record: OnRecord | None = None,
           shard_dir: str | Path | None = None, keep_shards: bool = False, partition_size: int = 100,
           pipeline: Pipeline | None = None, max_chars: int = MAX_CHARS) -> IngestStats:
    """Code `items` (a reader's documents and rejects) and store them in `db`; returns what was done.

    `engine` "local" codes in this process (`workers` 1) or in a pool of `workers` processes; "dask" maps
    the same function over partitions of `partition_size` documents on the cluster at `scheduler` (a
    local cluster of `workers` processes when None), each partition written as a Parquet shard under
    `shard_dir` with a completion marker before the writer loads it (see runners/dask_engine.py).
    `max_chars` is the article size limit of the pipelines built (eventwire.limits)."""
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    if workers < 1:
        raise EngineError(f"--workers must be at least 1, got {workers}")
    with BatchWriter(db, batch_size=batch_size, interval=interval, hold_open=hold_open) as writer:
        if engine == "dask":
            from eventwire.runners.dask_engine import run_dask

            if shard_dir is None:
                raise EngineError("the dask engine needs a shard directory (shard_dir)")
            run_dask(items, writer, shard_dir=Path(shard_dir), workers=workers, scheduler=scheduler,
                     default_published=default_published, partition_size=partition_size,
                     keep_shards=keep_shards, on_record=on_record, max_chars=max_chars)
        else:
            todo = _unstored(items, writer.known)
            for result in code_items(todo, workers, default_published, pipeline, max_chars=max_chars):
                if isinstance(result, Stored):
                    writer.already_stored()
                else:
                    writer.add(result)
                if on_record:
                    on_record(result)
    return writer.stats


def _unstored(items: Iterable[Doc | Reject], known: set[str]) -> Iterator[Doc | Reject | Stored]:
    """The items, with documents an earlier run stored replaced by a `Stored` marker. Runs in the pool's
    feeding thread: it only reads `known`; counting happens where results come back, in order."""
    for item in items:
        if isinstance(item, Doc):
            key = doc_key(item)
            if key in known:
                yield Stored(key, item.where)
                continue
        yield item


def run_id(inputs: Sequence[str], options: dict[str, object]) -> str:
    """A name for one run's shards: a hash of the inputs (each file's path, size and modification time) and
    the options that change results, including the dictionaries' fingerprint, so a rerun of the same
    command finds its shards and a changed input or dictionary starts afresh."""
    from eventwire.resources.loader import resources_fingerprint

    h = hashlib.sha256()
    for spec in inputs:
        h.update(spec.encode())
        path = Path(spec)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
        for f in files:
            st = f.stat()
            h.update(f"{f.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    h.update(json.dumps(options, sort_keys=True, default=str).encode())
    h.update(resources_fingerprint().encode())
    return h.hexdigest()[:16]


def count_records(inputs: Sequence[str], fmt: str | None = None) -> int | None:
    """How many records the inputs hold, when that is cheap to know (JSON Lines lines, one per text or web
    page file), for a progress bar's total and ETA; None when any input would have to be parsed to tell
    (WARC, feeds, CSV, JSON arrays, standard input, addresses, globs)."""
    total = 0
    for spec in inputs:
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*")
                           if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        elif path.is_file():
            files = [path]
        else:
            return None
        for f in files:
            n = _count_file(f, fmt)
            if n is None:
                return None
            total += n
    return total


def _count_file(path: Path, fmt: str | None) -> int | None:
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    kind = fmt or SUFFIX_FORMATS.get(suffixes[-1] if suffixes else "")
    if kind in ("text", "html"):
        return 1
    if kind != "jsonl":
        return None
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            return sum(1 for line in fh if line.strip())
    except (OSError, EOFError):
        return None
