"""Web pages: the article body by trafilatura, and its title, authors, date, site and address.

The body keeps one paragraph per block, separated by blank lines (the pipeline reads paragraphs). The
metadata come from what the page declares (JSON-LD, meta tags, canonical link) checked against what it
shows its readers: the title is the headline the page displays when it agrees with the declared one, and
the date is the one printed by the headline or byline when it falls within the declared publication and
update dates (it is in the publisher's own time zone), else the declared publication date, else a date
in the address, else trafilatura's guess, else the caller's fallback (e.g. a WARC record's date).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlparse

from eventwire.ingest.doc import Doc
from eventwire.ingest.pagemeta import (
    AUTHOR_META,
    HEADLINE_XPATH,
    SKIP_TAGS,
    byline_names,
    clean_authors,
    declared_dates,
    json_ld,
    main_object,
    meta_tags,
    parse_timestamp,
    person_names,
    pick_date,
    pick_title,
    shown_dates,
    squash,
    url_date,
    words,
)
from eventwire.ingest.webclean import drop_boilerplate, prune_furniture
from eventwire.model import Reject

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass
class Page:
    """What a web page says about its article."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # YYYY-MM-DD
    published_rule: str | None = None  # shown | declared | url | trafilatura | fallback
    site: str | None = None
    url: str | None = None
    description: str | None = None


