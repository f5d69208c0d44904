from __future__ import annotations

from eventwire.ingest.clean import clean


def test_boilerplate_lines_leave_the_body_and_name_the_author():
    raw = (
        "By Maria L. Ortega\n"
        "Ministers from Chile and Peru signed a fisheries accord in Lima on Tuesday.\n"
        "\u2022 This report includes wire service reports.\n"
        "Maria L. Ortega can be reached at mortega@example.org.\n"
        "Follow us on Twitter for more.\n"
        "Please read our comment policy before commenting.\n"
        "(AP Photo/Staff)\n"
    )
    c = clean(raw)
    assert c.text == "Ministers from Chile and Peru signed a fisheries accord in Lima on Tuesday."
    assert c.authors == ["Maria L. Ortega"]
    assert len(c.boilerplate) == 6


def test_long_paragraphs_mentioning_reports_are_kept():
    body = "Officials said the agency based its estimate on wire reports and satellite images " * 5
    assert clean(body).text.strip() == body.strip()


def test_control_characters_and_odd_spaces_are_replaced_one_for_one():
    c = clean("Kenya\u00a0and\tSomalia\x07 agreed.\r\n\r\nNext line")
    assert c.text == "Kenya and Somalia  agreed.\n\nNext line"  # offsets of the input are kept


def test_clean_input_is_left_exactly_as_it_was():
    raw = "Peru and Chile  met in Lima.\n\n   Talks went on.\n"
    assert clean(raw).text == raw.rstrip("\n")


def test_video_widget_lines_are_boilerplate():
    from eventwire.ingest.clean import clean
    out = clean("JUST WATCHED Minister's new warning to Iran Replay More Videos ...\n\nThe minister spoke in Oslo.")
    assert "JUST WATCHED" not in out.text and out.boilerplate


def test_rule_words_are_held_by_every_boilerplate_match(shared):  # type: ignore[no-untyped-def]
    """The words that let a line skip a boilerplate pattern must be in every line the pattern matches: checked
    on the bench corpus's lines and on hand-made ones, with the patterns run on every line."""
    import gzip
    import json

    from eventwire.ingest.clean import BOILERPLATE_RULES, RULE_WORDS, normalise

    lines = [
        "This story includes wire service reports.", "Maria Ortega CONTRIBUTED TO THIS REPORT.",
        "She may be contacted at desk@example.org", "Comments are closed.", "Join the conversation below",
        "(AP Photo/Staff)", "File photo: a ministry", "\u00a9 2020 All Rights Reserved", "JUST WATCHED",
    ]
    with gzip.open(shared / "bench" / "news_5000.jsonl.gz", "rt", encoding="utf-8") as fh:
        for k, record in enumerate(fh):
            if k >= 2000:
                break
            lines.extend(normalise(json.loads(record).get("text") or "").split("\n"))
    matched = 0
    for line in lines:
        for rule, rx in BOILERPLATE_RULES:
            if rule in RULE_WORDS and rx.search(line):
                matched += 1
                assert any(w in line.lower() for w in RULE_WORDS[rule]), (rule, line)
    assert matched >= 9
