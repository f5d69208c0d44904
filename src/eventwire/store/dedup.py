"""Near-duplicate articles across runs: MinHash over word shingles, LSH bands kept in DuckDB, stories.

Wire copies syndicated by many outlets share almost all their text but differ in headline, byline and
boilerplate; exact hashing misses them. Each article's text (the cleaned body) becomes the set of its
word 5-shingles (lower-cased `\\w+` words); a 128-value MinHash signature (datasketch, seed 1, its
SHA-1-based 32-bit hash) estimates the Jaccard similarity of two such sets. The signature is cut into
32 bands of 4 values; each band is hashed (BLAKE2b, 8 bytes) into a bucket stored in `article_bands`,
indexed on (band, bucket). Articles sharing a bucket in some band are candidates; a candidate pair whose
estimated Jaccard is at least `THRESHOLD` is a near-duplicate and is recorded in `article_links`.

A story is a connected component of `article_links`; its `story_id` is the smallest article id in the
component. The links of a pair do not depend on which article came first (every new article is compared
with everything stored, and with its own batch), so the stories are the same whatever the ingest order
or batching.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

import duckdb
import numpy as np
from datasketch import MinHash

from eventwire.store import bulk

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS  # 4 values per band: a pair at Jaccard 0.5 shares a bucket with p = 0.87, at 0.7 p = 0.9998
SHINGLE = 5
SEED = 1
THRESHOLD = 0.5  # estimated Jaccard of 5-shingles; different stories on one topic score well under 0.1
WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """The word k-shingles of a text; a text shorter than k words is one shingle of all its words."""
    words = WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def signature(text: str) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM unsigned 32-bit values) of a text; None for a text with no words."""
    sh = shingles(text)
    if not sh:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch([s.encode("utf-8") for s in sorted(sh)])
    return m.hashvalues.astype(np.uint32)


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs of a signature: each band's values hashed to a signed 64-bit bucket."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS:(b + 1) * ROWS].astype("<u4").tobytes()
        bucket = int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little", signed=True)
        out.append((b, bucket))
    return out


def similarity(a: Sequence[int] | np.ndarray, b: Sequence[int] | np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of equal signature values."""
    return float(np.mean(np.asarray(a, dtype=np.uint32) == np.asarray(b, dtype=np.uint32)))


def add_articles(con: duckdb.DuckDBPyConnection, items: Iterable[tuple[str, str]]) -> set[str]:
    """Sign newly stored articles (id, text), link them to their near-duplicates and join their stories.

    Runs inside the caller's transaction; the new articles must already be in `articles` with
    `story_id = id`. Returns the story ids (after joining) that gained or lost articles."""
    sigs: dict[str, np.ndarray] = {}
    for key, text in items:
        sig = signature(text)
        if sig is not None:
            sigs[key] = sig
    if not sigs:
        return set()
    bulk.insert(con, "article_signatures", ("article_id", "signature"), [[k, s.tolist()] for k, s in sigs.items()],
                types={"article_id": "VARCHAR", "signature": "UINTEGER[]"})
    bulk.insert(con, "article_bands", ("article_id", "band", "bucket"),
                [[k, b, bucket] for k, s in sigs.items() for b, bucket in bands(s)],
                types={"article_id": "VARCHAR", "band": "SMALLINT", "bucket": "BIGINT"})
    pairs = con.execute(
        "SELECT DISTINCT least(n.article_id, o.article_id), greatest(n.article_id, o.article_id) "
        "FROM article_bands n JOIN article_bands o ON o.band = n.band AND o.bucket = n.bucket "
        "AND o.article_id <> n.article_id WHERE n.article_id IN (SELECT unnest(?::VARCHAR[]))", [list(sigs)]).fetchall()
    links: list[tuple[str, str, float]] = []
    if pairs:
        need = sorted({k for p in pairs for k in p} - set(sigs))
        for k, s in con.execute("SELECT article_id, signature FROM article_signatures "
                                "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [need]).fetchall():
            sigs[k] = np.asarray(s, dtype=np.uint32)
        for a, b in sorted(pairs):
            sim = similarity(sigs[a], sigs[b])
            if sim >= THRESHOLD:
                links.append((a, b, round(sim, 4)))
    if links:
        bulk.insert(con, "article_links", ("article_a", "article_b", "similarity"), links, ignore=True,
                    types={"article_a": "VARCHAR", "article_b": "VARCHAR", "similarity": "DOUBLE"})
        best: dict[str, float] = {}
        for a, b, sim in links:
            for k in (a, b):
                best[k] = max(best.get(k, 0.0), sim)
        ids, values = zip(*sorted(best.items()), strict=True)
        con.execute("UPDATE articles SET similarity = greatest(coalesce(articles.similarity, 0), b.similarity) "
                    "FROM (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::DOUBLE[]) AS similarity) b "
                    "WHERE articles.id = b.id", [list(ids), list(values)])
    touched = sorted(set(sigs) | {k for a, b, _ in links for k in (a, b)})
    return _join_stories(con, touched, links)


def _join_stories(con: duckdb.DuckDBPyConnection, keys: list[str], links: list[tuple[str, str, float]]) -> set[str]:
    """Union the stories joined by new links (smallest id wins); the final story ids of `keys`."""
    story = dict(con.execute("SELECT id, story_id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                             [keys]).fetchall())
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, b, _ in links:
        ra, rb = find(story[a]), find(story[b])
        if ra != rb:
            lo, hi = min(ra, rb), max(ra, rb)
            parent[hi] = lo
    moves = [[old, find(old)] for old in parent if find(old) != old]
    if moves:
        olds, news = zip(*moves, strict=True)
        con.execute("UPDATE articles SET story_id = m.new FROM (SELECT unnest(?::VARCHAR[]) AS old, "
                    "unnest(?::VARCHAR[]) AS new) m WHERE articles.story_id = m.old", [list(olds), list(news)])
    return {find(story[k]) for k in keys}
