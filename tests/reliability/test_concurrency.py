"""`eventwire serve` keeps answering while `eventwire ingest` writes the same database: a real server and
a real ingest in child processes, the API hammered by client threads during the whole ingest."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'eventwire[web]'")
import httpx  # noqa: E402

from .corpus import child_env, eventwire_cmd, per_article, variants  # noqa: E402
from .server import ENDPOINTS, serve  # noqa: E402

CLIENTS = 4
INGEST_LIMIT = 240  # seconds: a bound for a hang, not a speed target


# A writer that codes the corpus in this process and stores it through the batch writer of `eventwire
# ingest` (runners/writer.py: one transaction per batch of 8, the database opened for each batch only),
# without its engines.
BATCH_WRITER = """
import sys
from eventwire import Pipeline
from eventwire.ingest.readers import read_inputs
from eventwire.runners.local import code_all
from eventwire.runners.writer import BatchWriter
corpus, db = sys.argv[1], sys.argv[2]
with BatchWriter(db, batch_size=8) as writer:
    for item in code_all(Pipeline(), read_inputs([corpus]), None):
        writer.add(item)
"""


def test_serve_answers_while_a_batch_writer_writes(tmp_path: Path, demo_db: Path) -> None:
    run_against_writer(tmp_path, demo_db, [sys.executable, "-c", BATCH_WRITER])


def test_serve_answers_while_ingest_writes(tmp_path: Path, demo_db: Path) -> None:
    # small batches: ingest opens the database for each batch and closes it after, so readers get in between
    run_against_writer(tmp_path, demo_db, [*eventwire_cmd("ingest"), "--batch-size", "8"], db_option=True)


def run_against_writer(tmp_path: Path, demo_db: Path, writer: list[str], db_option: bool = False) -> None:
    db = tmp_path / "live.duckdb"
    shutil.copy(demo_db, db)
    corpus = variants(tmp_path / "corpus.jsonl", copies=8)  # 192 new articles
    command = [*writer, str(corpus), "--db", str(db)] if db_option else [*writer, str(corpus), str(db)]
    statuses: Counter[int] = Counter()
    bad: list[str] = []
    stop = threading.Event()
    during: Counter[int] = Counter()  # answers to requests made while the writer was announced or writing

    announced = db.with_name(db.name + ".writer")  # present while the writer wants or holds the file
    with serve(db) as base:  # requests wait up to 5 s (the default) for the writer
        def hammer(k: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as client:
                i = k
                while not stop.is_set():
                    url = ENDPOINTS[i % len(ENDPOINTS)]
                    i += 1
                    writing = announced.exists()
                    r = client.get(url)
                    statuses[r.status_code] += 1
                    if writing:
                        during[r.status_code] += 1
                    if r.status_code >= 500 and not (r.status_code == 503 and r.headers.get("retry-after")):
                        bad.append(f"{url}: {r.status_code} {r.text[:200]}")

        ingest = subprocess.Popen(command, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=child_env())
        # hammer from the moment the writer first announces itself (it has finished starting up and is
        # about to write) until the ingest ends
        deadline = time.monotonic() + INGEST_LIMIT
        while not announced.exists() and ingest.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        threads = [threading.Thread(target=hammer, args=(k,), daemon=True) for k in range(CLIENTS)]
        for t in threads:
            t.start()
        try:
            _, err = ingest.communicate(timeout=INGEST_LIMIT)
        finally:
            stop.set()
            for t in threads:
                t.join(60)
            if ingest.poll() is None:
                ingest.kill()
        assert ingest.returncode == 0, err[-2000:]
        after = httpx.get(base + "/api/summary", timeout=30)

    total, writing = sum(statuses.values()), sum(during.values())
    print(f"\nrequests during ingest: {total} {dict(statuses)}; made while the writer held or wanted the "
          f"database: {writing} {dict(during)}")
    assert not bad, bad[:5]
    # how many requests fit in the ingest depends on the machine's load; a handful is enough to show the
    # server answering while the writer holds or wants the file (a server that blocked would answer none)
    assert total >= 8 and writing >= 5, (statuses, during)
    assert statuses[200] >= 0.8 * total, f"most answers must be 200 while ingest writes: {dict(statuses)}"
    assert during[200] >= 0.8 * writing, f"the writer must let readers in within the wait: {dict(during)}"
    assert after.status_code == 200
    assert len(per_article(db)) == 24 + 192
