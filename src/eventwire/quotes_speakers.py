"""Who fills a cue's speaker slot: the phrase there, read from the text and resolved to an actor.

The actor dictionaries know officials, states and organisations; quotes are as often spoken by people they
do not list (an aide, a voter, "Ramos, 58,") or by someone known only by description ("a senior Cruz
adviser"). A speaker phrase is read in one of two slots of a cue verb: before it ("Devine declared",
"Murphy, the head of the PAC, tweeted") or after it ("said pollster Jane Roe", "said a longtime aide").
Its head decides the speaker, in this order: an actor mention naming a person, a capitalised name no
dictionary lists, a pronoun or organisation mention, else the description itself as an unnamed person.
Speakers made here are new `Mention`s kept by the quotes (rules `speaker.*`); the article's actor
mentions are not changed, so events do not see them.
"""

from __future__ import annotations

import re

from eventwire.events.inflect import IRREGULAR, verb_forms
from eventwire.model import Actor, Mention, Sentence, Token
from eventwire.nlp import lexicon as L

CUE_LEMMAS = (
    "say tell add ask assert note state declare describe write tweet warn insist argue explain claim stress continue "
    "recall acknowledge admit announce reply respond urge suggest predict call conclude complain emphasize "
    "emphasise caution vow pledge promise remark observe quip concede counter deny agree").split()
# Verbs that are as often nouns ("a charge", "reports"): their present forms are cues only in a cue's place.
NOUN_LIKE_LEMMAS = (
    "charge joke retort shout proclaim lament echo boast muse recount testify interject demur exclaim thunder "
    "scoff chide mock post report reveal confirm contend maintain allege reiterate wonder praise thank "
    "label decry criticize criticise slam blast accuse dismiss hail tout beam assure cite question press answer "
    "demand snap laugh plead protest gush marvel fume sigh yell scream").split()
# Present forms that are as often nouns: "a tweet", "his remarks", "the Arab states".
NOUNISH_CUES = frozenset(
    f for lemma in ["tweet", "remark", "state", "note", "claim", "call", "promise", "pledge", "vow", "counter", "reply",
                    "quip", "stress", "recall", "urge", "caution", *NOUN_LIKE_LEMMAS]
    for f in verb_forms(lemma) if not f.endswith(("ed", "ing")) and f != "replied" and (f == lemma or f.endswith("s")))
CUES = frozenset(f for lemma in CUE_LEMMAS + NOUN_LIKE_LEMMAS for f in verb_forms(lemma)) | {"according"}
# Cues whose object is the addressee or the thing spoken of, never the speaker: "told AFP", "called Trump".
ADDRESSEE_CUES = frozenset(
    f for lemma in "tell ask urge call praise thank label decry criticize criticise slam blast accuse dismiss rip "
    "hail tout assure cite quote chide mock describe".split() for f in verb_forms(lemma))
TITLE_ABBREVIATIONS = frozenset(
    "sen. rep. gov. lt. gen. col. maj. capt. sgt. adm. fr. rev. dr. mr. mrs. ms. prof. hon. amb. atty. supt. "
    "insp. cmdr. pres. sec. st.".split())
# Capitalised words that stand before a first name, so they are not one: "Speaker Melissa Mark-Viverito".
NOT_FIRST_NAMES = frozenset(
    "the a an president senator speaker secretary minister mayor governor judge justice chairman chairwoman "
    "director leader general chief king queen prince pope professor host coach reporter editor commissioner "
    "attorney ambassador representative congressman congresswoman councilman councilwoman former state house "
    "senate democrat democratic republican gop party pastor father sister brother founder spokesman "
    "spokeswoman candidate nominee adviser advisor aide analyst strategist officer deputy vice executive "
    "said says and of for in on at by with from to".split())
ORG_WORDS = frozenset(
    "news times post journal press network committee foundation institute university party campaign association "
    "council agency department ministry review magazine daily radio television tv watch center centre group inc "
    "corp company union league office board commission court congress coalition alliance society fund bank "
    "herald tribune gazette examiner register standard reuters politico bloomberg caucus pac forum project "
    "administration government service services club church school college report poll survey website blog "
    "channel show statement federation organization organisation bureau authority academy chamber corps "
    "conference convention movement".split())
