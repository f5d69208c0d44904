"""Aggregates over the events a filter selects: counts per period, top actors, the dyad network, and the
escalation signal of each dyad against its own trailing baseline.

Escalation, precisely (also in the README). For a dyad (source actor -> target actor, by key) and a period
p (a week by default, Monday to Sunday):

    intensity(p) = sum over the dyad's events in p with QuadClass 3 or 4 of max(0, -Goldstein)
    baseline(p)  = intensity of the `window` periods before p (8 by default; a period without events is 0)
    signal(p)    = (intensity(p) - mean(baseline)) / (std(baseline) + 1)      (population std)
    flagged(p)   = signal(p) >= threshold (2 by default) and intensity(p) > 0

The +1 keeps a quiet dyad's first clash from dividing by zero and damps noise on small counts. The
signal is only computed when the whole baseline lies inside the database (p minus `window` periods is on
or after the first period holding any event): earlier periods get no signal rather than a baseline of
zeros nobody observed. A `since` bound still reads the `window` periods before it for the baseline.
Reciprocal events (meetings, agreements), when the database stores the flag, form one undirected dyad.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from eventwire.analysis.filters import DAY, FROM, EventFilter, check_period
from eventwire.analysis.query import Page, Reader, actor_names, paginate
from eventwire.errors import QueryError

GROUPS = ("none", "quad_class", "root", "plover", "dyad", "pair", "source", "target")
LEVELS = ("key", "code")
ROLES = ("any", "source", "target")


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def shift(start: dt.date, period: str, n: int) -> dt.date:
    """The start of the period `n` periods after the one starting at `start` (n may be negative)."""
    if period == "week":
        return start + dt.timedelta(weeks=n)
    if period == "month":
        months = start.year * 12 + start.month - 1 + n
        return dt.date(months // 12, months % 12 + 1, 1)
    return start + dt.timedelta(days=n)


def _level(level: str) -> tuple[str, str]:
    if level not in LEVELS:
        raise QueryError("level", f"{level!r} is not an actor level; use key (RUS) or code (RUSGOV)")
    if level == "code":
        return "e.source_code", "e.target_code"
    return "coalesce(e.source_igo, e.source_country, e.source_code)", "coalesce(e.target_igo, e.target_country, e.target_code)"


def _dyad_sql(reader: Reader, level: str) -> tuple[str, str, str]:
    """SQL for a dyad's two ends and its reciprocal flag; a reciprocal event's ends are put in name order."""
    s, t = _level(level)
    r = reader.reciprocal
    return (f"CASE WHEN {r} THEN least({s}, {t}) ELSE {s} END",
            f"CASE WHEN {r} THEN greatest({s}, {t}) ELSE {t} END", r)


def _measures(reader: Reader) -> str:
    tone = ", avg(e.tone) AS tone_mean" if reader.has_tone else ", NULL AS tone_mean"
    return ("count(*) AS events, count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation, "
            "count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict, "
            "round(sum(e.goldstein), 3) AS goldstein_sum, round(avg(e.goldstein), 3) AS goldstein_mean" + tone)


def _group_sql(reader: Reader, by: str, level: str) -> tuple[str, str]:
    """SQL for the group key of an event and the condition it needs (a dyad needs both ends)."""
    if by not in GROUPS:
        raise QueryError("by", f"{by!r} is not a grouping; use one of {', '.join(GROUPS)}")
    s, t = _level(level)
    if by == "none":
        return "NULL", ""
    if by == "quad_class":
        return "CAST(e.quad_class AS VARCHAR)", ""
    if by == "root":
        return "e.root", ""
    if by == "plover":
        return "coalesce(e.plover, '-')", ""
    if by in ("dyad", "pair"):
        ds, dt_, r = _dyad_sql(reader, level)
        key = (f"CASE WHEN {r} THEN {ds} || '-' || {dt_} ELSE {s} || '>' || {t} END" if by == "dyad"
               else f"least({s}, {t}) || '-' || greatest({s}, {t})")
        return key, " AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL"
    return (s if by == "source" else t), f" AND e.{by}_code IS NOT NULL"


def series(reader: Reader, flt: EventFilter, period: str = "week", by: str = "none", level: str = "key",
           page: int = 1, per_page: int = 500) -> Page:
    """Events per period (day, week starting Monday, month), optionally split by QuadClass, CAMEO root,
    PLOVER type (`-` for none), dyad (`RUS>UKR`; reciprocal events as `RUS-UKR`), undirected pair
    (`RUS-UKR`), source or target."""
    check_period(period)
    key, extra = _group_sql(reader, by, level)
    where, params = flt.where()
    rows = reader.rows(
        f"SELECT CAST(date_trunc('{period}', {DAY}) AS DATE) AS period, {key} AS key, {_measures(reader)} "
        f"FROM {FROM} WHERE {where}{extra} AND {DAY} IS NOT NULL GROUP BY ALL ORDER BY period, key", params)
    return paginate(rows, page, per_page)


def totals(reader: Reader, flt: EventFilter, by: str = "root", level: str = "key", page: int = 1,
           per_page: int = 500) -> Page:
    """Events per group over the whole selection (the same groups as `series`), largest first."""
    key, extra = _group_sql(reader, by, level)
    where, params = flt.where()
    rows = reader.rows(f"SELECT {key} AS key, {_measures(reader)} FROM {FROM} WHERE {where}{extra} "
                       "GROUP BY ALL ORDER BY events DESC, key", params)
    return paginate(rows, page, per_page)


def top_actors(reader: Reader, flt: EventFilter, role: str = "any", level: str = "key", page: int = 1,
               per_page: int = 50) -> Page:
    """Actors by the number of matching events they take part in (as source, target or either)."""
    if role not in ROLES:
        raise QueryError("role", f"{role!r} is not a role; use any, source or target")
    s, t = _level(level)
    where, params = flt.where()
    sides = []
    if role in ("any", "source"):
        sides.append(f"SELECT e.id, {s} AS actor, e.source_name AS name, 'source' AS role, e.goldstein, e.quad_class "
                     f"FROM {FROM} WHERE {where} AND e.source_code IS NOT NULL")
    if role in ("any", "target"):
        sides.append(f"SELECT e.id, {t} AS actor, e.target_name AS name, 'target' AS role, e.goldstein, e.quad_class "
                     f"FROM {FROM} WHERE {where} AND e.target_code IS NOT NULL")
    rows = reader.rows(
        f"WITH sides AS ({' UNION ALL '.join(sides)}) "
        "SELECT actor, mode(name) AS name, count(DISTINCT id) AS events, "
        "count(DISTINCT id) FILTER (WHERE role = 'source') AS as_source, "
        "count(DISTINCT id) FILTER (WHERE role = 'target') AS as_target, "
        "count(DISTINCT id) FILTER (WHERE quad_class IN (3, 4)) AS conflict, "
        "round(avg(goldstein), 3) AS goldstein_mean FROM sides GROUP BY actor ORDER BY events DESC, actor",
        params * len(sides))
    names = actor_names() if level == "key" else {}
    for r in rows:
        r["name"] = names.get(r["actor"]) or r["name"]
    return paginate(rows, page, per_page)


def dyads(reader: Reader, flt: EventFilter, level: str = "key", page: int = 1, per_page: int = 100) -> Page:
    """The actor network: one edge per dyad with a source and a target, weighted by its events. Reciprocal
    events (when the database stores the flag) make undirected edges, `reciprocal: true`."""
    ds, dt_, r = _dyad_sql(reader, level)
    where, params = flt.where()
    rows = reader.rows(
        f"SELECT {ds} AS source, {dt_} AS target, {r} AS reciprocal, {_measures(reader)} FROM {FROM} "
        f"WHERE {where} AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL "
        "GROUP BY ALL ORDER BY events DESC, source, target", params)
    return paginate(rows, page, per_page)


def escalation(reader: Reader, flt: EventFilter, period: str = "week", window: int = 8, threshold: float = 2.0,
               level: str = "key", flagged_only: bool = False, page: int = 1, per_page: int = 100) -> Page:
    """The escalation signal of every dyad in every period it has events (see the module docstring)."""
    check_period(period)
    if not 2 <= window <= 104:
        raise QueryError("window", f"{window} is out of range (2 to 104 periods)")
    if not (math.isfinite(threshold) and 0 < threshold <= 100):
        raise QueryError("threshold", f"{threshold} is out of range (above 0, at most 100)")
    first = reader.scalar(f"SELECT min({DAY}) FROM {FROM} WHERE e.status IN ('occurred', 'planned')")
    settings = {"period": period, "window": window, "threshold": threshold, "scored_from": None}
    if first is None:
        empty = paginate([], page, per_page)
        empty.extra = settings
        return empty
    scored_from = shift(period_start(first, period), period, window)
    wide = flt.but(since=shift(period_start(flt.since, period), period, -window)) if flt.since else flt
    ds, dt_, r = _dyad_sql(reader, level)
    where, params = wide.where()
    raw = reader.rows(
        f"SELECT {ds} AS source, {dt_} AS target, {r} AS reciprocal, "
        f"CAST(date_trunc('{period}', {DAY}) AS DATE) AS period, count(*) AS events, "
        "sum(CASE WHEN e.quad_class IN (3, 4) THEN greatest(-e.goldstein, 0) ELSE 0 END) AS intensity "
        f"FROM {FROM} WHERE {where} AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL "
        f"AND {DAY} IS NOT NULL GROUP BY ALL", params)
    by_dyad: dict[tuple[str, str, bool], dict[dt.date, dict[str, Any]]] = {}
    for row in raw:
        by_dyad.setdefault((row["source"], row["target"], row["reciprocal"]), {})[row["period"]] = row
    out = []
    low = period_start(flt.since, period) if flt.since else None
    for (src, tgt, rec), periods in by_dyad.items():
        for p, row in periods.items():
            if low and p < low:
                continue
            intensity = float(row["intensity"] or 0.0)
            mean = std = signal = None
            if p >= scored_from:
                base = [float(periods[q]["intensity"] or 0.0) if q in periods else 0.0
                        for q in (shift(p, period, -k) for k in range(1, window + 1))]
                mean = sum(base) / window
                std = math.sqrt(sum((b - mean) ** 2 for b in base) / window)
                signal = round((intensity - mean) / (std + 1.0), 3)
            flagged = signal is not None and signal >= threshold and intensity > 0
            if flagged_only and not flagged:
                continue
            out.append({"source": src, "target": tgt, "reciprocal": rec, "period": p, "events": row["events"],
                        "intensity": round(intensity, 3), "baseline_mean": None if mean is None else round(mean, 3),
                        "baseline_std": None if std is None else round(std, 3), "signal": signal,
                        "flagged": flagged})
    out.sort(key=lambda x: (x["period"], -(x["signal"] or 0.0), x["source"], x["target"]))
    result = paginate(out, page, per_page)
    result.extra = {**settings, "scored_from": scored_from}
    return result
