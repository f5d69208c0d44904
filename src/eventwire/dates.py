"""Date expressions: found in the text, normalised to TIMEX3-style values against the publication date.

Weekdays resolve with the tense of their clause: "conferred on Monday" is the Monday before publication,
"will discuss the crisis Friday" the coming Friday. Nothing is invented: an expression the rules cannot
resolve keeps a reference value (PAST_REF, FUTURE_REF) and no day.
"""

from __future__ import annotations

import datetime as dt
import re

from eventwire.events.inflect import IRREGULAR
from eventwire.model import DateRef, Sentence

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
               "oct": 10, "nov": 11, "dec": 12})
_MON = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DATE_RX = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b)
  | (?P<mdy>\b(?P<m1>{_MON})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y1>(?:19|20)\d\d))?\b)
  | (?P<dmy>\b(?P<d2>[0-3]?\d)\s+(?P<m2>{_MON})(?:,?\s+(?P<y2>(?:19|20)\d\d))?\b)
  | (?P<my>\b(?P<m3>{_MON})(?:\s+of)?,?\s+(?P<y3>(?:19|20)\d\d)\b)
  | (?P<wd>\b(?:(?P<wmod>last|next|this|on|later|earlier|early|late)\s+)?(?P<w>{_WD})\b)
  | (?P<rel>\b(?P<rword>today|yesterday|tomorrow|tonight)\b)
  | (?P<per>\b(?P<pmod>this|last|next|past|coming)\s+(?P<punit>week|month|year|weekend)\b)
  | (?P<ago>\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?P<aunit>day|week|month|year)s?\s+ago\b)
  | (?P<mon>\b(?:in|since|until|by|early|late|mid-?|last|next|this)\s+(?P<m4>January|February|March|April|June|July|August|September|October|November|December)\b(?!,?\s+(?:[0-3]?\d\b|(?:19|20)\d\d)))
  | (?P<quarter>\b(?:the\s+)?(?P<qord>first|second|third|fourth)[-\s]quarter\b)
  | (?P<fiscal>\bfiscal\s+(?P<fy>(?:19|20)\d\d)\b)
  | (?P<year>\b(?:(?:in|since|until|by|of|during|early|late|mid-?|before|after)\s+)?(?P<y5>(?:19|20)\d\d)\b(?![%\d,.]\d))
  | (?P<month>\b(?P<m5>January|February|March|April|June|July|August|September|October|November|December)\b(?!\s+[0-3]?\d\b|,?\s+(?:19|20)\d\d))
  | (?P<ref>\b(?P<rw>now|currently|current|recently|recent|the\s+past|the\s+future|soon|nowadays|these\s+days)\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)
NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10}
FUTURE = frozenset(["will", "'ll", "shall"])
FUTURE_PHRASES = re.compile(r"\b(?:expected|scheduled|due|set|planning|plans?|going|poised|slated) to\b|\b(?:is|are) to\b|\bupcoming\b|\bnext\b", re.I)
_PAST_IRREGULAR = frozenset(f for forms in IRREGULAR.values() for f in forms) - {"is", "are", "being", "am", "has", "having", "does", "doing", "goes", "put", "set", "cut", "let", "hit", "read", "shut", "quit", "bid", "cast", "spread", "hurt"}
_BOUNDARY = frozenset({",", ";", "\u2014", "--", "but", "while", "whereas", ":"})


def clause_window(sent: Sentence, tok: int) -> list[str]:
    """Lower-cased tokens of the clause around token index `tok` (commas, 'but', dashes end a clause)."""
    toks = sent.tokens
    a = tok
    while a > 0 and toks[a - 1].lower not in _BOUNDARY:
        a -= 1
    b = tok
    while b < len(toks) and toks[b].lower not in _BOUNDARY:
        b += 1
    return [t.lower for t in toks[a:b]]


def tense(words: list[str], text: str = "") -> str:
    """'future', 'past' or 'present' for a clause."""
    if any(w in FUTURE for w in words) or FUTURE_PHRASES.search(" ".join(words)):
        return "future"
    for w in words:
        if (w.endswith("ed") and len(w) > 4 and w not in ("need", "speed", "indeed", "red", "bed")) or w in _PAST_IRREGULAR:
            return "past"
    return "present"


def near_tense(sent: Sentence, tok: int) -> str | None:
    """Tense of the verb right before a date ('said Friday', 'will meet Friday'), when there is one."""
    toks = sent.lows()
    j = tok - 1
    while j >= 0 and toks[j] in ("on", "late", "early", "last", "this", "next", "later", "earlier", "directly", "again"):
        j -= 1
    for k in range(j, max(-1, j - 3), -1):
        w = toks[k]
        if w in FUTURE or (k > 0 and toks[k - 1] in FUTURE):
            return "future"
        if (w.endswith("ed") and len(w) > 4) or w in _PAST_IRREGULAR:
            return "past"
        if w in (",", ".", ";"):
            break
    return None


