"""Helpers for the engine tests: every table of a database as sorted rows, without timestamps."""

from __future__ import annotations

from pathlib import Path

import duckdb


def table_rows(db: Path, skip_reject_ids: bool = False) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Each table's rows, sorted, leaving out timestamp columns (when a row was written differs by run)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        out = {}
        for t in tables:
            cols = [name for name, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [t]).fetchall()
                if not kind.startswith("TIMESTAMP") and not (skip_reject_ids and t == "rejects" and name == "id")]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()  # noqa: S608 - names from the catalogue
            out[t] = sorted(rows, key=repr)
        return out
    finally:
        con.close()
