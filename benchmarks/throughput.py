"""Run the throughput benchmark: python benchmarks/throughput.py [FILE] [--limit N] (same as `eventwire benchmark`)."""

import json
import sys
from pathlib import Path

from eventwire.bench.throughput import benchmark

if __name__ == "__main__":
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared/bench/news_5000.jsonl.gz"
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else 1000
    print(json.dumps(benchmark(path, limit=limit), indent=2))
