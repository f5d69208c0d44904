"""Fuzzing every reader (Hypothesis): any bytes, any Unicode, control characters, NULs, broken markup,
truncated archives. Each input either gives documents or coded rejects/skips, never an exception, and
finishes within the hang bound."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest.feeds import feed_docs
from eventwire.ingest.readers import FORMATS, bytes_docs, file_docs, read_inputs
from eventwire.ingest.tabular import csv_docs, json_docs, jsonl_docs

from .bounds import bounded, examples, read_all

FUZZ = settings(max_examples=examples(150), deadline=None, suppress_health_check=list(HealthCheck))
FEW = settings(max_examples=examples(50), deadline=None, suppress_health_check=list(HealthCheck))
TMP = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-"))

# any code point Python can encode, control characters and NULs included, and noisy ones weighted up
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=300)
NOISE = st.sampled_from(["\x00", "\r", "\r\n", "\u2028", "\u202e", "\ufeff", "\ufffd", "\x1b[31m", "\t",
                         "\U0001f600", "\u0301", "\ud7ff", "a" * 500, "  ", "\n\n"])
NOISY_TEXT = st.lists(st.one_of(ANY_TEXT, NOISE), max_size=8).map("".join)
WORDS = st.sampled_from(["Russia", "said", "NATO", "attacked", "Kyiv", "the", "talks", "on", "Monday", ".", ","])
PROSE = st.lists(WORDS, min_size=3, max_size=30).map(" ".join)


def write(name: str, data: bytes) -> Path:
    path = TMP / name
    path.write_bytes(data)
    return path


@FUZZ
@given(data=st.binary(max_size=2000), fmt=st.sampled_from(FORMATS))
def test_any_bytes_in_any_format(data: bytes, fmt: str) -> None:
    read_all(bounded(lambda: list(bytes_docs(data, "fuzz", "fuzz", fmt)), what=f"{fmt} bytes"))


@FUZZ
@given(text=NOISY_TEXT, fmt=st.sampled_from(FORMATS))
def test_any_unicode_in_any_format(text: str, fmt: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    read_all(bounded(lambda: list(bytes_docs(data, "fuzz", "fuzz", fmt)), what=f"{fmt} text"))


TAGS = st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<style>", "<!--", "-->",
                        "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "&nbsp", "<html>", "<body>", "</body>",
                        "<article>", "<table><tr><td>", "<meta charset='x-unknown'>", "<title>", "<br/>", "<",
                        ">", "<a href='javascript:1'>", "<?xml version='1.0'?>", "<svg><foreignObject>", "\x00"])
TAG_SOUP = st.lists(st.one_of(TAGS, PROSE, NOISY_TEXT), max_size=40).map("".join)


@FUZZ
@given(page=TAG_SOUP)
def test_html_tag_soup(page: str) -> None:
    data = page.encode("utf-8", "surrogatepass")
    read_all(bounded(lambda: list(bytes_docs(data, "page.html", "page.html", "html")), what="tag soup"))


def test_html_ten_thousand_nested_divs() -> None:
    body = "<div>" * 10_000 + "Russian troops attacked Kyiv on Monday, officials said." + "</div>" * 10_000
    page = f"<html><head><title>Deep</title></head><body>{body}</body></html>".encode()
    read_all(bounded(lambda: list(bytes_docs(page, "deep.html", "deep.html", "html")), what="10k nested divs"))
    unclosed = ("<html><body>" + "<div><p><span>" * 10_000 + "Talks went on.").encode()
    read_all(bounded(lambda: list(bytes_docs(unclosed, "open.html", "open.html", "html")), what="10k unclosed tags"))


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | ANY_TEXT,
                           lambda kids: st.lists(kids, max_size=4) | st.dictionaries(ANY_TEXT, kids, max_size=4),
                           max_leaves=12)
RECORDS = st.fixed_dictionaries({}, optional={"text": st.one_of(PROSE, NOISY_TEXT, JSON_VALUES), "id": JSON_VALUES,
                                              "published": st.one_of(ANY_TEXT, JSON_VALUES), "title": JSON_VALUES,
                                              "url": JSON_VALUES, "authors": JSON_VALUES})


@FUZZ
@given(records=st.lists(st.one_of(RECORDS, JSON_VALUES), max_size=6), cut=st.integers(0, 400),
       junk=NOISY_TEXT)
def test_jsonl_and_json(records: list, cut: int, junk: str) -> None:  # type: ignore[type-arg]
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + [junk]
    read_all(bounded(lambda: list(jsonl_docs(lines, "f.jsonl")), what="jsonl"))
    whole = json.dumps(records, ensure_ascii=False)
    read_all(bounded(lambda: list(json_docs(whole[: len(whole) - cut], "f.json")), what="json"))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    read_all(bounded(lambda: list(file_docs(write("f.jsonl", data))), what="jsonl file"))


CSV_CELLS = st.one_of(PROSE, NOISY_TEXT, st.sampled_from(['"', '""', '"a"b', '\n', '\r', ',', '\t', '"\n"', '\\"']))


@FUZZ
@given(rows=st.lists(st.lists(CSV_CELLS, max_size=5), max_size=8), header=st.booleans(), tab=st.booleans())
def test_csv_malformed_quoting(rows: list[list[str]], header: bool, tab: bool) -> None:
    sep = "\t" if tab else ","
    lines = (["id" + sep + "text"] if header else []) + [sep.join(r) for r in rows]
    text = "\n".join(lines)
    read_all(bounded(lambda: list(csv_docs(io.StringIO(text, newline=""), "f.csv", sep)), what="csv"))
    path = write("f.tsv" if tab else "f.csv", text.encode("utf-8", "surrogatepass"))
    read_all(bounded(lambda: list(file_docs(path)), what="csv file"))


def _warc(pages: list[str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for i, page in enumerate(pages):
        body = f"<html><head><title>t{i}</title></head><body><article><p>{page}</p></article></body></html>".encode(
            "utf-8", "surrogatepass")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return out.getvalue()


@FEW
@given(pages=st.lists(st.one_of(PROSE, NOISY_TEXT), min_size=1, max_size=4), cut=st.floats(0, 1),
       zipped=st.booleans(), flip=st.integers(0, 10_000))
def test_warc_truncated_and_corrupt(pages: list[str], cut: float, zipped: bool, flip: int) -> None:
    whole = _warc(pages)
    if zipped:
        whole = gzip.compress(whole)
    cut_at = int(len(whole) * cut)
    truncated = whole[:cut_at]
    read_all(bounded(lambda: list(bytes_docs(truncated, "a.warc", "a.warc", "warc")), what="truncated warc"))
    corrupt = bytearray(whole)
    corrupt[flip % len(corrupt)] ^= 0xFF
    path = write("a.warc.gz" if zipped else "a.warc", bytes(corrupt))
    read_all(bounded(lambda: list(file_docs(path)), what="corrupt warc file"))


def _rss(items: list[tuple[str, str]], prolog: str = "") -> bytes:
    body = "".join(f"<item><title>{t}</title><description>{d}</description><pubDate>Mon, 10 Jan 2022 10:00:00 GMT"
                   f"</pubDate></item>" for t, d in items)
    return f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel><title>Wire</title>{body}' \
           f"</channel></rss>".encode("utf-8", "surrogatepass")


@FUZZ
@given(items=st.lists(st.tuples(st.one_of(PROSE, NOISY_TEXT, TAG_SOUP), st.one_of(PROSE, NOISY_TEXT, TAG_SOUP)),
                      max_size=4), cut=st.integers(0, 200), atom=st.booleans())
def test_feeds_any_content_and_truncated(items: list[tuple[str, str]], cut: int, atom: bool) -> None:
    data = _rss(items)
    if atom:
        data = data.replace(b'<rss version="2.0"><channel>', b'<feed xmlns="http://www.w3.org/2005/Atom">')
        data = data.replace(b"</channel></rss>", b"</feed>").replace(b"<item>", b"<entry>").replace(b"</item>", b"</entry>")
    read_all(bounded(lambda: list(feed_docs(data, "f.rss", doc_prefix="f")), what="feed"))
    read_all(bounded(lambda: list(feed_docs(data[: max(1, len(data) - cut)], "f.rss", doc_prefix="f")),
                     what="truncated feed"))


@FUZZ
@given(text=st.one_of(PROSE, NOISY_TEXT), cut=st.integers(1, 60), fmt=st.sampled_from(["txt", "jsonl", "csv", "html"]))
def test_gzip_truncated(text: str, cut: int, fmt: str) -> None:
    payload = {"txt": text, "jsonl": json.dumps({"text": text}), "csv": f'text\n"{text}"',
               "html": f"<html><body><p>{text}</p></body></html>"}[fmt].encode("utf-8", "surrogatepass")
    packed = gzip.compress(payload * 20)
    path = write(f"t.{fmt}.gz", packed[: max(1, len(packed) - cut)])
    read_all(bounded(lambda: list(file_docs(path)), what="truncated gzip"))
    wrong = write(f"w.{fmt}.gz", payload)  # a .gz name over data that is not gzip
    read_all(bounded(lambda: list(file_docs(wrong)), what="not gzip"))


NAMES = st.sampled_from(["a.txt", "b.html", "c.jsonl", "d.json", "e.csv", "f.tsv", "g.warc", "h.rss", "i.xml",
                         "j", "k.gz", "l.md", "m.dat", ".hidden", "n.atom", "o.htm"])


@FEW
@given(files=st.lists(st.tuples(NAMES, st.binary(max_size=300) | NOISY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))),
                      min_size=1, max_size=6), pattern=st.booleans())
def test_directory_and_glob_dispatch(files: list[tuple[str, bytes]], pattern: bool) -> None:
    folder = Path(tempfile.mkdtemp(dir=TMP))
    for name, data in files:
        (folder / name).write_bytes(data)
    spec = str(folder / "*") if pattern else str(folder)
    items = read_all(bounded(lambda: list(read_inputs([spec, str(folder / "missing.txt")])), what="directory"))
    assert items, "a directory input yields at least one document or reject"
