"""The local runner: code documents one after another with one pipeline, turning failures into rejects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from eventwire.errors import EventwireError
from eventwire.ingest.readers import Doc
from eventwire.model import Article, Reject
from eventwire.pipeline import Pipeline


def code_doc(pipeline: Pipeline, doc: Doc, default_published: dt.date | None = None) -> Article | Reject:
    """Code one document; any failure becomes a Reject naming the document and the reason."""
    try:
        return pipeline(doc.text, id=doc.id, published=doc.published or default_published, title=doc.title,
                        url=doc.url, authors=doc.authors, source_name=doc.site,
                        published_source="metadata" if doc.published else ("caller" if default_published else None))
    except EventwireError as exc:
        return Reject(doc.where, exc.code, exc.reason)
    except Exception as exc:  # a bug must not stop the batch: record it and go on
        return Reject(doc.where, "E900", f"internal error while coding: {type(exc).__name__}: {exc}")


def code_all(pipeline: Pipeline, items: Iterable[Doc | Reject],
             default_published: dt.date | None = None) -> Iterator[Article | Reject]:
    for item in items:
        yield item if isinstance(item, Reject) else code_doc(pipeline, item, default_published)
