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
