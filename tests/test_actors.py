"""Actor resolution on sentences written for these tests."""

from __future__ import annotations

import pytest


def people(art):  # type: ignore[no-untyped-def]
    return {a.name: a for _, a in art.actors() if a.kind == "person"}


def test_unlisted_official_gets_country_from_adjective(pipeline):
    art = pipeline("Kenyan Deputy Interior Minister Joseph Kamau Otieno met donors in Nairobi.", published="2023-05-02")
    p = people(art)["Joseph Kamau Otieno"]
    assert p.country == "KEN" and p.role == "Deputy Interior Minister"


def test_unlisted_officials_get_country_from_apposition(pipeline):
    art = pipeline("Deputy Foreign Minister Ivan Petrovsky and Deputy Defense Minister Oleg Sidorenko, "
                   "representing Belarus at the meeting, declined to comment.", published="2023-05-02")
    p = people(art)
    assert p["Ivan Petrovsky"].country == "BLR" and p["Oleg Sidorenko"].country == "BLR"


def test_listed_person_role_depends_on_the_date(pipeline):
    early = people(pipeline("Joe Biden spoke in Delaware.", published="2012-06-01"))["Joe Biden"]
    late = people(pipeline("Joe Biden spoke in Delaware.", published="2022-06-01"))["Joe Biden"]
    assert early.role == "Vice President" and late.role == "President"


def test_surname_honorific_and_pronoun_corefer(pipeline):
    art = pipeline("NATO Secretary-General Mark Rutte arrived in Ankara on Monday.\n"
                   "Mr. Rutte praised Turkey. He later met reporters.", published="2025-03-04")
    names = [a.name for _, a in art.actors() if a.kind == "person"]
    assert names.count("Mark Rutte") == 3
    assert all(a.key == "NATO" for _, a in art.actors() if a.name == "Mark Rutte")


def test_title_descriptor_resolves_to_the_leader(pipeline):
    art = pipeline("OSCE Secretary General Helga Schmid visited Chisinau.\n"
                   "\u201cWe support dialogue,\u201d the OSCE chief said.", published="2022-03-01")
    assert art.quotes[0].speaker is not None and art.quotes[0].speaker.name == "Helga Schmid"


def test_compound_modifiers_make_two_actors(pipeline):
    art = pipeline("Indian and Chinese soldiers clashed in the Galwan Valley.", published="2020-06-16")
    group = [m for m in art.mentions if len(m.actors) == 2][0]
    assert {a.key for a in group.actors} == {"IND", "CHN"} and {a.sector for a in group.actors} == {"MIL"}


def test_metonyms_and_affiliation_prefixes(pipeline):
    art = pipeline("The Kremlin rejected a pro-Kyiv resolution backed by Washington.", published="2023-01-10")
    acts = [(m.text, a.key, a.sector) for m in art.mentions for a in m.actors]
    assert ("Kremlin", "RUS", "GOV") in acts
    assert not any(t == "Kyiv" for t, _, _ in acts)  # "pro-Kyiv" tells an affiliation, not an actor


@pytest.mark.parametrize("text,key", [
    ("Georgia and Armenia signed a transit deal.", "GEO"),
    ("Jordan hosted talks between Israel and Hamas.", "JOR"),
])
def test_ambiguous_country_names_as_countries(pipeline, text, key):
    art = pipeline(text, published="2023-01-10")
    assert art.mentions[0].actors[0].key == key


def test_igo_description_and_anaphor(pipeline):
    art = pipeline("The Western military alliance met in Brussels. The alliance agreed to help.", published="2023-01-10")
    assert [a.key for _, a in art.actors()][:2] == ["NATO", "NATO"]


def test_acronym_gloss_wins_over_a_misspelled_long_name(pipeline):
    art = pipeline("The Organisation for Security and Economic Cooperation in Europe (OSCE) sent monitors.",
                   published="2015-01-10")
    assert art.mentions[0].actors[0].key == "OSCE" and art.mentions[0].rule == "igo.acronym-gloss"


def test_unknown_capitalised_names_stay_unknown(pipeline):
    art = pipeline("Zorblat Quenx said the harvest was late.", published="2023-01-10")
    assert not any(a.key for _, a in art.actors())


@pytest.mark.parametrize("text", [
    "Chad Wolf, the acting secretary, testified on Tuesday.",
    "Fans cheered Michael Jordan in Chicago.",
    "Fishermen on the Niger River reported low water.",
])
def test_ambiguous_country_names_that_are_not_countries(pipeline, text):
    art = pipeline(text, published="2020-01-10")
    assert not any(a.key in ("TCD", "JOR", "NER") for _, a in art.actors())
    assert not any(p.country in ("TCD", "JOR", "NER") for p in art.places)


def test_georgia_the_us_state_in_us_political_news(pipeline):
    art = pipeline("Gov. Brian Kemp said Georgia would certify the results. Republicans in Atlanta objected.",
                   published="2020-11-20")
    keys = {a.key for m, a in art.actors() if m.text == "Georgia"}
    assert keys == {"USA"}


def test_washington_as_actor_city_and_state(pipeline):
    art = pipeline("Washington imposed new tariffs. Officials met in Washington. Wildfires burned in Washington state.",
                   published="2020-09-10")
    assert art.mentions[0].actors[0].key == "USA" and art.mentions[0].actors[0].sector == "GOV"
    kinds = [(p.name, p.precision) for p in art.places if p.name == "Washington"]
    assert ("Washington", "city") in kinds and ("Washington", "region") in kinds


