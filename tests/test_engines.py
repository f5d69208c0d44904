"""Engines: the process pool and the Dask engine store exactly what the in-process run stores, reruns add
nothing, Dask partitions with a marker are not recomputed, and the writer leaves the file to readers
between batches."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import duckdb
import pytest

from engine_helpers import table_rows
from eventwire.ingest.readers import read_inputs
from eventwire.model import Reject
from eventwire.resources.loader import DATA
from eventwire.runners.ingest import count_records, doc_key, ingest, run_id
from eventwire.runners.local import Stored
from eventwire.runners.writer import BatchWriter
from eventwire.store.db import Store

DEMO = DATA / "demo" / "articles.jsonl"
NEWS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "news_5000.jsonl.gz"


def demo_with_bad_lines(tmp_path: Path) -> Path:
    """The demo corpus with a broken line, a record without text and an empty text: three rejects."""
    lines = DEMO.read_text(encoding="utf-8").splitlines()
    bad = ['{"id": "broken", "text": "unterminated', '{"id": "no-text"}', '{"id": "empty", "text": "   "}']
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines[:5] + bad[:2] + lines[5:] + bad[2:]) + "\n", encoding="utf-8")
    return path


def news_sample(tmp_path: Path, n: int) -> Path:
    if not NEWS.exists():
        pytest.skip("../shared/bench/news_5000.jsonl.gz is not present beside the project")
    path = tmp_path / "news.jsonl"
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        path.write_text("".join(itertools.islice(fh, n)), encoding="utf-8")
    return path


def test_pool_stores_what_one_process_stores(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    corpus = demo_with_bad_lines(tmp_path)
    one = ingest(read_inputs([str(corpus)]), tmp_path / "one.duckdb", pipeline=pipeline)
    two = ingest(read_inputs([str(corpus)]), tmp_path / "two.duckdb", workers=2, batch_size=7)
    assert (one.stored, one.rejected) == (24, 3)
    assert (two.stored, two.rejected, two.duplicates) == (24, 3, 0)
    assert two.batches >= 4  # 27 records in batches of at most 7
    a, b = table_rows(tmp_path / "one.duckdb"), table_rows(tmp_path / "two.duckdb")
    assert a["events"] and a == b


def test_rerun_adds_nothing_and_codes_nothing(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    corpus = demo_with_bad_lines(tmp_path)
    db = tmp_path / "db.duckdb"
    ingest(read_inputs([str(corpus)]), db, pipeline=pipeline)
    before = table_rows(db)
    coded = []
    again = ingest(read_inputs([str(corpus)]), db, pipeline=pipeline, on_record=coded.append)
    assert (again.stored, again.duplicates, again.rejected) == (0, 24, 3)
    assert len(coded) == 27
    # stored documents come back as markers (not coded again), the rejects as rejects
    assert sum(isinstance(r, Reject) for r in coded) == 3
    assert sum(isinstance(r, Stored) for r in coded) == 24
    assert table_rows(db) == before
    with Store(db, read_only=True) as store:
        assert store.counts()["rejects"] == 3


def test_batch_writer_closes_the_file_between_batches(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "db.duckdb"
    docs = [d for d in read_inputs([str(DEMO)]) if not isinstance(d, Reject)][:3]
    arts = [pipeline(d.text, id=d.id) for d in docs]
    with BatchWriter(db, batch_size=2) as writer:
        for art in arts[:2]:
            writer.add(art)
        # the batch is written and the file closed: a reader gets in while the run goes on
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)
        con.close()
        writer.add(arts[2])
    assert writer.stats.stored == 3 and writer.stats.batches == 2
    assert doc_key(docs[0]) in writer.known


def test_dask_engine_matches_local_on_the_demo_corpus(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    corpus = demo_with_bad_lines(tmp_path)
    ingest(read_inputs([str(corpus)]), tmp_path / "local.duckdb", pipeline=pipeline)
    shards = tmp_path / "shards" / "run"
    stats = ingest(read_inputs([str(corpus)]), tmp_path / "dask.duckdb", engine="dask", workers=2,
                   shard_dir=shards, partition_size=6, keep_shards=True)
    assert (stats.stored, stats.rejected, stats.partitions_computed) == (24, 3, 5)  # 27 records, 6 a partition
    assert sorted(p.name for p in shards.glob("*.done")) == [f"part-{i:06d}.done" for i in range(5)]
    assert table_rows(tmp_path / "local.duckdb") == table_rows(tmp_path / "dask.duckdb")

    # a rerun into a fresh database finds every partition done: nothing is computed, everything is loaded
    (shards / "part-000003.done").unlink()  # ... except the one whose marker is gone
    again = ingest(read_inputs([str(corpus)]), tmp_path / "dask2.duckdb", engine="dask", workers=1,
                   shard_dir=shards, partition_size=6)
    assert (again.partitions_reused, again.partitions_computed, again.stored) == (4, 1, 24)
    assert table_rows(tmp_path / "dask2.duckdb") == table_rows(tmp_path / "local.duckdb")
    assert not shards.exists() and not shards.parent.exists()  # removed once loaded


def test_dask_engine_matches_local_on_news(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    corpus = news_sample(tmp_path, 60)
    local = ingest(read_inputs([str(corpus)]), tmp_path / "local.duckdb", pipeline=pipeline)
    dask = ingest(read_inputs([str(corpus)]), tmp_path / "dask.duckdb", engine="dask", workers=2,
                  shard_dir=tmp_path / "shards", partition_size=15)
    assert local.stored + local.rejected + sum(local.skipped.values()) == 60
    assert (dask.stored, dask.rejected, dask.skipped) == (local.stored, local.rejected, local.skipped)
    a, b = table_rows(tmp_path / "local.duckdb"), table_rows(tmp_path / "dask.duckdb")
    assert len(a["events"]) > 100 and a == b


def test_count_records_and_run_id(tmp_path: Path) -> None:
    corpus = demo_with_bad_lines(tmp_path)
    assert count_records([str(corpus)]) == 27
    packed = tmp_path / "corpus.jsonl.gz"
    packed.write_bytes(gzip.compress(corpus.read_bytes()))
    (tmp_path / "page.html").write_text("<html><body><p>One page.</p></body></html>", encoding="utf-8")
    assert count_records([str(packed), str(tmp_path / "page.html")]) == 28
    assert count_records([str(tmp_path / "feed.rss")]) is None  # missing, or not countable without parsing
    (tmp_path / "feed.rss").write_text("<rss></rss>", encoding="utf-8")
    assert count_records([str(tmp_path / "feed.rss")]) is None
    first = run_id([str(corpus)], {"published": None})
    assert first == run_id([str(corpus)], {"published": None})
    assert first != run_id([str(corpus)], {"published": "2020-01-01"})
    corpus.write_text(corpus.read_text(encoding="utf-8") + json.dumps({"id": "x", "text": "More."}) + "\n")
    assert first != run_id([str(corpus)], {"published": None})


def test_every_ingest_option_is_documented_in_the_readme() -> None:
    import typer.main

    from eventwire.cli.main import app

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    command = next(c for c in typer.main.get_command(app).commands.values() if c.name == "ingest")  # type: ignore[attr-defined]
    for param in command.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}" in readme or f"[{opt}" in readme, opt


def test_dask_engine_without_the_extra_says_how_to_install_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    from eventwire.errors import EngineError

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if dask[distributed] were not installed
    with pytest.raises(EngineError, match=r"pip install 'eventwire\[dask\]'"):
        ingest(read_inputs([str(DEMO)]), tmp_path / "db.duckdb", engine="dask", shard_dir=tmp_path / "shards")
    assert not (tmp_path / "shards").exists()


def test_writer_waits_for_a_reader_in_another_process(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    import time

    db = tmp_path / "db.duckdb"
    doc = next(d for d in read_inputs([str(DEMO)]) if not isinstance(d, Reject))
    with BatchWriter(db, batch_size=1) as writer:
        # a reader (as `eventwire serve` is, per request) holds the file for a second
        reader = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], "
                                   "read_only=True); print('open', flush=True); time.sleep(1.0); c.close()", str(db)],
                                  stdout=subprocess.PIPE, text=True)
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        start = time.monotonic()
        writer.add(pipeline(doc.text, id=doc.id))  # the batch is due: the writer waits for the reader
        waited = time.monotonic() - start
        reader.wait(10)
    assert writer.stats.stored == 1 and waited > 0.3
