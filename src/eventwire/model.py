"""The document object that flows through the pipeline, and the records it holds.

Every record keeps its character span into `Article.text` and the id of the rule or pattern that
produced it, so a user can always ask why something was coded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

REALISED = frozenset({"occurred", "planned"})
# CAMEO's codes for named groups that belong to no one country, by sector
TRANSNATIONAL = {"NGO": "NGO", "INS": "IMG", "REB": "IMG", "SEP": "IMG", "UAF": "IMG", "CRM": "IMG"}


def _record(obj: object, exclude: tuple[str, ...] = ()) -> dict[str, Any]:
    """A flat record of a dataclass's fields, for JSON output."""
    return {f.name: getattr(obj, f.name) for f in fields(obj) if f.name not in exclude}  # type: ignore[arg-type]


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str
    i: int  # index in the sentence


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    tokens: list[Token] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)  # per-sentence work shared by stages (dictionary hits)

    def lows(self) -> list[str]:
        """The tokens lower-cased, made once and shared by the stages (read it, never change it)."""
        got = self.cache.get("lows")
        if got is None:
            got = self.cache["lows"] = [t.lower for t in self.tokens]
        return got  # type: ignore[no-any-return]

    def texts(self) -> list[str]:
        """The tokens as written, made once and shared by the stages (read it, never change it)."""
        got = self.cache.get("texts")
        if got is None:
            got = self.cache["texts"] = [t.text for t in self.tokens]
        return got  # type: ignore[no-any-return]


@dataclass(slots=True, frozen=True)
class Actor:
    """A resolved actor identity. Its scoring key is `igo` when set, else `country` (see `key`)."""

    name: str
    kind: str  # person | organisation | country | group
    country: str | None = None
    igo: str | None = None
    sector: str | None = None
    role: str | None = None
    entry: str | None = None  # dictionary entry id, e.g. "country:RUS", "person:jens-stoltenberg"

    @property
    def key(self) -> str | None:
        """Who this is for coding: the organisation, else the country; a named group with no country is a
        transnational NGO ("NGO": Amnesty International) or militant group ("IMG": al-Qaeda), as in CAMEO."""
        if self.igo or self.country:
            return self.igo or self.country
        if self.entry == "org:transnational":  # "the Association of African Jurists"
            return TRANSNATIONAL.get(self.sector or "", "NGO")
        if (self.entry or "").startswith(("group:", "org:")):
            return TRANSNATIONAL.get(self.sector or "")
        return None

    @property
    def code(self) -> str:
        """CAMEO-style actor code: country or IGO, then sector (RUSGOV, NATO, UKRREB)."""
        base = (self.igo or self.country or self.key or ("NGO" if self.sector == "NGO" else "UNK")).replace(" ", "")
        return base + (self.sector or "") if self.sector and self.sector not in ("IGO", base) else base

    def to_dict(self) -> dict[str, Any]:
        return {**_record(self), "code": self.code}


@dataclass(slots=True)
class Mention:
    """A span of text that names one or more actors ("U.S. and Russian diplomats" names two)."""

    sentence: int
    start: int  # character offsets into Article.text
    end: int
    tok_start: int  # token offsets into the sentence
    tok_end: int
    text: str
    actors: list[Actor]
    rule: str
    head: str = ""  # the head word ("diplomats", "Stoltenberg", "he")
    plural: bool = False
    pronoun: bool = False
    possessive: bool = False
    modifier: bool = False  # premodifies a noun ("a Moscow demand", "Russian concerns")
    in_quote: bool = False
    locative: bool = False  # object of a locative preposition ("in Ukraine")


