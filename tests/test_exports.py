"""Exports read back: Parquet, CSV, GDELT 2.0 events and mentions, PLOVER JSON Lines, GeoJSON; filters; errors."""

from __future__ import annotations

import csv
import datetime as dt
import json

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app
from eventwire.errors import QueryError, StoreError
from eventwire.store.db import Store
from eventwire.store.exports import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, export
from eventwire.store.migrations import MIGRATIONS
from store_fixtures import COPY_A, COPY_B, OTHER, WIRE, article

D = dt.date


@pytest.fixture(scope="module")
def db(tmp_path_factory, pipeline):
    path = tmp_path_factory.mktemp("exports") / "x.duckdb"
    with Store(path) as s:
        s.add_batch([
            article(pipeline, WIRE, "wire.txt", D(2022, 5, 16), "https://wire.example/nordic", "Example Wire"),
            article(pipeline, COPY_A, "a.html", D(2022, 5, 16), "https://dailyone.example/nato"),
            article(pipeline, COPY_B, "b.html", D(2022, 5, 17), "https://record.example/nato"),
            article(pipeline, OTHER, "other.txt", D(2022, 5, 20), "https://wire.example/turkey"),
        ])
    return path


def _scalar(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_parquet_and_csv_hold_the_realised_events(db, tmp_path):
    n = _scalar(db, "SELECT count(*) FROM events WHERE status IN ('occurred', 'planned')")[0][0]
    res = export(db, "parquet", tmp_path / "e.parquet")
    assert res.rows == n > 0
    back = duckdb.connect().execute(f"SELECT count(*), count(merged_id), min(status) FROM '{tmp_path / 'e.parquet'}'").fetchone()
    assert back[0] == n and back[1] == n and back[2] in ("occurred", "planned")
    res = export(db, "csv", tmp_path / "m.csv", table="merged")
    with (tmp_path / "m.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == res.rows == _scalar(db, "SELECT count(*) FROM merged_events")[0][0]
    assert {"num_mentions", "num_sources", "num_articles", "first_seen", "last_seen"} <= set(rows[0])
    export(db, "csv", tmp_path / "q.csv", table="quotes")
    assert (tmp_path / "q.csv").read_text().startswith("article_id,")


def test_gdelt_events_and_mentions_follow_the_codebook_columns(db, tmp_path):
    assert len(GDELT_EVENT_COLUMNS) == 61 and len(GDELT_MENTION_COLUMNS) == 16
    export(db, "gdelt", tmp_path / "events.tsv")
    export(db, "gdelt", tmp_path / "mentions.tsv", table="mentions")
    events = [dict(zip(GDELT_EVENT_COLUMNS, line.split("\t"), strict=True))
              for line in (tmp_path / "events.tsv").read_text().splitlines()]
    mentions = [dict(zip(GDELT_MENTION_COLUMNS, line.split("\t"), strict=True))
                for line in (tmp_path / "mentions.tsv").read_text().splitlines()]
    merged = {r[0]: r[1:] for r in _scalar(db, "SELECT id, day, num_mentions, num_articles, cameo FROM merged_events")}
    assert {int(e["GLOBALEVENTID"]) for e in events} == set(merged)
    for e in events:
        day, n_mentions, n_articles, cameo = merged[int(e["GLOBALEVENTID"])]
        assert e["SQLDATE"] == day.strftime("%Y%m%d") and e["Year"] == str(day.year)
        assert e["EventCode"] == cameo and e["EventRootCode"] == cameo[:2] and e["EventBaseCode"] == cameo[:3]
        assert int(e["NumMentions"]) == n_mentions and int(e["NumArticles"]) == n_articles
        assert e["AvgTone"] == "" and e["DATEADDED"].endswith("000000") and len(e["DATEADDED"]) == 14
        assert e["QuadClass"] in "1234" and e["SOURCEURL"].startswith("https://")
    # the meeting in Helsinki: three outlets, a world city in Finland
    meeting = [e for e in events if e["EventRootCode"] == "04" and int(e["NumArticles"]) == 3]
    assert meeting and meeting[0]["NumSources"] == "3"
    placed = [e for e in events if e["ActionGeo_FullName"] == "Helsinki"]
    assert placed and placed[0]["ActionGeo_Type"] == "4" and placed[0]["ActionGeo_CountryCode"] == "FIN"
    assert abs(float(placed[0]["ActionGeo_Lat"]) - 60.17) < 0.1 and abs(float(placed[0]["ActionGeo_Long"]) - 24.94) < 0.1
    per_event = {}
    for m in mentions:
        per_event[m["GLOBALEVENTID"]] = per_event.get(m["GLOBALEVENTID"], 0) + 1
        assert m["MentionType"] == "1" and m["MentionSourceName"] and int(m["SentenceID"]) >= 1
        assert 0 <= int(m["ActionCharOffset"]) < int(m["MentionDocLen"]) and 0 <= int(m["Confidence"]) <= 100
    assert per_event == {e["GLOBALEVENTID"]: int(e["NumMentions"]) for e in events}


def test_plover_lines_carry_type_actors_and_evidence(db, tmp_path):
    res = export(db, "plover", tmp_path / "p.jsonl")
    recs = [json.loads(line) for line in (tmp_path / "p.jsonl").read_text().splitlines()]
    assert len(recs) == res.rows > 0
    assert res.rows + res.left_out == _scalar(db, "SELECT count(*) FROM merged_events")[0][0]
    for r in recs:
        assert r["event_type"] and r["date"] and r["actor"] is not None and len(r["evidence"]) == r["num_mentions"]
        for ev in r["evidence"]:
            assert ev["text"] and ev["start"] < ev["end"]
    consult = [r for r in recs if r["event_type"] == "CONSULT" and r["num_articles"] == 3]
    assert consult and {a["country"] for a in consult[0]["actor"] + consult[0]["recipient"]} >= {"FIN"}


def test_geojson_holds_the_placed_events(db, tmp_path):
    res = export(db, "geojson", tmp_path / "g.geojson", table="events")
    doc = json.loads((tmp_path / "g.geojson").read_text())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == res.rows > 0
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
    helsinki = [f for f in doc["features"] if f["properties"]["place_name"] == "Helsinki"]
    assert helsinki and helsinki[0]["geometry"]["coordinates"][0] < helsinki[0]["geometry"]["coordinates"][1]


def test_filters_and_errors(db, tmp_path):
    everything = export(db, "csv", tmp_path / "all.csv", table="merged").rows
    late = export(db, "csv", tmp_path / "late.csv", table="merged", since="2022-05-18").rows
    assert 0 < late < everything
    tur = export(db, "csv", tmp_path / "tur.csv", table="merged", actor="TUR")
    with (tmp_path / "tur.csv").open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows and all("TUR" in (r["source_code"] + r["target_code"]) for r in rows) and tur.rows == len(rows)
    with pytest.raises(QueryError):
        export(db, "plover", tmp_path / "x", table="quotes")
    with pytest.raises(QueryError):
        export(db, "csv", tmp_path / "x", table="articles", actor="RUS")
    with pytest.raises(QueryError):
        export(db, "xml", tmp_path / "x")
    with pytest.raises(QueryError):
        export(db, "csv", tmp_path / "x", since="16 May")


def test_an_old_database_is_refused_with_what_to_do(tmp_path):
    old = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(old))
    for m in MIGRATIONS[:2]:
        con.execute(m.sql)
    con.close()
    with pytest.raises(StoreError, match="upgrade"):
        export(old, "csv", tmp_path / "x.csv")


def test_export_command(db, tmp_path):
    out = tmp_path / "cli.tsv"
    res = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "gdelt", "--table", "mentions",
                                   "--out", str(out)])
    assert res.exit_code == 0, res.stderr
    assert "mentions rows as gdelt" in res.stderr and len(out.read_text().splitlines()[0].split("\t")) == 16
    bad = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "gdelt", "--table", "quotes",
                                   "--out", str(out)])
    assert bad.exit_code == 2 and "E400" in bad.stderr
    missing = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "--format", "csv",
                                       "--out", str(out)])
    assert missing.exit_code == 2 and "no database" in missing.stderr
