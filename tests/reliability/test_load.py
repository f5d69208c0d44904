"""A bounded load test of the JSON API on loopback: a real `eventwire serve` over the demo database, 8
client threads, at most 600 requests or 10 s. It asserts that every answer is a 200; the figures
(requests/s, p99) are printed, never asserted (speed lives in benchmarks/api_load.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'eventwire[web]'")

from eventwire.bench.api_load import load, percentile  # noqa: E402

from .server import serve  # noqa: E402


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50 and percentile(values, 99) == 99 and percentile(values, 100) == 100
    assert percentile([3.0], 99) == 3.0 and percentile([], 99) == 0.0


def test_api_holds_a_bounded_load_without_errors(tmp_path: Path, demo_db: Path) -> None:
    db = tmp_path / "load.duckdb"
    shutil.copy(demo_db, db)
    with serve(db) as base:
        result = load(base, requests=600, seconds=10, clients=8)
    print(f"\nAPI load: {result['requests']} requests in {result['seconds']} s from {result['clients']} clients: "
          f"{result['requests_per_s']} requests/s, p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms")
    assert result["requests"] >= 50, result
    assert not result["errors"], result["error_examples"]
