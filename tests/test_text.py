from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventwire.nlp.text import split_sentences, tokenize


def test_tokens_keep_abbreviations_and_split_possessives():
    toks = [t.text for t in tokenize("Mr. Rutte said the U.S. and NATO\u2019s allies met in Vilnius.")]
    assert toks[:2] == ["Mr.", "Rutte"]
    assert "U.S." in toks and "NATO" in toks and "\u2019s" in toks
    assert toks[-1] == "."


def test_hyphenated_names_expose_their_parts():
    assert [t.text for t in tokenize("the EU-China summit")] == ["the", "EU", "-", "China", "summit"]


def test_sentences_split_after_quotes_but_not_abbreviations():
    text = "Gen. Mark Milley spoke in Washington. \u201cWe are ready,\u201d he said. The U.S. Army agreed."
    sents = [s.text for s in split_sentences(text)]
    assert sents == ["Gen. Mark Milley spoke in Washington.", "\u201cWe are ready,\u201d he said.", "The U.S. Army agreed."]


def test_initialism_ends_sentence_before_a_new_one():
    sents = split_sentences("The talks took place in the U.S. The next round is in Oman.")
    assert len(sents) == 2


def test_paragraphs_are_sentence_boundaries():
    sents = split_sentences("Troops moved north\nOfficials in Kyiv said nothing")
    assert [s.paragraph for s in sents] == [0, 1]


@given(st.text(max_size=300))
def test_token_offsets_point_into_the_text(text):
    for t in tokenize(text):
        assert text[t.start : t.end].lower().replace("\u2019", "'").replace("\u2018", "'") == t.lower
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
