"""Load the dictionary files once, validate them, and compile the phrase matcher.

`Resources` is immutable after loading and carries a fingerprint of every data file that built it, so each
coded article records which dictionary version coded it.
"""

from __future__ import annotations

import csv
import gc
import glob
import gzip
import hashlib
import os
import pickle
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import ahocorasick
import yaml
from pydantic import ValidationError

from eventwire.errors import ResourceError
from eventwire.nlp.text import tokenize
from eventwire.resources.schema import (
    SCHEMAS,
    Agent,
    Country,
    Ethnic,
    Group,
    Igo,
    Pattern,
    Person,
    Region,
    RoleTitle,
)

DATA = Path(__file__).parent / "data"
FILES = {
    "countries": "actors/countries.yaml",
    "igos": "actors/igos.yaml",
    "people": "actors/people/*.yaml",
    "groups": "actors/groups.yaml",
    "agents": "actors/agents.yaml",
    "ethnic": "actors/ethnic.yaml",
    "roles": "actors/roles.yaml",
    "patterns": "events/*.yaml",
    "regions": "places/*.yaml",
}
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True, frozen=True)
class Lex:
    """One dictionary phrase: what it names, and the capitalisation it needs in text."""

    category: str  # country | adjective | demonym | capital | seat | igo | description | person | role | agent
    #                ethnic | ethnic_adj
    ref: str  # entry key: ISO3, IGO code, person id, role title, agent label
    tokens: tuple[str, ...]  # the phrase's tokens as written in the dictionary
    sector: str | None = None

    def __reduce__(self) -> tuple[type[Lex], tuple[Any, ...]]:
        return Lex, (self.category, self.ref, self.tokens, self.sector)  # (see GazEntry.__reduce__)


@dataclass(slots=True, frozen=True)
class OntologyRow:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


@dataclass(slots=True, frozen=True)
class GazEntry:
    geonameid: int  # 0 when GeoNames has no id for it (most regions)
    kind: str  # city | region | country
    name: str
    country: str
    admin1: str  # GeoNames first-level division code: a city and its region share it
    lat: float | None
    lon: float | None
    population: int
    curated: bool = False  # from the project's own regions file (places/*.yaml), not generated

    def __reduce__(self) -> tuple[type[GazEntry], tuple[Any, ...]]:
        # pickled as its field values: the compiled-resource cache holds tens of thousands of entries, and the
        # dataclass's own state methods (a `fields()` call per entry) were half of a warm start
        return GazEntry, (self.geonameid, self.kind, self.name, self.country, self.admin1, self.lat, self.lon,
                          self.population, self.curated)


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def phrase_key(phrase: str) -> tuple[str, tuple[str, ...]]:
    toks = tokenize(phrase)
    return " ".join(t.lower for t in toks), tuple(t.text for t in toks)


def read_yaml(path: Path) -> list[Any]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ResourceError(f"not valid YAML: {exc}", where=str(path)) from exc
    if data is None:
        return []
    if not isinstance(data, list):
        raise ResourceError("expected a YAML list of entries", where=str(path))
    return data


def data_files(kind: str, extra: list[Path] | None = None) -> list[Path]:
    roots = [DATA, *(extra or [])]
    out: list[Path] = []
    for root in roots:
        out.extend(Path(p) for p in sorted(glob.glob(str(root / FILES[kind]))))
    return out


