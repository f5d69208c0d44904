"""Queries and aggregates over stored events: filters, counts per period, actors, dyads, the escalation
signal (worked out by hand on small databases) and the demo database."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis_fixtures import event_row, make_db
from eventwire.analysis import EventFilter, Reader, dyads, escalation, series, top_actors, totals
from eventwire.analysis.aggregates import period_start, shift
from eventwire.errors import QueryError, StoreError

D = dt.date


@pytest.fixture
def small(tmp_path):
    """Six events: Russia and Ukraine in January 2024, NATO and the US, one undated and one negated."""
    rows = [
        event_row(0, "RUSMIL", "UKR", D(2024, 1, 2), place=("Kharkiv", "UKR", 49.98, 36.25),
                  text="Russian forces shelled Kharkiv overnight."),
        event_row(1, "UKRGOV", "RUSGOV", D(2024, 1, 3), cameo="112", quad_class=3, goldstein=-2.0, plover="ACCUSE",
                  text="Kyiv accused Moscow of war crimes."),
        event_row(2, "RUS", "UKR", D(2024, 1, 10), cameo="040", quad_class=1, goldstein=1.0, plover="CONSULT",
                  text="Envoys of the two countries met in Istanbul.", place=("Istanbul", "TUR", 41.01, 28.95)),
        event_row(3, "NATO", "RUS", None, cameo="111", quad_class=3, goldstein=-2.0, plover="ACCUSE", article="a2",
                  text="The alliance criticised Moscow."),
        event_row(4, "USAGOV", "RUSBUS", D(2024, 2, 20), cameo="163", quad_class=4, goldstein=-8.0, plover="SANCTION",
                  text="Washington imposed sanctions on Russian banks."),
        event_row(5, "RUSMIL", "UKR", D(2024, 1, 4), status="negated", text="Russia denied shelling the city."),
    ]
    arts = [{"id": "a1", "doc_id": "one", "title": "One", "text": "x", "published": D(2024, 1, 4)},
            {"id": "a2", "doc_id": "two", "title": "Two", "text": "y", "published": D(2024, 1, 5)}]
    return make_db(tmp_path / "small.duckdb", rows, arts)


def ids(page) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(r["id"] for r in page.items)


def test_filters_check_every_value_and_name_the_bad_parameter():
    cases = [({"actors": ["R$S"]}, "actor"), ({"source": "not valid!"}, "source"), ({"dyad": "RUS"}, "dyad"),
             ({"code": "99"}, "code"), ({"code": "abc"}, "code"), ({"root": "21"}, "root"), ({"plover": "PARTY"}, "plover"),
             ({"quad_classes": [5]}, "quad_class"), ({"since": "2024-02-30"}, "since"),
             ({"since": "2024-03-01", "until": "2024-02-01"}, "until"), ({"text": "x" * 300}, "text"),
             ({"statuses": ["rumoured"]}, "status"), ({"place": ""}, "place"), ({"article": "a b"}, "article")]
    for kwargs, param in cases:
        with pytest.raises(QueryError) as exc:
            EventFilter.of(**kwargs)
        assert exc.value.param == param, kwargs
    f = EventFilter.of(actors=["rus", " ukr ,RUS"], plover="assault", root="4", dyad="rus-ukr")
    assert f.actors == ("RUS", "UKR") and f.plover == "ASSAULT" and f.root == "04" and f.dyad == ("RUS", "UKR")


def test_actor_key_matches_every_sector_and_code_only_itself(small):
    with Reader(small) as r:
        assert ids(r.events(EventFilter.of(actors=["RUS"]))) == ["a1-0", "a1-1", "a1-2", "a1-4", "a2-3"]
        assert ids(r.events(EventFilter.of(actors=["RUSGOV"]))) == ["a1-1"]
        assert ids(r.events(EventFilter.of(actors=["NATO"]))) == ["a2-3"]
        assert ids(r.events(EventFilter.of(source="UKR", target="RUS"))) == ["a1-1"]
        # a dyad reads both directions
        assert ids(r.events(EventFilter.of(dyad="UKR-RUS"))) == ["a1-0", "a1-1", "a1-2"]


def test_code_type_quadclass_place_text_and_status_filters(small):
    with Reader(small) as r:
        assert ids(r.events(EventFilter.of(code="11"))) == ["a1-1", "a2-3"]
        assert ids(r.events(EventFilter.of(root="16"))) == ["a1-4"]
        assert ids(r.events(EventFilter.of(plover="CONSULT"))) == ["a1-2"]
        assert ids(r.events(EventFilter.of(quad_classes=[3, 4]))) == ["a1-0", "a1-1", "a1-4", "a2-3"]
        assert ids(r.events(EventFilter.of(place="kharkiv"))) == ["a1-0"]
        assert ids(r.events(EventFilter.of(place="TUR"))) == ["a1-2"]
        assert ids(r.events(EventFilter.of(text="WAR CRIMES"))) == ["a1-1"]
        assert ids(r.events(EventFilter.of(statuses=["negated"]))) == ["a1-5"]
        assert r.events(EventFilter.of(statuses=["all"])).total == 6


def test_an_undated_event_counts_on_its_articles_publication_day(small):
    with Reader(small) as r:
        got = r.events(EventFilter.of(since="2024-01-05", until="2024-01-05"))
        assert ids(got) == ["a2-3"]
        assert got.items[0]["date"] is None and got.items[0]["day"] == D(2024, 1, 5)


def test_pages_and_sort_orders(small):
    with Reader(small) as r:
        first = r.events(EventFilter.of(), page=1, per_page=2, sort="-date")
        assert first.total == 5 and first.pages == 3 and [x["id"] for x in first.items] == ["a1-4", "a1-2"]
        assert [x["id"] for x in r.events(EventFilter.of(), page=3, per_page=2, sort="-date").items] == ["a1-0"]
        assert r.events(EventFilter.of(), page=9, per_page=2).items == []
        assert r.events(EventFilter.of(), per_page=1, sort="goldstein").items[0]["goldstein"] == -10.0
        for page, per_page in ((0, 10), (1, 0), (1, 501)):
            with pytest.raises(QueryError):
                r.events(EventFilter.of(), page=page, per_page=per_page)
        with pytest.raises(QueryError):
            r.events(EventFilter.of(), sort="random")


def test_series_per_week_and_month_by_quad_class(small):
    with Reader(small) as r:
        weeks = series(r, EventFilter.of(), period="week", by="quad_class").items
        got = {(x["period"], x["key"]): x["events"] for x in weeks}
        # 2024-01-01 is a Monday: the 2nd, 3rd and 5th (the undated event's publication day) share its week
        assert got == {(D(2024, 1, 1), "4"): 1, (D(2024, 1, 1), "3"): 2, (D(2024, 1, 8), "1"): 1, (D(2024, 2, 19), "4"): 1}
        months = series(r, EventFilter.of(), period="month").items
        assert [(x["period"], x["events"], x["goldstein_sum"]) for x in months] == [
            (D(2024, 1, 1), 4, -13.0), (D(2024, 2, 1), 1, -8.0)]
        assert months[0]["conflict"] == 3 and months[0]["cooperation"] == 1 and months[0]["tone_mean"] is None
        dy = {x["key"] for x in series(r, EventFilter.of(), period="month", by="dyad").items}
        assert dy == {"RUS>UKR", "UKR>RUS", "NATO>RUS", "USA>RUS"}
        with pytest.raises(QueryError):
            series(r, EventFilter.of(), period="year")


def test_totals_top_actors_and_dyads(small):
    with Reader(small) as r:
        assert {x["key"]: x["events"] for x in totals(r, EventFilter.of(), by="plover").items} == {
            "ASSAULT": 1, "ACCUSE": 2, "CONSULT": 1, "SANCTION": 1}
        top = top_actors(r, EventFilter.of()).items
        assert top[0]["actor"] == "RUS" and top[0]["events"] == 5 and top[0]["name"] == "Russia"
        assert top[0]["as_source"] == 2 and top[0]["as_target"] == 3
        by_code = {x["actor"]: x["events"] for x in top_actors(r, EventFilter.of(), role="source", level="code").items}
        assert by_code == {"NATO": 1, "RUS": 1, "RUSMIL": 1, "UKRGOV": 1, "USAGOV": 1}
        edges = {(x["source"], x["target"]): x for x in dyads(r, EventFilter.of()).items}
        assert edges[("RUS", "UKR")]["events"] == 2 and edges[("RUS", "UKR")]["goldstein_mean"] == -4.5
        assert not edges[("RUS", "UKR")]["reciprocal"]
        assert set(edges) == {("RUS", "UKR"), ("UKR", "RUS"), ("NATO", "RUS"), ("USA", "RUS")}


def test_reciprocal_events_make_one_undirected_edge_when_the_database_stores_the_flag(tmp_path):
    rows = [event_row(0, "UKR", "RUS", D(2024, 1, 10), cameo="040", quad_class=1, goldstein=1.0, reciprocal=True),
            event_row(1, "RUS", "UKR", D(2024, 1, 11), cameo="040", quad_class=1, goldstein=1.0, reciprocal=True),
            event_row(2, "RUS", "UKR", D(2024, 1, 12), reciprocal=False)]
    db = make_db(tmp_path / "r.duckdb", rows, extra_columns={"reciprocal": "BOOLEAN", "tone": "DOUBLE"})
    with Reader(db) as r:
        edges = {(x["source"], x["target"], x["reciprocal"]): x["events"] for x in dyads(r, EventFilter.of()).items}
        assert edges == {("RUS", "UKR", True): 2, ("RUS", "UKR", False): 1}
        keys = {x["key"] for x in series(r, EventFilter.of(), by="dyad").items}
        assert keys == {"RUS-UKR", "RUS>UKR"}
        assert r.summary()["reciprocal_stored"] and r.events(EventFilter.of(), sort="date").items[0]["reciprocal"]


def test_tone_is_averaged_when_stored(tmp_path):
    rows = [event_row(0, "RUS", "UKR", D(2024, 1, 2), tone=-3.0), event_row(1, "RUS", "UKR", D(2024, 1, 3), tone=-1.0)]
    db = make_db(tmp_path / "t.duckdb", rows, extra_columns={"tone": "DOUBLE"})
    with Reader(db) as r:
        assert series(r, EventFilter.of(), period="month").items[0]["tone_mean"] == -2.0


def weekly(start: dt.date, counts: list[tuple[int, float]], source: str = "RUS", target: str = "UKR",
           first: int = 0) -> list[dict]:  # type: ignore[type-arg]
    """Events of one dyad, week by week from `start`: (number of events, Goldstein of each)."""
    rows, n = [], first
    for w, (k, g) in enumerate(counts):
        for _ in range(k):
            qc = 4 if g <= -5 else 3 if g < 0 else 1
            rows.append(event_row(n, source, target, start + dt.timedelta(weeks=w), goldstein=g, quad_class=qc))
            n += 1
    return rows


def test_escalation_signal_against_the_dyads_own_trailing_baseline(tmp_path):
    monday = D(2024, 1, 1)
    # ten quiet weeks of one verbal clash (-2) each, then a week of three attacks (-10 each)
    rows = weekly(monday, [(1, -2.0)] * 10 + [(3, -10.0)])
    # another dyad: a single cooperative event in week 11 gives no intensity
    rows += weekly(monday + dt.timedelta(weeks=10), [(1, 4.0)], "FRA", "DEU", first=100)
    db = make_db(tmp_path / "e.duckdb", rows)
    with Reader(db) as r:
        page = escalation(r, EventFilter.of())
        assert page.extra["scored_from"] == monday + dt.timedelta(weeks=8)
        got = {(x["source"], x["period"]): x for x in page.items}
        early = got[("RUS", monday + dt.timedelta(weeks=7))]
        assert early["signal"] is None and not early["flagged"]  # no full baseline inside the database yet
        quiet = got[("RUS", monday + dt.timedelta(weeks=9))]
        assert quiet["intensity"] == 2.0 and quiet["baseline_mean"] == 2.0 and quiet["signal"] == 0.0
        peak = got[("RUS", monday + dt.timedelta(weeks=10))]
        # intensity 30, baseline mean 2 and std 0: (30 - 2) / (0 + 1)
        assert peak["intensity"] == 30.0 and peak["baseline_std"] == 0.0 and peak["signal"] == 28.0 and peak["flagged"]
        coop = got[("FRA", monday + dt.timedelta(weeks=10))]
        assert coop["intensity"] == 0.0 and not coop["flagged"]
        flagged = escalation(r, EventFilter.of(), flagged_only=True).items
        assert [(x["source"], x["target"], x["period"]) for x in flagged] == [("RUS", "UKR", monday + dt.timedelta(weeks=10))]
        # a since bound still reads the weeks before it for the baseline
        late = escalation(r, EventFilter.of(since=monday + dt.timedelta(weeks=10))).items
        assert [x["signal"] for x in late if x["source"] == "RUS"] == [28.0]
        # a higher threshold or a wider window changes the verdict as defined
        assert not escalation(r, EventFilter.of(), threshold=30, flagged_only=True).items
        with pytest.raises(QueryError):
            escalation(r, EventFilter.of(), window=1)


def test_escalation_baseline_spread_damps_the_signal(tmp_path):
    monday = D(2024, 1, 1)
    # alternating quiet and busy weeks: the baseline varies, so the same peak stands out less
    rows = weekly(monday, [(1, -2.0), (3, -2.0)] * 4 + [(1, -2.0), (4, -2.0)])
    with Reader(make_db(tmp_path / "s.duckdb", rows)) as r:
        last = [x for x in escalation(r, EventFilter.of()).items if x["period"] == monday + dt.timedelta(weeks=9)][0]
        # baseline: weeks 1-8 = 6,2,6,2,6,2,6,2 (mean 4, std 2); intensity 8 -> (8 - 4) / (2 + 1)
        assert last["baseline_mean"] == 4.0 and last["baseline_std"] == 2.0 and last["signal"] == pytest.approx(1.333, abs=1e-3)
        assert not last["flagged"]


def test_period_arithmetic():
    assert period_start(D(2024, 1, 7), "week") == D(2024, 1, 1)
    assert period_start(D(2024, 2, 29), "month") == D(2024, 2, 1)
    assert shift(D(2024, 1, 1), "month", -1) == D(2023, 12, 1)
    assert shift(D(2024, 11, 1), "month", 3) == D(2025, 2, 1)
    assert shift(D(2024, 1, 1), "week", -8) == D(2023, 11, 6)


def test_reader_refuses_missing_and_foreign_files(tmp_path):
    with pytest.raises(StoreError, match="no database here"):
        Reader(tmp_path / "none.duckdb")
    import duckdb

    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INTEGER)").close()
    with pytest.raises(StoreError, match="not an eventwire database"):
        Reader(other)


def test_demo_database_queries(demo_db):
    with Reader(demo_db) as r:
        s = r.summary()
        assert s["articles"] == 24 and s["events"] > 100
        rus_ukr = r.events(EventFilter.of(source="RUS", target="UKR"))
        assert rus_ukr.total >= 2 and all(e["source_key"] == "RUS" and e["target_key"] == "UKR" for e in rus_ukr.items)
        assert any(e["cameo"].startswith("19") for e in rus_ukr.items)  # the invasion
        top = [x["actor"] for x in top_actors(r, EventFilter.of(), per_page=5).items]
        assert {"USA", "RUS", "UKR"} <= set(top)
        quotes = r.quotes(["RUS"]).items
        assert quotes and all(q["speaker_key"] == "RUS" for q in quotes)
        assert any(q["speaker_name"] == "Vladimir Putin" for q in quotes)
        detail = r.event(rus_ukr.items[0]["id"])
        assert detail is not None
        ev, text = detail["event"], detail["article"]["text"]
        assert text[ev["evidence_start"]:ev["evidence_end"]] == ev["evidence_text"]
        s0, s1 = ev["trigger_span"]
        assert text[s0:s1].lower().startswith(ev["trigger"].split()[0].lower())
        assert any(m["code"] == ev["source_code"] for m in detail["mentions"])
        assert r.event("no-such-event") is None
