"""Situation reports and the analyst commands (`query`, `report`, `serve`) on the demo database."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from analysis_fixtures import event_row, make_db
from eventwire.analysis import Reader
from eventwire.cli.main import app
from eventwire.cli.views import query_app
from eventwire.report import build, render_html, render_markdown


def test_report_on_the_demo_database_has_the_chart_the_quotes_and_evidence_links(demo_db):
    with Reader(demo_db) as r:
        rep = build(r, ["RUS", "UKR"])
    html = render_html(rep, link_base="http://127.0.0.1:8000")
    assert "<script" not in html and "http-equiv" not in html  # self-contained and inert
    # the dyad trend chart, inline
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert svg and 'data-series="RUS → UKR"' in svg.group(0) and 'data-series="UKR → RUS"' in svg.group(0)
    assert rep.period == "month" and len(rep.trend["RUS → UKR"]) == len(rep.periods)
    assert sum(rep.trend["RUS → UKR"]) >= 2
    # key quotes with their speakers
    assert rep.quotes and "Crimea has made its choice, and Russia will respect it," in html
    assert re.search(r'class="speaker">Vladimir Putin</b>', html)
    # key events in date order, each linked to its evidence, which links to the dashboard
    days = [e["day"] for e in rep.key_events]
    assert days == sorted(days) and len(rep.key_events) <= 25
    for e in rep.key_events:
        assert f'href="#ev-{e["id"]}"' in html and f'id="ev-{e["id"]}"' in html
        assert f'http://127.0.0.1:8000/events/{e["id"]}#evidence' in html
    assert any(e["cameo"].startswith("19") and e["source_key"] == "RUS" for e in rep.key_events)
    # counts by type add up to the events of the report
    assert sum(x["events"] for x in rep.by_quad_class) == rep.overview["events"]
    assert "Counts by type" in html and any(x["key"] == "19" for x in rep.by_root)
    assert any(x["source"] == "RUS" and x["period"] == dt.date(2022, 2, 21) for x in rep.escalations)

    md = render_markdown(rep)
    assert md.startswith("# Situation report: RUS, UKR")
    assert "| period | RUS → UKR | UKR → RUS |" in md and "> “Crimea has made its choice" in md
    assert "**Vladimir Putin** (RUSGOV)" in md and "## Counts by type" in md


def test_report_with_one_actor_charts_its_busiest_dyads_and_respects_the_days(demo_db):
    with Reader(demo_db) as r:
        rep = build(r, ["USA"], since="2018-01-01", until="2019-12-31", period="week")
    assert rep.period == "week" and rep.periods[0] == dt.date(2018, 1, 1) and rep.trend
    assert all("USA" in k for k in rep.trend)
    assert all(dt.date(2018, 1, 1) <= e["day"] <= dt.date(2019, 12, 31) for e in rep.key_events)


def test_report_without_events_says_so(tmp_path):
    db = make_db(tmp_path / "r.duckdb", [event_row(0, "FRA", "DEU", dt.date(2024, 1, 2))])
    with Reader(db) as r:
        rep = build(r, ["CHN"])
    assert "No events match." in render_html(rep) and "No events match." in render_markdown(rep)


def test_report_command_writes_html_and_markdown(demo_db, tmp_path):
    out = tmp_path / "report.html"
    res = CliRunner().invoke(app, ["report", "--db", str(demo_db), "--actor", "RUS", "--actor", "UKR",
                                   "--since", "2014-01-01", "--until", "2024-12-31", "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "<svg" in out.read_text(encoding="utf-8") and "key events" in res.stderr
    md = tmp_path / "report.md"
    assert CliRunner().invoke(app, ["report", "--db", str(demo_db), "--actor", "RUS", "--out", str(md)]).exit_code == 0
    assert md.read_text(encoding="utf-8").startswith("# Situation report: RUS")
    for args, message in (
        (["--actor", "RUS", "--out", str(tmp_path / "r.pdf")], "name it .html or .md"),
        (["--actor", "R!S", "--out", str(out)], "actor"),
        (["--actor", "RUS", "--since", "2024-02-30", "--out", str(out)], "since"),
        (["--actor", "RUS", "--period", "year", "--out", str(out)], "period"),
        (["--actor", "RUS", "--link-base", "javascript:alert(1)", "--out", str(out)], "--link-base"),
    ):
        res = CliRunner().invoke(app, ["report", "--db", str(demo_db), *args])
        assert res.exit_code == 2 and message in res.stderr, (args, res.output)


def test_query_commands(demo_db):
    run = CliRunner().invoke
    res = run(app, ["query", "events", "--db", str(demo_db), "--actor", "RUS", "--quad-class", "4", "-f", "json"])
    assert res.exit_code == 0, res.output
    body = json.loads(res.stdout)
    assert body["total"] >= 1 and all(e["quad_class"] == 4 for e in body["items"])
    res = run(app, ["query", "counts", "--db", str(demo_db), "--by", "quad_class", "--total", "-f", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines()[0].startswith("key,events,cooperation,conflict")
    res = run(app, ["query", "escalation", "--db", str(demo_db), "--dyad", "RUS-UKR", "--flagged", "-f", "json"])
    assert any(x["period"] == "2022-02-21" for x in json.loads(res.stdout)["items"])
    res = run(app, ["query", "actors", "--db", str(demo_db), "--per-page", "3"])
    assert res.exit_code == 0 and "USA" in res.stdout
    for sub in ("dyads", "places", "quotes"):
        assert run(app, ["query", sub, "--db", str(demo_db), "-f", "json"]).exit_code == 0, sub
    for args, message in ((["events", "--since", "2024-13-01"], "since"), (["counts", "--by", "colour"], "by"),
                          (["events", "-f", "xml"], "format"), (["escalation", "--window", "1"], "window")):
        res = run(app, ["query", *args, "--db", str(demo_db)])
        assert res.exit_code == 2 and message in res.stderr, (args, res.output)


def test_commands_refuse_a_missing_database(tmp_path):
    missing = str(tmp_path / "none.duckdb")
    for args in (["query", "events", "--db", missing], ["serve", "--db", missing],
                 ["report", "--db", missing, "--actor", "RUS", "--out", str(tmp_path / "r.html")]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 2 and "no database here" in res.stderr, args


def test_serve_without_the_web_extra_says_how_to_install_it(demo_db, monkeypatch):
    import eventwire.web

    real = eventwire.web.importlib.util.find_spec
    monkeypatch.setattr(eventwire.web.importlib.util, "find_spec", lambda name: None if name == "uvicorn" else real(name))
    res = CliRunner().invoke(app, ["serve", "--db", str(demo_db)])
    assert res.exit_code == 2 and "uvicorn" in res.stderr and "pip install 'eventwire[web]'" in res.stderr


def test_every_query_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for cmd in query_app.registered_commands:
        assert f"eventwire query {cmd.name}" in readme, cmd.name
    for heading in ("## Web dashboard and API", "### Escalation signal"):
        assert heading in readme
