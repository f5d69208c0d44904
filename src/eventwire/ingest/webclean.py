"""Web-page boilerplate that a main-content extractor lets through, removed by general rules.

Two places: before extraction, page furniture marked as such by its markup (newsletter boxes, promotions,
lists of related or popular stories, hidden dialogs) is pruned from the tree; after extraction, paragraphs
that speak to the reader rather than report (calls to subscribe, links to other stories, notes on where
the piece first ran, affiliate disclosures) are dropped, and a closing apparatus section (footnotes,
story source, citation box) is cut off. Each rule is a habit of news sites at large, not of one site: the
benchmark on ../shared/bench/html (benchmarks/extraction.py) measures each one on every page.

Pruning never removes the block that holds most of the page's paragraph text, nor anything around it,
so a site that names its article container 'related-content' loses nothing.
"""

from __future__ import annotations

import re
from typing import Any

# class/id words that mark page furniture; matched against the words of a class or id
# ('newsletter-form__header' -> newsletter, form, header; 'popularStories' -> popular, stories)
FURNITURE_WORDS = frozenset({
    "newsletter", "newsletters", "promo", "promos", "promotion", "popular", "related", "recommended",
    "recommendations", "subscribe", "subscription", "signup", "modal", "lightbox", "popup", "disclosure",
    "outbrain", "taboola", "bio", "biography",
})
FURNITURE_PAIRS = frozenset({("read", "more"), ("most", "read"), ("sign", "up"), ("stay", "connected"),
                             ("more", "stories"), ("app", "promo")})
FURNITURE_TAGS = ("dialog", "amp-lightbox")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
# a quick look before splitting a class into words: most elements name nothing of the kind
_QUICK = tuple(sorted({w[:5] for w in FURNITURE_WORDS} | {a[:5] for a, _ in FURNITURE_PAIRS}))
_KEEP_TAGS = {"html", "body", "main", "article"}


def _marker_words(value: str) -> list[str]:
    return [w.lower() for token in value.split() for w in re.split(r"[-_\d]+", _CAMEL.sub("-", token)) if w]


def is_furniture(el: Any) -> bool:
    """Whether an element's class or id names it as newsletter box, promotion, related links or dialog."""
    if el.tag in FURNITURE_TAGS or el.get("role") in ("dialog", "alertdialog"):
        return True
    for attr in ("class", "id"):
        value = el.get(attr)
        low = value.lower() if value else ""
        if not any(q in low for q in _QUICK):
            continue
        ws = _marker_words(value)
        if any(w in FURNITURE_WORDS for w in ws) or any(p in FURNITURE_PAIRS for p in zip(ws, ws[1:], strict=False)):
            return True
    return False


def _main_block(tree: Any) -> Any:
    """The element whose own paragraphs hold the most text: the article body on an article page."""
    best, size = None, 0
    totals: dict[Any, int] = {}
    for p in tree.iter("p"):
        parent = p.getparent()
        if parent is not None:
            totals[parent] = totals.get(parent, 0) + len(p.text_content())
    for el, n in totals.items():
        if n > size:
            best, size = el, n
    return best


def prune_furniture(tree: Any) -> int:
    """Remove page furniture from a parsed page (lxml tree, in place); returns how many elements went."""
    main = _main_block(tree)
    protected = {main, *main.iterancestors()} if main is not None else set()
    doomed = [el for el in tree.xpath("//*[@class or @id or @role] | //dialog | //amp-lightbox")
              if el.tag not in _KEEP_TAGS and el not in protected and is_furniture(el)]
    gone, marked = 0, set(doomed)
    for el in doomed:
        if any(a in marked for a in el.iterancestors()):
            continue  # removed with its ancestor
        el.drop_tree()
        gone += 1
    return gone


# ------------------------------------------------------------------ paragraphs after extraction

_WORD = re.compile(r"\w+")
# a paragraph that only names a page element ('Advertisement', 'Related content:', 'Most read in Music')
LABEL = re.compile(
    r"^\W*(?:advertisement|ad|promotion|sponsored(?: content)?|related(?: content| stories| articles| coverage| links)?"
    r"|recommended(?: for you| stories)?|explore more|read more|share(?: this)?(?: article| story)?|most read(?: in .{1,30})?"
    r"|more (?:stories|news|from .{1,30})|trending(?: now)?|(?:table of )?contents|stay connected|deep dive)\W*$", re.I)
