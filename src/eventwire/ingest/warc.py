"""Web archives: WARC (and ARC) files, plain or gzipped, read record by record with warcio.

Each HTML response with status 200 becomes a document (address from WARC-Target-URI, the capture date
as the publication date when the page gives none). Other responses (images, scripts, redirects, errors)
are skipped and counted; request, metadata and warcinfo records are not documents and are passed over.
A truncated or corrupt archive yields what could be read, then one reject saying where it broke.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from eventwire.ingest.doc import Doc
from eventwire.ingest.html import html_doc
from eventwire.model import Reject, Skip

MAX_RECORD_BYTES = 20_000_000
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def warc_docs(stream: BinaryIO, source: str, *, doc_prefix: str) -> Iterator[Doc | Reject]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    not_html = not_ok = n = 0
    examples: dict[str, list[str]] = {"type": [], "status": []}
    try:
        for n, record in enumerate(ArchiveIterator(stream, arc2warc=True), 1):
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}#{n} {uri}".rstrip()
            if record.rec_type == "response":
                if record.http_headers is None:
                    not_html += 1
                    continue
                status = record.http_headers.get_statuscode() or ""
                content_type = record.http_headers.get_header("Content-Type") or ""
            else:  # a resource record holds the file itself, with no HTTP exchange
                status = "200"
                content_type = record.rec_headers.get_header("Content-Type") or ""
            if status != "200":
                not_ok += 1
                if len(examples["status"]) < 3:
                    examples["status"].append(f"{status} {uri}")
                continue
            if not content_type.split(";")[0].strip().lower().startswith(HTML_TYPES):
                not_html += 1
                if len(examples["type"]) < 3:
                    examples["type"].append(content_type.split(";")[0].strip() or "no type")
                continue
            payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
            if len(payload) > MAX_RECORD_BYTES:
                yield Reject(where, "E104", f"the record has more than {MAX_RECORD_BYTES:,} bytes")
                continue
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:  # the archive ended inside this record
                yield Reject(where, "E130", f"the archive is truncated: this record lacks {missing:,} of its "
                             f"{record.length:,} bytes")
                continue
            yield html_doc(payload, where, doc_id=uri or f"{doc_prefix}#{n}", url=uri or None,
                           charset=_charset(content_type), fallback_date=record.rec_headers.get_header("WARC-Date"))
    # warcio raises AttributeError/TypeError/IndexError/KeyError of its own on corrupt headers (a record
    # with no WARC-Target-URI, a mangled status line): they all mean the archive is broken here
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError, TypeError, IndexError,
            KeyError) as exc:
        yield Reject(f"{source}#{n + 1}", "E130",
                     f"the archive is truncated or corrupt after {n} record(s): {type(exc).__name__}: {exc}".rstrip(": "))
    if not_ok:
        yield Skip(source, "S103", f"{not_ok} response(s) without status 200 (e.g. {'; '.join(examples['status'])})", count=not_ok)
    if not_html:
        yield Skip(source, "S102", f"{not_html} response(s) that are not HTML pages (e.g. {', '.join(sorted(set(examples['type'])))})",
                   count=not_html)
