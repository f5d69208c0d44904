"""Actor mentions: dictionary hits assembled into people, groups and organisations, then anaphora resolved.

Rules, each named in `Mention.rule`:
  person.role        [modifier] ROLE Name          "Deputy Foreign Minister Aleksandr Grushko"
  person.dictionary  a listed person's full name   "Vladimir Putin"
  person.honorific   Mr./Ms. Surname               "Mr. Stoltenberg" -> the Stoltenberg already met
  person.surname     a surname already met         "Stoltenberg said"
  group.agent        MOD (and MOD)* AGENT          "U.S. and Russian diplomats"
  group.forum        ACTOR-ACTOR Council/talks     "the NATO-Russia Council"
  group.members      IGO('s) members               "NATO's 30 member-countries"
  group.leader       PERSON administration         "the Biden administration"
  igo.acronym-gloss  Long Name (ACRONYM)           "Organization for ... (OSCE)"
  anaphor.*          the alliance / the NATO leader / the two sides / he, it, they
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from eventwire.actors.build import igo_actor, lex_actor, person_actor, with_sector
from eventwire.actors.context import (
    PARTY_NOUNS,
    fill_agent_countries,
    fill_person_affiliations,
    resolve_pronoun,
)
from eventwire.actors.lexicon_match import Hit, dictionary_hits
from eventwire.actors.orgs import ORG_HEADS, org_name
from eventwire.model import Actor, Mention, Sentence, Token
from eventwire.nlp import lexicon as L
from eventwire.resources.loader import Lex, Resources

ACTOR_MOD = ("adjective", "country", "igo", "capital", "seat", "person", "description", "demonym", "group", "ethnic",
             "ethnic_adj")
COMPASS = frozenset({"central", "northern", "southern", "eastern", "western", "northeastern", "northwestern",
                     "southeastern", "southwestern", "downtown", "north", "south", "east", "west"})
# "the Albanian minority", "the Serb population": a community, living where the text places it
COMMUNITY_NOUNS = frozenset({"minority", "minorities", "population", "populations", "community", "communities",
                             "diaspora", "exiles", "groups"})
FORUM_NOUNS = frozenset(["council", "commission", "summit", "forum", "dialogue", "committee", "group", "partnership"])
EVENT_FORUM_NOUNS = frozenset(["talks", "summit", "summits", "meeting", "meetings", "dialogue", "negotiations", "relations", "ties", "deal", "accord", "agreement", "pact", "war", "conflict", "border"])
MEMBER_NOUNS = frozenset(["member", "members", "member-countries", "member-states", "allies"])
LEADER_NOUNS = frozenset(["leader", "chief", "head", "boss"])
SPEAKER_CUES = frozenset(
    "said says say told tells added adds asked asks wrote writes tweeted argued argues noted notes explained "
    "insisted insists warned warns according acknowledged replied responded countered continued".split()
)
NOT_SPEAKERS = frozenset(
    "this that these those there here what who which nobody everyone everybody someone somebody both all many "
    "some others one sources officials critics supporters experts analysts observers police witnesses people "
    "he she it they we i you his her its their our my".split()
)
GEO_NOUNS = frozenset("river delta basin valley state province county mountains lake".split())
US_CONTEXT = re.compile(r"\b(?:Gov\.|Sen\.|Rep\.|Atlanta|Ga\.|Republicans?|Democrats?|state legislature|governor's race|U\.S\. Senate|county|counties)\b")
OPENERS = frozenset({"the", "both", *L.PRONOUNS_PERSON, *L.PRONOUNS_THING, *L.PRONOUNS_PLURAL, *L.PRONOUNS_FIRST})
MAJOR_POWERS = frozenset("USA CHN RUS GBR FRA DEU JPN IND ITA CAN BRA TUR SAU IRN ISR UKR PRK KOR".split())
TOP_TITLES = frozenset({"President", "Prime Minister", "Chancellor", "Supreme Leader", "King", "Premier", "General Secretary"})
ENVOY_WORDS = frozenset("ambassador ambassadors envoy envoys representative delegate permanent".split())
NOT_NAME_CATEGORIES = ("role", "agent", "igo", "country", "capital", "adjective", "demonym", "group", "description", "seat")
NOT_NAMES = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday the a an and or but in on at of for to said says "
    # words that open sentences capitalised: "Then Xi said", "When Heitkamp spoke"
    "then when while if as after before since because although though so yet now here there also still".split()
)
EXPLETIVE_ADJ = frozenset(
    ["clear", "time", "true", "important", "unclear", "likely", "unlikely", "possible", "impossible", "necessary", "difficult", "hard", "easy", "known", "obvious", "essential", "vital", "crucial", "said", "reported", "expected", "believed", "understood", "feared"]
)
GOV_NOUNS = frozenset(["administration", "government", "regime", "cabinet"])
NAME_PARTICLES = frozenset(["bin", "al", "el", "de", "da", "van", "von", "der", "di", "le", "la", "ibn", "abu"])
_INITIAL = re.compile(r"^[A-Z]\.$")


def _capitalised(text: str) -> bool:
    """A name-like token: capitalised letters (hyphens, apostrophes and periods allowed), or an initial."""
    if not text[:1].isupper():
        return False
    if text.isalpha():
        return True
    return text.replace("-", "").replace("'", "").replace("\u2019", "").replace(".", "").isalpha() \
        or bool(_INITIAL.match(text))


@dataclass
class ArticleActors:
    """Article-level state for resolution: people met so far and all mentions in order."""

    res: Resources
    day: dt.date | None
    quotes: list[tuple[int, int]]
    people: dict[str, Actor] = field(default_factory=dict)  # lower surname / full name -> actor
    mentions: list[Mention] = field(default_factory=list)
    us_context: bool = False  # the article is about US states ("Georgia" is then the state)
    full_names: dict[str, list[str]] = field(default_factory=dict)  # name word -> full names met, in order
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)  # finished sentences' mentions


_LEADERS: dict[str, frozenset[str]] = {}


def _leader_titles(res: Resources) -> frozenset[str]:
    """Titles of leading roles ("president", "secretary-general"), once per set of resources."""
    got = _LEADERS.get(res.fingerprint)
    if got is None:
        got = _LEADERS[res.fingerprint] = frozenset(r.title.lower() for r in res.roles.values() if r.leader)
    return got


def _in_quote(ctx: ArticleActors, start: int, end: int) -> bool:
    for s, e in ctx.quotes:  # noqa: SIM110 - a plain loop: called for every mention, cheaper than any()
        if s <= start and end <= e:
            return True
    return False


# ---------------------------------------------------------------------------- actor constructors
class Chunker:
    def __init__(self, ctx: ArticleActors, sent: Sentence) -> None:
        self.ctx = ctx
        self.res = ctx.res
        self.sent = sent
        self.toks: list[Token] = sent.tokens
        self.hits = dictionary_hits(ctx.res, sent)
        self.hit_at: dict[int, Hit] = {h.ts: h for h in self.hits}
        self.covered: dict[int, Hit] = {i: h for h in self.hits for i in range(h.ts, h.te)}
        self.out: list[Mention] = []
        self.lows = sent.lows()
        self.n = len(self.toks)
        self.caps = [t.text[:1].isupper() and _capitalised(t.text) for t in self.toks]  # (most are lower-case)

    # -- token helpers
    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < self.n else ""

    def is_cap(self, i: int) -> bool:
        return 0 <= i < self.n and self.caps[i]

    def affiliation_only(self, h: Hit) -> bool:
        """'pro-Moscow', 'Kremlin-backed': the name tells an affiliation, not an actor."""
        before = self.low(h.ts - 1) == "-" and self.low(h.ts - 2) in L.AFFILIATION_PREFIXES
        after = self.low(h.te) == "-" and self.low(h.te + 1) in L.AFFILIATION_SUFFIXES
        return before or after

    def name_run(self, i: int) -> int:
        """End of a run of capitalised name tokens starting at i (1-4 words), or i when none."""
        j = i
        while j < len(self.toks) and j - i < 5:
            known = j in self.covered and self.covered[j].first(*NOT_NAME_CATEGORIES)
            name_word = self.is_cap(j) and not known and self.low(j) not in NOT_NAMES
            particle = j > i and self.low(j) in NAME_PARTICLES and self.is_cap(j + 1)  # "Osama bin Laden"
            # a double-barrelled surname written without spaces: "Melissa Mark-Viverito", "Holtz-Eakin"
            glued = j > i and self.low(j) == "-" and self.toks[j - 1].end == self.toks[j].start \
                and j + 1 < len(self.toks) and self.toks[j].end == self.toks[j + 1].start and self.is_cap(j + 1) \
                and (j + 1) not in self.covered and self.is_cap(j - 1) and (j - 1) not in self.covered
            if not (name_word or particle or glued):
                break
            j += 1
        return j

    def emit(self, ts: int, te: int, actors: list[Actor], rule: str, head: str | None = None, **kw: object) -> Mention:
        s, e = self.toks[ts].start, self.toks[te - 1].end
        m = Mention(self.sent.index, s, e, ts, te, self.ctx_text(s, e), actors, rule,
                    head=head or self.toks[te - 1].lower, in_quote=_in_quote(self.ctx, s, e), **kw)  # type: ignore[arg-type]
        placelike = rule in ("country.name", "country.capital", "country.seat", "country.demonym")
        if placelike and ts > 0 and self.low(ts - 1) in L.LOCATIVE or placelike and ts > 1 and self.low(ts - 1) in L.DETERMINERS and self.low(ts - 2) in L.LOCATIVE:
            m.locative = True
        self.out.append(m)
        return m

    def join(self, ts: int, te: int) -> str:
        """Tokens [ts, te) as written, spaced only where the text has a space ("Mark-Viverito")."""
        out = self.toks[ts].text if ts < te else ""
        for k in range(ts + 1, te):
            out += ("" if self.toks[k - 1].end == self.toks[k].start else " ") + self.toks[k].text
        return out

    def ctx_text(self, s: int, e: int) -> str:
        base = self.sent.start
        return self.sent.text[s - base : e - base]

    # -- people
    def register(self, a: Actor) -> None:
        if a.kind != "person":
            return
        words = a.name.split()
        if not words:
            return
        full = a.name.lower()
        self.ctx.people[full] = a
        self.ctx.people[words[-1].lower()] = a
        if len(words) > 1:
            for w in full.split():
                keys = self.ctx.full_names.setdefault(w, [])
                if full not in keys:
                    keys.append(full)

    def known_person(self, ts: int, te: int) -> Actor | None:
        """A name already met in the article, or a listed person (full name or unambiguous surname)."""
        name = self.join(ts, te)
        words = [w for w in name.split() if not _INITIAL.match(w)]
        if not words:
            return None
        full = name.lower()
        last = words[-1].lower()
        if full in self.ctx.people:
            return self.ctx.people[full]
        h = self.hit_at.get(ts)
        if h and h.te == te and (lx := h.first("person")):
            return person_actor(self.res, lx.ref, self.ctx.day)
        if last in self.ctx.people:
            known = self.ctx.people[last]
            if len(words) == 1 or known.name.lower().startswith(words[0].lower()):
                return known
        if len(words) == 1:
            # family name first ("Wang Yi" is Mr. Wang), or a listed person met under a fuller name
            for key in reversed(self.ctx.full_names.get(last, ())):
                return self.ctx.people[key]
        ids = self.res.surnames.get(last, [])
        if len(words) == 1 and ids:
            active = [pid for pid in ids if any(r.active(self.ctx.day) for r in self.res.people[pid].roles)]
            if len(active) == 1 and self.plausible(active[0]):
                return person_actor(self.res, active[0], self.ctx.day)
            if self.ctx.day is None and not active:
                # undated text: the namesakes may all have served one country ("President Bush")
                keys = {(r.country, r.igo) for pid in ids for r in self.res.people[pid].roles}
                if len(keys) == 1:
                    latest = max(ids, key=lambda pid: max(r.valid_from for r in self.res.people[pid].roles))
                    return person_actor(self.res, latest, None)
        return None

    def plausible(self, pid: str) -> bool:
        """A bare surname ("Harris said") is a listed office-holder only when the article is about their country
        or organisation, or they lead a major power (a Putin needs no introduction; a Harris does)."""
        roles = [r for r in self.res.people[pid].roles if r.active(self.ctx.day)]
        seen = {a.key for m in self.ctx.mentions + self.out for a in m.actors if a.key}
        if any((r.country or r.igo) in seen for r in roles):
            return True
        return any(r.country in MAJOR_POWERS and r.title in TOP_TITLES for r in roles)

    def person_from_role(self, role: Lex, ts: int, te: int, affil: Actor | None) -> Actor:
        known = self.known_person(ts, te)
        if known is not None and (affil is None or known.key == affil.key):
            return known
        if affil is not None and affil.igo and role.ref.lower().split()[0] in ENVOY_WORDS:
            # "United Nations Ambassador Nikki Haley" speaks for her country at the UN, not for the UN
            if known is not None:
                return known
            return Actor(self.join(ts, te), "person", sector="GOV", role=role.ref,
                         entry="rule:person.envoy-to-igo")
        if known is not None and affil is not None and known.entry and known.entry.startswith("person:"):
            # the text names the post: prefer the listed role that matches it ("NATO Secretary-General")
            p = self.res.people[known.entry.split(":", 1)[1]]
            for r in p.roles:
                if r.igo == affil.key or r.country == affil.key:
                    return Actor(p.name, "person", country=r.country, igo=r.igo,
                                 sector="IGO" if r.igo else r.sector, role=r.title, entry=known.entry)
            return Actor(p.name, "person", country=affil.country, igo=affil.igo,
                         sector="IGO" if affil.igo else role.sector, role=role.ref, entry=known.entry)
        name = self.join(ts, te)
        country = affil.country if affil else None
        igo = affil.igo if affil else None
        return Actor(name, "person", country=country, igo=igo, sector="IGO" if igo else role.sector,
                     role=role.ref, entry="rule:person.role")

    # -- modifiers: MOD ((,|and) MOD)*
    def modifiers(self, i: int) -> tuple[list[tuple[Hit, Actor]], int]:
        mods: list[tuple[Hit, Actor]] = []
        j = i
        while True:
            h = self.hit_at.get(j)
            lx = h.first(*ACTOR_MOD) if h else None
            if h is None or lx is None or self.affiliation_only(h):
                break
            a = self.resolve_seat(lx, lex_actor(self.res, lx, self.ctx.day))
            if a is None:
                break
            if lx.category == "ethnic_adj" and not (h.te < len(self.toks) and self.toks[h.te].text.isalpha()
                                                    and self.toks[h.te].text.islower()):
                break  # "Kurdish fighters", not "Karen Bass" or "the rebels are Kurdish"
            if lx.category in ("ethnic", "ethnic_adj"):
                pass
            elif self.low(h.ts - 1) == "ethnic" or (self.low(h.ts - 1) in L.DETERMINERS and self.low(h.ts - 2) == "ethnic"):
                a = Actor(a.name, "group", entry=f"ethnic:{a.country}")  # "ethnic Albanians": not Albania
            mods.append((h, a))
            j = h.te
            if self.low(j) == "-" and self.low(j + 1) == "led":
                j += 2  # "Saudi-led coalition", "Vietnamese-led forces": led by that country
            if self.low(j) in ("'s", "'"):
                j += 1
            if self.low(j) in ("and", ",", "-", "/") and self.hit_at.get(j + 1) and self.hit_at[j + 1].first(*ACTOR_MOD) \
                    and not (self.low(j) == "," and self.low(h.ts - 1) in L.LOCATIVE | COMPASS):
                j += 1  # (but "in central Baghdad, Iraqi police said": a place, then a new phrase)
                continue
            break
        return mods, j

    def skip_adjectives(self, j: int, limit: int = 2) -> int:
        """Skip adjectives and numbers between modifiers and a head noun ("NATO's 30 member-countries")."""
        k = j
        while k - j < limit and k < len(self.toks):
            t = self.toks[k]
            if t.text.isdigit():
                k += 1
                continue
            if k in self.covered or not t.text.isalpha() or not t.text.islower():
                break
            if t.lower in L.PREPOSITIONS or t.lower in L.AUX or t.lower in L.CONJUNCTIONS or t.lower in L.DETERMINERS \
                    or t.lower in L.SUBORDINATORS or t.lower in L.NEGATIONS:
                break  # "Montenegro where 28 people ...": a clause, not an adjective
            if t.lower in PARTY_NOUNS or t.lower in MEMBER_NOUNS or t.lower in LEADER_NOUNS or t.lower in GOV_NOUNS:
                break
            if (t.lower.endswith("ed") and len(t.lower) > 4) or any(k_ == "verb" for _, k_ in self.res.triggers.get(t.lower, ())):
                break  # "Germany sent military aid": a verb, not an adjective
            k += 1
        return k

    def try_group(self, i: int) -> int:
        mods, j = self.modifiers(i)
        if not mods:
            return i
        # the NATO-Russia Council / U.S.-China talks
        if len(mods) >= 2 and all(self.low(h.te) in ("-", "/") for h, _ in mods[:-1]):
            noun = self.low(j)
            if noun in FORUM_NOUNS and self.toks[j].text[:1].isupper():
                self.emit(i, j + 1, [a for _, a in mods], "group.forum", head=noun, plural=True)
                return j + 1
            if noun in EVENT_FORUM_NOUNS:
                self.emit(i, j, [a for _, a in mods], "group.forum", head=noun, plural=True, modifier=True)
                return j
        nxt = self.hit_at.get(j)
        kin = nxt.first("demonym", "ethnic") if nxt and len(mods) == 1 else None
        m0h, m0 = mods[0]
        if kin is not None and m0.kind == "country" and m0h.lexes[0].category in ("adjective", "country") \
                and kin.ref != m0.country and nxt.ts == m0h.te:  # type: ignore[union-attr]
            # "Bosnian Serbs", "Iraqi Kurds", "American Jews": a community of the first-named country
            name = " ".join(t.text for t in self.toks[i : nxt.te])  # type: ignore[union-attr]
            a = Actor(name, "group", country=m0.country, sector="CVL", entry=f"ethnic:{kin.ref}")
            self.emit(i, nxt.te, [a], "group.ethnic", head=self.low(nxt.te - 1), plural=True)  # type: ignore[union-attr]
            return nxt.te  # type: ignore[union-attr]
        k = self.skip_adjectives(j)
        if self.low(j) in COMMUNITY_NOUNS and len(mods) == 1 and mods[0][1].kind in ("country", "group") and not mods[0][1].igo:
            # "the Hungarian minority", "Kurdish groups": a community, living where the text places it
            a = mods[0][1]
            ethnic = (a.entry or "").startswith("ethnic:")
            a = Actor(a.name, "group", country=a.country if ethnic else None, sector="CVL",
                      entry=a.entry if ethnic else f"ethnic:{a.country}")
            self.emit(i, j + 1, [a], "group.ethnic", head=self.low(j), plural=self.low(j).endswith("s"))
            return j + 1
        # MOD* ROLE Name: "Russian President Vladimir Putin", "NATO Secretary-General Jens Stoltenberg"
        for kk in (j, k):
            h = self.hit_at.get(kk)
            role = h.first("role") if h else None
            if role and len(mods) == 1:
                ne = self.name_run(h.te)  # type: ignore[union-attr]
                ph = self.hit_at.get(h.te)  # type: ignore[union-attr]
                if ph and ph.first("person"):
                    ne = max(ne, ph.te)
                if ne > h.te:  # type: ignore[union-attr]
                    a = self.person_from_role(role, h.te, ne, mods[0][1])  # type: ignore[union-attr]
                    self.register(a)
                    self.emit(i, ne, [a], "person.role", head=self.low(ne - 1))
                    return ne
                if self.low(h.te) == ",":  # type: ignore[union-attr]
                    ne = self.name_run(h.te + 1)  # type: ignore[union-attr]
                    ph = self.hit_at.get(h.te + 1)  # type: ignore[union-attr]
                    if ph and ph.first("person"):
                        ne = max(ne, ph.te)
                    if ne > h.te + 1 and self.low(ne) in (",", ".", "said", "says", "and", "has", "have", "was", "is", "will") \
                            or (ph and ph.first("person")):  # type: ignore[union-attr]
                        a = self.person_from_role(role, h.te + 1, ne, mods[0][1])  # type: ignore[union-attr]
                        self.register(a)
                        self.emit(i, ne, [a], "person.role-apposition", head=self.low(ne - 1))
                        return ne
                if self.low(h.te) in L.PREPOSITIONS or not self.is_cap(h.te):  # type: ignore[union-attr]
                    # "the NATO leader" style descriptor without a name
                    a = self.role_anaphor(role.ref, mods[0][1])
                    if a:
                        self.emit(i, h.te, [a], "anaphor.role", head=role.ref.lower())  # type: ignore[union-attr]
                        return h.te  # type: ignore[union-attr]
                    form = " ".join(t.text for t in self.toks[h.ts : h.te]).lower()  # type: ignore[union-attr]
                    if form in LEADER_NOUNS or self.res.roles.get(form) is not None and self.res.roles[form].leader:
                        a = self.role_anaphor(None, mods[0][1])  # "the NATO leader", "the OSCE chief"
                        if a:
                            self.emit(i, h.te, [a], "anaphor.leader", head=form)  # type: ignore[union-attr]
                            return h.te  # type: ignore[union-attr]
                    # "Taiwan's Vice Foreign Minister", "the Russian ambassador": an official known by post alone
                    m0 = mods[0][1]
                    official = Actor(f"{m0.name} {role.ref}", "person", country=m0.country, igo=m0.igo,
                                     sector="IGO" if m0.igo else role.sector, role=role.ref, entry="rule:role.unnamed")
                    self.emit(i, h.te, [official], "person.unnamed-role", head=role.ref.lower())  # type: ignore[union-attr]
                    return h.te  # type: ignore[union-attr]
        if self.low(j) in LEADER_NOUNS and len(mods) == 1:
            a = self.role_anaphor(None, mods[0][1])
            if a:
                self.emit(i, j + 1, [a], "anaphor.leader", head=self.low(j))
                return j + 1
        # MOD* AGENT: "U.S. and Russian diplomats", "Ukrainian separatists"
        for kk in (j, k):
            h = self.hit_at.get(kk)
            agent = h.first("agent") if h else None
            if agent:
                actors = [self.agent_actor(a, agent.sector) for _, a in mods]
                plural = self.toks[h.te - 1].lower.endswith("s") or len(actors) > 1  # type: ignore[union-attr]
                self.emit(i, h.te, actors, "group.agent", head=self.low(h.te - 1), plural=plural)  # type: ignore[union-attr]
                return h.te  # type: ignore[union-attr]
        head = self.low(k)
        if head in LEADER_NOUNS and len(mods) == 1:
            a = self.role_anaphor(None, mods[0][1])
            if a:
                self.emit(i, k + 1, [a], "anaphor.leader", head=head)
                return k + 1
        if head in PARTY_NOUNS or head in MEMBER_NOUNS:
            end = k + 3 if head == "member" and self.low(k + 1) == "-" else k + 1  # "member-countries"
            self.emit(i, end, [a for _, a in mods], "group.members" if head not in PARTY_NOUNS else "group.side",
                      head=self.low(end - 1), plural=self.low(end - 1).endswith("s"))
            return end
        if head in ("administration", "government", "regime", "cabinet") and len(mods) == 1 and mods[0][1].kind == "person":
            self.emit(i, k + 1, [with_sector(mods[0][1], "GOV")], "group.leader", head=head)
            return k + 1
        # the IGO long name glossed by an acronym is handled in try_gloss; lone modifiers become mentions
        for h, a in mods:
            self.single(h, a)
        return j

    def agent_actor(self, mod: Actor, sector: str | None) -> Actor:
        return with_sector(mod, sector)

    def resolve_seat(self, lx: Lex, a: Actor | None) -> Actor | None:
        """A host city used as an actor means the organisation seated there when the article names it:
        'a Brussels demand' in a story about the EU is the EU's."""
        if a is None or lx.category != "capital":
            return a
        name = " ".join(lx.tokens)
        seated = self.res.igo_seats.get(name, frozenset())
        if not seated:
            return a
        counts: dict[str, int] = {}
        for m in self.ctx.mentions + self.out:
            for x in m.actors:
                if x.igo in seated and x.kind != "person" or x.kind == "person" and x.igo in seated:
                    counts[x.igo] = counts.get(x.igo, 0) + 1
        if not counts:
            return a
        best = max(sorted(counts), key=lambda c: counts[c])
        g = igo_actor(self.res, best)
        return Actor(g.name, g.kind, igo=g.igo, sector=g.sector, entry=f"seat:{best}")

    def ambiguous_name(self, h: Hit, lx: Lex) -> bool | Actor:
        """Georgia, Jordan, Chad, Niger, Turkey: False when the name is not the country here (a person's
        name, a river), the US state's actor when the article is about US states, else True."""
        nxt, prev = self.low(h.te), self.low(h.ts - 1)
        if nxt in GEO_NOUNS or (self.is_cap(h.te) and h.te not in self.covered and nxt not in NOT_NAMES):
            return False  # "Niger River", "Chad Wolf"
        if h.ts > 0 and self.is_cap(h.ts - 1) and (h.ts - 1) not in self.covered and prev not in NOT_NAMES \
                and not self.toks[h.ts - 1].text.endswith("."):
            return False  # "Michael Jordan"
        if lx.ref == "GEO" and (self.ctx.us_context or nxt == "state" or prev in ("atlanta", "savannah")):
            return Actor("Georgia (US state)", "group", country="USA", entry="us-state:GA")
        return True

    def single(self, h: Hit, a: Actor) -> None:
        if a.kind == "person":
            self.register(a)
        lx = h.lexes[0]
        if lx.category == "country" and h.ts > 0 and self.is_cap(h.ts - 1) and (h.ts - 1) not in self.covered:
            longer = " ".join(t.text for t in self.toks[h.ts - 1 : h.te])
            if any(e.kind != "country" for e in self.res.gazetteer.get(longer, ())):
                return  # "New Mexico": a place of its own, not Mexico
        if lx.category == "country" and lx.ref in self.res.countries and self.res.countries[lx.ref].ambiguous:
            verdict = self.ambiguous_name(h, lx)
            if verdict is False:
                return
            if isinstance(verdict, Actor):
                a = verdict
        nxt = self.toks[h.te] if h.te < len(self.toks) else None
        poss = nxt is not None and nxt.lower in ("'s", "'")
        after = h.te + (1 if poss else 0)
        nxt_word = self.toks[after] if after < len(self.toks) else None
        noun_next = nxt_word is not None and nxt_word.text.isalpha() and nxt_word.text.islower() and (
            any(k == "noun" for _, k in self.res.triggers.get(nxt_word.lower, ()))
            or (nxt_word.lower.endswith("ing") and self.low(after + 1) not in L.PREPOSITIONS | L.DETERMINERS))
        # ("the Moscow meeting", "the NATO bombing", but "the Red Cross operating in Iraq said": a participle)
        modifier = lx.category in ("adjective", "ethnic_adj") or (
            not poss and self.low(h.ts - 1) in L.DETERMINERS and noun_next and nxt_word.lower not in L.AUX) or (
            not poss and self.low(h.ts - 1) in ("a", "an") and nxt_word is not None and nxt_word.text.isalpha()
            and nxt_word.text.islower() and nxt_word.lower not in L.AUX)
        if lx.category == "capital" and self.low(h.ts - 1) in ("capital", "city", "town", "of"):
            return  # "the regional capital Juba", "the city of Kyiv": a place
        b = h.ts - 1
        while self.low(b) in COMPASS:
            b -= 1  # "in central Baghdad", "in northern Kabul"
        if lx.category in ("capital", "seat") and self.low(b) in L.LOCATIVE | {"the"} and (
            self.low(b) in L.LOCATIVE or self.low(b - 1) in L.LOCATIVE
        ):
            return  # "in Kyiv", "at the White House": a place, not an actor
        cat = lx.category
        rule = {"country": "country.name", "adjective": "country.adjective", "demonym": "country.demonym",
                "ethnic": "group.ethnic", "ethnic_adj": "group.ethnic",
                "capital": "country.capital", "seat": "country.seat", "igo": "igo.name",
                "description": "igo.description", "person": "person.dictionary", "group": "group.named"}[cat]
        self.emit(h.ts, h.te, [a], rule, possessive=poss, modifier=modifier,
                  plural=cat in ("demonym", "ethnic"))

    # -- anaphors
    def role_anaphor(self, title: str | None, affil: Actor | None) -> Actor | None:
        """'the NATO leader', 'the minister': the latest person met with that affiliation/title, else the
        listed holder of a leading role on the article's date."""
        key = affil.key if affil else None
        leader_titles = _leader_titles(self.res)
        people = [a for m in reversed(self.ctx.mentions + self.out) for a in m.actors
                  if a.kind == "person" and (not key or a.key == key)]
        if title:
            people = [a for a in people if not a.role or title.lower() in a.role.lower()]
        else:  # "the NATO leader": someone who leads, before anyone else of that organisation
            people = sorted(people, key=lambda a: (a.role or "").lower() not in leader_titles)
        if people:
            return people[0]
        if key:
            leaders = leader_titles
            for pid, r in self.res.role_holders(key, self.ctx.day):
                if (title and r.title.lower() == title.lower()) or (not title and r.title.lower() in leaders):
                    return person_actor(self.res, pid, self.ctx.day)
        return None

    def try_anaphor(self, i: int) -> int:
        w = self.low(i)
        if w in ("the", "both") and i + 1 < len(self.toks):
            n1, n2 = self.low(i + 1), self.low(i + 2)
            if (n1 == "two" and n2 in ("sides", "countries", "nations", "leaders", "governments")) or (w == "both" and n1 == "sides"):
                end = i + 3 if n1 == "two" else i + 2
                pair = self.latest_pair()
                if pair:
                    self.emit(i, end, pair, "anaphor.pair", head=self.low(end - 1), plural=True)
                    return end
            if w == "the" and n1 in ("alliance", "bloc", "organization", "organisation", "union"):
                a = self.latest_igo(n1)
                if a:
                    poss = n2 in ("'s", "'")
                    self.emit(i, i + 2, [a], f"anaphor.{n1}", head=n1, possessive=poss)
                    return i + 2
            h = self.hit_at.get(i + 1)
            role = h.first("role") if h else None
            if w == "the" and role and not self.is_cap(h.te):  # type: ignore[union-attr]
                a = self.role_anaphor(role.ref, None)
                if a:
                    self.emit(i, h.te, [a], "anaphor.role", head=role.ref.lower())  # type: ignore[union-attr]
                    return h.te  # type: ignore[union-attr]
        return i

    def latest_pair(self) -> list[Actor] | None:
        for m in reversed(self.ctx.mentions + self.out):
            keys = {a.key for a in m.actors if a.key}
            if len(keys) >= 2:
                return [a for a in m.actors if a.key]
        return None

    def latest_igo(self, noun: str) -> Actor | None:
        for m in reversed(self.ctx.mentions + self.out):
            for a in m.actors:
                if a.igo and a.kind != "person":
                    kind = self.res.igos[a.igo].kind
                    if noun == "alliance" and kind != "alliance":
                        continue
                    if noun in ("bloc", "union") and kind not in ("union", "economic", "regional"):
                        continue
                    return a
        return None

    # -- IGO long name glossed by an acronym: "Organization for ... (OSCE)"
    def try_gloss(self, i: int) -> int:
        if not self.is_cap(i):
            return i
        j = i
        while j < len(self.toks) and (self.is_cap(j) or self.low(j) in ("for", "of", "and", "the", "on", "in", "-", "&")):
            j += 1
        if j < len(self.toks) - 2 and self.low(j) == "(" and self.low(j + 2) == ")":
            h = self.hit_at.get(j + 1)
            lx = h.first("igo") if h else None
            if lx and j - i >= 2:
                self.emit(i, j + 3, [igo_actor(self.res, lx.ref)], "igo.acronym-gloss", head=self.toks[j + 1].lower)
                return j + 3
        return i

    def try_org(self, i: int) -> int:
        found = org_name(self, i)
        if found is None:
            return i
        end, a = found
        self.emit(i, end, [a], "group.org", head=self.low(end - 1), possessive=self.low(end) in ("'s", "'"))
        return end

    # -- people by role, honorific or surname
    def compound_role(self, i: int) -> Hit | None:
        """'Planning and Investment Minister': capitalised words before a role word form one title."""
        j = i
        while j < len(self.toks) and j - i < 5 and j not in self.hit_at and (self.is_cap(j) or self.low(j) in ("and", "&")):
            j += 1
        h = self.hit_at.get(j)
        if j > i and h and h.first("role") and self.is_cap(i) and self.low(i) not in NOT_NAMES:
            role = h.first("role")
            title = " ".join(t.text for t in self.toks[i : h.te])
            return Hit(i, h.te, (Lex("role", title, tuple(t.text for t in self.toks[i : h.te]), role.sector),))  # type: ignore[union-attr]
        return None

    def try_person(self, i: int) -> int:
        h = self.hit_at.get(i)
        if h is None and (c := self.compound_role(i)) is not None and self.name_run(c.te) > c.te:
            h = c
        role = h.first("role") if h else None
        if role:
            ne = self.name_run(h.te)  # type: ignore[union-attr]
            ph = self.hit_at.get(h.te)  # type: ignore[union-attr]
            if ph and ph.first("person"):
                ne = max(ne, ph.te)
            if ne > h.te:  # type: ignore[union-attr]
                a = self.person_from_role(role, h.te, ne, None)  # type: ignore[union-attr]
                self.register(a)
                self.emit(i, ne, [a], "person.role", head=self.low(ne - 1))
                return ne
        if self.low(i) in L.HONORIFICS and self.is_cap(i + 1):
            ne = self.name_run(i + 1)
            if ne > i + 1:
                a = self.known_person(i + 1, ne) or Actor(self.join(i + 1, ne), "person",
                                                          entry="rule:person.honorific")
                self.register(a)
                poss = self.low(ne) in ("'s", "'")
                self.emit(i, ne, [a], "person.honorific", head=self.low(ne - 1), possessive=poss)
                return ne
        if h and (lx := h.first("person")):
            a = person_actor(self.res, lx.ref, self.ctx.day)
            self.register(a)
            self.emit(i, h.te, [a], "person.dictionary", possessive=self.low(h.te) in ("'s", "'"))
            return h.te
        if self.is_cap(i) and (i not in self.covered or not self.covered[i].first(*NOT_NAME_CATEGORIES)):
            ne = self.name_run(i)  # (an ethnic word can open a name: "Karen Bass")
            if ne > i and (a := self.known_person(i, ne)) is not None:
                self.register(a)
                if self.low(ne) in ("administration", "government", "regime", "cabinet"):
                    self.emit(i, ne + 1, [with_sector(a, "GOV")], "group.leader", head=self.low(ne))
                    return ne + 1
                self.emit(i, ne, [a], "person.surname", head=self.low(ne - 1), possessive=self.low(ne) in ("'s", "'"))
                return ne
            if ne > i and self.speaker_slot(i, ne) and not any(self.toks[k].text.isupper() for k in range(i, ne)) and (
                    ne - i >= 2 or (self.low(i) not in NOT_SPEAKERS and self.low(ne) in SPEAKER_CUES)):
                # "Jane Doe said", "said Jane Doe, a spokeswoman": a person no dictionary lists, by the cue
                a = Actor(self.join(i, ne), "person", entry="rule:person.cue")
                self.register(a)
                self.emit(i, ne, [a], "person.cue", head=self.low(ne - 1), possessive=self.low(ne) in ("'s", "'"))
                return ne
        return i

    def speaker_slot(self, i: int, ne: int) -> bool:
        """Is the name run [i, ne) the subject or object of a reporting verb, or set off as an apposition?"""
        after, before = self.low(ne), self.low(i - 1)
        if after in SPEAKER_CUES or (after == "," and self.low(ne + 1) in ("a", "an", "the", "who")):
            return True
        nxt_hit = self.hit_at.get(ne + 1)
        if after == "," and nxt_hit is not None and nxt_hit.first("adjective", "country") and (
                nxt_hit.first("adjective") or self.low(nxt_hit.te) in ("'s", "'")):
            return True  # "Salaheddine Sidhoum, Algeria's leading rights activist,"
        if after == ",":  # "Dan Centinello, Romney's deputy political director, said"
            for k in range(ne + 1, min(ne + 12, len(self.toks) - 1)):
                if self.low(k) == "," and self.low(k + 1) in SPEAKER_CUES:
                    return True
                if self.low(k) in (".", ";", ":", "\u201c", '"') or self.low(k) in SPEAKER_CUES:
                    break
        if before in SPEAKER_CUES or (before in ("by", "to") and self.low(i - 2) in SPEAKER_CUES):
            return True
        # "said Republican political consultant Chris Russell": a cue, then a short descriptor
        k = i - 1
        while k >= 0 and i - k <= 5 and self.toks[k].text.replace("-", "").isalpha() and self.low(k) not in NOT_NAMES:
            if self.low(k) in SPEAKER_CUES:
                return True
            k -= 1
        return False

    def try_agent(self, i: int) -> int:
        h = self.hit_at.get(i)
        agent = h.first("agent") if h else None
        if not agent:
            return i
        te = h.te  # type: ignore[union-attr]
        nxt = self.toks[te] if te < len(self.toks) else None
        # "government positions", "police station": the agent word modifies a noun
        adjectival = te - i == 1 and not self.low(i).endswith("s") and nxt is not None and nxt.text.isalpha() \
            and nxt.text.islower() and nxt.lower not in L.AUX and nxt.lower not in L.PREPOSITIONS \
            and nxt.lower not in L.CONJUNCTIONS and nxt.lower not in L.RELATIVES and nxt.lower not in L.NEGATIONS \
            and not nxt.lower.endswith("ed")
        relational = self.low(i) in L.RELATIONAL
        self.emit(i, te, [Actor(agent.ref, "group", sector=agent.sector, entry=f"agent:{agent.ref}")], "group.agent",
                  head=self.low(te - 1), plural=self.low(te - 1).endswith("s") and not relational, modifier=adjectival,
                  possessive=self.low(te) in ("'s", "'"))
        return te

    def try_pronoun(self, i: int) -> int:
        w = self.low(i)
        if w == "it" and self.expletive(i):
            return i + 1
        if w in L.PRONOUNS_PERSON or w in L.PRONOUNS_THING or w in L.PRONOUNS_PLURAL or w in L.PRONOUNS_FIRST:
            m = self.emit(i, i + 1, [], f"pronoun.{w}", head=w, pronoun=True,
                          possessive=w in L.POSSESSIVE_PRONOUNS, plural=w in L.PRONOUNS_PLURAL)
            resolve_pronoun(self.ctx, self.out, m, self.lows)
            return i + 1
        return i

    def expletive(self, i: int) -> bool:
        """'it was a good sign', 'made it clear': an 'it' that refers to nothing."""
        nxt, nxt2 = self.low(i + 1), self.low(i + 2)
        if nxt in L.BE and (nxt2 in L.DETERMINERS or nxt2 in EXPLETIVE_ADJ or nxt2 in ("not", "no")):
            return True
        return self.low(i - 1) in ("make", "makes", "made", "making") and nxt in EXPLETIVE_ADJ

    def run(self) -> list[Mention]:
        i = 0
        n = self.n
        words = set(self.lows)
        # only the steps this sentence can use: a gloss needs a bracket, an organisation its head noun
        steps = [st for st, need in ((self.try_gloss, "(" in words), (self.try_org, not ORG_HEADS.isdisjoint(words)),
                                     (self.try_anaphor, "the" in words or "both" in words), (self.try_group, True),
                                     (self.try_person, True), (self.try_agent, True), (self.try_pronoun, True)) if need]
        # a lower-case opener no dictionary knows ("the", "he") can open only an anaphor or a pronoun: every other
        # step wants a capital or a dictionary hit there
        opener_steps = [st for st, need in ((self.try_anaphor, "the" in words or "both" in words),
                                            (self.try_pronoun, True)) if need]
        caps, covered, lows = self.caps, self.covered, self.lows
        while i < n:
            todo = steps
            if not caps[i] and i not in covered:
                if lows[i] not in OPENERS:
                    i += 1  # a lower-case word no dictionary knows opens no mention: the common case, kept cheap
                    continue
                todo = opener_steps
            for step in todo:
                j = step(i)
                if j > i:
                    i = j
                    break
            else:
                i += 1
        fill_agent_countries(self)
        fill_person_affiliations(self)
        return self.out


def recognise(res: Resources, sentences: list[Sentence], day: dt.date | None, quotes: list[tuple[int, int]]) -> list[Mention]:
    ctx = ArticleActors(res, day, quotes)
    # (one search over the sentences joined by line breaks: no pattern crosses one, and \b reads it as an edge)
    ctx.us_context = US_CONTEXT.search("\n".join(s.text for s in sentences)) is not None
    for sent in sentences:
        found = Chunker(ctx, sent).run()
        ctx.mentions.extend(found)
        if found:
            ctx.by_sentence[sent.index] = found
    return ctx.mentions
