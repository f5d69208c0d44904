"""The JSON API and the server-rendered pages (FastAPI's TestClient, no server): every endpoint answers,
every bad parameter is a 422 that names it, nothing is a 500, and article text is always escaped."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis_fixtures import event_row, make_db

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'eventwire[web]'")
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.web.app import create_app  # noqa: E402

ENDPOINTS = ["/api/summary", "/api/events", "/api/series", "/api/actors", "/api/dyads", "/api/places",
             "/api/escalation", "/api/quotes", "/api/codes"]
LISTS = [e for e in ENDPOINTS if e != "/api/summary"]
FILTERED = ["/api/events", "/api/series", "/api/actors", "/api/dyads", "/api/places", "/api/escalation"]


@pytest.fixture(scope="module")
def client(demo_db: Path) -> TestClient:
    return TestClient(create_app(demo_db))


def bad(client: TestClient, url: str, param: str) -> dict:  # type: ignore[type-arg]
    r = client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text)
    body = r.json()
    assert body["error"] == "bad_parameter" and param in body["message"], (url, body)
    assert any(e["parameter"] == param for e in body["errors"]), (url, body)
    return body


def test_every_endpoint_is_in_the_openapi_schema_with_a_response_model(client):
    schema = client.get("/api/openapi.json").json()
    for path in ENDPOINTS + ["/api/events/{event_id}"]:
        op = schema["paths"][path]["get"]
        assert "$ref" in json.dumps(op["responses"]["200"]), path
        assert "422" in op["responses"], path
    for path in LISTS:
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert {"page", "per_page"} <= names, path
    assert "EventOut" in schema["components"]["schemas"] and "EscalationRow" in schema["components"]["schemas"]


def test_summary(client):
    s = client.get("/api/summary").json()
    assert s["articles"] == 24 and s["events"] > 100 and s["first_day"] <= s["last_day"]


def test_every_list_is_paginated(client):
    for url in LISTS:
        body = client.get(url, params={"per_page": 2}).json()
        assert set(body) >= {"items", "total", "page", "per_page", "pages"}, url
        assert len(body["items"]) <= 2 and body["per_page"] == 2, url
        if body["total"] > 2:
            second = client.get(url, params={"per_page": 2, "page": 2}).json()
            assert second["items"] and second["items"] != body["items"], url


def test_events_filtered_by_actor_type_and_days(client):
    body = client.get("/api/events", params={"actor": ["RUS"], "quad_class": [4], "since": "2022-01-01",
                                             "until": "2022-12-31"}).json()
    assert body["total"] >= 1
    for e in body["items"]:
        assert e["quad_class"] == 4 and "2022-01-01" <= e["day"] <= "2022-12-31"
        assert "RUS" in (e["source_key"], e["target_key"])
    assert client.get("/api/events", params={"dyad": "RUS-UKR", "plover": "ASSAULT"}).json()["total"] >= 1
    newest = client.get("/api/events", params={"sort": "-date", "per_page": 1}).json()["items"][0]
    assert newest["day"] == client.get("/api/summary").json()["last_day"]


def test_event_detail_and_not_found(client):
    first = client.get("/api/events", params={"source": "RUS", "target": "UKR"}).json()["items"][0]
    d = client.get(f"/api/events/{first['id']}").json()
    assert d["event"]["id"] == first["id"] and d["article"]["text"] and d["mentions"]
    assert any(e["id"] == first["id"] for e in d["events"])
    r = client.get("/api/events/abc-123")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


def test_aggregates(client):
    weeks = client.get("/api/series", params={"by": "quad_class", "period": "month", "per_page": 500}).json()
    assert sum(x["events"] for x in weeks["items"]) == client.get("/api/summary").json()["events"]
    assert {x["key"] for x in weeks["items"]} <= {"1", "2", "3", "4"}
    top = client.get("/api/actors", params={"per_page": 3}).json()["items"]
    assert top[0]["events"] >= top[1]["events"] >= top[2]["events"]
    edges = client.get("/api/dyads", params={"actor": ["RUS"]}).json()["items"]
    assert any(e["source"] == "RUS" and e["target"] == "UKR" for e in edges)
    places = client.get("/api/places").json()["items"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    esc = client.get("/api/escalation", params={"flagged_only": "true", "dyad": "RUS-UKR"}).json()
    assert esc["window"] == 8 and any(x["source"] == "RUS" and x["period"] == "2022-02-21" for x in esc["items"])
    quotes = client.get("/api/quotes", params={"speaker": ["RUS"]}).json()["items"]
    assert quotes and all(q["speaker_key"] == "RUS" for q in quotes)
    codes = client.get("/api/codes", params={"prefix": "19"}).json()
    assert codes["total"] >= 5 and all(c["code"].startswith("19") for c in codes["items"])


@pytest.mark.parametrize("url,param", [
    ("/api/events?since=2022-13-01", "since"),
    ("/api/events?since=2022-03-01&until=2022-01-01", "until"),
    ("/api/events?actor=R%24S", "actor"),
    ("/api/events?code=99", "code"),
    ("/api/events?root=42", "root"),
    ("/api/events?plover=PARTY", "plover"),
    ("/api/events?quad_class=7", "quad_class"),
    ("/api/events?quad_class=x", "quad_class"),
    ("/api/events?dyad=RUS", "dyad"),
    ("/api/events?status=rumoured", "status"),
    ("/api/events?sort=random", "sort"),
    ("/api/events?per_page=0", "per_page"),
    ("/api/events?per_page=501", "per_page"),
    ("/api/events?page=0", "page"),
    ("/api/events?page=x", "page"),
    ("/api/events?text=" + "x" * 201, "text"),
    ("/api/events?acter=RUS", "acter"),
    ("/api/events/%3Cscript%3E", "id"),
    ("/api/summary?actor=RUS", "actor"),
    ("/api/series?period=year", "period"),
    ("/api/series?by=colour", "by"),
    ("/api/series?level=name", "level"),
    ("/api/series?until=tomorrow", "until"),
    ("/api/actors?role=victim", "role"),
    ("/api/actors?per_page=-1", "per_page"),
    ("/api/dyads?level=x", "level"),
    ("/api/dyads?source=%25", "source"),
    ("/api/places?place=" + "x" * 101, "place"),
    ("/api/places?since=2024-02-30", "since"),
    ("/api/escalation?window=1", "window"),
    ("/api/escalation?window=500", "window"),
    ("/api/escalation?threshold=0", "threshold"),
    ("/api/escalation?threshold=nan", "threshold"),
    ("/api/escalation?flagged_only=maybe", "flagged_only"),
    ("/api/quotes?speaker=%3Cb%3E", "speaker"),
    ("/api/quotes?since=2022-02-01&until=2021-01-01", "until"),
    ("/api/quotes?text=", "text"),
    ("/api/codes?prefix=ab", "prefix"),
    ("/api/codes?per_page=1000", "per_page"),
])
def test_bad_parameters_are_clear_422s(client, url, param):
    bad(client, url, param)


def test_unknown_paths_are_json_404s(client):
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["error"] == "not_found"


PARAMS = ["actor", "source", "target", "dyad", "code", "root", "plover", "quad_class", "place", "since", "until",
          "text", "status", "page", "per_page", "sort", "period", "by", "level", "window", "threshold", "role"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(FILTERED), name=st.sampled_from(PARAMS),
       value=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_no_parameter_value_causes_a_server_error(client, path, name, value):
    r = client.get(path, params={name: value})
    assert r.status_code in (200, 422), (path, name, value, r.status_code, r.text)
    if r.status_code == 422:
        assert r.json()["error"] == "bad_parameter"


def test_a_missing_database_is_a_503_not_a_crash(tmp_path):
    db = make_db(tmp_path / "gone.duckdb", [event_row(0, "RUS", "UKR", dt.date(2024, 1, 2))])
    c = TestClient(create_app(db))
    assert c.get("/api/summary").status_code == 200
    db.unlink()
    r = c.get("/api/events")
    assert r.status_code == 503 and r.json()["error"] == "database_unavailable"
    assert c.get("/").status_code == 503


def test_an_empty_database_answers_every_endpoint(tmp_path):
    from eventwire.store.db import Store

    Store(tmp_path / "empty.duckdb").close()
    c = TestClient(create_app(tmp_path / "empty.duckdb"))
    for url in ENDPOINTS + ["/", "/report?actor=RUS"]:
        r = c.get(url)
        assert r.status_code == 200, (url, r.text)
        if url in LISTS and url != "/api/codes":
            assert r.json()["items"] == [] and r.json()["total"] == 0, url


def test_dashboard_page_ships_its_own_assets(client):
    r = client.get("/")
    assert r.status_code == 200 and "default-src 'self'" in r.headers["content-security-policy"]
    assert 'src="/static/dashboard.js"' in r.text and 'id="filters"' in r.text
    assert not re.search(r"""(src|href)=["']https?://""", r.text)  # nothing from a CDN
    js = client.get("/static/dashboard.js").text
    assert "innerHTML" not in js and "http://" not in js.replace("http://www.w3.org/2000/svg", "")
    world = client.get("/static/world.json").json()
    assert len(world["features"]) > 150 and {f["properties"]["iso3"] for f in world["features"]} >= {"RUS", "UKR", "FRA"}


