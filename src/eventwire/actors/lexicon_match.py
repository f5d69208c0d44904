"""Dictionary hits in a sentence: the Aho-Corasick automaton over its lower-cased tokens."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.model import Sentence, Token
from eventwire.resources.loader import Lex, Resources


@dataclass(slots=True)
class Hit:
    ts: int  # first token
    te: int  # one past the last token
    lexes: tuple[Lex, ...]

    def first(self, *categories: str) -> Lex | None:
        return next((lx for lx in self.lexes if lx.category in categories), None)


def _case_ok(want: tuple[str, ...], got: list[Token]) -> bool:
    for w, t in zip(want, got, strict=False):
        if len(w) > 1 and w.isupper() and w.isalpha():
            if t.text != w:  # acronyms match exactly: "NATO", not "nato"
                return False
        elif w[:1].isupper() and not t.text[:1].isupper():
            return False
    return True


def dictionary_hits(res: Resources, sent: Sentence) -> list[Hit]:
    """Leftmost-longest non-overlapping dictionary hits, case-checked."""
    toks = sent.tokens
    starts: dict[int, int] = {}
    pos = 1
    parts = []
    for i, t in enumerate(toks):
        starts[pos] = i
        parts.append(t.lower)
        pos += len(t.lower) + 1
    joined = " " + " ".join(parts) + " "
    found: list[Hit] = []
    for end, (key, lexes) in res.matcher.iter(joined):
        ts = starts.get(end - len(key))
        if ts is None:
            continue
        te = ts + key.count(" ") + 1
        ok = tuple(lx for lx in lexes if _case_ok(lx.tokens, toks[ts:te]))
        if ok:
            found.append(Hit(ts, te, ok))
    found.sort(key=lambda h: (h.ts, -(h.te - h.ts)))
    out: list[Hit] = []
    last = 0
    for h in found:
        if h.ts >= last:
            out.append(h)
            last = h.te
    return out
