"""Gazetteer size and speed, and a random sample of resolved places on real news (issue 5's check).

Usage: python benchmarks/places.py [FILE] [--limit N] [--sample K] [--seed S]
Prints the gazetteer's size on disk and in memory, the time of a name lookup and of place resolution per
article, then K random city and region places (countries left out: they are dictionary matches) with their
sentence, for judging by hand.
"""

from __future__ import annotations

import gc
import gzip
import json
import random
import sys
import time
import tracemalloc
from pathlib import Path

from eventwire.pipeline import Pipeline
from eventwire.places import find_places
from eventwire.resources.loader import DATA, load_gazetteer


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv and not argv[0].startswith("--") else Path(__file__).resolve().parents[1].parent / "shared/bench/news_5000.jsonl.gz"
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 300
    k = int(argv[argv.index("--sample") + 1]) if "--sample" in argv else 50
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 7

    file = DATA / "gazetteer.tsv.gz"
    pipe = Pipeline()
    pipe.resources.gazetteer  # noqa: B018 - loaded (from the pickle cache when there is one)
    print(f"process RSS with all resources loaded: {rss_mb():.0f} MB")
    regions = pipe.resources.regions
    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    gaz = load_gazetteer(file, regions)
    load_s = time.perf_counter() - t0
    gaz_mb = tracemalloc.get_traced_memory()[0] / 1e6
    tracemalloc.stop()
    entries = {id(e) for es in gaz.values() for e in es}
    print(f"gazetteer: {file.stat().st_size / 1e6:.1f} MB on disk, {len(entries)} places under {len(gaz)} names, "
          f"{gaz_mb:.0f} MB in memory (parsed in {load_s:.1f} s; the pickle cache skips that)")

    names = list(gaz)
    probe = random.Random(seed).sample(names, min(20000, len(names))) + [f"Nowhere{i}" for i in range(20000)]
    t0 = time.perf_counter()
    for n in probe:
        gaz.get(n)
    print(f"name lookup: {(time.perf_counter() - t0) / len(probe) * 1e6:.2f} µs")

    arts = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n >= limit:
                break
            rec = json.loads(line)
            arts.append((rec.get("id"), pipe(rec["text"], id=str(rec.get("id")), published=(rec.get("published") or "")[:10] or None)))
    t0 = time.perf_counter()
    found = 0
    for _, art in arts:
        found += len(find_places(pipe.resources, art.sentences, art.mentions))
    spent = time.perf_counter() - t0
    print(f"place resolution: {spent / len(arts) * 1e3:.2f} ms per article, {spent / max(found, 1) * 1e6:.0f} µs per place "
          f"({found} places in {len(arts)} articles)")

    pool = [(aid, art, p) for aid, art in arts for p in art.places if p.precision != "country"]
    for aid, art, p in random.Random(seed).sample(pool, min(k, len(pool))):
        sent = art.sentences[p.sentence]
        a = max(sent.start, p.start - 90)
        snippet = art.text[a : p.end + 60].replace("\n", " ")
        print(f"{p.name} -> {p.country} {p.precision} ({p.rule}) [{aid}] ...{snippet}...")


if __name__ == "__main__":
    main(sys.argv[1:])
