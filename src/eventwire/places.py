"""Places: mentions resolved to a country and coordinates from the shipped gazetteer.

A name is a place when the text uses it as one: after a locative preposition ("in Geneva"), in an
"X, Country" or "X, State" pair, before a division word ("Punjab province", "the Tigray region"), or as a
country name. Regions are also read bare ("Russia annexed Crimea") when the article is about their country.
Ambiguous names are settled by context: a qualifier, the countries of the sentence and the article, US
states named nearby, and population; a bare name that is both a city and a region is the city.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field

from eventwire.actors.lexicon_match import Hit, dictionary_hits
from eventwire.dates import MONTHS, WEEKDAYS
from eventwire.model import Mention, Place, Sentence, Token
from eventwire.nlp import lexicon as L
from eventwire.resources.loader import GazEntry, Resources, fold

NOT_PLACES = frozenset(
    {w.capitalize() for w in WEEKDAYS} | {m.capitalize() for m in MONTHS if len(m) > 3}
    | {"Of", "The", "President", "Police", "Mobile", "Reading", "Most", "Deal", "Bath", "Nice", "Split", "Van",
       "Union", "Independence", "Liberty", "Unity", "Victoria", "Hope", "Progress", "Concord", "Security",
       "Parliament", "Congress", "Senate", "Court", "Army", "Navy", "Home", "Temple", "Church", "University",
       "Justice", "Defense", "Defence", "State", "Center", "Centre", "Media", "Eastern", "Western", "Northern",
       "Southern", "Central", "European", "American", "Ocean", "Sea", "North", "South", "East", "West", "God",
       "Capital", "Federal", "Islands", "Coast", "Lakes", "Upper", "Lower", "Africa", "Asia", "Europe", "Gulf",
       "Valley", "Atlantic", "Pacific", "Northeast", "Northwest", "Southeast", "Southwest", "Commonwealth"}
)
TIME_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS)  # "in London Monday", "in Paris January 5"
US_HINTS = frozenset({"Ga.", "Va.", "Tex.", "Calif.", "Fla.", "N.Y.", "Ill.", "Ohio", "Mich.", "Pa.", "Mass.", "Atlanta"})
# Words before "to" that make it no motion toward a place: "according to Gallup", "lost to Northam"
NOT_MOTION = frozenset({"according", "thanks", "due", "owing", "compared", "similar", "contrary", "opposed",
                        "related", "lost", "losing", "loses", "sing", "read", "talk", "talked", "talking", "speak",
                        "spoke", "speaking", "listen", "listened", "wrote", "write", "writing", "replied",
                        "responded", "apologized", "apologised", "appealed", "belong", "belongs", "belonged"})
# Words that make the next name a ship's: "the frigate Aquitaine", "the carrier Georgia"
VESSELS = frozenset({"frigate", "destroyer", "carrier", "ship", "submarine", "vessel", "cruiser", "tanker",
                     "corvette", "warship", "ferry", "liner", "yacht", "uss", "hms"})
# Capitalised words that may open a place's name without making it a person's: "Old Havana", "Greater London"
MODIFIERS = frozenset({"Old", "Greater", "Downtown", "Central", "North", "South", "East", "West", "Northern",
                       "Southern", "Eastern", "Western", "Lower"})
# Gazetteer kinds read as regions: first-level divisions, and the counties and boroughs of the UK's nations
REGIONS = frozenset({"region", "district"})
# Words after a name that say it is a division: "Punjab province", "the Donetsk region", "Rivers state"
DIVISIONS = frozenset({"region", "province", "state", "governorate", "oblast", "territory", "prefecture",
                       "emirate", "canton", "krai", "district", "department", "division"})
# Directions and the like between a preposition and its place: "in northern Tigray", "in the eastern Donbas"
DIRECTIONS = frozenset({"the", "northern", "southern", "eastern", "western", "central", "north", "south", "east",
                        "west", "northeastern", "northwestern", "southeastern", "southwestern", "north-east",
                        "north-west", "south-east", "south-west", "northeast", "northwest", "southeast",
                        "southwest", "neighbouring", "neighboring", "nearby", "restive", "rural", "coastal"})
# The last word of a name that also names a body of water: "the Red Sea" is the sea, not Sudan's state
WATER = frozenset({"Sea", "River", "Nile", "Lake", "Lakes", "Ocean", "Gulf", "Bay"})
# What being a capital is worth against a namesake, in powers of ten of population: Athens beats Athens,
# Georgia even in an American article, San Jose, California beats Costa Rica's capital there
CAPITAL_FAME = 1.1
# A town this small, in a country the article never names, is more likely a word or a firm than the town
SMALL_TOWN = 200_000
# US state abbreviations after a comma: AP style ("Aurora, Colo.") and postal codes ("Reno, NV")
AP_STATES = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Cal": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE",
    "Fla": "FL", "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Kans": "KS", "Ky": "KY", "La": "LA",
    "Md": "MD", "Mass": "MA", "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT", "Neb": "NE",
    "Nev": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
    "Okla": "OK", "Ore": "OR", "Pa": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn": "TN", "Tex": "TX",
    "Vt": "VT", "Va": "VA", "Wash": "WA", "W.Va.": "WV", "Wis": "WI", "Wisc": "WI", "Wyo": "WY",
}
POSTAL = frozenset({*AP_STATES.values(), "AK", "HI", "ID", "IA", "ME", "OH", "UT", "DC"})
# Dictionary categories that make a span something other than a place ("White House", "Obama")
NOT_PLACE_LEXICON = frozenset({"seat", "igo", "description", "person", "group", "role", "agent", "demonym",
                               "adjective"})


@dataclass(slots=True)
class _Context:
    """What the article and the sentence say about where things are."""

    article: set[str]  # countries of the article's actors, and those named in the sentence at hand
    us: bool  # US cities or state abbreviations appear in the article
    divisions: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1) of the article's places


def _country_entry(res: Resources, code: str) -> GazEntry | None:
    for name in (res.countries[code].name, *res.countries[code].names) if code in res.countries else ():
        for e in res.gazetteer.get(name, []):
            if e.kind == "country" and e.country == code:
                return e
    return None


def _choose(entries: list[GazEntry], mention: str, ctx: _Context, qualifier: list[tuple[str, str]] | None,
            divided: bool, bonus: tuple[GazEntry, float] | None = None) -> GazEntry | None:
    """The entry a mention most likely names; None when its qualifier rules every entry out."""
    if qualifier:
        entries = [e for e in entries if any(e.country == c and (not a or e.admin1 == a) for c, a in qualifier)]
    if not entries:
        return None
    folded = fold(mention)
    # a region that holds a city of the same name ('Donetsk', 'New York'): without a division word, the city
    inner = {(e.country, e.admin1) for e in entries if e.kind == "city" and e.admin1} if not divided else set()

    def score(e: GazEntry) -> float:
        # log-population decides unless context points elsewhere: Vienna (1.7M) beats Vienna, Virginia (16k)
        # even in an article that names the United States
        s = math.log10(max(e.population, 10))
        if e.curated:
            s = max(s, 6.5)  # the project's own regions are the well-known ones
        if e.country in ctx.article:
            s += 0.7
        if e.admin1 and (e.country, e.admin1) in ctx.divisions and e.kind == "city":
            s += 0.5  # a town of a state the article names: Springfield in an article about Illinois
        if ctx.us and e.country == "USA":
            s += 1.0
        if fold(e.name) == folded:
            s += 1.0  # named by its own name, not by a translation ('Bethlehem' is not Belém)
        if e.kind in REGIONS and (e.country, e.admin1) in inner:
            s -= 2.0  # "in Donetsk" is the city; "in the Donetsk region" the region
        if e.kind == "country":
            s += 0.5
        if bonus and e is bonus[0]:
            s += bonus[1]
        return s

    return max(entries, key=score)


def _person_like(toks: list[Token], ts: int, te: int, person_spans: set[tuple[int, int]], sent: int) -> bool:
    """A capitalised unknown word right after the name makes it a person's name ('Chad Wolf')."""
    after = te < len(toks) and toks[te].text[:1].isupper() and toks[te].text.isalpha() \
        and (sent, te) not in person_spans and toks[te].lower not in ("and", "or")
    return after or _named_before(toks, ts)


