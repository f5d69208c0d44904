"""Ingest throughput by engine (issue 6): articles/s stored, start-up and shutdown included.

Usage: python benchmarks/engines.py [FILE.jsonl[.gz]] [--limit 300] [--repeats 3] [--configs local:1,local:2,dask:2]
Each configuration ingests the first LIMIT records into a fresh database REPEATS times; prints, per
configuration, the best and median wall time and rate, the median CPU seconds used (all processes), and
the load average seen, as JSON. On a shared
machine the best of several runs is the figure least disturbed by other work.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from eventwire.ingest.readers import read_inputs
from eventwire.runners.ingest import ingest

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/bench/news_5000.jsonl.gz"


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (pool and cluster workers are reaped when
    the run ends): the work done, whatever else the machine is doing."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv and not argv[0].startswith("--") else DEFAULT
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 300
    repeats = int(argv[argv.index("--repeats") + 1]) if "--repeats" in argv else 3
    configs = (argv[argv.index("--configs") + 1] if "--configs" in argv else "local:1,local:2,dask:2").split(",")
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        opener = gzip.open if source.suffix == ".gz" else open
        with opener(source, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
            sample.write_text("".join(itertools.islice(fh, limit)), encoding="utf-8")
        results = {}
        for config in configs:
            engine, workers = config.split(":")
            times, cpus = [], []
            for i in range(repeats):
                before = _cpu()
                db = Path(tmp) / f"{engine}-{workers}-{i}.duckdb"
                start = time.perf_counter()
                stats = ingest(read_inputs([str(sample)]), db, engine=engine, workers=int(workers),
                               shard_dir=Path(tmp) / "shards" / f"{config}-{i}", partition_size=50)
                times.append(time.perf_counter() - start)
                cpus.append(_cpu() - before)
            results[config] = {"articles": stats.stored, "best_s": round(min(times), 2),
                               "median_s": round(statistics.median(times), 2),
                               "best_rate": round(stats.stored / min(times), 1),
                               "median_rate": round(stats.stored / statistics.median(times), 1),
                               "cpu_s_median": round(statistics.median(cpus), 2)}
        results["load_average"] = [round(x, 2) for x in os.getloadavg()]
        results["cpus"] = os.cpu_count()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
