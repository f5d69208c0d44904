"""Write failures: a full disk (the file size limit RLIMIT_FSIZE makes DuckDB's real writes fail with
EFBIG mid-batch), a read-only database file and a read-only folder. `eventwire ingest` stops with a coded
error and no traceback, and the database afterwards opens and holds a clean prefix: every stored article
with exactly the rows a clean run gives it, nothing half-written; a rerun completes it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from eventwire import Pipeline
from eventwire.ingest.readers import read_inputs
from eventwire.model import Article
from eventwire.runners.local import code_all
from eventwire.store.db import Store

from .corpus import DEMO, child_env, eventwire_cmd, per_article, run_eventwire, variants

DISK_FULL = """
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write over the limit fails with EFBIG instead of killing us
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return variants(tmp_path_factory.mktemp("corpus") / "more.jsonl", copies=2)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, corpus: Path, demo_db: Path,
              pipeline: Pipeline) -> dict[str, tuple[int, ...]]:
    """What a clean run stores: the demo corpus (as `eventwire ingest` stores it), then the variants."""
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        for item in code_all(pipeline, read_inputs([str(corpus)]), None):
            assert isinstance(item, Article), item
            store.add_article(item, source=item.id)
    return per_article(db)


def demo_copy(demo_db: Path, path: Path) -> Path:
    shutil.copy(demo_db, path)
    return path


def assert_clean_error(res: subprocess.CompletedProcess[str]) -> None:
    assert res.returncode == 2, (res.returncode, res.stderr[-2000:])
    assert "Traceback" not in res.stderr, res.stderr[-3000:]
    assert "[E300]" in res.stderr, res.stderr[-2000:]


def assert_prefix(db: Path, reference: dict[str, tuple[int, ...]], at_least: int) -> int:
    stored = per_article(db)
    assert len(stored) >= at_least
    for key, counts in stored.items():
        assert reference.get(key) == counts, f"article {key}: rows {counts}, a clean run stores {reference.get(key)}"
    return len(stored)


@pytest.mark.skipif(not hasattr(os, "setrlimit") and os.name != "posix", reason="needs POSIX resource limits")
def test_disk_full_mid_batch_stops_cleanly_and_keeps_a_clean_prefix(
        tmp_path: Path, corpus: Path, reference: dict[str, tuple[int, ...]], demo_db: Path) -> None:
    db = demo_copy(demo_db, tmp_path / "full.duckdb")
    before = assert_prefix(db, reference, at_least=24)
    # the database file is already larger than the limit: the WAL can take ~300 kB, then a write fails with
    # EFBIG in the middle of a batch; small batches (one transaction each) so that some are stored before
    res = run_eventwire("ingest", str(corpus), "--db", str(db), "--batch-size", "4",
                        prelude=DISK_FULL.format(limit=300_000))
    assert_clean_error(res)
    assert "File too large" in res.stderr or "could not" in res.stderr
    after = assert_prefix(db, reference, at_least=before)
    assert before < after < len(reference), "the failure should come mid-batch, after some articles"
    # with room again, a rerun stores the rest: the same database as a clean run
    res = run_eventwire("ingest", str(corpus), "--db", str(db))
    assert res.returncode == 0, res.stderr[-2000:]
    assert per_article(db) == reference


def _unprivileged() -> list[str] | None:
    """A prefix that runs a command without the power to override file permissions (root ignores them)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}"]


def run_unprivileged(*args: str) -> subprocess.CompletedProcess[str]:
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    return subprocess.run([*prefix, *eventwire_cmd(*args)], capture_output=True, text=True, timeout=300,
                          env=child_env())


def test_read_only_database_file(tmp_path: Path, corpus: Path, demo_db: Path) -> None:
    db = demo_copy(demo_db, tmp_path / "ro.duckdb")
    before = per_article(db)
    db.chmod(0o444)
    try:
        res = run_unprivileged("ingest", str(corpus), "--db", str(db))
    finally:
        db.chmod(0o644)
    assert_clean_error(res)
    assert "ro.duckdb" in res.stderr
    assert per_article(db) == before


def test_read_only_folder(tmp_path: Path, corpus: Path, reference: dict[str, tuple[int, ...]],
                          demo_db: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    existing = demo_copy(demo_db, folder / "old.duckdb")
    before = per_article(existing)
    folder.chmod(0o555)
    try:
        new = run_unprivileged("ingest", str(DEMO), "--db", str(folder / "new.duckdb"))
        old = run_unprivileged("ingest", str(corpus), "--db", str(existing))
    finally:
        folder.chmod(0o755)
    assert_clean_error(new)
    assert not (folder / "new.duckdb").exists()
    # an existing file in a read-only folder can be written in place, but its WAL cannot be created
    if old.returncode != 0:
        assert_clean_error(old)
        assert per_article(existing) == before
    else:
        assert per_article(existing) == reference