def _named_before(toks: list[Token], ts: int) -> bool:
    """A capitalised word before the name that is no preposition or article: 'George Washington', 'Chad Wolf'."""
    return ts > 0 and toks[ts - 1].text[:1].isupper() and toks[ts - 1].text.isalpha() \
        and toks[ts - 1].lower not in L.LOCATIVE | L.DETERMINERS | {"and", "of", "with", "a", "an"}


def _continues(toks: list[Token], te: int) -> bool:
    """The name goes on after te: a capitalised word ('Washington Post') or an ampersand ('Kirkland & Ellis')."""
    if te >= len(toks):
        return False
    t = toks[te]
    return t.text == "&" or (t.text[:1].isupper() and t.text.isalpha() and t.text.lower() not in TIME_WORDS)


def _namesake_meant(gaz: dict[str, list[GazEntry]], name: str, country: str, pairs: list[tuple[str, str]]) -> bool:
    """The qualifier after a capital points at another place of its name: a namesake town there ('Vienna,
    Virginia'), or a namesake state before another state ('Washington, Colorado and Utah'); not the capital
    itself ('Washington, D.C.') nor a list of capitals ('Kyiv, Tbilisi and Chisinau')."""
    def inside(e: GazEntry) -> bool:
        return any(c == e.country and (not a or a == e.admin1) for c, a in pairs)

    entries = gaz.get(name, ())
    if any(e.kind == "city" and e.country == country and inside(e) for e in entries):
        return False
    return any((e.kind == "city" and inside(e)) or (e.kind in REGIONS and any(c == e.country for c, _ in pairs))
               for e in entries)


