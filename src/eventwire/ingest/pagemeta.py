"""What a web page declares and shows about its article: title, authors and dates.

Declared: JSON-LD (the article's own object), meta tags, the address. Shown: the headline, the byline,
the date printed next to them. The reader (html.py) prefers what the page shows when it agrees with what
it declares; see its docstring for the order.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

ARTICLE_TYPES = ("article", "blogposting", "report", "posting")
SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "button", "select", "option"}
_CAPTION_TAGS = {"figure", "figcaption", "picture", "img"}  # a photo caption's date is when the photo was taken
_CAPTION_CLASS = re.compile(r"(?<![a-z])(?:caption|credit)")  # 'wp-caption', 'image__credit', not 'accreditation'

_MONTHS = {m: i for i, names in enumerate([
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")], 1) for m in names}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
SHOWN_DATE_RULES = [
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),  # Dec. 22, 2023
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I),  # 22 December 2023
    re.compile(r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)\b"),  # 2023-12-22
]
URL_DATE_RULES = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?:[/-]|$)"),  # /2023/12/22/
    re.compile(r"[/_-](?P<year>(?:19|20)\d\d)(?P<month>[01]\d)(?P<day>[0-3]\d)(?:[/_-]|\d{4,}|\.html?|$)"),  # /20231222/
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mname>[a-z]{3})/(?P<day>[0-3]?\d)/", re.I),  # /2023/dec/21/
    re.compile(r"/(?P<year>20\d\d)/(?P<month>[01]\d)/(?P<yy>\d\d)(?P=month)(?P<day>[0-3]\d)\d+"),  # /2023/12/231218130031
]
_PUBLISHED_META = ("article:published_time", "datepublished", "og:published_time", "published_time",
                   "publishdate", "pubdate", "publish-date", "publication_date", "parsely-pub-date",
                   "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date", "date", "article.published")
_MODIFIED_META = ("article:modified_time", "datemodified", "og:updated_time", "modified_time", "last-modified",
                  "dcterms.modified", "article.updated")
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "byline")
_GENERIC_AUTHOR = re.compile(
    r"\b(?:staff|correspondents?|editors?|editorial|team|desk|newsroom|contributors?|admin|reporters?|"
    r"writers?|news service|web|digital|company|inc|ltd|llc|group)\s*$|^(?:published|updated|posted|by)\b", re.I)
_PARTICLES = frozenset("van von de da del der di la le du bin ibn al el y dos das st.".split())
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " • ")
_STOP = frozenset("a an the of in on at to for and or but is are was were be with by from as its it this that".split())


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("\u2019", "'").replace("'s ", " "))


def squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _date(year: str, month: str | int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_timestamp(value: Any) -> dt.date | None:
    """The calendar date of an ISO-like timestamp as written (in the publisher's offset, not UTC)."""
    if not isinstance(value, str):
        return None
    m = re.match(r"\s*((?:19|20)\d\d)[-/ ]?([01]\d)[-/ ]?([0-3]\d)", value)
    if m:
        return _date(*m.groups())
    return shown_date(value)


def shown_date(text: str) -> dt.date | None:
    """The first full date written out in a text ('Dec. 22, 2023', '22 December 2023', '2023-12-22')."""
    return next(iter(_find_dates(text)), None)


def url_date(url: str | None) -> dt.date | None:
    if not url:
        return None
    path = urlparse(url).path
    for rx in URL_DATE_RULES:
        m = rx.search(path)
        if m:
            g = m.groupdict()
            if g.get("yy") and g["yy"] != g["year"][2:]:
                continue
            month = _MONTHS.get(g["mname"].lower()) if g.get("mname") else g["month"]
            d = _date(g["year"], month or 0, g["day"])
            if d:
                return d
    return None


# ------------------------------------------------------------------ declared metadata

def json_ld(tree: Any) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, flattened out of lists and @graph."""
    out: list[dict[str, Any]] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, list):
            for x in obj:
                walk(x)
        elif isinstance(obj, dict):
            out.append(obj)
            walk(obj.get("@graph"))

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            walk(json.loads(script.text_content(), strict=False))
        except (ValueError, RecursionError):
            continue
    return out


def _types(obj: dict[str, Any]) -> list[str]:
    t = obj.get("@type")
    return [str(x).lower() for x in (t if isinstance(t, list) else [t]) if x]


def main_object(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON-LD object describing the article itself (NewsArticle, BlogPosting, ...), else the web page."""
    for want in (ARTICLE_TYPES, ("webpage",)):
        for obj in objects:
            if any(t.endswith(w) for t in _types(obj) for w in want) and (obj.get("headline") or obj.get("datePublished")):
                return obj
    return {}


def meta_tags(tree: Any) -> dict[str, list[str]]:
    """Meta tags by name or property; itemprop ones under 'itemprop:' (in the body they often describe a
    picture or a related item rather than the article)."""
    found: dict[str, list[str]] = {}
    for el in tree.xpath("//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("http-equiv") or "").strip().lower()
        if not key and el.get("itemprop"):
            key = "itemprop:" + el.get("itemprop").strip().lower()
        value = squash(el.get("content"))
        if key and value:
            found.setdefault(key, []).append(value)
    return found


def person_names(value: Any) -> list[str]:
    """Person names from a JSON-LD author value; organisations are not authors of an article."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [n for v in value for n in person_names(v)]
    if isinstance(value, dict):
        types = _types(value)
        if types and not any(t == "person" for t in types):
            return []
        return person_names(value.get("name"))
    return []


def clean_authors(raw: list[str], exclude: set[str]) -> list[str]:
    """Split and tidy author strings; drop addresses, generic staff credits and the publication's name."""
    out: list[str] = []
    for value in raw:
        value = squash(value)
        if "://" in value or value.startswith("www."):
            continue
        value = re.sub(r"^(?:by|view all posts by|written by|posted by)\s+", "", value, flags=re.I)
        value = re.split(r"\s*\|\s*|\s+[-\u2013\u2014]\s+", value)[0]  # 'Name | Outlet', 'Name - Role'
        for name in re.split(r"\s*(?:[,;/&]|\band\b)\s*", value):
            name = name.strip(" .-\u2013\u2014:")
            if not name or len(name) > 60 or "@" in name or "://" in name or name.startswith("www."):
                continue
            if re.search(r"\d", name) or len(name.split()) > 5 or _GENERIC_AUTHOR.search(name):
                continue
            if name.lower() in exclude or name.lower().startswith("the ") and name.lower()[4:] in exclude:
                continue
            words = name.split()
            if not all(w[0].isupper() or w.lower() in _PARTICLES or (0 < i < len(words) - 1 and w in ("of", "for", "the"))
                       for i, w in enumerate(words)):
                continue  # a name is capitalised ('Follow us', 'read more' are not names)
            if name.lower() not in (n.lower() for n in out):
                out.append(name)
    return out


# the page's headings, <h1> first, then elements marked as headlines (some pages keep <h1> for their logo)
HEADLINE_XPATH = ('//h1 | //*[not(self::h1) and not(self::meta) and (@itemprop="headline" or contains(@class, "headline"))]'
                   '[not(ancestor::h1)]')
_BYLINE_XPATH = (
    '//*[@rel="author" or @itemprop="author" or contains(@class, "byline") or contains(@class, "Byline")'
    ' or contains(@class, "author-name") or contains(@class, "authorName") or contains(@class, "authName")]'
    '[not(ancestor::figure) and not(ancestor::footer) and not(self::meta)]'
)
_AUTHOR_LINK_XPATH = ('//a[contains(@href, "/author/") or contains(@href, "/authors/") or contains(@href, "/staff/")]'
                      '[not(ancestor::footer or ancestor::nav or ancestor::*[@role="navigation"]'
                      ' or ancestor::ul[contains(@class, "nav") or contains(@class, "menu")])]')


def byline_names(tree: Any) -> list[str]:
    """Names printed in the page's byline: its author links, else its text; else links to author pages."""
    for el in tree.xpath(_BYLINE_XPATH)[:3]:
        links = [squash(a.text_content()) for a in el.iter("a")]
        names = [n for n in links if n] or [squash(el.text_content())]
        if any(names):
            return names
    return [n for n in (squash(a.text_content()) for a in tree.xpath(_AUTHOR_LINK_XPATH)[:2]) if n][:1]


def strip_site(title: str, site_names: list[str]) -> str:
    """'Headline | Site' -> 'Headline' when the tail names the site or is short."""
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            head, _, tail = title.rpartition(sep)
            tail_l = tail.lower()
            if head and (any(s and (s.lower() in tail_l or tail_l in s.lower()) for s in site_names) or len(tail.split()) <= 3):
                return head.strip()
    return title.strip()


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP and len(w) > 2}


def _agrees(shown: str, declared: str) -> bool:
    a, b = _content_words(shown), _content_words(declared)
    shared = len(a & b)
    return bool(a and b) and (shared >= 2 or shared >= min(len(a), len(b)))


def _prefixes(title: str) -> list[list[str]]:
    """The words of a title and of each part before a separator ('Headline - Section - Site')."""
    out = [words(title)]
    for sep in _TITLE_SEPARATORS:
        parts = title.split(sep)
        out += [words(sep.join(parts[:i])) for i in range(1, len(parts))]
    return [p for p in out if p]


def pick_title(headings: list[str], declared: list[str], site_names: list[str]) -> tuple[str | None, int | None]:
    """The title and the index of the heading it came from: the page's displayed headline when it agrees
    with a declared title (og:title, JSON-LD headline, <title>), else the first declared title."""
    declared = [t for t in declared if t]
    usable = [i for i, h in enumerate(headings) if 2 <= len(h) <= 300]
    for i in usable:
        hw = words(headings[i])
        for t in declared:
            tw = words(t)
            if len(tw) >= 3 and len(hw) > len(tw) and hw[len(hw) - len(tw):] == tw and len(hw) - len(tw) <= 3:
                return t, i  # a section label printed before the headline ('Opinion', 'College Sports |')
        if any(hw == p for t in declared for p in _prefixes(t)):
            return headings[i], i
    if not declared:
        return (headings[usable[0]], usable[0]) if usable else (None, None)
    best = max(usable, key=lambda i: max(len(_content_words(headings[i]) & _content_words(t)) for t in declared), default=None)
    if best is not None and any(_agrees(headings[best], t) for t in declared):
        return headings[best], best
    return strip_site(declared[0], site_names), None


# ------------------------------------------------------------------ the date shown to readers

def _is_caption(el: Any) -> bool:
    return bool(_CAPTION_CLASS.search((el.get("class") or "").lower()))


def _stream(root: Any, h1: Any) -> Iterator[tuple[str, Any]]:
    """The page's visible text in reading order as ('text', str), ('date', date) for a <time> element and
    ('head', None) where the headline stands; scripts, styles and the like are left out."""
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        if done:
            if el.tail and el.tail.strip():
                yield "text", el.tail
            continue
        if not isinstance(el.tag, str) or el.tag in SKIP_TAGS or el.tag in _CAPTION_TAGS or el is h1 or _is_caption(el):
            if el is h1:
                yield "head", None
            if el.tail and el.tail.strip():
                yield "text", el.tail
            continue
        if el.tag == "time":
            d = shown_date(squash(el.text_content())) or parse_timestamp(el.get("datetime"))
            if d:
                yield "date", d
            else:
                yield "text", el.text_content()
            if el.tail and el.tail.strip():
                yield "text", el.tail
            continue
        if el.text and el.text.strip():
            yield "text", el.text
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))


