"""Event coding: pattern triggers, then source, target, status, date and place from the shallow grammar.

Each event keeps the pattern id that fired, the trigger span and the sentence as evidence.
"""

from __future__ import annotations

from eventwire.events.frames import INTENT_OF, THREAT_OF, fold_infinitives, intent_frame, readiness_frame
from eventwire.events.grammar import (
    Scope,
    coordinated,
    is_passive,
    modality,
    negated,
    objects,
    parentheticals,
    subject,
)
from eventwire.events.triggers import ADJ_PARTICIPLES, Trigger, find_triggers, trigger_positions
from eventwire.model import Actor, Article, DateRef, Event, Evidence, Mention, Place, Sentence
from eventwire.nlp import lexicon as L
from eventwire.resources.loader import Resources

LIGHT_VERBS = frozenset(
    """hold held holds holding have has had having make made makes express expressed expresses expressing voice
    voiced voices voicing raise raised raises raising assert asserted asserting asserts launch launched launches
    conduct conducted conducts impose imposed imposes announce announced announces issue issued issues stage staged
    begin began begun start started resume resumed open opened seek sought reject rejected rejects rejecting
    escalate escalating escalated escalates step stepped increase increased intensify intensified continue
    continued continues offer offered renew renewed reiterate reiterated engaged engage engaging speeded sped
    accelerated complete completed ordered""".split()
)
VIOLENT = frozenset({"18", "19", "20"})
BY_AUTHOR_ROOTS = frozenset({"09", "10", "11", "12"})
FROM_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})  # said by whom a word comes from: "criticism from"
# words that make an 'attack' physical ("an attack that killed 1,400 civilians")
PHYSICAL = frozenset("""killed killing kills wounded dead died bomb bombs bombing missile missiles rocket rockets
    chemical weapons troops soldiers shelling airstrike airstrikes gunmen shot injured""".split())
