"""The raw document a reader yields: text plus what the source says about it, before any coding."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Doc:
    id: str
    text: str
    where: str  # file, file:line or file#record, for messages
    published: str | None = None
    title: str | None = None
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None  # the publication's name (og:site_name, feed title)