def _address_of(gaz: dict[str, list[GazEntry]], toks: list[Token], ts: int, region: GazEntry) -> bool:
    """'Athens, Georgia': the name before the comma is a town of that region."""
    if ts < 2 or toks[ts - 1].text != ",":
        return False
    for k in (1, 2, 3):
        span = toks[max(0, ts - 1 - k) : ts - 1]
        town = " ".join(t.text for t in span)
        if len(span) == k and any(e.kind == "city" and e.country == region.country and e.admin1 == region.admin1
                                  for e in gaz.get(town, ())):
            return True
    return False


def _qualifier(res: Resources, toks: list[Token], end: int) -> tuple[list[tuple[str, str]], bool] | None:
    """'X, Country', 'X, State' or 'X, Colo.': the (ISO3, admin1 or '') pairs the place must lie in, and whether
    that is certain (a country or a state abbreviation) or may be the next item of a list ('Ohio, Kentucky')."""
    if end + 1 >= len(toks) or toks[end].text != ",":
        return None
    q = toks[end + 1]
    after = toks[end + 2].text if end + 2 < len(toks) else ""
    if after == "'s":
        return None  # "Moore, Alabama's Senate nominee": an apposition, not an address
    code = res.country_by_name.get(q.text)
    if code:  # 'Athens, Georgia' may be the US state: a country that is also a division is no sure sign
        states = [(e.country, e.admin1) for e in res.gazetteer.get(q.text, []) if e.kind in REGIONS and e.admin1]
        return [(code, ""), *states], not states
    abbr = AP_STATES.get(q.text) if (after == "." or "." in q.text) else None
    if abbr or (q.text in POSTAL and len(q.text) == 2):
        return [("USA", abbr or q.text)], True
    name = q.text
    for k in (3, 2):  # "Lahore, Punjab", "Hilo, New Mexico"
        span = toks[end + 1 : end + 1 + k]
        if len(span) == k and all(t.text[:1].isupper() for t in span):
            joined = " ".join(t.text for t in span)
            if joined in res.gazetteer:
                name = joined
                break
    regions = [(e.country, e.admin1) for e in res.gazetteer.get(name, []) if e.kind in REGIONS and e.admin1]
    return (regions, False) if regions else None


def _lead(toks: list[Token], i: int) -> tuple[int, str, str]:
    """The word that introduces the name at i, skipping 'the' and directions ('in the eastern ...', 'in Old
    Havana'): (its index, its lower form, the one before it)."""
    j = i - 1
    while j >= 0 and ((toks[j].lower in DIRECTIONS and not toks[j].text[:1].isupper()) or toks[j].text in MODIFIERS
                      or (toks[j].lower == "-" and j > 0 and toks[j - 1].lower in DIRECTIONS)):
        j -= 1
    if j < 0:
        return -1, "", ""
    return j, toks[j].lower, toks[j - 1].lower if j > 0 else ""


