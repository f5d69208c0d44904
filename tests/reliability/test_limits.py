"""Limits with clear errors: the maximum article size (E117) and records per file (E116), from the
defaults, the environment and the CLI options; what goes over is a reject naming it, the rest goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import Pipeline
from eventwire.cli.main import app
from eventwire.errors import InputError, TooLargeError
from eventwire.ingest.doc import Doc
from eventwire.ingest.readers import read_inputs
from eventwire.limits import MAX_ARTICLE_CHARS, MAX_RECORDS, Limits
from eventwire.model import Reject
from eventwire.store.db import Store

STORY = "Russian troops attacked the Ukrainian city of Kharkiv on Monday, officials in Kyiv said."


def test_defaults_environment_and_overrides() -> None:
    assert Limits() == Limits(MAX_ARTICLE_CHARS, MAX_RECORDS) == Limits(2_000_000, 1_000_000)
    env = {"EVENTWIRE_MAX_ARTICLE_CHARS": "5_000", "EVENTWIRE_MAX_RECORDS": "7"}
    assert Limits.load(env) == Limits(5_000, 7)
    assert Limits.load(env, max_records=9, max_article_chars=None) == Limits(5_000, 9)
    with pytest.raises(InputError, match="EVENTWIRE_MAX_RECORDS"):
        Limits.load({"EVENTWIRE_MAX_RECORDS": "many"})
    with pytest.raises(InputError, match="max_records"):
        Limits(max_records=0)


def test_records_per_file_limit_names_file_and_limit_and_the_next_file_goes_on(tmp_path: Path) -> None:
    big = tmp_path / "a.jsonl"
    big.write_text("\n".join(json.dumps({"id": f"r{i}", "text": f"{STORY} Item {i}."}) for i in range(10)) + "\n")
    small = tmp_path / "b.txt"
    small.write_text(STORY)
    items = list(read_inputs([str(big), str(small)], limits=Limits(max_records=3)))
    docs = [i for i in items if isinstance(i, Doc)]
    rejects = [i for i in items if isinstance(i, Reject)]
    assert [d.id for d in docs] == ["r0", "r1", "r2", "b.txt"]
    (reject,) = rejects
    assert reject.code == "E116" and reject.where == str(big) and "3" in reject.reason
    assert "--max-records" in reject.reason


def test_records_limit_counts_csv_rows_and_feed_items(tmp_path: Path) -> None:
    csv_file = tmp_path / "a.csv"
    csv_file.write_text("text\n" + "\n".join(f'"{STORY} Row {i}."' for i in range(5)) + "\n")
    items = list(read_inputs([str(csv_file)], limits=Limits(max_records=2)))
    assert [type(i).__name__ for i in items] == ["Doc", "Doc", "Reject"] and items[-1].code == "E116"  # type: ignore[union-attr]
    feed = tmp_path / "f.rss"
    body = "".join(f"<item><title>T{i}</title><description>{STORY} {i}</description></item>" for i in range(4))
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>{body}</channel></rss>')
    items = list(read_inputs([str(feed)], limits=Limits(max_records=1)))
    assert len(items) == 2 and items[-1].code == "E116"  # type: ignore[union-attr]


def test_article_size_limit_in_reader_and_pipeline(tmp_path: Path) -> None:
    long_one = tmp_path / "long.txt"
    long_one.write_text((STORY + " ") * 30)
    short = tmp_path / "short.txt"
    short.write_text(STORY)
    items = list(read_inputs([str(long_one), str(short)], limits=Limits(max_article_chars=1_000)))
    assert isinstance(items[0], Reject) and items[0].code == "E117" and items[0].where == str(long_one)
    assert "1,000" in items[0].reason and isinstance(items[1], Doc)
    with pytest.raises(TooLargeError, match="E117") as exc:
        Pipeline(max_chars=100)(STORY * 2, id="doc-7")
    assert "doc-7" in str(exc.value) and "100" in str(exc.value)


def test_cli_options_and_environment_apply_to_ingest_and_code(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": f"r{i}", "text": f"{STORY} Report {i}."}) for i in range(4))
                      + "\n" + json.dumps({"id": "huge", "text": STORY * 40}) + "\n")
    db = tmp_path / "x.duckdb"
    runner = CliRunner()
    res = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--max-article-chars", "1000"])
    assert res.exit_code == 1, res.output
    assert "E117" in res.output and "c.jsonl:5" in res.output and "stored 4" in res.output
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 4
        assert [r[0] for r in store.query("SELECT code FROM rejects")] == ["E117"]
    res = runner.invoke(app, ["code", str(corpus), "-f", "jsonl"], env={"EVENTWIRE_MAX_RECORDS": "2"})
    assert res.exit_code == 1 and "E116" in res.output
    assert res.stdout.count('"id"') >= 2 and "Report 2" not in res.stdout
    res = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--max-records", "0"])
    assert res.exit_code == 2 and "max_records" in res.output and "Traceback" not in res.output


def test_limits_and_server_options_are_documented() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for name in ("--max-article-chars", "--max-records", "EVENTWIRE_MAX_ARTICLE_CHARS", "EVENTWIRE_MAX_RECORDS",
                 "--busy-timeout", "E116", "E117", "E190", "## Reliability", "EVENTWIRE_FUZZ_SCALE"):
        assert name in readme, name
