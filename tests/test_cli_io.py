"""CLI, readers and bad input: rejects are named, recorded and counted, and the rest of the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from eventwire.cli.main import app

GOOD = "Finland and Sweden signed a defence pact with Norway in Oslo on Tuesday."


def make_inputs(tmp: Path) -> Path:
    d = tmp / "in"
    d.mkdir()
    (d / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (d / "b_empty.txt").write_text("", encoding="utf-8")
    (d / "c_binary.bin").write_bytes(b"\x00\x01\x02PNG\x00\xff" * 50)
    (d / "d_latin1.txt").write_bytes("Caf\xe9 talks in Lyon.".encode("latin-1"))
    (d / "e_records.jsonl").write_text(
        json.dumps({"id": "r1", "text": "Peru recalled its ambassador to Mexico.", "published": "2022-12-21"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "r3", "title": "no text"}) + "\n",
        encoding="utf-8",
    )
    return d


def test_code_reports_rejects_and_keeps_going(tmp_path):
    d = make_inputs(tmp_path)
    res = CliRunner().invoke(app, ["code", str(d), "--format", "jsonl", "--published", "2023-06-06"])
    assert res.exit_code == 1  # some inputs were rejected
    docs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [d["id"] for d in docs] == ["a_good.txt", "r1"]
    assert docs[1]["published"] == "2022-12-21"  # the record's own date beats the default
    err = res.stderr
    assert "b_empty.txt" in err and "empty" in err
    assert "c_binary.bin" in err and "binary" in err
    assert "d_latin1.txt" in err and "UTF-8" in err
    assert "e_records.jsonl:2" in err and "malformed JSON" in err
    assert "e_records.jsonl:3" in err and "no 'text'" in err
    assert "5 input(s) rejected" in err


def test_code_single_file_json_and_table(tmp_path):
    f = tmp_path / "one.txt"
    f.write_text(GOOD, encoding="utf-8")
    res = CliRunner().invoke(app, ["code", str(f), "--published", "2023-06-06"])
    assert res.exit_code == 0
    doc = json.loads(res.stdout)
    assert doc["id"] == "one.txt" and doc["published"] == "2023-06-06"
    assert {"events", "quotes", "places", "actors", "text", "authors"} <= set(doc)
    table = CliRunner().invoke(app, ["code", str(f), "--format", "table", "--published", "2023-06-06"])
    assert table.exit_code == 0 and "one.txt" in table.stdout and "places:" in table.stdout


def test_code_reads_stdin():
    res = CliRunner().invoke(app, ["code", "-", "--format", "jsonl"], input=GOOD)
    assert res.exit_code == 0 and json.loads(res.stdout)["id"] == "stdin"


def test_bad_published_option_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(app, ["code", "-", "--published", "12/01/2022"], input=GOOD)
    assert res.exit_code == 2 and "not a date" in res.stderr


def test_ingest_is_idempotent_and_records_rejects(tmp_path):
    d = make_inputs(tmp_path)
    db = str(tmp_path / "t.duckdb")
    first = CliRunner().invoke(app, ["ingest", str(d), "--db", db, "--published", "2023-06-06"])
    assert first.exit_code == 1 and "stored 2" in first.stderr and "rejected 5" in first.stderr
    con = duckdb.connect(db)
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "events", "actors", "places")}
    assert before["articles"] == 2 and before["events"] > 0
    reasons = {r[0] for r in con.execute("SELECT code FROM rejects").fetchall()}
    assert reasons == {"E101", "E102", "E103", "E110", "E112"}
    assert [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()] == [1, 2, 3]
    con.close()
    again = CliRunner().invoke(app, ["ingest", str(d / "a_good.txt"), str(d / "e_records.jsonl"), "--db", db])
    assert "stored 0, already present 2" in again.stderr
    con = duckdb.connect(db)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    con.close()
    assert after == before


def test_events_query_filters(tmp_path):
    db = str(tmp_path / "q.duckdb")
    f = tmp_path / "a.txt"
    f.write_text("Peru recalled its ambassador to Mexico on Monday. Chile condemned Bolivia on Friday.", encoding="utf-8")
    CliRunner().invoke(app, ["ingest", str(f), "--db", db, "--published", "2022-12-21"])
    res = CliRunner().invoke(app, ["events", "--db", db, "--actor", "CHL", "--format", "json"])
    rows = json.loads(res.stdout)
    assert rows and all("CHL" in (r["source_code"] + (r["target_code"] or "")) for r in rows)
    assert all(r["evidence_text"] for r in rows)
    res = CliRunner().invoke(app, ["events", "--db", db, "--code", "16", "--format", "json"])
    assert [r["cameo"][:2] for r in json.loads(res.stdout)] == ["16"]
    res = CliRunner().invoke(app, ["events", "--db", db, "--since", "2022-12-20", "--format", "json"])
    assert all(r["date"] >= "2022-12-20" for r in json.loads(res.stdout))
    missing = CliRunner().invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "no database" in missing.stderr


def test_demo_builds_a_fresh_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(app, ["demo", "--db", "demo.duckdb"])
    assert res.exit_code == 0, res.output
    con = duckdb.connect("demo.duckdb")
    n_articles, n_events = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    roots = {r[0] for r in con.execute("SELECT DISTINCT root FROM events").fetchall()}
    con.close()
    assert n_articles >= 20 and n_events >= 100 and len(roots) >= 8
    assert "events by CAMEO root" in res.stdout
    # a second run starts from scratch rather than adding to the old file
    res2 = CliRunner().invoke(app, ["demo", "--db", "demo.duckdb"])
    assert res2.exit_code == 0 and "stored 24 articles" in res2.stderr


def test_validate_passes_on_shipped_dictionaries():
    res = CliRunner().invoke(app, ["validate"])
    assert res.exit_code == 0 and "0 problem(s)" in res.stderr


def test_validate_names_file_and_line_of_bad_entries(tmp_path):
    extra = tmp_path / "dicts"
    (extra / "actors").mkdir(parents=True)
    (extra / "actors" / "countries.yaml").write_text(
        "- code: ATL\n  name: Atlantis\n  names: [Atlantis]\n"
        "- code: atl2\n  name: Bad\n  names: [Bad Place]\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(extra)])
    assert res.exit_code == 1
    assert "countries.yaml:4" in res.stderr and "ISO 3166-1 alpha-3" in res.stderr


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__  # type: ignore[union-attr]
        assert f"eventwire {name}" in readme, name


def test_explain_shows_actors_and_why_triggers_fired_or_not():
    res = CliRunner().invoke(app, ["explain", "Indian troops did not attack Pakistani posts, officials said.",
                                   "--published", "2019-03-01"])
    assert res.exit_code == 0, res.output
    assert "INDMIL" in res.stdout and "fight.fight" in res.stdout
    assert "negated" in res.stdout and "no source" in res.stdout