def _weekday(day: dt.date, target: int, when: str, mod: str) -> dt.date:
    if mod == "next":
        return day + dt.timedelta(days=((target - day.weekday()) % 7) or 7)
    if mod == "last":
        return day - dt.timedelta(days=((day.weekday() - target) % 7) or 7)
    if when == "future":
        return day + dt.timedelta(days=(target - day.weekday()) % 7)
    if when == "past" or mod == "earlier":
        return day - dt.timedelta(days=(day.weekday() - target) % 7)
    # present tense: the nearest such day
    fwd = (target - day.weekday()) % 7
    back = (day.weekday() - target) % 7
    return day + dt.timedelta(days=fwd) if fwd < back else day - dt.timedelta(days=back)


def _shift_month(day: dt.date, months: int) -> tuple[int, int]:
    m = day.month - 1 + months
    return day.year + m // 12, m % 12 + 1


def _infer_year(pub: dt.date | None, month: int, when: str) -> int | None:
    if pub is None:
        return None
    if when == "future" and month < pub.month - 1:
        return pub.year + 1
    if when != "future" and month > pub.month + 1:
        return pub.year - 1
    return pub.year


def _value(m: re.Match[str], pub: dt.date | None, when: str) -> tuple[str, str, str] | None:
    """(value, precision, rule) for one match, or None when it cannot be normalised."""
    g = m.groupdict()
    if g["iso"]:
        return f"{g['iy']}-{g['im']}-{g['id']}", "day", "date.iso"
    if g["mdy"] or g["dmy"]:
        mon = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        d = int(g["d1"] or g["d2"])
        year = g["y1"] or g["y2"]
        y = int(year) if year else _infer_year(pub, mon, when)
        if y is None:
            return f"XXXX-{mon:02d}-{d:02d}", "day", "date.month-day"
        try:
            return dt.date(y, mon, d).isoformat(), "day", "date.month-day"
        except ValueError:
            return None
    if g["my"]:
        return f"{g['y3']}-{MONTHS[g['m3'].lower().rstrip('.')]:02d}", "month", "date.month-year"
    if g["wd"]:
        if pub is None:
            return None
        target = WEEKDAYS.index(g["w"].lower())
        return _weekday(pub, target, when, (g["wmod"] or "").lower()).isoformat(), "day", "date.weekday"
    if g["rel"]:
        if pub is None:
            return None
        w = g["rword"].lower()
        delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[w]
        return (pub + dt.timedelta(days=delta)).isoformat(), "day", "date.relative"
    if g["per"]:
        if pub is None:
            return None
        mod, unit = g["pmod"].lower(), g["punit"].lower()
        step = {"this": 0, "coming": 1, "next": 1, "last": -1, "past": -1}[mod]
        if unit in ("week", "weekend"):
            d = pub + dt.timedelta(weeks=step)
            iso = d.isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}", "week", "date.period"
        if unit == "month":
            y, mo = _shift_month(pub, step)
            return f"{y}-{mo:02d}", "month", "date.period"
        return f"{pub.year + step}", "year", "date.period"
    if g["ago"]:
        if pub is None:
            return None
        n = NUMBERS.get(g["n"].lower()) or int(g["n"]) if g["n"].isdigit() or g["n"].lower() in NUMBERS else 1
        unit = g["aunit"].lower()
        if unit == "day":
            return (pub - dt.timedelta(days=n)).isoformat(), "day", "date.ago"
        if unit == "week":
            iso = (pub - dt.timedelta(weeks=n)).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}", "week", "date.ago"
        if unit == "month":
            y, mo = _shift_month(pub, -n)
            return f"{y}-{mo:02d}", "month", "date.ago"
        return f"{pub.year - n}", "year", "date.ago"
    if g["mon"]:
        mon = MONTHS[g["m4"].lower()]
        y = _infer_year(pub, mon, when)
        if y is None:
            return None
        return f"{y}-{mon:02d}", "month", "date.month"
    if g["year"]:
        return g["y5"], "year", "date.year"
    if g["fiscal"]:
        return g["fy"], "year", "date.fiscal-year"
    if g["quarter"]:
        if pub is None:
            return None
        q = {"first": 1, "second": 2, "third": 3, "fourth": 4}[g["qord"].lower()]
        current = (pub.month - 1) // 3 + 1
        year = pub.year if q <= current or when == "future" else pub.year - 1
        return f"{year}-Q{q}", "quarter", "date.quarter"
    if g["month"]:
        mon = MONTHS[g["m5"].lower()]
        y = _infer_year(pub, mon, when)
        return (f"{y}-{mon:02d}" if y else f"XXXX-{mon:02d}"), "month", "date.month"
    if g["ref"]:
        w = " ".join(g["rw"].lower().split())
        value = {"now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
                 "these days": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF", "the past": "PAST_REF",
                 "the future": "FUTURE_REF", "soon": "FUTURE_REF"}[w]
        return value, "ref", "date.reference"
    return None


