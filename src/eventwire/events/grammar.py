"""Shallow grammar over tokens and mentions: clause edges, parentheticals, subjects and objects.

No parser: clause edges come from punctuation and function words, subjects are the nearest actor
mention to the left that is not inside a prepositional phrase, objects the mentions to the right.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from eventwire.model import Mention, Sentence
from eventwire.nlp import lexicon as L

ADVERBS = frozenset(
    ["again", "also", "already", "still", "directly", "jointly", "formally", "publicly", "reportedly", "allegedly", "repeatedly", "quickly", "finally", "recently", "just", "once", "now", "then", "later", "earlier", "never", "not", "n't", "further", "firmly", "strongly", "sharply", "openly", "privately", "separately", "immediately", "effectively", "officially", "forever"]
)
QUANTIFIERS = frozenset(
    "group groups number numbers dozens hundreds thousands tens millions some many most several few one two three "
    "members member delegation team contingent unit units all none each both".split()
)
PRONOUN_WORDS = frozenset("he she it they we i you".split())
REPORTING = frozenset("said says say told announced announces warned declared stated insisted added".split())
HARD_STOPS = frozenset({";", ":", "\u2014", "--", "(", ")"})


@dataclass(slots=True)
class Scope:
    """Token-level facts about one sentence that the event rules share."""

    sent: Sentence
    mentions: list[Mention]  # not changed once the scope is made: the indexes below are built from it
    paren: list[tuple[int, int]]  # parenthetical token ranges [a, b)
    lows: list[str] = field(init=False, repr=False)  # the tokens lower-cased
    at: dict[int, Mention] = field(init=False, repr=False)  # token -> the first mention covering it
    ending: dict[int, Mention] = field(init=False, repr=False)  # token -> the first mention ending just before it

    def __post_init__(self) -> None:
        """Appositions after a name are parenthetical too: 'Salaheddine Sidhoum, Algeria's leading rights
        activist, staged a hunger strike'."""
        toks = self.sent.tokens
        self.lows = self.sent.lows()
        self.at, self.ending = {}, {}
        for m in self.mentions:
            self.ending.setdefault(m.tok_end, m)
            for k in range(m.tok_start, m.tok_end):
                self.at.setdefault(k, m)
        for m in self.mentions:
            a = m.tok_end
            if a >= len(toks) or toks[a].lower != "," or not any(x.kind == "person" for x in m.actors):
                continue
            b = next((k for k in range(a + 1, min(a + 11, len(toks))) if toks[k].lower in (",", ";", ".")), None)
            if b is None or toks[b].lower != "," or self.in_paren(a):
                continue
            seg = [t.lower for t in toks[a + 1 : b]]
            if seg and not any(w in L.AUX or w in REPORTING or w in L.RELATIVES for w in seg) and \
                    (b + 1 >= len(toks) or toks[b + 1].lower not in ("and", "or")):
                self.paren.append((a, b + 1))

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < len(self.lows) else ""

    def in_paren(self, i: int) -> tuple[int, int] | None:
        for a, b in self.paren:  # (a plain loop: asked at many tokens, and most sentences have no parenthetical)
            if a <= i < b:
                return a, b
        return None

    def mention_ending_at(self, i: int) -> Mention | None:
        return self.ending.get(i)

    def mention_at(self, i: int) -> Mention | None:
        return self.at.get(i)

    def prep_before(self, m: Mention) -> str | None:
        """The preposition governing a mention: 'with' in 'talks with the Russian side', 'of' in
        'support of a pro-Moscow separatist movement'."""
        j = m.tok_start - 1
        if m.pronoun:  # "on Monday that he will": only the word right before a pronoun can govern it
            w = self.low(j)
            return w if w in L.PREPOSITIONS else None
        while j >= 0 and j >= m.tok_start - 5:
            w = self.low(j)
            if w in ("that", "which", "who", "whom") or w in L.TEMPORAL:
                return None  # a clause or a date lies between: no preposition governs the mention
            if w in L.PREPOSITIONS:
                if w == "of" and self.low(j - 1) in QUANTIFIERS:
                    return None  # "a group of Moroccan diplomats": the group is the diplomats
                if w == "than" and self.low(j - 1) in ("more", "fewer", "less", "over", "rather"):
                    j -= 2  # "arrested more than 100 Palestinians": a quantity, not a preposition
                    continue
                return w
            if w in L.AUX or w in L.CONJUNCTIONS or w in (",", ";", ".", ":", "\u201c", "\u201d", '"') \
                    or self.mention_ending_at(j + 1) is not None and j + 1 < m.tok_start and not self.mention_ending_at(j + 1).modifier:
                return None
            t = self.sent.tokens[j].text
            if not (w in L.DETERMINERS or w in ("'s", "-") or t[:1].isupper() or (t.isalpha() and t.islower())
                    or t[:1].isdigit()):  # "against 28 Chilean officials"
                return None
            if t.isalpha() and t.islower() and w not in L.DETERMINERS and j < m.tok_start - 3:
                return None
            j -= 1
        return None


