"""Actor records built from dictionary entries: countries, organisations, people and their sectors."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Actor
from eventwire.resources.loader import Lex, Resources


def country_actor(res: Resources, code: str, sector: str | None = None, entry: str | None = None) -> Actor:
    c = res.countries.get(code)
    return Actor(c.name if c else code, "country", country=code, sector=sector, entry=entry or f"country:{code}")


def igo_actor(res: Resources, code: str) -> Actor:
    g = res.igos[code]
    short = code if code in g.acronyms else g.name
    return Actor(short, "organisation", igo=code, sector="IGO", entry=f"igo:{code}")


def person_actor(res: Resources, pid: str, day: dt.date | None) -> Actor:
    p = res.people[pid]
    active = [r for r in p.roles if r.active(day)]
    if active:
        role = active[0]
        title = role.title
    else:  # not in office that day: they still act for the last organisation they served
        role = max(p.roles, key=lambda r: r.valid_from)
        title = f"former {role.title}" if day else role.title
    return Actor(p.name, "person", country=role.country, igo=role.igo,
                 sector="IGO" if role.igo else role.sector, role=title, entry=f"person:{pid}")


def lex_actor(res: Resources, lx: Lex, day: dt.date | None) -> Actor | None:
    cat = lx.category
    if cat in ("country", "adjective", "demonym"):
        return country_actor(res, lx.ref)
    if cat in ("capital", "seat"):
        return country_actor(res, lx.ref, lx.sector or "GOV", entry=f"{cat}:{lx.ref}")
    if cat in ("igo", "description"):
        return igo_actor(res, lx.ref) if lx.ref in res.igos else None
    if cat == "person":
        return person_actor(res, lx.ref, day)
    if cat in ("ethnic", "ethnic_adj"):
        e = res.ethnic[lx.ref]
        home = e.countries[0] if len(e.countries) == 1 else None
        return Actor(e.label, "group", country=home, sector="CVL", entry=f"ethnic:{lx.ref}")
    if cat == "group":
        g = res.groups[lx.ref]
        return Actor(g.name, "group", country=g.country, sector=g.sector, entry=f"group:{lx.ref}")
    return None


def with_sector(a: Actor, sector: str | None, kind: str = "group") -> Actor:
    if a.kind == "person":
        return Actor(a.country or a.igo or a.name, kind, country=a.country, igo=a.igo, sector=sector,
                     entry=a.entry)
    return Actor(a.name, kind if a.kind == "country" else a.kind, country=a.country, igo=a.igo,
                 sector=sector if not a.igo else a.sector, entry=a.entry)


# ---------------------------------------------------------------------------- sentence chunking