def _listed(toks: list[Token], i: int, ends: dict[int, str]) -> bool:
    """The name goes on a list of places: 'in Paris, London and New York'."""
    j, lead, _ = _lead(toks, i)
    return lead in (",", "and", "or") and j in ends


def _locative(toks: list[Token], i: int) -> bool:
    """'in Geneva', 'in northern Tigray': a lower-case locative preposition (or a sentence's first word) before
    the name; 'Blue In Green' is a title and 'according to Gallup' a source, not places."""
    j, word, before = _lead(toks, i)
    return word in L.LOCATIVE and (j == 0 or toks[j].text.islower()) and not (word == "to" and before in NOT_MOTION)


def find_places(res: Resources, sentences: list[Sentence], mentions: list[Mention]) -> list[Place]:
    article_countries = {a.country for m in mentions for a in m.actors if a.country}
    text_all = " ".join(s.text for s in sentences)
    us_context = any(h in text_all for h in US_HINTS)
    person_spans = {(m.sentence, i) for m in mentions if any(a.kind == "person" for a in m.actors)
                    for i in range(m.tok_start, m.tok_end)}
    # the surnames of the article's people: "Bush" or "Paul" alone later on is the person, not a town
    person_words: set[str] = set()
    for m in mentions:
        last_two = sentences[m.sentence].tokens[max(m.tok_start, m.tok_end - 2) : m.tok_end]
        if len(last_two) == 2 and all(t.text[:1].isupper() for t in last_two) and any(a.kind == "person" for a in m.actors):
            person_words.add(last_two[1].text)  # a full name: 'George W. Bush', 'Rand Paul'
    out: list[Place] = []
    divisions: set[tuple[str, str]] = set()
    for sent in sentences:
        hits = dictionary_hits(res, sent)
        countries_here = {lx.ref for h in hits for lx in h.lexes if lx.category in ("country", "adjective")}
        ctx = _Context(article_countries | countries_here | {p.country for p in out if p.country}, us_context,
                       divisions)
        ends: dict[int, str] = {}  # token after each place found in the sentence -> its precision (for lists)
        taken = _countries_and_capitals(res, sent, hits, person_spans, ctx, ends, out)
        _names(res, sent, hits, person_spans, person_words, ctx, taken, ends, out)
    out.sort(key=lambda p: p.start)
    return out


def _countries_and_capitals(res: Resources, sent: Sentence, hits: list[Hit], person_spans: set[tuple[int, int]],
                            ctx: _Context, ends: dict[int, str], out: list[Place]) -> set[int]:
    """Countries named as such, and capitals used as places; returns the tokens they take."""
    gaz = res.gazetteer
    toks = sent.tokens
    taken: set[int] = set()
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
            if c.ambiguous and (nxt in ("river", "delta", "valley", "basin") or _person_like(toks, h.ts, h.te, person_spans, sent.index)):
                continue  # "the Niger River", "Chad Wolf": not the country
            namesakes = [e for e in gaz.get(name, []) if e.kind in REGIONS and e.country != lx.ref]
            addressed = [e for e in namesakes if _address_of(gaz, toks, h.ts, e)]
            if c.ambiguous and namesakes and (nxt in DIVISIONS or addressed or (ctx.us and any(e.country == "USA" for e in namesakes))):
                # "Niger state", "Athens, Georgia", "Georgia" in an article about Atlanta: the division
                e = _choose(addressed or namesakes, name, ctx, None, True)
                if e is not None:
                    out.append(Place(name, e.country, e.lat, e.lon, "region", toks[h.ts].start, toks[h.te - 1].end,
                                     sent.index, "place.namesake", e.geonameid or None))
                    taken.update(range(h.ts, h.te))
                    ends[h.te] = "region"
                continue
            e = _country_entry(res, lx.ref)
            out.append(Place(name, lx.ref, e.lat if e else None, e.lon if e else None, "country",
                             toks[h.ts].start, toks[h.te - 1].end, sent.index, "place.country",
                             e.geonameid if e else None))
            taken.update(range(h.ts, h.te))
            ends[h.te] = "country"
        elif ((q := _qualifier(res, toks, h.te)) is not None and _namesake_meant(gaz, name, lx.ref, q[0])) or nxt in DIVISIONS:
            continue  # "Vienna, Virginia", "Washington, Colorado and Utah", "Washington state": resolved with the names
        elif _continues(toks, h.te) or (h.ts > 1 and _named_before(toks, h.ts) and toks[h.ts - 1].text not in MODIFIERS):
            continue  # "the Washington Post", "Moscow Times": part of a longer name; "George Washington"
        elif _locative(toks, h.ts) or nxt == "," or _listed(toks, h.ts, ends):
            cities = [e for e in gaz.get(name, []) if e.kind == "city"]
            cands = [e for e in cities if e.country == lx.ref]
            e = cands[0] if cands else None
            # a capital's namesake much bigger than it, in a country the article is about: 'a rally in San Jose'
            # in an American article is California's, not Costa Rica's capital
            rival = _choose(cities, name, ctx, None, False, bonus=(e, CAPITAL_FAME)) if e else None
            if rival is not None and rival is not e:
                out.append(Place(name, rival.country, rival.lat, rival.lon, "city", toks[h.ts].start,
                                 toks[h.te - 1].end, sent.index, "place.namesake", rival.geonameid or None))
            else:
                out.append(Place(name, lx.ref, e.lat if e else None, e.lon if e else None, "city",
                                 toks[h.ts].start, toks[h.te - 1].end, sent.index, "place.capital",
                                 e.geonameid if e else None))
            taken.update(range(h.ts, h.te))
            ends[h.te] = "city"
    return taken


