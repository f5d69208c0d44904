"""Cut an article's text into segments marked with what covers them (evidence, trigger, actors, quotes,
speakers, places), so a template can highlight overlapping spans without nesting tags. Text stays text:
the template escapes every segment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Span = tuple[int, int, str, str]  # start, end, class, note


@dataclass(frozen=True)
class Segment:
    text: str
    classes: tuple[str, ...]
    notes: tuple[str, ...]
    anchor: str | None = None

    @property
    def css(self) -> str:
        return " ".join(self.classes)

    @property
    def title(self) -> str:
        return "\n".join(self.notes)


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """`text` cut at every span boundary; each piece knows the classes and notes of the spans over it. The
    first evidence piece is anchored `evidence` so a link can jump to it."""
    n = len(text)
    clean = [(max(0, s), min(n, e), c, note) for s, e, c, note in spans if 0 <= s < e and s < n]
    cuts = sorted({0, n, *(s for s, _, _, _ in clean), *(e for _, e, _, _ in clean)})
    out: list[Segment] = []
    anchored = False
    for a, b in zip(cuts, cuts[1:], strict=False):
        over = [(c, note) for s, e, c, note in clean if s <= a and b <= e]
        classes = tuple(sorted({c for c, _ in over}))
        notes = tuple(dict.fromkeys(note for _, note in over if note))
        anchor = None
        if "evidence" in classes and not anchored:
            anchor, anchored = "evidence", True
        out.append(Segment(text[a:b], classes, notes, anchor))
    return out


def event_spans(detail: dict[str, Any]) -> list[Span]:
    """The spans to mark on an event page: the evidence sentence and trigger of the event, every actor
    mention (the event's source and target within the evidence), quote, speaker and place of the article."""
    ev = detail["event"]
    spans: list[Span] = [(ev["evidence_start"], ev["evidence_end"], "evidence",
                          f"evidence: {ev['cameo']} {ev.get('cameo_name') or ''} (pattern {ev['pattern']})")]
    if ev.get("trigger_span"):
        s, e = ev["trigger_span"]
        spans.append((s, e, "trigger", f"trigger '{ev['trigger']}' of pattern {ev['pattern']}"))
    speakers = {(q["sentence"], q["speaker_code"], q["speaker_name"]) for q in detail["quotes"] if q["speaker_code"]}
    for m in detail["mentions"]:
        note = f"{m['name']} ({m['code']}{', ' + m['role'] if m['role'] else ''}) found by {m['rule']}"
        spans.append((m["start_char"], m["end_char"], "actor", note))
        if ev["evidence_start"] <= m["start_char"] < ev["evidence_end"]:
            if ev["source_code"] and m["code"] == ev["source_code"] and m["name"] == ev["source_name"]:
                spans.append((m["start_char"], m["end_char"], "source", "source of the event"))
            if ev["target_code"] and m["code"] == ev["target_code"] and m["name"] == ev["target_name"]:
                spans.append((m["start_char"], m["end_char"], "target", "target of the event"))
        if (m["sentence"], m["code"], m["name"]) in speakers:
            spans.append((m["start_char"], m["end_char"], "speaker", "speaker of a quote"))
    for q in detail["quotes"]:
        who = f"{q['speaker_name']} ({q['speaker_code']})" if q["speaker_name"] else "an unknown speaker"
        spans.append((q["start_char"], q["end_char"], "quote", f"quote of {who}, cue '{q['cue'] or '-'}', {q['rule']}"))
    for p in detail["places"]:
        spans.append((p["start_char"], p["end_char"], "place", f"place {p['name']}, {p['country'] or '?'} ({p['precision']})"))
    return spans