@pytest.mark.parametrize("igo,other", [("EU", "NATO"), ("NATO", "EU")])
def test_brussels_means_the_organisation_the_article_is_about(pipeline, igo, other):
    names = {"EU": "The European Union", "NATO": "NATO"}
    art = pipeline(f"{names[igo]} met on Monday. Moscow rejected a Brussels demand on Tuesday.", published="2022-01-12")
    brussels = [a for m, a in art.actors() if m.text == "Brussels"]
    assert brussels and brussels[0].key == igo


def test_brussels_the_city_is_a_place_not_an_actor(pipeline):
    art = pipeline("Ministers gathered in Brussels for the summit.", published="2022-01-12")
    assert not any(m.text == "Brussels" for m in art.mentions)
    assert ("Brussels", "BEL") in {(p.name, p.country) for p in art.places}


def test_turkey_the_bird_is_not_the_country(pipeline):
    art = pipeline("Families roasted a turkey for the holiday.", published="2020-11-26")
    assert not any(a.key for _, a in art.actors()) and art.places == []


def test_possessive_country_is_the_source_of_a_nominal_event(pipeline):
    art = pipeline("Iran's nuclear talks with France resumed.", published="2020-11-26")
    assert any(e.source.key == "IRN" and e.target.key == "FRA" for e in art.events)


def test_role_and_nationality_possessive_form(pipeline):
    art = pipeline("Iran's deputy foreign minister, Kazem Gharibabadi, met envoys.", published="2024-05-01")
    people = {a.name: a for _, a in art.actors() if a.kind == "person"}
    assert people["Kazem Gharibabadi"].country == "IRN"


def test_ambassador_to_an_organisation_speaks_for_their_country(pipeline):
    art = pipeline("United Nations Ambassador Nikki Haley condemned the report.", published="2018-01-05")
    assert [(a.name, a.key) for _, a in art.actors()] == [("Nikki Haley", "USA")]


def test_bare_surname_of_an_obscure_office_holder_is_not_guessed(pipeline):
    art = pipeline("Mr. Harris said the campaign spent too much in the county.", published="2018-12-07")
    assert all(a.key is None for _, a in art.actors() if a.kind == "person")


@pytest.mark.parametrize(("text", "span", "country"), [
    ("Bosnian Croats voted to leave the federation.", "Bosnian Croats", "BIH"),
    ("Lebanese Christians marched through the capital.", "Lebanese Christians", "LBN"),
    ("Uyghur exiles met a delegation in Istanbul.", "Uyghur exiles", "CHN"),
    ("Armed Kurdish groups clashed with soldiers in northern Syria.", "Kurdish groups", "SYR"),
    ("The Hungarian minority in Slovakia asked for language rights.", "Hungarian minority", "SVK"),
])
def test_communities_take_the_country_they_live_in(pipeline, text, span, country):
    art = pipeline(text)
    m = next(m for m in art.mentions if m.text.endswith(span))
    assert [a.country for a in m.actors] == [country]


def test_an_ethnic_word_can_open_a_name(pipeline):
    art = pipeline("Karen Lopez, a city councillor, said the vote was close.")
    assert any(m.text == "Karen Lopez" and m.actors[0].kind == "person" for m in art.mentions)


def test_named_groups_of_no_one_country_are_transnational(pipeline):
    art = pipeline("Greenpeace accused Norway of ignoring the ruling, and al-Qaeda threatened Kenya.")
    codes = {(e.source.code, e.target.key) for e in art.events}
    assert ("NGO", "NOR") in codes and ("IMGINS", "KEN") in codes


@pytest.mark.parametrize(("text", "span", "code"), [
    ("The Ghana Union of Nurses called off its strike on Monday.", "Ghana Union of Nurses", "GHAHLH"),
    ("The World Federation of Trade Unions condemned the arrests.", "World Federation of Trade Unions", "NGOLAB"),
    ("The Kenya Farmers Association said prices had collapsed.", "Kenya Farmers Association", "KENAGR"),
])
def test_unlisted_organisations_are_read_from_their_names(pipeline, text, span, code):
    art = pipeline(text)
    m = next(m for m in art.mentions if m.text == span)
    assert m.rule.startswith("group.org") and m.actors[0].code == code


def test_a_bare_organisation_noun_is_no_name(pipeline):
    art = pipeline("Union leaders said the Council would meet.")
    assert not [m for m in art.mentions if m.rule.startswith("group.org")]


def test_double_barrelled_and_apostrophe_surnames_keep_one_name(pipeline):
    art = pipeline("Deputy Mayor Ana Ruiz-Tagle opened the session. Ruiz-Tagle said the budget would pass.\n"
                   "Mr. O\u2019Rourke, a councillor, disagreed.", published="2023-05-02")
    p = people(art)
    assert "Ana Ruiz-Tagle" in p and "Ana Ruiz - Tagle" not in p
    later = [m for m in art.mentions if m.text == "Ruiz-Tagle"]
    assert later and later[0].actors[0].name == "Ana Ruiz-Tagle"
    assert "O\u2019Rourke" in p


def test_sentence_opening_function_words_are_no_part_of_a_name(pipeline):
    art = pipeline("Then Halvard Lunde said the quota would hold. Now Petra Sand says it will not.",
                   published="2023-05-02")
    assert {"Halvard Lunde", "Petra Sand"} <= set(people(art))
    assert not any(n.startswith(("Then", "Now")) for n in people(art))
