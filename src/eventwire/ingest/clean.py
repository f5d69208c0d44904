"""Cleaning: normalise text and split off boilerplate lines, taking authors from bylines and contact lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:[A-Z][\w'\u2019.-]*|van|von|de|da|del|der|di|la|le|bin|al|el)){1,4}"
AUTHOR_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("byline", re.compile(rf"^By\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[,|\u2014-].*)?$")),
    ("contact", re.compile(rf"^(?P<names>{_NAME}) (?:can be reached|may be reached|can be contacted) (?:at|on|by)\b")),
    ("reporting", re.compile(rf"^(?:Reporting|Writing) by (?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)")),
    ("contributed", re.compile(rf"^(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*) contributed (?:to )?(?:this|the) (?:report|story)")),
]
BOILERPLATE_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("wire-reports", re.compile(r"\b(?:based (?:in part )?on|includes?|contains?) (?:material from )?(?:wire|news agency|agency) (?:service )?reports\b", re.I)),
    ("contributed", re.compile(r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b", re.I)),
    ("contact", re.compile(r"\b(?:can|may) be (?:reached|contacted) (?:at|on|by)\b|\S+@\S+\.\w+", re.I)),
    ("comment-policy", re.compile(r"\bcomment(?:ing)? policy\b|\bbefore commenting\b|\bcomments? (?:are|is) (?:closed|moderated)\b|\bjoin the (?:conversation|discussion)\b", re.I)),
    ("share", re.compile(r"^(?:share|share this|tweet|follow (?:us|\w+ on)|like us on|sign up|subscribe|click here|read more|related|advertisement|print|email)\b.{0,80}$", re.I)),
    ("photo", re.compile(r"\((?:AP|AFP|Reuters|Getty|EPA)\b[^)]*photo|^(?:photo|image|file photo)(?: credit)?\s*[:/]|\bphoto (?:by|credit)\b|/\s*(?:Getty Images|AP|Reuters|AFP)\)?\s*$", re.I)),
    ("copyright", re.compile(r"\bcopyright\b|\u00a9|\ball rights reserved\b", re.I)),
    ("reporting-credit", re.compile(r"^(?:reporting|writing|editing|additional reporting) by\b", re.I)),
    ("byline", re.compile(r"^By\s+[A-Z]")),
    ("video-widget", re.compile(r"\bJUST WATCHED\b|\bReplay More Videos\b|\bMUST WATCH\b")),
]
# Words one of which every match of a boilerplate rule holds, lower-cased: a line with none of them is not tried
# against the rule's (slow, case-blind) pattern. Keep each list in step with its pattern; a rule not listed is
# always tried.
RULE_WORDS: dict[str, tuple[str, ...]] = {
    "wire-reports": ("reports",),
    "contributed": ("contributed",),
    "contact": (" be ", "@"),
    "comment-policy": ("comment", "join the "),
    "photo": ("photo", "image", "/"),
    "copyright": ("copyright", "\u00a9", "all rights reserved"),
    "video-widget": ("watch", "replay more videos"),
}
# Characters a case-blind pattern matches to an ASCII letter though their lower case is not that letter
# (dotted and dotless i, long s, Kelvin sign): a line holding one is tried against every rule.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa*\u00b7]|-\s)\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
MAX_BOILERPLATE_LINE = 240


@dataclass
class Cleaned:
    text: str
    boilerplate: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)


def normalise(raw: str) -> str:
    """Unicode NFC, Unix newlines, and control characters and exotic spaces replaced one for one, so that
    offsets into a clean input stay the offsets into the original."""
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\ufeff", "").replace("\u200b", "")
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(lambda m: " " * len(m.group()), text)


def _split_names(names: str) -> list[str]:
    return [n.strip(" .,") for n in re.split(r"\s*(?:,|\band\b|&)\s*", names) if n.strip(" .,")]


def _may_match(rule: str, low: str | None) -> bool:
    words = RULE_WORDS.get(rule)
    return low is None or words is None or any(w in low for w in words)


def clean(raw: str) -> Cleaned:
    """Normalise text; boilerplate lines go to `boilerplate`, authors to `authors`, the rest is the body."""
    out = Cleaned(text="")
    kept: list[str] = []
    for line in normalise(raw).split("\n"):
        if not line.strip():
            kept.append(line)  # blank lines stay: paragraphs and offsets are preserved
            continue
        bare = _BULLET.sub("", line.strip())
        if len(bare) <= MAX_BOILERPLATE_LINE:
            for _rule, rx in AUTHOR_RULES:
                m = rx.search(bare)
                if m:
                    for name in _split_names(m.group("names")):
                        if name not in out.authors:
                            out.authors.append(name)
            low = bare.lower() if _FOLDS_TO_ASCII.isdisjoint(bare) else None
            hit = next((rule for rule, rx in BOILERPLATE_RULES if _may_match(rule, low) and rx.search(bare)), None)
            if hit:
                out.boilerplate.append(bare)
                out.rules.append(hit)
                continue
        kept.append(line)
    out.text = "\n".join(kept).strip("\n")
    return out
