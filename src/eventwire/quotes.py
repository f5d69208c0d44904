"""Direct quotations and their speakers.

A quote is the text inside quotation marks; its speaker comes from the cue next to it (", he said",
"the NATO leader said", "X said:"), else from the reporting verb of its sentence for partial quotes
("held a "serious exchange", Stoltenberg said"), else from the previous quote when a paragraph goes on
quoting. Scare quotes and titles are left out.
"""

from __future__ import annotations

import re

from eventwire.events.grammar import Scope, parentheticals, subject
from eventwire.events.inflect import verb_forms
from eventwire.model import Actor, Mention, Quote, Sentence
from eventwire.nlp import lexicon as L

CUE_LEMMAS = (
    ["say", "tell", "add", "ask", "assert", "note", "state", "declare", "describe", "write", "tweet", "warn", "insist", "argue", "explain", "claim", "stress", "continue", "recall", "acknowledge", "admit", "announce", "reply", "respond", "urge", "suggest", "predict", "call", "conclude", "complain", "emphasize", "emphasise", "caution", "vow", "pledge", "promise", "remark", "observe", "quip", "concede", "counter", "deny"]
)
CUES = frozenset(f for lemma in CUE_LEMMAS for f in verb_forms(lemma)) | {"according"}
TITLE_CUES = frozenset(["titled", "entitled", "called", "dubbed", "named", "headlined", "book", "film", "song", "album", "show"])


def _sentence_of(sentences: list[Sentence], pos: int) -> Sentence | None:
    for s in sentences:
        if s.start <= pos < s.end + 1:
            return s
    return None


def _tok_at(sent: Sentence, pos: int, after: bool) -> int:
    """Index of the first token starting at/after pos (after=True) or the last ending at/before pos."""
    if after:
        return next((t.i for t in sent.tokens if t.start >= pos), len(sent.tokens))
    return max((t.i for t in sent.tokens if t.end <= pos), default=-1)


def _speaker_mention(scope: Scope, cue: int) -> Mention | None:
    """Speaker of a cue verb: a person set off before an apposition ('X, president of Y, said'), the
    subject before it, or the mention right after it ('said Mr. X', 'said pollster Jane Roe')."""
    if scope.low(cue - 1) == ",":
        for k in range(cue - 2, max(-1, cue - 14), -1):
            if scope.low(k) == ",":
                m = scope.mention_ending_at(k)
                if m is not None and m.actors and all(a.kind == "person" for a in m.actors):
                    return m
                break
    m = subject(scope, cue)
    if m is not None and m.actors:
        return m
    reach = 6  # "according to the newspaper", "said Monmouth University pollster Patrick Murray"
    near = [x for x in scope.mentions if cue < x.tok_start <= cue + reach and x.actors]
    # "said undecided Republican voter Stephanie Hooton": the person, not the description before the name
    people = [x for x in near if all(a.kind == "person" for a in x.actors)]
    return (people or near or [None])[0]


