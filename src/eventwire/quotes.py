"""Direct quotations and their speakers.

A quote is the text inside quotation marks. Its speaker comes, in this order, from:
  quote.cue-after       the cue after the closing mark: '"...," he said', '"...," said pollster Jane Roe',
                        '"...," Ramos, 58, told AFP', and, after a sentence-closing quote, the next sentence
  quote.cue-before      the cue before the opening mark: 'Smith said: "..."', 'Stated Stone: "..."'
  quote.colon           a colon with no cue: 'Here's Clinton in 1992: "..."'
  quote.sentence-cue    a reporting verb of the quote's own sentence (partial quotes): 'called it a "farce"'
  quote.colon-intro     a paragraph ending with a cue and a colon, the quote in the next paragraph
  quote.continued       the speaker of the quote just before, when a paragraph goes on quoting
  quote.lead-in         the subject of the sentence that leads into a paragraph-opening quote
  quote.sentence-subject the subject of a sentence quoting without a cue: 'X praised Y for "..."'
The speaker phrase in a slot is read by `quotes_speakers`. Scare quotes and titles are left out.
"""

from __future__ import annotations

import re

from eventwire.events.grammar import Scope, parentheticals, subject
from eventwire.model import Actor, Mention, Quote, Sentence
from eventwire.nlp import lexicon as L
from eventwire.quotes_speakers import (
    ADDRESSEE_CUES,
    ADVERB_LIKE,
    IRREGULAR_PAST,
    NOT_NAME_WORDS,
    PHRASE_STOPS,
    PRONOUN_SUBJECTS,
    QUANTIFIER_OPENERS,
    SpeakerReader,
    is_cue,
    is_cue_in,
    is_name_token,
)

TITLE_CUES = frozenset(["titled", "entitled", "called", "dubbed", "named", "headlined", "book", "film", "song", "album", "show"])
# Speakers found without a cue of the quote's own: too weak to keep a quote of one or two words.
WEAK_RULES = frozenset(["quote.lead-in", "quote.sentence-subject", "quote.continued"])
QUOTE_MARKS = ("\u201c", "\u201d", '"')


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