def parentheticals(sent: Sentence) -> list[tuple[int, int]]:
    """Appositive and relative clauses set off by commas, dashes or brackets: ', which includes Russia,'."""
    toks = sent.tokens
    out: list[tuple[int, int]] = []
    n = len(toks)
    i = 0
    while i < n:
        w = toks[i].lower
        if w in ("(", "\u2014", "--"):
            close = ")" if w == "(" else w
            j = next((k for k in range(i + 1, n) if toks[k].lower == close), None)
            if j is not None:
                out.append((i, j + 1))
                i = j + 1
                continue
            if w != "(":
                out.append((i, n))  # a dash aside running to the end of the sentence
                break
        if w == "," and i + 2 < n and toks[i + 1].text[:1].isupper() and toks[i + 2].lower in ("'s", "'"):
            j = next((k for k in range(i + 3, min(n, i + 12)) if toks[k].lower in (",", ";")), None)
            if j is not None and toks[j].lower == ",":  # "Sidhoum, Algeria's leading rights activist, staged"
                out.append((i, j + 1))
                i = j
                continue
        if w == "," and i + 1 < n and toks[i + 1].lower in ("which", "who", "whom", "whose", "representing",
                                                              "including", "itself", "a", "an", "the", "where",
                                                              "accompanied", "led", "backed", "once", "formerly"):
            j = next((k for k in range(i + 1, n) if toks[k].lower in (",", ";")), None)
            # an appositive NP (", a former envoy,") only when short and closed by a comma
            if toks[i + 1].lower in ("a", "an", "the") and (j is None or j - i > 12):
                i += 1
                continue
            if toks[i + 1].lower == "where" and j is None:
                j = n
            if j is not None:
                out.append((i, j + 1 if j < n else n))
                i = j
                continue
        i += 1
    return out


CLAUSE_OPENERS = frozenset({"after", "before", "since", "until", "till"})


def is_boundary(scope: Scope, i: int) -> bool:
    w = scope.low(i)
    if w in HARD_STOPS or w == "but":
        return True
    if w in ("and", "or") and scope.low(i - 1) == ",":
        return True
    return w in L.SUBORDINATORS and w not in ("as", "after", "before", "since")


def coordinated(scope: Scope, m: Mention) -> list[Mention]:
    """A mention with the mentions coordinated before it: 'the U.S. and its allies' -> [U.S., allies]."""
    out = [m]
    i = m.tok_start - 1
    while i >= 0:
        p = scope.mention_ending_at(i + 1)
        if p is not None and p.pronoun and p.possessive and p is not out[0]:
            i = p.tok_start - 1  # "its allies": the possessive belongs to the noun
            continue
        if scope.low(i) in L.DETERMINERS:
            i -= 1
            continue
        if scope.low(i) in ("and", ","):
            prev = scope.mention_ending_at(i)
            if prev is not None and not prev.modifier:
                out.insert(0, prev)
                i = prev.tok_start - 1
                continue
        break
    return out


