"""Readers: web pages, WARC, feeds, records with a field mapping, globs and .gz, other languages, bad input."""

from __future__ import annotations

import json
import time
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import readers_fixtures as F
from eventwire.cli.main import app
from eventwire.ingest.doc import Doc
from eventwire.ingest.feeds import feed_docs
from eventwire.ingest.html import decode_html, html_doc, parse_page
from eventwire.ingest.lang import detect
from eventwire.ingest.pagemeta import url_date
from eventwire.ingest.readers import read_inputs
from eventwire.ingest.tabular import parse_fields
from eventwire.model import Reject, Skip


def read(*specs: str, **kw) -> list:  # type: ignore[no-untyped-def, type-arg]
    return list(read_inputs(list(specs), **kw))


def docs_of(items: list) -> list[Doc]:  # type: ignore[type-arg]
    return [x for x in items if isinstance(x, Doc)]


def codes(items: list) -> list[str]:  # type: ignore[type-arg]
    return [x.code for x in items if isinstance(x, Reject)]


# ------------------------------------------------------------------ web pages

def test_page_metadata_and_paragraphs():
    doc = html_doc(F.PAGE.encode(), "page.html", doc_id="page.html")
    assert isinstance(doc, Doc)
    assert doc.title == "Harbour talks resume in Valletta"
    assert doc.authors == ["Mira Kessel", "Tomas Arvidsson"]
    assert doc.site == "The Coastal Ledger"
    assert doc.url == "https://ledger.example.org/2024/03/05/harbour-talks-resume"
    # the byline shows March 5 (within the declared publication and update dates); the caption's date is ignored
    assert doc.published == "2024-03-05"
    paras = doc.text.split("\n\n")
    assert paras[0].startswith("Fishing crews from two countries")  # the standfirst opens the article
    assert any(p.startswith(F.BODY_SENTENCE) for p in paras) and len(paras) >= 5
    for chrome in ("Sport", "Storm closes the ferry", "All rights reserved", "Boats in the harbour"):
        assert chrome not in doc.text


def test_page_date_outside_the_declared_range_falls_back_to_the_declared_date():
    page = F.PAGE.replace('<time datetime="2024-03-05T07:10:00Z">March 5, 2024</time>', "Last reviewed 9 January 2021")
    assert parse_page(page).published == "2024-03-05"
    assert parse_page(page).published_rule == "declared"


def test_page_without_declared_date_uses_the_address_then_the_fallback():
    bare = ("<html><head><title>Quay repaired</title></head><body><h1>Quay repaired</h1>"
            f"<p>{F.ENGLISH}</p><p>{F.ENGLISH}</p></body></html>")
    assert parse_page(bare, url="https://news.example.com/2023/11/02/quay").published == "2023-11-02"
    page = parse_page(bare, url="https://news.example.com/quay", fallback_date="2024-03-08T12:00:00Z")
    assert (page.published, page.published_rule) == ("2024-03-08", "fallback")
    assert url_date("https://x.example/world/2021/dec/21/story") == dt_iso(2021, 12, 21)
    assert url_date("https://x.example/releases/2023/12/231218130031.htm") == dt_iso(2023, 12, 18)


def dt_iso(y: int, m: int, d: int):  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date(y, m, d)


def test_page_title_prefers_the_shown_headline_and_drops_section_labels():
    page = F.PAGE.replace("<h1>Harbour talks resume in Valletta</h1>", "<h1>Analysis Harbour talks resume in Valletta</h1>")
    assert parse_page(page).title == "Harbour talks resume in Valletta"
    logo = F.PAGE.replace("<h1>Harbour talks resume in Valletta</h1>",
                          '<h1>Ledger Logo</h1><h2 class="headline">Harbour talks resume in Valletta</h2>')
    assert parse_page(logo).title == "Harbour talks resume in Valletta"


def test_page_authors_skip_publishers_staff_credits_and_addresses():
    page = F.PAGE.replace('"author": [{"@type": "Person", "name": "Mira Kessel"}, {"@type": "Person", "name": "Tomas Arvidsson"}],',
                          '"author": {"@type": "Organization", "name": "The Coastal Ledger"},')
    page = page.replace("<head>", '<head><meta name="author" content="https://facebook.example/ledger">'
                        '<meta name="author" content="Ledger Staff">', 1)
    assert parse_page(page).authors == ["Mira Kessel", "Tomas Arvidsson"]  # from the byline links


