"""Find quotation spans (curly and straight marks) before anything else reads the text."""

from __future__ import annotations

import re

OPEN = "\u201c"
CLOSE = "\u201d"
# Characters after which a straight mark opens a quotation: '(he said "no")', 'wrote: "..."'
OPENS_AFTER = frozenset("([{\u2014\u2013-/\u2018'")


def _straight_opens(text: str, i: int, quote_open: bool) -> bool | None:
    """Does the straight mark at i open (True) or close (False) a quotation? None for markup ('id="7"')."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev == "=" or nxt in (">", "/"):
        return None
    before_space = prev.isspace() or prev in OPENS_AFTER or i == 0
    after_space = nxt.isspace() or nxt in ",.;:!?)]\u2014"
    if before_space and not after_space:
        return True
    if after_space and not before_space:
        return False
    return not quote_open  # a mark between spaces (or between letters) toggles


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotation marks; spans may cross sentences
    and, when a paragraph opens a quote it does not close, end with the paragraph. Straight and curly
    marks pair with each other ('"Yes,\u201d he said'): a straight mark opens or closes by the spaces around it."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in re.finditer(r"[\u201c\u201d\"\n]", text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            if open_at is not None:
                # a paragraph that opens a quote and does not close it: the quote runs to its end (a quote
                # going on in the next paragraph opens that paragraph with a mark of its own)
                spans.append((open_at + 1, i))
                open_at = None
            continue
        opens = True if ch == OPEN else False if ch == CLOSE else _straight_opens(text, i, open_at is not None)
        if opens is None:
            continue
        if opens:
            open_at = i  # an unclosed earlier quote restarts at the new mark
        elif open_at is not None:
            spans.append((open_at + 1, i))
            open_at = None
    return [(s, e) for s, e in spans if e > s]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
