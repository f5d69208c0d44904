"""The HTML reader on real news pages (../shared/bench/html): body, title, date and authors against the truth.

Floors for the first 12 pages (by id); the full benchmark is benchmarks/extraction.py. Raise a floor when the
reader improves; lower one only on purpose.
"""

from __future__ import annotations

import pytest

from eventwire.bench.extraction import run

FLOORS = {"extraction_f1": 0.87, "extraction_f1_sound": 0.96, "title_match": 0.95, "date_match": 0.9, "authors_match": 0.9}


@pytest.fixture(scope="module")
def scores(shared):  # type: ignore[no-untyped-def]
    pages = shared / "bench" / "html"
    if not (pages / "ground-truth.json").exists():
        pytest.skip("../shared/bench/html is not present")
    return run(pages, limit=12, scorer_path=shared / "eval" / "score.py")


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_extraction_floor(scores, name):  # type: ignore[no-untyped-def]
    assert scores["pages"] == 12 and not scores["rejects"]
    assert scores[name] >= FLOORS[name], (name, scores[name], scores["misses"])