IRREGULAR = frozenset({"UAF", "CRM", "INS", "CVL", "PRO", "REL"})
NONCOMBATANT = frozenset({"CVL", "REF", "MED", "HLH", "EDU", "REL", "JRN", "LAB", "BUS", "AGR", "ENV", "NGO", "PRO"})
CONFLICT_ROOTS = frozenset({"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})
DOMESTIC_TARGET = {"14": "GOV", "082": "GOV", "17": "CVL", "132": "CVL", "137": "CVL"}  # ("082": calling off a strike)  # threats of restrictions, curfews
RESPONSE_ROOTS = frozenset({"12", "11", "05", "03", "08"})
# acts done to a place fall on its country: "evacuate settlements in the Gaza Strip", "dispatched inspectors to
# Iran", "shipped out of the enclave of Gorazde" (not talks held in Geneva, nor protests in Hong Kong)
PLACE_ROOTS = frozenset({"07", "08", "09", "15", "16", "17", "18", "19", "20"})
PLACE_PREPS = frozenset({"in", "into", "to", "near", "from", "inside", "across", "throughout", "within"})
PLACE_NOUNS = frozenset({"enclave", "city", "town", "province", "region", "capital", "village", "district", "port"})
SUBORDINATORS = frozenset({"if", "unless", "when", "while", "as", "because", "after", "before", "since", "where",
                           "who", "which", "that", "whose", ";"})
OBJECT_PREPS = ("with", "against", "to", "on", "for", "of", "from", "over", "at", "into", "toward", "towards", "about")
def _keyed(m: Mention | None) -> list[Actor]:
    return [a for a in (m.actors if m else []) if a.key]


def _first_mention(scope: Scope, i: int) -> Mention | None:
    """'A camp for Congolese refugees was attacked': the actor inside the passive subject's phrase."""
    j = i - 1
    while j > 0 and scope.low(j - 1) not in (",", ";", "that", "which", "who", "and", "but"):
        j -= 1
    return next((m for m in scope.mentions if j <= m.tok_start < i and any(a.key for a in m.actors)), None)


def _modifier_subject(scope: Scope, i: int) -> Mention | None:
    """'Kenyan border posts were attacked': the actor premodifying the passive subject."""
    j = i - 1
    while j >= 0 and scope.low(j) not in (",", ";", "that", "which", "who"):
        m = scope.mention_at(j)
        if m is not None and m.modifier and scope.prep_before(m) is None:
            return m
        j -= 1
    return None


def _subject_actors(scope: Scope, i: int) -> list[Actor]:
    m = subject(scope, i)
    if m is None:
        return []
    return [a for c in coordinated(scope, m) for a in _keyed(c)]


def _nominal_source(scope: Scope, t: Trigger) -> tuple[list[Actor], int | None]:
    """Possessor or premodifier of a nominal trigger, else the subject of the light verb governing it."""
    j = t.ts - 1
    while j >= 0 and scope.sent.tokens[j].text.isalpha() and scope.sent.tokens[j].text.islower() \
            and scope.low(j) not in L.AUX and scope.low(j) not in L.PREPOSITIONS and scope.low(j) not in L.DETERMINERS \
            and scope.low(j) not in L.CONJUNCTIONS and j > t.ts - 4 and scope.mention_ending_at(j + 1) is None:
        j -= 1
    m = scope.mention_ending_at(j + 1)
    if m is None and scope.low(j) in ("'s", "'"):
        m = scope.mention_ending_at(j)
    adjacent = m is not None and m.tok_end == t.ts and not m.pronoun  # "Russian military buildup"
    if m is not None and (m.possessive or m.modifier or adjacent or scope.low(m.tok_end) in ("'s", "'")):
        return _keyed(m), None
    k = t.te
    while k < len(scope.sent.tokens) and k <= t.te + 1 and scope.low(k) not in ("by", "from"):
        k += 1
    if scope.low(k) == "by" or (scope.low(k) == "from" and t.pattern.code[:2] in FROM_ROOTS):
        # "attacks by Palestinians against Israelis", "criticism from staff", "pressure from Washington"
        agent = next((m for m in scope.mentions if m.tok_start in (k + 1, k + 2)), None)
        if agent is not None and _keyed(agent):
            return _keyed(agent), None
    if t.pattern.code[:2] == "04" and scope.low(t.ts - 1) in ("for", "in"):
        return _subject_actors(scope, t.ts - 1), None  # "is due in Berlin for talks with ..."
    # light verb: "held a serious exchange", "expressed hopes for talks"
    k = t.ts - 1
    while k >= 0 and k > t.ts - 7:
        w = scope.low(k)
        if w in LIGHT_VERBS:
            return _subject_actors(scope, k), k
        if w in (",", ";", ".", "that", "which", "who") or scope.mention_at(k) is not None:
            break
        k -= 1
    return [], None


def _coordinated_after(scope: Scope, m: Mention, sources: list[Actor]) -> list[Actor]:
    """Mentions joined to `m` by 'and' or commas: the other objects of the same verb."""
    out: list[Actor] = []
    end = m.tok_end
    while scope.low(end) in ("and", ",", "or") or (scope.low(end) == "," and scope.low(end + 1) == "and"):
        k = end + 1 if scope.low(end + 1) != "and" else end + 2
        while scope.low(k) in ("the", "a", "an"):
            k += 1
        nxt = next((x for x in scope.mentions if x.tok_start == k), None)
        if nxt is None or nxt.modifier or scope.low(nxt.tok_end) == "-":
            break  # "..., a Saudi-owned weekly reports": an apposition, not another object
        out += [a for a in nxt.actors if a.key and not any(a.key == s.key and a.sector == s.sector for s in sources)]
        end = nxt.tok_end
    return out


def _after_that(scope: Scope, m: Mention) -> bool:
    j = m.tok_start - 1
    while j >= 0 and scope.low(j) in ("the", "a", "an", "its", "their"):
        j -= 1
    return scope.low(j) == "that"


def _reported_demand(scope: Scope, t: Trigger, src_keys: set[str]) -> list[Actor]:
    """'X said Sudan must return the helicopter', 'said the government and the rebels must reach a deal': the
    addressee of an obligation in reported speech."""
    for m in scope.mentions:
        if m.tok_start < t.te or m.modifier:
            continue
        keyed = [a for a in m.actors if a.key and (a.key not in src_keys or a.kind == "person" or a.sector)]
        if not keyed:
            continue
        for k in range(m.tok_end, min(m.tok_end + 8, len(scope.sent.tokens))):
            w = scope.low(k)
            if w in ("must", "should") or (w in ("has", "have") and scope.low(k + 1) == "to"):
                return keyed  # "US and British forces must ...": each of them
            if w in (",", ";", "that", "which", "who") or (w.endswith("ed") and len(w) > 4 and w not in ADJ_PARTICIPLES):
                break
        return []  # only the first actor after the verb can be the one obliged
    return []


def _postposed(scope: Scope, t: Trigger) -> bool:
    """'..., a UN official said' / '..., security sources said here': a reporting verb after its content,
    whose short subject follows a comma or a closing quotation mark."""
    j = t.ts - 1
    while j >= 0 and t.ts - j <= 8:
        w = scope.low(j)
        if w in (",", "\u201d", '"'):
            return True
        if w in (";", ".", "that") or (w in L.AUX and w not in ("has", "have", "had")):
            return False
        j -= 1
    return False


def _complement_target(scope: Scope, t: Trigger, src_keys: set[str], article_mentions: list[Mention]) -> Actor | None:
    """Target of a statement: the first actor in what is said that is not the speaker."""
    after = [m for m in scope.mentions if m.tok_start >= t.te]
    before = [m for m in scope.mentions if m.tok_end <= t.ts]
    for m in after + before:
        if m.locative:
            continue  # "the war in Ukraine" sets a scene; it does not name an addressee
        for a in m.actors:
            if a.key and a.key not in src_keys:
                return a
    return None


def _verbal(sources: list[Actor], target: Actor | None) -> bool:
    """An 'attack' by politicians on a person, the press or a party (or on nothing named) is criticism."""
    politicians = all(a.kind == "person" or a.sector in ("GOV", "LEG", "PTY", "OPP") for a in sources)
    return politicians and (target is None or target.kind == "person"
                            or target.sector in ("MED", "JRN", "PTY", "OPP", "JUD", "LEG"))


def _unattributed(scope: Scope, t: Trigger) -> bool:
    """A passive act of violence whose doer the sentence does not name ("were killed in a bombing"), as opposed
    to one whose doer is named in a way we cannot resolve ("killed by gunmen", "in clashes between ...")."""
    if not is_passive(scope, t.ts):
        return False
    return not any(scope.low(k) in ("by", "between", "among", "with") for k in range(t.te, len(scope.sent.tokens)))


def _despite(scope: Scope, t: Trigger, src_keys: set[str]) -> Actor | None:
    """'declined to resign despite pressure from the commission': who is refused."""
    toks = scope.sent.tokens
    k = next((k for k in range(t.te, min(t.te + 6, len(toks))) if scope.low(k) in ("despite", "defying")), None)
    if k is None:
        return None
    for j in range(k + 1, min(k + 6, len(toks))):
        if scope.low(j) in ("by", "from", "of"):
            return next((a for m in scope.mentions if j < m.tok_start <= j + 3 for a in m.actors
                         if a.key and a.key not in src_keys), None)
    return None


def _by_author(scope: Scope, t: Trigger, src_keys: set[str]) -> Actor | None:
    """'X by Y' inside the object of a trigger, before any clause break: Y, the author of X."""
    for k in range(t.head_end, min(t.te + 8, len(scope.sent.tokens))):
        w = scope.low(k)
        if w in (",", ";", "that", "which", "who", "and") or (w.endswith("ed") and k > t.te and w not in ADJ_PARTICIPLES):
            return None
        if w == "by":
            return next((a for m in scope.mentions if k < m.tok_start <= k + 3 for a in m.actors
                         if a.key and a.key not in src_keys), None)
    return None


def _place_target(res: Resources, art: Article, scope: Scope, t: Trigger, sources: list[Actor]) -> Actor | None:
    """The country of the place an act is done in or to, when no actor receives it. A country acting inside its
    own borders has no counterpart ("Serbia eased measures in Serbia"); its soldiers or rebels do."""
    sent = scope.sent
    lo, hi = _clause_range(sent, t)
    by_start = {tok.start: tok.i for tok in sent.tokens}
    for pl in art.places:
        if pl.sentence != sent.index or pl.country is None or not (sent.tokens[t.ts].end <= pl.start < hi):
            continue
        i = by_start.get(pl.start)
        if i is None or i - t.te > 10 or any(scope.low(k) in SUBORDINATORS or (
                scope.low(k) in L.PREPOSITIONS and scope.low(k + 1).endswith("ing")) for k in range(t.te, i)):
            continue  # "if war starts in Iraq", "indicted for interfering in the election": another clause's place
        after = next((tok for tok in sent.tokens if tok.start >= pl.end), None)
        if after is not None and after.text.islower() and (after.lower in res.agents or any(
                k == "noun" for _, k in res.triggers.get(after.lower, ()))):
            continue  # "in response to U.S. airstrikes", "to U.S. troops": a modifier, not a place
        j = i - 1
        while j > t.te and (scope.low(j) in ("the", "central", "northern", "southern", "eastern", "western")
                            or sent.tokens[j].text[:1].isupper()):
            j -= 1  # "in central Baghdad", "the eastern Bosnian enclave of Gorazde"
        w = scope.low(j)
        if not (w in PLACE_PREPS or (w == "of" and scope.low(j - 1) in PLACE_NOUNS)) or (
                t.pattern.code[:2] == "07" and w != "to"):
            continue  # aid goes to a place ("sent rockets into Israel" is no aid)
        if any(a.kind == "country" and a.sector is None and a.country == pl.country for a in sources):
            return None
        if any(a.key == pl.country for a in sources if a.sector is None and a.kind != "person"):
            return None
        return Actor(pl.name, "country", country=pl.country, entry="rule:place-target")
    return None


def _counterpart(scope: Scope, src_keys: set[str], sentences: dict[int, list[Mention]], sent: Sentence,
                 sent_para: dict[int, int]) -> Actor | None:
    """For intents to meet with no stated counterpart: the other party named nearby."""
    order = [sent.index] + [i for i in sorted(sentences) if sent_para.get(i) == sent.paragraph and i != sent.index]
    order += [sent.index - 1]
    for si in order:
        for m in sentences.get(si, []):
            for a in m.actors:
                if a.key and a.key not in src_keys:
                    return a
    return None


def code_events(res: Resources, art: Article, trace: list[dict] | None = None) -> list[Event]:  # type: ignore[type-arg]
    """Code the article's events; when `trace` is a list, every trigger's fate is appended to it."""

    def note(sent: Sentence, t: Trigger, outcome: str, sources: list[Actor] | None = None,
             target: Actor | None = None) -> None:
        if trace is not None:
            trace.append({"sentence": sent.index, "trigger": " ".join(x.text for x in sent.tokens[t.ts : t.te]),
                          "pattern": t.pattern.id, "code": t.pattern.code, "kind": t.kind,
                          "sources": [a.code for a in sources or []], "target": target.code if target else None,
                          "outcome": outcome})

    by_sentence: dict[int, list[Mention]] = {}
    for m in art.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    sent_para = {s.index: s.paragraph for s in art.sentences}
    quote_spans = [(q.start, q.end) for q in art.quotes]
    events: list[Event] = []
    for sent in art.sentences:
        positions = trigger_positions(res, sent)
        if not positions:
            continue  # no word here can trigger an event
        scope = Scope(sent, by_sentence.get(sent.index, []), parentheticals(sent))
        triggers = find_triggers(res, scope, positions)
        coded: list[tuple[Trigger, list[Actor], list[Actor | None], list[Event]]] = []
        for t in triggers:
            p = t.pattern
            target: Actor | None = None
            target_prep: str | None = None
            extra: list[Actor] = []
            sources: list[Actor]
            gov = None
            passive = False
            passive_pronoun = False
            if t.kind == "noun":
                sources, gov = _nominal_source(scope, t)
            elif t.pattern.verbs and (is_passive(scope, t.ts) or (scope.low(t.ts).endswith("ed") and scope.low(t.head_end) == "by")):
                passive = True
                agent = next((m for m, prep in objects(scope, t.te) if prep == "by"), None)
                sources = _keyed(agent)
                if is_passive(scope, t.ts):
                    subj = subject(scope, t.ts) or _modifier_subject(scope, t.ts) or _first_mention(scope, t.ts)
                else:  # "a lunch hosted by the ambassador": the noun right before is the one acted on
                    subj = scope.mention_ending_at(t.ts)
                target = (_keyed(subj) or [None])[0]
                if subj is not None and subj.pronoun:
                    passive_pronoun = True  # "their father was killed": too weak a victim to code alone
            else:
                sources = _subject_actors(scope, t.ts)
            src_keys = {a.key for a in sources if a.key}
            if target is None and p.target != "none":
                if p.target == "complement":
                    target = _complement_target(scope, t, src_keys, art.mentions)
                else:
                    allowed = p.preps if p.target == "prep" else (p.preps or OBJECT_PREPS)
                    if p.code[:2] in CONFLICT_ROOTS:
                        allowed = [*allowed, "against"]  # conflict is always "against" someone
                    # the object may sit inside the continuation: "summoned Niger's ambassador"
                    start = t.head_end if p.target == "object" else t.te
                    for m, prep in objects(scope, start, cross_that="that" in p.preps):
                        if prep is None and "that" in p.preps and _after_that(scope, m):
                            prep = "that"  # "demanded that the US cancel ...": the demand is made of the US
                        if m.locative and prep in ("in", "at") and prep not in p.preps:
                            continue  # a place, not a target (unless the pattern asks: "sought refuge in Germany")
                        if m.modifier and scope.low(m.tok_end) in ("border", "frontier", "coast", "side", "territory"):
                            continue  # "on the Thai border": a place on the map
                        if prep == "with" and scope.low(m.tok_start - 1) in ("border", "borders", "frontier"):
                            continue  # "villages near the border with Bulgaria"
                        if prep is not None and prep not in allowed:
                            continue
                        if prep is None and p.target == "prep":
                            continue  # "discussed trade, Ukraine and the Middle East": topics, not parties
                        # the same country may act on itself through another sector (rebels fighting the government)
                        cand = [a for a in m.actors if a.key and not any(
                            a.key == s.key and a.sector == s.sector for s in sources)]
                        if cand:
                            target, extra = cand[0], cand[1:]  # "Sierra Leonean and Liberian refugees"
                            target_prep = prep
                            extra += _coordinated_after(scope, m, sources)  # "defended Iraq and Libya"
                            break
                        if m.modifier or m.possessive or any(a.key in src_keys for a in m.actors if a.key):
                            continue  # "all official contact with the US": an adjective, not the object
                        break
            if target is None and p.target != "none" and p.code[:2] in CONFLICT_ROOTS:
                # "hack into the computers of South Korean army officers": the owner of the thing acted on
                target = next((a for m, prep in objects(scope, t.te) if prep == "of" for a in m.actors
                               if a.key and not any(a.key == s_.key and a.sector == s_.sector for s_ in sources)), None)
            if p.code[:2] in BY_AUTHOR_ROOTS and p.target != "none" and not passive and (
                    target is None or p.code[:2] in ("09", "11")):
                # "rejected recent calls by Belarus's rulers", "demanded an admission by Moscow", "investigating
                # war crimes by extremists against civilians": the author of the thing acted on
                author = _by_author(scope, t, src_keys)
                if author is None and p.code[:2] == "12" and target is None:
                    author = _despite(scope, t, src_keys)
                if author is not None:
                    target, extra, target_prep = author, [], "by"
            if target is None and t.te > t.head_end:
                # "threatened to ban Ugandan opposition candidates", "summoned Niger's ambassador": the object
                # can sit inside the continuation the pattern matched
                inside = next((a for m in scope.mentions if t.head_end <= m.tok_start < t.te for a in m.actors
                               if a.key and not any(a.key == s_.key and a.sector == s_.sector for s_ in sources)), None)
                target = inside
            if target is None and p.target != "none" and p.code[:2] in PLACE_ROOTS and sources and not (
                    p.requires_target and t.kind == "noun"):  # (weak nouns: "more support ... in Iowa")
                target = _place_target(res, art, scope, t, sources)
                target_prep = "place" if target is not None else None
            if passive_pronoun and not sources:
                target = None
            coded.append((t, sources, [target, target_prep], extra))
        # "wounded two soldiers in a bomb attack": the manner names the act; it takes the verb's actors
        for idx, (t, sources, targets, extra_t) in enumerate(coded):
            if t.kind != "noun" or sources:
                continue
            k = t.ts - 1
            while k > 0 and scope.low(k) not in ("a", "an") and t.ts - k <= 3:
                k -= 1
            if scope.low(k) not in ("a", "an") or scope.low(k - 1) not in ("in", "with"):
                continue
            verb = next(((v, vs, vt, ve) for v, vs, vt, ve in reversed(coded[:idx]) if v.kind == "verb" and vs), None)
            if verb is None or verb[0].pattern.code[:2] not in VIOLENT or t.pattern.code[:2] not in VIOLENT:
                continue
            v, vs, vt, ve = verb
            sources.extend(vs)
            targets[0], targets[1] = vt[0], vt[1]
            extra_t.extend(ve)
            vs.clear()  # the verb's event is the same act, told less precisely
            note(sent, v, f"subsumed by the manner '{' '.join(x.text for x in sent.tokens[t.ts:t.te])}'")
        # a demand rejected by X was made to X: nominal events inside a response verb's object
        for idx, (t, sources, targets, _) in enumerate(coded):
            if t.kind != "noun" or targets[0] is not None:
                continue
            for t2, src2, _, _ in coded[:idx]:
                if t2.kind == "verb" and t2.pattern.code[:2] in RESPONSE_ROOTS and t2.te <= t.ts <= t2.te + 6 and src2:
                    if {a.key for a in src2} != {a.key for a in sources}:
                        targets[0] = src2[0]
                    break
        overrides: dict[int, str] = {}
        for t in fold_infinitives(scope, coded, overrides):
            note(sent, t, "folded into the governing verb (an act after 'to' is its content)")
        others = [t for t, src, _, _ in coded if src and t.pattern.target != "complement"]
        for t, sources, targets, extra_targets in coded:
            p = t.pattern
            target, target_prep = targets[0], targets[1]
            if not sources and t.kind == "verb" and p.code[:2] in VIOLENT and target is not None \
                    and _unattributed(scope, t):
                # "three civilians were killed in a car bombing": a victim with no named perpetrator is still
                # news; the source is left empty, not guessed
                status = "negated" if negated(scope, t.ts) else modality(scope, t.ts)
                manner = next((t2 for t2, *_ in coded if t2.kind == "noun" and t2.pattern.code[:2] in VIOLENT | {"14"}
                               and t.te <= t2.ts <= t.te + 5 and scope.low(t.te) in ("in", "during")), None)
                code = manner.pattern.code if manner else p.code  # "killed in a car bombing": the manner names it
                note(sent, t, f"coded {code} with no named perpetrator", [], target)
                events.append(_event(res, art, sent, t, None, target, code, status, quote_spans))
                continue
            if not sources:
                note(sent, t, "no source: no actor with a country or organisation acts here")
                continue
            src_keys = {a.key for a in sources}
            if p.target == "complement":
                addressees = _reported_demand(scope, t, src_keys)
                if addressees:  # an obligation laid on someone in reported speech is a demand
                    for a in sources:
                        for b in addressees:
                            events.append(_event(res, art, sent, t, a, b, "100", "occurred", quote_spans,
                                                 pattern="demand.reported-must"))
                    continue
                if scope.low(t.ts - 2) in ("as", "than") or scope.low(t.ts - 3) in ("as", "than"):
                    note(sent, t, "a comparison ('as electable as he says'), not a statement", sources)
                    continue
                if others or _postposed(scope, t):
                    note(sent, t, "attribution of reported content, not an event", sources)
                    continue  # an attribution ("..., officials said"), not an event of its own
            if target is not None and p.code[:2] == "15" and target.sector in ("MIL", "COP") and target.key in src_keys:
                target = None  # "sent 800 troops to the border": its own forces are what it moves, not its target
            if target is not None and target.kind == "country" and target.sector is None and target.key in src_keys \
                    and target_prep != "place":
                target = None  # "promised to democratize Serbia": the country itself is no counterpart
            reciprocal_pairs = p.reciprocal and len(src_keys) >= 2 and target is None
            if target is None and p.intent and not reciprocal_pairs and (
                    p.code[:2] == "03" or modality(scope, t.ts) == "planned" or intent_frame(scope, t)):
                # "ready to schedule meetings", "will meet": the other side is whoever the text sets against them
                target = _counterpart(scope, src_keys, by_sentence, sent, sent_para)
            if target is None and p.requires_target and modality(scope, t.ts) != "planned":
                note(sent, t, "no target, and this pattern needs one", sources)
                continue  # (a planned meeting with no named counterpart is still news: "will discuss the crisis")
            if p.code[:3] == "042" and all(a.sector in ("CVL", "REF") for a in sources):
                note(sent, t, "private travel, not a visit between actors", sources)
                continue  # "citizens visiting Turkey"
            if t.kind == "noun" and p.code[:2] == "04" and not reciprocal_pairs and target is None:
                note(sent, t, "bare mention of a meeting with one party", sources)
                continue  # a bare mention of a meeting with one party is not an event
            code = overrides.get(id(t), p.code)
            status = modality(scope, t.ts)
            frame = intent_frame(scope, t)
            if frame and code[:2] in INTENT_OF:
                code, status = INTENT_OF[code[:2]], "occurred"  # "willing to withdraw", "offered to hand over"
            elif frame and code[:2] in VIOLENT and readiness_frame(scope, t):
                code, status = "150", "occurred"  # "the army prepared to resume shelling": a force posture
            elif frame and code[:2] in THREAT_OF:
                code, status = THREAT_OF[code[:2]], "occurred"  # "vowed to retaliate"
            if negated(scope, t.ts):
                if p.negated:
                    code, status = p.negated, "occurred"
                else:
                    status = "negated"
            elif status == "planned" and code[:2] in INTENT_OF:
                code = INTENT_OF[code[:2]]  # cooperation announced for the future is an intent (PLOVER AGREE)
            elif status == "planned" and code[:2] in THREAT_OF and code[:2] != "15":
                # (a deployment announced for the future is a planned force posture, not a threat)
                # harm announced for the future ("will retaliate", "said they would boycott") is a threat
                code, status = THREAT_OF[code[:2]], "occurred"
            elif p.id.startswith("intent.not-ready") and id(t) not in overrides:
                note(sent, t, "only its negated reading is an event", sources)
                continue  # only its negated reading is an event
            if target is None and code[:2] == "13":
                # "threatened to stop negotiations if the United States goes ahead": the condition names who is
                # threatened
                cond = next((k for k in range(t.te, len(sent.tokens)) if scope.low(k) in ("if", "unless")), None)
                if cond is not None:
                    target = next((a for m in scope.mentions if m.tok_start > cond for a in m.actors
                                   if a.key and not any(a.key == s_.key and a.sector == s_.sector for s_ in sources)), None)
            foreign_after = any(a.key and a.key not in src_keys for m in scope.mentions
                                if t.te <= m.tok_start <= t.te + 12 for a in m.actors)
            if target is None and code[:2] == "14" and foreign_after:
                # "blocked a road to show their disapproval for the United States' policies": a protest is
                # against the foreign actor it names
                target = next(a for m in scope.mentions if m.tok_start >= t.te for a in m.actors
                              if a.key and a.key not in src_keys)
            domestic = DOMESTIC_TARGET.get(code[:3]) or DOMESTIC_TARGET.get(code[:2])
            if target is None and domestic and len(src_keys) == 1 and not foreign_after:
                # a protest with no stated target is against the authorities of its country; a curfew, a ban or
                # arrests with no stated target fall on its people (the CAMEO coding convention)
                first = sources[0]
                if first.country and not first.igo:
                    sector = domestic
                    if sector != first.sector:
                        target = Actor(f"{first.country} {sector}", "group", country=first.country, sector=sector,
                                       entry="rule:domestic-target")
            if code == "130" and p.id == "threaten.warn" and target is not None and target.sector in ("CVL", None) \
                    and any(target.country == a.country for a in sources) and scope.low(t.te) != "of":
                code = "020"  # "warned its citizens to avoid crowds": advice to one's own people, not a threat
            if code[:2] == "19" and scope.low(t.ts).startswith("attack") and _verbal(sources, target) \
                    and not any(w.lower in PHYSICAL for w in sent.tokens):
                code = "111"  # "Trump attacked the media", "the White House attacked Acosta for asking": words
            elif code == "190" and target is not None and target.kind == "person" and scope.low(t.ts).startswith("kill"):
                code = "186"  # killing a named person is an assassination ("guerrillas killed the deputy mayor")
            elif code == "190" and target is not None and target.sector in NONCOMBATANT and all(
                    a.sector in IRREGULAR for a in sources):
                # CAMEO: militias, terrorists and mobs attacking civilians use unconventional violence (18), not
                # the conventional force of armies and organised rebels (19)
                code = "180"
            pairs: list[tuple[Actor, Actor | None]] = []
            if reciprocal_pairs:  # "Saudi and Iranian diplomats met": one meeting for each pair, in text order
                pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :] if a.key != b.key]
            else:
                pairs = [(a, b) for b in [target, *extra_targets] for a in sources if not (b is not None and a == b)]
            # "met Putin", "agreed with Jordan": both act, and the one event says so
            both = bool(p.reciprocal and code[:2] != "03" and (reciprocal_pairs or (
                target is not None and (target_prep in ("with", "between") or (target_prep is None and p.code[:2] == "04")))))
            note(sent, t, f"coded {code} ({status})", sources, target)
            for a, b in pairs:
                ev = _event(res, art, sent, t, a, b, code, status, quote_spans)
                ev.reciprocal = both
                events.append(ev)
    return _dedupe(events)