ANCHORS = frozenset(
    set(MONTHS) | set(WEEKDAYS)
    | set("""today yesterday tomorrow tonight this last next past coming in since until by of during early late mid
    mid- on later earlier one two three four five six seven eight nine ten a first second third fourth fiscal now
    currently current recently recent nowadays these soon""".split())
)
THE_NEXT = frozenset("first second third fourth past future".split())
# Anchors that only lead into a date ("in", "last", "a", "first"): DATE_RX can match at one only when the next word
# is a number, a month, a weekday, a unit or 'quarter' (after an optional hyphen), so a cheap look there comes first.
WEAK_ANCHORS = frozenset("""this last next past coming in since until by of during early late mid on later earlier
    one two three four five six seven eight nine ten a first second third fourth fiscal these""".split())
_AFTER_WEAK = re.compile(
    r"-?\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|day|week|month|year|quarter)|-quarter",
    re.IGNORECASE,
)


def _candidates(sent: Sentence) -> list[re.Match[str]]:
    """Date matches tried only at tokens that can open one (a month, a weekday, a number, 'last', ...):
    far cheaper than scanning every character with the whole pattern."""
    found: list[re.Match[str]] = []
    toks = sent.tokens
    until = -1
    for k, t in enumerate(toks):
        w = t.lower
        if w not in ANCHORS:  # (no anchor ends with a period, so an anchor as written needs no stripping)
            if w[-1:] == ".":
                w = w.rstrip(".")  # "Jan."
            if not (w in ANCHORS or t.text[:1].isdigit() or (w == "the" and k + 1 < len(toks) and toks[k + 1].lower in THE_NEXT)):
                continue
        if w in WEAK_ANCHORS and not _AFTER_WEAK.match(sent.text, t.end - sent.start):
            continue  # "in the", "a new": no date can start here
        pos = t.start - sent.start
        if pos < until:
            continue
        m = DATE_RX.match(sent.text, pos)
        if m and m.end() > pos:
            found.append(m)
            until = m.end()
    return found


def find_dates(sentences: list[Sentence], pub: dt.date | None) -> list[DateRef]:
    out: list[DateRef] = []
    for sent in sentences:
        for m in _candidates(sent):
            if m.group("mon") and m.group("m4").lower() == "may" or (m.group("mdy") and not m.group("m1")[0].isupper()):
                continue
            start = sent.start + m.start()
            end = sent.start + m.end()
            # trim a leading preposition from the span ("in 2021" -> "2021"; "on Monday" keeps "Monday")
            text = m.group()
            lead = re.match(r"(?:in|since|until|by|of|during|on|before|after)\s+", text, re.I)
            if lead and (m.group("year") or m.group("mon") or m.group("wd")):
                start += lead.end()
                text = text[lead.end():]
            tok = next((t.i for t in sent.tokens if t.start >= start), len(sent.tokens) - 1)
            when = near_tense(sent, tok) or tense(clause_window(sent, tok))
            v = _value(m, pub, when)
            if v is None:
                continue
            out.append(DateRef(text, start, end, sent.index, v[0], v[1], v[2]))
    return out


# ---------------------------------------------------------------------------- publication dates from the text
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|-|$)")
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'\-]{1,40},(?:\s+[A-Z][A-Za-z.]+,)?\s+"  # "MOSCOW," / "Kyiv, Ukraine,"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b"
)


def publication_date(text: str, url: str | None = None) -> tuple[dt.date | None, str | None]:
    """A publication date the document states itself, for documents that came without one: a date in the
    address ('/2022/01/12/'), else a dateline with its year ('KYIV, Jan. 12, 2022 (Reuters) -'). A dateline
    without a year gives nothing: the year is never guessed."""
    if url:
        m = _URL_DATE.search(url)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "url"
            except ValueError:
                pass
    first = text.lstrip()[:120]
    m = _DATELINE.match(first)
    if m:
        month = MONTHS.get(m.group("month").lower().rstrip("."))
        if month:
            try:
                return dt.date(int(m.group("year")), month, int(m.group("day"))), "dateline"
            except ValueError:
                pass
    return None, None
