"""Databases for the analysis, web and report tests: the demo corpus coded by the pipeline, and small
databases built row by row so that every count and signal can be worked out by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from eventwire import Pipeline
from eventwire.ingest.readers import read_inputs
from eventwire.model import Article
from eventwire.resources.loader import DATA
from eventwire.runners.local import code_all
from eventwire.store.db import Store

DEMO = DATA / "demo" / "articles.jsonl"
COUNTRY = {"RUS", "UKR", "USA", "FRA", "DEU", "CHN", "IRN", "ISR", "PSE"}


def build_demo_db(path: Path, pipeline: Pipeline) -> Path:
    with Store(path) as store:
        for item in code_all(pipeline, read_inputs([str(DEMO)]), None):
            assert isinstance(item, Article), item
            store.add_article(item, source=item.id)
    return path


def actor_cols(side: str, code: str | None) -> dict[str, Any]:
    """The five stored columns of one side of an event, from an actor code (RUSGOV, UKR, NATO)."""
    if code is None:
        return {f"{side}_{k}": None for k in ("name", "code", "country", "igo", "sector")}
    country = code[:3] if code[:3] in COUNTRY else None
    igo = None if country else code
    sector = code[3:] or None if country else None
    return {f"{side}_name": f"{code} actor", f"{side}_code": code, f"{side}_country": country,
            f"{side}_igo": igo, f"{side}_sector": sector}


def event_row(n: int, source: str | None, target: str | None, day: dt.date | None, *, cameo: str = "190",
              quad_class: int = 4, goldstein: float = -10.0, status: str = "occurred", article: str = "a1",
              text: str = "Troops attacked the town.", place: tuple[str, str, float, float] | None = None,
              plover: str | None = "ASSAULT", **extra: Any) -> dict[str, Any]:
    row = {"id": f"{article}-{n}", "article_id": article, "sentence": 0, **actor_cols("source", source),
           **actor_cols("target", target), "cameo": cameo, "root": cameo[:2], "plover": plover,
           "quad_class": quad_class, "goldstein": goldstein, "status": status, "date": day,
           "date_precision": "day" if day else "month", "trigger": "attacked", "pattern": "test.pattern",
           "confidence": 0.8, "in_quote": False, "evidence_start": 0, "evidence_end": len(text),
           "evidence_text": text}
    if place:
        row.update(dict(zip(("place_name", "place_country", "lat", "lon"), place, strict=True)))
    row.update(extra)
    return row


def make_db(path: Path, events: list[dict[str, Any]], articles: list[dict[str, Any]] | None = None,
            extra_columns: dict[str, str] | None = None, quotes: list[dict[str, Any]] | None = None) -> Path:
    """A database with the store's schema holding exactly these rows (columns named, so new store
    migrations do not break it). `extra_columns` adds event columns the store may not have yet."""
    with Store(path) as store:
        con = store.con
        for name, kind in (extra_columns or {}).items():
            con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {kind}")
        arts = articles or [{"id": a, "doc_id": a, "title": f"Article {a}", "text": "Troops attacked the town.",
                             "published": dt.date(2024, 1, 1)} for a in sorted({e["article_id"] for e in events})]
        for table, rows in (("articles", arts), ("events", events), ("quotes", quotes or [])):
            for r in rows:
                cols = list(r)
                con.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                            list(r.values()))
    return path
