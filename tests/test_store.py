"""The store: batched idempotent writes, near-duplicate stories, merged events, reject counts, migrations."""

from __future__ import annotations

import copy
import datetime as dt
import gzip
import itertools
import json
import random

import duckdb
import pytest

from eventwire.errors import StoreError
from eventwire.model import Article, Reject, Skip
from eventwire.store import dedup
from eventwire.store.db import Store, article_key
from eventwire.store.merge import merge_key, merged_id
from eventwire.store.migrations import MIGRATIONS
from store_fixtures import COPY_A, COPY_B, OTHER, OTHER2, TRIMMED, WIRE, article

D = dt.date


def test_wire_copies_are_near_duplicates_and_other_stories_on_the_topic_are_not():
    sig = {name: dedup.signature(t) for name, t in
           {"wire": WIRE, "a": COPY_A, "b": COPY_B, "trim": TRIMMED, "other": OTHER, "other2": OTHER2}.items()}
    assert dedup.similarity(sig["wire"], sig["a"]) > 0.8
    assert dedup.similarity(sig["a"], sig["b"]) > 0.6
    assert dedup.similarity(sig["wire"], sig["trim"]) >= dedup.THRESHOLD
    for x, y in itertools.combinations(["wire", "other", "other2"], 2):
        assert dedup.similarity(sig[x], sig[y]) < 0.1, (x, y)
    # copies share at least one LSH bucket, so they are found as candidates
    assert set(dedup.bands(sig["a"])) & set(dedup.bands(sig["b"]))
    assert not set(dedup.bands(sig["wire"])) & set(dedup.bands(sig["other"]))


def test_signature_is_deterministic_and_documents_its_hash():
    a, b = dedup.signature(WIRE), dedup.signature(WIRE)
    assert a is not None and b is not None and a.tolist() == b.tolist() and len(a) == dedup.NUM_PERM
    assert dedup.signature("   ") is None
    assert dedup.shingles("One two three") == {"one two three"}


@pytest.fixture(scope="module")
def arts(pipeline):
    day = D(2022, 5, 16)
    return {
        "wire": article(pipeline, WIRE, "wire.txt", day, "https://wire.example/nordic-nato", "Example Wire"),
        "a": article(pipeline, COPY_A, "a.html", day, "https://www.dailyone.example/world/nato"),
        "b": article(pipeline, COPY_B, "b.html", D(2022, 5, 17), "https://record.example/nato-talks"),
        "trim": article(pipeline, TRIMMED, "trim.html", D(2022, 5, 17), "https://brief.example/x"),
        "other": article(pipeline, OTHER, "other.txt", D(2022, 5, 20), "https://wire.example/turkey"),
        "other2": article(pipeline, OTHER2, "other2.txt", D(2022, 5, 17)),
    }