class _Finder:
    """Speakers for the quotes of one article."""

    def __init__(self, text: str, sentences: list[Sentence], mentions: list[Mention]) -> None:
        self.text = text
        self.sentences = sentences
        self.by_index = {s.index: s for s in sentences}
        self.reader = SpeakerReader(text, mentions)
        self.scopes: dict[int, Scope] = {}

    def scope(self, s: Sentence) -> Scope:
        if s.index not in self.scopes:
            self.scopes[s.index] = Scope(s, self.reader.by_sentence.get(s.index, []), parentheticals(s))
        return self.scopes[s.index]

    def subject_of(self, sent: Sentence, cue: int, floor: int = 0) -> Mention | None:
        """Speaker of a cue verb with its subject before it, else (a verb of saying) inverted after it."""
        sc = self.scope(sent)
        toks = sent.tokens
        b = cue - 1
        while b > floor and (toks[b].lower in ADVERB_LIKE or toks[b].lower.endswith("ly")):
            b -= 1  # "with Trump reportedly yelling"
        before = toks[b] if b >= floor and cue > floor else None
        agent = self.reader.mention_at(sent, b) if before is not None else None
        participle = toks[cue].lower.endswith("ing") and toks[cue].lower != "according" and before is not None \
            and before.lower not in L.AUX and not is_name_token(before) and before.lower not in PRONOUN_SUBJECTS \
            and not (agent is not None and agent.actors and all(a.kind == "person" for a in agent.actors))
        coordinated = before is not None and before.lower in ("and", "but") and cue > floor + 1
        if participle or coordinated or before is not None and before.lower == "to":
            # "Spicer said, adding, ...", "X put out a statement saying ...", "Rubio refused to say ...": the
            # speaker is the main clause's subject
            finite = [i for i in range(floor, cue) if is_cue(toks, i) and not toks[i].lower.endswith("ing")]
            if finite:
                return self.subject_of(sent, finite[-1], floor)
            main = self.sentence_subject(sent, toks[cue].start)
            if main is not None:
                return main
        m = self.reader.before(sent, cue, floor)
        if m is None or m.pronoun and not m.actors:
            g = subject(sc, cue)
            if g is not None and g.actors and g.tok_start >= floor:
                m = g
        if m is None and sent.tokens[cue].lower not in ADDRESSEE_CUES:
            m = self.reader.after(sent, cue)
        return m

    def phrase_from(self, sent: Sentence, k: int, cue: int) -> Mention | None:
        """The speaker phrase opening at token k, before the cue at `cue`: '"...," Ramos, 58, told'."""
        toks = sent.tokens
        end = k
        while end < cue and toks[end].lower not in PHRASE_STOPS and toks[end].lower not in L.RELATIVES:
            end += 1
        return self.reader.phrase(sent, k, end, "speaker.subject")

    # -- slots
    def cue_after(self, sent: Sentence, k: int, body: str, opens: bool, next_sentence: bool) -> tuple[Mention | None, str | None]:
        """'"...," he said', '"...," said pollster Jane Roe', '"...," Ramos, 58, told AFP'; `opens` when the
        quote opens its sentence, `next_sentence` when the cue is sought in the sentence after the quote."""
        toks = sent.tokens
        if k < len(toks) and toks[k].lower == ",":
            k += 1
        if k >= len(toks):
            return None, None
        # the cue verb in the clause after the quote, within an apposition's reach
        cue = None
        for i in range(k, min(k + (6 if next_sentence else 20), len(toks))):
            if toks[i].lower in (".", ";", "\u201c", '"', "!", "?") or toks[i].lower in ("and", "but") and i > k + 1:
                break
            if is_cue_in(toks, i):
                cue = i
                break
        if cue is not None and cue > k and not self.opens_phrase(sent, k):
            cue = None
        if cue is not None:
            if cue == k:
                m = self.reader.after(sent, cue)
                if m is None:  # '"...," said in a statement by X' is rare; '"...," says the report' is read above
                    m = self.subject_of(sent, cue)
            else:
                m = self.phrase_from(sent, k, cue)
                if m is None:
                    m = self.subject_of(sent, cue, floor=k)
            return m, toks[cue].text
        # '"...!" Bennett shot back', '"...," an angry Hollande retaliated': a quote that opens its sentence and
        # ends unfinished, then a subject and a verb
        last = body.rstrip()[-1:]
        if opens and (last in (",", "\u2014") and not next_sentence or last in ("?", "!") and k == 0) \
                and self.opens_phrase(sent, k):
            end = k + 1
            while end < min(len(toks), k + 7) and not (toks[end].text.isalpha() and toks[end].text.islower()
                                                       and self.verb_like(sent, end)):
                if toks[end].lower in PHRASE_STOPS:
                    return None, None
                end += 1
            if end < len(toks) and toks[end].text.isalpha() and toks[end].text.islower() and self.verb_like(sent, end):
                m = self.reader.phrase(sent, k, end, "speaker.subject")
                if m is not None and not m.pronoun and (m.rule.endswith(".name") or any(a.kind == "person" for a in m.actors)):
                    return m, toks[end].text
        return None, None

    def introduced_by_that(self, sent: Sentence, j: int) -> bool:
        """Does a cue verb's 'that' stand right before the opening mark ('insisted that "...")?"""
        toks = sent.tokens
        if j < 1 or toks[j].lower != "that":
            return False
        return any(is_cue(toks, i) for i in range(max(0, j - 6), j))

    def opens_phrase(self, sent: Sentence, k: int) -> bool:
        t = sent.tokens[k]
        return is_name_token(t) or t.lower in QUANTIFIER_OPENERS or t.lower in L.DETERMINERS \
            or self.reader.mention_at(sent, k) is not None or t.lower in ("he", "she", "they", "it", "we", "i")

    def cue_before(self, sent: Sentence, j: int) -> tuple[Mention | None, str | None, str]:
        """'Smith said: "..."', 'Smith told reporters on Monday, "..."', 'Stated Stone: "..."'."""
        toks = sent.tokens
        colon = False
        while j >= 0 and toks[j].lower in (",", ":", "that", "\u201c", '"', "\u2014", "-", "\u2013"):
            colon = colon or toks[j].lower == ":"
            j -= 1
        if j < 0:
            return None, None, ""
        # the nearest cue of this clause: right before the quote, or a few words back ('told reporters:')
        cue = None
        for i in range(j, max(-1, j - 8), -1):
            if is_cue(toks, i):
                cue = i
                break
            if toks[i].lower in PHRASE_STOPS or toks[i].lower in L.SUBORDINATORS:
                break
        if cue is not None:
            if cue == 0 or toks[cue - 1].lower in PHRASE_STOPS and not toks[cue].text.islower():
                m = self.reader.after(sent, cue)  # "Continued Stone:", "Added the senator:"
            else:
                m = self.subject_of(sent, cue)
            return m, toks[cue].text, "quote.cue-before"
        if colon:
            # "Philip Bump: "..."", "Here's Clinton in December 1992: "..."": the name the colon introduces
            i = j + 1
            start = i
            while start > 0 and (is_name_token(toks[start - 1]) or toks[start - 1].lower in ("'s",)):
                start -= 1
            if start < i:
                m = self.reader.phrase(sent, start, i, "speaker.colon")
                if m is not None:
                    return m, None, "quote.colon"
            sc = self.scope(sent)
            people = [m for m in sc.mentions if m.tok_end <= i and m.actors and all(a.kind == "person" for a in m.actors)]
            if people:
                return people[-1], None, "quote.colon"
        return None, None, ""

    def sentence_cue(self, sent: Sentence, qs: int, qe: int) -> tuple[Mention | None, str | None]:
        """A partial quote: the reporting verb of its sentence, the nearest first, before the quote preferred."""
        cues = [t.i for t in sent.tokens if is_cue(sent.tokens, t.i) and not (qs <= t.start < qe)]
        mid = (qs + qe) / 2
        for i in sorted(cues, key=lambda i: (sent.tokens[i].start > qs, abs(sent.tokens[i].start - mid))):
            cand = self.subject_of(sent, i)
            if cand is not None and not (qs <= cand.start < qe) and (cand.actors or not cand.pronoun):
                return cand, sent.tokens[i].text
        return None, None

    def sentence_subject(self, sent: Sentence, qs: int) -> Mention | None:
        """The subject of a sentence that quotes without a cue verb: 'Clinton decried the GOP for "..."'."""
        toks = sent.tokens
        start = 0
        opener = toks[0].lower if toks else ""
        if opener in L.PREPOSITIONS or opener in L.SUBORDINATORS or opener in ADVERB_LIKE or opener.endswith("ly") or (
                opener in NOT_NAME_WORDS and opener not in L.DETERMINERS and opener not in QUANTIFIER_OPENERS
                and opener not in PRONOUN_SUBJECTS):  # "Here in Columbia, Sanders ..."
            start = next((t.i + 1 for t in toks if t.lower == "," and t.start < qs), 0)
            if start == 0:
                return None
        if start >= len(toks) or not self.opens_phrase(sent, start):
            return None
        end = start
        while end < len(toks) and toks[end].start < qs:
            t = toks[end]
            if t.lower in PHRASE_STOPS or t.lower in L.AUX or t.lower in L.RELATIVES or t.text == "-" and not (
                    end > 0 and toks[end - 1].end == t.start):
                break
            if end > start and t.text.isalpha() and t.text.islower() and self.verb_like(sent, end):
                break
            end += 1
        if end >= len(toks) or toks[end].start >= qs or end == start:
            return None
        m = self.reader.phrase(sent, start, end, "speaker.subject")
        if m is None or m.pronoun and not m.actors:
            return None
        return m

    def verb_like(self, sent: Sentence, k: int) -> bool:
        """Does the lower-case word at k end the subject ('Clinton decried', 'the group released')?"""
        toks = sent.tokens
        w = toks[k].lower
        if w in L.PREPOSITIONS or w in L.DETERMINERS or w in L.CONJUNCTIONS or self.reader.mention_at(sent, k) is not None:
            return False
        if k + 1 < len(toks) and toks[k + 1].text == "-" and toks[k].end == toks[k + 1].start:
            return False  # "the left-leaning institute"
        if w in IRREGULAR_PAST or is_cue(toks, k) or w.endswith("ed") or w.endswith("ly"):
            return True
        prev = self.reader.mention_at(sent, k - 1)
        return is_name_token(toks[k - 1]) and not (prev is not None and prev.modifier) and not w.endswith("ing")

    def lead_in(self, qs: int, same_paragraph: bool) -> Mention | None:
        """The sentence before a quote that opens a paragraph (or a sentence), when it reports someone:
        'Valastro praised Christie's leadership.' / 'Bystrom agreed. "..."'"""
        prev = _sentence_of(self.sentences, qs - 3)
        if prev is None or not prev.tokens or prev.text.rstrip()[-1:] in QUOTE_MARKS:
            return None
        if same_paragraph and not any(is_cue(prev.tokens, i) for i in range(max(0, len(prev.tokens) - 4), len(prev.tokens))):
            return None  # inside a paragraph only a sentence ending on its reporting verb leads in: 'Bystrom agreed.'
        cues = [t.i for t in prev.tokens if is_cue(prev.tokens, t.i)]
        for i in cues:
            m = self.subject_of(prev, i)
            if m is not None and m.actors and all(a.kind == "person" for a in m.actors):
                return m
        return self.sentence_subject(prev, prev.end + 1)


