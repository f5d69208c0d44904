"""Language: is a document English? A stop-word ratio, offline and fast, with no model to load.

English prose is about one word in three a function word ('the', 'of', 'and', 'to', ...); text in another
language has almost none of them and many of its own. Short texts are not judged: a headline or one
sentence is too little evidence, and the pipeline codes single sentences too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

MIN_WORDS = 25  # fewer words than this are not judged
MIN_ENGLISH = 0.12  # share of English function words below which a text is not English
SAMPLE_WORDS = 2000
MIN_SCRIPT_LETTERS = 40  # letters needed to judge a text by its script

ENGLISH = frozenset("""
the of and to a in is that for it on was with as he she be by at are this his her from have has had
not but or an they which were their its been will would there we you i who said all more one about
when than what after also into can could up out over them him our new so no if these those other some
only just how do did does then because while where may should any most such through before between
""".split())
# Function words of a few languages written in the Latin script, none of them also common in English,
# so that a non-English text can be named in the message.
OTHERS: dict[str, frozenset[str]] = {
    "de": frozenset("der die und das ist nicht mit von den zu sich auf für dem des ein eine auch werden wird nach bei".split()),
    "fr": frozenset("le la les et des est une pour dans que qui pas sur du au avec sont il elle ce nous leur".split()),
    "es": frozenset("el los las y que en es por para con una del se lo como pero su más fue han sus".split()),
    "it": frozenset("il di che è per un non sono della nel gli le delle alla anche come più questo ha".split()),
    "pt": frozenset("o os de que e do da em para com não uma dos das se mais como foi pelo pela".split()),
    "nl": frozenset("de het een en van is dat op te zijn niet met voor ook maar door naar bij wordt".split()),
}
_SCRIPT_CODES = {"cjk": "zh", "hiragana": "ja", "katakana": "ja", "hangul": "ko"}
_WORD = re.compile(r"[^\W\d_]+")
_NON_LATIN = re.compile(r"[^\W\d_a-zA-Z\u00c0-\u024f\u1e00-\u1eff]")  # letters outside the Latin blocks


@dataclass(frozen=True)
class Language:
    code: str  # 'en', another ISO 639-1 code or a script name when known, 'und' when not judged
    english_ratio: float
    words: int

    @property
    def english(self) -> bool:
        """True unless the text was judged and found not to be English."""
        return self.code in ("en", "und")


def _script(text: str, letters: int) -> str | None:
    """The main non-Latin script of a text ('cyrillic', 'arabic', 'cjk', ...), or None if mostly Latin."""
    others = _NON_LATIN.findall(text)
    if letters < MIN_SCRIPT_LETTERS or len(others) <= letters / 2:
        return None
    counts: dict[str, int] = {}
    for ch in others[:500]:
        script = unicodedata.name(ch, "other").split(" ")[0].lower()
        counts[script] = counts.get(script, 0) + 1
    return max(counts.items(), key=lambda kv: kv[1])[0]


def detect(text: str) -> Language:
    """Guess whether `text` is English from its script and function words (see the module docstring)."""
    sample = text[:20000]
    words = _WORD.findall(sample.lower())
    script = _script(sample, sum(map(len, words)))
    words = words[:SAMPLE_WORDS]
    if script:  # a text mostly in another script is not English, however few its words
        return Language(_SCRIPT_CODES.get(script, script), 0.0, len(words))
    if len(words) < MIN_WORDS:
        return Language("und", 0.0, len(words))
    counts = Counter(words)
    ratio = sum(counts[w] for w in ENGLISH if w in counts) / len(words)
    others = {code: sum(counts[w] for w in stop if w in counts) / len(words) for code, stop in OTHERS.items()}
    best, best_ratio = max(others.items(), key=lambda kv: kv[1])
    if ratio >= MIN_ENGLISH and ratio >= best_ratio:
        return Language("en", ratio, len(words))
    return Language(best if best_ratio >= 0.05 else "other", ratio, len(words))