def _names(res: Resources, sent: Sentence, hits: list[Hit], person_spans: set[tuple[int, int]],
           person_words: set[str], ctx: _Context, taken: set[int], ends: dict[int, str], out: list[Place]) -> None:
    """Cities and regions: capitalised names the text uses as places."""
    gaz = res.gazetteer
    toks = sent.tokens
    other: dict[int, Hit] = {}  # token -> the dictionary hit that makes it something else (a seat, a person, an agency)
    capital: set[int] = set()  # tokens of countries and capitals: placed already, or not places here
    countries: set[int] = set()
    for h in hits:
        for i in range(h.ts, h.te):
            if h.first("country", "capital"):
                capital.add(i)
                if h.first("country"):
                    countries.add(i)
            elif any(lx.category in NOT_PLACE_LEXICON for lx in h.lexes):
                other[i] = h
    heads = res.gazetteer_heads
    # a name starts with its first token as written: only tokens some gazetteer name starts with can open one
    texts = sent.texts()
    opens = [] if heads.isdisjoint(texts) else [k for k, w in enumerate(texts) if w in heads]
    i = 0
    for i_open in opens:
        if i_open < i:
            continue  # inside the place found last
        i = i_open
        if i in taken or not toks[i].text[:1].isupper() or (sent.index, i) in person_spans or i in other:
            continue
        found = None
        for n in (4, 3, 2, 1):
            if i + n > len(toks):
                continue
            span = toks[i : i + n]
            if not all(t.text[:1].isupper() or t.lower in ("de", "la", "el", "al", "-", "and", "of") for t in span) \
                    or span[-1].lower in ("and", "of", "-") or any(i + k in other or i + k in taken for k in range(n)):
                continue
            name = " ".join(t.text for t in span).replace(" - ", "-")
            if name in NOT_PLACES or name not in gaz:
                continue
            found = (n, name)
            break
        if not found:
            continue
        n, name = found
        end = i + n
        if n == 1 and name in AP_STATES and end < len(toks) and toks[end].text == ".":
            i = end  # "Kan." in "Overland Park, Kan.": read with the town
            continue
        place = _resolve(res, toks, i, end, name, hits, person_spans, person_words, ctx, capital, countries, ends,
                         sent.index)
        if place is not None:
            e, rule, precision = place
            out.append(Place(name, e.country, e.lat, e.lon, precision, toks[i].start, toks[end - 1].end, sent.index,
                             rule, e.geonameid or None))
            ctx.article.add(e.country)  # the article's places tell where its other names lie
            if e.admin1 and e.kind in REGIONS:
                ctx.divisions.add((e.country, e.admin1))
            ends[end] = precision
        i = end


