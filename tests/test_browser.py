"""The dashboard, an event page and a report in a real browser (Playwright driving the system Chromium),
against one uvicorn server over the demo database plus one hostile article. Screenshots go to
test-artifacts/ (or $EVENTWIRE_TEST_ARTIFACTS). Marked `browser`; skipped, with the reason, when
Playwright or Chromium is missing (`apt-get install chromium`; no browser is downloaded)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire import Pipeline
from eventwire.analysis import Reader
from eventwire.ingest.doc import Doc
from eventwire.model import Article
from eventwire.report import build, render_html
from eventwire.runners.local import code_all
from eventwire.store.db import Store

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(os.environ.get("EVENTWIRE_TEST_ARTIFACTS") or ROOT / "test-artifacts")
HOSTILE = ('Moscow condemned Kyiv on Monday. <script>window.__owned = true; alert("owned")</script> The foreign '
           'ministry said Ukraine had attacked a border post.\n"We will answer this," said the minister.')


def chromium_path() -> str:
    found = os.environ.get("EVENTWIRE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("no Chromium on this machine: apt-get install chromium (the browser tests use the system one)")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install playwright")
    path = chromium_path()
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def browser_db(demo_db: Path, pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database with one more article whose text holds a script tag."""
    db = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    shutil.copy(demo_db, db)
    doc = Doc(id="hostile", text=HOSTILE, where="hostile", published="2024-03-01", title="<script>alert('title')</script>")
    with Store(db) as store:
        for art in code_all(pipeline, [doc], None):
            assert isinstance(art, Article)
            store.add_article(art, source=art.id)
    return db


@pytest.fixture(scope="module")
def server(browser_db: Path) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install 'eventwire[web]'")
    from eventwire.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(browser_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/api/summary", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors (a refused script or style shows up there) and dialogs."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    p = browser.new_page(viewport={"width": 1400, "height": 1000})
    p.problems = []  # type: ignore[attr-defined]
    p.on("console", lambda m: m.type == "error" and p.problems.append(m.text))
    p.on("pageerror", lambda e: p.problems.append(str(e)))
    p.on("dialog", lambda d: (p.problems.append("dialog: " + d.message), d.dismiss()))
    yield p
    p.close()


def ready(page: Any) -> None:
    page.wait_for_selector("body[data-state=ready]", timeout=20000)


def test_dashboard_loads_filters_and_opens_the_evidence(server, page):
    page.goto(server + "/")
    ready(page)
    assert page.locator("#timeline g.bar").count() > 5
    assert page.locator("#network g.node").count() >= 5 and page.locator("#network path.edge").count() >= 4
    assert page.locator("#map path.land").count() > 150 and page.locator("#map circle.dot").count() > 5
    assert page.locator("#events tbody tr").count() == 25
    assert page.locator("#actors li").count() > 5 and page.locator("#alerts li.alert").count() > 0
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    # apply a filter: Russia, material conflict
    page.fill("input[name=actor]", "RUS")
    page.check("input[name=quad_class][value='4']")
    page.click("#apply")
    page.wait_for_url(lambda url: "quad_class=4" in url)  # the filters go to the address bar first
    ready(page)
    assert "actor=RUS" in page.url
    rows = page.locator("#events tbody tr")
    assert 1 <= rows.count() < 25
    assert page.locator("#events tbody .qc-tag.qc4").count() == rows.count()  # material conflict only
    assert page.locator("#report-link").is_visible()
    assert "events" in page.locator("#events-count").inner_text()
    page.screenshot(path=str(ARTIFACTS / "dashboard-filtered.png"), full_page=True)

    # open the first event: the article with the evidence highlighted
    page.locator("#events tbody a.evidence-link").first.click()
    page.wait_for_selector("#article-text")
    evidence = page.locator("#evidence")
    assert evidence.is_visible() and "evidence" in (evidence.get_attribute("class") or "")
    assert page.locator("#article-text .trigger").count() >= 1
    assert page.locator("#article-text .actor.source").count() >= 1
    assert page.locator("#pattern").inner_text().strip()
    color = evidence.evaluate("n => getComputedStyle(n).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")  # the stylesheet was applied
    page.screenshot(path=str(ARTIFACTS / "event.png"), full_page=True)
    assert not page.problems, page.problems


def test_a_bad_filter_shows_the_apis_message(server, page):
    page.goto(server + "/?code=99")
    page.wait_for_selector("body[data-state=error]", timeout=20000)
    assert "not a CAMEO code" in page.locator("#error").inner_text()


def test_article_text_with_a_script_tag_is_shown_not_run(server, page):
    page.goto(server + "/?text=border%20post")
    ready(page)
    link = page.locator("#events tbody a.evidence-link").first
    assert "<script>" in link.inner_text()  # shown as text in the table
    link.click()
    page.wait_for_selector("#article-text")
    assert "<script>window.__owned" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text script").count() == 0
    assert page.evaluate("window.__owned === undefined")
    page.screenshot(path=str(ARTIFACTS / "event-hostile.png"), full_page=True)
    assert not page.problems, page.problems


def test_report_opens_in_a_browser_with_the_chart_and_the_quotes(server, browser_db, page, tmp_path):
    with Reader(browser_db) as r:
        html = render_html(build(r, ["RUS", "UKR"]), link_base=server)
    out = ARTIFACTS / "report.html"
    out.write_text(html, encoding="utf-8")
    page.goto(out.as_uri())
    chart = page.locator("svg.chart")
    assert chart.is_visible() and chart.bounding_box()["height"] > 100
    assert page.locator("svg.chart polyline.series").count() >= 2
    quotes = page.locator("blockquote.quote")
    assert quotes.count() >= 1 and "Crimea has made its choice" in quotes.all_inner_texts()[0]
    assert page.locator("blockquote.quote .speaker").first.inner_text() == "Vladimir Putin"
    page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
    # an evidence link opens the event page on the server
    page.locator(f"a[href^='{server}/events/']").first.click()
    page.wait_for_selector("#evidence")
    # and the server renders the same report for the dashboard's link
    page.goto(server + "/report?actor=RUS&actor=UKR")
    assert page.locator("svg.chart polyline.series").count() >= 2
    assert not page.problems, page.problems
