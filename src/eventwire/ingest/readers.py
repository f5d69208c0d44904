"""Readers: plain-text files, directories of them, JSON Lines and standard input.

Every reader yields `Doc`s, or `Reject`s for input that cannot be read, naming the file (and line) and the
reason; one bad record never stops the others.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.model import Reject

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
MAX_FILE_BYTES = 50_000_000


@dataclass
class Doc:
    id: str
    text: str
    where: str  # file or file:line, for messages
    published: str | None = None
    title: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)


def _decode(data: bytes, where: str) -> str | Reject:
    if not data.strip():
        return Reject(where, "E102", "the file is empty")
    sample = data[:4096]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.1:
        return Reject(where, "E101", "the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Reject(where, "E103", f"invalid UTF-8 at byte {exc.start} (line {line}); re-encode the file as UTF-8")


def _read_bytes(path: Path) -> bytes | Reject:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Reject(str(path), "E104", f"the file has {size:,} bytes, more than the limit of {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        return data
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        return Reject(str(path), "E105", f"cannot read the file: {exc}")


def jsonl_docs(lines: Iterable[str], source: str) -> Iterator[Doc | Reject]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(where, "E110", f"malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            yield Reject(where, "E111", "a JSONL record must be an object with a 'text' field")
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Reject(where, "E112", "the record has no 'text' (a non-empty string is required)")
            continue
        authors = rec.get("authors") or []
        yield Doc(
            id=str(rec.get("id") or f"{Path(source).name}:{n}"),
            text=text,
            where=where,
            published=str(rec["published"]) if rec.get("published") else None,
            title=rec.get("title") if isinstance(rec.get("title"), str) else None,
            url=rec.get("url") if isinstance(rec.get("url"), str) else None,
            authors=[str(a) for a in authors] if isinstance(authors, list) else [str(authors)],
        )


def _is_jsonl(path: Path) -> bool:
    suffixes = [s for s in path.suffixes if s != ".gz"]
    return bool(suffixes) and suffixes[-1] in JSONL_SUFFIXES


def file_docs(path: Path) -> Iterator[Doc | Reject]:
    data = _read_bytes(path)
    if isinstance(data, Reject):
        yield data
        return
    text = _decode(data, str(path))
    if isinstance(text, Reject):
        yield text
        return
    if _is_jsonl(path):
        yield from jsonl_docs(text.splitlines(), str(path))
    else:
        yield Doc(id=path.name, text=text, where=str(path))


def stdin_docs(stream: object = None) -> Iterator[Doc | Reject]:
    raw = (stream or sys.stdin.buffer).read()  # type: ignore[attr-defined]
    text = _decode(raw if isinstance(raw, bytes) else raw.encode(), "<stdin>")
    if isinstance(text, Reject):
        yield text
        return
    if text.lstrip().startswith("{"):
        yield from jsonl_docs(text.splitlines(), "<stdin>")
    else:
        yield Doc(id="stdin", text=text, where="<stdin>")


def read_inputs(inputs: Iterable[str]) -> Iterator[Doc | Reject]:
    """Documents from files, directories (recursively, in name order) and '-' for standard input."""
    for spec in inputs:
        if spec == "-":
            yield from stdin_docs()
            continue
        path = Path(spec)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield Reject(str(path), "E106", "the directory holds no files")
            for f in files:
                yield from file_docs(f)
        elif path.is_file():
            yield from file_docs(path)
        else:
            yield Reject(str(path), "E107", "no such file or directory")
