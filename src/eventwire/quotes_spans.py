"""Find quotation spans (curly and straight marks) before anything else reads the text."""

from __future__ import annotations

import re

OPEN = "\u201c"
CLOSE = "\u201d"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each pair of double quotation marks; spans may cross sentences
    and, when a paragraph opens a quote it does not close, continue into the next paragraph."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    straight_open: int | None = None
    for m in re.finditer(r"[\u201c\u201d\"\n]", text):
        ch, i = m.group(), m.start()
        if ch == "\n":
            if straight_open is not None:  # straight quotes never cross paragraphs unclosed
                straight_open = None
            if open_at is not None:
                # a paragraph that opens a quote and does not close it continues in the next one
                spans.append((open_at + 1, i))
                nxt = text[i + 1 : i + 2]
                open_at = i + 1 if nxt == OPEN else None
            continue
        if ch == OPEN:
            open_at = i  # an unclosed earlier quote restarts at the new mark
        elif ch == CLOSE:
            if open_at is not None:
                spans.append((open_at + 1, i))
                open_at = None
        else:  # straight double quote: toggle
            if straight_open is None:
                straight_open = i
            else:
                spans.append((straight_open + 1, i))
                straight_open = None
    return [(s, e) for s, e in spans if e > s]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
