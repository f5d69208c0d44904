"""Readers: every input a user can give, as documents.

Inputs are files, directories (read recursively, in name order), glob patterns ('data/*.html'), '-' for
standard input and, when given explicitly, http(s) addresses. A file's format comes from its suffix
(after any .gz) or, when the suffix says nothing, from its first bytes: plain text, web pages (html.py),
JSON Lines, JSON and CSV/TSV with a field mapping (tabular.py), WARC archives (warc.py), RSS/Atom feeds
(feeds.py). Every reader yields `Doc`s, or `Reject`s naming the file (and line or record) and the
reason, so one bad record never stops the others; documents not in English become `Skip`s (lang.py).
The limits of a run (limits.py) apply here: a file stops being read after its maximum number of records
(E116) and a document whose text is over the maximum article size is rejected (E117).
"""

from __future__ import annotations

import glob
import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from eventwire.ingest.doc import Doc
from eventwire.ingest.feeds import feed_docs, looks_like_feed
from eventwire.ingest.html import HTML_SUFFIXES, html_doc, looks_like_html
from eventwire.ingest.lang import detect
from eventwire.ingest.tabular import csv_docs, json_docs, jsonl_docs
from eventwire.ingest.warc import warc_docs
from eventwire.limits import DEFAULT, Limits
from eventwire.model import Reject, Skip

__all__ = ["FORMATS", "Doc", "file_docs", "read_inputs", "stdin_docs", "url_docs"]

FORMATS = ("text", "html", "jsonl", "json", "csv", "tsv", "warc", "feed")
SUFFIX_FORMATS = {
    **dict.fromkeys((".txt", ".text", ".md"), "text"),
    **dict.fromkeys(HTML_SUFFIXES, "html"),
    **dict.fromkeys((".jsonl", ".ndjson"), "jsonl"),
    ".json": "json", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    **dict.fromkeys((".warc", ".arc"), "warc"),
    **dict.fromkeys((".rss", ".atom", ".rdf"), "feed"),
}
STREAMED = ("jsonl", "csv", "tsv", "warc")  # read record by record: no size limit on the file
MAX_FILE_BYTES = 50_000_000
FETCH_TIMEOUT = 30


