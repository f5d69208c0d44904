from __future__ import annotations

import pytest

import eventwire
from eventwire.errors import InputError


def test_public_call_returns_typed_article():
    art = eventwire.code("Japan and South Korea held talks in Seoul on Monday.", published="2023-03-08")
    assert isinstance(art, eventwire.Article)
    assert {(e.source.key, e.target.key, e.code, e.reciprocal) for e in art.events} == {("JPN", "KOR", "040", True)}
    assert all(e.date == "2023-03-06" for e in art.events)
    assert art.resources == eventwire.load_resources().fingerprint


@pytest.mark.parametrize("bad", ["", "   \n ", None])
def test_empty_input_is_a_clear_error(bad):
    with pytest.raises(InputError, match=r"\[E"):
        eventwire.code(bad)  # type: ignore[arg-type]


def test_bad_published_is_a_clear_error():
    with pytest.raises(InputError, match="not YYYY-MM-DD"):
        eventwire.code("Chad closed its border.", published="yesterday")


def test_never_invents_a_date_without_publication_date():
    art = eventwire.code("Egypt hosted Sudanese envoys on Monday.")
    assert all(e.date is None for e in art.events) and art.dates == []


def test_compiled_resources_are_cached_by_fingerprint(tmp_path, monkeypatch):
    from eventwire.resources import loader

    monkeypatch.setenv("EVENTWIRE_CACHE", str(tmp_path))
    monkeypatch.setattr(loader, "_CACHE", {})
    first = loader.load_resources([])
    cached = list((tmp_path / "eventwire").glob(f"resources-{first.fingerprint}-*.pickle"))
    assert len(cached) == 1
    monkeypatch.setattr(loader, "_CACHE", {})
    second = loader.load_resources([])
    assert second.fingerprint == first.fingerprint and second is not first
    assert len(second.people) == len(first.people) and second.matcher.get(" nato ") is not None