def decode_html(data: bytes, charset: str | None = None) -> str:
    """Bytes to text: a byte-order mark, else UTF-8 if the bytes are valid UTF-8, else the declared
    charset (HTTP header, then meta tag), else Windows-1252, the web's de facto Latin-1."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:8192])
    for enc in (charset, m.group(1).decode("ascii", "ignore") if m else None):
        if enc:
            try:
                return data.decode(enc, errors="replace")
            except LookupError:
                continue
    return data.decode("cp1252", errors="replace")


def looks_like_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<!doctype html" in head or ("<head" in head and "<body" in text[:200000].lower())


# ------------------------------------------------------------------ the page

_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.I)
_STAMP_ONLY = re.compile(
    r"^(?:(?:published|updated|posted)(?: on)?:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:[a-z]{3,9}\.?\s+[0-3]?\d(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|[0-3]?\d\s+[a-z]{3,9}\.?,?\s+(?:19|20)\d\d)"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:,?\s*[A-Z]{2,4})?)?\s*$", re.I)
MIN_SENTENCE_WORDS = 6  # a page with no paragraph this long holds menus and labels, not an article
TABLES = False  # tables (results, prices, specifications) are not sentences the pipeline can read


def _standfirst(tree: Any, descriptions: list[str]) -> str | None:
    """The summary printed under the headline, when the page shows its declared description as text."""
    for desc in descriptions:
        want = words(re.sub(r"(?:\.\.\.|\u2026)\s*$", "", desc))
        if len(want) < 5:
            continue
        size = len(desc)
        for el in tree.iter("p", "h2", "h3", "div", "span"):
            text = el.text_content()
            if not (0.8 * size <= len(text) <= 1.3 * size + 20) or _in_skipped(el):
                continue
            got = words(text)
            if got[: len(want)] == want and len(got) - len(want) <= 2:
                return squash(text)
    return None


def _in_skipped(el: Any) -> bool:
    return any(a.tag in SKIP_TAGS or a.tag in ("head", "title", "a", "figure", "figcaption") for a in el.iterancestors())


def _body(tree: Any, url: str | None, title: str | None, standfirst: str | None = None) -> str:
    """The article body of a parsed page: trafilatura on the page without its furniture (webclean), then
    boilerplate paragraphs dropped. The tree is pruned in place: parse_page reads it last."""
    import trafilatura  # imported here: loading it takes a noticeable moment that plain-text runs need not pay
    from lxml import html as lxml_html

    prune_furniture(tree)
    # serialised again, so that trafilatura parses it its own way (comments and processing instructions out)
    html = lxml_html.tostring(tree, encoding="unicode")
    text = trafilatura.extract(html, url=url, favor_precision=True, include_comments=False, include_tables=TABLES,
                               deduplicate=False, with_metadata=False) or ""
    paras = [squash(_TAG.sub("", p)) for p in text.split("\n")]  # markup left in embedded posts
    paras = [p for p in paras if not _STAMP_ONLY.match(p)]  # a bare date and time is the byline's, not text
    head = words(title or "")
    # the headline repeated at the top is the title, not a paragraph
    paras = [p for i, p in enumerate(paras) if p and not (i < 8 and head and words(p) == head)]
    paras = drop_boilerplate(paras)
    if standfirst and paras:
        sw = " ".join(words(standfirst))
        if not any(sw in " ".join(words(p)) for p in paras[:5]):
            paras.insert(0, standfirst)  # the summary under the headline opens the article
    return "\n\n".join(paras)


def _trafilatura_meta(html: str, url: str | None) -> Any:
    from trafilatura.metadata import extract_metadata

    try:
        return extract_metadata(html, default_url=url)
    except Exception:  # a metadata failure must not lose the body
        return None


def parse_page(html: str, url: str | None = None, fallback_date: str | None = None) -> Page:
    """Read a web page (see the module docstring); raises ValueError when it cannot be parsed as HTML."""
    from lxml import etree
    from lxml import html as lxml_html

    source = _XML_DECL.sub("", html, count=1)
    try:
        tree = lxml_html.fromstring(source)
    except (etree.ParserError, ValueError) as exc:
        raise ValueError(f"cannot parse the page as HTML: {exc}") from exc
    objects = json_ld(tree)
    main = main_object(objects)
    meta = meta_tags(tree)
    publisher = main.get("publisher") if isinstance(main.get("publisher"), dict) else {}
    site_names = [s for s in (*meta.get("og:site_name", []), squash(str(publisher.get("name") or "")),
                              *meta.get("application-name", [])) if s]

    canonical = next(iter(tree.xpath('//link[@rel="canonical"]/@href')), None)
    page_url = next((u for u in (canonical, *meta.get("og:url", []), url) if u and u.strip()), None)
    if page_url:
        page_url = urljoin(url or "", page_url.strip()) if url else page_url.strip()
        if not page_url.startswith(("http://", "https://")):
            page_url = url
    host = urlparse(page_url or "").hostname or ""

    headings_el = [h for h in tree.xpath(HEADLINE_XPATH) if squash(h.text_content())][:20]
    headings = [squash(h.text_content()) for h in headings_el]
    declared_titles = [t for t in (*meta.get("og:title", []), squash(str(main.get("headline") or "")),
                                   *meta.get("twitter:title", []), squash(next(iter(tree.xpath("//title/text()")), ""))) if t]
    title, head_i = pick_title(headings, declared_titles, site_names + [host.removeprefix("www.").split(".")[0]])

    cache: list[Any] = []

    def tmeta() -> Any:  # trafilatura's own metadata reading, only when the page's declarations fall short
        if not cache:
            cache.append(_trafilatura_meta(html, page_url))
        return cache[0]

    if not title and tmeta() is not None and tmeta().title:
        title = tmeta().title
    if not site_names and tmeta() is not None and tmeta().sitename:
        site_names = [tmeta().sitename]

    exclude = {s.lower() for s in site_names} | {host.removeprefix("www.").lower(), host.removeprefix("www.").split(".")[0]}
    authors = clean_authors(person_names(main.get("author")), exclude)
    if not authors:
        authors = clean_authors([v for k in AUTHOR_META for v in meta.get(k, [])], exclude)
    if not authors:
        authors = clean_authors(byline_names(tree), exclude)
    if not authors and tmeta() is not None and tmeta().author:
        authors = clean_authors(tmeta().author.split(";"), exclude)

    pub, mod = declared_dates(main, meta)
    from_url = url_date(page_url) or url_date(url)
    shown = shown_dates(tree, headings_el[head_i]) if head_i is not None else iter(())
    day, rule = pick_date(shown, pub, mod, from_url)
    if day is None and tmeta() is not None and tmeta().date:
        day, rule = parse_timestamp(tmeta().date), "trafilatura"
    if day is None and fallback_date:
        day, rule = parse_timestamp(fallback_date), "fallback"

    descriptions = [*meta.get("og:description", []), *meta.get("description", []), *meta.get("twitter:description", []),
                    squash(str(main.get("description") or ""))]
    descriptions = list(dict.fromkeys(d for d in descriptions if d))
    standfirst = _standfirst(tree, descriptions)
    text = _body(tree, page_url, title, standfirst)  # last: it prunes the tree
    return Page(text=text, title=title, authors=authors,
                published=day.isoformat() if day else None, published_rule=rule if day else None,
                site=site_names[0] if site_names else None, url=page_url,
                description=descriptions[0] if descriptions else None)


def html_doc(data: bytes | str, where: str, *, doc_id: str, url: str | None = None, charset: str | None = None,
             fallback_date: str | None = None) -> Doc | Reject:
    """One web page as a document, or a reject naming the page and the reason."""
    html = data if isinstance(data, str) else decode_html(data, charset)
    if not html.strip():
        return Reject(where, "E102", "the page is empty")
    try:
        page = parse_page(html, url=url, fallback_date=fallback_date)
    except ValueError as exc:
        return Reject(where, "E120", str(exc))
    if not any(len(p.split()) >= MIN_SENTENCE_WORDS for p in page.text.split("\n\n")):
        return Reject(where, "E121", "no article text found in the page (an index, a form or a script-only page?)")
    return Doc(id=doc_id, text=page.text, where=where, published=page.published, title=page.title, url=page.url,
               authors=page.authors, site=page.site)


_BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
               "section", "article", "figure", "figcaption", "pre", "dd", "dt", "br", "hr")


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed item's content), one paragraph per block, blank-line separated."""
    if "<" not in fragment:
        return "\n\n".join(p for p in (squash(x) for x in re.split(r"\n\s*\n", fragment)) if p)
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return squash(re.sub(r"<[^>]+>", " ", fragment))
    for el in list(root.iter("script", "style", "noscript", "template")):
        el.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    paras = (squash(p) for p in re.split(r"\n\s*\n", root.text_content()))
    return "\n\n".join(p for p in paras if p)
