"""Input limits: the largest article coded and the most records read from one file.

They keep one pathological input (a 50 MB "article", a JSONL file of a billion lines) from eating the
memory or the hours of a run; what goes over a limit is a coded reject naming the document or file and
the limit, and the rest of the batch goes on. Defaults below, then the environment variables
EVENTWIRE_MAX_ARTICLE_CHARS and EVENTWIRE_MAX_RECORDS, then the CLI options `--max-article-chars` and
`--max-records`, each overriding the one before. Read when a run starts, never at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from eventwire.errors import InputError

MAX_ARTICLE_CHARS = 2_000_000  # characters of article text after extraction (about 2 MB of English)
MAX_RECORDS = 1_000_000  # records (JSONL lines, CSV rows, WARC records, feed items) per file
ENV = {"max_article_chars": "EVENTWIRE_MAX_ARTICLE_CHARS", "max_records": "EVENTWIRE_MAX_RECORDS"}


@dataclass(frozen=True)
class Limits:
    """The limits of one run; both must be positive."""

    max_article_chars: int = MAX_ARTICLE_CHARS
    max_records: int = MAX_RECORDS

    def __post_init__(self) -> None:
        for name in ENV:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise InputError(f"limit {name} must be a positive whole number, got {value!r}")

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **overrides: int | None) -> Limits:
        """The defaults, then the environment, then `overrides` that are not None (CLI options)."""
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for name, var in ENV.items():
            raw = env.get(var)
            if raw is not None and raw.strip():
                try:
                    values[name] = int(raw.replace("_", "").strip())
                except ValueError:
                    raise InputError(f"{var}={raw!r} is not a whole number") from None
            if overrides.get(name) is not None:
                values[name] = int(overrides[name])  # type: ignore[arg-type]
        return cls(**values)


DEFAULT = Limits()
