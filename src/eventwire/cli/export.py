"""`eventwire export`: write a stored table as Parquet, CSV, GDELT 2.0 TSV, PLOVER JSON Lines or GeoJSON."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from eventwire.errors import EventwireError
from eventwire.store.db import DEFAULT_DB
from eventwire.store.exports import FORMATS, TABLES
from eventwire.store.exports import export as run_export

err = Console(stderr=True, soft_wrap=True, highlight=False)


def export(
    out: Annotated[str, typer.Option("--out", help="file to write")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=" | ".join(FORMATS))],
    db: Annotated[str, typer.Option("--db", help="DuckDB file")] = DEFAULT_DB,
    table: Annotated[str | None, typer.Option(
        "--table", help=f"{' | '.join(TABLES)} (default: events for parquet and csv, merged for the others; "
                        "gdelt takes events, merged or mentions)")] = None,
    since: Annotated[str | None, typer.Option(help="first event day YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="last event day YYYY-MM-DD")] = None,
    actor: Annotated[str | None, typer.Option(help="source or target (speaker for quotes): RUS, NATO, USAGOV")] = None,
) -> None:
    """Export events, merged events, mentions, quotes or any stored table to a file."""
    try:
        res = run_export(db, fmt, out, table=table, since=since, until=until, actor=actor)
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {escape(str(exc))}")
        raise typer.Exit(2) from None
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {escape(out)}: {escape(exc.strerror or str(exc))}")
        raise typer.Exit(2) from None
    left = f" ({res.left_out} left out: {res.left_out_reason})" if res.left_out else ""
    err.print(escape(f"{res.rows} {res.table} rows as {res.format}{left} -> {res.path}"))


def register(app: typer.Typer) -> None:
    app.command("export")(export)