# Lower-case words that continue a description of a speaker after its head noun: "adviser to both Clintons".
DESCRIPTION_PREPS = frozenset(["of", "for", "to", "at", "with", "from"])
PHRASE_STOPS = frozenset([",", ".", ";", ":", "(", ")", "\u2014", "--", "\u2013", '"', "\u201c", "\u201d", "!", "?", "[", "]"])
QUOTE_OPENERS = frozenset(["\u201c", '"', "(", "\u2018", "'", "-", "\u2014"])
# Past forms of irregular verbs: they end a description ("His office put out a statement").
IRREGULAR_PAST = frozenset(f for forms in IRREGULAR.values() for f in forms if not f.endswith(("ing", "s")))
DESCRIPTION_OPENERS = frozenset(
    ["a", "an", "the", "one", "another", "two", "three", "several", "some", "many", "his", "her", "their", "its"])
# Capitalised function words open sentences; they are no part of a name: "Of Carson, Levine said".
NOT_NAME_WORDS = (L.PREPOSITIONS | L.DETERMINERS | L.SUBORDINATORS | L.CONJUNCTIONS | L.AUX | L.NEGATIONS
                  | frozenset(L.PRONOUNS_PERSON) | L.PRONOUNS_THING | L.PRONOUNS_PLURAL | L.PRONOUNS_FIRST
                  | frozenset("i you my your there here what why how so yet still however meanwhile also even only "
                              "just then now thus hence instead indeed perhaps maybe yes well oh several many most few "
                              "more other others another one two three four five six seven eight nine ten dozens "
                              "hundreds thousands millions".split()))
QUANTIFIER_OPENERS = frozenset(["a", "an", "the", "one", "another", "two", "three", "several", "some", "many"])
PRONOUN_SUBJECTS = frozenset(["he", "she", "they", "we", "i", "it", "you"])
# Words between a subject and its verb: "Trump also said", "Cruz himself said".
ADVERB_LIKE = frozenset(
    "also then later earlier once now again still just further finally simply recently previously initially "
    "quickly flatly bluntly tersely openly publicly privately repeatedly reportedly apparently allegedly "
    "subsequently separately similarly likewise too himself herself themselves itself".split())
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'"})


def is_name_token(t: Token) -> bool:
    """A capitalised word that can be part of a name: 'Devine', "O'Donnell", 'D.' (an initial)."""
    word = t.text.translate(_APOS)
    if not word[:1].isupper() or t.lower in L.TEMPORAL or t.lower in NOT_NAME_WORDS:
        return False
    if len(word) == 2 and word[1] == ".":
        return True  # an initial
    return word.replace("-", "").replace("'", "").isalpha()


