from __future__ import annotations


def places(pipeline, text, pub="2023-01-10"):  # type: ignore[no-untyped-def]
    return {(p.name, p.country) for p in pipeline(text, published=pub).places}


def test_big_city_wins_without_other_context(pipeline):
    assert ("Vienna", "AUT") in places(pipeline, "The delegates gathered in Vienna with U.S. envoys.")


def test_qualifier_picks_the_small_namesake(pipeline):
    assert ("Vienna", "USA") in places(pipeline, "A rally took place in Vienna, Virginia, on Sunday.")


def test_georgia_the_country_among_former_soviet_states(pipeline):
    found = places(pipeline, "Moscow opposes NATO membership for former Soviet states like Ukraine and Georgia.")
    assert ("Georgia", "GEO") in found and ("Georgia", "USA") not in found


def test_georgia_the_state_in_a_us_context(pipeline):
    found = places(pipeline, "Voters in Atlanta turned out early as Georgia counted ballots.")
    assert ("Georgia", "USA") in found


def test_places_have_coordinates(pipeline):
    art = pipeline("The foreign ministers met in Geneva.", published="2023-01-10")
    geneva = [p for p in art.places if p.name == "Geneva"][0]
    assert geneva.country == "CHE" and 46 < geneva.lat < 47 and 6 < geneva.lon < 7


def test_words_that_are_also_towns_are_not_places(pipeline):
    assert places(pipeline, "Most officials said the Union would Split the vote.") == set()
