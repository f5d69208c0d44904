"""Merged events: one row per real-world event reported by one or more articles (GDELT's Events + Mentions).

Merge rule. Two realised events (status occurred or planned) are the same event when they have the same
source actor code, target actor code, CAMEO code, status and day. Reciprocal events (meetings,
agreements) compare their two actor codes as an unordered pair. The day is the event's own date when the
text gives one, else the first publication day of its story (its cluster of near-duplicate articles, see
`dedup`), so a wire copy printed a day later still joins the original; an event with neither, or with no
target ("the government said ..." is too generic to identify across independent reports), is merged only
within its story. Negated and hypothetical events are not merged (`merged_id` stays NULL).

The merged id is the first 60 bits of the MD5 of that key, a positive BIGINT (GDELT's GLOBALEVENTID in
the exports). Every count is recomputed from the events that carry the id, and the key depends only on
stored content (event fields, publication days, story membership), never on the order or batching of
ingestion, so any run over the same articles yields the same `merged_events` table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

import duckdb

from eventwire.model import REALISED


def merge_key(source_code: str | None, target_code: str | None, cameo: str, status: str, reciprocal: bool,
              day: dt.date | None, story_id: str) -> str:
    """The key two mentions of one event share (see the module docstring)."""
    src, tgt = source_code or "", target_code or ""
    if reciprocal:
        src, tgt = sorted((src, tgt))
    when = day.isoformat() if day else f"story:{story_id}"
    if day and not tgt:  # "the government said": too generic to join independent reports, only copies
        when += f"|story:{story_id}"
    return "|".join((src, tgt, cameo, status, when))


def merged_id(key: str) -> int:
    """A stable positive 60-bit integer for a merge key."""
    return int(hashlib.md5(key.encode("utf-8"), usedforsecurity=False).hexdigest()[:15], 16)


_REKEY = """
WITH sd AS (
    SELECT story_id, min(published) AS sday FROM articles
    WHERE story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY story_id)
SELECT e.id, e.merged_id, e.source_code, e.target_code, e.cameo, e.status, coalesce(e.reciprocal, false),
       coalesce(e.date, sd.sday), a.story_id
FROM events e JOIN articles a ON a.id = e.article_id JOIN sd ON sd.story_id = a.story_id
"""

# the representative mention of a merged event: earliest publication, then article id, sentence, event id
_ORD = ("coalesce(CAST(a.published AS VARCHAR), '9999-12-31') || '|' || e.article_id || '|' "
        "|| lpad(CAST(e.sentence AS VARCHAR), 6, '0') || '|' || e.id")
_REP = ["source_name", "source_code", "source_country", "source_igo", "source_sector", "target_name",
        "target_code", "target_country", "target_igo", "target_sector", "cameo", "root", "plover", "quad_class",
        "goldstein", "status"]
_PLACE = ["place_name", "place_country", "lat", "lon"]

_REBUILD = f"""
INSERT INTO merged_events
WITH m AS (
    SELECT e.*, a.published, a.outlet, a.url, a.story_id, {_ORD} AS ord FROM events e
    JOIN articles a ON a.id = e.article_id WHERE e.merged_id IN (SELECT unnest(?::BIGINT[]))),
sd AS (SELECT story_id, min(published) AS sday FROM articles
       WHERE story_id IN (SELECT story_id FROM m) GROUP BY story_id)
SELECT merged_id, min(coalesce(m.date, sd.sday)),
       {", ".join(f"arg_min_null({c}, ord)" for c in _REP)},
       bool_or(coalesce(reciprocal, false)),
       {", ".join(f"arg_min_null({c}, ord) FILTER (WHERE place_name IS NOT NULL)" for c in _PLACE)},
       count(*), count(DISTINCT article_id), count(DISTINCT coalesce(outlet, '')), count(DISTINCT m.story_id),
       min(published), max(published), arg_min_null(article_id, ord), arg_min_null(url, ord)
FROM m LEFT JOIN sd ON sd.story_id = m.story_id
GROUP BY merged_id
"""


def remerge(con: duckdb.DuckDBPyConnection, stories: Iterable[str]) -> int:
    """Re-key the events of these stories and rebuild every merged event they touch; runs inside the
    caller's transaction. Returns the number of merged events rebuilt."""
    story_ids = sorted(set(stories))
    if not story_ids:
        return 0
    changes, touched = [], set()
    for ev_id, old, src, tgt, cameo, status, recip, day, story in con.execute(_REKEY, [story_ids]).fetchall():
        new = merged_id(merge_key(src, tgt, cameo, status, recip, day, story)) if status in REALISED else None
        touched.update(x for x in (old, new) if x is not None)
        if new != old:
            changes.append([ev_id, new])
    if changes:
        ids, new_ids = zip(*changes, strict=True)
        con.execute("UPDATE events SET merged_id = c.merged_id FROM (SELECT unnest(?::VARCHAR[]) AS id, "
                    "unnest(?::BIGINT[]) AS merged_id) c WHERE events.id = c.id", [list(ids), list(new_ids)])
    touched_ids = sorted(touched)
    con.execute("DELETE FROM merged_events WHERE id IN (SELECT unnest(?::BIGINT[]))", [touched_ids])
    con.execute(_REBUILD, [touched_ids])
    return len(touched)