@dataclass
class Resources:
    countries: dict[str, Country]
    igos: dict[str, Igo]
    people: dict[str, Person]
    groups: dict[str, Group]
    agents: dict[str, Agent]  # term -> agent
    roles: dict[str, RoleTitle]  # lower form -> title
    ethnic: dict[str, Ethnic]  # slug of label -> community
    patterns: list[Pattern]
    ontology: dict[str, OntologyRow]
    fingerprint: str
    files: list[Path] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)

    # ------------------------------------------------------------------ derived indexes
    @cached_property
    def matcher(self) -> ahocorasick.Automaton:
        """Aho-Corasick automaton over ' token token ' keys; values are lists of Lex."""
        table: dict[str, list[Lex]] = defaultdict(list)

        def add(phrase: str, category: str, ref: str, sector: str | None = None) -> None:
            variants = {phrase}
            if "-" in phrase:
                variants.add(phrase.replace("-", " "))
            for v in variants:
                key, toks = phrase_key(v)
                if key:
                    lex = Lex(category, ref, toks, sector)
                    if lex not in table[key]:
                        table[key].append(lex)

        for c in self.countries.values():
            for n in [*c.names, *c.historical]:
                add(n, "country", c.code)
            for n in c.adjectives:
                add(n, "adjective", c.code)
            for n in c.demonyms:
                add(n, "demonym", c.code)
            for n in c.capitals:
                add(n, "capital", c.code, "GOV")
            for s in c.seats:
                add(s.name, "seat", c.code, s.sector)
        for g in self.igos.values():
            for n in g.acronyms:
                add(n, "igo", g.code)
            for n in g.names:
                add(n, "igo", g.code)
            for n in g.descriptions:
                add(n, "description", g.code)
        for pid, p in self.people.items():
            for n in [p.name, *p.aliases]:
                add(n, "person", pid)
        for gid, g in self.groups.items():
            for n in [g.name, *g.aliases, *g.acronyms]:
                add(n, "group", gid, g.sector)
        for term, a in self.agents.items():
            add(term, "agent", a.label, a.sector)
        for eid, e in self.ethnic.items():
            for n in e.nouns:
                add(n, "ethnic", eid)
            for n in e.adjectives:
                add(n, "ethnic_adj", eid)
        for form, r in self.roles.items():
            add(form, "role", r.title, r.sector)
            for ab in r.abbreviations:
                add(ab, "role", r.title, r.sector)
        auto = ahocorasick.Automaton()
        for key, lexes in table.items():
            auto.add_word(f" {key} ", (key, tuple(lexes)))
        auto.make_automaton()
        return auto

    @cached_property
    def fuzzy(self) -> dict[str, list[tuple[str, Lex]]]:
        """Single-word country names, adjectives and demonyms by their one-letter deletions, to read
        misspellings such as 'Ethopia' or 'Phillippines' (checked against the real edit distance)."""
        out: dict[str, list[tuple[str, Lex]]] = defaultdict(list)
        for c in self.countries.values():
            for cat, names in (("country", c.names), ("adjective", c.adjectives), ("demonym", c.demonyms)):
                for n in names:
                    if " " in n or len(n) < 5 or not n[:1].isupper():
                        continue
                    lex = Lex(cat, c.code, (n,))
                    for v in {n.lower(), *deletions(n.lower())}:
                        out[v].append((n.lower(), lex))
        return dict(out)

    @cached_property
    def surnames(self) -> dict[str, list[str]]:
        """Lower-case surname -> person ids (the last word of every name form)."""
        out: dict[str, list[str]] = defaultdict(list)
        places = {n.lower() for c in self.countries.values() for n in [*c.names, *c.capitals]}
        for pid, p in self.people.items():
            for n in [p.name, *p.aliases]:
                if " of " in n:  # "Hussein of Jordan": a regnal name, not a surname
                    continue
                last = n.split()[-1].lower()
                if last not in places and pid not in out[last]:
                    out[last].append(pid)
        return dict(out)

    @cached_property
    def triggers(self) -> dict[str, list[tuple[Pattern, str]]]:
        """Lower-case surface form -> [(pattern, 'verb'|'noun')]."""
        from eventwire.events.inflect import verb_forms

        out: dict[str, list[tuple[Pattern, str]]] = defaultdict(list)

        def key(form: str) -> str:  # tokens as the tokenizer sees them: "test-fired" -> "test - fired"
            return " ".join(t.lower for t in tokenize(form))

        for p in self.patterns:
            for lemma in p.verbs:
                for f in verb_forms(lemma):
                    out[key(f)].append((p, "verb"))
            for f in p.forms:
                out[key(f)].append((p, "verb"))
            for n in p.nouns:
                out[key(n)].append((p, "noun"))
        return dict(out)

    @cached_property
    def trigger_heads(self) -> frozenset[str]:
        """First words of multi-word triggers, so the coder tries longer windows only where one can start."""
        return frozenset(k.split(" ", 1)[0] for k in self.triggers if " " in k)

    @cached_property
    def trigger_starts(self) -> frozenset[str]:
        """Every word a trigger can start with (a one-word trigger or a phrase's first word), for one look-up
        per token."""
        return frozenset(self.triggers) | self.trigger_heads

    @cached_property
    def country_by_name(self) -> dict[str, str]:
        """A country's name as written -> its code (the first country listing it, in file order)."""
        out: dict[str, str] = {}
        for code, c in self.countries.items():
            for name in c.names:
                out.setdefault(name, code)
        return out

    @cached_property
    def igo_seats(self) -> dict[str, frozenset[str]]:
        """Host city -> the organisations seated there ("Brussels" -> EU, NATO)."""
        seats: dict[str, set[str]] = defaultdict(set)
        for code, g in self.igos.items():
            if g.seat:
                seats[g.seat].add(code)
        return {seat: frozenset(codes) for seat, codes in seats.items()}

    @cached_property
    def gazetteer(self) -> dict[str, list[GazEntry]]:
        """Place name (as written, case kept; also without diacritics) -> entries, most populous first."""
        return load_gazetteer(DATA / "gazetteer.tsv.gz", self.regions)

    @cached_property
    def gazetteer_heads(self) -> frozenset[str]:
        """The first word of every gazetteer name (up to a space or hyphen): a capitalised token not among them
        opens no place name, so the place finder tries no longer spans there."""
        return frozenset(name.split(" ", 1)[0].split("-", 1)[0] for name in self.gazetteer)

    @cached_property
    def country_of_capital(self) -> dict[str, str]:
        return {cap: c.code for c in self.countries.values() for cap in c.capitals}

    @cached_property
    def roles_by_key(self) -> dict[str, list[tuple[str, Any]]]:
        out: dict[str, list[tuple[str, Any]]] = defaultdict(list)
        for pid, p in self.people.items():
            for r in p.roles:
                out[r.igo or r.country or ""].append((pid, r))
        return dict(out)

    def role_holders(self, igo_or_country: str, day: Any) -> list[tuple[str, Any]]:
        """People holding any role for an organisation or country on a given day."""
        return [(pid, r) for pid, r in self.roles_by_key.get(igo_or_country, ()) if r.active(day)]


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def fold(name: str) -> str:
    """The name without diacritics, as English text often writes it: 'Bihār' -> 'Bihar'."""
    if name.isascii():
        return name
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def load_gazetteer(path: Path, regions: list[Region] | None = None) -> dict[str, list[GazEntry]]:
    index: dict[str, list[GazEntry]] = defaultdict(list)

    def add(key: str, e: GazEntry) -> None:
        for k in {key, fold(key)}:
            if not index[k] or index[k][-1] is not e:
                index[k].append(e)

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("geonameid"):
                continue
            gid, kind, name, country, admin1, lat, lon, pop, alts = line.rstrip("\n").split("\t")
            e = GazEntry(int(gid), sys.intern(kind), name, sys.intern(country), sys.intern(admin1),
                         float(lat) if lat else None, float(lon) if lon else None, int(pop or 0))
            add(name, e)
            for a in alts.split("|") if alts else ():
                if a != name and not a.isupper():
                    add(a, e)
    for r in regions or ():
        e = GazEntry(0, "region", r.name, r.country, "", r.lat, r.lon, 0, curated=True)
        for n in [r.name, *r.aliases]:
            add(n, e)
    for entries in index.values():
        entries.sort(key=lambda e: -e.population)
    return dict(index)


