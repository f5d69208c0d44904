"""English verb inflection for pattern lemmas: meet -> meets, met, meeting; confer -> conferred."""

from __future__ import annotations

IRREGULAR: dict[str, tuple[str, ...]] = {
    "be": ("is", "are", "was", "were", "been", "being", "am"),
    "have": ("has", "had", "having"),
    "do": ("does", "did", "done", "doing"),
    "meet": ("met",), "hold": ("held",), "give": ("gave", "given"), "make": ("made",), "say": ("said",),
    "tell": ("told",), "take": ("took", "taken"), "bring": ("brought",), "build": ("built",),
    "fight": ("fought",), "lead": ("led",), "leave": ("left",), "seek": ("sought",), "send": ("sent",),
    "shoot": ("shot",), "speak": ("spoke", "spoken"), "strike": ("struck", "stricken"),
    "throw": ("threw", "thrown"), "win": ("won",), "withdraw": ("withdrew", "withdrawn"),
    "write": ("wrote", "written"), "beat": ("beaten",), "break": ("broke", "broken"), "catch": ("caught",),
    "draw": ("drew", "drawn"), "fall": ("fell", "fallen"), "flee": ("fled",), "forbid": ("forbade", "forbidden"),
    "forgive": ("forgave", "forgiven"), "freeze": ("froze", "frozen"), "get": ("got", "gotten"),
    "go": ("went", "gone", "goes"), "hit": ("hit",), "hurt": ("hurt",), "keep": ("kept",), "let": ("let",),
    "lose": ("lost",), "pay": ("paid",), "put": ("put",), "rise": ("rose", "risen"), "run": ("ran",),
    "see": ("saw", "seen"), "sell": ("sold",), "set": ("set",), "shut": ("shut",), "sit": ("sat",),
    "spend": ("spent",), "stand": ("stood",), "steal": ("stole", "stolen"), "swear": ("swore", "sworn"),
    "sweep": ("swept",), "teach": ("taught",), "think": ("thought",), "understand": ("understood",),
    "undertake": ("undertook", "undertaken"), "uphold": ("upheld",), "withhold": ("withheld",),
    "overthrow": ("overthrew", "overthrown"), "oversee": ("oversaw", "overseen"), "shake": ("shook", "shaken"),
    "come": ("came",), "become": ("became",), "begin": ("began", "begun"), "buy": ("bought",),
    "find": ("found",), "feel": ("felt",), "hear": ("heard",), "mean": ("meant",), "read": ("read",),
    "ride": ("rode", "ridden"), "blow": ("blew", "blown"), "bear": ("bore", "borne"), "lay": ("laid",),
    "slay": ("slew", "slain"), "bind": ("bound",), "grind": ("ground",), "forsake": ("forsook", "forsaken"),
    "undergo": ("underwent", "undergone"), "arise": ("arose", "arisen"), "stick": ("stuck",),
    "sting": ("stung",), "strive": ("strove", "striven"), "wage": ("waged",), "rebuild": ("rebuilt",),
    "mislead": ("misled",), "override": ("overrode", "overridden"), "foresee": ("foresaw", "foreseen"),
    "drive": ("drove", "driven"), "choose": ("chose", "chosen"), "hide": ("hid", "hidden"),
    "shed": ("shed",), "spread": ("spread",), "cut": ("cut",), "quit": ("quit",), "bid": ("bid",),
    "broadcast": ("broadcast",), "upset": ("upset",), "cast": ("cast",), "forecast": ("forecast",),
    "wake": ("woke", "woken"), "wear": ("wore", "worn"), "sink": ("sank", "sunk"), "sing": ("sang", "sung"),
    "swing": ("swung",), "split": ("split",), "spin": ("spun",), "deal": ("dealt",), "dig": ("dug",),
    "feed": ("fed",), "lend": ("lent",), "bend": ("bent",), "light": ("lit",), "prove": ("proven",),
}
# Verbs of more than one syllable that double their final consonant (stress on the last syllable).
DOUBLING = frozenset(
    ["commit", "admit", "submit", "permit", "refer", "prefer", "occur", "compel", "expel", "propel", "repel", "control", "patrol", "kidnap", "abet", "regret", "rebut", "equip", "deter", "transfer", "confer", "incur", "acquit", "outfit", "rebel", "defer", "infer", "remit", "omit", "emit", "recur", "extol", "embed", "forbid", "compel", "dispel", "excel"]
)
_VOWELS = set("aeiou")


def _double(lemma: str) -> bool:
    if len(lemma) < 3 or lemma[-1] in "wxy" or lemma[-1] in _VOWELS:
        return False
    if not (lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS):
        return False
    if lemma in DOUBLING:
        return True
    syllables = sum(1 for i, ch in enumerate(lemma) if ch in _VOWELS and (i == 0 or lemma[i - 1] not in _VOWELS))
    return syllables == 1


def verb_forms(lemma: str) -> set[str]:
    """All surface forms of a verb lemma (multi-word lemmas inflect their first word)."""
    head, _, rest = lemma.lower().partition(" ")
    forms = {head}
    if head.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(head + "es")
    elif head.endswith("y") and len(head) > 2 and head[-2] not in _VOWELS:
        forms.add(head[:-1] + "ies")
    else:
        forms.add(head + "s")
    if head.endswith("e"):
        past, ing = head + "d", (head[:-1] + "ing" if not head.endswith(("ee", "ye", "oe")) else head + "ing")
    elif head.endswith("y") and len(head) > 2 and head[-2] not in _VOWELS:
        past, ing = head[:-1] + "ied", head + "ing"
    elif _double(head):
        past, ing = head + head[-1] + "ed", head + head[-1] + "ing"
    else:
        past, ing = head + "ed", head + "ing"
    if head.endswith("ie"):
        ing = head[:-2] + "ying"
    forms.update({ing})
    if head.endswith("l") and len(head) > 3 and head[-2] in _VOWELS and head[-3] not in _VOWELS and not _double(head):
        forms.update({head + "led", head + "ling"})  # British spelling: cancelled, travelling, fuelled
    irregular = IRREGULAR.get(head)
    if irregular:
        forms.update(irregular)
        if any(f.endswith("ed") for f in irregular) or head in ("prove", "light"):
            forms.add(past)  # verbs with both regular and irregular forms
    else:
        forms.add(past)
    return {f"{f} {rest}".strip() for f in forms}


def lemma_of(form: str, lemmas: set[str]) -> str | None:
    for lemma in lemmas:
        if form in verb_forms(lemma):
            return lemma
    return None