def _tables(path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {
            "articles": con.execute("SELECT id, story_id, similarity, outlet FROM articles ORDER BY id").fetchall(),
            "links": con.execute("SELECT * FROM article_links ORDER BY ALL").fetchall(),
            "events": con.execute("SELECT id, merged_id FROM events ORDER BY id").fetchall(),
            "merged": con.execute("SELECT * FROM merged_events ORDER BY id").fetchall(),
            "mentions": con.execute("SELECT * FROM event_mentions ORDER BY event_id").fetchall(),
        }
    finally:
        con.close()


def test_batch_stores_stories_and_merges_events(tmp_path, arts):
    db = tmp_path / "s.duckdb"
    with Store(db) as s:
        res = s.add_batch([(arts[k], k) for k in arts] + [Reject("bad.html", "E101", "binary file")])
        assert len(res.stored) == 6 and res.duplicates == 0 and res.rejects == 1
        story = dict(s.query("SELECT id, story_id FROM articles"))
        keys = {k: article_key(a) for k, a in arts.items()}
        copies = {keys[k] for k in ("wire", "a", "b", "trim")}
        assert {story[k] for k in copies} == {min(copies)}  # one story, named by its smallest article id
        assert story[keys["other"]] == keys["other"] and story[keys["other2"]] == keys["other2"]
        sims = dict(s.query("SELECT id, similarity FROM articles"))
        assert sims[keys["a"]] > 0.8 and sims[keys["other"]] is None
        outlets = dict(s.query("SELECT id, outlet FROM articles"))
        assert outlets[keys["wire"]] == "example wire" and outlets[keys["a"]] == "dailyone.example"
        assert outlets[keys["other2"]] is None
        # the meeting reported by the four copies is one merged event with mentions in each of them
        rows = list(s.query("SELECT m.id, m.num_mentions, m.num_articles, m.num_sources, m.num_stories, m.first_seen, "
                            "m.last_seen, m.day FROM merged_events m WHERE m.cameo LIKE '04%' AND m.num_articles > 1"))
        assert rows, "the reported meeting was not merged"
        mid, mentions, n_arts, n_sources, n_stories, first, last, day = max(rows, key=lambda r: r[2])
        assert n_arts == 4 and n_sources == 4 and n_stories == 1 and mentions >= 4
        assert first == D(2022, 5, 16) and last == D(2022, 5, 17) and day == D(2022, 5, 16)
        assert {r[0] for r in s.query("SELECT article_id FROM event_mentions WHERE merged_id = ?", [mid])} == copies
        # counts always agree with the mentions
        bad = list(s.query("SELECT m.id FROM merged_events m JOIN (SELECT merged_id, count(*) n, count(DISTINCT "
                           "article_id) na FROM event_mentions GROUP BY 1) x ON x.merged_id = m.id "
                           "WHERE x.n <> m.num_mentions OR x.na <> m.num_articles"))
        assert bad == []
        assert list(s.query("SELECT count(*) FROM events WHERE status NOT IN ('occurred', 'planned') "
                            "AND merged_id IS NOT NULL")) == [(0,)]
        again = s.add_batch([arts["wire"], arts["a"], arts["a"]])
        assert again.stored == [] and again.duplicates == 3


def test_tables_do_not_depend_on_ingest_order_or_batching(tmp_path, arts):
    names = list(arts)
    with Store(tmp_path / "one.duckdb") as s:
        s.add_batch([arts[k] for k in names])
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    with Store(tmp_path / "many.duckdb") as s:
        for k in reversed(shuffled):
            assert s.add_article(arts[k])
    with Store(tmp_path / "two.duckdb") as s:
        s.add_batch([arts[k] for k in shuffled[:3]])
        s.add_batch([arts[k] for k in shuffled[3:]])
    one = _tables(tmp_path / "one.duckdb")
    assert one["merged"] and one["links"]
    assert _tables(tmp_path / "many.duckdb") == one
    assert _tables(tmp_path / "two.duckdb") == one


def test_a_bridging_article_joins_two_stories_under_the_smallest_id(tmp_path, pipeline):
    day = D(2022, 5, 16)
    paras = WIRE.split("\n\n")
    first = article(pipeline, "\n\n".join(paras[:3]), "first", day)  # shares one paragraph with second
    second = article(pipeline, "\n\n".join(paras[2:]), "second", day)
    bridge = article(pipeline, WIRE, "bridge", day)
    with Store(tmp_path / "b.duckdb") as s:
        s.add_batch([first, second])
        assert len({r[0] for r in s.query("SELECT story_id FROM articles")}) == 2
        s.add_batch([bridge])
        stories = {r[0] for r in s.query("SELECT story_id FROM articles")}
        assert stories == {min(article_key(a) for a in (first, second, bridge))}


def test_a_failing_batch_is_rolled_back_and_names_the_database(tmp_path, arts):
    db = tmp_path / "f.duckdb"
    with Store(db) as s:
        s.add_batch([arts["other"]])
        broken = Article(id="broken", text="Officials met.", raw="Officials met.")
        broken.published = "the twelfth of never"  # type: ignore[assignment]
        with pytest.raises(StoreError) as info:
            s.add_batch([arts["wire"], broken, Reject("x.txt", "E101", "binary")])
        assert str(db) in str(info.value) and "nothing of this batch was written" in str(info.value)
        counts = s.counts()
        assert counts["articles"] == 1 and counts["rejects"] == 0
        assert counts["merged_events"] == len(list(s.query("SELECT DISTINCT merged_id FROM events "
                                                            "WHERE merged_id IS NOT NULL")))
        assert s.add_article(arts["wire"])  # the store still works after the failure


def test_reject_summary_counts_per_source_and_code(tmp_path):
    with Store(tmp_path / "r.duckdb") as s:
        s.add_batch([Reject("a.html", "E101", "binary"), Reject("a.html", "E101", "binary"),
                     Reject("b.jsonl:3", "E103", "bad JSON"), Skip("c.warc", "S120", "not HTML", count=40)])
        s.add_reject(Reject("b.jsonl:9", "E103", "bad JSON"))
        assert s.reject_summary(by=("code",)) == [{"code": "S120", "count": 40}, {"code": "E101", "count": 2},
                                                  {"code": "E103", "count": 2}]
        by_both = s.reject_summary()
        assert {"source": "a.html", "code": "E101", "count": 2} in by_both and len(by_both) == 4
        with pytest.raises(StoreError):
            s.reject_summary(by=("reason",))


def test_merge_key_orders_reciprocal_pairs_and_falls_back_to_the_story():
    k1 = merge_key("FIN", "SWE", "040", "occurred", True, D(2022, 5, 16), "s1")
    k2 = merge_key("SWE", "FIN", "040", "occurred", True, D(2022, 5, 16), "s2")
    assert k1 == k2 and merged_id(k1) == merged_id(k2) and 0 < merged_id(k1) < 2**63
    assert merge_key("FIN", "SWE", "040", "occurred", False, D(2022, 5, 16), "s") != \
        merge_key("SWE", "FIN", "040", "occurred", False, D(2022, 5, 16), "s")
    assert merge_key("FIN", None, "040", "occurred", False, None, "s1").endswith("story:s1")
    # an event with no target joins only copies of its own story, even on the same day
    assert merge_key("FIN", None, "010", "occurred", False, D(2022, 5, 16), "s1") != \
        merge_key("FIN", None, "010", "occurred", False, D(2022, 5, 16), "s2")


V2_ARTICLE = ("INSERT INTO articles (id, doc_id, title, url, published, text, source) VALUES (?, ?, ?, ?, ?, ?, ?)")
V2_EVENT = ("INSERT INTO events (id, article_id, sentence, source_name, source_code, target_name, target_code, "
            "cameo, root, quad_class, goldstein, status, date, evidence_start, evidence_end, evidence_text) "
            "VALUES (?, ?, 0, 'Finland', 'FINGOV', 'Sweden', 'SWEGOV', '040', '04', 1, 1.0, ?, NULL, 0, 40, ?)")


def test_a_version_2_database_upgrades_in_place_with_backfilled_stories_and_merges(tmp_path):
    db = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
                "applied_at TIMESTAMP DEFAULT current_timestamp)")
    for m in MIGRATIONS[:2]:  # the schema as it shipped before version 3
        con.execute(m.sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [m.version, m.name])
    rows = [("k1", "https://www.wire.example/a", D(2022, 5, 16), COPY_A), ("k2", "https://record.example/b",
            D(2022, 5, 17), COPY_B), ("k3", None, D(2022, 5, 20), OTHER)]
    for key, url, day, text in rows:
        con.execute(V2_ARTICLE, [key, key, key, url, day, text, key])
        con.execute(V2_EVENT, [f"{key}-0", key, "occurred", text[:40]])
    con.execute(V2_EVENT, ["k3-1", "k3", "negated", "not met"])
    con.close()
    with Store(db) as s:
        assert s.schema_version() == MIGRATIONS[-1].version
        arts = {r[0]: r[1:] for r in s.query("SELECT id, story_id, outlet FROM articles")}
        assert arts == {"k1": ("k1", "wire.example"), "k2": ("k1", "record.example"), "k3": ("k3", None)}
        assert list(s.query("SELECT article_a, article_b FROM article_links")) == [("k1", "k2")]
        merged = list(s.query("SELECT day, num_mentions, num_articles, num_sources, num_stories FROM merged_events "
                              "ORDER BY day"))
        # k1 and k2 are one story first published on the 16th; k3's meeting is another day
        assert merged == [(D(2022, 5, 16), 2, 2, 2, 1), (D(2022, 5, 20), 1, 1, 1, 1)]
        assert list(s.query("SELECT merged_id FROM events WHERE id = 'k3-1'")) == [(None,)]
        assert list(s.query("SELECT count FROM rejects")) == []
    with Store(db) as s:  # opening again applies nothing
        assert s.migrate() == []


