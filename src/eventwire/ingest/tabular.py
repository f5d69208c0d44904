"""Record files: JSON Lines, JSON and CSV/TSV, each record one document, with a field mapping.

The mapping says which field of a record holds each document field (`text=body`, `published=date`); a
field not mapped is read under its own name (`id`, `text`, `published`, `title`, `url`, `authors`). Names
may be dotted paths into nested JSON objects (`published=meta.date`). Files are read as streams, so a
corpus of any size goes through with flat memory; a bad record is a reject naming its line.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.doc import Doc
from eventwire.model import Reject

DOC_FIELDS = ("id", "text", "published", "title", "url", "authors", "site")
MAX_FIELD_CHARS = 10_000_000


def parse_fields(specs: Iterable[str] | None) -> dict[str, str]:
    """`['text=body', 'published=date']` -> {'text': 'body', 'published': 'date'}; bad specs raise InputError."""
    mapping: dict[str, str] = {}
    for spec in specs or ():
        name, sep, source = spec.partition("=")
        name, source = name.strip(), source.strip()
        if not sep or not name or not source:
            raise InputError(f"field mapping {spec!r} is not NAME=FIELD (e.g. text=body)")
        if name not in DOC_FIELDS:
            raise InputError(f"field mapping {spec!r}: {name!r} is not one of {', '.join(DOC_FIELDS)}")
        mapping[name] = source
    return mapping


def _get(rec: Mapping[str, Any], path: str) -> Any:
    if path in rec:
        return rec[path]
    cur: Any = rec
    for part in path.split("."):
        if not isinstance(cur, Mapping) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _authors(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(a).strip() for a in value if str(a).strip()]
    if isinstance(value, str):
        for sep in (";", "|", ","):
            if sep in value:
                return [a.strip() for a in value.split(sep) if a.strip()]
        return [value.strip()] if value.strip() else []
    return []


def record_doc(rec: Any, where: str, default_id: str, fields: Mapping[str, str] | None = None) -> Doc | Reject:
    """One record (a JSON object or a CSV row) as a document, or the reason it cannot be one."""
    fields = fields or {}
    if not isinstance(rec, Mapping):
        return Reject(where, "E111", "a record must be an object with a 'text' field")
    text_field = fields.get("text", "text")
    text = _get(rec, text_field)
    if not isinstance(text, str) or not text.strip():
        hint = "" if "text" in fields else "; map another field with --field text=NAME"
        return Reject(where, "E112", f"the record has no {text_field!r} (a non-empty string is required){hint}")

    def field(name: str) -> Any:
        value = _get(rec, fields.get(name, name))
        return value if value not in ("", None) else None

    title, url, site = field("title"), field("url"), field("site")
    return Doc(
        id=str(field("id") or default_id),
        text=text,
        where=where,
        published=str(field("published")) if field("published") is not None else None,
        title=title if isinstance(title, str) else None,
        url=url if isinstance(url, str) else None,
        authors=_authors(field("authors")),
        site=site if isinstance(site, str) else None,
    )


def jsonl_docs(lines: Iterable[str | bytes], source: str, fields: Mapping[str, str] | None = None) -> Iterator[Doc | Reject]:
    for n, line in enumerate(lines, 1):
        where = f"{source}:{n}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield Reject(where, "E103", f"invalid UTF-8 at byte {exc.start} of the line; re-encode the file as UTF-8")
                continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(where, "E110", f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        yield record_doc(rec, where, f"{Path(source).name}:{n}", fields)


def json_docs(text: str, source: str, fields: Mapping[str, str] | None = None) -> Iterator[Doc | Reject]:
    """A JSON file: one record, or an array of records."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:  # one object per line: JSON Lines under a .json name
            yield from jsonl_docs(text.splitlines(), source, fields)
            return
        yield Reject(source, "E110", f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    records = data if isinstance(data, list) else [data]
    for i, rec in enumerate(records, 1):
        where = f"{source}[{i}]" if isinstance(data, list) else source
        yield record_doc(rec, where, f"{Path(source).name}:{i}" if isinstance(data, list) else Path(source).name, fields)


def csv_docs(lines: Iterable[str], source: str, delimiter: str = ",",
             fields: Mapping[str, str] | None = None) -> Iterator[Doc | Reject]:
    """A CSV or TSV file with a header row; each further row is one document."""
    csv.field_size_limit(MAX_FIELD_CHARS)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        yield Reject(f"{source}:1", "E114", f"malformed CSV header: {exc}")
        return
    if not header:
        yield Reject(source, "E102", "the file is empty")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    wanted = fields.get("text", "text") if fields else "text"
    if wanted not in header:
        yield Reject(f"{source}:1", "E115", f"the header has no column {wanted!r} (columns: {', '.join(header[:12])}); "
                     "map the text column with --field text=NAME")
        return
    while True:
        start = reader.line_num + 1  # a quoted field may span lines: name the row by its first line
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(f"{source}:{start}", "E114", f"malformed CSV row: {exc}")
            return  # the csv module cannot resynchronise after a broken row
        if not any(cell.strip() for cell in row):
            continue
        where = f"{source}:{start}"
        if len(row) != len(header):
            yield Reject(where, "E114", f"the row has {len(row)} fields, the header {len(header)}")
            continue
        yield record_doc(dict(zip(header, row, strict=True)), where, f"{Path(source).name}:{start}", fields)
