"""Dictionary hits in a sentence: the Aho-Corasick automaton over its lower-cased tokens."""

from __future__ import annotations

from dataclasses import dataclass

from eventwire.model import Sentence, Token
from eventwire.resources.loader import Lex, Resources, deletions, within_one_edit


@dataclass(slots=True)
class Hit:
    ts: int  # first token
    te: int  # one past the last token
    lexes: tuple[Lex, ...]

    def first(self, *categories: str) -> Lex | None:
        for lx in self.lexes:  # (a plain loop: called for most tokens, and a generator costs more than the test)
            if lx.category in categories:
                return lx
        return None


def _case_ok(want: tuple[str, ...], got: list[Token]) -> bool:
    for w, t in zip(want, got, strict=False):
        if len(w) > 1 and w.isupper() and w.isalpha():
            if t.text != w:  # acronyms match exactly: "NATO", not "nato"
                return False
        elif w[:1].isupper() and not t.text[:1].isupper():
            return False
    return True


def dictionary_hits(res: Resources, sent: Sentence) -> list[Hit]:
    """Leftmost-longest non-overlapping dictionary hits, case-checked (computed once per sentence)."""
    key = f"hits:{res.fingerprint}"
    if key not in sent.cache:
        sent.cache[key] = _dictionary_hits(res, sent)
    return sent.cache[key]  # type: ignore[no-any-return]


def _dictionary_hits(res: Resources, sent: Sentence) -> list[Hit]:
    toks = sent.tokens
    joined = " " + " ".join(sent.lows()) + " "
    found: list[Hit] = []
    for end, (key, lexes) in res.matcher.iter(joined):
        # keys are matched with a space on each side, and tokens hold no space: the key starts a token, the one
        # after as many spaces as precede it, less the leading one (few keys match, so this beats an index)
        ts = joined.count(" ", 0, end - len(key)) - 1
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
    covered = {i for h in out for i in range(h.ts, h.te)}
    def name_neighbour(i: int) -> bool:  # "Megan Greene" is a person, not a misspelt Greece
        prev = toks[i - 1].text if i > 0 else ""
        nxt = toks[i + 1].text if i + 1 < len(toks) else ""
        return (prev[:1].isupper() and prev.isalpha()) or (nxt[:1].isupper() and nxt.isalpha())

    # (the cheap tests on the word itself come first: few words are long, capitalised and all letters)
    fuzzy = [h for i, t in enumerate(toks) if len(t.text) >= 6 and t.text[:1].isupper() and t.text.isalpha()
             and i not in covered and not name_neighbour(i) and (h := _fuzzy_hit(res, t, i))]
    if fuzzy:
        out = sorted(out + fuzzy, key=lambda h: h.ts)
    return out


_FUZZY: dict[str, dict[str, Lex | None]] = {}  # resources fingerprint -> word -> its misspelt country word
_FUZZY_WORDS = 50_000  # words remembered per set of resources before the memo starts afresh


def _fuzzy_hit(res: Resources, t: Token, i: int) -> Hit | None:
    """A misspelt country word ('Ethopia', 'Quatar') that is not a place or word of its own."""
    memo = _FUZZY.setdefault(res.fingerprint, {})
    w = t.text
    if w in memo:
        lex = memo[w]
    else:
        if len(memo) >= _FUZZY_WORDS:
            memo.clear()
        lex = memo[w] = _fuzzy_lex(res, w)
    return Hit(i, i + 1, (lex,)) if lex is not None else None


def _fuzzy_lex(res: Resources, w: str) -> Lex | None:
    if len(w) < 6 or not w[:1].isupper() or not w.isalpha() or w in res.gazetteer:
        return None
    low = w.lower()
    for v in (low, *deletions(low)):
        for name, lex in res.fuzzy.get(v, ()):
            if name[0] == low[0] and within_one_edit(low, name):
                return Lex(lex.category, lex.ref, (w,), lex.sector)
    return None
