"""Event triggers: where a pattern's word or phrase stands in a sentence, read as a verb or as a noun."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from eventwire.events.grammar import Scope
from eventwire.model import Sentence
from eventwire.nlp import lexicon as L
from eventwire.resources.loader import Resources
from eventwire.resources.schema import Pattern

# participles that are adjectives inside a noun phrase, so a gap may run over them ("alleged war crimes")
ADJ_PARTICIPLES = frozenset("""alleged suspected reported so-called armed unidentified disputed occupied detained jailed
    imprisoned banned proposed planned renewed unprecedented continued increased expected unexpected coordinated
    limited united required agreed repeated sustained escalated heightened stepped developed industrialized
    industrialised affected concerned interested involved advanced""".split())
PAST_IRREGULAR = frozenset("""said told made held sent took won sought began brought led gave saw found kept left
    met paid put set fought""".split())
MODIFIED_HEADS = frozenset("""cases case charges charge allegations allegation victims victim survivors survivor rifle
    rifles weapon weapons trial trials suspect suspects law laws bill bills policy policies program programs programme
    programmes complaint complaints claims accusations scandal scandals hearing hearings debacle footage video videos
    season coverage drill drills simulation simulations game games movie film""".split())
NOUN_HEADS = frozenset("debacle fiasco scandal footage coverage season simulation simulations drill drills".split())
NOT_NOUN_AFTER = L.PREPOSITIONS | L.DETERMINERS | L.SUBORDINATORS | L.AUX
ECONOMIC = frozenset("""strong weak high low rising growing falling soaring slowing global domestic consumer
    market public pent-up robust sluggish""".split())
QUANTIFIERS = frozenset("many some most those all several others few".split())
STOP_SKIP = frozenset(["that", "which", "who", "said", "says", "told", "is", "are", "was", "were", "has", "have", "had", "will", "would"])
GAP_STOPS = STOP_SKIP | {".", ";", ","}
ADJECTIVE_ENDINGS = ("an", "ese", "ish", "ic", "ist", "al")  # capitalised adjectives: "a weeklong European tour"
QUOTE_MARKS = frozenset({"\u201c", "\u201d", '"', "'"})
NOUNISH_BEFORE = L.DETERMINERS | {"'s", "'", "of", "more", "new", "fresh", "further", "its", "their", "his", "her"}


@dataclass(slots=True)
class Trigger:
    pattern: Pattern
    kind: str  # verb | noun
    ts: int
    te: int  # end of trigger words (and continuation)
    head_end: int  # end of the trigger word(s) proper


@cache
def _compile_spec(spec: str) -> tuple[tuple[str | frozenset[str], ...], frozenset[str]]:
    """A continuation spec as slots ('*', '**' or a set of words) and the words it cannot match without."""
    slots: list[str | frozenset[str]] = []
    for p in spec.split():
        slots.append(p if p in ("*", "**") else frozenset(p.split("|")))
    needed = next((s for s in reversed(slots) if isinstance(s, frozenset)), frozenset())
    return tuple(slots), needed


def match_after(toks: list[str], start: int, spec: str, present: frozenset[str] | set[str] | None = None) -> int:
    """Match a continuation spec ('* concern|concerns over') at token `start`; return end or -1. `present`,
    the sentence's words, lets a spec whose last words are absent fail at once."""
    slots, needed = _compile_spec(spec)
    if present is not None and needed and needed.isdisjoint(present):
        return -1
    n = len(toks)
    first = slots[0] if slots else None
    if isinstance(first, frozenset) and (start >= n or toks[start] not in first):
        return -1  # the spec's first word is not there: the common case, decided before any search

    def rec(pi: int, i: int) -> int:
        if pi == len(slots):
            return i
        p = slots[pi]
        if isinstance(p, str):  # a gap
            skip = 0
            words = 0
            most = 3 if p == "*" else 7  # "**": a longer noun phrase ("nearly 25,000 tons of food aid")
            while words <= most and i + skip <= n:
                r = rec(pi + 1, i + skip)
                if r >= 0:
                    return r
                if i + skip >= n:
                    break
                w = toks[i + skip]
                if w in GAP_STOPS or (w.endswith("ed") and len(w) > 4 and w not in ADJ_PARTICIPLES):
                    break  # a gap never runs over another verb
                if w not in QUOTE_MARKS and w != "-":
                    words += 1  # quotation marks and hyphens inside a phrase do not count ("a 24-hour strike")
                skip += 1
            return -1
        if i < n and toks[i] in p:
            return rec(pi + 1, i + 1)
        return -1

    return rec(0, start)


