"""Web-page extraction benchmark (issue 6): body F1, title/date/authors agreement on ../shared/bench/html.

Usage: python benchmarks/extraction.py [PAGES_DIR] [--limit N] [--misses] [--write PRED.jsonl]
Prints the scores as JSON (extraction_f1 on every page; extraction_f1_sound without the pages whose truth
is not the whole article, listed with the reason in eventwire.bench.extraction.TRUTH_NOTES); --misses lists the pages whose title, date or authors disagree with the truth;
--write saves the coded texts as JSON Lines for `score.py extraction GOLD.json PRED.jsonl`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from eventwire.bench.extraction import run


def main(argv: list[str]) -> None:
    pages = Path(argv[0]) if argv and not argv[0].startswith("--") else Path(__file__).resolve().parents[1].parent / "shared/bench/html"
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else None
    start = time.perf_counter()
    res = run(pages, limit=limit)
    res["seconds"] = round(time.perf_counter() - start, 1)
    if "--write" in argv:
        with open(argv[argv.index("--write") + 1], "w", encoding="utf-8") as fh:
            for rec in res["records"]:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    misses = res.pop("misses")
    del res["records"]
    if "--misses" in argv:
        for name, rows in misses.items():
            for row in rows:
                print(f"{name:8} {row['id'][:8]}  predicted {row['predicted']!r}  truth {row['truth']!r}", file=sys.stderr)
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
