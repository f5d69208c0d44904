"""The founding article must be read perfectly: scored by ../shared/eval/score.py on the CLI's JSON."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventwire.cli.main import app

SEED = "seed/000_bf805d41d855623e"
# Floors: the acceptance figures; raise them when the coder improves, never lower them silently.
FLOORS = {
    "event_f1": 0.95,
    "quote_attribution_accuracy": 1.0,
    "people_accuracy": 1.0,
    "place_recall": 1.0,
    "event_date_accuracy": 1.0,
    "planned_status_accuracy": 1.0,
    "boilerplate_removed": 1.0,
    "author_found": 1.0,
    "event_place_accuracy": 1.0,
    "quote_recall": 1.0,
}


@pytest.fixture(scope="module")
def seed_scores(shared, scorer):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["code", str(shared / f"{SEED}.txt"), "--published", "2022-01-12", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    gold = json.loads((shared / f"{SEED}.gold.json").read_text(encoding="utf-8"))
    return scorer.score_article(gold, doc), doc


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_seed_score_floor(seed_scores, name):  # type: ignore[no-untyped-def]
    scores, _ = seed_scores
    assert scores[name] >= FLOORS[name], (name, scores)


def test_seed_has_no_wrong_places(seed_scores):  # type: ignore[no-untyped-def]
    scores, _ = seed_scores
    assert scores["_place_errors"] == []


def test_seed_events_carry_evidence_and_pattern(seed_scores):  # type: ignore[no-untyped-def]
    _, doc = seed_scores
    assert doc["events"]
    for e in doc["events"]:
        ev = e["evidence"]
        assert doc["text"][ev["start"] : ev["end"]] == ev["text"]
        assert e["trigger"] in ev["text"]
        assert e["pattern"] and e["cameo"].isdigit() and e["cameo"][:2] == e["root"]
        assert isinstance(e["goldstein"], float) and e["quad_class"] in (1, 2, 3, 4)


def test_seed_geneva_talks_dated_monday(seed_scores):  # type: ignore[no-untyped-def]
    _, doc = seed_scores
    geneva = [e for e in doc["events"] if e["place"] and e["place"]["name"] == "Geneva"]
    assert geneva and all(e["date"] == "2022-01-10" for e in geneva)
    vienna = [e for e in doc["events"] if e["place"] and e["place"]["name"] == "Vienna"]
    assert vienna and all(e["status"] == "planned" and e["date"] == "2022-01-14" for e in vienna)
