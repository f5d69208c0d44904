"""Organisations no dictionary lists, read from the shape of their names: "the Nigerian Union of Teachers
(NUT)", "the Association of African Jurists", "the Homeland Union". A capitalised name whose head is an
organisation noun names an organisation; its words tell its sector and, when they name one, its country.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.model import Actor

if TYPE_CHECKING:
    from eventwire.actors.recognize import Chunker

ORG_HEADS = frozenset(
    "union association council party front movement federation committee commission organization organisation "
    "league alliance forum society foundation coalition confederation syndicate brotherhood institute".split()
)
POLITICAL_HEADS = frozenset("party front movement alliance coalition".split())
# "the House Judiciary Committee", "the Federal Election Commission": organs of a state
LEGISLATIVE_WORDS = frozenset("house senate congressional parliamentary legislative judiciary appropriations".split())
STATE_WORDS = frozenset("federal national state".split())
STATE_HEADS = frozenset("committee commission".split())
# words of a name -> the sector it works in (first match wins, so specific words come first)
SECTOR_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("REB", frozenset("liberation revolutionary resistance mujahideen insurgent brigades militia".split())),
    ("GOV", frozenset("anti-corruption electoral ministry governmental security".split())),
    ("EDU", frozenset("teachers students university universities education academic".split())),
    ("LAB", frozenset("workers trade labour labor employees miners dockers unions".split())),
    ("MED", frozenset("journalists press media editors broadcasters reporters".split())),
    ("HLH", frozenset("doctors medical physicians nurses health".split())),
    ("JUD", frozenset("lawyers jurists bar judges legal magistrates".split())),
    ("AGR", frozenset("farmers agricultural peasants".split())),
    ("BUS", frozenset("chamber commerce business employers industry industries bankers manufacturers".split())),
    ("REL", frozenset("islamic muslim christian church churches catholic bishops clergy ulema religious "
                      "evangelical orthodox jewish".split())),
    ("NGO", frozenset("rights liberties democracy peace women humanitarian relief environmental water refugee "
                      "refugees development".split())),
)
# names with these words belong to no one country ("the Third World Water Forum")
TRANSNATIONAL_WORDS = frozenset("international world global african european asian arab regional".split())
JOINERS = frozenset({"of", "for", "and", "the", "-", "&"})


def org_name(ch: Chunker, i: int) -> tuple[int, Actor] | None:
    """The organisation named from token i (after an optional 'the'), as (end, actor), or None."""
    toks = ch.toks
    n = len(toks)
    if ch.low(i) == "the":
        return None  # the name starts after it
    if not ch.is_cap(i):
        return None
    j = i
    head_at = -1
    while j < n and j - i < 10:
        low = ch.low(j)
        if ch.is_cap(j):
            h = ch.covered.get(j)
            if h is not None and h.first("igo", "group", "person", "role", "description"):
                return None  # a listed name, read by the dictionary
            if low in ORG_HEADS:
                head_at = j
            j += 1
            continue
        if low in JOINERS and (head_at >= 0 or low in ("and", "&")) and j > i and j + 1 < n and ch.is_cap(j + 1) \
                and ch.low(j + 1) not in ORG_HEADS:
            j += 1  # "Union of Teachers", "Ways and Means Committee", "Committee for the Protection of Journalists"
            continue
        break
    if head_at < 0 or (head_at == i and j == i + 1):
        return None  # no organisation noun, or the bare noun ("Union said")
    end = j
    while end > head_at + 1 and ch.low(end - 1) in JOINERS:
        end -= 1
    if end < n and ch.low(end) == "(" and end + 2 < n and ch.low(end + 2) == ")" and toks[end + 1].text.isupper():
        end += 3  # "(NUT)"
    words = [ch.low(k) for k in range(i, end)]
    country = None
    for k in range(i, end):
        h = ch.hit_at.get(k)
        lx = h.first("country", "adjective") if h else None
        if lx is not None:
            country = lx.ref
            break
    sector = next((sec for sec, ws in SECTOR_WORDS if any(w in ws for w in words)), None)
    if ch.low(head_at) in STATE_HEADS and any(w in LEGISLATIVE_WORDS for w in words[: head_at - i]):
        sector = "LEG"
    elif ch.low(head_at) in STATE_HEADS and words[0] in STATE_WORDS and sector is None:
        sector = "GOV"
    if sector is None:
        sector = "PTY" if ch.low(head_at) in POLITICAL_HEADS else "NGO"
    if ch.low(head_at) == "party":
        sector = "PTY"  # "the Institutional Revolutionary Party" is a party, whatever its name says
    transnational = country is None and any(w in TRANSNATIONAL_WORDS for w in words)
    name = " ".join(t.text for t in toks[i:end])
    entry = "org:transnational" if transnational else "org:name"
    return end, Actor(name, "organisation", country=country, sector=sector, entry=entry)
