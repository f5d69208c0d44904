"""Places: mentions resolved to a country and coordinates from the shipped gazetteer.

A name is a place when the text uses it as one: after a locative preposition ("in Geneva"), in an
"X, Country" pair, or as a country name. Ambiguous names are settled by context: the countries the
article talks about, US states named nearby, and population.
"""

from __future__ import annotations

import math

from eventwire.actors.lexicon_match import dictionary_hits
from eventwire.dates import MONTHS, WEEKDAYS
from eventwire.model import Mention, Place, Sentence
from eventwire.nlp import lexicon as L
from eventwire.resources.loader import GazEntry, Resources

NOT_PLACES = frozenset(
    {w.capitalize() for w in WEEKDAYS} | {m.capitalize() for m in MONTHS if len(m) > 3}
    | {"Of", "The", "President", "Police", "Mobile", "Reading", "Most", "Deal", "Bath", "Nice", "Split", "Van",
       "Union", "Independence", "Liberty", "Unity", "Victoria", "Hope", "Progress", "Concord", "Security",
       "Parliament", "Congress", "Senate", "Court", "Army", "Navy", "Home", "Temple", "Church", "University",
       "Justice", "Defense", "Defence", "State", "Center", "Centre", "Media", "Eastern", "Western", "Northern",
       "Southern", "Central", "European", "American", "Ocean", "Sea", "North", "South", "East", "West"}
)
US_HINTS = frozenset({"Ga.", "Va.", "Tex.", "Calif.", "Fla.", "N.Y.", "Ill.", "Ohio", "Mich.", "Pa.", "Mass.", "Atlanta"})


def _country_entry(res: Resources, code: str) -> GazEntry | None:
    for name in (res.countries[code].name, *res.countries[code].names) if code in res.countries else ():
        for e in res.gazetteer.get(name, []):
            if e.kind == "country" and e.country == code:
                return e
    return None


def _choose(entries: list[GazEntry], article_countries: set[str], qualifier: str | None,
            us_context: bool) -> GazEntry | None:
    if not entries:
        return None
    if qualifier:
        q = [e for e in entries if e.country == qualifier or e.admin1 == qualifier]
        if q:
            return q[0]

    def score(e: GazEntry) -> float:
        # log-population decides unless the article's own countries point elsewhere: Vienna (1.7M) beats
        # Vienna, Virginia (16k) even in an article that names the United States
        s = math.log10(max(e.population, 10))
        if e.country in article_countries:
            s += 0.7
        if us_context and e.country == "USA":
            s += 1.0
        if e.kind == "country":
            s += 0.5
        return s

    return max(entries, key=score)


def _person_like(toks: list, h: object, person_spans: set, sent: int) -> bool:  # type: ignore[type-arg]
    """A capitalised unknown word right after the name makes it a person's name ('Chad Wolf')."""
    te, ts = h.te, h.ts  # type: ignore[attr-defined]
    after = te < len(toks) and toks[te].text[:1].isupper() and toks[te].text.isalpha() \
        and (sent, te) not in person_spans and toks[te].lower not in ("and", "or")
    before = ts > 0 and toks[ts - 1].text[:1].isupper() and toks[ts - 1].text.isalpha() and toks[ts - 1].lower not in (
        "the", "in", "and", "of", "to", "from", "with", "a", "an")
    return after or before


def _qualifier(res: Resources, toks: list, end: int) -> str | None:  # type: ignore[type-arg]
    """'X, Country' or 'X, State': the ISO3 code or US state code after the comma, if any."""
    if end + 1 >= len(toks) or toks[end].text != ",":
        return None
    q = toks[end + 1].text
    code = next((c for c, e in res.countries.items() if q in e.names), None)
    if code is None:
        st = [e for e in res.gazetteer.get(q, []) if e.kind == "region"]
        code = st[0].admin1 if st else None
    return code


