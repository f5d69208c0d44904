"""Hostile XML in feeds: entity expansion (billion laughs, quadratic blow-up) and external entities
(XXE: local files, addresses) are refused without expanding or reading anything."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.ingest.feeds import feed_docs
from eventwire.ingest.readers import file_docs, read_inputs
from eventwire.model import Reject

from .bounds import bounded, peak_mib, read_all

SECRET = "TOP-SECRET-7f3a9c token that must never be read"


def _laughs(levels: int = 10) -> str:
    decl = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels))
    return f"<!DOCTYPE rss [{decl}]>"


def _feed(prolog: str, title: str, description: str) -> bytes:
    return (f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>Wire</title><item><title>{title}'
            f"</title><description>{description}</description></item></channel></rss>").encode()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def attacks(secret: Path) -> dict[str, bytes]:
    uri = secret.as_uri()
    return {
        "billion laughs": _feed(_laughs(), "Laughs &lol9;", "Russia said &lol9;"),
        "quadratic blow-up": _feed(f'<!DOCTYPE rss [<!ENTITY a "{"x" * 50_000}">]>', "Q", "&a;" * 2000),
        "external entity (file)": _feed(f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>', "Leak &xxe;",
                                        "NATO said &xxe;"),
        "external entity (path)": _feed(f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{secret}">]>', "Leak &xxe;", "&xxe;"),
        "parameter entity": _feed(f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}"> %p;]>', "P", "Russia said it."),
        "external DTD": _feed(f'<!DOCTYPE rss SYSTEM "{uri}">', "DTD", "Russia said it &xxe;."),
        "address entity": _feed('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>', "U", "&xxe;"),
        "malformed with entities": _feed(_laughs(), "Broken &lol9;", "<b>unclosed &lol9;")[:-20],
        "xinclude": _feed("", "X", '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="'
                          + uri + '" parse="text"/>'),
    }


@pytest.mark.parametrize("name", ["billion laughs", "quadratic blow-up", "external entity (file)",
                                  "external entity (path)", "parameter entity", "external DTD", "address entity",
                                  "malformed with entities", "xinclude"])
def test_hostile_feed_is_not_expanded_and_reads_no_file(name: str, secret: Path, tmp_path: Path) -> None:
    data = attacks(secret)[name]
    items, mib = peak_mib(lambda: read_all(feed_docs(data, "evil.rss", doc_prefix="evil")), seconds=10, what=name)
    assert mib < 64, f"{name}: {mib:.0f} MiB allocated, the entities were expanded"
    for item in items:
        seen = repr(item)
        assert "TOP-SECRET" not in seen, f"{name}: the local file was read into {seen[:200]}"
        assert "lollollol" not in seen, f"{name}: entities were expanded"
        assert len(seen) < 200_000, name
    # an external DTD (RSS 0.91 feeds declare Netscape's) and XInclude declare no entity: the item is read
    # without loading anything; every entity declaration is refused
    if name not in ("xinclude", "external DTD"):
        assert items and all(isinstance(i, Reject) and i.code in ("E140", "E142") for i in items), (name, items)
    # the same file given by path (sniffed as a feed from its .xml name) goes the same way
    path = tmp_path / "evil.xml"
    path.write_bytes(data)
    for item in bounded(lambda: read_all(read_inputs([str(path)])), what=name):
        assert "TOP-SECRET" not in repr(item), name


def test_refusal_names_the_file_and_reason(secret: Path, tmp_path: Path) -> None:
    path = tmp_path / "laughs.rss"
    path.write_bytes(attacks(secret)["billion laughs"])
    (reject,) = list(file_docs(path))
    assert isinstance(reject, Reject) and reject.code == "E142"
    assert str(path) in reject.where and "entit" in reject.reason.lower()
