"""The `eventwire` command: thin adapters over the library. Only this package prints."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventwire.errors import EventwireError
from eventwire.ingest.readers import FORMATS, Doc, read_inputs
from eventwire.ingest.tabular import parse_fields
from eventwire.limits import DEFAULT, Limits
from eventwire.model import Article, Reject, Skip
from eventwire.pipeline import Pipeline
from eventwire.runners.local import code_all
from eventwire.store.db import DEFAULT_DB, Store, to_json

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="eventwire: turn news into sourced event data (who did what to whom, when and where).")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True, highlight=False)

Published = Annotated[str | None, typer.Option("--published", help="publication date YYYY-MM-DD for inputs without one")]
InputFormat = Annotated[str | None, typer.Option(
    "--input-format", help=f"read every input as {' | '.join(FORMATS)} (default: from each file's suffix or first bytes)")]
Fields = Annotated[list[str] | None, typer.Option(
    "--field", help="record field for a document field in JSONL/JSON/CSV/TSV, e.g. --field text=body --field published=date")]
AnyLanguage = Annotated[bool, typer.Option("--any-language", help="also code documents that do not look English")]
MaxArticleChars = Annotated[int | None, typer.Option(
    "--max-article-chars", help="reject (E117) an article with more characters of text than this "
    "(default 2,000,000, or EVENTWIRE_MAX_ARTICLE_CHARS)")]
MaxRecords = Annotated[int | None, typer.Option(
    "--max-records", help="read at most this many records of one file, then reject the rest (E116) "
    "(default 1,000,000, or EVENTWIRE_MAX_RECORDS)")]


def _limits(max_article_chars: int | None, max_records: int | None) -> Limits:
    """The run's limits (defaults, environment, options), or a usage error naming the bad one."""
    try:
        return Limits.load(max_article_chars=max_article_chars, max_records=max_records)
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _date(value: str | None, name: str = "--published") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        err.print(f"[red]error:[/red] {name} {value!r} is not a date (YYYY-MM-DD)")
        raise typer.Exit(2) from None


def _report_reject(r: Reject, console: Console | None = None) -> None:
    con = console or err
    if isinstance(r, Skip):
        con.print(f"[dim]skipped {r.where}: [{r.code}] {r.reason}[/dim]", highlight=False)
    else:
        con.print(f"[yellow]rejected[/yellow] {r.where}: [{r.code}] {r.reason}", highlight=False)


def _reader(inputs: list[str], input_format: str | None, fields: list[str] | None,
            any_language: bool, limits: Limits = DEFAULT) -> Iterator[Doc | Reject]:
    """The documents of the inputs, or a usage error for a bad --input-format or --field."""
    if input_format is not None and input_format not in FORMATS:
        err.print(f"[red]error:[/red] unknown input format {input_format!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        mapping = parse_fields(fields)
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    return read_inputs(inputs, fmt=input_format, fields=mapping, english_only=not any_language, limits=limits)


def _skip_summary(skips: dict[str, int]) -> str:
    names = {"S101": "not English", "S102": "not HTML", "S103": "HTTP status not 200"}
    return ", ".join(f"{names.get(code, code)} {n}" for code, n in sorted(skips.items()))


@app.command()
def code(
    inputs: Annotated[list[str], typer.Argument(help="files (text, HTML, JSONL, JSON, CSV, TSV, WARC, RSS/Atom; .gz too), "
                                                  "directories, glob patterns, http(s) addresses, or - for standard input")],
    published: Published = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | table")] = "json",
    input_format: InputFormat = None,
    field: Fields = None,
    any_language: AnyLanguage = False,
    max_article_chars: MaxArticleChars = None,
    max_records: MaxRecords = None,
) -> None:
    """Code documents and print their records (FORMAT.md); exit 1 when any input was rejected."""
    if fmt not in ("json", "jsonl", "table"):
        err.print(f"[red]error:[/red] unknown format {fmt!r}; use json, jsonl or table")
        raise typer.Exit(2)
    day = _date(published)
    limits = _limits(max_article_chars, max_records)
    try:
        pipeline = Pipeline(max_chars=limits.max_article_chars)
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    records, rejects, skips = [], 0, {}  # type: ignore[var-annotated]
    for item in code_all(pipeline, _reader(inputs, input_format, field, any_language, limits), day):
        if isinstance(item, Skip):
            skips[item.code] = skips.get(item.code, 0) + item.count
            _report_reject(item)
            continue
        if isinstance(item, Reject):
            rejects += 1
            _report_reject(item)
            continue
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(item.to_record(), ensure_ascii=False) + "\n")
        elif fmt == "table":
            _print_article(item)
        else:
            records.append(item.to_record())
    if fmt == "json":
        payload = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if skips:
        err.print(f"{sum(skips.values())} input(s) skipped ({_skip_summary(skips)})")
    if rejects:
        err.print(f"{rejects} input(s) rejected")
        raise typer.Exit(1)


