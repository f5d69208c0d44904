from __future__ import annotations

import datetime as dt

from eventwire.dates import find_dates
from eventwire.nlp.text import split_sentences

WED = dt.date(2023, 3, 15)  # a Wednesday


def values(text: str, pub: dt.date | None = WED) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in find_dates(split_sentences(text), pub)]


def test_weekdays_follow_tense():
    assert values("The envoys met on Monday.") == [("Monday", "2023-03-13")]
    assert values("The envoys will meet Friday.") == [("Friday", "2023-03-17")]
    assert values("The envoys met Wednesday.") == [("Wednesday", "2023-03-15")]
    assert values("The envoys meet next Monday.") == [("next Monday", "2023-03-20")]


def test_calendar_dates_and_periods():
    got = dict(values("Talks began on March 2, ended in January 2021, resume this week and end next month."))
    assert got["March 2"] == "2023-03-02"
    assert got["January 2021"] == "2021-01"
    assert got["this week"] == "2023-W11"
    assert got["next month"] == "2023-04"


def test_relative_words():
    assert dict(values("He left yesterday and returns tomorrow."))["yesterday"] == "2023-03-14"


def test_no_publication_date_means_no_weekday_date():
    assert values("They met on Monday.", pub=None) == []


def test_may_the_verb_is_not_a_month():
    assert values("Officials may meet in May 2024.") == [("May 2024", "2024-05")]


def test_publication_date_from_the_address_or_a_dated_dateline(pipeline):
    text = "The Kenyan cabinet met on Friday to discuss the budget."
    art = pipeline(text, url="https://news.example.org/world/2023/03/08/kenya-budget")
    assert (str(art.published), art.published_source) == ("2023-03-08", "url")
    assert [d.value for d in art.dates] == ["2023-03-10"] or [d.value for d in art.dates] == ["2023-03-03"]
    art = pipeline("NAIROBI, March 8, 2023 (Wire) - The Kenyan cabinet met on Friday.")
    assert (str(art.published), art.published_source) == ("2023-03-08", "dateline")


def test_a_dateline_without_a_year_dates_nothing(pipeline):
    art = pipeline("NAIROBI, March 8 (Wire) - The Kenyan cabinet met on Friday.")
    assert art.published is None
    assert [d.value for d in art.dates] == ["XXXX-03-08"]  # the month and day it gives, and no year


def test_weak_anchors_are_skipped_only_where_no_date_starts(shared):  # type: ignore[no-untyped-def]
    """'in', 'last', 'a' are tried with the date pattern only when a date word or number follows: no date that
    the pattern reads from such a word may be lost (checked on the bench corpus's sentences)."""
    import gzip
    import json

    from eventwire.dates import _AFTER_WEAK, DATE_RX, WEAK_ANCHORS
    from eventwire.ingest.clean import clean
    from eventwire.nlp.text import split_sentences

    checked = 0
    with gzip.open(shared / "bench" / "news_5000.jsonl.gz", "rt", encoding="utf-8") as fh:
        for k, record in enumerate(fh):
            if k >= 600:
                break
            for sent in split_sentences(clean(json.loads(record).get("text") or " ").text):
                for t in sent.tokens:
                    m = DATE_RX.match(sent.text, t.start - sent.start) if t.lower in WEAK_ANCHORS else None
                    if m and m.end() > m.start():
                        checked += 1
                        assert _AFTER_WEAK.match(sent.text, t.end - sent.start), m.group()
    assert checked > 1000
