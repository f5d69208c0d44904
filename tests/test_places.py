from __future__ import annotations

import pytest


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


def found(pipeline, text, pub="2023-01-10"):  # type: ignore[no-untyped-def]
    """(name, country, precision) of every place in the text."""
    return {(p.name, p.country, p.precision) for p in pipeline(text, published=pub).places}


# regions: first-level divisions and the project's own regions file
def test_division_word_makes_a_region(pipeline):
    assert ("Tigray", "ETH", "region") in found(pipeline, "Fighting resumed in the Tigray region of Ethiopia.")
    assert ("Idlib", "SYR", "region") in found(pipeline, "The militants retreated to the province of Idlib, officials said.")


def test_possessive_country_owns_the_division(pipeline):
    assert ("Punjab", "PAK", "region") in found(pipeline, "Police in Pakistan's Punjab province detained dozens of protesters.")
    assert ("Donetsk", "UKR", "region") in found(pipeline, "Shelling hit eastern Ukraine's Donetsk region overnight.")


def test_punjab_follows_its_qualifier_or_the_article(pipeline):
    assert ("Punjab", "IND", "region") in found(pipeline, "Farmers blocked highways in Punjab, India, on Monday.")
    assert ("Punjab", "IND", "region") in found(pipeline, "Indian farmers marched across Punjab against the new laws.")


def test_city_without_division_word_and_region_with_it(pipeline):
    assert ("Donetsk", "UKR", "city") in found(pipeline, "Explosions were heard in Donetsk on Tuesday.")
    both = found(pipeline, "Protesters gathered in Quebec City and across Quebec province.")
    assert ("Quebec City", "CAN", "city") in both and ("Quebec", "CAN", "region") in both


def test_multiword_regions_and_directions(pipeline):
    got = found(pipeline, "Aid trucks entered the Gaza Strip while settlers clashed with villagers in the West Bank.")
    assert {("Gaza Strip", "PSE", "region"), ("West Bank", "PSE", "region")} <= got
    assert ("Tigray", "ETH", "region") in found(pipeline, "Drones struck a market in northern Tigray.")


def test_well_known_region_named_bare(pipeline):
    assert ("Crimea", "UKR", "region") in found(pipeline, "Russia annexed Crimea in 2014.")
    assert ("Darfur", "SDN", "region") in found(pipeline, "Militias burned villages across Darfur.")


def test_bare_division_needs_its_country_in_the_article(pipeline):
    # "Holy Spirit" translates a Brazilian state's name; Brent is a London borough
    assert found(pipeline, "The Holy Spirit guided them through the storm.") == set()
    assert found(pipeline, "Brent crude fell two percent on Friday.") == set()
    assert found(pipeline, "The Red Sea shipping lanes stayed open.") == set()


def test_washington_state_city_and_government(pipeline):
    state = [p for p in pipeline("Wildfires spread across Washington state.", published="2023-01-10").places][0]
    assert (state.country, state.precision) == ("USA", "region") and state.lat > 45
    city = [p for p in pipeline("Lawmakers met in Washington to pass the bill.", published="2023-01-10").places][0]
    assert (city.country, city.precision) == ("USA", "city") and 38 < city.lat < 40


def test_state_qualifier_and_abbreviation(pipeline):
    assert ("Paris", "USA", "city") in found(pipeline, "She grew up in Paris, Texas, and moved away at 18.")
    aurora = [p for p in pipeline("The rally was held in Aurora, Colo., on Saturday.", published="2023-01-10").places
              if p.name == "Aurora"][0]
    assert aurora.country == "USA" and 39 < aurora.lat < 40.5  # Colorado's Aurora, not Illinois'


def test_capital_or_its_bigger_namesake(pipeline):
    assert ("Athens", "GRC", "city") in found(pipeline, "Tourists crowded the streets in Athens as Greek officials met.")
    us = found(pipeline, "Supporters rallied in San Jose, Calif., on Saturday. They marched again in San Jose on Sunday.")
    assert us == {("San Jose", "USA", "city")}  # both mentions: California's city, not Costa Rica's capital
    ga = found(pipeline, "Voters in Athens, Georgia, lined up before dawn.")
    assert ga == {("Athens", "USA", "city"), ("Georgia", "USA", "region")}


