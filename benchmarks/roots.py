"""Root distribution and a random sample of events on real news (issue 4's health check).

Usage: python benchmarks/roots.py [FILE] [--limit N] [--sample K] [--seed S]
Prints the share of events per CAMEO root and K random events with their evidence, for checking by hand.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from collections import Counter
from pathlib import Path

from eventwire.pipeline import Pipeline


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv and not argv[0].startswith("--") else Path(__file__).resolve().parents[1].parent / "shared/bench/news_5000.jsonl.gz"
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 500
    k = int(argv[argv.index("--sample") + 1]) if "--sample" in argv else 50
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7
    pipe = Pipeline()
    roots: Counter[str] = Counter()
    events = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            rec = json.loads(line)
            art = pipe(rec["text"], id=str(rec.get("id")), published=(rec.get("published") or "")[:10] or None)
            for e in art.events:
                if e.status in ("occurred", "planned"):
                    roots[e.root] += 1
                    events.append((rec.get("id"), e))
    total = sum(roots.values())
    print(f"{limit} articles, {total} events ({total / limit:.1f} per article)")
    for root, n in sorted(roots.items()):
        print(f"  {root}  {n:6d}  {n / total:6.1%}")
    random.seed(seed)
    for i, (doc, e) in enumerate(random.sample(events, min(k, len(events)))):
        print(f"\n[{i + 1}] {doc}  {e.source.code if e.source else None} -{e.code} {e.plover or ''}-> "
              f"{e.target.code if e.target else None}  ({e.pattern}, trigger '{e.trigger}')")
        print("    " + e.evidence.text[:300].replace("\n", " "))


if __name__ == "__main__":
    main(sys.argv[1:])