class SpeakerReader:
    """Reads speaker phrases in the sentences of one article."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.mentions = mentions
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self.by_sentence.setdefault(m.sentence, []).append(m)

    # -- mentions and tokens
    def mention_at(self, sent: Sentence, i: int) -> Mention | None:
        return next((m for m in self.by_sentence.get(sent.index, ()) if m.tok_start <= i < m.tok_end), None)

    def name_end(self, toks: list[Token], i: int) -> int:
        """End of a run of name tokens from i, hyphenated parts joined ('Mark-Viverito', 'Holtz-Eakin')."""
        j = i
        while j < len(toks) and j - i < 6:
            t = toks[j]
            if is_name_token(t) and t.lower.rstrip(".") not in ("said", "says") and \
                    not (j > i and t.lower in TITLE_ABBREVIATIONS):
                j += 1
                continue
            glued = t.text == "-" and j > i and j + 1 < len(toks) and toks[j - 1].end == t.start \
                and t.end == toks[j + 1].start and is_name_token(toks[j + 1])
            particle = j > i and t.lower in ("bin", "al", "de", "van", "von", "der", "da", "di", "la", "le", "el") \
                and j + 1 < len(toks) and is_name_token(toks[j + 1])
            if glued or particle:
                j += 1
                continue
            break
        return j

    # -- the phrase in a slot
    def phrase(self, sent: Sentence, start: int, end: int, rule: str) -> Mention | None:
        """The speaker named by tokens [start, end) of a sentence (a subject or an inverted subject)."""
        toks = sent.tokens
        while start < end and toks[start].lower in ("by", "to", "as"):
            start += 1  # "according to X", "as X put it"
        while end > start and (toks[end - 1].lower in L.AUX or toks[end - 1].lower in ADVERB_LIKE):
            end -= 1  # "Trump also said", "Devine has said"
        if start >= end:
            return None
        mentions = [m for m in self.by_sentence.get(sent.index, ()) if start <= m.tok_start and m.tok_end <= end and m.actors]
        # a name's head stands before a prepositional phrase ("Donald Hartley of Madison, Alabama"), a
        # description's runs through it ("a longtime adviser to both Clintons")
        full_end = end
        cut = next((k for k in range(start + 1, end) if toks[k].text.islower() and toks[k].lower in L.PREPOSITIONS
                    and not (toks[k].lower in ("of", "for") and any(is_name_token(t) and t.lower in ORG_WORDS
                                                                    for t in toks[start:k]))), None)
        if cut is not None and is_name_token(toks[cut - 1]):
            end = cut
            mentions = [m for m in mentions if m.tok_end <= end]
        elif cut is not None and toks[cut - 1].text.islower():
            # "a spokeswoman for the House Armed Services Committee": a description, its head before the preposition
            head = self.mention_at(sent, cut - 1)
            if head is not None and head.pronoun:
                return None
            return self.description(sent, start, full_end, mentions, rule)
        last = toks[end - 1]
        # 1. a person named by a mention, the last one (titles and descriptions come first: "pollster Jane Roe")
        named = [m for m in mentions if not m.possessive and not m.modifier and not m.pronoun
                 and not m.rule.startswith("anaphor") and all(a.kind == "person" for a in m.actors)]
        if named and (named[-1].tok_end == end or not last.text.islower()):
            return named[-1]
        # 2. a capitalised name at the end of the phrase that no dictionary lists
        if is_name_token(last) and last.lower not in TITLE_ABBREVIATIONS:
            i = end - 1
            while i > start and (is_name_token(toks[i - 1]) and toks[i - 1].lower not in TITLE_ABBREVIATIONS
                                 or toks[i - 1].text == "-" and toks[i - 1].start == toks[i - 2].end
                                 and toks[i - 1].end == toks[i].start):
                i -= 1
            cover = self.mention_at(sent, end - 1)
            if cover is not None and cover.actors and cover.tok_end == end and cover.tok_start >= start and not cover.possessive \
                    and not (end - i == 1 and self.person_named(toks[i].text, toks[i].start)) \
                    and not (cover.rule == "country.adjective" and end - i == 1
                             and self.earlier_full_name(toks[i].text, toks[i].start)):  # "Cuban said" after "Mark Cuban"
                return cover  # an organisation or country the dictionaries know: "the DNC", "Politico"
            if end - i == 1 and (not self.recurs(sent, i) or cover is not None and cover.modifier
                                 or i == 0 and last.text.isupper() and len(last.text) > 4):
                return None  # "Flying home, she ...", "Corporate lobbyists ...", "Democratic", "JACKSON, Miss."
            return self.name_mention(sent, i, end, rule)
        # 3. a pronoun, or a mention that heads the phrase
        head = self.mention_at(sent, end - 1)
        if head is not None and head.actors and not head.possessive and head.tok_end == end and (
                head.pronoun or head.rule.startswith("anaphor") and all(a.kind == "person" for a in head.actors)):
            return head
        if head is not None and head.pronoun:
            return None  # an unresolved pronoun names no one
        # 4. a description: "a senior Cruz adviser", "one district GOP leader", "the RNC member"
        if not any(t.text.isalpha() for t in toks[start:end]):
            return None
        det = toks[start].lower
        if det in QUANTIFIER_OPENERS or det in L.DETERMINERS or any(m.possessive for m in mentions):
            return self.description(sent, start, full_end, mentions, rule)
        if head is not None and head.actors and head.tok_end == end:
            return head
        return None

    def description(self, sent: Sentence, start: int, end: int, mentions: list[Mention], rule: str) -> Mention | None:
        toks = sent.tokens
        det = toks[start].lower
        first = start + 1 if det in ("a", "an", "the") else start
        if first >= end or not toks[end - 1].text.isalpha() or not self.noun_phrase(sent, start, end):
            return None
        definite = det == "the" or any(m.possessive for m in mentions if m.tok_start == start)
        head = self.mention_at(sent, end - 1)
        if definite and head is not None and head.actors and all(a.kind == "person" for a in head.actors) \
                and head.rule.startswith(("anaphor", "person")):
            return head  # "the NATO leader" resolved by the actor rules
        keys = {(a.country, a.igo) for m in mentions for a in m.actors if a.key and not m.pronoun}
        country, igo = next(iter(keys)) if len(keys) == 1 else (None, None)
        sectors = {a.sector for m in mentions for a in m.actors if a.sector and a.kind == "group"}
        plural = toks[end - 1].lower.endswith("s") and not toks[end - 1].lower.endswith("ss")
        name = self.text[toks[first].start : toks[end - 1].end]
        actor = Actor(name, "group" if plural else "person", country=country, igo=igo,
                      sector=sectors.pop() if len(sectors) == 1 else None, entry="rule:speaker.description")
        return self._mention(sent, start, end, actor, f"{rule}.description")

    def noun_phrase(self, sent: Sentence, start: int, end: int) -> bool:
        """Can tokens [start, end) describe a speaker? A determiner or possessor, then a few words up to the
        head noun and perhaps a phrase after it: 'a longtime adviser to both Clintons', 'Trump's state director'."""
        toks = sent.tokens
        possessor = any(m.possessive and not m.pronoun for m in self.by_sentence.get(sent.index, ()) if m.tok_start == start)
        if not (toks[start].lower in DESCRIPTION_OPENERS or possessor) or end - start > 14:
            return False
        head_end = next((k for k in range(start + 1, end) if toks[k].text.islower() and toks[k].lower in L.PREPOSITIONS), end)
        if head_end - start > 7:
            return False
        for t in toks[start + 1 : end]:
            w = t.lower
            if w in L.AUX or w in PRONOUN_SUBJECTS or w in L.SUBORDINATORS or w in L.RELATIVES or w == "to" and t.i < head_end \
                    or is_cue(toks, t.i) or w in PHRASE_STOPS:
                return False
            if not (t.text.replace("-", "").replace("'", "").replace("\u2019", "").replace(".", "").isalnum()
                    or w in ("'s", "-")):
                return False
            prev = toks[t.i - 1]
            if t.text.islower() and prev.text.isalpha() and prev.text.islower() and prev.lower not in DESCRIPTION_OPENERS \
                    and (w in IRREGULAR_PAST or w.endswith("ed") and len(w) > 4) and not prev.lower.endswith("ly"):
                return False  # "the Vermont senator emailed supporters": a verb after the head noun
        return True

    def name_mention(self, sent: Sentence, ts: int, te: int, rule: str) -> Mention:
        return self._mention(sent, ts, te, self.name_actor(sent, ts, te), f"{rule}.name")

    def recurs(self, sent: Sentence, i: int) -> bool:
        """Is a word that opens its sentence (where any word is capitalised) a name? Names are written
        capitalised inside sentences too, or belong to a person already met."""
        toks = sent.tokens
        if i > 0 and toks[i - 1].lower not in QUOTE_OPENERS:
            return True
        word = toks[i].text
        if self.person_named(word, toks[i].start):
            return True
        return re.search(r"[a-z0-9,]\s+" + re.escape(word) + r"\b", self.text) is not None

    def person_named(self, name: str, pos: int) -> Actor | None:
        """The person last met before `pos` under this full name or surname ("Cuban" after "Mark Cuban")."""
        surname = name.split()[-1].translate(_APOS).lower()
        for m in reversed([m for m in self.mentions if m.start < pos]):
            for a in m.actors:
                if a.kind == "person" and a.name.split() and (
                        a.name.lower() == name.lower() or a.name.split()[-1].translate(_APOS).lower() == surname):
                    return a
        return None

    def name_actor(self, sent: Sentence, ts: int, te: int) -> Actor:
        """A name no dictionary lists: the person met under it earlier in the article, else a new actor."""
        toks = sent.tokens
        name = self.text[toks[ts].start : toks[te - 1].end]
        words = name.split()
        pos = toks[ts].start
        known = self.person_named(name, pos)
        if known is not None:
            return known
        if all(w.isupper() and len(w) > 1 for w in words) or any(w.lower() in ORG_WORDS for w in words):
            return Actor(name, "organisation", entry="rule:speaker.name")
        if len(words) == 1:
            full = self.earlier_full_name(words[0], pos)
            if full:
                name = full
        return Actor(name, "person", entry="rule:speaker.name")

    def earlier_full_name(self, surname: str, pos: int) -> str | None:
        """'Tad Devine' met before a bare 'Devine': the first name written before the surname."""
        pattern = re.compile(r"\b([A-Z][a-z]+|[A-Z]\.)\s+(?:[A-Z]\.\s+)?" + re.escape(surname) + r"\b")
        for m in reversed(list(pattern.finditer(self.text, 0, pos))):
            if m.group(1).lower() not in NOT_FIRST_NAMES:
                return self.text[m.start() : m.end()]
        return None

    def _mention(self, sent: Sentence, ts: int, te: int, actor: Actor, rule: str) -> Mention:
        toks = sent.tokens
        s, e = toks[ts].start, toks[te - 1].end
        return Mention(sent.index, s, e, ts, te, self.text[s:e], [actor], rule, head=toks[te - 1].lower)

    # -- slots
    def before(self, sent: Sentence, cue: int, floor: int = 0) -> Mention | None:
        """The subject phrase ending before a cue verb: 'Devine declared', 'Ramos, 58, told',
        'Murphy, the head of Right to Rise USA, tweeted', 'her adviser, Jake Sullivan, said'."""
        toks = sent.tokens
        j = cue
        while j > floor and (toks[j - 1].lower in L.AUX or toks[j - 1].lower in ADVERB_LIKE):
            j -= 1
        if j > floor and toks[j - 1].lower == ")":
            j = next((k for k in range(j - 2, floor - 1, -1) if toks[k].lower == "("), j)  # "Sen. X (D-Vt.) said"
        if j <= floor or toks[j - 1].lower != ",":
            edge = self.clause_edge(sent, j, floor)
            if edge > floor + 1 and toks[edge - 1].lower == "who":
                # "One official who relayed the exchange said": the subject stands before its relative clause
                return self.phrase(sent, self.phrase_start(sent, edge - 1, floor), edge - 1, "speaker.subject")
            return self.phrase(sent, self.phrase_start(sent, j, floor), j, "speaker.subject")
        # segments set off by commas before the cue: the subject opens the clause ("Murphy, the head of X,
        # tweeted"), but a name set off after a description names it ("her adviser, Jake Sullivan, said")
        commas = [k for k in range(j - 1, max(floor - 1, j - 40), -1) if toks[k].lower == ","]
        segments: list[tuple[int, int]] = []  # whole segments, nearest the cue first
        for n, k in enumerate(commas):
            lo = commas[n + 1] + 1 if n + 1 < len(commas) else floor
            first = toks[lo].lower
            set_off = first in L.RELATIVES or first[:1].isdigit() or first in DESCRIPTION_OPENERS and n == 0
            if any(toks[x].lower in L.SUBORDINATORS or toks[x].lower in PHRASE_STOPS and toks[x].lower != ","
                   or is_cue(toks, x) for x in range(lo, k)):
                if set_off:
                    continue  # ", who has proposed repealing it,", ", a consultant who once worked for X,"
                break
            if first in L.RELATIVES or first[:1].isdigit():
                continue  # ", 58,"
            if self.phrase_start(sent, k, lo) == lo:
                segments.append((lo, k))
        if not segments:
            return None
        subj = len(segments) - 1
        a, b = segments[subj]
        if subj > 0 and (toks[a].lower in DESCRIPTION_OPENERS or self.possessor_at(sent, a)) \
                and self.bare_name(sent, *segments[subj - 1]):
            a, b = segments[subj - 1]
        return self.phrase(sent, a, b, "speaker.subject")

    def possessor_at(self, sent: Sentence, i: int) -> bool:
        return any(m.possessive and not m.pronoun and m.tok_start == i for m in self.by_sentence.get(sent.index, ()))

    def phrase_start(self, sent: Sentence, end: int, floor: int) -> int:
        """Where a phrase ending at `end` opens: after the clause words before it, at a determiner or name."""
        toks = sent.tokens
        i = self.clause_edge(sent, end, floor)
        for k in range(i, end):
            if toks[k].lower in QUANTIFIER_OPENERS or toks[k].lower in L.DETERMINERS or is_name_token(toks[k]) \
                    or self.mention_at(sent, k) is not None:
                return k
        return end

    def clause_edge(self, sent: Sentence, end: int, floor: int) -> int:
        """The first token of the words before `end` that can belong to one noun phrase."""
        toks = sent.tokens
        i = end
        while i > floor and end - i < 10:
            t = toks[i - 1]
            if t.lower in PHRASE_STOPS or t.lower in L.CONJUNCTIONS or t.lower in L.SUBORDINATORS \
                    or is_cue(toks, t.i) or t.lower in L.AUX:
                break
            if t.text.islower() and t.lower in L.PREPOSITIONS and not (
                    t.lower in ("of", "for") and is_name_token(toks[i - 2]) and i < end and is_name_token(toks[i])):
                break  # "the head of Right to Rise USA": the head noun is before the preposition
            i -= 1
        return i

    def bare_name(self, sent: Sentence, a: int, b: int) -> bool:
        """Do tokens [a, b) hold just a person's name (titles allowed)?"""
        toks = sent.tokens
        m = self.mention_at(sent, b - 1)
        if m is not None and m.tok_start <= a and m.actors and all(x.kind == "person" for x in m.actors) \
                and not m.pronoun and not m.rule.startswith("anaphor"):
            return True
        return all(is_name_token(t) or t.text == "-" for t in toks[a:b]) and not any(
            t.lower in L.TEMPORAL or t.lower in ORG_WORDS for t in toks[a:b]) and b > a

    def after(self, sent: Sentence, cue: int) -> Mention | None:
        """The inverted subject after a cue: 'said Pavone', 'said pollster Jane Roe', 'added a senior aide',
        'according to the newspaper'."""
        toks = sent.tokens
        start = cue + 1
        if toks[cue].lower == "according" and start < len(toks) and toks[start].lower == "to":
            start += 1
        elif toks[cue].lower.endswith("ing"):
            return None  # "saying Clinton would ...": the subject of what is said
        end = start
        while end < len(toks) and end - start < 12:
            t = toks[end]
            if t.lower in L.AUX or t.lower == "that" or t.lower in PRONOUN_SUBJECTS and end > start:
                return None  # "said the program is ...": the phrase opens the clause said, not its speaker
            if t.lower == "and" and end > start and (toks[end - 1].lower in TITLE_ABBREVIATIONS or toks[end - 1].text.islower()) \
                    and end + 1 < len(toks) and is_name_token(toks[end + 1]):
                end += 1  # "said former Pennsylvania Gov. and party chairman Ed Rendell"
                continue
            if t.lower in PHRASE_STOPS or t.lower in L.RELATIVES or t.lower == "and":
                break
            if t.lower == "of" and end == start + 1 and toks[start].lower in QUANTIFIER_OPENERS:
                end += 1  # "said one of two witnesses"
                continue
            if t.text.islower() and t.lower in L.PREPOSITIONS:
                nxt = toks[end + 1] if end + 1 < len(toks) else None
                nxt2 = toks[end + 2] if end + 2 < len(toks) else None
                if t.lower not in DESCRIPTION_PREPS or nxt is None or not (
                        is_name_token(nxt) or nxt.lower in ("the", "both") and nxt2 is not None and is_name_token(nxt2)):
                    break
            if t.text.islower() and (t.lower in L.TEMPORAL or t.lower in ADVERB_LIKE or t.lower.endswith("ly")):
                break  # "said Cuban recently", "said the senator today"
            end += 1
        if end == start:
            return None
        return self.phrase(sent, start, end, "speaker.inverted")


