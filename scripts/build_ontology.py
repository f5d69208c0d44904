"""Build the project's CAMEO/PLOVER ontology table from the reference code table.

Usage: python scripts/build_ontology.py ../shared/reference/cameo_codes.csv

Only facts carry over (code, name, Goldstein weight, QuadClass, PLOVER type/mode/context); the output
columns are the project's own. Run again when the reference table changes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/eventwire/resources/data/ontology.csv"
COLUMNS = ["code", "name", "root", "level", "goldstein", "quad_class", "plover", "plover_mode", "plover_context"]


def main(src: str) -> None:
    rows = []
    with open(src, newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            plover = r["plover_event_2021"].strip()
            rows.append(
                {
                    "code": r["code"],
                    "name": r["name"],
                    "root": r["root_code"],
                    "level": r["level"],
                    "goldstein": r["goldstein"] or r["goldstein_icews"],  # ICEWS-only codes carry only the ICEWS weight
                    "quad_class": r["quadclass"],
                    "plover": "" if plover.startswith("(") else plover,
                    "plover_mode": r["plover_mode_2021"],
                    "plover_context": r["plover_context_2021"],
                }
            )
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} codes to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/cameo_codes.csv")
