"""Context rules run after a sentence's mentions are found: affiliations of unlisted people, countries of
generic agents, and the antecedents of pronouns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.actors.build import lex_actor
from eventwire.model import Actor, Mention
from eventwire.nlp import lexicon as L

if TYPE_CHECKING:
    from eventwire.actors.recognize import ArticleActors, Chunker

PARTY_NOUNS = frozenset(["side", "sides", "camp", "delegation"])
SUBNATIONAL_TITLES = frozenset({
    "governor", "lieutenant governor", "senator", "state senator", "representative", "state representative",
    "congressman", "congresswoman", "mayor", "assemblyman", "assemblywoman", "attorney general",
})


def fill_person_affiliations(ch: Chunker) -> None:
    """People named by role alone take their country from an apposition: 'A and B, representing Russia'."""
    for m in ch.out:
        # "Salaheddine Sidhoum, Algeria's leading rights activist," / "Jane Roe, a Kenyan lawyer,"
        if m.rule == "person.cue" and m.actors and not m.actors[0].key and ch.low(m.tok_end) == ",":
            k = m.tok_end + 1
            if ch.low(k) in ("a", "an", "the"):
                k += 1
            h = ch.hit_at.get(k)
            lx = h.first("country", "adjective") if h else None
            if lx is not None and (lx.category == "adjective" or ch.low(h.te) in ("'s", "'")):  # type: ignore[union-attr]
                _set_affiliation(ch, m, lx.ref, None, "apposition")
    people = [m for m in ch.out if m.rule == "person.role" and m.actors and not m.actors[0].key]
    for m in people:
        j = m.tok_end
        # skip a coordinated person: "Grushko and Deputy Defense Minister Fomin, representing Russia"
        while ch.low(j) == "and":
            nxt = next((x for x in ch.out if x.tok_start == j + 1 and x.actors and x.actors[0].kind == "person"), None)
            if nxt is None:
                break
            j = nxt.tok_end
        if ch.low(j) == "," and ch.low(j + 1) in ("representing", "of", "from", "for"):
            k = j + 2
            while ch.low(k) in L.DETERMINERS:
                k += 1
            h = ch.hit_at.get(k)
            lx = h.first("country", "igo", "capital", "adjective") if h else None
            a = lex_actor(ch.res, lx, ch.ctx.day) if lx else None
            if a is not None:
                _set_affiliation(ch, m, a.country, a.igo, "apposition")
                continue
        # a national official in a sentence about one country acts for it ("Judge X ... Chilean officials")
        countries = {lx.ref for h in ch.hits if not ch.affiliation_only(h)
                     for lx in h.lexes[:1] if lx.category in ("country", "adjective", "capital", "demonym", "seat")
                     and ch.low(h.ts - 1) != "ethnic"}
        countries |= {g.country for h in ch.hits for lx in h.lexes[:1] if lx.category == "group"
                      and (g := ch.res.groups[lx.ref]).country}
        if (m.actors[0].role or "").lower() in SUBNATIONAL_TITLES:
            if ch.ctx.us_context:  # "Gov. Janet Mills", "Sen. Ted Cruz" in US news
                _set_affiliation(ch, m, "USA", None, "us-title")
            continue
        if len(countries) == 1:
            _set_affiliation(ch, m, countries.pop(), None, "sentence-country")


def _set_affiliation(ch: Chunker, m: Mention, country: str | None, igo: str | None, how: str) -> None:
    old = m.actors[0]
    new = Actor(old.name, "person", country=country, igo=igo, sector="IGO" if igo else old.sector, role=old.role,
                entry=f"rule:person.{how}")
    m.actors = [new]
    m.rule = f"person.role+{how}"
    ch.register(new)


def fill_agent_countries(ch: Chunker) -> None:
    """Agents named without a nationality take it from 'of/in/from X' after them, else from the place the
    sentence is set in ('a war in Ukraine, where ... separatists')."""
    for m in ch.out:
        ethnic = bool(m.actors) and (m.actors[0].entry or "").startswith("ethnic:")
        if m.actors and (m.actors[0].entry or "").startswith("group:"):
            continue  # a named organisation ("Red Cross officials") keeps its own affiliation
        unplaced_org = m.rule == "group.org" and m.actors[0].entry == "org:name" and not m.actors[0].country
        if not m.actors or (any(a.key for a in m.actors) and not unplaced_org) or not (
                (m.rule == "group.agent" and m.actors[0].sector not in ("MED", None)) or ethnic or unplaced_org):
            continue
        if m.modifier and ch.low(m.tok_start - 1) in L.PREPOSITIONS:
            continue  # "goods with military uses": an adjective, not a party
        country = None
        j = m.tok_end
        if ch.low(j) in ("of", "in", "from") or (ch.low(j) in L.DETERMINERS and ch.low(j + 1) in ("of", "in", "from")):
            k = j + 1 if ch.low(j) in ("of", "in", "from") else j + 2
            while ch.low(k) in L.DETERMINERS or (k < len(ch.toks) and k not in ch.covered and ch.toks[k].text.isalpha()
                                                 and ch.toks[k].text.islower() and k < j + 4):
                k += 1  # "activists from the defeated Fatah Party"
            h = ch.covered.get(k)
            lx = h.first("country", "capital", "adjective", "person", "group") if h else None
            if lx:  # "activists from the Fatah Party", "supporters of former President Ben Bella"
                a = lex_actor(ch.res, lx, ch.ctx.day)
                country = a.country if a else None
        if country is None and m.actors[0].sector not in ("IGO",):
            for other in ch.out:
                if other.tok_end <= m.tok_start and other.locative and other.actors and other.actors[0].kind == "country":
                    country = other.actors[0].country
        if country is None:
            for h in ch.hits:
                if h.ts >= m.tok_end or h.te > m.tok_start:
                    break
                lx = h.first("country", "capital")
                if lx and ch.low(h.ts - 1) in L.LOCATIVE:
                    country = lx.ref
        if country is None:  # "guerrillas operating in Macedonia"
            reach = 12 if ethnic else 6  # an ethnic group lives where the sentence places it
            for h in ch.hits:
                if h.ts < m.tok_end or h.ts > m.tok_end + reach:
                    continue
                if any(ch.low(k) in (",", ";", "and", "but") or ch.low(k) in L.SUBORDINATORS for k in range(m.tok_end, h.ts)):
                    break  # "refugees if war starts in Iraq": another clause's place
                lx = h.first("country", "capital")
                before = ch.low(h.ts - 1)
                if lx and (before in L.LOCATIVE or (before.isalpha() and before.islower() and ch.low(h.ts - 2) in L.LOCATIVE)):
                    country = lx.ref  # "in Macedonia", "in southeastern Serbia"
                    break
        if country is None and (m.actors[0].sector in ("CVL", "REF", "PRO") or ethnic or unplaced_org):
            # "killing about 20 people": victims with no nationality belong to the one country the sentence names
            named = {lx.ref for h in ch.hits for lx in h.lexes[:1] if lx.category in ("country", "adjective", "demonym")
                     and not ch.affiliation_only(h) and ch.low(h.ts - 1) != "ethnic"}
            if len(named) == 1:
                country = named.pop()
            elif unplaced_org and not named and ch.ctx.us_context:
                country = "USA"  # an unlisted organisation in US news is American
        if country:
            a = m.actors[0]
            m.actors = [Actor(a.name, a.kind, country=country, sector=a.sector, entry=a.entry)]
            m.rule = "group.org+context" if unplaced_org else "group.agent+context"


def _compatible(m: Mention, pronoun: str) -> bool:
    if not m.actors or m.modifier:
        return False
    persons = all(a.kind == "person" for a in m.actors)
    if pronoun in L.PRONOUNS_PERSON:
        return persons and len(m.actors) == 1
    if pronoun in L.PRONOUNS_THING:
        return not persons and not m.plural
    if pronoun in L.PRONOUNS_PLURAL:
        return m.plural or len(m.actors) > 1 or m.head in PARTY_NOUNS or not persons
    return False


def _appositive(c: Mention, toks: list[str], before: int) -> bool:
    """Is the mention inside ', a key U.S. ally in the war,' set off before position `before`?"""
    j = c.tok_start - 1
    while j >= 0 and j > c.tok_start - 4 and toks[j] not in (",", "(", "\u2014"):
        j -= 1
    opened = j >= 0 and toks[j] in (",", "(", "\u2014")
    closed = any(toks[k] in (",", ")", "\u2014") for k in range(c.tok_end, min(before, len(toks))))
    return opened and closed and j > 0


def resolve_pronoun(ctx: ArticleActors, current: list[Mention], m: Mention, toks: list[str] | None = None) -> None:
    """Nearest compatible mention before it in the sentence (outside appositions), else the first compatible
    mention (the likely subject) of the latest sentence that has one; mentions in quotes are out of reach
    from outside."""
    w = m.head
    if w in L.PRONOUNS_FIRST:
        return  # resolved against the quote's speaker by the quotes stage
    # (the cheap tests first: few mentions before a pronoun agree with it, and only those need the apposition test)
    preferred = [c for c in current if c.end <= m.start and c is not m and c.in_quote == m.in_quote
                 and _compatible(c, w) and not c.locative and not (toks and _appositive(c, toks, m.tok_start))]
    if preferred:
        m.actors = list(preferred[-1].actors)
        return
    earlier = sorted((s for s in ctx.by_sentence if s < m.sentence), reverse=True)
    seen = 0
    for s in earlier:
        ment = [c for c in ctx.by_sentence[s] if not c.in_quote or m.in_quote]
        if not ment:
            continue
        seen += 1
        if seen > 3:
            break
        cands = [c for c in ment if _compatible(c, w) and not c.locative]
        if cands:
            m.actors = list(cands[0].actors)
            return
