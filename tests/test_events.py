"""Event grammar on sentences written for these tests."""

from __future__ import annotations

import pytest
from tests.conftest import keys


def code(pipeline, text, pub="2023-06-07"):  # type: ignore[no-untyped-def]
    return pipeline(text, published=pub)


def test_compound_subject_meeting_is_reciprocal(pipeline):
    art = code(pipeline, "Saudi and Iranian diplomats met in Beijing on Friday.")
    meetings = [e for e in art.events if e.root == "04"]
    assert [(e.source.key, e.target.key, e.reciprocal) for e in meetings] == [("SAU", "IRN", True)]
    art = code(pipeline, "Chile's foreign minister met his Peruvian counterpart in Lima.")
    assert [(e.source.key, e.target.key, e.reciprocal) for e in art.events if e.root == "04"] == [("CHL", "PER", True)]


def test_passive_voice_swaps_source_and_target(pipeline):
    art = code(pipeline, "Two Kenyan border posts were attacked by Somali militants on Monday.")
    ev = [e for e in art.events if e.root == "19"][0]
    assert ev.source.key == "SOM" and ev.target.key == "KEN"


def test_negation_is_not_an_agreement(pipeline):
    art = code(pipeline, "Serbia did not recognize Kosovo.")
    assert all(e.status == "negated" for e in art.events if e.root == "05")
    assert "unrealised_events" in art.to_record() and not art.to_record()["events"]


def test_future_cooperation_is_a_planned_intent_and_dated(pipeline):
    # PLOVER codes cooperation reported in the future tense as AGREE (CAMEO 03x: 036 intent to meet)
    art = code(pipeline, "Brazil will host Argentine officials on Friday.")
    ev = [e for e in art.events if e.source.key == "BRA"][0]
    assert (ev.code, ev.plover, ev.status) == ("036", "AGREE", "planned")
    assert ev.date == "2023-06-09" and ev.date_precision == "day" and ev.target.key == "ARG"


def test_nominal_event_with_possessor(pipeline):
    art = code(pipeline, "Analysts tracked China's military buildup near Taiwan.")
    assert ("CHN", "TWN", "15") in keys(art.events)


def test_participle_clause_has_its_own_actors(pipeline):
    art = code(pipeline, "The war in Yemen, where rebels are shelling government positions, goes on.")
    assert ("YEM", "YEM", "19") in keys(art.events)


def test_bare_mention_of_a_meeting_is_not_an_event(pipeline):
    art = code(pipeline, "The OSCE meeting ended without a statement.")
    assert not [e for e in art.events if e.root == "04"]


def test_event_without_date_gets_publication_date_flagged(pipeline):
    art = code(pipeline, "Norway condemned the attack on Sweden's embassy.")
    ev = [e for e in art.events if e.root == "11"][0]
    assert ev.date == "2023-06-07" and ev.date_precision == "publication"
    assert ev.plover == "ACCUSE" and ev.quad_class == 3 and ev.goldstein < 0


def test_unresolved_source_codes_nothing(pipeline):
    art = code(pipeline, "Someone attacked the convoy near Goma.")
    assert art.events == []


def test_threat_names_the_party_of_its_condition(pipeline):
    art = code(pipeline, "Turkey threatened to halt talks if Greece deploys new troops on the islands.")
    ev = [e for e in art.events if e.root == "13"]
    assert ev and ev[0].source.key == "TUR" and ev[0].target.key == "GRC"
    assert not [e for e in art.events if e.root in ("04", "15")]  # the threatened acts are its content


def test_willingness_to_act_is_an_intent(pipeline):
    art = code(pipeline, "Armenia is willing to withdraw its troops from the border region with Azerbaijan.")
    assert {(e.source.key, e.root) for e in art.events} == {("ARM", "03")}


def test_reported_obligation_is_a_demand(pipeline):
    art = code(pipeline, "Egypt said on Monday that Ethiopia must share data on the dam's filling.")
    assert ("EGY", "ETH", "10") in keys(art.events)
    assert not [e for e in art.events if e.root == "01"]


