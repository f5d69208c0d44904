"""Event filters shared by the library, the CLI and the web API: checked once, turned into parameterised SQL.

An actor is named by its key or its code: `RUS` matches every actor whose country is Russia (`RUS`, `RUSGOV`,
`RUSMIL`), `NATO` every actor of that organisation, `RUSGOV` only that code. An event's day is its own date,
else the publication day of its article (undated events are reported by then at the latest).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventwire.errors import QueryError
from eventwire.model import REALISED
from eventwire.resources.loader import DATA, OntologyRow, load_ontology

ACTOR = re.compile(r"^[A-Z0-9+][A-Z0-9+ ]{1,31}$")
CAMEO = re.compile(r"^\d{2,4}$")
IDENT = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")  # article and event ids
STATUSES = ("occurred", "planned", "negated", "hypothetical")
PERIODS = ("day", "week", "month")
MAX_PER_PAGE = 500
MAX_TEXT = 200
MAX_ACTORS = 20
DAY = "coalesce(e.date, a.published)"  # the event's day (see the module docstring)
FROM = "events e JOIN articles a ON a.id = e.article_id"
# an actor's key: its organisation, else its country, else its code (transnational groups: NGO, IMG...)
SOURCE_KEY = "coalesce(e.source_igo, e.source_country, e.source_code)"
TARGET_KEY = "coalesce(e.target_igo, e.target_country, e.target_code)"


@cache
def ontology() -> dict[str, OntologyRow]:
    """CAMEO codes with their names, PLOVER type, QuadClass and Goldstein score."""
    return load_ontology(DATA / "ontology.csv")


@cache
def plover_types() -> tuple[str, ...]:
    return tuple(sorted({r.plover for r in ontology().values() if r.plover}))


def actor_code(value: str, param: str = "actor") -> str:
    """An actor key or code, upper-cased; a clear error for anything else."""
    a = value.strip().upper()
    if not ACTOR.match(a):
        raise QueryError(param, f"{value!r} is not an actor key or code (letters and digits: RUS, NATO, USAGOV)")
    return a


def split_list(values: list[str] | tuple[str, ...] | None) -> list[str]:
    """Repeated values, each of which may also be a comma-separated list ("RUS,UKR")."""
    return [part.strip() for v in values or () for part in v.split(",") if part.strip()]


def parse_date(value: str | dt.date | None, param: str) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError(param, f"{value!r} is not a date (YYYY-MM-DD)") from None


def check_period(period: str) -> str:
    if period not in PERIODS:
        raise QueryError("period", f"{period!r} is not a period; use one of {', '.join(PERIODS)}")
    return period


def check_page(page: int, per_page: int, max_per_page: int = MAX_PER_PAGE) -> None:
    if page < 1:
        raise QueryError("page", f"{page} is not a page number (1 or more)")
    if not 1 <= per_page <= max_per_page:
        raise QueryError("per_page", f"{per_page} is out of range (1 to {max_per_page})")


def actor_match(side: str) -> str:
    """SQL matching one side of an event (`source` or `target`) against an actor key or code."""
    return f"(e.{side}_country = ? OR e.{side}_igo = ? OR e.{side}_code = ?)"


@dataclass(frozen=True)
class EventFilter:
    """Which events to read. Build it with `EventFilter.of(...)`, which checks and normalises every value."""

    actors: tuple[str, ...] = ()  # source or target is any of them
    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None  # the two actors, in either direction
    code: str | None = None  # CAMEO code or prefix: 04, 043, 0431
    root: str | None = None  # CAMEO root: 01 ... 20
    plover: str | None = None
    quad_classes: tuple[int, ...] = ()
    place: str | None = None  # place name, or the ISO3 code of its country
    since: dt.date | None = None
    until: dt.date | None = None
    text: str | None = None  # words in the evidence sentence
    statuses: tuple[str, ...] = tuple(sorted(REALISED))
    article: str | None = None

    @classmethod
    def of(cls, *, actors: list[str] | tuple[str, ...] | None = None, source: str | None = None,
           target: str | None = None, dyad: str | None = None, code: str | None = None, root: str | None = None,
           plover: str | None = None, quad_classes: list[int] | tuple[int, ...] | None = None,
           place: str | None = None, since: str | dt.date | None = None, until: str | dt.date | None = None,
           text: str | None = None, statuses: list[str] | tuple[str, ...] | None = None,
           article: str | None = None) -> EventFilter:
        """A checked filter; raises QueryError naming the first bad parameter."""
        acts = tuple(dict.fromkeys(actor_code(a) for a in split_list(actors)))
        if len(acts) > MAX_ACTORS:
            raise QueryError("actor", f"{len(acts)} actors given; at most {MAX_ACTORS}")
        pair = None
        if dyad:
            parts = [p for p in re.split(r"[-,>]", dyad) if p.strip()]
            if len(parts) != 2:
                raise QueryError("dyad", f"{dyad!r} is not two actors joined by '-' (RUS-UKR)")
            pair = (actor_code(parts[0], "dyad"), actor_code(parts[1], "dyad"))
        if code is not None:
            code = code.strip()
            if not CAMEO.match(code) or not any(c.startswith(code) for c in ontology()):
                raise QueryError("code", f"{code!r} is not a CAMEO code or prefix (04, 043, 0431)")
        if root is not None:
            root = root.strip().zfill(2)
            if not (root.isdigit() and len(root) == 2 and root in ontology()):
                raise QueryError("root", f"{root!r} is not a CAMEO root (01 to 20)")
        if plover is not None:
            plover = plover.strip().upper()
            if plover not in plover_types():
                raise QueryError("plover", f"{plover!r} is not a PLOVER type; use one of {', '.join(plover_types())}")
        qcs = tuple(sorted(set(quad_classes or ())))
        for q in qcs:
            if q not in (1, 2, 3, 4):
                raise QueryError("quad_class", f"{q} is not a QuadClass (1 verbal cooperation, 2 material "
                                 "cooperation, 3 verbal conflict, 4 material conflict)")
        if place is not None:
            place = place.strip()
            if not 1 <= len(place) <= 100:
                raise QueryError("place", "give a place name or an ISO3 country code (1 to 100 characters)")
        d0, d1 = parse_date(since, "since"), parse_date(until, "until")
        if d0 and d1 and d0 > d1:
            raise QueryError("until", f"{d1} is before since {d0}")
        if text is not None:
            text = text.strip()
            if not 1 <= len(text) <= MAX_TEXT:
                raise QueryError("text", f"give 1 to {MAX_TEXT} characters to look for")
        sts: tuple[str, ...] = tuple(sorted(REALISED))
        if statuses:
            if "all" in statuses:
                sts = STATUSES
            else:
                for s in statuses:
                    if s not in STATUSES:
                        raise QueryError("status", f"{s!r} is not a status; use {', '.join(STATUSES)} or all")
                sts = tuple(sorted(set(statuses)))
        if article is not None and not IDENT.match(article):
            raise QueryError("article", f"{article!r} is not an article id")
        return cls(actors=acts, source=actor_code(source, "source") if source else None,
                   target=actor_code(target, "target") if target else None, dyad=pair, code=code, root=root,
                   plover=plover, quad_classes=qcs, place=place, since=d0, until=d1, text=text, statuses=sts,
                   article=article)

    def but(self, **changes: Any) -> EventFilter:
        """This filter with some fields replaced (already checked values)."""
        values = {f: getattr(self, f) for f in self.__dataclass_fields__}
        values.update(changes)
        return EventFilter(**values)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over `FROM` (aliases e and a) and its parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.actors:
            marks = ",".join("?" * len(self.actors))
            side = ("(e.{s}_country IN ({m}) OR e.{s}_igo IN ({m}) OR e.{s}_code IN ({m}))")
            conds.append(f"({side.format(s='source', m=marks)} OR {side.format(s='target', m=marks)})")
            params += list(self.actors) * 6
        for side, who in (("source", self.source), ("target", self.target)):
            if who:
                conds.append(actor_match(side))
                params += [who] * 3
        if self.dyad:
            x, y = self.dyad
            conds.append(f"(({actor_match('source')} AND {actor_match('target')}) OR "
                         f"({actor_match('source')} AND {actor_match('target')}))")
            params += [x] * 3 + [y] * 3 + [y] * 3 + [x] * 3
        if self.code:
            conds.append("starts_with(e.cameo, ?)")
            params.append(self.code)
        if self.root:
            conds.append("e.root = ?")
            params.append(self.root)
        if self.plover:
            conds.append("e.plover = ?")
            params.append(self.plover)
        if self.quad_classes:
            conds.append(f"e.quad_class IN ({','.join('?' * len(self.quad_classes))})")
            params += list(self.quad_classes)
        if self.place:
            conds.append("(lower(e.place_name) = lower(?) OR e.place_country = upper(?))")
            params += [self.place, self.place]
        if self.since:
            conds.append(f"{DAY} >= ?")
            params.append(self.since)
        if self.until:
            conds.append(f"{DAY} <= ?")
            params.append(self.until)
        if self.text:
            conds.append("contains(lower(e.evidence_text), lower(?))")
            params.append(self.text)
        conds.append(f"e.status IN ({','.join('?' * len(self.statuses))})")
        params += list(self.statuses)
        if self.article:
            conds.append("e.article_id = ?")
            params.append(self.article)
        return " AND ".join(conds), params