def trigger_positions(res: Resources, sent: Sentence) -> list[int]:
    """The tokens that can open a trigger (a pattern's word, or the first word of a phrase): most sentences
    have few, and one with none needs no grammar at all."""
    starts, lows = res.trigger_starts, sent.lows()
    if starts.isdisjoint(lows):
        return []
    return [i for i, w in enumerate(lows) if w in starts]


def find_triggers(res: Resources, scope: Scope, positions: list[int] | None = None) -> list[Trigger]:
    """The sentence's triggers; `positions` are its `trigger_positions` when the caller has them already."""
    stoks = scope.sent.tokens
    toks = scope.lows
    n = len(toks)
    pad = ["", ""] + toks + ["", "", "", ""]  # pad[i + 2] is toks[i]; words outside the sentence are ""
    present = set(toks)
    found: list[Trigger] = []
    after_cache: dict[tuple[int, str], int] = {}  # continuations shared by several patterns
    triggers, heads = res.triggers, res.trigger_heads
    for i in trigger_positions(res, scope.sent) if positions is None else positions:
        w = toks[i]
        single = triggers.get(w)
        # multi-word surface forms are keyed by their first word plus the rest
        cands = [(p, k, 1) for p, k in single or ()]
        if w in heads:
            for width in (2, 3):  # "pull out", "test - fired"
                if i + width <= n:
                    cands += [(p, k, width) for p, k in triggers.get(" ".join(toks[i : i + width]), [])]
        prev, nxt, nxt2 = pad[i + 1], pad[i + 3], pad[i + 4]
        if prev == "-" or nxt == "-":  # a hyphenated word: only "test - fired" style forms
            cands = [c for c in cands if c[2] >= 3 and nxt == "-"]
        if not cands:
            continue
        if scope.mention_at(i) is not None:
            continue  # part of an actor name ("Security Council", "Defense Minister")
        if stoks[i].text[:1].isupper() and i > 0 and prev not in ("\u201c", '"', "(", ":"):
            continue  # "last March", "Strike Force": a name or a month, not a verb
        past = w.endswith("ed")
        if past and prev in QUANTIFIERS:
            continue  # "prisoners, many convicted of attacks": a participle describing them, not an act
        if w.startswith("charg") and nxt == "with" and nxt2.endswith("ing"):
            continue  # "people charged with collecting taxes": tasked, not accused
        if w.startswith("plead") and nxt in ("guilty", "innocent", "not", "no"):
            continue  # "pleaded guilty": a plea in court, not an appeal
        if w in ("phone", "telephone") and prev in ("cell", "mobile", "landline", "by", "via", "satellite"):
            continue  # "cell phone interviews", "by phone"
        if w in ("demand", "demands") and prev in ECONOMIC:
            continue  # "strong demand for loans": a market, not a claim
        if w.startswith("seiz") and nxt in ("on", "upon"):
            continue  # "seized on that tragedy": made use of it
        nounish = is_nounish(scope, i)
        after_mention = scope.mention_at(i + 1)
        # "invasion forces", "attack helicopters": an event noun that only describes the agents after it
        noun_modifier = after_mention is not None and after_mention.tok_start == i + 1 and after_mention.rule == "group.agent"
        if w.endswith("ing") and prev in L.PREPOSITIONS and prev not in ("by", "to") and not nounish:
            continue  # "interest in improving ties", "after meeting": a gerund names an act, it does not report one
        if past and (prev in L.DETERMINERS or prev in L.PREPOSITIONS):
            continue  # "linked to sanctioned banks", "the banned group": a participle used as an adjective
        if past and prev.endswith("ing") and stoks[i - 1].text.islower() \
                and stoks[min(i + 1, n - 1)].text.isalpha() and nxt not in NOT_NOUN_AFTER:
            continue  # "investigating alleged war crimes": an adjective again
        for p, kind, width in cands:
            if kind == "verb" and nounish and not p.forms:
                continue  # "the meeting", "a Moscow demand": a noun, not the verb
            if kind == "noun" and not nounish and p.verbs:
                continue
            if kind == "noun" and width == 1 and noun_modifier and not p.after:
                continue
            after_word = pad[i + width + 2]
            if ((kind == "noun" or nounish) and after_word in MODIFIED_HEADS) or after_word in NOUN_HEADS:
                continue  # "sexual assault cases", "the rally debacle", "torture programs": a noun modifier
            if kind == "noun" and prev in ("face", "faces", "facing", "faced"):
                continue  # "face charges", "faces sanctions": what the subject undergoes, not what it does
            head_end = i + width
            end = head_end
            if p.after:
                ends = []
                for spec in p.after:
                    e = after_cache.get((head_end, spec))
                    if e is None:
                        e = after_cache[(head_end, spec)] = match_after(toks, head_end, spec, present)
                    if e >= 0:
                        ends.append(e)
                if not ends:
                    continue
                end = max(ends)
            found.append(Trigger(p, kind, i, end, head_end))
    # keep the most specific trigger: longest span first, continuation patterns over bare ones
    found.sort(key=lambda t: (-(t.te - t.ts), -len(t.pattern.after), t.ts))
    kept: list[Trigger] = []
    for t in found:
        if any(not (t.te <= k.ts or t.ts >= k.te) for k in kept):
            # overlapping triggers: allow a nested noun inside a verb's continuation only when codes differ in root
            continue
        kept.append(t)
    kept.sort(key=lambda t: t.ts)
    return kept