def _print_article(art: Article) -> None:
    out.rule(f"[bold]{art.id}[/bold]  {art.published or 'no date'}  {', '.join(art.authors)}")
    t = Table("sent", "source", "code", "target", "status", "date", "place", "trigger", "pattern", show_lines=False)
    for e in art.events:
        t.add_row(str(e.evidence.sentence), e.source.code if e.source else "", f"{e.code} {e.plover or ''}",
                  e.target.code if e.target else "", e.status, e.date or "", e.place.name if e.place else "",
                  e.trigger, e.pattern)
    out.print(t)
    if art.quotes:
        q = Table("speaker", "quote")
        for x in art.quotes:
            q.add_row(x.speaker.name if x.speaker else "?", x.text[:100])
        out.print(q)
    people = sorted({f"{a.name} ({a.role or '-'}, {a.key})" for _, a in art.actors() if a.kind == "person"})
    if people:
        out.print("people: " + "; ".join(people))
    if art.places:
        out.print("places: " + ", ".join(sorted({f"{p.name}/{p.country}" for p in art.places})))


def _ingest(paths: list[str], db: str, day: dt.date | None, quiet: bool = False,
            docs: Iterable[Doc | Reject] | None = None, *, workers: int = 1, engine: str = "local",
            scheduler: str | None = None, batch_size: int = 200, hold_open: bool = False,
            input_format: str | None = None, options: dict[str, Any] | None = None,
            shard_dir: str | None = None, keep_shards: bool = False, partition_size: int = 100,
            limits: Limits = DEFAULT) -> dict[str, Any]:
    """Run an ingest with a progress bar on a terminal (count, rate, ETA when the total is cheap to know)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from eventwire.runners.ingest import count_records, run_id
    from eventwire.runners.ingest import ingest as run_ingest
    from eventwire.runners.local import Stored

    items = docs if docs is not None else read_inputs(paths)
    show = not quiet and err.is_terminal
    total = count_records(paths, input_format) if show else None
    shards = None
    if engine == "dask":
        root = Path(shard_dir) if shard_dir else Path(db + ".shards")
        shards = root / run_id(paths, {"engine": engine, "partition_size": partition_size, **(options or {})})
    columns: list[Any] = [TextColumn("coding"), BarColumn(), MofNCompleteColumn()] if total else [
        TextColumn("coding: {task.completed} records")]
    columns += [TextColumn("{task.fields[rate]:.1f} records/s"), TimeElapsedColumn()]
    if total:
        columns.append(TimeRemainingColumn())
    progress = Progress(*columns, console=err, disable=not show)
    start = time.monotonic()
    with progress:
        task = progress.add_task("ingest", total=total, rate=0.0)
        done = 0

        def on_record(record: Article | Reject | Stored) -> None:
            nonlocal done
            if isinstance(record, Reject) and not quiet:
                _report_reject(record, progress.console)
            done += 1
            elapsed = time.monotonic() - start
            progress.update(task, advance=1, rate=done / elapsed if elapsed > 0 else 0.0)

        stats = run_ingest(items, db, workers=workers, engine=engine, scheduler=scheduler, default_published=day,
                           batch_size=batch_size, hold_open=hold_open, on_record=on_record, shard_dir=shards,
                           keep_shards=keep_shards, partition_size=partition_size,
                           max_chars=limits.max_article_chars)
    result = stats.as_dict()
    result["seconds"] = time.monotonic() - start
    return result


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files (text, HTML, JSONL, JSON, CSV, TSV, WARC, RSS/Atom; .gz too), "
                                                 "directories, glob patterns, http(s) addresses, or -")],
    db: Annotated[str, typer.Option("--db", help="DuckDB file")] = DEFAULT_DB,
    published: Published = None,
    input_format: InputFormat = None,
    field: Fields = None,
    any_language: AnyLanguage = False,
    workers: Annotated[int, typer.Option("--workers", "-w", help="worker processes (1: code in this process)")] = 1,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) | dask")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); "
                                                  "default: a local cluster of --workers processes")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar and no per-record messages")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", help="records written per transaction")] = 200,
    hold_open: Annotated[bool, typer.Option("--hold-open", help="keep the database open between batches "
                                            "(readers such as `eventwire serve` cannot open it meanwhile)")] = False,
    shard_dir: Annotated[str | None, typer.Option("--shard-dir", help="where the dask engine writes its shards "
                                                  "(default: DB.shards; with --scheduler, a directory shared "
                                                  "with every worker)")] = None,
    keep_shards: Annotated[bool, typer.Option("--keep-shards", help="keep the dask shards after loading them")] = False,
    partition_size: Annotated[int, typer.Option("--partition-size", help="documents per dask partition")] = 100,
    max_article_chars: MaxArticleChars = None,
    max_records: MaxRecords = None,
) -> None:
    """Code documents and store them in DuckDB; an article already stored (same content) is skipped, so a
    rerun after an interruption resumes where it stopped."""
    if engine not in ("local", "dask"):
        err.print(f"[red]error:[/red] unknown engine {engine!r}; use local or dask")
        raise typer.Exit(2)
    if workers < 1 or batch_size < 1 or partition_size < 1:
        err.print("[red]error:[/red] --workers, --batch-size and --partition-size must be at least 1")
        raise typer.Exit(2)
    if scheduler and engine != "dask":
        err.print("[red]error:[/red] --scheduler needs --engine dask")
        raise typer.Exit(2)
    limits = _limits(max_article_chars, max_records)
    docs = _reader(paths, input_format, field, any_language, limits)
    day = _date(published)
    options = {"published": published, "input_format": input_format, "field": sorted(field or []),
               "any_language": any_language, "max_article_chars": limits.max_article_chars,
               "max_records": limits.max_records}
    try:
        stats = _ingest(paths, db, day, quiet=quiet, docs=docs, workers=workers, engine=engine, scheduler=scheduler,
                        batch_size=batch_size, hold_open=hold_open, input_format=input_format, options=options,
                        shard_dir=shard_dir, keep_shards=keep_shards, partition_size=partition_size, limits=limits)
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        err.print(f"interrupted: what was written to {db} stays; run the same command again to resume")
        raise typer.Exit(130) from None
    skipped = stats["skipped"]
    skip_text = f", skipped {sum(skipped.values())} ({_skip_summary(skipped)})" if skipped else ""
    rate = stats["seen"] / stats["seconds"] if stats["seconds"] > 0 else 0.0
    parts = (f"; dask partitions computed {stats['partitions_computed']}, reused {stats['partitions_reused']}"
             if engine == "dask" else "")
    err.print(f"stored {stats['stored']}, already present {stats['duplicates']}, rejected {stats['rejected']}{skip_text} "
              f"-> {db} ({stats['seen']} records in {stats['seconds']:.1f}s, {rate:.1f}/s{parts})")
    if stats["rejected"]:
        raise typer.Exit(1)


@app.command()
def events(
    db: Annotated[str, typer.Option("--db", help="DuckDB file")] = DEFAULT_DB,
    actor: Annotated[str | None, typer.Option(help="source or target: ISO3 country, IGO or actor code (RUS, NATO, USAGOV)")] = None,
    code: Annotated[str | None, typer.Option("--code", help="CAMEO code or prefix (04, 043)")] = None,
    since: Annotated[str | None, typer.Option(help="first event date YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="last event date YYYY-MM-DD")] = None,
    limit: Annotated[int, typer.Option(help="most rows to show")] = 100,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table | json")] = "table",
) -> None:
    """List stored events with their evidence."""
    if not Path(db).exists():
        err.print(f"[red]error:[/red] no database at {db}; run `eventwire ingest PATH --db {db}` first")
        raise typer.Exit(2)
    with Store(db, read_only=True) as store:
        rows = store.events(actor=actor, code=code, since=_date(since, "--since"), until=_date(until, "--until"),
                            limit=limit)
    if fmt == "json":
        sys.stdout.write(to_json(rows) + "\n")
        return
    t = Table("date", "source", "code", "target", "place", "evidence", title=f"{len(rows)} events")
    for r in rows:
        t.add_row(str(r["date"] or ""), r["source_code"] or "", f"{r['cameo']} {r['plover'] or ''}",
                  r["target_code"] or "", r["place_name"] or "", f"{r['evidence_text'][:110]}  [dim]({r['pattern']})[/dim]")
    out.print(t)


@app.command()
def demo(db: Annotated[str, typer.Option("--db", help="DuckDB file to create")] = "eventwire-demo.duckdb") -> None:
    """Ingest the shipped demo corpus into a fresh database and summarise what was found."""
    from eventwire.resources.loader import DATA

    corpus = DATA / "demo" / "articles.jsonl"
    for suffix in ("", ".wal"):
        p = Path(db + suffix)
        if p.exists():
            p.unlink()
    stats = _ingest([str(corpus)], db, None)
    with Store(db, read_only=True) as store:
        counts = store.counts()
        t = Table("table", "rows", title=f"demo database {db}")
        for k, v in counts.items():
            t.add_row(k, str(v))
        out.print(t)
        roots = Table("root", "name", "events", title="events by CAMEO root")
        for root, n in store.query("SELECT root, count(*) FROM events WHERE status IN ('occurred', 'planned') GROUP BY root ORDER BY root"):
            from eventwire.resources.loader import load_resources

            name = load_resources().ontology.get(root)
            roots.add_row(root, name.name.title() if name else "", str(n))
        out.print(roots)
        dyads = Table("source", "target", "events", "mean Goldstein", title="top dyads")
        for s, tg, n, g in store.query(
            "SELECT source_code, target_code, count(*) n, round(avg(goldstein), 2) FROM events "
            "WHERE target_code IS NOT NULL AND status IN ('occurred', 'planned') GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10"):
            dyads.add_row(s, tg, str(n), str(g))
        out.print(dyads)
        sample = Table("date", "who", "did", "to whom", "evidence", title="sample events (one per article)")
        for d, s, c, tg, ev in store.query(
            "SELECT date, source_name, cameo || ' ' || coalesce(plover, ''), target_name, evidence_text FROM events "
            "WHERE target_code IS NOT NULL AND root NOT IN ('01') AND status IN ('occurred', 'planned') "
            "QUALIFY row_number() OVER (PARTITION BY article_id ORDER BY confidence DESC, sentence) = 1 "
            "ORDER BY date LIMIT 12"):
            sample.add_row(str(d), s, c, tg or "", ev[:70] + ("..." if len(ev) > 70 else ""))
        out.print(sample)
    err.print(f"stored {stats['stored']} articles; query them with `eventwire events --db {db} --actor RUS`")


@app.command()
def explain(
    text: Annotated[str, typer.Argument(help="a sentence or short text to explain, or - to read standard input")],
    published: Published = None,
) -> None:
    """Show, for a text, its tokens, the actors found and the pattern that produced (or failed to produce) each event."""
    from eventwire.pipeline import explain as run

    if text == "-":
        text = sys.stdin.read()
    try:
        art, trace = run(text, published=_date(published))
    except EventwireError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    for sent in art.sentences:
        out.rule(f"sentence {sent.index}")
        out.print("tokens: " + " ".join(f"{t.text}[dim]/{t.i}[/dim]" for t in sent.tokens))
        acts = Table("span", "actors", "rule", title="actors")
        for m in (m for m in art.mentions if m.sentence == sent.index):
            acts.add_row(m.text, ", ".join(f"{a.code} ({a.name}{', ' + a.role if a.role else ''})" for a in m.actors) or "-",
                         m.rule)
        out.print(acts)
        trig = Table("trigger", "pattern", "code", "sources", "target", "outcome", title="event triggers")
        for row in (r for r in trace if r["sentence"] == sent.index):
            trig.add_row(row["trigger"], row["pattern"], row["code"], ", ".join(row["sources"]) or "-",
                         row["target"] or "-", row["outcome"])
        out.print(trig)


@app.command()
def benchmark(
    file: Annotated[Path | None, typer.Argument(help="JSONL(.gz) of articles with a 'text' field")] = None,
    limit: Annotated[int, typer.Option(help="articles to read")] = 1000,
    repeats: Annotated[int, typer.Option(help="timed repeats (after a warm-up)")] = 3,
    workers: Annotated[int, typer.Option(help="also time this many worker processes")] = 2,
) -> None:
    """Measure articles/s and tokens/s of the full pipeline against spaCy's blank tokenizer + sentencizer."""
    from eventwire.bench.throughput import benchmark as run

    path = file or Path("../shared/bench/news_5000.jsonl.gz")
    if not path.exists():
        err.print(f"[red]error:[/red] no benchmark file at {path}; give one as the first argument")
        raise typer.Exit(2)
    res = run(path, limit=limit, repeats=repeats, workers=workers)
    t = Table("run", "articles/s", "tokens/s", "spread", "CPU ms/article",
              title=f"{res['articles']} articles, {res['tokens']:,} tokens")
    for r in res["runs"]:
        t.add_row(r["name"], str(r["articles_per_s"]), f"{r['tokens_per_s']:,}", f"{r['spread']:.1%}",
                  str(r["cpu_ms_per_article"]))
    out.print(t)
    if "ratio_vs_spacy_blank" in res:
        out.print(f"eventwire / spaCy blank: {res['ratio_vs_spacy_blank']:.2f}x (wall clock), "
                  f"{res['cpu_ratio_vs_spacy_blank']:.2f}x (CPU time)")
    else:
        out.print("spaCy baseline not measured: install it with `pip install -e '.[bench]'`")
    sc = res["scaling"]
    if sc:
        n = sc["workers"]
        out.print(f"1 worker {sc['articles_per_s_1']} articles/s, {n} workers {sc[f'articles_per_s_{n}']} articles/s: "
                  f"{sc['speedup']:.2f}x")
    st = res["startup_seconds"]
    out.print(f"start-up {st['warm']} s warm (compiled-resource cache), {st['cold']} s cold; "
              f"peak RSS {res['peak_rss_mb']} MB")
    sys.stdout.write(json.dumps(res) + "\n")


@app.command()
def validate(
    dictionaries: Annotated[list[Path] | None, typer.Argument(help="extra dictionary folders to check with the packaged ones")] = None,
) -> None:
    """Check every dictionary entry against its schema; report each problem with file and line."""
    from eventwire.resources.validate import validate as run

    checked, problems = run(list(dictionaries or []))
    for p in problems:
        err.print(str(p), highlight=False)
    err.print(f"{checked} entries checked, {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(1)


from eventwire.cli.export import register as register_export  # noqa: E402 - eventwire export
from eventwire.cli.views import register  # noqa: E402 - the analyst commands: query, serve, report

register(app)
register_export(app)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
