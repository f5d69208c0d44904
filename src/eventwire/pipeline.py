"""The pipeline: ordered stages, each a pure function of (resources, article) that sets its fields."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.actors.recognize import recognise
from eventwire.dates import find_dates, publication_date
from eventwire.errors import InputError
from eventwire.events.coder import code_events
from eventwire.ingest.clean import clean
from eventwire.model import Article
from eventwire.nlp.text import split_sentences
from eventwire.places import find_places
from eventwire.quotes import find_quotes, resolve_first_person
from eventwire.quotes_spans import quote_spans
from eventwire.resources.loader import Resources, load_resources

MAX_CHARS = 1_000_000  # an article longer than this is rejected, not coded


def stage_clean(res: Resources, art: Article) -> None:
    c = clean(art.raw)
    art.text = c.text
    art.boilerplate = c.boilerplate
    for a in c.authors:
        if a not in art.authors:
            art.authors.append(a)


def stage_sentences(res: Resources, art: Article) -> None:
    art.sentences = split_sentences(art.text)


def stage_dates(res: Resources, art: Article) -> None:
    if art.published is None:  # a date the document states itself: its address, its dateline
        art.published, art.published_source = publication_date(art.text, art.url)
    art.dates = find_dates(art.sentences, art.published)


def stage_actors(res: Resources, art: Article) -> None:
    art.mentions = recognise(res, art.sentences, art.published, quote_spans(art.text))


def stage_places(res: Resources, art: Article) -> None:
    art.places = find_places(res, art.sentences, art.mentions)


def stage_quotes(res: Resources, art: Article) -> None:
    art.quotes = find_quotes(art.text, art.sentences, art.mentions, quote_spans(art.text))
    resolve_first_person(art.quotes, art.mentions)


def stage_events(res: Resources, art: Article) -> None:
    art.events = code_events(res, art)


@dataclass(frozen=True)
class Stage:
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Callable[[Resources, Article], None]


STAGES: tuple[Stage, ...] = (
    Stage("clean", ("raw",), ("text", "boilerplate", "authors"), stage_clean),
    Stage("sentences", ("text",), ("sentences",), stage_sentences),
    Stage("dates", ("sentences",), ("dates", "published"), stage_dates),
    Stage("actors", ("sentences",), ("mentions",), stage_actors),
    Stage("places", ("sentences", "mentions"), ("places",), stage_places),
    Stage("quotes", ("sentences", "mentions"), ("quotes",), stage_quotes),
    Stage("events", ("sentences", "mentions", "quotes", "dates", "places"), ("events",), stage_events),
)


def _check_order(stages: tuple[Stage, ...]) -> None:
    have = {"raw"}
    for s in stages:
        missing = [r for r in s.requires if r not in have]
        if missing:
            raise RuntimeError(f"stage {s.name} needs {missing} before it runs")
        have.update(s.assigns)


_check_order(STAGES)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Pipeline:
    """Runs the stages over documents with one set of loaded resources."""

    def __init__(self, resources: Resources | None = None) -> None:
        self.resources = resources or load_resources()

    def __call__(self, text: str, *, id: str | None = None, published: dt.date | str | None = None,
                 title: str | None = None, url: str | None = None, authors: list[str] | None = None,
                 published_source: str | None = None, source_name: str | None = None) -> Article:
        if not isinstance(text, str):
            raise InputError(f"text must be a string, got {type(text).__name__}", where=id)
        if not text.strip():
            raise InputError("the document is empty", where=id)
        if len(text) > MAX_CHARS:
            raise InputError(f"the document has {len(text):,} characters, more than the limit of {MAX_CHARS:,}; "
                             "split it into articles", where=id)
        if isinstance(published, str):
            try:
                published = dt.date.fromisoformat(published[:10])
            except ValueError as exc:
                raise InputError(f"published date {published!r} is not YYYY-MM-DD", where=id) from exc
        art = Article(id=id or content_hash(text), text="", raw=text, published=published,
                      published_source=published_source or ("caller" if published else None), title=title, url=url,
                      authors=list(authors or []), source_name=source_name, resources=self.resources.fingerprint)
        for stage in STAGES:
            stage.run(self.resources, art)
        return art


def explain(text: str, published: dt.date | str | None = None, pipeline: Pipeline | None = None) -> tuple[Article, list[dict]]:  # type: ignore[type-arg]
    """Code a text and return, with the article, what happened to every event trigger and why."""
    pipe = pipeline or Pipeline()
    art = pipe(text, published=published)
    trace: list[dict] = []  # type: ignore[type-arg]
    code_events(pipe.resources, art, trace)
    return art, trace


def code(text: str, published: dt.date | str | None = None, **kw: object) -> Article:
    """Code one article: the library's main entry point."""
    return Pipeline()(text, published=published, **kw)  # type: ignore[arg-type]