def load_ontology(path: Path) -> dict[str, OntologyRow]:
    out = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out[r["code"]] = OntologyRow(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                                         r["plover"] or None, r["plover_mode"] or None)
    return out


def _entries(kind: str, paths: list[Path]) -> list[Any]:
    schema = SCHEMAS[kind]
    out = []
    for path in paths:
        for i, raw in enumerate(read_yaml(path)):
            try:
                out.append(schema.model_validate(raw))
            except ValidationError as exc:
                raise ResourceError(f"entry {i + 1} is invalid: {exc.errors()[0]['msg']}; run `eventwire validate`",
                                    where=str(path)) from exc
    return out


_CACHE: dict[tuple[str, ...], Resources] = {}


def extra_dirs() -> list[Path]:
    env = os.environ.get("EVENTWIRE_DICTIONARIES", "")
    return [Path(p) for p in env.split(os.pathsep) if p]


def _fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


# Bumped whenever the compiled resources change shape (a new compiled index, another pickled form), so a cache
# written by older code is never read with half its indexes missing.
CACHE_FORMAT = 5


def _cache_path(fingerprint: str) -> Path:
    root = Path(os.environ.get("EVENTWIRE_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    py = f"{sys.version_info.major}{sys.version_info.minor}"
    return root / "eventwire" / f"resources-{fingerprint}-f{CACHE_FORMAT}-{py}.pickle"


def resources_fingerprint(extra: list[Path] | None = None) -> str:
    """The fingerprint `load_resources` would give, without loading anything (a hash of the data files)."""
    extra = extra if extra is not None else extra_dirs()
    return _fingerprint(_data_files(extra))


def _data_files(extra: list[Path]) -> list[Path]:
    return [p for kind in FILES for p in data_files(kind, extra)] + [DATA / "ontology.csv", DATA / "gazetteer.tsv.gz"]


def load_resources(extra: list[Path] | None = None) -> Resources:
    """Load (once per process) the packaged dictionaries plus any user dictionary folders.

    The compiled resources (validated entries, automaton, gazetteer index) are cached on disk under the
    fingerprint of every data file, so a changed dictionary is always recompiled and start-up stays short."""
    extra = extra if extra is not None else extra_dirs()
    key = tuple(str(p) for p in extra)
    if key in _CACHE:
        return _CACHE[key]
    files = _data_files(extra)
    fingerprint = _fingerprint(files)
    cache = _cache_path(fingerprint)
    try:
        with cache.open("rb") as fh:
            res = pickle.load(fh)
        if isinstance(res, Resources) and res.fingerprint == fingerprint:
            return _keep(key, res)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        pass  # no cache yet, or one from another version: build afresh
    res = _build(extra, fingerprint, files)
    try:
        res.matcher, res.gazetteer, res.triggers, res.trigger_heads, res.surnames, res.fuzzy  # noqa: B018 - compile
        res.roles_by_key, res.country_of_capital, res.gazetteer_heads, res.trigger_starts, res.igo_seats, res.country_by_name  # noqa: B018
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(res, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)  # atomic: parallel workers never read half a file
    except OSError:
        pass  # a read-only home: run without the cache
    return _keep(key, res)


def _keep(key: tuple[str, ...], res: Resources) -> Resources:
    """Keep the loaded resources for the life of the process. Their few hundred thousand objects are then moved
    out of the garbage collector's reach (`gc.freeze`): they are never garbage, and every full collection would
    otherwise walk them all (about 0.3 ms per article coded)."""
    _CACHE[key] = res
    gc.freeze()
    return res


def _build(extra: list[Path], fingerprint: str, files: list[Path]) -> Resources:
    loaded: dict[str, list[Any]] = {kind: _entries(kind, data_files(kind, extra)) for kind in FILES}
    agents: dict[str, Agent] = {}
    for a in loaded["agents"]:
        for t in a.terms:
            agents[t.lower()] = a
    roles: dict[str, RoleTitle] = {}
    for r in loaded["roles"]:
        for f in r.forms:
            roles[f.lower()] = r
    people: dict[str, Person] = {}
    for p in loaded["people"]:
        pid = slug(p.name)
        if pid in people:  # the same person in two files: merge their roles, once each
            have = {(r.title, r.country, r.igo, r.valid_from) for r in people[pid].roles}
            people[pid].roles.extend(r for r in p.roles if (r.title, r.country, r.igo, r.valid_from) not in have)
            people[pid].aliases.extend(a for a in p.aliases if a not in people[pid].aliases)
        else:
            people[pid] = p
    return Resources(
        countries={c.code: c for c in loaded["countries"]},
        igos={g.code: g for g in loaded["igos"]},
        people=people,
        groups={slug(g.name): g for g in loaded["groups"]},
        agents=agents,
        roles=roles,
        ethnic={slug(e.label): e for e in loaded["ethnic"]},
        patterns=loaded["patterns"],
        ontology=load_ontology(DATA / "ontology.csv"),
        fingerprint=fingerprint,
        files=files,
        regions=loaded["regions"],
    )
