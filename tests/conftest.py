"""Shared fixtures: one loaded pipeline, and the ../shared material read at test time (skipped when absent)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from eventwire import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared is not present beside the project; the gold data lives there")
    return SHARED


@pytest.fixture(scope="session")
def scorer(shared: Path):  # type: ignore[no-untyped-def]
    """The project's one scorer, imported from ../shared/eval/score.py."""
    spec = importlib.util.spec_from_file_location("ew_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def keys(events: list) -> set[tuple]:  # type: ignore[type-arg]
    return {(e.source.key if e.source else None, e.target.key if e.target else None, e.root) for e in events}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The shipped demo corpus coded into a database once per session (what `eventwire demo` builds)."""
    from analysis_fixtures import build_demo_db

    return build_demo_db(tmp_path_factory.mktemp("demo") / "demo.duckdb", pipeline)
