"""Tokens and sentences: a fast regex tokenizer that keeps character offsets.

Hyphens and possessive 's are separate tokens so that "NATO-Russia" and "Russia's" expose their parts to
the dictionary matcher; known abbreviations and initialisms (U.S., Mr., Jan.) keep their period.
"""

from __future__ import annotations

import re

from eventwire.model import Sentence, Token

ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "maj", "sgt", "adm", "capt", "cmdr", "amb", "pres", "prof", "rev", "st", "sr", "jr", "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "dept", "univ", "ave", "mt", "ft", "fig", "est", "approx", "gens", "reps", "sens", "messrs", "mmes", "supt", "insp", "cpl", "pvt", "brig"]
)
# Words after which an initialism such as "U.S." still ends its sentence.
SENTENCE_STARTERS = frozenset(
    ["the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "these", "those", "but", "and", "in", "on", "at", "his", "her", "their", "its", "there", "however", "meanwhile", "yet", "still", "after", "before", "when", "while", "as", "mr", "mrs", "ms"]
)

# Two shortcuts, not rules. The leading spaces are consumed by the match (no branch can start on a space, so
# the engine would otherwise try them all there and fail); a token is the span of the branch that matched.
# The first branch: a run of ASCII letters followed by no letter, digit, period or apostrophe is read by the
# `word` branch anyway (no other branch can match there), and most tokens are such words, so the engine stops
# trying the four branches before `word` for them.
_TOKEN = re.compile(
    r"""
    \s*(?:
    (?P<plain>[A-Za-z]+)(?![\w.'\u2019])
  | (?P<init>(?:[A-Za-z]\.){2,})(?![A-Za-z])          # initialisms: U.S. U.N. D.C.
  | (?P<abbr>[A-Za-z]{1,5}\.)(?=\s|,|$)(?<!\.\.)      # candidate abbreviation or initial: Mr. R. Jan.
  | (?P<num>\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?)
  | (?P<poss>['\u2019][sS](?![A-Za-z]))               # possessive 's
  | (?P<word>[^\W\d_](?:[\w]|['\u2019](?=[a-zA-Z]{2,}))*|\w+)
  | (?P<ell>\.\.\.|\u2026)
  | (?P<dash>--|\u2014|\u2013)
  | (?P<punct>\S)
    )""",
    re.VERBOSE,
)


_ABBR = _TOKEN.groupindex["abbr"]  # a candidate abbreviation: keeps its period only when known


def _norm(tok: str) -> str:
    low = tok.lower()
    if "\u2019" in low or "\u2018" in low:
        return low.replace("\u2019", "'").replace("\u2018", "'")
    return low


def _lowered(text: str) -> str | None:
    """The text lower-cased and quote-normalised as a whole, when that equals lower-casing each token on its
    own: every character then lowers to exactly one, and no final sigma depends on its neighbours."""
    low = text.lower()
    if len(low) != len(text) or "\u03a3" in text:
        return None
    if "\u2019" in low or "\u2018" in low:
        low = low.replace("\u2019", "'").replace("\u2018", "'")
    return low


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split text into tokens with absolute character offsets (text starts at `offset`)."""
    out: list[Token] = []
    append = out.append
    tok = Token
    lowered = _lowered(text)
    n = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastindex
        t = m.group(kind)
        b, e = m.span(kind)
        if kind == _ABBR:
            base = t[:-1]
            # keep the period only for known abbreviations and single-letter initials
            if not (base.lower() in ABBREVIATIONS or (len(base) == 1 and base.isupper())):
                s = b + offset
                append(tok(base, s, s + len(base), _norm(base), n))
                append(tok(".", s + len(base), s + len(t), ".", n + 1))
                n += 2
                continue
        append(tok(t, b + offset, e + offset, lowered[b:e] if lowered is not None else _norm(t), n))
        n += 1
    return out


_END = frozenset({".", "!", "?", "...", "\u2026"})
_CLOSERS = frozenset({'"', "\u201d", "'", "\u2019", ")", "]"})


def _ends_sentence(tokens: list[Token], i: int, text: str) -> int:
    """Return the index just past the sentence end at token i, or -1 when token i ends nothing."""
    t = tokens[i]
    is_end = t.text in _END
    if not is_end and t.text.endswith(".") and len(t.text) > 1:
        # an abbreviation or initialism: ends a sentence only before a typical sentence opener
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None:
            return i + 1
        if t.text.count(".") >= 2 and nxt.text[:1].isupper() and nxt.lower in SENTENCE_STARTERS:
            return i + 1
        return -1
    if not is_end:
        return -1
    j = i + 1
    # closing marks stay with the sentence; a straight quote after a space opens the next one
    while j < len(tokens) and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
        j += 1
    if j >= len(tokens):
        return j
    nxt = tokens[j]
    gap = text[tokens[j - 1].end : nxt.start]
    if nxt.text[:1].isupper() or nxt.text[:1].isdigit() or nxt.text in ('"', "\u201c", "(", "\u2018", "\u2022"):
        return j if gap else -1
    return -1


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences; paragraphs are lines, and a sentence never crosses one."""
    sentences: list[Sentence] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        start_of_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        tokens = tokenize(line, start_of_line)
        begin = 0
        i = 0
        n = len(tokens)
        while i < n:
            tx = tokens[i].text
            if tx[-1] != "." and tx not in _END:
                i += 1  # most tokens end nothing
                continue
            end = _ends_sentence(tokens, i, text)
            if end > 0:
                _add(sentences, text, tokens[begin:end], para)
                begin = end
                i = end
                continue
            i += 1
        if begin < len(tokens):
            _add(sentences, text, tokens[begin:], para)
        para += 1
    return sentences


def _add(sentences: list[Sentence], text: str, toks: list[Token], para: int) -> None:
    if not toks:
        return
    if toks[0].i:  # (a line's first sentence keeps the indexes the tokenizer gave its tokens)
        for k, t in enumerate(toks):
            t.i = k
    s, e = toks[0].start, toks[-1].end
    sentences.append(Sentence(len(sentences), s, e, text[s:e], para, toks))