def find_quotes(text: str, sentences: list[Sentence], mentions: list[Mention],
                spans: list[tuple[int, int]]) -> list[Quote]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    scopes: dict[int, Scope] = {}

    def scope_of(s: Sentence) -> Scope:
        if s.index not in scopes:
            scopes[s.index] = Scope(s, by_sentence.get(s.index, []), parentheticals(s))
        return scopes[s.index]

    quotes: list[Quote] = []
    for qs, qe in spans:
        body = text[qs:qe]
        words = re.findall(r"[A-Za-z0-9']+", body)
        if not words:
            continue
        s_end = _sentence_of(sentences, qe) or _sentence_of(sentences, qe - 1)
        s_start = _sentence_of(sentences, qs)
        if s_end is None or s_start is None:
            continue
        before_word = text[max(0, qs - 30) : qs - 1].lower().split()[-1:] if qs > 1 else []
        if before_word and before_word[0].strip(",:") in TITLE_CUES and all(w[:1].isupper() for w in words if len(w) > 3):
            continue  # a title in quotation marks
        speaker: Mention | None = None
        cue_word: str | None = None
        rule = ""
        # A. cue after the closing mark: ', he said' / ', the NATO leader said' / ' said X'; when the quote
        # closes its sentence ('...!" Bush said.') the cue opens the next sentence of the paragraph
        k = _tok_at(s_end, qe + 1, after=True)
        if k >= len(s_end.tokens):
            nxt_s = next((x for x in sentences if x.index == s_end.index + 1 and x.paragraph == s_end.paragraph), None)
            if nxt_s is not None and nxt_s.tokens and nxt_s.tokens[0].lower not in ("\u201c", '"'):
                s_end, k = nxt_s, 0
        sc = scope_of(s_end)
        if k < len(s_end.tokens) and s_end.tokens[k].lower == ",":
            k += 1
        window = range(k, min(k + 8, len(s_end.tokens)))
        cue_i = next((i for i in window if s_end.tokens[i].lower in CUES), None)
        if cue_i is not None and (cue_i == k or sc.mention_at(k) is not None or s_end.tokens[k].lower in ("the", "a")):
            speaker = _speaker_mention(sc, cue_i)
            if speaker is None or speaker.tok_end <= k - 1 or speaker.tok_start < k:
                before = next((m for m in sc.mentions if k <= m.tok_start < cue_i and m.actors), None)
                after_cands = [m for m in sc.mentions if cue_i < m.tok_start <= cue_i + 6 and m.actors]
                people = [m for m in after_cands if all(a.kind == "person" for a in m.actors)]
                speaker = before or (people or after_cands or [None])[0]
            cue_word, rule = s_end.tokens[cue_i].text, "quote.cue-after"
        # A2. '"...," Cruz, who has proposed repealing it, said': a person right after the quote, the cue later
        if speaker is None and k < len(s_end.tokens):
            first = sc.mention_at(k)
            if first is not None and first.actors and all(a.kind == "person" for a in first.actors) \
                    and any(t.lower in CUES for t in s_end.tokens[first.tok_end :]):
                speaker, rule = first, "quote.cue-after"
                cue_word = next(t.text for t in s_end.tokens[first.tok_end :] if t.lower in CUES)
        # B. cue before the opening mark: 'X said: "..."'
        if speaker is None:
            sb = scope_of(s_start)
            j = _tok_at(s_start, qs - 1, after=False)
            while j >= 0 and s_start.tokens[j].lower in (",", ":", "that", "\u201c", '"'):
                j -= 1
            if j >= 0 and s_start.tokens[j].lower in CUES:
                speaker = _speaker_mention(sb, j)
                cue_word, rule = s_start.tokens[j].text, "quote.cue-before"
            elif j + 1 < len(s_start.tokens) and s_start.tokens[j + 1].lower == ":":
                # "Here's Clinton in December 1992: "..."": the person the colon introduces
                people = [m for m in sb.mentions if m.tok_end <= j + 1 and m.actors and all(a.kind == "person" for a in m.actors)]
                if people:
                    speaker, rule = people[-1], "quote.colon"
        # C. partial quote: the reporting verb of its sentence, outside the quote
        if speaker is None:
            sb = scope_of(s_start)
            cues = [t.i for t in s_start.tokens if t.lower in CUES and not (qs <= t.start < qe)]
            mid = (qs + qe) / 2
            for i in sorted(cues, key=lambda i: abs(s_start.tokens[i].start - mid)):
                cand = _speaker_mention(sb, i)
                if cand is not None and not (qs <= cand.start < qe):
                    speaker, cue_word, rule = cand, s_start.tokens[i].text, "quote.sentence-cue"
                    break
        # E. a quoted paragraph introduced by a cue and a colon: 'Breitbart News responded:'
        if speaker is None and text[max(0, qs - 2) : qs - 1] in ("\n",):
            prev_s = _sentence_of(sentences, qs - 3)
            if prev_s is not None and prev_s.text.rstrip().endswith(":"):
                sp = scope_of(prev_s)
                for t in reversed(prev_s.tokens):
                    if t.lower in CUES:
                        cand = _speaker_mention(sp, t.i)
                        if cand is not None:
                            speaker, cue_word, rule = cand, t.text, "quote.colon-intro"
                        break
        # D. a paragraph that goes on quoting the previous speaker, or a second quote after '..., X said.'
        same_para = bool(quotes) and "\n" not in text[quotes[-1].end : qs]
        if speaker is None and quotes and quotes[-1].speaker is not None and (
                text[max(0, qs - 2) : qs - 1] in ("\n", "") or same_para):
            prev = quotes[-1]
            if _sentence_of(sentences, prev.start) is not None:
                quotes.append(Quote(body, qs, qe, s_start.index, prev.speaker, prev.speaker_start, prev.speaker_end,
                                    prev.cue, "quote.continued"))
                continue
        if len(words) < 3 and speaker is None:
            continue  # scare quotes: "moment", "red line"
        actor = _pick_actor(speaker) if speaker is not None else None
        quotes.append(Quote(body, qs, qe, s_start.index, actor,
                            speaker.start if speaker is not None else -1, speaker.end if speaker is not None else -1,
                            cue_word, rule or "quote.unattributed"))
    return quotes


def _pick_actor(m: Mention) -> Actor | None:
    people = [a for a in m.actors if a.kind == "person"]
    return (people or m.actors or [None])[0]


def resolve_first_person(quotes: list[Quote], mentions: list[Mention]) -> None:
    """'we', 'our' inside a quote stand for the speaker's organisation or country."""
    for m in mentions:
        if not m.pronoun or m.head not in L.PRONOUNS_FIRST or m.actors:
            continue
        q = next((q for q in quotes if q.start <= m.start and m.end <= q.end), None)
        if q is None or q.speaker is None:
            continue
        sp = q.speaker
        if sp.kind == "person":
            if sp.igo or sp.country:
                m.actors = [Actor(sp.igo or sp.country or "", "organisation" if sp.igo else "country",
                                  country=None if sp.igo else sp.country, igo=sp.igo,
                                  sector=sp.sector, entry=sp.entry)]
        else:
            m.actors = [sp]
        m.rule = "pronoun.we-speaker"
