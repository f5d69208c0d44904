"""The Dask engine: the local runner's per-article function mapped over partitions on a Dask cluster.

The parent reads the inputs and cuts the stream into partitions of `partition_size` records, numbered in
input order. Each partition's documents go to a worker, which codes them with its own pipeline (built
once per worker process) and writes one Parquet shard plus a completion marker:

    SHARD_DIR/part-000012.parquet   columns seq (position in the partition) and payload (pickled result)
    SHARD_DIR/part-000012.done      written after the shard is complete; its presence means "done"

Workers never open the database. The parent loads finished shards in partition order through the one
writer, so the database is the same as the local engine's. A rerun with the same inputs and options finds
the same SHARD_DIR (its name is the run id): partitions with a marker are loaded, not recomputed. When
everything is stored the shard directory is removed, unless asked to keep it.

The payload is a pickle because the shards are this run's private intermediate files, written and read
by the same program; never point --shard-dir at files from elsewhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import pickle
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventwire.errors import EngineError
from eventwire.ingest.readers import Doc
from eventwire.model import Article, Reject
from eventwire.pipeline import MAX_CHARS, Pipeline
from eventwire.runners.local import Stored, code_doc, for_transport
from eventwire.runners.writer import BatchWriter

__all__ = ["code_partition", "run_dask"]

INSTALL_HINT = "the dask engine needs the dask extra: pip install 'eventwire[dask]' (dask[distributed], pyarrow)"
_worker_pipelines: dict[int, Pipeline] = {}


def _pipeline(max_chars: int) -> Pipeline:
    """The worker process's pipeline, built on its first partition and reused for every later one."""
    if max_chars not in _worker_pipelines:
        _worker_pipelines[max_chars] = Pipeline(max_chars=max_chars)
    return _worker_pipelines[max_chars]


def shard_path(shard_dir: Path, index: int) -> Path:
    return shard_dir / f"part-{index:06d}.parquet"


def marker_path(shard_dir: Path, index: int) -> Path:
    return shard_dir / f"part-{index:06d}.done"


def code_partition(docs: list[tuple[int, Doc]], shard_dir: str, index: int,
                   default_published: dt.date | None, max_chars: int = MAX_CHARS) -> int:
    """Code one partition's documents on a worker and write its shard, then its marker; returns how many
    results the shard holds. Runs on the worker: touches only the shard directory."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pipeline = _pipeline(max_chars)
    seqs, payloads = [], []
    for seq, doc in docs:
        seqs.append(seq)
        payloads.append(pickle.dumps(for_transport(code_doc(pipeline, doc, default_published)),
                                     protocol=pickle.HIGHEST_PROTOCOL))
    table = pa.table({"seq": pa.array(seqs, pa.int32()), "payload": pa.array(payloads, pa.binary())})
    folder = Path(shard_dir)
    final = shard_path(folder, index)
    tmp = final.with_name(final.name + f".{os.getpid()}.tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, final)  # atomic: a marker never points at half a shard
    marker_path(folder, index).write_text(json.dumps({"partition": index, "results": len(seqs)}) + "\n")
    return len(seqs)


def _read_shard(shard_dir: Path, index: int) -> dict[int, Article | Reject]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(shard_path(shard_dir, index))
    except (OSError, ValueError) as exc:  # pyarrow's errors derive from these
        raise EngineError(f"cannot read shard {index} ({exc}); delete its .done marker and run again",
                          where=str(shard_path(shard_dir, index))) from exc
    seqs = table.column("seq").to_pylist()
    payloads = table.column("payload").to_pylist()
    return {s: pickle.loads(p) for s, p in zip(seqs, payloads, strict=True)}  # noqa: S301 - our own shards


def _partitions(items: Iterable[Doc | Reject], size: int) -> Iterator[list[Doc | Reject]]:
    part: list[Doc | Reject] = []
    for item in items:
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError(INSTALL_HINT) from exc
    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except (OSError, TimeoutError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                              "`dask scheduler` and workers with `dask worker ADDRESS`, each with eventwire "
                              "installed", where=scheduler) from exc
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    client.wait_for_workers(workers, timeout=120)  # else the first partitions all queue on the first worker up
    return client, cluster


def run_dask(items: Iterable[Doc | Reject], writer: BatchWriter, *, shard_dir: Path, workers: int = 1,
             scheduler: str | None = None, default_published: dt.date | None = None, partition_size: int = 100,
             keep_shards: bool = False, on_record: Any = None, max_chars: int = MAX_CHARS) -> None:
    """Code `items` on Dask partition by partition and load the shards, in order, through `writer`."""
    try:
        import pyarrow  # noqa: F401 - fail before starting a cluster
    except ImportError as exc:
        raise EngineError(INSTALL_HINT) from exc
    client, cluster = _client(scheduler, workers)
    shard_dir.mkdir(parents=True, exist_ok=True)
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        stored_before = set(writer.known)  # fixed for the run, so a partition's contents never depend on timing
        in_flight: deque[tuple[int, list[Doc | Reject], Any]] = deque()
        for index, part in enumerate(_partitions(items, partition_size)):
            future = None
            if marker_path(shard_dir, index).exists():
                writer.stats.partitions_reused += 1
            else:
                todo = [(seq, item) for seq, item in enumerate(part)
                        if isinstance(item, Doc) and _key(item) not in stored_before]
                if todo:
                    future = client.submit(code_partition, todo, str(shard_dir), index, default_published,
                                           max_chars, key=f"eventwire-part-{shard_dir.name}-{index}", pure=False)
                    writer.stats.partitions_computed += 1
            in_flight.append((index, part, future))
            while len(in_flight) > 2 * n_workers:  # keep the cluster busy, the parent's memory bounded
                _load(*in_flight.popleft(), shard_dir, writer, on_record, default_published, max_chars)
        while in_flight:
            _load(*in_flight.popleft(), shard_dir, writer, on_record, default_published, max_chars)
        writer.flush()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if not keep_shards:
        shutil.rmtree(shard_dir, ignore_errors=True)
        with contextlib.suppress(OSError):
            shard_dir.parent.rmdir()  # DB.shards, when no other run's shards are left in it


def _load(index: int, part: list[Doc | Reject], future: Any, shard_dir: Path, writer: BatchWriter,
          on_record: Any, default_published: dt.date | None, max_chars: int) -> None:
    """Hand one partition's results to the writer in input order."""
    if future is not None:
        try:
            future.result()
        except Exception as exc:  # a worker that died or a shard it could not write: the run cannot go on
            raise EngineError(f"partition {index} failed on the cluster: {type(exc).__name__}: {exc}; "
                              "run the same command again to resume", where=str(shard_dir)) from exc
    coded = _read_shard(shard_dir, index) if marker_path(shard_dir, index).exists() else {}
    for seq, item in enumerate(part):
        if isinstance(item, Reject):  # a reader's reject, never sent to the cluster
            result: Article | Reject = item
        elif seq in coded:
            result = coded[seq]
        elif _key(item) in writer.known:  # not sent: stored before this run started
            writer.already_stored()
            if on_record:
                on_record(Stored(_key(item), item.where))
            continue
        else:  # a kept shard from a run over a database that has since lost this article: code it here
            result = code_doc(_pipeline(max_chars), item, default_published)
        writer.add(result)
        if on_record:
            on_record(result)


def _key(doc: Doc) -> str:
    from eventwire.runners.ingest import doc_key

    return doc_key(doc)
