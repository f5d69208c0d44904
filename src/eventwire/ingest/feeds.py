"""RSS and Atom feeds, read with feedparser after a safety check of the XML with defusedxml.

Each item becomes a document from its content (else its summary), title, link, date and authors; the
linked article is not fetched (eventwire works offline). Feeds that declare XML entities or point to
external ones are refused before any parsing (no billion laughs, no reading of local files).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import re
from collections.abc import Iterator
from typing import Any

from eventwire.ingest.doc import Doc
from eventwire.ingest.html import fragment_text
from eventwire.ingest.pagemeta import parse_timestamp
from eventwire.model import Reject


def unsafe_xml(data: bytes) -> str | None:
    """Why the XML must not be parsed (entity declarations, external references), or None if it is safe."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return f"{type(exc).__name__}: {exc}"
    except ParseError as exc:
        # malformed XML goes to feedparser's lenient parser, which never expands declared entities;
        # still refuse a document that tries to declare them
        head = data[:65536].lower()
        if b"<!entity" in head:
            return f"malformed XML that declares entities ({exc})"
    return None


def looks_like_feed(head: bytes) -> bool:
    h = head[:4096].lower()
    return b"<rss" in h or b"<feed" in h or b"<rdf:rdf" in h


def _day(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        d = parse_timestamp(raw)
        if d is None:
            try:
                d = email.utils.parsedate_to_datetime(raw).date()  # RFC 822, as written (not moved to UTC)
            except (TypeError, ValueError, IndexError):
                d = None
        if d is None and entry.get(f"{key}_parsed"):
            d = dt.date(*entry[f"{key}_parsed"][:3])
        if d:
            return d.isoformat()
    return None


# control characters XML does not allow (all but tab, newline, return): lxml refuses them in a tree
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(entry: Any) -> str:
    contents = [c for c in entry.get("content") or [] if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: len(c.get("value", "")))
        return fragment_text(_CONTROL.sub("", best["value"]))
    return fragment_text(_CONTROL.sub("", entry.get("summary") or entry.get("description") or ""))


def feed_docs(data: bytes, source: str, *, doc_prefix: str) -> Iterator[Doc | Reject]:
    import feedparser
    from feedparser.exceptions import ThingsNobodyCaresAboutButMe

    why = unsafe_xml(data)
    if why:
        yield Reject(source, "E142", f"unsafe XML refused ({why}); feeds must not declare entities")
        return
    try:
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except (ValueError, OverflowError, TypeError, IndexError, KeyError, AttributeError) as exc:
        # feedparser's own failures on broken input, e.g. a character reference past U+10FFFF
        yield Reject(source, "E140", f"not a readable RSS/Atom feed: {type(exc).__name__}: {exc}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield Reject(source, "E140", f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
        elif not parsed.get("version"):
            yield Reject(source, "E140", "no RSS or Atom feed found in the file")
        else:
            yield Reject(source, "E143", "the feed has no items")
        return
    site = parsed.get("feed", {}).get("title") or None
    broken = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(broken, ThingsNobodyCaresAboutButMe):
        broken = None  # a wrong declared encoding or content type: the items read fine
    for i, entry in enumerate(entries, 1):
        where = f"{source}#{i}"
        text = _text(entry)
        if not text.strip():
            yield Reject(where, "E141", "the feed item has no content or summary (eventwire does not fetch the linked page)")
            continue
        authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
        if not authors and entry.get("author"):
            authors = [entry["author"]]
        yield Doc(id=str(entry.get("id") or entry.get("link") or f"{doc_prefix}#{i}"), text=text, where=where,
                  published=_day(entry), title=entry.get("title") or None, url=entry.get("link") or None,
                  authors=authors, site=site)
    if broken is not None:
        yield Reject(source, "E140", f"malformed RSS/Atom feed XML ({broken}); the {len(entries)} item(s) before the error were read")
