"""Measures of the project's own that the shared scorer does not compute.

`source_actor_accuracy`: on PLOVER-style gold sentences, of the expected events whose source actor text
appears in the sentence, the share whose source is resolved to the right country or IGO by the actor layer
alone (independent of event coding). The gold's old CAMEO codes map to ISO3 as in ../shared/eval/score.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.model import Article
from eventwire.pipeline import Pipeline

OLD_CODES = {"JAP": "JPN", "UAR": "EGY", "UNK": "GBR", "ROM": "ROU", "PAL": "PSE", "ALG": "DZA"}


def gold_key(code: str) -> str:
    k = code.strip().upper()[:3]
    return OLD_CODES.get(k, k)


@dataclass
class ActorScore:
    checked: int = 0
    right: int = 0
    misses: list[tuple[str, str, str, list[str]]] = field(default_factory=list)  # id, text, gold, found

    @property
    def accuracy(self) -> float:
        return self.right / self.checked if self.checked else 0.0


def _keys_at(art: Article, start: int, end: int, generic_igo: bool) -> list[str]:
    out = []
    for m in art.mentions:
        if m.start < end and start < m.end:
            for a in m.actors:
                if a.igo:
                    out.append("IGO" if generic_igo else a.igo)
                elif a.country:
                    out.append(a.country)
    return out


def source_actor_accuracy(path: Path, pipeline: Pipeline | None = None) -> ActorScore:
    pipeline = pipeline or Pipeline()
    score = ActorScore()
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        art = pipeline(rec["text"], id=rec["id"])
        seen = set()
        for e in rec.get("expected") or []:
            src = (e.get("source_text") or "").strip()
            code = e.get("source") or ""
            if not src or not code or (src, code) in seen:
                continue
            pos = art.text.find(src)
            if pos < 0:
                continue
            seen.add((src, code))
            want = gold_key(code)
            found = _keys_at(art, pos, pos + len(src), generic_igo=want == "IGO")
            score.checked += 1
            if want in found:
                score.right += 1
            else:
                score.misses.append((rec["id"], src, want, found))
    return score