def test_page_charset_and_empty_pages():
    latin = F.PAGE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').replace("Valletta on Tuesday", "Valletta café on Tuesday")
    assert "café" in decode_html(latin.encode("latin-1"))
    assert isinstance(html_doc(b"   ", "e.html", doc_id="e"), Reject)
    nothing = html_doc(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "n.html", doc_id="n")
    assert isinstance(nothing, Reject) and nothing.code == "E121"


# ------------------------------------------------------------------ WARC

def test_warc_html_responses_become_documents_the_rest_is_skipped_and_counted(tmp_path):
    page2 = F.PAGE.replace("Harbour talks resume in Valletta", "Ferry route to Gozo reopens").replace(
        "2024-03-05T08:10:00+01:00", "").replace("March 5, 2024", "")
    f = tmp_path / "crawl.warc.gz"
    f.write_bytes(F.warc([
        ("https://ledger.example.org/a", 200, "text/html; charset=utf-8", F.PAGE.encode()),
        ("https://ledger.example.org/logo.png", 200, "image/png", b"\x89PNG\r\n"),
        ("https://ledger.example.org/gone", 404, "text/html", b"<html><body>Not found</body></html>"),
        ("https://ledger.example.org/b", 200, "text/html", page2.encode()),
    ]))
    items = read(str(f))
    docs = docs_of(items)
    assert [d.id for d in docs] == ["https://ledger.example.org/a", "https://ledger.example.org/b"]
    assert docs[0].title == "Harbour talks resume in Valletta"
    assert docs[1].title == "Ferry route to Gozo reopens"
    skips = {s.code: s.count for s in items if isinstance(s, Skip)}
    assert skips == {"S102": 1, "S103": 1}
    assert not [x for x in items if isinstance(x, Reject) and not isinstance(x, Skip)]


def test_warc_date_is_the_fallback_publication_date(tmp_path):
    bare = f"<html><head><title>Quay</title></head><body><h1>Quay</h1><p>{F.ENGLISH}</p><p>{F.ENGLISH}</p></body></html>"
    f = tmp_path / "one.warc"
    f.write_bytes(F.warc([("https://news.example.com/quay", 200, "text/html", bare.encode())], gz=False))
    (doc,) = docs_of(read(str(f)))
    assert doc.published == "2024-03-08" and doc.url == "https://news.example.com/quay"


def test_truncated_warc_keeps_what_was_read_and_reports_where_it_broke(tmp_path):
    data = F.warc([("https://ledger.example.org/a", 200, "text/html", F.PAGE.encode()),
                   ("https://ledger.example.org/b", 200, "text/html", F.PAGE.replace("Valletta", "Marsaxlokk").encode())])
    f = tmp_path / "cut.warc.gz"
    f.write_bytes(data[: len(data) - 300])
    items = read(str(f))
    assert [d.id for d in docs_of(items)] == ["https://ledger.example.org/a"]
    (bad,) = [x for x in items if isinstance(x, Reject)]
    assert bad.code == "E130" and "cut.warc.gz" in bad.where and "truncated" in bad.reason


# ------------------------------------------------------------------ feeds

def test_rss_items_become_documents(tmp_path):
    f = tmp_path / "world.rss"
    f.write_bytes(F.rss(F.RSS_ITEMS))
    items = read(str(f))
    docs = docs_of(items)
    assert [d.title for d in docs] == ["Ferry strike ends", "Port reopens"]
    ferry, port = docs
    assert ferry.id == "ledger-ferry-1" and ferry.url == "https://ledger.example.org/ferry"
    assert ferry.published == "2024-03-05"  # the date as written, not moved to UTC
    assert ferry.authors == ["Ana Ruiz"] and ferry.site == "Coastal Ledger: World"
    assert ferry.text.split("\n\n")[1].startswith("Services to the islands")  # content, not the teaser
    assert port.text.startswith("The port of Bari reopened") and "<p>" not in port.text
    assert codes(items) == ["E141"] and items[1].where.endswith("world.rss#2")


def test_atom_feed_and_feed_with_xml_suffix(tmp_path):
    f = tmp_path / "dock.xml"
    f.write_bytes(F.ATOM)
    (doc,) = docs_of(read(str(f)))
    assert doc.title == "Dock workers vote" and doc.authors == ["Lena Ortiz"] and doc.published == "2024-03-07"


