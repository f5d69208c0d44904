"""`eventwire ingest` killed with SIGKILL (twice, at different points) and run again ends with the same
database as an uninterrupted run: every article exactly once, every reject once, nothing lost."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from engine_helpers import table_rows
from eventwire.ingest.readers import read_inputs
from eventwire.resources.loader import DATA
from eventwire.runners.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(path: Path, copies: int = 6) -> int:
    """The demo corpus in `copies` versions (each a different closing line, so a different article), with a
    broken record after each version; returns the number of records."""
    records = [json.loads(line) for line in (DATA / "demo" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    lines = []
    for copy in range(copies):
        for rec in records:
            lines.append(json.dumps({**rec, "id": f"{rec['id']}-v{copy}",
                                     "text": rec["text"] + f"\n\nThis is version {copy + 1} of the report."}))
        lines.append('{"id": "broken-' + str(copy) + '", "text": "cut short')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def stored(db: Path) -> int:
    """Articles stored so far, read between the writer's batches (it closes the file after each)."""
    if not db.exists():
        return 0
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return -1  # the writer holds it now
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    except duckdb.Error:
        return 0  # created, not yet migrated
    finally:
        con.close()


def start(corpus: Path, db: Path, workers: int, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    cmd = [sys.executable, "-c", "from eventwire.cli.main import app; app()", "ingest", str(corpus),
           "--db", str(db), "--workers", str(workers), "--batch-size", "8", "--quiet", *extra]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def kill_after(proc: subprocess.Popen[bytes], db: Path, at_least: int, timeout: float = 300) -> int:
    """SIGKILL the ingest once `at_least` articles are stored; returns how many were stored then."""
    deadline = time.monotonic() + timeout
    seen = []
    try:
        while time.monotonic() < deadline:
            n = stored(db)
            seen.append(n)
            if n >= at_least:
                assert proc.poll() is None, f"the ingest finished before it could be killed (counts seen {seen})"
                proc.send_signal(signal.SIGKILL)
                proc.wait(30)
                return stored(db)  # a batch may have landed between the count and the kill
            if proc.poll() is not None:
                pytest.fail(f"the ingest stopped early ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
            time.sleep(0.05)
        pytest.fail(f"fewer than {at_least} articles stored after {timeout}s")
    finally:
        if proc.poll() is None:
            proc.kill()
        # the pool's workers see their parent gone and exit; clean up their session anyway
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    return -1


def test_kill_twice_then_resume_gives_the_uninterrupted_database(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    # 16 versions: on an idle machine the whole run takes long enough for both kills to land mid-run (with
    # 6 versions, 144 articles were stored in 0.5 s, between two polls of the database)
    corpus = tmp_path / "corpus.jsonl"
    n_records = build_corpus(corpus, copies=16)
    assert n_records == 400
    ingest(read_inputs([str(corpus)]), tmp_path / "whole.duckdb", pipeline=pipeline)
    whole = table_rows(tmp_path / "whole.duckdb", skip_reject_ids=True)
    assert len(whole["articles"]) == 384 and len(whole["rejects"]) == 16

    db = tmp_path / "resumed.duckdb"
    first = kill_after(start(corpus, db, workers=2), db, at_least=20)
    second = kill_after(start(corpus, db, workers=1), db, at_least=first + 40)
    assert 20 <= first < second < 384

    last = start(corpus, db, workers=2)
    _, err = last.communicate(timeout=600)
    assert last.returncode == 1, err.decode()  # the broken records are rejected: exit 1
    summary = err.decode().strip().splitlines()[-1]
    assert summary.startswith(f"stored {384 - second}, already present {second}, rejected 16")
    assert table_rows(db, skip_reject_ids=True) == whole


def test_dask_engine_killed_then_resumed_reuses_finished_partitions(tmp_path: Path, pipeline) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus.jsonl"
    build_corpus(corpus)
    ingest(read_inputs([str(corpus)]), tmp_path / "whole.duckdb", pipeline=pipeline)
    db = tmp_path / "dask.duckdb"
    dask = ("--engine", "dask", "--partition-size", "10")
    at_kill = kill_after(start(corpus, db, 2, *dask), db, at_least=30)
    assert 30 <= at_kill < 144
    assert list((tmp_path / "dask.duckdb.shards").glob("*/part-*.done"))  # the killed run's finished partitions

    last = start(corpus, db, 2, *dask)
    _, err = last.communicate(timeout=600)
    summary = err.decode().strip().splitlines()[-1]
    assert summary.startswith(f"stored {144 - at_kill}, already present {at_kill}, rejected 6"), summary
    reused = int(summary.rsplit("reused ", 1)[1].split(")")[0])
    assert reused >= at_kill // 10  # loaded partitions are not coded again
    assert table_rows(db, skip_reject_ids=True) == table_rows(tmp_path / "whole.duckdb", skip_reject_ids=True)
    assert not (tmp_path / "dask.duckdb.shards").exists()  # removed once everything is stored
