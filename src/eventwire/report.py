"""Situation reports: the key events between some actors in order, their key quotes with speakers, a dyad
trend chart, counts by type and the evidence of every key event, as one self-contained HTML file (inline
CSS and SVG, no script) or Markdown. `build` gathers, `render_html` and `render_markdown` only render.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from html import escape
from itertools import permutations
from typing import Any

from eventwire import __version__
from eventwire.analysis.aggregates import dyads, escalation, period_start, series, shift, totals
from eventwire.analysis.chart import line_chart
from eventwire.analysis.filters import EventFilter, check_period
from eventwire.analysis.query import Reader, actor_names, name_of
from eventwire.errors import QueryError

QUAD_CLASSES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
MAX_TREND_DYADS = 6
MAX_SCAN = 5000  # events read to choose the key ones


@dataclass
class Report:
    actors: tuple[str, ...]
    names: dict[str, str]
    since: dt.date | None
    until: dt.date | None
    period: str
    database: str
    filter: EventFilter
    generated: dt.datetime
    overview: dict[str, Any]
    periods: list[dt.date] = field(default_factory=list)
    trend: dict[str, list[float]] = field(default_factory=dict)  # dyad -> events per period
    key_events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    by_root: list[dict[str, Any]] = field(default_factory=list)
    by_plover: list[dict[str, Any]] = field(default_factory=list)
    by_quad_class: list[dict[str, Any]] = field(default_factory=list)
    escalations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def title(self) -> str:
        who = ", ".join(self.actors)
        span = f"{self.since or self.overview.get('first_day') or '...'} to {self.until or self.overview.get('last_day') or '...'}"
        return f"Situation report: {who}, {span}"


def _auto_period(first: dt.date | None, last: dt.date | None) -> str:
    if not first or not last:
        return "week"
    days = (last - first).days
    return "day" if days <= 62 else "week" if days <= 730 else "month"


def _trend_dyads(reader: Reader, flt: EventFilter, actors: tuple[str, ...]) -> list[tuple[str, str]]:
    """The dyads to chart: those between the report's actors when they have events, else the busiest
    dyads involving them."""
    if len(actors) >= 2:
        found = [(s, t) for s, t in permutations(actors, 2)
                 if reader.events(flt.but(actors=(), source=s, target=t), per_page=1).total]
        if found:
            return found[:MAX_TREND_DYADS]
    rows = dyads(reader, flt, per_page=50).items
    return [(r["source"], r["target"]) for r in rows if r["source"] != r["target"]][:4]


def _score(ev: dict[str, Any], actors: tuple[str, ...]) -> float:
    """How much an event matters for the report: events between the report's actors first, then the
    strongest (|Goldstein|), then the surest."""
    ends = {ev["source_key"], ev["source_code"]}, {ev["target_key"], ev["target_code"]}
    between = any(a in ends[0] for a in actors) and any(a in ends[1] for a in actors)
    return (10.0 if between else 0.0) + abs(ev["goldstein"] or 0.0) + (ev["confidence"] or 0.0)


def build(reader: Reader, actors: list[str] | tuple[str, ...], since: str | dt.date | None = None,
          until: str | dt.date | None = None, period: str = "auto", max_events: int = 25,
          max_quotes: int = 15) -> Report:
    """Gather a report on the events involving `actors` (keys or codes) between `since` and `until`."""
    flt = EventFilter.of(actors=list(actors), since=since, until=until)
    if not flt.actors:
        raise QueryError("actor", "name at least one actor (RUS, NATO, USAGOV)")
    if period != "auto":
        check_period(period)
    if not (1 <= max_events <= 500 and 1 <= max_quotes <= 500):
        raise QueryError("max_events", "give 1 to 500 events and quotes")
    where, params = flt.where()
    ov = reader.rows(
        "SELECT count(*) AS events, count(DISTINCT e.article_id) AS articles, "
        "count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict, "
        "count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation, round(avg(e.goldstein), 2) AS goldstein_mean, "
        "min(coalesce(e.date, a.published)) AS first_day, max(coalesce(e.date, a.published)) AS last_day "
        f"FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}", params)[0]
    chosen = _auto_period(flt.since or ov["first_day"], flt.until or ov["last_day"]) if period == "auto" else period
    names = actor_names()
    rep = Report(actors=flt.actors, names={a: names.get(a, a) for a in flt.actors}, since=flt.since,
                 until=flt.until, period=chosen, database=reader.path, filter=flt,
                 generated=dt.datetime.now().replace(microsecond=0), overview=ov)
    if not ov["events"]:
        return rep

    # the dyad trend, dense over the periods of the report
    start = period_start(flt.since or ov["first_day"], chosen)
    end = period_start(flt.until or ov["last_day"], chosen)
    periods = [start]
    while periods[-1] < end and len(periods) < 2000:
        periods.append(shift(periods[-1], chosen, 1))
    rep.periods = periods
    for s, t in _trend_dyads(reader, flt, flt.actors):
        rows = series(reader, flt.but(actors=(), source=s, target=t), period=chosen, per_page=500).items
        counts = {r["period"]: float(r["events"]) for r in rows}
        rep.trend[f"{s} → {t}"] = [counts.get(p, 0.0) for p in periods]

    # key events, chosen by importance, shown in date order
    scanned: list[dict[str, Any]] = []
    page = 1
    while len(scanned) < MAX_SCAN:
        got = reader.events(flt, page=page, per_page=500)
        scanned += got.items
        if page >= got.pages:
            break
        page += 1
    best = sorted(scanned, key=lambda e: -_score(e, flt.actors))[:max_events]
    rep.key_events = sorted(best, key=lambda e: (e["day"] or dt.date.min, e["article_id"], e["sentence"], e["id"]))

    # key quotes of the actors: those from the key events' articles first, then the rest; in date order
    quotes = reader.quotes(flt.actors, since=flt.since, until=flt.until, per_page=500).items
    key_articles = {e["article_id"] for e in rep.key_events}
    quotes.sort(key=lambda q: (q["article_id"] not in key_articles, q["published"] or dt.date.min))
    rep.quotes = sorted(quotes[:max_quotes], key=lambda q: (q["published"] or dt.date.min, q["article_id"], q["start_char"]))

    rep.by_root = totals(reader, flt, by="root").items
    for r in rep.by_root:
        r["name"] = (name_of(r["key"]) or "").capitalize()
    rep.by_plover = totals(reader, flt, by="plover").items
    rep.by_quad_class = sorted(totals(reader, flt, by="quad_class").items, key=lambda r: r["key"])
    charted = {tuple(k.split(" → ")) for k in rep.trend}
    esc = escalation(reader, flt, period="week", flagged_only=True, per_page=500).items
    rep.escalations = [r for r in esc if (r["source"], r["target"]) in charted or len(charted) == 0][:20]
    return rep


# ---------------------------------------------------------------------- rendering
CSS = """
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1d232b; max-width: 62rem;
       margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #d9dde3; }