def shown_dates(tree: Any, h1: Any, after: int = 600, before: int = 300) -> Iterator[dt.date]:
    """Dates printed just after the headline (byline, dateline), then just before it, nearest first."""
    pre: list[str] = []
    post: list[str] = []
    seen_head, size = False, 0
    for kind, value in _stream(tree, h1):
        if kind == "head":
            seen_head = True
            continue
        chunk = f" {value.isoformat()} " if kind == "date" else squash(value)
        if seen_head:
            post.append(chunk)
            size += len(chunk)
            if size > after:
                break
        else:
            pre.append(chunk)
    yield from _find_dates(" ".join(post))
    window: list[str] = []
    size = 0
    for chunk in reversed(pre):
        window.insert(0, chunk)
        size += len(chunk)
        if size > before:
            break
    yield from _find_dates(" ".join(window), reverse=True)


def _find_dates(text: str, reverse: bool = False) -> list[dt.date]:
    """Full dates written out in a text, in reading order (or reversed)."""
    found = []
    for rx in SHOWN_DATE_RULES:
        for m in rx.finditer(text):
            g = m.groupdict()
            month = _MONTHS.get(g["mon"].lower().rstrip(".")) if g.get("mon") else g.get("month")
            d = _date(g["year"], month or 0, g["day"])
            if d:
                found.append((m.start(), d))
    found.sort(key=lambda x: x[0], reverse=reverse)
    return [d for _, d in found]


def declared_dates(main: dict[str, Any], meta: dict[str, list[str]]) -> tuple[dt.date | None, dt.date | None]:
    pub = parse_timestamp(main.get("datePublished")) or parse_timestamp(main.get("dateCreated"))
    mod = parse_timestamp(main.get("dateModified"))
    if pub is None:
        pub = next((d for k in _PUBLISHED_META for v in meta.get(k, []) if (d := parse_timestamp(v))), None)
    if mod is None:
        mod = next((d for k in _MODIFIED_META for v in meta.get(k, []) if (d := parse_timestamp(v))), None)
    return pub, mod


def pick_date(shown: Iterator[dt.date], pub: dt.date | None, mod: dt.date | None,
               from_url: dt.date | None) -> tuple[dt.date | None, str | None]:
    low = pub or from_url
    high = max(d for d in (pub, mod, from_url) if d) if (pub or mod or from_url) else None
    day = dt.timedelta(days=1)
    for d in shown:
        if low is None and high is None:
            return d, "shown"
        if (low is None or d >= low - day) and (high is None or d <= high + day):
            return d, "shown"
    if pub:
        return pub, "declared"
    if from_url:
        return from_url, "url"
    return None, None