def find_places(res: Resources, sentences: list[Sentence], mentions: list[Mention]) -> list[Place]:
    gaz = res.gazetteer
    article_countries = {a.country for m in mentions for a in m.actors if a.country}
    text_all = " ".join(s.text for s in sentences)
    us_context = any(h in text_all for h in US_HINTS)
    person_spans = {(m.sentence, i) for m in mentions if any(a.kind == "person" for a in m.actors)
                    for i in range(m.tok_start, m.tok_end)}
    out: list[Place] = []
    for sent in sentences:
        toks = sent.tokens
        taken: set[int] = set()
        hits = dictionary_hits(res, sent)
        # countries named as such, and capitals
        for h in hits:
            lx = h.first("country", "capital")
            if not lx or any((sent.index, i) in person_spans for i in range(h.ts, h.te)):
                continue
            prev = toks[h.ts - 1].lower if h.ts > 0 else ""
            nxt = toks[h.te].lower if h.te < len(toks) else ""
            if prev == "-" or nxt == "-":
                continue  # "NATO-Russia", "pro-Moscow"
            name = " ".join(t.text for t in toks[h.ts : h.te])
            if lx.category == "country":
                c = res.countries[lx.ref]
                if c.ambiguous and (nxt in ("river", "delta", "valley", "basin") or _person_like(toks, h, person_spans, sent.index)):
                    continue  # "the Niger River", "Chad Wolf": not the country
                if c.ambiguous and name == "Georgia" and (us_context or nxt in ("state",)):
                    e = next((x for x in gaz.get("Georgia", []) if x.country == "USA"), None)
                    if e:
                        out.append(Place("Georgia", "USA", e.lat, e.lon, "region", toks[h.ts].start,
                                         toks[h.te - 1].end, sent.index, "place.us-state", e.geonameid))
                        taken.update(range(h.ts, h.te))
                        continue
                e = _country_entry(res, lx.ref)
                out.append(Place(name, lx.ref, e.lat if e else None, e.lon if e else None, "country",
                                 toks[h.ts].start, toks[h.te - 1].end, sent.index, "place.country",
                                 e.geonameid if e else None))
                taken.update(range(h.ts, h.te))
            elif _qualifier(res, toks, h.te) not in (None, lx.ref) or nxt == "state":
                continue  # "Vienna, Virginia", "Washington state": a namesake, resolved below
            elif prev in L.LOCATIVE or (prev == "the" and h.ts > 1 and toks[h.ts - 2].lower in L.LOCATIVE) or nxt == ",":
                cands = [e for e in gaz.get(name, []) if e.country == lx.ref and e.kind == "city"]
                e = cands[0] if cands else None
                out.append(Place(name, lx.ref, e.lat if e else None, e.lon if e else None, "city",
                                 toks[h.ts].start, toks[h.te - 1].end, sent.index, "place.capital",
                                 e.geonameid if e else None))
                taken.update(range(h.ts, h.te))
        # other cities and regions: capitalised names used as places
        i = 0
        while i < len(toks):
            if i in taken or not toks[i].text[:1].isupper() or (sent.index, i) in person_spans:
                i += 1
                continue
            found = None
            for n in (4, 3, 2, 1):
                if i + n > len(toks):
                    continue
                span = toks[i : i + n]
                if not all(t.text[:1].isupper() or t.lower in ("de", "la", "el", "al", "-") for t in span):
                    continue
                name = " ".join(t.text for t in span).replace(" - ", "-")
                if name in NOT_PLACES or name not in gaz:
                    continue
                found = (n, name)
                break
            if not found:
                i += 1
                continue
            n, name = found
            prev = toks[i - 1].lower if i > 0 else ""
            prev2 = toks[i - 2].lower if i > 1 else ""
            locative = prev in L.LOCATIVE or (prev == "the" and prev2 in L.LOCATIVE)
            qualifier = _qualifier(res, toks, i + n)
            if not (locative or qualifier) or (i + n < len(toks) and toks[i + n].text[:1].isupper()):
                i += n
                continue
            entries = gaz[name]
            if i + n < len(toks) and toks[i + n].lower == "state" or (prev == "of" and prev2 == "state"):
                entries = [e for e in entries if e.kind == "region"] or entries  # "Washington state"
            e = _choose(entries, article_countries, qualifier, us_context)
            if e is not None:
                out.append(Place(name, e.country, e.lat, e.lon, "city" if e.kind == "city" else e.kind,
                                 toks[i].start, toks[i + n - 1].end, sent.index,
                                 "place.qualified" if qualifier else "place.locative", e.geonameid))
            i += n
    out.sort(key=lambda p: p.start)
    return out
