"""Fuzzing the text pipeline (`eventwire.code` through one loaded Pipeline): any Unicode, control
characters, huge tokens and very long sentences are coded or refused with a coded error, within the hang
bound and bounded memory, and every span reported lies inside the text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire import Pipeline
from eventwire.errors import InputError
from eventwire.ingest.readers import bytes_docs
from eventwire.model import Article

from .bounds import bounded, check_spans, examples, peak_mib

FUZZ = settings(max_examples=examples(120), deadline=None, suppress_health_check=list(HealthCheck))
RULE_WORDS = st.sampled_from([
    "Russia", "Russian", "NATO", "Ukraine", "President", "Putin", "said", "told", "attacked", "met", "with", "in",
    "Kyiv", "on", "Monday", "\u201c", "\u201d", '"', "'", ".", ",", "-", "(", ")", "he", "they", "not", "will",
    "the", "U.S.", "Mr.", "accused", "of", "according", "to", "troops", "killed", "Jan.", "12", "2022", "\n\n"])
NOISE = st.sampled_from(["\x00", "\x07", "\r", "\u2028", "\u202e", "\ufeff", "\ufffd", "\u0301", "\U0001f600",
                         "\x1b[0m", "\t", "\u00a0", "\u200b", "..."])
TEXT = st.one_of(
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=500),
    st.lists(st.one_of(RULE_WORDS, NOISE), min_size=1, max_size=80).map(" ".join),
    st.lists(st.one_of(RULE_WORDS, NOISE), min_size=1, max_size=80).map("".join),
)


def code_or_refuse(pipeline: Pipeline, text: str, **kw: object) -> Article | None:
    """The coded article, or None when the pipeline refuses the text with a coded InputError."""
    try:
        return pipeline(text, **kw)  # type: ignore[arg-type]
    except InputError as exc:
        assert exc.code.startswith("E1"), exc
        return None


@FUZZ
@given(text=TEXT, published=st.sampled_from([None, "2022-01-12"]))
def test_any_text_is_coded_with_spans_inside_it(pipeline: Pipeline, text: str, published: str | None) -> None:
    art = bounded(lambda: code_or_refuse(pipeline, text, published=published), what="fuzzed text")
    if art is None:
        assert not text.strip(), "only an empty text is refused under the size limit"
        return
    check_spans(art)
    assert isinstance(art.to_record(), dict)


HUGE = {
    "100k-character token": "Russia " + "x" * 100_000 + " attacked Kyiv.",
    "100k digits": "On " + "9" * 100_000 + " Russia met NATO.",
    "very long sentence": " ".join(["Russian troops attacked Kyiv and NATO said"] * 1_500) + ".",
    "sentence of quotes": "\u201c" * 20_000 + "Russia attacked" + "\u201d" * 20_000,
    "one huge paragraph of commas": "NATO, " * 15_000 + "said Russia.",
    "control characters": "\x00\x01\x02" * 30_000 + " Russia attacked Ukraine.",
    "combining marks": "R\u0301" * 50_000 + " met NATO.",
}


@pytest.mark.parametrize("name", list(HUGE))
def test_huge_inputs_are_bounded(pipeline: Pipeline, name: str) -> None:
    text = HUGE[name]
    art, mib = peak_mib(lambda: code_or_refuse(pipeline, text, published="2022-01-12"), what=name)
    assert art is not None, name
    check_spans(art)
    # generous: the text itself is < 0.5 MB; a blow-up (quadratic copies, per-character objects) goes far over
    assert mib < 400, f"{name}: {mib:.0f} MiB allocated"


def test_huge_token_through_every_page_reader(pipeline: Pipeline) -> None:
    token = "y" * 100_000
    page = f"<html><body><article><p>NATO said {token} today.</p></article></body></html>".encode()
    for fmt, data in (("html", page), ("text", token.encode()), ("jsonl", b'{"text": "' + token.encode() + b'"}'),
                      ("csv", b"text\n" + token.encode())):
        docs = bounded(lambda d=data, f=fmt: list(bytes_docs(d, "huge", "huge", f)), what=f"huge {fmt}")
        for doc in docs:
            if hasattr(doc, "text"):
                art = bounded(lambda t=doc.text: code_or_refuse(pipeline, t), what=f"coding huge {fmt}")
                if art is not None:
                    check_spans(art)