def _event(res: Resources, art: Article, sent: Sentence, t: Trigger, source: Actor | None, target: Actor | None,
           code: str, status: str, quote_spans: list[tuple[int, int]], pattern: str | None = None) -> Event:
    onto = res.ontology.get(code) or res.ontology.get(code[:3]) or res.ontology[code[:2]]
    toks = sent.tokens
    trig = art.text[toks[t.ts].start : toks[t.te - 1].end]
    start = toks[t.ts].start
    date, precision = _event_date(art, sent, t)
    return Event(
        source=source, target=target, code=code, plover=onto.plover, quad_class=onto.quad_class,
        goldstein=onto.goldstein, status=status,
        evidence=Evidence(sent.index, sent.start, sent.end, sent.text), pattern=pattern or t.pattern.id,
        confidence=t.pattern.confidence, trigger=trig, date=date, date_precision=precision,
        place=_event_place(art, sent, t),
        in_quote=any(s <= start < e for s, e in quote_spans),
    )


def _clause_range(sent: Sentence, t: Trigger) -> tuple[int, int]:
    """Character range of the trigger's clause: commas with 'and'/'but', semicolons and dashes end it."""
    toks = sent.tokens
    a = t.ts
    while a > 0 and not (toks[a - 1].lower in (";", "but", "\u2014") or (toks[a - 1].lower in ("and", "or") and a > 1 and toks[a - 2].lower == ",")):
        a -= 1
    b = t.te
    while b < len(toks) and not (toks[b].lower in (";", "but") or (toks[b].lower == "," and b + 1 < len(toks) and toks[b + 1].lower in ("and", "but", "or", "while"))):
        b += 1
    return toks[a].start, toks[b - 1].end if b > 0 else sent.end