def is_cue(toks: list[Token], i: int) -> bool:
    """A reporting verb: lower-case ('the State Department' holds no cue) unless it opens the sentence; a
    form that is as often a noun ('a controversial tweet', 'his recent remarks') only after its subject
    or before what is said ('Cruz notes that', 'she tweets:')."""
    t = toks[i]
    if t.lower not in CUES or not (t.text.islower() or i == 0):
        return False
    if t.lower not in NOUNISH_CUES:
        return True
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + 1].lower if i + 1 < len(toks) else ""
    after_quote = prev is not None and (prev.lower in ("\u201d", '"') or prev.lower == "," and i > 1
                                        and toks[i - 2].lower in ("\u201d", '"'))
    return after_quote or nxt in ("that", ",", ":", "\u201c", '"') or prev is not None and (
        is_name_token(prev) or prev.lower in PRONOUN_SUBJECTS or prev.lower in ADVERB_LIKE or prev.lower.endswith("ly")
        or prev.lower in ("who", "which"))


def is_cue_in(toks: list[Token], i: int) -> bool:
    """A cue, also capitalised after a comma when no name follows: 'Murphy, the PAC's head, Tweeted on Friday'."""
    t = toks[i]
    if is_cue(toks, i):
        return True
    return t.lower in CUES and i > 0 and toks[i - 1].lower == "," and not (i + 1 < len(toks) and is_name_token(toks[i + 1]))
