"""Throughput benchmark: eventwire's full pipeline against spaCy's blank English tokenizer + sentencizer on
the same texts, in one run; warm-up excluded, several repeats, median and spread reported.

Both wall-clock and CPU time are kept: on a machine shared with other work the CPU time per article is the
steadier figure. Start-up is timed in fresh processes, with the compiled-resource cache (warm) and without it
(cold: the dictionaries are compiled, as on a first run).

spaCy is an optional extra (`pip install eventwire[bench]`); without it the baseline is reported as missing.
"""

from __future__ import annotations

import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.nlp.text import tokenize


def load_texts(path: Path, limit: int) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    out = []
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            rec = json.loads(line)
            if isinstance(rec.get("text"), str) and rec["text"].strip():
                out.append(rec["text"])
            if len(out) >= limit:
                break
    return out


@dataclass
class Run:
    name: str
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    articles: int = 0
    tokens: int = 0

    def rate(self) -> tuple[float, float, float]:
        """Median articles/s, median tokens/s, and the relative spread (max-min)/median of articles/s."""
        rates = [self.articles / s for s in self.seconds]
        med = statistics.median(rates)
        return med, med * self.tokens / self.articles, (max(rates) - min(rates)) / med


def timed(name: str, fn: Callable[[list[str]], None], texts: list[str], repeats: int, tokens: int) -> Run:
    fn(texts[: max(1, len(texts) // 20)])  # warm-up: caches, lazy resources
    run = Run(name, articles=len(texts), tokens=tokens)
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(texts)
        run.seconds.append(time.perf_counter() - t0)
        run.cpu_seconds.append(time.process_time() - c0)
    return run


def _eventwire_chunk(texts: list[str]) -> int:
    from eventwire.pipeline import Pipeline

    pipe = Pipeline()
    for t in texts:
        pipe(t, published="2020-01-01")
    return len(texts)


def eventwire_workers(texts: list[str], workers: int) -> float:
    """Wall-clock seconds for the full pipeline over `texts` split across `workers` processes (warm)."""
    chunks = [texts[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_eventwire_chunk, [c[:5] for c in chunks]))  # warm each worker
        t0 = time.perf_counter()
        list(pool.map(_eventwire_chunk, chunks))
        return time.perf_counter() - t0


_STARTUP = """
import time
t0 = time.perf_counter()
from eventwire.pipeline import Pipeline
res = Pipeline().resources
res.matcher, res.gazetteer, res.triggers, res.trigger_starts, res.gazetteer_heads
print(time.perf_counter() - t0)
"""


def startup_seconds(cold: bool) -> float:
    """Seconds a fresh process takes to import eventwire and load every resource; `cold` without the
    compiled-resource cache (a temporary, empty cache folder), otherwise with it (built first if missing)."""
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        if cold:
            env["EVENTWIRE_CACHE"] = tmp
        else:
            subprocess.run([sys.executable, "-c", _STARTUP], env=env, check=True, capture_output=True)
        done = subprocess.run([sys.executable, "-c", _STARTUP], env=env, check=True, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def benchmark(path: Path, limit: int = 1000, repeats: int = 3, workers: int = 2) -> dict[str, Any]:
    texts = load_texts(path, limit)
    tokens = sum(len(tokenize(t)) for t in texts)
    startup = {"warm": round(startup_seconds(cold=False), 3), "cold": round(startup_seconds(cold=True), 3)}
    from eventwire.pipeline import Pipeline

    pipe = Pipeline()
    pipe.resources.matcher, pipe.resources.gazetteer, pipe.resources.triggers  # noqa: B018 - load everything

    def full(ts: list[str]) -> None:
        for t in ts:
            pipe(t, published="2020-01-01")

    runs = [timed("eventwire full pipeline", full, texts, repeats, tokens)]
    baseline = None
    try:
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")

        def blank(ts: list[str]) -> None:
            for doc in nlp.pipe(ts, batch_size=64):
                list(doc.sents)

        baseline = timed("spaCy blank tokenizer + sentencizer", blank, texts, repeats, tokens)
        runs.append(baseline)
    except ImportError:
        pass
    one = statistics.median(runs[0].seconds)
    scaling: dict[str, Any] = {}
    if workers > 1 and (os.cpu_count() or 1) >= workers:
        one_proc = eventwire_workers(texts, 1)
        many = eventwire_workers(texts, workers)
        scaling = {"workers": workers, "articles_per_s_1": round(len(texts) / one_proc, 1),
                   f"articles_per_s_{workers}": round(len(texts) / many, 1), "speedup": round(one_proc / many, 2)}
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result: dict[str, Any] = {
        "file": str(path), "articles": len(texts), "tokens": tokens, "repeats": repeats,
        "startup_seconds": startup, "peak_rss_mb": round(peak_mb, 1), "runs": [], "scaling": scaling,
        "single_process_seconds": round(one, 3),
    }
    for r in runs:
        a, tks, spread = r.rate()
        cpu = statistics.median(r.cpu_seconds)
        result["runs"].append({"name": r.name, "articles_per_s": round(a, 1), "tokens_per_s": round(tks),
                               "spread": round(spread, 3), "median_seconds": round(statistics.median(r.seconds), 3),
                               "cpu_ms_per_article": round(cpu / len(texts) * 1000, 2)})
    if baseline is not None:
        first, second = result["runs"]
        result["ratio_vs_spacy_blank"] = round(first["tokens_per_s"] / second["tokens_per_s"], 3)
        result["cpu_ratio_vs_spacy_blank"] = round(second["cpu_ms_per_article"] / first["cpu_ms_per_article"], 3)
    return result
