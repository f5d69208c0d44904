"""`eventwire validate`: check every dictionary entry against its schema and across files, with file:line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from eventwire.resources.loader import DATA, FILES, data_files, load_ontology
from eventwire.resources.schema import SCHEMAS

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    entry: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.entry}: {self.message}"


def _items(path: Path) -> list[tuple[int, object]]:
    """(line, python value) for each top-level list item of a YAML file."""
    text = path.read_text(encoding="utf-8")
    node = yaml.compose(text, Loader=_Loader)
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ValueError("the file must be a YAML list of entries")
    data = yaml.load(text, Loader=_Loader)
    return [(child.start_mark.line + 1, value) for child, value in zip(node.value, data, strict=True)]


def _label(raw: object) -> str:
    if isinstance(raw, dict):
        for k in ("id", "code", "name", "title", "label"):
            if k in raw:
                return f"{k}={raw[k]!r}"
    return "entry"


def validate(extra: list[Path] | None = None) -> tuple[int, list[Problem]]:
    """Validate all dictionary files; returns (entries checked, problems)."""
    problems: list[Problem] = []
    checked = 0
    valid: dict[str, list[tuple[str, int, object]]] = defaultdict(list)
    for kind in FILES:
        schema = SCHEMAS[kind]
        for path in data_files(kind, extra):
            rel = str(path.relative_to(DATA)) if path.is_relative_to(DATA) else str(path)
            try:
                items = _items(path)
            except (yaml.YAMLError, ValueError) as exc:
                problems.append(Problem(rel, getattr(getattr(exc, "problem_mark", None), "line", -1) + 1, "file", str(exc).splitlines()[0]))
                continue
            for line, raw in items:
                checked += 1
                try:
                    valid[kind].append((rel, line, schema.model_validate(raw)))
                except ValidationError as exc:
                    for err in exc.errors():
                        loc = ".".join(str(x) for x in err["loc"])
                        problems.append(Problem(rel, line, _label(raw), f"{loc}: {err['msg']}" if loc else err["msg"]))
    problems.extend(_cross_checks(valid))
    return checked, problems


def _cross_checks(valid: dict[str, list[tuple[str, int, object]]]) -> list[Problem]:
    out: list[Problem] = []
    countries = {e.code for _, _, e in valid["countries"]}  # type: ignore[attr-defined]
    igos = {e.code for _, _, e in valid["igos"]}  # type: ignore[attr-defined]
    ontology = load_ontology(DATA / "ontology.csv")
    seen: dict[str, tuple[str, int, str]] = {}
    for f, line, c in valid["countries"]:
        for n in [*c.names, *c.historical, *c.adjectives]:  # type: ignore[attr-defined]
            key = n.lower()
            if key in seen and seen[key][2] != c.code:  # type: ignore[attr-defined]
                out.append(Problem(f, line, f"code={c.code!r}", f"name {n!r} is also used by {seen[key][2]} ({seen[key][0]}:{seen[key][1]})"))  # type: ignore[attr-defined]
            seen[key] = (f, line, c.code)  # type: ignore[attr-defined]
    for f, line, g in valid["igos"]:
        if g.parent and g.parent not in igos:  # type: ignore[attr-defined]
            out.append(Problem(f, line, f"code={g.code!r}", f"parent {g.parent!r} is not an IGO code"))  # type: ignore[attr-defined]
    for f, line, p in valid["people"]:
        for r in p.roles:  # type: ignore[attr-defined]
            if r.country and r.country not in countries:
                out.append(Problem(f, line, f"name={p.name!r}", f"role country {r.country!r} is not in countries.yaml"))  # type: ignore[attr-defined]
            if r.igo and r.igo not in igos:
                out.append(Problem(f, line, f"name={p.name!r}", f"role igo {r.igo!r} is not in igos.yaml"))  # type: ignore[attr-defined]
    for f, line, r in valid["regions"]:
        if r.country not in countries:  # type: ignore[attr-defined]
            out.append(Problem(f, line, f"name={r.name!r}", f"country {r.country!r} is not in countries.yaml"))  # type: ignore[attr-defined]
    ids: set[str] = set()
    for f, line, pat in valid["patterns"]:
        if pat.id in ids:  # type: ignore[attr-defined]
            out.append(Problem(f, line, f"id={pat.id!r}", "duplicate pattern id"))  # type: ignore[attr-defined]
        ids.add(pat.id)  # type: ignore[attr-defined]
        for code in filter(None, (pat.code, pat.negated)):  # type: ignore[attr-defined]
            if code not in ontology:
                out.append(Problem(f, line, f"id={pat.id!r}", f"CAMEO code {code!r} is not in the ontology"))  # type: ignore[attr-defined]
    return out