def _event_date(art: Article, sent: Sentence, t: Trigger) -> tuple[str | None, str]:
    lo, hi = _clause_range(sent, t)
    trig_pos = sent.tokens[t.ts].start
    quoted = [(q.start, q.end) for q in art.quotes]
    inq = any(a <= trig_pos < b for a, b in quoted)
    here: list[DateRef] = [d for d in art.dates if d.sentence == sent.index and lo <= d.start < hi
                           and any(a <= d.start < b for a, b in quoted) == inq]
    if here:
        trig = sent.tokens[t.ts].start
        d = min(here, key=lambda d: abs(d.start - trig))
        return (d.value if d.precision == "day" else d.value), d.precision
    if art.published:
        return art.published.isoformat(), "publication"
    return None, "publication"


def _event_place(art: Article, sent: Sentence, t: Trigger) -> Place | None:
    lo, hi = _clause_range(sent, t)
    here = [p for p in art.places if p.sentence == sent.index and lo <= p.start < hi and p.rule != "place.country"]
    if not here:
        return None
    trig = sent.tokens[t.ts].start

    def rank(p: Place) -> tuple[bool, bool, int]:
        before = art.text[max(0, p.start - 4) : p.start].strip().lower()
        at = before.endswith(("in", "at"))  # where it happens, not where someone goes next
        return (not at, p.start < trig, abs(p.start - trig))

    return min(here, key=rank)


def _dedupe(events: list[Event]) -> list[Event]:
    seen: set[tuple] = set()
    out = []
    for e in events:
        key = (e.evidence.sentence, e.source.key if e.source else None, e.source.sector if e.source else None,
               e.target.key if e.target else None, e.code, e.pattern, e.trigger)
        if key in seen:
            continue
        seen.add(key)
        out.append(e)
    # "launched artillery against the camps, killing 50": a targetless report of the same kind of act by the
    # same actor in the same sentence adds nothing to the one that names the target
    family = {r: ("violent" if r in VIOLENT else r) for r in {e.root for e in out}}
    targeted = {(e.evidence.sentence, e.source.key if e.source else None, family[e.root]) for e in out if e.target}
    return [e for e in out if e.target is not None or e.status not in ("occurred", "planned")
            or (e.evidence.sentence, e.source.key if e.source else None, family[e.root]) not in targeted]