@dataclass(slots=True)
class Evidence:
    sentence: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass(slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str  # city | region | country
    start: int = -1
    end: int = -1
    sentence: int = -1
    rule: str = ""
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _record(self, exclude=("geonameid",))


@dataclass(slots=True)
class DateRef:
    text: str
    start: int
    end: int
    sentence: int
    value: str  # TIMEX3-style: 2022-01-12, 2022-01, 2022-W02, PAST_REF
    precision: str  # day | week | month | year | ref
    rule: str

    @property
    def day(self) -> dt.date | None:
        if self.precision != "day":
            return None
        return dt.date.fromisoformat(self.value)

    def to_dict(self) -> dict[str, Any]:
        return _record(self)


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    sentence: int
    speaker: Actor | None
    speaker_start: int = -1
    speaker_end: int = -1
    cue: str | None = None
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_span": [self.speaker_start, self.speaker_end] if self.speaker_start >= 0 else None,
            "cue": self.cue,
            "rule": self.rule,
        }


@dataclass(slots=True)
class Event:
    source: Actor | None
    target: Actor | None
    code: str  # CAMEO code, leading zeros kept
    plover: str | None
    quad_class: int
    goldstein: float
    status: str  # occurred | planned | negated | hypothetical
    evidence: Evidence
    pattern: str
    confidence: float
    trigger: str = ""
    date: str | None = None
    date_precision: str = "publication"  # day | week | month | year | publication
    place: Place | None = None
    in_quote: bool = False
    reciprocal: bool = False  # both parties do it (met, agreed): one event, read in either direction

    @property
    def root(self) -> str:
        return self.code[:2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.code,
            "root": self.root,
            "plover": self.plover,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "status": self.status,
            "date": self.date,
            "date_precision": self.date_precision,
            "place": self.place.to_dict() if self.place else None,
            "evidence": self.evidence.to_dict(),
            "trigger": self.trigger,
            "pattern": self.pattern,
            "reciprocal": self.reciprocal,
            "confidence": round(self.confidence, 3),
            "in_quote": self.in_quote,
        }


@dataclass(slots=True)
class Reject:
    """An input record that could not be coded, with the reason; a run records it and goes on."""

    where: str  # file, or file:line
    code: str  # error code, e.g. E100
    reason: str

    def to_dict(self) -> dict[str, str]:
        return _record(self)


@dataclass(slots=True)
class Skip(Reject):
    """Input left out on purpose, not an error: a non-English article, a WARC record that is not an HTML
    page. Recorded and counted like a reject (codes S1xx) but does not fail a run; `count` > 1 stands for
    that many records skipped for the same reason."""

    count: int = 1


@dataclass(slots=True)
class Article:
    id: str
    text: str  # body after cleaning; every offset points into this
    raw: str = ""
    published: dt.date | None = None
    published_source: str | None = None  # caller | metadata | dateline
    title: str | None = None
    url: str | None = None
    source_name: str | None = None
    authors: list[str] = field(default_factory=list)
    boilerplate: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    resources: str = ""  # fingerprint of the dictionaries that coded it

    def actors(self) -> list[tuple[Mention, Actor]]:
        return [(m, a) for m in self.mentions for a in m.actors]

    def to_record(self) -> dict[str, Any]:
        """The document record of FORMAT.md (plus provenance fields)."""
        actors = []
        for m in self.mentions:
            for a in m.actors:
                d = a.to_dict()
                d.update({"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence, "rule": m.rule})
                actors.append(d)
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source_name": self.source_name,  # the publication (a page's site name, a feed's title)
            "published": self.published.isoformat() if self.published else None,
            "published_source": self.published_source,
            "authors": list(self.authors),
            "text": self.text,
            "boilerplate": list(self.boilerplate),
            "sentences": [{"index": s.index, "start": s.start, "end": s.end} for s in self.sentences],
            # events that happened or are planned; negated and hypothetical ones did not happen
            "events": [e.to_dict() for e in self.events if e.status in REALISED],
            "unrealised_events": [e.to_dict() for e in self.events if e.status not in REALISED],
            "quotes": [q.to_dict() for q in self.quotes],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
            "actors": actors,
            "resources": self.resources,
        }