def test_demand_content_is_not_an_event_of_its_own(pipeline):
    art = code(pipeline, "Poland demanded that Belarus release the detained journalists.")
    assert keys(art.events) == {("POL", "BLR", "10")}


def test_domestic_protest_is_against_its_authorities(pipeline):
    art = code(pipeline, "Thousands of Serbian students protested in Belgrade on Sunday.")
    ev = [e for e in art.events if e.root == "14"][0]
    assert ev.source.key == "SRB" and ev.target.key == "SRB" and ev.target.sector == "GOV"


def test_questions_and_whether_clauses_are_not_events(pipeline):
    art = code(pipeline, "Did Russia attack the Ukrainian convoy? Officials asked whether Poland would expel diplomats.")
    assert all(e.status not in ("occurred", "planned") for e in art.events)


def test_an_act_done_in_a_place_falls_on_its_country(pipeline):
    art = code(pipeline, "Kenya will withdraw its remaining troops from Somalia next year.")
    assert ("KEN", "SOM", "03") in keys(art.events)
    art = code(pipeline, "Armed men blew up two power lines near Mosul, and Iraqi police sent investigators to Kirkuk.")
    assert {e.root for e in art.events if e.target and e.target.key == "IRQ"} >= {"09"}


def test_a_place_in_another_clause_is_no_target(pipeline):
    art = code(pipeline, "Jordan says it will not accept more refugees if fighting spreads to Syria.")
    assert all(e.target is None or e.target.key != "SYR" for e in art.events)


def test_the_author_of_what_is_investigated_or_condemned_is_the_target(pipeline):
    art = code(pipeline, "Peru is investigating alleged abuses by Peruvian soldiers against Bolivian migrants.")
    assert [(e.source.key, e.target.sector, e.root) for e in art.events] == [("PER", "MIL", "09")]
    art = code(pipeline, "The African Union condemned raids by Sudanese militias on villages in Chad.")
    assert ("AU", "SDN", "11") in keys(art.events)


def test_a_noun_after_a_past_tense_verb_is_its_object(pipeline):
    art = code(pipeline, "Norway denounced strikes by Israeli jets on Gaza.")
    assert ("NOR", "ISR", "11") in keys(art.events)
    assert all(e.source.key != "NOR" for e in art.events if e.root == "19")


def test_an_obligation_on_two_parties_is_a_demand_on_each(pipeline):
    art = code(pipeline, "The Red Cross working in Mali said French and Malian troops must protect aid convoys.")
    assert {("ICRC", "FRA", "10"), ("ICRC", "MLI", "10")} <= keys(art.events)


def test_victims_with_no_named_perpetrator_have_an_empty_source(pipeline):
    art = code(pipeline, "Four Somali police officers were killed in a roadside bombing near Kismayo on Tuesday.")
    ev = [e for e in art.events if e.target and e.target.key == "SOM"]
    assert [(e.source, e.code) for e in ev] == [(None, "1833")]
    art = code(pipeline, "Four Somali police officers were killed by gunmen.")
    assert not [e for e in art.events if e.source is None]  # a doer is named, just not resolved


def test_militias_attacking_civilians_is_assault_armies_fighting_is_fight(pipeline):
    art = code(pipeline, "Sudanese militiamen attacked Chadian villagers on Monday.")
    assert ("SDN", "TCD", "18") in keys(art.events)
    art = code(pipeline, "Sudanese troops attacked Chadian soldiers on Monday.")
    assert ("SDN", "TCD", "19") in keys(art.events)


@pytest.mark.parametrize("text", [
    "The senator attacked the president's spokesman for dodging questions.",
    "Reporters complained about the prime minister's repeated attacks on the press.",
])
def test_politicians_attacking_people_or_the_press_is_criticism(pipeline, text):
    art = code(pipeline, text)
    assert not [e for e in art.events if e.root in ("18", "19")]


