"""Helpers of the reliability suite: a time bound that fails a test on a hang, a memory bound, and the
check that every span the pipeline reports lies inside the article text."""

from __future__ import annotations

import os
import threading
import tracemalloc
from collections.abc import Callable
from typing import Any, TypeVar

from eventwire.ingest.doc import Doc
from eventwire.model import Article, Reject

T = TypeVar("T")
HANG_SECONDS = 20.0  # one input taking longer than this is a hang (a correctness bound, not a speed target)
# EVENTWIRE_FUZZ_SCALE=10 runs ten times the examples of a normal (CI) run: a longer fuzzing campaign
FUZZ_SCALE = max(1, int(os.environ.get("EVENTWIRE_FUZZ_SCALE", "1") or 1))


def examples(n: int) -> int:
    """The number of Hypothesis examples of a fuzz test: `n` in a normal run, times EVENTWIRE_FUZZ_SCALE."""
    return n * FUZZ_SCALE


def bounded(fn: Callable[[], T], seconds: float = HANG_SECONDS, what: str = "input") -> T:
    """`fn()`, failing the test when it has not returned after `seconds`. It runs in a daemon thread so a
    hang inside C code (a parser) is caught too; its exception, if any, is raised here."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller below
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise AssertionError(f"hang: {what} did not finish within {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def peak_mib(fn: Callable[[], T], seconds: float = HANG_SECONDS, what: str = "input") -> tuple[T, float]:
    """`fn()` under the time bound, with the peak of Python memory allocated while it ran, in MiB."""
    tracemalloc.start()
    try:
        value = bounded(fn, seconds, what)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return value, peak / 2**20


def read_all(items: Any) -> list[Doc | Reject]:
    """Drain a reader, checking that it yields only documents and coded rejects/skips."""
    out = list(items)
    for item in out:
        assert isinstance(item, Doc | Reject), f"a reader yielded {type(item).__name__}"
        if isinstance(item, Doc):
            assert isinstance(item.text, str) and item.text.strip(), item
            assert item.where
        else:
            assert item.where and item.code[:1] in "ES" and item.code[1:].isdigit(), item
            assert item.reason
    return out


def check_spans(art: Article) -> None:
    """Every mention, event, quote, place and date points inside the text, at the text it reports."""
    text, n = art.text, len(art.text)
    for s in art.sentences:
        assert 0 <= s.start <= s.end <= n and text[s.start:s.end] == s.text, s
    for m in art.mentions:
        assert 0 <= m.start <= m.end <= n and text[m.start:m.end] == m.text, m
    for e in art.events:
        ev = e.evidence
        assert 0 <= ev.start <= ev.end <= n and text[ev.start:ev.end] == ev.text, e
    for q in art.quotes:
        assert 0 <= q.start <= q.end <= n and text[q.start:q.end] == q.text, q
        if q.speaker_start >= 0:
            assert q.speaker_start <= q.speaker_end <= n, q
    for p in art.places:
        if p.start >= 0:
            assert p.start <= p.end <= n, p
    for d in art.dates:
        assert 0 <= d.start <= d.end <= n and text[d.start:d.end] == d.text, d
