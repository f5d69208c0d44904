"""Numbered schema migrations, recorded in `schema_migrations`; an old database upgrades in place.

Never edit a migration that has shipped: add the next number. A migration is SQL plus an optional
backfill, a Python step run in the same transaction that fills what SQL alone cannot (MinHash
signatures of stored articles, merged events).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from eventwire.errors import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str
    backfill: Callable[[duckdb.DuckDBPyConnection], None] | None = None


# Versions 1 and 2 as they shipped (before this module existed they lived in db.py).
_SHIPPED: list[tuple[int, str, str]] = [
    (1, "initial schema", """
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY,          -- content hash of the raw text
        doc_id VARCHAR, title VARCHAR, url VARCHAR, published DATE, published_source VARCHAR,
        authors VARCHAR[], text VARCHAR, boilerplate VARCHAR[], source VARCHAR, resources VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE sentences (article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR);
    CREATE TABLE actors (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        name VARCHAR, kind VARCHAR, country VARCHAR, igo VARCHAR, sector VARCHAR, role VARCHAR,
        code VARCHAR, entry VARCHAR, rule VARCHAR
    );
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR, sentence INTEGER,
        source_name VARCHAR, source_code VARCHAR, source_country VARCHAR, source_igo VARCHAR, source_sector VARCHAR,
        target_name VARCHAR, target_code VARCHAR, target_country VARCHAR, target_igo VARCHAR, target_sector VARCHAR,
        cameo VARCHAR, root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE, status VARCHAR,
        date DATE, date_precision VARCHAR, place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
        trigger VARCHAR, pattern VARCHAR, confidence DOUBLE, in_quote BOOLEAN,
        evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR
    );
    CREATE TABLE quotes (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        speaker_name VARCHAR, speaker_code VARCHAR, speaker_country VARCHAR, speaker_igo VARCHAR,
        cue VARCHAR, rule VARCHAR
    );
    CREATE TABLE places (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, name VARCHAR,
        country VARCHAR, lat DOUBLE, lon DOUBLE, precision VARCHAR, rule VARCHAR
    );
    CREATE TABLE dates (
        article_id VARCHAR, sentence INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        value VARCHAR, precision VARCHAR, rule VARCHAR
    );
    CREATE SEQUENCE reject_ids;
    CREATE TABLE rejects (
        id BIGINT DEFAULT nextval('reject_ids'), source VARCHAR, code VARCHAR, reason VARCHAR,
        rejected_at TIMESTAMP DEFAULT current_timestamp
    );
    """),
    (2, "indexes for actor, date and code queries", """
    CREATE INDEX events_source ON events (source_code);
    CREATE INDEX events_target ON events (target_code);
    CREATE INDEX events_date ON events (date);
    CREATE INDEX events_cameo ON events (cameo);
    CREATE INDEX events_article ON events (article_id);
    """),
]

V3_SQL = """
-- the publication as the reader found it (a page's site name, a feed's title), and the outlet counted as
-- one source in merges: that name lower-cased, else the web host of the article's address
ALTER TABLE articles ADD COLUMN source_name VARCHAR;
ALTER TABLE articles ADD COLUMN outlet VARCHAR;
-- near-duplicates: the smallest article id of the article's cluster, and its best similarity to another
-- article of the cluster (estimated Jaccard of word 5-shingles; NULL when it has no near-duplicate)
ALTER TABLE articles ADD COLUMN story_id VARCHAR;
ALTER TABLE articles ADD COLUMN similarity DOUBLE;
ALTER TABLE events ADD COLUMN reciprocal BOOLEAN;
ALTER TABLE events ADD COLUMN merged_id BIGINT;     -- merged_events.id; NULL for negated/hypothetical
ALTER TABLE rejects ADD COLUMN count INTEGER DEFAULT 1;  -- a skip may stand for many records
CREATE TABLE article_signatures (article_id VARCHAR PRIMARY KEY, signature UINTEGER[]);
CREATE TABLE article_bands (article_id VARCHAR, band SMALLINT, bucket BIGINT);
CREATE INDEX article_bands_bucket ON article_bands (band, bucket);
CREATE TABLE article_links (
    article_a VARCHAR, article_b VARCHAR, similarity DOUBLE, PRIMARY KEY (article_a, article_b)
);
CREATE TABLE merged_events (
    id BIGINT PRIMARY KEY, day DATE,
    source_name VARCHAR, source_code VARCHAR, source_country VARCHAR, source_igo VARCHAR, source_sector VARCHAR,
    target_name VARCHAR, target_code VARCHAR, target_country VARCHAR, target_igo VARCHAR, target_sector VARCHAR,
    cameo VARCHAR, root VARCHAR, plover VARCHAR, quad_class INTEGER, goldstein DOUBLE, status VARCHAR,
    reciprocal BOOLEAN, place_name VARCHAR, place_country VARCHAR, lat DOUBLE, lon DOUBLE,
    num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER, num_stories INTEGER,
    first_seen DATE, last_seen DATE, article_id VARCHAR, url VARCHAR
);
CREATE INDEX merged_events_day ON merged_events (day);
CREATE INDEX merged_events_source ON merged_events (source_code);
CREATE INDEX merged_events_target ON merged_events (target_code);
CREATE INDEX events_merged ON events (merged_id);
CREATE VIEW event_mentions AS
SELECT e.merged_id, e.id AS event_id, e.article_id, a.story_id, e.sentence, e.evidence_start AS start_char,
       e.evidence_end AS end_char, a.outlet, a.url, a.published, e.in_quote, e.confidence, e.trigger,
       e.pattern, e.evidence_text, length(a.text) AS doc_len
FROM events e JOIN articles a ON a.id = e.article_id
WHERE e.merged_id IS NOT NULL;
"""


def _backfill_v3(con: duckdb.DuckDBPyConnection) -> None:
    """Outlets from stored addresses, stories from MinHash over stored text, merged events from stored events."""
    from eventwire.store import dedup, merge

    con.execute("UPDATE articles SET outlet = nullif(regexp_replace(lower(regexp_extract(url, "
                "'^[a-z]+://([^/:?#]+)', 1)), '^www[.]', ''), ''), story_id = id")
    keys = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
    stories: set[str] = set()
    for i in range(0, len(keys), 500):
        part = keys[i:i + 500]
        texts = con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?))", [part]).fetchall()
        stories |= dedup.add_articles(con, [(k, t or "") for k, t in texts])
    merge.remerge(con, stories)


MIGRATIONS: list[Migration] = [Migration(v, n, s) for v, n, s in _SHIPPED] + [
    Migration(3, "near-duplicate stories, merged events, outlets, reject counts", V3_SQL, _backfill_v3),
]


def migrate(con: duckdb.DuckDBPyConnection, where: str) -> list[int]:
    """Apply every migration the database lacks, each in its own transaction; the versions applied."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for m in MIGRATIONS:
        if m.version in done:
            continue
        con.execute("BEGIN")
        try:
            con.execute(m.sql)
            if m.backfill is not None:
                m.backfill(con)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [m.version, m.name])
            con.execute("COMMIT")
        except Exception as exc:
            with contextlib.suppress(duckdb.Error):  # after a failed COMMIT the transaction is already over
                con.execute("ROLLBACK")
            raise StoreError(f"migration {m.version} ({m.name}) failed: {exc}; the database is unchanged",
                             where=where) from exc
        applied.append(m.version)
    return applied