def test_a_state_named_in_the_article_picks_its_town(pipeline):
    art = pipeline("Lawmakers in Illinois met on Monday. The vote in Springfield was close.", published="2023-01-10")
    springfield = [p for p in art.places if p.name == "Springfield"][0]
    assert springfield.country == "USA" and -90 < springfield.lon < -89  # Illinois' capital, not Missouri's city


def test_listed_places_share_the_preposition(pipeline):
    got = found(pipeline, "Storms caused damage in Ohio, Kentucky and Tennessee.")
    assert {("Ohio", "USA", "region"), ("Kentucky", "USA", "region"), ("Tennessee", "USA", "region")} <= got
    capitals = found(pipeline, "Moscow recalled its envoys from Kyiv, Tbilisi and Chisinau.")
    assert {("Kyiv", "UKR", "city"), ("Tbilisi", "GEO", "city"), ("Chisinau", "MDA", "city")} <= capitals
    # a list of states goes on in kind: Washington here is the state, not the capital
    states = found(pipeline, "American voters cast ballots by mail in Washington, Colorado and Utah.")
    assert ("Washington", "USA", "region") in states and ("Washington", "USA", "city") not in states


def test_x_city_tells_the_city_from_its_region(pipeline):
    assert ("Gaza", "PSE", "region") in found(pipeline, "Rockets fired from Gaza landed in southern Israel.")
    assert ("Gaza City", "PSE", "city") in found(pipeline, "Crowds gathered in Gaza City after the strike.")
    assert ("Quebec", "CAN", "region") in found(pipeline, "Dairy farmers in Quebec hold electoral sway.")


def test_names_that_are_something_else(pipeline):
    assert found(pipeline, "The French frigate Aquitaine left port on Tuesday.") == set()  # a ship
    assert found(pipeline, "Approval fell to 45 percent, according to Gallup.") == set()  # a pollster
    assert found(pipeline, "Reporters waited for hours outside the White House.") == set()  # a seat, not Casablanca
    assert found(pipeline, "The essay first ran in Harper's.") == set()  # a magazine
    assert found(pipeline, "He works at the Kirkland & Ellis office downtown.") == set()  # a firm
    assert found(pipeline, "She studied at the University of Michigan.") == set()
    assert found(pipeline, "Jurors in the Southern District of New York heard the case.") == {("New York", "USA", "region")}
    got = found(pipeline, "George W. Bush took office in 2001. Critics of Bush said he acted alone.")
    assert not any(c == "EGY" for _, c, _ in got)  # Bush the president, not the Egyptian town


def test_event_in_a_region_carries_region_precision(pipeline):
    art = pipeline("Ethiopian troops attacked rebels in the Tigray region on Monday.", published="2023-01-10")
    placed = [e.place for e in art.events if e.place]
    assert placed and placed[0].name == "Tigray" and placed[0].precision == "region" and placed[0].country == "ETH"


def test_gazetteer_holds_divisions_with_english_and_folded_names(pipeline):
    gaz = pipeline.resources.gazetteer
    bavaria = [e for e in gaz["Bavaria"] if e.kind == "region"][0]
    assert bavaria.country == "DEU" and 47 < bavaria.lat < 51  # ISO's Bayern, by its English name
    assert any(e.country == "IND" and e.kind == "region" for e in gaz["Bihar"])  # 'Bihār' without its macron
    assert any(e.country == "PAK" for e in gaz["Punjab"]) and any(e.country == "IND" for e in gaz["Punjab"])
    assert any(e.curated and e.country == "UKR" for e in gaz["Donbass"])


def test_regions_file_entries_are_checked():
    from pydantic import ValidationError

    from eventwire.resources.schema import Region

    ok = Region.model_validate({"name": "Ogaden", "country": "ETH", "lat": 7.0, "lon": 44.0})
    assert ok.aliases == []
    for bad in ({"name": "ogaden", "country": "ETH", "lat": 7.0, "lon": 44.0},
                {"name": "Ogaden", "country": "ET", "lat": 7.0, "lon": 44.0},
                {"name": "Ogaden", "country": "ETH", "lat": 97.0, "lon": 44.0}):
        with pytest.raises(ValidationError):
            Region.model_validate(bad)