def _resolve(res: Resources, toks: list[Token], i: int, end: int, name: str, hits: list[Hit],
             person_spans: set[tuple[int, int]], person_words: set[str], ctx: _Context, capital: set[int],
             countries: set[int], ends: dict[int, str], sent: int) -> tuple[GazEntry, str, str] | None:
    """Whether the capitalised name toks[i:end] is used as a place here, and which place: (entry, rule,
    precision), or None."""
    entries = res.gazetteer[name]
    nxt = toks[end].lower if end < len(toks) else ""
    j, lead, lead2 = _lead(toks, i)
    if lead in VESSELS or (i > 1 and toks[i - 1].text == "-" and i - 2 in countries):
        return None  # "the frigate Aquitaine": a ship; "the Israel-Gaza war": a pair of parties, as for countries
    # "Punjab province", "the Tigray Region", "Rivers state", "the province of Idlib"; not "Ohio State"
    divided = (nxt in DIVISIONS and (toks[end].text.islower() or nxt != "state")
               and not (end + 1 < len(toks) and toks[end + 1].text[:1].isupper())) \
        or (lead == "of" and lead2 in DIVISIONS)
    if nxt in ("-", "&") or (end < len(toks) and toks[end].text[:1].isupper() and not divided) or (
            nxt == "of" and end + 1 < len(toks) and toks[end + 1].text[:1].isupper() and end + 1 not in capital):
        return None  # "Texas Instruments", "Kherson-based", "Kirkland & Ellis", "Southern District of New York"
    if nxt == "'s" and not (end + 1 < len(toks) and toks[end + 1].text.isalpha()):
        return None  # "in Harper's", "at McDonald's": a shop or a magazine, not the town
    qualifier, decisive = _qualifier(res, toks, end) or (None, False)
    if name in person_words and not (qualifier or divided) and (name.lower() in res.surnames or not any(
            e.population >= SMALL_TOWN and e.country in ctx.article for e in entries)):
        # "Bush" after "George W. Bush", "Kennedy's speeches": the person; but a big place of the article's
        # country stays one ('As Detroit' is a misread mention, not a person)
        return None
    possessor = _possessor(toks, i, hits) if divided or lead == "'s" else None
    regions = [e for e in entries if e.kind in REGIONS]
    if divided and regions:
        entries = regions
    town = lead == "of" and lead2 in ("city", "town", "village", "capital")  # "the city of Kherson"
    if town:
        entries = [e for e in entries if e.kind == "city"] or entries
    elif any(e.kind in REGIONS for e in entries):
        # a city named "X" that is also called "X City" to tell it from its region ('Gaza City', 'Quebec City')
        # is not what a bare "X" names
        x_city = res.gazetteer.get(f"{name} City", [])

        def outgrown(city: GazEntry) -> bool:  # its own region is far bigger: not Shanghai, most of its region
            return any(r.kind in REGIONS and r.country == city.country and (
                r.curated or (r.admin1 == city.admin1 and r.population >= 3 * city.population)) for r in entries)

        entries = [e for e in entries if e.kind != "city" or e not in x_city or fold(e.name) != fold(name)
                   or not outgrown(e)]
    if any(k in capital for k in range(i, end)) and not (divided or qualifier):
        return None  # "Washington": the capital, or the government it stands for
    if possessor:
        entries = [e for e in entries if e.country == possessor] or entries  # "Pakistan's Punjab province"
    if qualifier:
        e = _choose(entries, name, ctx, qualifier, divided)
        if e is not None:
            return e, "place.qualified", _precision(e)
        # no namesake lies where the text says: a town too small for the gazetteer ('Andalusia, Ala.' is not
        # Spain's Andalusia, 'Gilford, New Hampshire' not Guilford, Connecticut), unless the name is a big
        # city and the comma a list's ('London, Israel and Poland')
        best = _choose(entries, name, ctx, None, divided)
        small = best is None or best.kind != "city" or best.population < SMALL_TOWN
        if small and (decisive or (best is not None and best.kind == "city")):
            return None
    if divided and regions:
        e = _choose(entries, name, ctx, None, True)
        return (e, "place.division", "region") if e else None
    addressed = [r for r in regions if _address_of(res.gazetteer, toks, i, r)]
    if addressed:  # "Tulsa, Oklahoma": the state of the town before the comma, not Oklahoma City
        e = _choose(addressed, name, ctx, None, True)
        return (e, "place.qualified", "region") if e else None
    listing = _listed(toks, i, ends)  # "in Ohio, Florida and Texas"
    in_kind = listing and ends[j] == "region" and bool(regions)
    if in_kind:
        entries = regions  # a list goes on in kind: "California, Colorado and New York" are states
    if _locative(toks, i) or listing or town:
        e = _choose(entries, name, ctx, None, in_kind)
        if e is not None and e.kind != "country" and not e.curated and e.population < SMALL_TOWN and not town and (
                not _spelling_of(name, e.name) or (e.country not in ctx.article and not (ctx.us and e.country == "USA"))):
            # "her ties to Vulcan", "gravitated to Paul": a small town or district abroad is named with its country
            # somewhere; "lost to Northam": a small town's former or foreign name is more likely a person's
            return None
        return (e, "place.locative", _precision(e)) if e else None
    e = _bare_region(toks, i, end, name, regions, entries, hits, person_spans, ctx, lead, lead2, sent)
    return (e, "place.region", _precision(e)) if e else None


