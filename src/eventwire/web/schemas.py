"""Response models of the JSON API: they make the OpenAPI schema say what every field holds."""

from __future__ import annotations

import datetime as dt
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list; `total` counts every item over all pages."""

    items: list[T]
    total: int
    page: int
    per_page: int
    pages: int


class ErrorOut(BaseModel):
    error: str = Field(description="bad_parameter | not_found | database_unavailable")
    message: str
    errors: list[dict[str, str]] = Field(default_factory=list, description="one entry per bad parameter")


class Summary(BaseModel):
    database: str
    articles: int
    events: int = Field(description="events that occurred or are planned")
    quotes: int
    first_day: dt.date | None
    last_day: dt.date | None
    schema_version: int | None
    reciprocal_stored: bool = Field(description="the database stores the reciprocal flag of meetings and agreements")
    tone_stored: bool


class EventOut(BaseModel):
    id: str
    article_id: str
    day: dt.date | None = Field(description="the event's date, else its article's publication day")
    date: dt.date | None = Field(description="the event's own date when it has one to the day")
    date_precision: str | None
    source_name: str | None
    source_code: str | None = Field(description="actor code with sector: RUSGOV; null for violence with no doer named")
    source_key: str | None = Field(description="organisation, else country: RUS, NATO")
    target_name: str | None
    target_code: str | None
    target_key: str | None
    cameo: str
    cameo_name: str | None
    root: str
    plover: str | None
    quad_class: int
    goldstein: float
    status: str
    place_name: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    trigger: str | None
    pattern: str = Field(description="the dictionary pattern that fired")
    confidence: float | None
    in_quote: bool | None
    sentence: int
    evidence_start: int
    evidence_end: int
    evidence_text: str
    reciprocal: bool
    title: str | None
    url: str | None
    published: dt.date | None


class EventDetailEvent(EventOut):
    trigger_span: tuple[int, int] | None = Field(description="offsets of the trigger in the article text")


class ArticleOut(BaseModel):
    id: str
    doc_id: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    authors: list[str] | None
    text: str


class MentionOut(BaseModel):
    sentence: int
    start_char: int
    end_char: int
    text: str
    name: str | None
    kind: str | None
    code: str | None
    role: str | None
    rule: str | None


class ArticleQuoteOut(BaseModel):
    sentence: int
    start_char: int
    end_char: int
    text: str
    speaker_name: str | None
    speaker_code: str | None
    cue: str | None
    rule: str | None


class ArticlePlaceOut(BaseModel):
    sentence: int
    start_char: int
    end_char: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    rule: str | None


class EventBrief(BaseModel):
    id: str
    sentence: int
    cameo: str
    plover: str | None
    quad_class: int
    source_code: str | None
    target_code: str | None
    status: str
    trigger: str | None
    pattern: str


class EventDetail(BaseModel):
    event: EventDetailEvent
    article: ArticleOut
    mentions: list[MentionOut]
    quotes: list[ArticleQuoteOut]
    places: list[ArticlePlaceOut]
    events: list[EventBrief] = Field(description="every event coded from the article, any status")


class SeriesRow(BaseModel):
    period: dt.date = Field(description="first day of the period (weeks start on Monday)")
    key: str | None = Field(description="the group: QuadClass, root, PLOVER type, dyad RUS>UKR, pair RUS-UKR, actor")
    events: int
    cooperation: int = Field(description="events of QuadClass 1 and 2")
    conflict: int = Field(description="events of QuadClass 3 and 4")
    goldstein_sum: float | None
    goldstein_mean: float | None
    tone_mean: float | None = Field(description="null: the coder stores no tone")


class ActorRow(BaseModel):
    actor: str
    name: str | None
    events: int
    as_source: int
    as_target: int
    conflict: int
    goldstein_mean: float | None


class DyadRow(BaseModel):
    source: str
    target: str
    reciprocal: bool = Field(description="undirected edge of reciprocal events (meetings, agreements)")
    events: int
    cooperation: int
    conflict: int
    goldstein_sum: float | None
    goldstein_mean: float | None
    tone_mean: float | None


class PlaceRow(BaseModel):
    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    conflict: int
    goldstein_mean: float | None


class EscalationRow(BaseModel):
    source: str
    target: str
    reciprocal: bool
    period: dt.date
    events: int
    intensity: float = Field(description="sum of -Goldstein over the dyad's QuadClass 3-4 events in the period")
    baseline_mean: float | None
    baseline_std: float | None
    signal: float | None = Field(description="(intensity - baseline mean) / (baseline std + 1); null without a full baseline")
    flagged: bool


class EscalationPage(Page[EscalationRow]):
    period: str
    window: int
    threshold: float
    scored_from: dt.date | None = Field(description="first period with a full baseline; null for an empty database")


class QuoteRow(BaseModel):
    article_id: str
    title: str | None
    url: str | None
    published: dt.date | None
    sentence: int
    start_char: int
    end_char: int
    text: str
    speaker_name: str | None
    speaker_code: str | None
    speaker_key: str | None
    cue: str | None
    rule: str | None


class CodeRow(BaseModel):
    code: str
    name: str
    root: str
    plover: str | None
    quad_class: int
    goldstein: float
