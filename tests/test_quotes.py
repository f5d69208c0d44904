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