def test_feed_xml_is_parsed_safely(tmp_path):
    start = time.perf_counter()
    (bomb,) = feed_docs(F.BILLION_LAUGHS, "bomb.rss", doc_prefix="bomb.rss")
    assert time.perf_counter() - start < 2
    assert isinstance(bomb, Reject) and bomb.code == "E142" and "entit" in bomb.reason.lower()
    secret = tmp_path / "secret.txt"
    secret.write_text("the-launch-code-is-0000", encoding="utf-8")
    (xxe,) = feed_docs(F.external_entity(str(secret)), "xxe.rss", doc_prefix="xxe.rss")
    assert isinstance(xxe, Reject) and xxe.code == "E142" and "launch-code" not in xxe.reason


def test_broken_feeds_are_rejected(tmp_path):
    (tmp_path / "cut.rss").write_bytes(b"<rss version='2.0'><channel><title>t</title><item><title>x</ti")
    (tmp_path / "none.rss").write_bytes(b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>")
    assert codes(read(str(tmp_path / "cut.rss"))) == ["E141", "E140"]  # the cut item, then the file
    assert codes(read(str(tmp_path / "none.rss"))) == ["E143"]


def test_feed_address_fails_clearly_offline():
    (bad,) = read("http://127.0.0.1:9/feed.xml")
    assert isinstance(bad, Reject) and bad.code == "E109" and "download the file" in bad.reason


# ------------------------------------------------------------------ records

def test_csv_and_tsv_with_a_field_mapping(tmp_path):
    (tmp_path / "a.csv").write_text(
        'uid,body,date,headline,byline\n'
        f'c1,"{F.ENGLISH}",2024-02-01,Rescue at sea,Ana Ruiz; Lena Ortiz\n'
        'c2,,2024-02-02,No body,\n'
        f'c3,"a quoted body\nover two lines with, commas",2024-02-03,Two lines,\n', encoding="utf-8")
    fields = parse_fields(["id=uid", "text=body", "published=date", "title=headline", "authors=byline"])
    items = read(str(tmp_path / "a.csv"), fields=fields)
    docs = docs_of(items)
    assert [d.id for d in docs] == ["c1", "c3"]
    assert docs[0].published == "2024-02-01" and docs[0].authors == ["Ana Ruiz", "Lena Ortiz"]
    assert docs[1].text == "a quoted body\nover two lines with, commas"
    assert codes(items) == ["E112"] and items[1].where.endswith("a.csv:3")
    (tmp_path / "b.tsv").write_text(f"text\ttitle\n{F.ENGLISH}\tTab separated\n", encoding="utf-8")  # commas need no quotes
    (doc,) = docs_of(read(str(tmp_path / "b.tsv")))
    assert doc.title == "Tab separated" and doc.id == "b.tsv:2"


def test_bad_csv_rows_and_headers(tmp_path):
    (tmp_path / "ragged.csv").write_text(f'text,title\n"{F.ENGLISH}",ok\nonly one field\n', encoding="utf-8")
    items = read(str(tmp_path / "ragged.csv"))
    assert len(docs_of(items)) == 1 and codes(items) == ["E114"]
    (tmp_path / "nohead.csv").write_text("body,title\nsome text,t\n", encoding="utf-8")
    (bad,) = read(str(tmp_path / "nohead.csv"))
    assert bad.code == "E115" and "--field text=" in bad.reason


def test_jsonl_mapping_with_dotted_paths_and_json_arrays(tmp_path):
    (tmp_path / "n.jsonl").write_bytes(F.jsonl([{"article": {"body": F.ENGLISH, "meta": {"date": "2024-01-09"}}, "key": "j1"}]))
    fields = parse_fields(["text=article.body", "published=article.meta.date", "id=key"])
    (doc,) = read(str(tmp_path / "n.jsonl"), fields=fields)
    assert (doc.id, doc.published) == ("j1", "2024-01-09")
    (tmp_path / "arr.json").write_text(json.dumps([{"text": F.ENGLISH}, {"title": "no text"}]), encoding="utf-8")
    items = read(str(tmp_path / "arr.json"))
    assert len(docs_of(items)) == 1 and codes(items) == ["E112"] and items[1].where.endswith("arr.json[2]")
    (tmp_path / "lines.json").write_bytes(F.jsonl([{"id": "l1", "text": F.ENGLISH}, {"id": "l2", "text": F.ENGLISH}]))
    assert [d.id for d in read(str(tmp_path / "lines.json"))] == ["l1", "l2"]  # JSON Lines under a .json name
    with pytest.raises(Exception, match="NAME=FIELD"):
        parse_fields(["text"])
    with pytest.raises(Exception, match="not one of"):
        parse_fields(["body=text"])


# ------------------------------------------------------------------ paths, globs, .gz

def test_globs_directories_and_gzip_for_every_format(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.html.gz").write_bytes(F.gz(F.PAGE.encode()))
    (d / "b.txt.gz").write_bytes(F.gz(F.ENGLISH.encode()))
    (d / "sub" / "c.rss.gz").write_bytes(F.gz(F.rss(F.RSS_ITEMS[:1])))
    (d / "sub" / "d.csv.gz").write_bytes(F.gz(f'text\n"{F.ENGLISH}"\n'.encode()))
    (d / "sub" / "e.jsonl.gz").write_bytes(F.gz(F.jsonl([{"id": "e1", "text": F.ENGLISH}])))
    (d / "sub" / "page").write_bytes(F.PAGE.encode())  # no suffix: recognised from its first bytes
    ids = [x.id for x in docs_of(read(str(d)))]
    assert ids == ["a.html.gz", "b.txt.gz", "ledger-ferry-1", "d.csv.gz:2", "e1", "page"]
    assert [x.id for x in docs_of(read(str(d / "sub" / "*.gz")))] == ["ledger-ferry-1", "d.csv.gz:2", "e1"]
    assert [x.id for x in docs_of(read(str(d / "**" / "*.html.gz")))] == ["a.html.gz"]
    (nothing,) = read(str(d / "*.pdf"))
    assert nothing.code == "E107" and "pattern" in nothing.reason


def test_broken_gzip_keeps_the_records_before_the_break(tmp_path):
    records = [{"id": f"r{i}", "text": F.ENGLISH + f" Report {i}."} for i in range(400)]
    data = F.gz(F.jsonl(records))
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "cut.txt.gz").write_bytes(F.gz(F.ENGLISH.encode())[:20])
    items = read(str(tmp_path / "cut.jsonl.gz"))
    assert 0 < len(docs_of(items)) < 400 and codes(items) == ["E105"]
    assert codes(read(str(tmp_path / "cut.txt.gz"))) == ["E105"]


def test_forced_input_format(tmp_path):
    (tmp_path / "page.dat").write_bytes(F.PAGE.encode())
    (doc,) = read(str(tmp_path / "page.dat"), fmt="html")
    assert doc.title == "Harbour talks resume in Valletta"
    (bad,) = read(str(tmp_path / "page.dat"), fmt="pdf")
    assert bad.code == "E108"


# ------------------------------------------------------------------ languages

def test_language_detection():
    assert detect(F.ENGLISH).code == "en"
    assert detect(F.GERMAN).code == "de" and detect(F.FRENCH).code == "fr"
    assert detect("Паром снова ходит между островами после ремонта причала в порту. " * 4).code == "cyrillic"
    assert detect("中国政府周二宣布了新的港口建设计划，预计明年春天开始施工。" * 3).code == "zh"  # few "words", one script
    assert detect("Talks resume.").code == "und"  # too short to judge: kept


def test_non_english_documents_are_skipped_and_counted(tmp_path):
    (tmp_path / "de.txt").write_text(F.GERMAN, encoding="utf-8")
    (tmp_path / "en.txt").write_text(F.ENGLISH, encoding="utf-8")
    items = read(str(tmp_path))
    assert [type(x).__name__ for x in items] == ["Skip", "Doc"]
    assert items[0].code == "S101" and "de" in items[0].reason
    assert len(docs_of(read(str(tmp_path), english_only=False))) == 2


# ------------------------------------------------------------------ the acceptance folder through the CLI

def mixed_folder(tmp: Path) -> Path:
    d = tmp / "mixed"
    d.mkdir()
    (d / "01_note.txt").write_text(F.ENGLISH, encoding="utf-8")
    (d / "02_page.html").write_text(F.PAGE, encoding="utf-8")
    (d / "03_records.jsonl").write_bytes(F.jsonl([{"id": "rec-1", "text": F.ENGLISH.replace("eleven", "twelve")}]))
    (d / "04_crawl.warc.gz").write_bytes(F.warc([("https://ledger.example.org/gozo", 200, "text/html",
                                                  F.PAGE.replace("Valletta", "Gozo").encode())]))
    (d / "05_feed.rss").write_bytes(F.rss(F.RSS_ITEMS[2:]))
    (d / "06_german.txt").write_text(F.GERMAN, encoding="utf-8")
    # a corrupt file of each kind
    (d / "bad_note.txt").write_bytes(b"\x00\x01\x02\x03" * 40)
    (d / "bad_page.html").write_bytes(b"<html><body><nav>Home</nav></body></html>")
    (d / "bad_records.jsonl").write_bytes(b'{"id": "x", "text": "unfinished\n')
    crawl = F.warc([("https://ledger.example.org/x", 200, "text/html", F.PAGE.encode())])
    (d / "bad_crawl.warc.gz").write_bytes(crawl[:-200])
    (d / "bad_feed.rss").write_bytes(b"<rss version='2.0'><channel><item><title>cut off")
    return d


def test_mixed_folder_ingests_and_reports_corrupt_files(tmp_path):
    d = mixed_folder(tmp_path)
    db = str(tmp_path / "mixed.duckdb")
    res = CliRunner().invoke(app, ["ingest", str(d), "--db", db])
    assert res.exit_code == 1, res.output  # some inputs were rejected
    assert "stored 5, already present 0, rejected 6, skipped 1 (not English 1)" in res.stderr
    for name, reason in [("bad_note.txt", "binary"), ("bad_page.html", "no article text"),
                         ("bad_records.jsonl:1", "malformed JSON"), ("bad_crawl.warc.gz", "truncated"),
                         ("bad_feed.rss", "RSS/Atom feed"), ("06_german.txt", "not English")]:
        assert name in res.stderr and reason in res.stderr, name
    con = duckdb.connect(db)
    titles = {r[0] for r in con.execute("SELECT title FROM articles").fetchall()}
    rejects = sorted(r[0] for r in con.execute("SELECT code FROM rejects").fetchall())
    con.close()
    assert {"Harbour talks resume in Gozo", "Harbour talks resume in Valletta", "Port reopens"} <= titles
    assert rejects == ["E101", "E110", "E121", "E130", "E140", "E141", "S101"]  # the cut feed item and the file


def test_code_command_reads_a_feed_with_options(tmp_path):
    (tmp_path / "feed.xml").write_bytes(F.rss(F.RSS_ITEMS))
    res = CliRunner().invoke(app, ["code", str(tmp_path / "feed.xml"), "--format", "jsonl"])
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["title"] for r in recs] == ["Ferry strike ends", "Port reopens"] and res.exit_code == 1
    assert recs[0]["source_name"] == "Coastal Ledger: World" and recs[0]["published_source"] == "metadata"
    csv = tmp_path / "r.csv"
    csv.write_text(f'body\n"{F.GERMAN}"\n', encoding="utf-8")
    res = CliRunner().invoke(app, ["code", str(csv), "--field", "text=body", "--format", "jsonl"])
    assert res.exit_code == 0 and res.stdout == "" and "1 input(s) skipped (not English 1)" in res.stderr
    res = CliRunner().invoke(app, ["code", str(csv), "--field", "text=body", "--any-language", "--format", "jsonl"])
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == 1
    assert CliRunner().invoke(app, ["code", str(csv), "--field", "body"]).exit_code == 2
    assert CliRunner().invoke(app, ["code", str(csv), "--input-format", "pdf"]).exit_code == 2


# ------------------------------------------------------------------ any bytes, any format: a document or a reject

_PIECES = [b"<html>", b"<body>", b"<p>", b"</p>", b"<h1>", b"<rss version='2.0'>", b"<channel>", b"<item>",
           b"<title>", b"<!DOCTYPE x [", b"<!ENTITY e 'x'>", b"]>", b"&e;", b"WARC/1.0\r\n", b"Content-Length: 9\r\n",
           b"\r\n\r\n", b'{"text": "', b'"}', b"\n", b",", b'"', b"\t", b"\x00", b"\xff", b"\x1f\x8b", b"Ports reopen today. "]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["text", "html", "jsonl", "json", "csv", "tsv", "warc", "feed"]))
def test_any_bytes_in_any_format_give_documents_or_rejects(tmp_path, pieces, fmt):
    f = tmp_path / "input.bin"
    f.write_bytes(b"".join(pieces))
    for item in read_inputs([str(f)], fmt=fmt):
        assert isinstance(item, Doc | Reject)
        if isinstance(item, Reject):
            assert item.code[:1] in "ES" and "input.bin" in item.where and item.reason