def _decode(data: bytes, where: str) -> str | Reject:
    if not data.strip():
        return Reject(where, "E102", "the file is empty")
    sample = data[:4096]
    if _binary(sample):
        return Reject(where, "E101", "the file is binary, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Reject(where, "E103", f"invalid UTF-8 at byte {exc.start} (line {line}); re-encode the file as UTF-8")
    if not text.strip():  # only Unicode spaces (U+2028, U+3000...) that bytes.strip() does not know
        return Reject(where, "E102", "the file holds only white space")
    return text


def _binary(sample: bytes) -> bool:
    return b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.1


def _is_gzip(path: Path, head: bytes) -> bool:
    return path.suffix.lower() == ".gz" or head[:2] == b"\x1f\x8b"


def _suffix(name: str) -> str:
    suffixes = [s.lower() for s in Path(name).suffixes if s.lower() != ".gz"]
    return suffixes[-1] if suffixes else ""


def sniff(head: bytes) -> str:
    """A format from a file's first bytes (decompressed): WARC, feed, web page, JSON, else text."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    low = start.lower()
    if start.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if start.startswith(b"<"):
        if looks_like_feed(low):
            return "feed"
        return "html"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        return "jsonl"
    return "text"


def _read_limited(stream: BinaryIO, where: str) -> bytes | Reject:
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return Reject(where, "E104", f"the file has more than {MAX_FILE_BYTES:,} bytes (after decompression); "
                      "split it, or use a record format (JSONL, CSV, WARC) which is read as a stream")
    return data


def bytes_docs(data: bytes, where: str, name: str, fmt: str, fields: Mapping[str, str] | None = None,
               url: str | None = None, charset: str | None = None) -> Iterator[Doc | Reject]:
    """Documents from one whole input held in memory (a file, standard input, a fetched address)."""
    if fmt == "warc":
        yield from warc_docs(io.BytesIO(data), where, doc_prefix=name)
        return
    if fmt == "html":
        if not data.strip():
            yield Reject(where, "E102", "the file is empty")
        elif _binary(data[:4096]):
            yield Reject(where, "E101", "the file is binary, not text")
        else:
            yield html_doc(data, where, doc_id=name, url=url, charset=charset)
        return
    if fmt == "feed":
        if not data.strip():
            yield Reject(where, "E102", "the file is empty")
        else:
            yield from feed_docs(data, where, doc_prefix=name)
        return
    text = _decode(data, where)
    if isinstance(text, Reject):
        yield text
    elif fmt == "jsonl":
        yield from jsonl_docs(text.splitlines(), where, fields)
    elif fmt == "json":
        yield from json_docs(text, where, fields)
    elif fmt in ("csv", "tsv"):
        yield from csv_docs(io.StringIO(text, newline=""), where, "\t" if fmt == "tsv" else ",", fields)
    else:
        yield Doc(id=name, text=text, where=where, url=url)


def _stream_docs(path: Path, fmt: str, fields: Mapping[str, str] | None) -> Iterator[Doc | Reject]:
    """A record file read as a stream; a broken compressed stream keeps the records read before it."""
    where = str(path)
    with path.open("rb") as raw:
        head = raw.read(4)
        raw.seek(0)
        if fmt == "warc":  # warcio reads gzip members itself
            yield from warc_docs(raw, where, doc_prefix=path.name)
            return
        stream: BinaryIO = gzip.GzipFile(fileobj=raw) if _is_gzip(path, head) else raw  # type: ignore[assignment]
        try:
            sample = stream.peek(4096)[:4096] if hasattr(stream, "peek") else b""
            if not sample.strip():
                yield Reject(where, "E102", "the file is empty")
                return
            if _binary(sample):
                yield Reject(where, "E101", "the file is binary, not text")
                return
            if fmt == "jsonl":
                yield from jsonl_docs(stream, where, fields)
            else:
                lines = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
                try:
                    yield from csv_docs(lines, where, "\t" if fmt == "tsv" else ",", fields)
                except UnicodeDecodeError as exc:
                    yield Reject(where, "E103", f"invalid UTF-8 ({exc.reason}); re-encode the file as UTF-8")
        except (OSError, EOFError, zlib.error) as exc:
            yield Reject(where, "E105", f"cannot read the file past this point: {type(exc).__name__}: {exc}")


def file_docs(path: Path, fmt: str | None = None, fields: Mapping[str, str] | None = None) -> Iterator[Doc | Reject]:
    where = str(path)
    fmt = fmt or SUFFIX_FORMATS.get(_suffix(path.name))
    try:
        if fmt in STREAMED:
            yield from _stream_docs(path, fmt, fields)
            return
        with path.open("rb") as raw:
            head = raw.read(4)
            raw.seek(0)
            if _is_gzip(path, head):
                with gzip.GzipFile(fileobj=raw) as gz:
                    data = _read_limited(gz, where)
            else:
                size = path.stat().st_size
                if size > MAX_FILE_BYTES:
                    yield Reject(where, "E104", f"the file has {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}")
                    return
                data = raw.read()
    except (OSError, EOFError, zlib.error) as exc:
        yield Reject(where, "E105", f"cannot read the file: {exc}")
        return
    if isinstance(data, Reject):
        yield data
        return
    if fmt is None:  # a suffix that says nothing (none, .xml, .dat, ...): the first bytes decide
        fmt = sniff(data[:4096])
        if _suffix(path.name) == ".xml" and fmt == "html" and not looks_like_html(data[:4096].decode("latin-1")):
            yield Reject(where, "E108", "an XML file that is neither an RSS/Atom feed nor a web page")
            return
    yield from bytes_docs(data, where, path.name, fmt, fields)


def stdin_docs(stream: object = None, fmt: str | None = None, fields: Mapping[str, str] | None = None) -> Iterator[Doc | Reject]:
    raw = (stream or sys.stdin.buffer).read()  # type: ignore[attr-defined]
    data = raw if isinstance(raw, bytes) else raw.encode()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Reject("<stdin>", "E105", f"cannot decompress standard input: {exc}")
            return
    fmt = fmt or sniff(data[:4096])
    yield from bytes_docs(data, "<stdin>", "stdin", fmt, fields)


def url_docs(url: str, fmt: str | None = None, fields: Mapping[str, str] | None = None) -> Iterator[Doc | Reject]:
    """An address given explicitly: fetched once (a feed, a page or a record file); the links inside it are
    not followed."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "eventwire (+https://github.com/eventwire)"})
    try:
        with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT) as resp:  # noqa: S310 - only http(s) reaches here
            data = _read_limited(resp, url)
            content_type = resp.headers.get("Content-Type", "")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        yield Reject(url, "E109", f"cannot fetch the address ({reason}); eventwire works offline otherwise: "
                     "download the file and give its path")
        return
    if isinstance(data, Reject):
        yield data
        return
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            yield Reject(url, "E105", f"cannot decompress the response: {exc}")
            return
    charset = next((p.split("=", 1)[1].strip("\"' ") for p in content_type.split(";")[1:] if p.strip().lower().startswith("charset=")), None)
    if fmt is None:
        ctype = content_type.split(";")[0].strip().lower()
        fmt = "feed" if ("rss" in ctype or "atom" in ctype) else "html" if "html" in ctype else sniff(data[:4096])
    yield from bytes_docs(data, url, url, fmt, fields, url=url, charset=charset)


def _expand(spec: str) -> list[Path] | Reject:
    path = Path(spec)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        return files or Reject(str(path), "E106", "the directory holds no files")
    if path.is_file():
        return [path]
    if any(c in spec for c in "*?["):
        matches = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
        return matches or Reject(spec, "E107", "no file matches the pattern")
    return Reject(str(path), "E107", "no such file or directory")


def _guarded(items: Iterator[Doc | Reject], where: str) -> Iterator[Doc | Reject]:
    """A reader's items; a bug in a reader (or a library under it) ends that input with an E190 reject
    instead of stopping the whole batch."""
    try:
        yield from items
    except Exception as exc:  # noqa: BLE001 - recorded as a reject, the other inputs go on
        yield Reject(where, "E190", f"internal error while reading: {type(exc).__name__}: {exc}; the records "
                     "before it were kept (please report this file)")


def limit_records(items: Iterator[Doc | Reject], where: str, max_records: int) -> Iterator[Doc | Reject]:
    """At most `max_records` records of one input, then one E116 reject and the rest left unread."""
    n = 0
    for item in _guarded(items, where):
        n += item.count if isinstance(item, Skip) else 1
        if n > max_records:
            close = getattr(items, "close", None)
            if close is not None:
                close()  # stop the reader now: the rest of the file is never read
            yield Reject(where, "E116", f"the file has more than {max_records:,} records; the first {max_records:,} "
                         "were read and the rest left out: split the file or raise --max-records")
            return
        yield item


def limit_size(item: Doc | Reject, max_chars: int) -> Doc | Reject:
    """The document, or an E117 reject when its text (after extraction) is over the article size limit."""
    if isinstance(item, Doc) and len(item.text) > max_chars:
        return Reject(item.where, "E117", f"the article has {len(item.text):,} characters of text, more than the "
                      f"limit of {max_chars:,}: split it, or raise --max-article-chars")
    return item


def _raw_inputs(inputs: Iterable[str], fmt: str | None, fields: Mapping[str, str] | None,
                limits: Limits) -> Iterator[Doc | Reject]:
    for spec in inputs:
        if spec == "-":
            yield from limit_records(stdin_docs(fmt=fmt, fields=fields), "<stdin>", limits.max_records)
        elif spec.startswith(("http://", "https://")):
            yield from limit_records(url_docs(spec, fmt, fields), spec, limits.max_records)
        else:
            found = _expand(spec)
            if isinstance(found, Reject):
                yield found
                continue
            for f in found:
                yield from limit_records(file_docs(f, fmt, fields), str(f), limits.max_records)


def read_inputs(inputs: Iterable[str], fmt: str | None = None, fields: Mapping[str, str] | None = None,
                english_only: bool = True, limits: Limits = DEFAULT) -> Iterator[Doc | Reject]:
    """Documents from files, directories, globs, addresses and '-' (see the module docstring). `fmt`
    forces one format for every input; `fields` maps record fields (tabular.py); with `english_only`,
    documents judged not English are yielded as `Skip`s (S101) instead; `limits` bounds the records read
    per file and the size of an article."""
    if fmt is not None and fmt not in FORMATS:
        yield Reject(str(fmt), "E108", f"unknown input format {fmt!r}; use one of {', '.join(FORMATS)}")
        return
    for raw in _raw_inputs(inputs, fmt, fields, limits):
        item = limit_size(raw, limits.max_article_chars)
        if english_only and isinstance(item, Doc):
            lang = detect(item.text)
            if not lang.english:
                yield Skip(item.where, "S101", f"not English (looks like {lang.code}; {lang.english_ratio:.0%} of "
                           f"{lang.words} words are English function words)")
                continue
        yield item