def _bare_region(toks: list[Token], i: int, end: int, name: str, regions: list[GazEntry], entries: list[GazEntry],
                 hits: list[Hit], person_spans: set[tuple[int, int]], ctx: _Context, lead: str, lead2: str,
                 sent: int) -> GazEntry | None:
    """A region named without a preposition ('Russia annexed Crimea', 'the Gaza Strip'): taken when it is one
    of the project's regions or a division of a country the article is about; not when it qualifies an actor
    ('Amhara militia') or names an institution ('Bank of England')."""
    if not regions or _person_like(toks, i, end, person_spans, sent):
        return None
    if lead == "of" and i > 1 and toks[i - 2].text[:1].isupper():
        return None  # "University of Michigan", "Bank of England"
    if any(h.ts == end and any(lx.category in ("agent", "role") for lx in h.lexes) for h in hits):
        return None  # "Tigray forces", "Punjab police": an actor, not a place
    words = name.replace("-", " ").split()
    if words[-1] in WATER:
        return None  # "the Red Sea", "the Blue Nile": the water, not the state named after it
    if end + 1 < len(toks) and toks[end].text == "," and toks[end + 1].text.isdigit():
        return None  # "Landon, 19, and Alabama, 17": a person and her age
    curated = [e for e in regions if e.curated]
    if curated:
        return _choose(curated, name, ctx, None, True)
    in_context = [e for e in regions if e.country in ctx.article and e.kind == "region"]  # not 'Brent crude'
    if not in_context:
        return None  # 'the Holy Spirit' is no Brazilian state in an article that never names Brazil
    # a bare name that is both a region and its city ('Kirkuk', 'Aleppo') names the city
    cities = [e for e in entries if e.kind == "city" and any(e.country == r.country and e.admin1 == r.admin1
                                                              for r in in_context)]
    return _choose(in_context + cities, name, ctx, None, False)


def _spelling_of(mention: str, name: str) -> bool:
    """The mention writes the name, maybe transliterated otherwise: 'Jabalia' for Jabālyā, 'Fallujah' for
    Al Fallūjah; not 'Northam', a former name of Buena Park."""
    a, b = fold(mention).lower(), fold(name).lower()
    return a == b or a in b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.6


def _possessor(toks: list[Token], i: int, hits: list[Hit]) -> str | None:
    """The country that owns the division: "Ukraine's Donetsk region", "the Syrian province of Idlib"."""
    j, lead, _ = _lead(toks, i)
    if lead == "'s":
        h = next((h for h in hits if h.te == j), None)
    elif lead == "of":
        k = j - 1  # "the Syrian province of Idlib": the word before the division word
        h = next((h for h in hits if h.te == k), None)
    else:
        h = next((h for h in hits if h.te == i), None)  # "Syrian Idlib province"
    lx = h.first("country", "adjective") if h else None
    return lx.ref if lx else None


def _precision(e: GazEntry) -> str:
    return "region" if e.kind in REGIONS else e.kind