# a link to another story: 'Related: ...', '[Related: ...]', 'MORE: ...', 'READ MORE: ...', 'Also: ...'
LINK_LINE = re.compile(
    r"^[\[(]?\s*(?:related(?: \w+)?|more|read more|read also|also read|also|see also|watch|listen|recommended"
    r"|more (?:on|from|about) [^:]{1,40})\s*:\s*\S", re.I)
MAX_LINK_LINE_WORDS = 30
# a call to the reader to subscribe, sign up, install an app, join, bookmark: a sentence that opens with an
# imperative or a question to the reader ('Want more news? Sign up for our newsletter', 'Install the app for
# free'), not one that reports ('You can sign up for the trial', 'A two-year subscription costs...')
CALL_TO_ACTION = re.compile(
    r"\b(?:sign(?:ing)? up|signup|subscribe|subscription|subscriber|newsletters?|inbox|app for free"
    r"|(?:install|download) (?:the|our) .{0,40}app|join our|follow us|log in|create an account|bookmark)\b", re.I)
_CALL_OPENING = re.compile(
    r"^\W*(?:sign up|subscribe|join|get|download|install|follow|create|log in|start|click|tap|want|be the first"
    r"|don't miss|never miss|not a subscriber|special offer|stay (?:up to date|informed|connected))\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MAX_CALL_WORDS = 50
# where the piece first ran, affiliate disclosures
PROVENANCE = re.compile(
    r"(?:^|[.!?]\s+)\W*(?:(?:an? \w+ )?version of )?this (?:story|article|piece|column|post|essay|report|interview"
    r"|conversation|op-ed|commentary) (?:was |is |has been )?(?:originally |first )?(?:appeared|appears|published|ran|republished)\b"
    r"|^\W*appeared in the .{1,80}print edition|\brepublished (?:here )?(?:with permission|from|as part of|under)\b", re.I)
AFFILIATE = re.compile(r"\baffiliate (?:commission|link)s?\b|\bwe may earn\b|\bearn (?:a|an) (?:small )?(?:commission|fee)\b", re.I)
MAX_NOTE_WORDS = 80
# the heading of a closing apparatus section: everything from it on is not the article
TAIL_HEADING = re.compile(
    r"^\W*(?:footnotes|endnotes|notes|references|sources|story source|cite this (?:page|article)|about the authors?"
    r"|related (?:stories|articles|coverage|content|reading)|more (?:stories|from .{1,30})|comments?)\s*:?\s*$", re.I)
TAIL_MAX_SHARE = 0.4  # the section cut off is at most this share of the text's words


def paragraph_rule(para: str) -> str | None:
    """The name of the rule that marks a paragraph as boilerplate, or None for article text."""
    n = len(_WORD.findall(para))
    if LABEL.match(para):
        return "label"
    if n <= MAX_LINK_LINE_WORDS and LINK_LINE.match(para):
        return "link"
    if n <= MAX_CALL_WORDS and CALL_TO_ACTION.search(para) and any(
            _CALL_OPENING.match(s) for s in _SENTENCE_END.split(para.strip())):
        return "call-to-action"
    if n <= MAX_NOTE_WORDS and (PROVENANCE.search(para) or AFFILIATE.search(para)):
        return "note"
    return None


def drop_boilerplate(paras: list[str]) -> list[str]:
    """The paragraphs without boilerplate ones and without a closing apparatus section."""
    kept = [p for p in paras if paragraph_rule(p) is None]
    total = sum(len(_WORD.findall(p)) for p in kept)
    cut, after = None, 0
    for i in range(len(kept) - 1, 0, -1):
        if after > TAIL_MAX_SHARE * total:
            break
        if TAIL_HEADING.match(kept[i]):
            cut = i  # the earliest such heading within the closing share
        after += len(_WORD.findall(kept[i]))
    return kept[:cut] if cut is not None else kept
