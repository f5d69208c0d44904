from __future__ import annotations


def test_cue_after_with_pronoun(pipeline):
    art = pipeline("Prime Minister Narendra Modi arrived in Dhaka.\n"
                   "\u201cOur two countries share a river and a future,\u201d he said.", published="2021-03-26")
    q = art.quotes[0]
    assert q.text.startswith("Our two countries") and q.speaker.name == "Narendra Modi" and q.cue == "said"


def test_cue_before_and_split_quote(pipeline):
    art = pipeline('Chancellor Olaf Scholz said: "We will not be intimidated." '
                   '"Europe stands together," Mr. Scholz added, "and it will stay that way."', published="2022-03-01")
    assert len(art.quotes) == 3
    assert all(q.speaker and q.speaker.name == "Olaf Scholz" for q in art.quotes)


def test_partial_quote_speaker_is_the_reporting_subject(pipeline):
    art = pipeline('Foreign Minister Penny Wong called the agreement a "turning point for the region" on Tuesday.',
                   published="2023-02-01")
    assert art.quotes[0].speaker.name == "Penny Wong"


def test_scare_quotes_and_titles_are_not_quotes(pipeline):
    art = pipeline('The so-called "peace plan" drew scorn. Critics read the book titled "Winter War Diaries".',
                   published="2023-02-01")
    assert art.quotes == []


def test_we_in_a_quote_is_the_speakers_side(pipeline):
    art = pipeline("\u201cWe are ready to negotiate with Moscow,\u201d Ukrainian President Volodymyr Zelensky said.",
                   published="2023-02-01")
    intent = [e for e in art.events if e.root == "03"]
    assert intent and intent[0].source.key == "UKR" and intent[0].target.key == "RUS"


def speakers(art):  # type: ignore[no-untyped-def]
    return [(q.text.split()[0], q.speaker.name if q.speaker else None, q.rule) for q in art.quotes]


def test_speakers_no_dictionary_lists(pipeline):
    art = pipeline("The ferry company's director, Lena Vogt, met the unions.\n"
                   "\u201cWe will run the boats on Sunday,\u201d Vogt, 52, told reporters.\n"
                   "\u201cNobody asked the islanders,\u201d said harbour pilot Tomas Rinne.\n"
                   "\u201cThe timetable is a fantasy!\u201d Rinne shot back.", published="2023-04-02")
    got = speakers(art)
    assert got[0][1] == "Lena Vogt" and got[0][2] == "quote.cue-after"
    assert got[1][1] == "Tomas Rinne" and got[2][1] == "Tomas Rinne"


def test_unnamed_speakers_keep_their_description(pipeline):
    art = pipeline("\u201cThe talks are stuck on fishing rights,\u201d said a longtime aide to the Norwegian delegation.\n"
                   "\u201cWe can wait,\u201d one retired ferry pilot said.", published="2023-04-02")
    a, b = (q.speaker for q in art.quotes)
    assert a is not None and a.name == "longtime aide to the Norwegian delegation" and a.kind == "person"
    assert a.country == "NOR"
    assert b is not None and b.name == "one retired ferry pilot" and b.kind == "person"


def test_subject_before_an_apposition_or_a_relative_clause(pipeline):
    art = pipeline("\u201cThe river will not wait for us,\u201d Amara Diallo, who chairs the basin council, "
                   "said on Tuesday. Her deputy, Idris Kone, told the meeting: \u201cWe need the gauges back.\u201d",
                   published="2023-04-02")
    assert [q.speaker.name for q in art.quotes if q.speaker] == ["Amara Diallo", "Idris Kone"]


def test_participle_and_that_clause_take_the_main_speaker(pipeline):
    art = pipeline("Senator Ruth Okafor spoke for an hour, saying the bill was \u201ca gift to the polluters.\u201d\n"
                   "Okafor insisted that \u201cthe vote must wait until spring,\u201d a colleague said later.",
                   published="2023-04-02")
    assert all(q.speaker and q.speaker.name == "Ruth Okafor" for q in art.quotes)


def test_paragraph_opening_quote_after_a_reporting_sentence(pipeline):
    art = pipeline("Farmers in the valley gave their view on the dam.\n"
                   "Grace Mwangi praised the new canal for bringing water to her plot.\n"
                   "\u201cFor the first time in years my beans did not die in August.\u201d",
                   published="2023-04-02")
    q = art.quotes[0]
    assert q.speaker is not None and q.speaker.name == "Grace Mwangi" and q.rule == "quote.lead-in"


def test_capitalised_words_opening_a_sentence_are_not_speakers(pipeline):
    art = pipeline("Flying home that night, she wrote that the deal looked \u201cincredibly fragile and late.\u201d",
                   published="2023-04-02")
    assert not art.quotes or art.quotes[0].speaker is None or art.quotes[0].speaker.name != "Flying"


def test_mixed_quotation_marks_pair(pipeline):
    art = pipeline("\"We are not leaving the square tonight,\u201d said student leader Pavel Hruby. "
                   "\u201cNot until they listen to us,\" he added.", published="2023-04-02")
    assert [q.text for q in art.quotes] == ["We are not leaving the square tonight,", "Not until they listen to us,"]
    assert all(q.speaker and q.speaker.name == "Pavel Hruby" for q in art.quotes)


def test_a_verb_that_is_also_a_noun_is_a_cue_only_in_a_cues_place(pipeline):
    art = pipeline("Her controversial tweet called the levy \u201ca tax on every family in the county.\u201d\n"
                   "\u201cThe levy stays,\u201d answers treasurer Maria Lindqvist.", published="2023-04-02")
    assert art.quotes[-1].speaker is not None and art.quotes[-1].speaker.name == "Maria Lindqvist"
    assert art.quotes[-1].cue == "answers"


def test_a_title_between_quotes_does_not_take_the_speaker(pipeline):
    art = pipeline("\u201cIt is more of a question than it was,\u201d Ortiz said on the show \u201cMorning Line.\u201d "
                   "\u201cNobody runs without money.\u201d", published="2023-04-02")
    last = art.quotes[-1]
    assert last.rule == "quote.continued" and last.speaker is not None and last.speaker.name == "Ortiz"


def test_subject_opens_the_clause_before_its_appositions(pipeline):
    art = pipeline("Nadia Farouk, during a town hall in Leeds, Yorkshire, said the tram was \u201cyears overdue and over budget.\u201d\n"
                   "Pieter Vos, a planner who once ran the depot, said, \u201cThe rails were bought twice over.\u201d\n"
                   "Vos spoke first but added, \u201cNobody will admit it in writing.\u201d",
                   published="2023-04-02")
    assert [q.speaker.name if q.speaker else None for q in art.quotes] == ["Nadia Farouk", "Pieter Vos", "Pieter Vos"]
