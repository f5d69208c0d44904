"""Pydantic schemas of the dictionary files; `eventwire validate` checks every entry against them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SECTORS = frozenset(
    ["GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "INS", "SEP", "OPP", "PTY", "PRO", "CVL", "REF", "MED", "BUS", "EDU", "HLH", "REL", "NGO", "LAB", "CRM", "ELI", "AGR", "ENV", "UAF", "IGO"]
)
ISO3 = re.compile(r"^[A-Z]{3}$")
CAMEO = re.compile(r"^\d{2,4}$")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _sector(v: str | None) -> str | None:
    if v is not None and v not in SECTORS:
        raise ValueError(f"unknown sector {v!r}; use one of {' '.join(sorted(SECTORS))}")
    return v


class Seat(_Entry):
    name: str
    sector: str = "GOV"

    _check = field_validator("sector")(classmethod(lambda cls, v: _sector(v)))


class Country(_Entry):
    code: str
    name: str
    names: list[str] = Field(min_length=1)
    historical: list[str] = []
    adjectives: list[str] = []
    demonyms: list[str] = []
    capitals: list[str] = []
    seats: list[Seat] = []
    ambiguous: bool = False
    un: Literal["member", "observer", "none"] = "member"

    @field_validator("code")
    @classmethod
    def _iso3(cls, v: str) -> str:
        if not ISO3.match(v):
            raise ValueError(f"code {v!r} is not an ISO 3166-1 alpha-3 code (three upper-case letters)")
        return v


class Igo(_Entry):
    code: str
    name: str
    acronyms: list[str] = []
    names: list[str] = Field(min_length=1)
    descriptions: list[str] = []
    kind: str = "other"
    parent: str | None = None
    members: list[str] = []
    universal: bool = False
    seat: str | None = None

    @field_validator("members")
    @classmethod
    def _members(cls, v: list[str]) -> list[str]:
        bad = [m for m in v if not ISO3.match(m)]
        if bad:
            raise ValueError(f"members must be ISO3 codes, got {bad}")
        return v


class Role(_Entry):
    title: str
    country: str | None = None
    igo: str | None = None
    sector: str = "GOV"
    valid_from: dt.date
    valid_to: dt.date | None = None

    _check = field_validator("sector")(classmethod(lambda cls, v: _sector(v)))

    @model_validator(mode="after")
    def _one_affiliation(self) -> Role:
        if bool(self.country) == bool(self.igo):
            raise ValueError("a role needs exactly one of country or igo")
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        return self

    def active(self, day: dt.date | None) -> bool:
        if day is None:
            return self.valid_to is None
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Person(_Entry):
    name: str
    aliases: list[str] = []
    gender: Literal["m", "f"] | None = None
    roles: list[Role] = Field(min_length=1)


class Group(_Entry):
    """A named non-state organisation: armed group, party, agency, news agency, NGO."""

    name: str
    aliases: list[str] = []
    acronyms: list[str] = []
    country: str | None = None
    sector: str
    note: str = ""

    _check = field_validator("sector")(classmethod(lambda cls, v: _sector(v)))

    @field_validator("country")
    @classmethod
    def _iso3(cls, v: str | None) -> str | None:
        if v is not None and not ISO3.match(v):
            raise ValueError(f"country {v!r} is not an ISO 3166-1 alpha-3 code")
        return v


class Ethnic(_Entry):
    """An ethnic or religious community: 'Kurds', 'Tamil refugees', 'Shiite militias'. Its members act for no
    state, so the country is where the text places them, else its one homeland when it has only one."""

    label: str
    nouns: list[str] = []  # as written, plural and singular: "Kurds", "Kurd"
    adjectives: list[str] = []  # "Kurdish": counts only before a common noun ("Kurdish fighters")
    countries: list[str] = []  # where the community mainly lives; one entry = its country by default
    religious: bool = False

    @field_validator("countries")
    @classmethod
    def _iso3s(cls, v: list[str]) -> list[str]:
        bad = [c for c in v if not ISO3.match(c)]
        if bad:
            raise ValueError(f"countries {bad} are not ISO 3166-1 alpha-3 codes")
        return v

    @model_validator(mode="after")
    def _forms(self) -> Ethnic:
        if not (self.nouns or self.adjectives):
            raise ValueError("an ethnic entry needs nouns or adjectives")
        return self


class Agent(_Entry):
    sector: str
    label: str
    terms: list[str] = Field(min_length=1)
    plural_only: list[str] = []

    _check = field_validator("sector")(classmethod(lambda cls, v: _sector(v)))


class RoleTitle(_Entry):
    title: str
    forms: list[str] = Field(min_length=1)
    sector: str
    rank: int = Field(ge=1, le=4)
    abbreviations: list[str] = []
    leader: bool = False

    _check = field_validator("sector")(classmethod(lambda cls, v: _sector(v)))


class Pattern(_Entry):
    """One event pattern: a verb or noun trigger, optional continuation, and where the target comes from."""

    id: str
    code: str
    verbs: list[str] = []  # lemmas; inflected forms are generated
    forms: list[str] = []  # extra surface forms (irregular or unusual)
    nouns: list[str] = []  # nominal triggers, surface forms
    after: list[str] = []  # continuation that must follow: words, "a|b" alternatives, "*" = up to 3 tokens
    target: Literal["object", "prep", "none", "complement"] = "object"
    preps: list[str] = []  # prepositions introducing the target when target == "prep"
    reciprocal: bool = False
    intent: bool = False  # expresses intent: its counterpart may come from the surrounding text
    negated: str | None = None  # code when the trigger is negated ("not ready" -> reject)
    requires_source: bool = True
    requires_target: bool = False  # weak nominal triggers code nothing without a recipient
    confidence: float = Field(default=0.8, ge=0, le=1)
    note: str = ""

    @field_validator("code", "negated")
    @classmethod
    def _code(cls, v: str | None) -> str | None:
        if v is not None and not CAMEO.match(v):
            raise ValueError(f"CAMEO code {v!r} must be 2-4 digits as a string, leading zeros kept")
        return v

    @model_validator(mode="after")
    def _trigger(self) -> Pattern:
        if not (self.verbs or self.forms or self.nouns):
            raise ValueError("a pattern needs verbs, forms or nouns")
        if self.target == "prep" and not self.preps:
            raise ValueError("target: prep needs preps")
        return self


class Region(_Entry):
    """A well-known region that is no administrative division (Darfur, Donbas), added to the gazetteer.

    Only regions that lie in one country: the place's country is what an analyst counts events by."""

    name: str
    aliases: list[str] = []
    country: str
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    note: str = ""

    @field_validator("country")
    @classmethod
    def _iso3(cls, v: str) -> str:
        if not ISO3.match(v):
            raise ValueError(f"country {v!r} is not an ISO 3166-1 alpha-3 code")
        return v

    @field_validator("name", "aliases")
    @classmethod
    def _capitalised(cls, v: str | list[str]) -> str | list[str]:
        for n in [v] if isinstance(v, str) else v:
            if not n[:1].isupper():
                raise ValueError(f"{n!r}: a place name is written capitalised, as in text")
        return v


SCHEMAS: dict[str, type[_Entry]] = {
    "countries": Country,
    "igos": Igo,
    "people": Person,
    "groups": Group,
    "agents": Agent,
    "ethnic": Ethnic,
    "roles": RoleTitle,
    "patterns": Pattern,
    "regions": Region,
}