def test_news_sample_has_no_false_clusters_and_finds_syndicated_copies(shared, tmp_path):
    """Real reporting from many outlets on the same stories: no two different articles cluster, while copies
    of 25 of them (another outlet's credit line and promotion, or the last paragraph cut) join their original."""
    path = shared / "bench" / "news_5000.jsonl.gz"
    if not path.exists():
        pytest.skip("../shared/bench/news_5000.jsonl.gz is absent")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in itertools.islice(f, 600)]
    copies = []
    for i, d in enumerate(docs[:50:2]):
        paras = d["text"].split("\n\n")
        text = ("\n\n".join(paras[:-1]) if i % 2 and len(paras) > 4 else
                f"By Staff and Wire Reports\n\n{d['text']}\n\nSign up for our newsletter. All rights reserved.")
        copies.append({"id": f"copy-{i:02d}", "text": text, "of": d["id"]})
    with Store(tmp_path / "news.duckdb") as store:
        con = store.con
        rows = [[d["id"], d["text"], d["id"]] for d in docs + copies]
        con.executemany("INSERT INTO articles (id, text, story_id) VALUES (?, ?, ?)", rows)
        dedup.add_articles(con, [(r[0], r[1]) for r in rows])
        story = dict(con.execute("SELECT id, story_id FROM articles").fetchall())
        clusters = con.execute("SELECT story_id, list(id ORDER BY id) FROM articles GROUP BY story_id "
                               "HAVING count(*) > 1").fetchall()
    originals = {d["id"] for d in docs}
    assert all(story[c["id"]] == story[c["of"]] for c in copies)
    assert len(clusters) == len(copies)  # one cluster per copied article, and no other
    assert all(len([m for m in members if m in originals]) == 1 for _, members in clusters)


def test_a_malformed_article_becomes_a_reject_and_the_batch_goes_on(tmp_path, arts):
    odd = copy.deepcopy(arts["wire"])
    odd.raw, odd.events[0].date = odd.raw + " (updated)", "XXXX-05-16"  # a day whose year is unknown
    broken = copy.deepcopy(arts["other"])
    broken.raw, broken.events[0].evidence = broken.raw + " (updated)", None  # type: ignore[assignment]
    with Store(tmp_path / "m.duckdb") as s:
        res = s.add_batch([odd, (broken, "feed.xml:7"), arts["other2"]])
        assert len(res.stored) == 2 and res.rejects == 1
        assert list(s.query("SELECT date FROM events WHERE id = ?", [article_key(odd) + "-0"])) == [(None,)]
        assert s.reject_summary() == [{"source": "feed.xml:7", "code": "E301", "count": 1}]
