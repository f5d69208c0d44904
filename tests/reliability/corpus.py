"""Corpora and helpers shared by the subprocess tests: the shipped demo corpus repeated with variations,
the `eventwire` command run in a child process, and the consistency check of a database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

import eventwire
from eventwire.resources.loader import DATA

DEMO = DATA / "demo" / "articles.jsonl"
SRC = str(Path(eventwire.__file__).resolve().parents[1])
CHILD_TABLES = ("sentences", "actors", "events", "quotes", "places", "dates")


def variants(path: Path, copies: int) -> Path:
    """The demo corpus `copies` times, each copy with its own ids and a sentence of its own (new content)."""
    rows = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as out:
        for k in range(copies):
            for r in rows:
                rec = {**r, "id": f"{r.get('id', 'demo')}-v{k}",
                       "text": r["text"] + f"\n\nUpdate {k + 1}: officials said further talks were planned."}
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def child_env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""),
            "PYTHONUNBUFFERED": "1", "COLUMNS": "200"}


def eventwire_cmd(*args: str, prelude: str = "") -> list[str]:
    """The command line running `eventwire ARGS` in a fresh interpreter, after `prelude` (Python code)."""
    code = f"{prelude}\nimport sys\nfrom eventwire.cli.main import app\nsys.argv[0] = 'eventwire'\napp()"
    return [sys.executable, "-c", code, *args]


def run_eventwire(*args: str, prelude: str = "", timeout: float = 300, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(eventwire_cmd(*args, prelude=prelude), capture_output=True, text=True, timeout=timeout,
                          env=child_env(), **kw)


def per_article(db: Path) -> dict[str, tuple[int, ...]]:
    """For each stored article (by content key), its number of rows in every child table; also checks that
    no child row points to an article that is not stored."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        keys = [r[0] for r in con.execute("SELECT id FROM articles").fetchall()]
        out: dict[str, list[int]] = {k: [] for k in keys}
        for t in CHILD_TABLES:
            orphans = con.execute(f"SELECT count(*) FROM {t} WHERE article_id NOT IN (SELECT id FROM articles)"  # noqa: S608 - fixed names
                                  ).fetchone()[0]  # type: ignore[index]
            assert orphans == 0, f"{orphans} {t} row(s) of an article that is not stored"
            counts = dict(con.execute(f"SELECT article_id, count(*) FROM {t} GROUP BY 1").fetchall())  # noqa: S608
            for k in keys:
                out[k].append(counts.get(k, 0))
        return {k: tuple(v) for k, v in out.items()}
    finally:
        con.close()