def test_event_page_highlights_evidence_actors_quotes_and_names_the_pattern(client):
    # the first event of the demo's Crimea article, which quotes Putin
    first = client.get("/api/events", params={"actor": ["RUS"], "until": "2014-03-31"}).json()["items"][0]
    page = client.get(f"/events/{first['id']}").text
    assert f"<code id=\"pattern\">{first['pattern']}</code>" in page
    m = re.search(r'<span class="([^"]*)" id="evidence"', page)
    assert m and "evidence" in m.group(1).split()
    assert re.search(r'<span class="[^"]*\btrigger\b[^"]*"[^>]*>' + re.escape(first["trigger"].split()[0]), page, re.I)
    assert re.search(r'class="[^"]*\bactor\b[^"]*\bsource\b', page)
    quoted = "".join(text for css, text in re.findall(r'<span class="([^"]*)"[^>]*>([^<]*)</span>', page)
                     if "quote" in css.split())
    assert "Crimea has made its choice, and Russia will respect it," in quoted
    assert re.search(r'class="actor[^"]*\bspeaker\b', page)


HOSTILE = ('Moscow condemned Kyiv. <script>alert("owned")</script> <img src=x onerror=alert(1)> '
           '"We will answer," said the minister.')


def test_article_text_is_escaped_everywhere(tmp_path):
    start = HOSTILE.index("Moscow")
    row = event_row(0, "RUS", "UKR", dt.date(2024, 3, 1), cameo="111", quad_class=3, goldstein=-2.0, plover="ACCUSE",
                    text=HOSTILE, evidence_start=start, evidence_end=len(HOSTILE),
                    trigger="<script>", place=("<b>Town</b>", "UKR", 50.0, 30.0))
    quote = {"article_id": "a1", "sentence": 0, "start_char": HOSTILE.index("We"), "end_char": HOSTILE.index(",\""),
             "text": "We will answer", "speaker_name": "<i>minister</i>", "speaker_code": "RUSGOV", "speaker_country": "RUS"}
    art = {"id": "a1", "doc_id": "x", "title": "<script>alert('title')</script>", "text": HOSTILE,
           "url": "javascript:alert(1)", "published": dt.date(2024, 3, 1)}
    db = make_db(tmp_path / "xss.duckdb", [row], [art], quotes=[quote])
    c = TestClient(create_app(db))
    page = c.get("/events/a1-0").text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Town" not in page
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in page or "&lt;script&gt;alert(&quot;owned&quot;)" in page
    assert "javascript:" not in page  # an address that is not http(s) is not linked
    assert "&lt;i&gt;minister&lt;/i&gt;" in page
    report = c.get("/report", params={"actor": ["RUS"]})
    assert report.status_code == 200 and "<script" not in report.text and "javascript:" not in report.text
    assert "&lt;script&gt;" in report.text