def subject(scope: Scope, trig: int, depth: int = 0) -> Mention | None:
    """The actor mention that is the subject of the verb at token `trig`."""
    j = trig - 1
    while j >= 0 and (scope.low(j) in ADVERBS or scope.low(j) in L.AUX or (scope.low(j).endswith("ly") and len(scope.low(j)) > 4)):
        j -= 1
    if scope.low(trig).endswith("ing") and scope.low(j) == "," and depth < 3 and j == trig - 1:
        # "rebels shelled Juba, killing 20 people": the participle shares the main clause's subject
        return clause_subject(scope, j, depth + 1)
    if scope.low(j) in ("and", "or", "but") and depth < 3:
        # "rebels kidnapped advisers and exploded bombs": coordinated verbs share the first one's subject
        return clause_subject(scope, j - (1 if scope.low(j - 1) == "," else 0), depth + 1)
    # 1. a mention right before the verb, allowing auxiliaries, adverbs and negation in between
    j = trig - 1
    while j >= 0 and (scope.low(j) in L.AUX or scope.low(j) in ADVERBS or scope.low(j) in L.NEGATIONS):
        j -= 1
    m = scope.mention_ending_at(j + 1)
    if m is not None and not any(a.key for a in m.actors) and scope.low(m.tok_start - 1) in ("including", "like", "with"):
        m = None  # "Russian aircraft including helicopter gunships killed": the example is not the subject
    elif m is not None and not m.modifier and (scope.prep_before(m) is None or scope.low(trig).endswith("ing")):
        return m
    elif m is not None and not m.modifier and not m.possessive and scope.low(m.tok_start - 1) in CLAUSE_OPENERS:
        return m  # "months after Russia invaded Ukraine": the word opens a clause, it does not govern Russia
    # a thing right before the verb is its subject: "the attack killed", "the flu has killed"
    w = scope.low(j)
    if w.isalpha() and w not in L.PREPOSITIONS and w not in L.CONJUNCTIONS and w not in L.AUX \
            and w not in ("that", "who", "which", "it", "they", "he", "she", "we") and scope.mention_at(j) is None \
            and not any(scope.mention_at(k) is not None for k in range(max(0, j - 3), j)):
        det = next((k for k in range(j - 1, max(-1, j - 4), -1)
                    if scope.low(k) in ("the", "a", "an", "this", "its", "their", "our")), None)
        if det is not None and scope.low(det - 1) not in ("and", ",", "of", "or"):
            return None  # ("Fabius and a group of deputies held talks" stays coordinated)
    # 2. scan left to the clause edge, skipping parentheticals and prepositional objects
    i = trig - 1
    while i >= 0 and trig - i <= 16:  # a subject further away than this is a guess, not a reading
        p = scope.in_paren(i)
        if p and not (p[0] <= trig < p[1]):
            i = p[0] - 1
            continue
        if is_boundary(scope, i):
            w = scope.low(i)
            if w in L.RELATIVES or w == "that":
                ante = scope.mention_ending_at(i - 1 if scope.low(i - 1) == "," else i)
                if ante is not None:
                    return ante
                return None
            if (w == "but" or w in ("and", "or")) and depth < 3:
                return clause_subject(scope, i - (1 if scope.low(i - 1) == "," else 0), depth + 1)
            return None
        m = scope.mention_at(i)
        if m is not None:
            if not m.modifier and scope.prep_before(m) is None and not m.possessive:
                return m
            i = m.tok_start - 1
            continue
        i -= 1
    return None


def clause_subject(scope: Scope, end: int, depth: int = 0) -> Mention | None:
    """Subject shared by coordinated verbs ('X pressed ... and voiced ...'): the first actor mention of the
    clause that ends at token `end`, outside prepositional phrases."""
    i = end - 1
    while i > 0:
        p = scope.in_paren(i - 1)
        if p:
            i = p[0]
            continue
        if is_boundary(scope, i - 1) or scope.low(i - 1) in REPORTING:
            break  # "Pakistan's military said [Indian aircraft had crossed ... but dropped]"
        i -= 1
    for m in scope.mentions:
        if i <= m.tok_start < end and not scope.in_paren(m.tok_start) and not m.modifier \
                and scope.prep_before(m) is None and not m.possessive:
            if any((scope.low(k).endswith("ed") and len(scope.low(k)) > 4) or scope.low(k) in REPORTING
                   for k in range(i, m.tok_start)):
                return None  # "a bombing killed one U.S. soldier and wounded two others": that is the object
            return m
    if i > 0 and depth < 3 and scope.low(i - 1) in ("and", "but", "or"):
        return clause_subject(scope, i - 1 - (1 if scope.low(i - 2) == "," else 0), depth + 1)
    return None


def objects(scope: Scope, start: int, limit: int = 14, cross_that: bool = False) -> list[tuple[Mention, str | None]]:
    """Mentions after token `start` within the clause, each with its governing preposition; a that-clause
    ends the search unless the caller reads into it (demands made 'that X do Y')."""
    out: list[tuple[Mention, str | None]] = []
    i = start
    n = len(scope.sent.tokens)
    while i < n and i < start + limit:
        p = scope.in_paren(i)
        if p and p[0] >= start:
            i = p[1]
            continue
        w = scope.low(i)
        if w in ("and", "or") and scope.low(i - 1) == ",":
            nxt = scope.sent.tokens[i + 1] if i + 1 < n else None
            # ", and the OSCE will ..." opens a clause; ", mortar, and rocket fire against ..." goes on a list
            if nxt is None or nxt.lower in L.DETERMINERS or nxt.lower in PRONOUN_WORDS or nxt.text[:1].isupper() \
                    or scope.mention_at(i + 1) is not None:
                break
        if w == "that" and not cross_that and i > start and scope.mention_at(i + 1) is not None or (
                w == "that" and not cross_that and i > start and scope.low(i + 1) in PRONOUN_WORDS):
            break  # "warned that he would veto any attempt to block it": what was said, not whom
        if w in HARD_STOPS or w == "but" or w in L.RELATIVES \
                or w in ("while", "whereas", "because", "although", "though", "unless", "if"):
            break
        if w == "," and (out or any(scope.low(k) in REPORTING for k in range(i + 1, min(i + 8, n)))):
            break  # a clause ends; ", Thai military sources said" is an attribution, not an object
        m = next((m for m in scope.mentions if m.tok_start == i), None)
        if m is not None:
            prep = scope.prep_before(m)
            if prep is None and out and scope.low(m.tok_start - 1) in ("'s", "'") and m.tok_start == out[-1][0].tok_end + 1:
                prep = out[-1][1]  # "against the party's leader": the possessor's preposition governs the head
            out.append((m, prep))
            i = m.tok_end
            continue
        i += 1
    return out