.meta, small { color: #5d6672; } table { border-collapse: collapse; margin: .5rem 0; font-size: 14px; }
th, td { text-align: left; padding: .2rem .6rem; border-bottom: 1px solid #eceef1; vertical-align: top; }
th { color: #5d6672; font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { width: 100%; height: auto; max-width: 760px; }
ol.events li { margin: .4rem 0; } .code { font-family: ui-monospace, Menlo, monospace; font-size: 13px; }
.qc1, .qc2 { color: #2f6db5; } .qc3, .qc4 { color: #c8453a; }
blockquote { margin: .5rem 0 .8rem; padding: .2rem .8rem; border-left: 3px solid #7b4fb0; color: #3a2466; }
.evidence { margin: .6rem 0 1rem; } .evidence p { margin: .2rem 0; } mark { background: #fff1b8; }
"""


def _link(url: str | None) -> str | None:
    return url if url and re.match(r"https?://", url) else None


def _dyad(ev: dict[str, Any]) -> str:
    arrow = "and" if ev.get("reciprocal") else "→"
    src = ev["source_name"] or "no doer named"
    return f"{src} ({ev['source_code'] or '-'}) {arrow} {ev['target_name'] or '-'} ({ev['target_code'] or '-'})" \
        if ev["target_code"] else f"{src} ({ev['source_code'] or '-'})"


def _evidence_html(ev: dict[str, Any]) -> str:
    """The evidence sentence, escaped, with its trigger marked."""
    text, trig = ev["evidence_text"], (ev["trigger"] or "").strip()
    m = re.search(r"\b" + re.escape(trig) + r"\b", text, re.IGNORECASE) if trig else None
    if not m:
        return escape(text)
    return escape(text[:m.start()]) + "<mark>" + escape(m.group(0)) + "</mark>" + escape(text[m.end():])


def render_html(rep: Report, link_base: str | None = None) -> str:
    """The report as one HTML file. `link_base` (the dashboard's address, or "" for the same server) adds a
    link from every key event to its page with the highlighted article."""
    e = escape
    ov = rep.overview
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(rep.title)}</title><style>{CSS}</style></head><body>",
           f"<h1>{e(rep.title)}</h1>",
           f'<p class="meta">Actors: {e(", ".join(f"{a} ({rep.names[a]})" for a in rep.actors))}; the events '
           "where one of them is the source or the target. "
           f"Database {e(rep.database)}, generated {e(rep.generated.isoformat(sep=' '))} by eventwire {e(__version__)}.</p>"]
    if not ov["events"]:
        out.append("<p>No events match.</p></body></html>")
        return "\n".join(out)
    out.append(f"<p><b>{ov['events']}</b> events in <b>{ov['articles']}</b> articles from {ov['first_day']} to "
               f"{ov['last_day']}: {ov['conflict']} conflict, {ov['cooperation']} cooperation, mean Goldstein "
               f"{ov['goldstein_mean']}.</p>")

    out.append('<h2 id="trend">Dyad trend</h2>')
    if rep.trend:
        out.append(line_chart(rep.periods, rep.trend, title=f"events per {rep.period} by dyad", unit="events"))
        out.append(f"<p><small>Events per {e(rep.period)} (weeks start on Monday) for each dyad, source → target."
                   "</small></p>")
    else:
        out.append("<p>No dyad with both a source and a target.</p>")
    if rep.escalations:
        out.append("<p>Flagged escalation (weekly conflict intensity against its trailing 8-week baseline, signal ≥ 2):</p><ul>")
        for r in rep.escalations:
            out.append(f"<li>week of {r['period']}: {e(r['source'])} → {e(r['target'])}, intensity {r['intensity']:g}, "
                       f"signal {r['signal']:g}</li>")
        out.append("</ul>")

    out.append(f'<h2 id="key-events">Key events <small>({len(rep.key_events)} of {ov["events"]}, in date order)</small></h2>'
               '<ol class="events">')
    for ev in rep.key_events:
        out.append(f'<li><b>{ev["day"]}</b> {e(_dyad(ev))}: <span class="code qc{ev["quad_class"]}">{e(ev["cameo"])} '
                   f'{e(ev["cameo_name"] or "")}</span> {e(ev["plover"] or "")} <small>(Goldstein {ev["goldstein"]:g}'
                   f'{", planned" if ev["status"] == "planned" else ""})</small> '
                   f'<a href="#ev-{e(ev["id"])}">evidence</a></li>')
    out.append("</ol>")

    out.append('<h2 id="quotes">Key quotes</h2>')
    if rep.quotes:
        for q in rep.quotes:
            src = f' <a href="{e(u)}">{e(q["title"] or "article")}</a>' if (u := _link(q["url"])) else f" {e(q['title'] or '')}"
            out.append(f'<blockquote class="quote">“{e(q["text"])}”<br><small>— <b class="speaker">'
                       f'{e(q["speaker_name"] or "unknown")}</b> ({e(q["speaker_code"] or "-")}), {q["published"]},{src}</small></blockquote>')
    else:
        out.append("<p>No quotes by these actors.</p>")

    out.append('<h2 id="counts">Counts by type</h2><table><tr><th>QuadClass</th><th>events</th></tr>')
    for r in rep.by_quad_class:
        out.append(f'<tr><td class="qc{r["key"]}">{r["key"]} {QUAD_CLASSES.get(int(r["key"]), "")}</td><td class="num">{r["events"]}</td></tr>')
    out.append("</table><table><tr><th>CAMEO root</th><th>events</th><th>mean Goldstein</th></tr>")
    for r in rep.by_root:
        out.append(f'<tr><td>{e(r["key"])} {e(r["name"])}</td><td class="num">{r["events"]}</td><td class="num">{r["goldstein_mean"]}</td></tr>')
    out.append("</table><table><tr><th>PLOVER type</th><th>events</th></tr>")
    for r in rep.by_plover:
        out.append(f'<tr><td>{e(r["key"] if r["key"] != "-" else "none (CAMEO 01, 02)")}</td><td class="num">{r["events"]}</td></tr>')
    out.append("</table>")

    out.append('<h2 id="evidence">Evidence</h2>')
    for ev in rep.key_events:
        links = []
        if (u := _link(ev["url"])) is not None:
            links.append(f'<a href="{e(u)}">original article</a>')
        if link_base is not None:
            links.append(f'<a href="{e(link_base)}/events/{e(ev["id"])}#evidence">highlighted in the dashboard</a>')
        out.append(f'<div class="evidence" id="ev-{e(ev["id"])}"><p><b>{ev["day"]}</b> {e(_dyad(ev))}, '
                   f'{e(ev["cameo"])} {e(ev["cameo_name"] or "")}; pattern <span class="code">{e(ev["pattern"])}</span>, '
                   f'trigger “{e(ev["trigger"] or "")}”</p><blockquote>{_evidence_html(ev)}</blockquote>'
                   f'<p><small>{e(ev["title"] or "")} ({ev["published"]}) {" · ".join(links)}</small></p></div>')
    out.append("</body></html>")
    return "\n".join(out)


def _md(text: Any) -> str:
    """Text safe inside a Markdown table cell or line: no raw HTML, no table breaks."""
    return escape(str(text if text is not None else ""), quote=False).replace("|", "\\|").replace("\n", " ")


def render_markdown(rep: Report, link_base: str | None = None) -> str:
    """The report as Markdown; the trend is a table (one row per period with events)."""
    ov = rep.overview
    out = [f"# {_md(rep.title)}", "",
           f"Actors: {_md(', '.join(f'{a} ({rep.names[a]})' for a in rep.actors))}; the events where one of them "
           f"is the source or the target. Database {_md(rep.database)}, generated "
           f"{rep.generated.isoformat(sep=' ')} by eventwire {__version__}.", ""]
    if not ov["events"]:
        return "\n".join([*out, "No events match.", ""])
    out += [f"**{ov['events']}** events in **{ov['articles']}** articles from {ov['first_day']} to {ov['last_day']}: "
            f"{ov['conflict']} conflict, {ov['cooperation']} cooperation, mean Goldstein {ov['goldstein_mean']}.", "",
            "## Dyad trend", ""]
    if rep.trend:
        names = list(rep.trend)
        out += [f"Events per {rep.period} (periods without events left out).", "",
                "| period | " + " | ".join(_md(n) for n in names) + " |", "|---" * (len(names) + 1) + "|"]
        for i, p in enumerate(rep.periods):
            vals = [rep.trend[n][i] for n in names]
            if any(vals):
                out.append(f"| {p} | " + " | ".join(f"{v:g}" for v in vals) + " |")
        out.append("")
    for r in rep.escalations:
        out.append(f"- escalation flagged, week of {r['period']}: {_md(r['source'])} → {_md(r['target'])}, "
                   f"intensity {r['intensity']:g}, signal {r['signal']:g}")
    out += ["", "## Key events", ""]
    for i, ev in enumerate(rep.key_events, 1):
        link = (f"{link_base}/events/{ev['id']}#evidence" if link_base is not None else _link(ev["url"]))
        out.append(f"{i}. **{ev['day']}** {_md(_dyad(ev))}: {ev['cameo']} {_md(ev['cameo_name'] or '')} "
                   f"{ev['plover'] or ''} (Goldstein {ev['goldstein']:g}; pattern `{ev['pattern']}`, trigger "
                   f"\"{_md(ev['trigger'] or '')}\")" + (f" [evidence]({link})" if link else ""))
        out.append(f"   > {_md(ev['evidence_text'])}")
    out += ["", "## Key quotes", ""]
    for q in rep.quotes:
        out.append(f"> “{_md(q['text'])}”  ")
        out.append(f"> — **{_md(q['speaker_name'] or 'unknown')}** ({_md(q['speaker_code'] or '-')}), "
                   f"{q['published']}, {_md(q['title'] or '')}")
        out.append("")
    if not rep.quotes:
        out += ["No quotes by these actors.", ""]
    out += ["## Counts by type", "", "| QuadClass | events |", "|---|---|"]
    out += [f"| {r['key']} {QUAD_CLASSES.get(int(r['key']), '')} | {r['events']} |" for r in rep.by_quad_class]
    out += ["", "| CAMEO root | events | mean Goldstein |", "|---|---|---|"]
    out += [f"| {r['key']} {_md(r['name'])} | {r['events']} | {r['goldstein_mean']} |" for r in rep.by_root]
    out += ["", "| PLOVER type | events |", "|---|---|"]
    out += [f"| {_md(r['key'])} | {r['events']} |" for r in rep.by_plover]
    return "\n".join(out) + "\n"