def is_nounish(scope: Scope, i: int) -> bool:
    """Is token i a noun here? It is when a determiner, possessive, number or premodifying actor comes
    before it, across up to three adjectives ("Russia's more sweeping demands", "a Moscow demand")."""
    if scope.low(i).endswith("ing") and scope.low(i - 1) not in NOUNISH_BEFORE and not modifier_before(scope, i):
        return False  # "a declaration demanding that ...": a participle after its noun, not a noun
    if scope.low(i).endswith("ed") and scope.low(i - 1) not in L.DETERMINERS:
        return False  # "its allies demanded", "gunships killed": a past tense is never a noun
    prev = scope.low(i - 1)
    if scope.sent.tokens[i - 1].text.islower() and i > 1 and (
            (prev.endswith("ed") and len(prev) > 4 and scope.low(i - 2) not in L.BE) or prev in PAST_IRREGULAR):
        return True  # "condemned attacks", "said talks would resume": the object of a past-tense verb
    j = i - 1
    before = scope.mention_ending_at(i)
    if before is not None and not before.modifier and not before.possessive and before.tok_end - before.tok_start > 1:
        return False  # "Chile's foreign minister met": a verb right after its subject
    while j >= 0 and j > i - 4:
        w = scope.low(j)
        t = scope.sent.tokens[j].text
        if w in L.TEMPORAL:
            return False  # "on Thursday demanded": a time phrase before a verb
        if j == i - 1 and w in L.PREPOSITIONS and w not in ("to", "by") and not scope.low(i).endswith("ing"):
            return True  # "a request for comment": a noun after a preposition
        if w in NOUNISH_BEFORE or t.isdigit() or (w in L.PREPOSITIONS and w != "to" and j < i - 1):
            return True  # "in peace talks": a preposition opens a noun phrase
        if modifier_before(scope, j + 1):
            return True
        if t[:1].isupper() and scope.mention_at(j) is None and scope.low(j - 1) in ("the", "a", "an", "this", "that"):
            return True  # "the Newtown massacre", "the Tulsa rally": a name used as a modifier
        if t.isalpha() and (t.islower() or (scope.mention_at(j) is None and w.endswith(ADJECTIVE_ENDINGS))) and w not in L.AUX \
                and w not in L.PREPOSITIONS and w not in L.CONJUNCTIONS \
                and w not in L.NEGATIONS and w not in ("to",):
            j -= 1
            continue
        return False
    return False


def modifier_before(scope: Scope, i: int) -> bool:
    m = scope.mention_ending_at(i)
    if m is None:
        j = i - 1
        while j >= 0 and scope.sent.tokens[j].text.isalpha() and scope.sent.tokens[j].text.islower() and scope.low(j) not in L.AUX and scope.low(j) not in L.PREPOSITIONS and scope.low(j) not in L.CONJUNCTIONS and j > i - 3:
            j -= 1
        m = scope.mention_ending_at(j + 1) if j + 1 < i else None
        if m is not None and not (m.possessive or m.modifier):
            return False
    return m is not None and (m.modifier or m.possessive)