def is_passive(scope: Scope, trig: int) -> bool:
    """'was attacked', 'were barred': a past participle after a form of 'be'."""
    w = scope.low(trig)
    if not (w.endswith("ed") or w.endswith("en") or w in ("held", "hit", "shot", "struck", "met", "told", "sent", "led")):
        return False
    j = trig - 1
    while j >= 0 and (scope.low(j) in ADVERBS or scope.low(j) in L.NEGATIONS):
        j -= 1
    return scope.low(j) in ("be", "is", "are", "was", "were", "been", "being", "get", "gets", "got", "gotten", "getting",
                            "felt", "feel", "feels", "became", "become", "becomes", "seemed", "seem", "seems")


def negated(scope: Scope, trig: int) -> bool:
    """A negation among the three tokens before the trigger ("did not agree", "not ready")."""
    for j in range(max(0, trig - 3), trig):
        w = scope.low(j)
        if w in ("not", "n't", "never", "no") or w.endswith("n't") or w == "cannot":
            return True
        if w in ("failed", "fail", "fails", "failing", "unable", "refused", "declined", "yet") and scope.low(j + 1) == "to":
            return True  # "failed to reach agreement", "have yet to endorse": not done
    return False


# "the authority to negotiate", "a bid to oust him": an act named as a possibility, not reported as done
UNREALISED_NOUNS = frozenset("""authority power right ability bill legislation effort efforts attempt attempts bid
    bids chance opportunity need way push pressure calls plan plans proposal proposals motion mandate""".split())


def modality(scope: Scope, trig: int) -> str:
    """'planned' (will meet, is expected to), 'hypothetical' (could, would, if), else 'occurred'; the
    cue may stand anywhere earlier in the clause ("are scheduled to travel to China for a summit")."""
    start = trig
    while start > 0 and trig - start < 20 and not is_boundary(scope, start - 1) and scope.low(start - 1) != ",":
        start -= 1
    window = [scope.low(j) for j in range(start, trig)]
    text = " ".join(window)
    # a condition stated after the act ("threatened to cut ties unless ...") is how threats, demands and
    # promises are made; only an act inside an if-clause, a whether-clause or a question is hypothetical
    first = next((t.lower for t in scope.sent.tokens if t.text.isalpha()), "")
    conditional = first in ("if", "suppose", "imagine") or "if" in window or "whether" in window or any(
        scope.low(k) in ("any", "possible", "potential", "proposed", "would-be") for k in range(max(0, trig - 3), trig)) \
        or any(p in text for p in ("seen as", "viewed as", "perceived as")) \
        or (scope.low(trig - 1) == "to" and scope.low(trig - 2) in UNREALISED_NOUNS) \
        or (scope.low(trig - 1) == "to" and any(scope.low(k) == "for" and scope.mention_at(k + 1) is not None
                                                for k in range(max(0, trig - 8), trig - 2)))
    # ("this is for Congress to negotiate", "called for Trump to exit": what someone should do, not done)
    question = scope.sent.text.rstrip().rstrip("\u201d\"'").endswith("?")
    if conditional or question:
        return "hypothetical"
    if any(w in L.MODALS_FUTURE for w in window) or any(
        p in text for p in ("expected to", "scheduled to", "due to", "set to", "plans to", "plan to", "planning to",
                            "going to", "is to", "are to", "intends to", "hopes to", "agreed to", "is due", "are due",
                            "will be", "planned")):
        return "planned"
    if "would" in window and any(scope.low(k) in REPORTING for k in range(0, trig)):
        return "planned"  # "said they would boycott": the future of reported speech
    if any(w in L.MODALS_HYPOTHETICAL or w in ("cannot", "can't", "couldn't") for w in window):
        return "hypothetical"
    return "occurred"