def find_quotes(text: str, sentences: list[Sentence], mentions: list[Mention],
                spans: list[tuple[int, int]]) -> list[Quote]:
    f = _Finder(text, sentences, mentions)
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
        # A. cue after the closing mark; when the quote closes its sentence ('...!" Bush said.') the cue opens
        # the next sentence of the paragraph
        k = _tok_at(s_end, qe + 1, after=True)
        next_sentence = False
        if k >= len(s_end.tokens):
            nxt_s = f.by_index.get(s_end.index + 1)
            if nxt_s is not None and nxt_s.paragraph == s_end.paragraph and nxt_s.tokens \
                    and nxt_s.tokens[0].lower not in QUOTE_MARKS:
                s_end, k, next_sentence = nxt_s, 0, True
        opens = not text[s_start.start : qs - 1].strip()
        j = _tok_at(s_start, qs - 1, after=False)
        if not f.introduced_by_that(s_start, j):  # 'Trump claimed that "...," one prosecutor said': Trump's words
            speaker, cue_word = f.cue_after(s_end, k, body, opens, next_sentence)
            if speaker is not None or cue_word is not None:
                rule = "quote.cue-after"
        # B. cue before the opening mark
        if speaker is None:
            cand, cue_b, rule_b = f.cue_before(s_start, j)
            if cand is not None:
                speaker, cue_word, rule = cand, cue_b, rule_b
        # C. partial quote: the reporting verb of its sentence, outside the quote
        if speaker is None:
            cand, cue_c = f.sentence_cue(s_start, qs, qe)
            if cand is not None:
                speaker, cue_word, rule = cand, cue_c, "quote.sentence-cue"
        opens_paragraph = text[max(0, qs - 2) : qs - 1] in ("\n", "")
        # E. a quoted paragraph introduced by a cue and a colon: 'Breitbart News responded:'
        if speaker is None and opens_paragraph:
            prev_s = _sentence_of(sentences, qs - 3)
            if prev_s is not None and prev_s.text.rstrip().endswith(":"):
                for t in reversed(prev_s.tokens):
                    if is_cue(prev_s.tokens, t.i):
                        cand = f.subject_of(prev_s, t.i) if t.i > 0 else f.reader.after(prev_s, t.i)
                        if cand is not None:
                            speaker, cue_word, rule = cand, t.text, "quote.colon-intro"
                        break
        # D. a paragraph that goes on quoting the previous speaker, or a second quote after '..., X said.'
        # (titles and scare quotes of a word or two in between do not count: 'on NBC's "Meet the Press."')
        prev_q = next((q for q in reversed(quotes) if len(re.findall(r"[A-Za-z0-9']+", q.text)) >= 3), None)
        if speaker is None and cue_word is None and prev_q is not None and prev_q.speaker is not None:
            prev = prev_q
            between = text[prev.end : qs]
            same_para = "\n" not in between
            next_para = opens_paragraph and len(re.findall(r"\n+", between)) == 1
            if (same_para or next_para) and len(words) >= 3:  # a word or two in marks later on is a scare quote
                quotes.append(Quote(body, qs, qe, s_start.index, prev.speaker, prev.speaker_start, prev.speaker_end,
                                    prev.cue, "quote.continued"))
                continue
        # F. a paragraph-opening quote after a sentence that reports its speaker
        if speaker is None and (opens_paragraph or opens and s_start.index > 0):
            cand = f.lead_in(qs, not opens_paragraph)
            if cand is not None:
                speaker, rule = cand, "quote.lead-in"
        # G. a sentence quoting without a cue verb: its subject
        if speaker is None and not (qs <= s_start.start + 1):
            cand = f.sentence_subject(s_start, qs)
            if cand is not None:
                speaker, rule = cand, "quote.sentence-subject"
        if len(words) < 3 and (speaker is None or rule in WEAK_RULES):
            continue  # scare quotes: "moment", "red line"; a partial quote needs a cue of its own
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
