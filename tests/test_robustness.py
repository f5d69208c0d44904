"""The pipeline never crashes: arbitrary text, and random sentences built from the words the rules key on."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

WORDS = [
    "said", "Mr.", "Ms.", "President", "Minister", "Foreign", "Deputy", "the", "a", "of", "in", "to", "and", ",",
    ".", "\u201c", "\u201d", '"', "'s", "-", "led", "pro", "Russia", "Russian", "NATO", "U.S.", "Georgia", "Chad",
    "Brussels", "he", "they", "it", "we", "talks", "met", "will", "not", "attack", "troops", "rebels", "demand",
    "that", "which", "(", ")", "OSCE", "Monday", "Friday", "ethnic", "Albanians", "according", ":", "\n", "Smith",
    "Jones", "Kyiv", "Washington", "state", "Vienna", "Virginia", "threatened", "agreed", "Ethopia", "killed",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60))
def test_random_sentences_from_rule_words_never_crash(pipeline, words):
    text = " ".join(words)
    if not text.strip():
        return
    art = pipeline(text, published="2022-01-12")
    for m in art.mentions:
        assert art.text[m.start : m.end] == m.text
    for e in art.events:
        assert e.source is not None and e.source.key


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=400))
def test_arbitrary_unicode_never_crashes(pipeline, text):
    if not text.strip():
        return
    art = pipeline(text)
    assert isinstance(art.to_record(), dict)
