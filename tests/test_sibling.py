"""Generalisation: an article of the project's own, on the seed's pattern but with other actors, read by
the same rules and dictionaries (no special case for either article)."""

from __future__ import annotations

import json

import pytest
from tests.conftest import DATA, keys


@pytest.fixture(scope="module")
def sibling(pipeline):  # type: ignore[no-untyped-def]
    expected = json.loads((DATA / "sibling_article.expected.json").read_text(encoding="utf-8"))
    art = pipeline((DATA / "sibling_article.txt").read_text(encoding="utf-8"), published=expected["published"])
    return art, expected


def test_people_and_affiliations(sibling):  # type: ignore[no-untyped-def]
    art, expected = sibling
    people = {(a.name.split()[-1], a.key) for _, a in art.actors() if a.kind == "person"}
    for p in expected["people"]:
        assert (p["name"].split()[-1], p["affiliation"]) in people, p


def test_unlisted_official_takes_country_from_apposition(sibling):  # type: ignore[no-untyped-def]
    art, _ = sibling
    zhou = [a for _, a in art.actors() if a.name == "Zhou Mingyuan"]
    assert zhou and zhou[0].country == "CHN" and zhou[0].role == "Deputy Foreign Minister"


def test_quotes_attributed(sibling):  # type: ignore[no-untyped-def]
    art, expected = sibling
    for q in expected["quotes"]:
        match = [x for x in art.quotes if q["text"].strip(",") in x.text]
        assert match, q
        assert match[0].speaker is not None and q["speaker"] in match[0].speaker.name, (q, match[0].speaker)


def test_boilerplate_and_author(sibling):  # type: ignore[no-untyped-def]
    art, expected = sibling
    assert art.boilerplate == expected["boilerplate"]
    assert art.authors == [expected["author"]]
    assert "comment policy" not in art.text


def test_places(sibling):  # type: ignore[no-untyped-def]
    art, expected = sibling
    found = {(p.name, p.country) for p in art.places}
    for p in expected["places"]:
        assert (p["name"], p["country"]) in found, p


def test_events_recall_and_precision(sibling):  # type: ignore[no-untyped-def]
    art, expected = sibling
    got = keys(art.events)
    # a planned meeting may be coded as the intent to meet (PLOVER AGREE, CAMEO 036)
    got |= {(s, t, "04") for s, t, r in got if r == "03"}
    want = [(e["source"], e["target"], e["root"]) for e in expected["events"]]
    hit = [w for w in want if w in got or (w[1], w[0], w[2]) in got and w[2] == "04"]
    assert len(hit) / len(want) >= 0.75, sorted(set(want) - got)
    # every coded triple must be one a careful reader accepts (statements to the other party allowed)
    allowed = set(want) | {(t, s, r) for s, t, r in want if r in ("04", "03")}
    allowed |= {(s, t, "03") for s, t, r in allowed if r == "04"}
    allowed |= {(s, None, "01") for s, _, _ in want} | {(s, t, "01") for s, t, _ in want if t}
    wrong = got - allowed
    assert len(wrong) <= 2, sorted(wrong, key=str)


def test_dates_and_status(sibling):  # type: ignore[no-untyped-def]
    art, _ = sibling
    conferred = [e for e in art.events if e.trigger == "conferred"]
    assert conferred and all(e.date == "2025-06-30" and e.place and e.place.name == "Brussels" for e in conferred)
    wto = [e for e in art.events if e.source and e.source.key == "WTO"]
    assert wto and wto[0].status == "planned" and wto[0].date == "2025-07-04" and wto[0].place.name == "Geneva"
