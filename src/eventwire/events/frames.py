"""Frames around a trigger: intentions, threats and the content of demands, which are not events of their own."""

from __future__ import annotations

from eventwire.events.grammar import Scope
from eventwire.events.triggers import Trigger

# Root of a cooperative act -> the CAMEO code for intending it (031 material ... 036 meet, 035 yield).
INTENT_OF = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}
# Root of a conflictual act -> the CAMEO threat to do it (131 reduce relations ... 138 use force).
THREAT_OF = {"14": "133", "15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
ADVERB_GAP = frozenset("also again jointly immediately eventually soon fully".split())


def fold_infinitives(scope: Scope, coded: list, overrides: dict[int, str]) -> list[Trigger]:  # type: ignore[type-arg]
    """'threatened to break relations', 'refused to deploy', 'agreed to hold talks': the act after 'to' is
    the content of the governing event, not an event of its own; its target may serve the governor."""
    drop = []
    for idx, (t, _src, targets, _) in enumerate(coded):
        j = t.ts - 1
        while j >= 0 and scope.low(j) in ADVERB_GAP:
            j -= 1
        content = content_of(scope, coded, t, j)
        if content is not None:  # "demanded that its partners refuse", "arrested for collaborating"
            g, gtargets, subj = content
            if gtargets[0] is None and subj is not None:
                gtargets[0] = subj
            drop.append(idx)
            continue
        if scope.low(j) != "to":
            continue
        gov = next(((g, gt) for g, _s, gt, _ in reversed(coded) if g is not t and g.kind == "verb" and g.ts < j and j - g.te <= 8
                    and not any(scope.low(k) in (",", ";", "but", "that", "which", "who") for k in range(g.te, j))),
                   None)  # "urged Kenya to lift the ban": the nearest trigger before 'to' in the clause
        if gov is None:
            continue
        g, gtargets = gov
        if gtargets[0] is None and targets[0] is not None:
            gtargets[0], gtargets[1] = targets[0], targets[1]
        root = t.pattern.code[:2]
        if g.pattern.code[:2] == "03" and root in THREAT_OF and not (root == "15" and scope.low(g.ts).startswith("agree")):
            # ("agreed to deploy troops to the border" is a concession, not a threat)
            overrides[id(g)] = THREAT_OF[root]  # "vowed to attack": a threat, not an intent to cooperate
        elif g.pattern.code[:2] == "03" and root in INTENT_OF and (
                g.pattern.code in ("030", "03") or g.pattern.id == "intent.not-ready"):
            overrides[id(g)] = INTENT_OF[root]  # "agreed to provide aid", "is willing to withdraw": 033, 035
        drop.append(idx)
    folded = [coded[idx][0] for idx in drop]
    for idx in reversed(drop):
        del coded[idx]
    return folded


CONTENT_ROOTS = frozenset({"02", "10", "11", "12", "13"})


def content_of(scope: Scope, coded: list, t: Trigger, j: int) -> tuple | None:  # type: ignore[type-arg]
    """The governing event whose content this trigger is: a that-clause after a demand, appeal, accusation or
    threat, or a gerund after a preposition ('arrested for collaborating'). Returns (governor, its targets,
    the clause's subject actor)."""
    gerund = scope.low(t.ts).endswith("ing") and scope.low(j) in ("for", "of", "with", "against", "about", "over", "by")
    for g, _s, gt, _ in reversed(coded):
        if g is t or g.ts >= t.ts or t.ts - g.te > 14:
            continue
        between = range(g.te, t.ts)
        if any(scope.low(k) in (";", "but") for k in between):
            continue
        if gerund and g.pattern.code[:2] not in ("01",) and not any(scope.low(k) == "," for k in between):
            return g, gt, None
        if g.pattern.code[:2] in CONTENT_ROOTS and any(scope.low(k) == "that" for k in between):
            that = max(k for k in between if scope.low(k) == "that")
            subj = next((a for m in scope.mentions if that < m.tok_start < t.ts for a in m.actors if a.key), None)
            return g, gt, subj
    return None


ASPECT_VERBS = frozenset("resume continue start begin step intensify renew escalate launch".split())
INTENT_WORDS = frozenset(
    "poised preparing prepares prepare willing ready prepared offered offer offers offering promised promise promises pledged pledge pledges vowed "
    "sworn swore swear swears "
    "vow vows committed commits intends intend intended plans plan planned aims aim wants want wanted seeks "
    "seek sought hopes hope hoped".split()
)


def _intent_word(scope: Scope, t: Trigger) -> str | None:
    j = t.ts - 1
    while j >= 0 and (scope.low(j) in ADVERB_GAP or scope.low(j) in ASPECT_VERBS):
        j -= 1  # "prepared to resume shelling", "vowed to step up attacks"
    if scope.low(j) != "to":
        return None
    return next((scope.low(k) for k in range(max(0, j - 2), j) if scope.low(k) in INTENT_WORDS), None)


def intent_frame(scope: Scope, t: Trigger) -> bool:
    """Is the trigger the act of an intention ('is willing to withdraw', 'offered to hand over')?"""
    return _intent_word(scope, t) is not None


def readiness_frame(scope: Scope, t: Trigger) -> bool:
    """'The army prepared to resume shelling': readiness to use force is a force posture (CAMEO 15), not a
    threat (13)."""
    w = _intent_word(scope, t)
    return w is not None and w.startswith(("prepar", "ready", "poised"))
