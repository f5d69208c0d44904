"""Run the throughput benchmark: python benchmarks/throughput.py [FILE] [--limit N] [--repeats N] [--workers N]
(same as `eventwire benchmark`, printed as JSON)."""

import json
import sys
from pathlib import Path

from eventwire.bench.throughput import benchmark


def _option(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


if __name__ == "__main__":
    given = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else None
    path = Path(given) if given else Path(__file__).resolve().parents[1].parent / "shared/bench/news_5000.jsonl.gz"
    result = benchmark(path, limit=_option("--limit", 1000), repeats=_option("--repeats", 3),
                       workers=_option("--workers", 2))
    print(json.dumps(result, indent=2))