@pytest.mark.parametrize("text", [
    "Suppose Turkey closed its border with Syria tomorrow.",
    "Congress refused to give Obama the authority to negotiate trade deals with Japan.",
    "Critics say Finland is seen as siding with Sweden.",
    "The two men from Syria face charges of smuggling migrants into Greece.",
    "The Kenyan agency charged with protecting Somali refugees has a new director.",
    "Israel freed 26 prisoners, many convicted of attacks on Israelis.",
])
def test_possible_or_described_acts_are_not_reported_events(pipeline, text):
    art = code(pipeline, text)
    realised = [e for e in art.events if e.status in ("occurred", "planned")]
    assert not [e for e in realised if e.root in ("04", "05", "11", "19")], [(e.code, e.trigger) for e in realised]


@pytest.mark.parametrize(("text", "roots"), [
    ("Flynn's lawyer said the Kenyan pleaded guilty to lying to Congress.", {"02"}),
    ("The Fox News poll is based on cell phone interviews with voters in Mexico.", {"04"}),
    ("The Japanese program drew strong demand from businesses.", {"10"}),
    ("Authorities in Italy warned Italian tourists visiting Egypt to avoid crowds.", {"13", "04"}),
])
def test_everyday_senses_of_event_words_are_not_events(pipeline, text, roots):
    art = code(pipeline, text)
    assert not [e for e in art.events if e.root in roots], [(e.code, e.trigger) for e in art.events]


def test_passives_with_other_auxiliaries_and_sources_after_from(pipeline):
    art = code(pipeline, "Mexico got rebuffed by Canada, and the plan drew criticism from Germany.")
    assert {("CAN", "MEX", "12"), ("DEU", None, "11")} <= keys(art.events)


def test_taking_an_abstract_thing_is_no_occupation(pipeline):
    art = code(pipeline, "The speeches by Kenya's president captured the mood of the country.")
    assert not [e for e in art.events if e.root == "19"]
    art = code(pipeline, "Rebels from Mali captured the town of Kidal in northern Mali.")
    assert ("MLI", "MLI", "19") in keys(art.events)


@pytest.mark.parametrize(("text", "roots"), [
    ("Senators debated how sexual assault cases in the Kenyan army are handled.", {"18", "19"}),
    ("The Tulsa rally debacle raised questions about the Brazilian campaign.", {"14"}),
    ("Vigils were held for the victims of the Newtown massacre, the Canadian envoy said.", {"18", "19", "20"}),
    ("Obama seized on the tragedy to press Congress.", {"17", "19"}),
    ("This is for Congress and the Mexican president to negotiate.", {"04"}),
])
def test_event_words_as_modifiers_names_or_duties_are_not_events(pipeline, text, roots):
    art = code(pipeline, text)
    realised = [e for e in art.events if e.status in ("occurred", "planned")]
    assert not [e for e in realised if e.root in roots], [(e.code, e.trigger) for e in realised]


def test_an_attack_that_kills_is_physical_even_by_a_leader(pipeline):
    art = code(pipeline, "Assad used chemical weapons in an attack on Douma that killed 40 Syrian civilians.")
    assert not [e for e in art.events if e.root == "11"]


def test_the_subject_of_a_clause_opened_by_after_or_until_is_its_actor(pipeline):
    art = code(pipeline, "Sweden applied to join NATO months after Russia invaded Ukraine.")
    assert [(e.source.key, e.code, e.target.key) for e in art.events if e.root == "19"] == [("RUS", "190", "UKR")]
    art = code(pipeline, "Turkey will wait until Russia withdraws its troops.")
    assert [e.source.key for e in art.events if e.root == "03"] == ["RUS"]


def test_an_invitation_to_talks_is_an_intent_to_meet(pipeline):
    art = code(pipeline, "Putin invited Erdogan to a summit in Sochi.")
    assert [(e.source.key, e.code, e.target.key) for e in art.events] == [("RUS", "036", "TUR")]
    assert not code(pipeline, "The president invited reporters to the White House.").events
