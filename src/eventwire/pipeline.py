"""The pipeline: ordered stages, each a pure function of (resources, article) that sets its fields."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from eventwire.actors.recognize import recognise
from eventwire.dates import find_dates, publication_date
from eventwire.errors import InputError, TooLargeError
from eventwire.events.coder import code_events
from eventwire.ingest.clean import clean
from eventwire.limits import MAX_ARTICLE_CHARS
from eventwire.model import Article, Sentence
from eventwire.nlp.text import split_sentences
from eventwire.places import find_places
from eventwire.quotes import find_quotes, resolve_first_person
from eventwire.quotes_spans import quote_spans
from eventwire.resources.loader import Resources, load_resources

MAX_SENTENCE_TOKENS = 250  # a "sentence" longer than this is a list or unpunctuated text: coded in pieces
MAX_CHARS = MAX_ARTICLE_CHARS  # the default: an article longer than this is rejected (E117), not coded


def stage_clean(res: Resources, art: Article) -> None:
    c = clean(art.raw)
    art.text = c.text
    art.boilerplate = c.boilerplate
    for a in c.authors:
        if a not in art.authors:
            art.authors.append(a)


def cap_sentences(sentences: list[Sentence], text: str, max_tokens: int = MAX_SENTENCE_TOKENS) -> list[Sentence]:
    """Overlong sentences cut into pieces of at most `max_tokens` tokens (at the last comma or semicolon of
    a piece when it has one in its second half). Event coding looks at every pair of mentions in a sentence,
    so one unpunctuated 20,000-word "sentence" would otherwise take minutes; no real sentence is this long."""
    if all(len(s.tokens) <= max_tokens for s in sentences):
        return sentences
    out: list[Sentence] = []
    for sent in sentences:
        toks = sent.tokens
        begin = 0
        while begin < len(toks):
            end = min(begin + max_tokens, len(toks))
            if end < len(toks):
                breaks = [k + 1 for k in range(begin + max_tokens // 2, end) if toks[k].text in (",", ";")]
                end = breaks[-1] if breaks else end
            piece = toks[begin:end]
            for k, t in enumerate(piece):
                t.i = k
            s, e = piece[0].start, piece[-1].end
            out.append(Sentence(len(out), s, e, text[s:e], sent.paragraph, piece))
            begin = end
    return out


def stage_sentences(res: Resources, art: Article) -> None:
    art.sentences = cap_sentences(split_sentences(art.text), art.text)


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
    """Runs the stages over documents with one set of loaded resources; a text over `max_chars`
    characters is refused with a TooLargeError (E117) before any work."""

    def __init__(self, resources: Resources | None = None, max_chars: int = MAX_CHARS) -> None:
        self.resources = resources or load_resources()
        self.max_chars = max_chars

    def __call__(self, text: str, *, id: str | None = None, published: dt.date | str | None = None,
                 title: str | None = None, url: str | None = None, authors: list[str] | None = None,
                 published_source: str | None = None, source_name: str | None = None) -> Article:
        if not isinstance(text, str):
            raise InputError(f"text must be a string, got {type(text).__name__}", where=id)
        if not text.strip():
            raise InputError("the document is empty", where=id)
        if len(text) > self.max_chars:
            raise TooLargeError(f"the document has {len(text):,} characters, more than the limit of "
                                f"{self.max_chars:,}; split it into articles, or raise --max-article-chars", where=id)
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
