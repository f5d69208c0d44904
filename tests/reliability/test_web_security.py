"""The web surface: every SQL parameterised (a static check of the source and injection attempts through
every API parameter), every parameter validated (4xx, never 500), loopback by default, no writing
route, and article text escaped in the event page, the dashboard data and `eventwire report`."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import eventwire
from eventwire import Pipeline
from eventwire.model import Article
from eventwire.store.db import Store

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'eventwire[web]'")
from fastapi.routing import APIRoute  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from starlette.routing import Mount, Route  # noqa: E402

from eventwire.cli.main import app as cli  # noqa: E402
from eventwire.web.app import create_app  # noqa: E402

from .bounds import examples  # noqa: E402

SRC = Path(eventwire.__file__).parent
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|WHERE|FROM|JOIN|ORDER BY|GROUP BY|LIMIT|UNION|CREATE|DROP"
                       r"|LIKE|IS (NOT )?NULL|CASE WHEN|coalesce|least|greatest)\b|[=<>] \?|\bIN \(")
# Every expression interpolated into SQL text, reviewed: fixed fragments built in the code, or values checked
# against a closed set before use (period by check_period, by by GROUPS, level by _level, sort by SORTS).
# A new interpolation fails this test until it is reviewed and added here.
REVIEWED = {
    "analysis/aggregates.py": {"' UNION ALL '.join(sides)", "DAY", "FROM", "_measures(reader)", "by", "ds", "dt_",
                               "extra", "key", "period", "r", "s", "t", "tone", "where"},
    "analysis/query.py": {"DAY", "FROM", "SORTS[sort]", "base", "marks", "self.event_columns_sql()", "where"},
    "analysis/filters.py": {"','.join('?' * len(self.quad_classes))", "','.join('?' * len(self.statuses))", "DAY",
                            "side", "format:s='source'", "format:s='target'", "format:m=marks"},
    "store/db.py": {"t", "','.join('?' * 32)", "' AND '.join(where)", "' WHERE ' + ' AND '.join(where) if where else ''",
                    "keys", "alias"},  # reject_summary: names checked against ("source", "code"); a table alias
    # table and column names from the store's own schema; values go in as unnested ? arrays
    "store/bulk.py": {"', '.join(columns)", "select", "table", "verb"},
    # exports: fixed table names and clauses with ? values; COPY TO takes no parameter for its path, which
    # is the caller's own output file, quoted with '' doubled
    "store/exports.py": {"_select(table)", "day", "options", "order", "src", "target", "where"},
    # merged events: fixed column lists of the schema
    "store/merge.py": {"', '.join((f'arg_min_null({c}, ord) FILTER (WHERE place_name IS NOT NULL)' for c in _PLACE))",
                       "', '.join((f'arg_min_null({c}, ord)' for c in _REP))", "_ORD", "c"},
}


def sql_interpolations() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for sub in ("analysis", "store", "web"):
        for path in sorted((SRC / sub).rglob("*.py")):
            rel = path.relative_to(SRC).as_posix()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.JoinedStr):
                    const = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                    if SQL_WORDS.search(const):
                        found.setdefault(rel, set()).update(
                            ast.unparse(v.value) for v in node.values if isinstance(v, ast.FormattedValue))
                elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                    assert not (isinstance(node.left, ast.Constant) and SQL_WORDS.search(str(node.left.value))), \
                        f"{rel}:{node.lineno}: SQL built with % formatting"
                elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                    sides = (node.left, node.right)
                    if any(isinstance(x, ast.Constant) and SQL_WORDS.search(str(x.value)) for x in sides):
                        found.setdefault(rel, set()).update(ast.unparse(x) for x in sides
                                                            if not isinstance(x, ast.Constant | ast.BinOp))
                elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
                    # str.format anywhere here: its values are reviewed like interpolations
                    found.setdefault(rel, set()).update(
                        [f"format:{ast.unparse(a)}" for a in node.args]
                        + [f"format:{k.arg}={ast.unparse(k.value)}" for k in node.keywords])
    return found


def test_sql_text_holds_only_reviewed_fragments() -> None:
    found = sql_interpolations()
    for rel, exprs in found.items():
        new = exprs - REVIEWED.get(rel, set())
        assert not new, f"{rel} interpolates {sorted(new)} into SQL: pass values as ? parameters"
    assert found, "the scan found no SQL at all: the check is looking in the wrong place"


def test_closed_set_values_are_checked_before_reaching_sql(client: TestClient) -> None:
    from eventwire.analysis import aggregates
    from eventwire.analysis.filters import EventFilter
    from eventwire.analysis.query import Reader
    from eventwire.errors import QueryError

    with Reader(client.app.state.db) as reader:  # type: ignore[attr-defined]
        for kw in ({"period": "week', now()) --"}, {"by": "root; DROP TABLE events"}, {"level": "key OR 1=1"}):
            with pytest.raises(QueryError):
                aggregates.series(reader, EventFilter.of(), **kw)
        with pytest.raises(QueryError):
            reader.events(EventFilter.of(), sort="date; DROP TABLE events")


# ---------------------------------------------------------------- a database with hostile article text
XSS = ("Russian troops attacked the Ukrainian city of Kharkiv on Monday <script>alert(1)</script>, officials in "
       "Kyiv said.\n\nNATO condemned Russia <img src=x onerror=alert(2)> over the attack on Tuesday.\n\n"
       "\"<b onmouseover=alert(3)>We will defend our land</b>,\" said Ukrainian President Volodymyr Zelensky.")
RAW_TAGS = ("<script>alert(1)", "<img src=x onerror", "<b onmouseover")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, demo_db: Path, pipeline: Pipeline) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    shutil.copy(demo_db, path)
    art = pipeline(XSS, id="xss-1", published="2022-03-07", title="<script>alert('title')</script> Kharkiv")
    assert isinstance(art, Article) and len(art.events) >= 2 and art.quotes
    with Store(path) as store:
        store.add_article(art, source="xss-1")
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def query_params(client: TestClient) -> dict[str, list[str]]:
    spec = client.get("/api/openapi.json").json()
    return {path: [p["name"] for op in ops.values() for p in op.get("parameters", []) if p["in"] == "query"]
            for path, ops in spec["paths"].items()}


# ---------------------------------------------------------------- injection through every parameter
MARK = "zq9xinj"
PAYLOADS = [f"{MARK}' OR '1'='1", f"{MARK}'; DROP TABLE events; --", f"RUS' UNION SELECT 1,2,3 -- {MARK}",
            f"{MARK}\") OR 1=1 --", f"%{MARK}%", f"{MARK}\\'; SELECT * FROM articles; --"]


class Recorder:
    """A DuckDB connection that records the SQL text it is given."""

    def __init__(self, con: Any, seen: list[str]) -> None:
        self._con, self._seen = con, seen

    def execute(self, sql: str, *args: Any, **kw: Any) -> Any:
        self._seen.append(sql)
        return self._con.execute(sql, *args, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def test_injection_through_every_parameter(client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = counts(db)
    seen: list[str] = []
    real = duckdb.connect
    monkeypatch.setattr(duckdb, "connect", lambda *a, **k: Recorder(real(*a, **k), seen))
    tried = 0
    for path, names in query_params(client).items():
        if "{" in path:
            for payload in PAYLOADS:
                url = path.replace("{event_id}", quote(payload, safe=""))
                r = client.get(url)
                assert r.status_code in (404, 422), (url, r.status_code, r.text[:300])
                tried += 1
            continue
        for name in names:  # each (endpoint, parameter) gets a payload, the payloads taking turns
            for payload in (PAYLOADS[tried % len(PAYLOADS)],):
                r = client.get(path, params={name: payload})
                assert r.status_code in (200, 404, 422), (path, name, payload, r.status_code, r.text[:300])
                if r.status_code == 200:  # a value that ends up in a WHERE matches nothing, as a plain string
                    assert not r.json().get("items"), (path, name, payload, "an injected value matched rows")
                tried += 1
    assert tried > 80
    leaked = [s for s in seen if MARK in s]
    assert not leaked, f"request values reached SQL text: {leaked[:2]}"
    assert seen, "no SQL was recorded: the recorder is not in the path"
    assert counts(db) == before


# ---------------------------------------------------------------- validation: bad values are 4xx, never 500
BAD = ["", "-1", "0", "99999999999999999999999", "1e309", "nan", "x" * 5000, "\x00", "2022-13-45", "true",
       "../../etc/passwd", "%00", "\u202e\u0000", "[]", "{}", "-0", "3.5"]


def test_every_parameter_refuses_bad_values_without_500(client: TestClient) -> None:
    for path, names in query_params(client).items():
        if "{" in path:
            for value in BAD[1:]:
                r = client.get(path.replace("{event_id}", quote(value, safe="")))
                assert r.status_code < 500 and r.status_code in (404, 422), (path, value, r.status_code)
            continue
        for i, name in enumerate(names):  # each (endpoint, parameter) gets two bad values, taking turns
            for value in (BAD[(2 * i) % len(BAD)], BAD[(2 * i + 1) % len(BAD)]):
                r = client.get(path, params={name: value})
                assert r.status_code in (200, 422), (path, name, value, r.status_code, r.text[:300])
                if r.status_code == 422:
                    assert r.json()["error"] == "bad_parameter" and r.json()["errors"], (path, name, value)
        r = client.get(path, params={"page": "-3"})
        assert r.status_code == 422
        r = client.get(path, params={"no_such_parameter": "1"})
        assert r.status_code == 422


@settings(max_examples=examples(50), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_fuzzed_parameters_never_500(client: TestClient, data: st.DataObject) -> None:
    paths = {p: n for p, n in query_params(client).items() if "{" not in p and n}
    path = data.draw(st.sampled_from(sorted(paths)))
    params = data.draw(st.dictionaries(st.sampled_from(paths[path]), st.text(max_size=300), max_size=4))
    r = client.get(path, params=params)
    assert r.status_code in (200, 422), (path, params, r.status_code, r.text[:300])


# ---------------------------------------------------------------- loopback by default, no writing route
def test_server_binds_loopback_by_default(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire import web

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(web, "serve", lambda db, **kw: calls.append(kw))
    res = CliRunner().invoke(cli, ["serve", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert calls and calls[0]["host"] == "127.0.0.1", calls
    res = CliRunner().invoke(cli, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert "warning" in res.output and calls[-1]["host"] == "0.0.0.0"


def test_every_route_only_reads(client: TestClient) -> None:
    def walk(routes: list[Any]) -> list[Any]:
        out = []
        for route in routes:
            inner = getattr(route, "routes", None) or getattr(getattr(route, "original_router", None), "routes", None)
            if isinstance(route, Mount):
                assert route.path == "/static", f"unexpected mount {route.path}"
            elif isinstance(route, APIRoute | Route):
                out.append(route)
            elif inner is not None:  # an included router
                out += walk(inner)
            else:
                raise AssertionError(f"a route of unknown kind: {route!r:.200}")
        return out

    routes = walk(client.app.routes)  # type: ignore[attr-defined]
    for route in routes:
        assert route.methods <= {"GET", "HEAD"}, (
            f"{route.path} accepts {sorted(route.methods)}: a writing route needs a token check and a test")
    assert len(routes) >= 12, [r.path for r in routes]
    spec = client.get("/api/openapi.json").json()
    assert {m for ops in spec["paths"].values() for m in ops} == {"get"}
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        r = client.request(method, "/api/events")
        assert r.status_code == 405, (method, r.status_code)


# ---------------------------------------------------------------- escaping of article text
def test_event_page_escapes_article_text(client: TestClient) -> None:
    events = client.get("/api/events", params={"article": "xss-1", "status": "all"}).json()["items"]
    if not events:  # the article filter may take the stored key rather than the document id
        events = [e for e in client.get("/api/events", params={"text": "Kharkiv", "status": "all",
                                                               "per_page": 200}).json()["items"]]
    assert events
    for ev in events:
        page = client.get(f"/events/{quote(ev['id'], safe='')}")
        assert page.status_code == 200
        for tag in RAW_TAGS:
            assert tag not in page.text, (tag, ev["id"])
        assert "&lt;script&gt;" in page.text or "&lt;img" in page.text or "&lt;b" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]


def test_dashboard_data_is_json_and_the_dashboard_inserts_no_html() -> None:
    for js in (SRC / "web" / "static").glob("*.js"):
        code = js.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, f"{js.name} uses {sink}: build nodes and set textContent"
    for tpl in (SRC / "web" / "templates").glob("*.html"):
        text = tpl.read_text(encoding="utf-8")
        assert "|safe" not in text.replace(" ", "") and "autoescape false" not in text, tpl.name


def test_dashboard_api_serves_text_as_json_not_html(client: TestClient) -> None:
    r = client.get("/api/quotes", params={"text": "defend"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert any("<b onmouseover" in q["text"] for q in r.json()["items"])  # data kept as written, as JSON
    page = client.get("/")
    for tag in RAW_TAGS:
        assert tag not in page.text


def test_report_html_escapes_article_text(db: Path, tmp_path: Path, client: TestClient) -> None:
    out = tmp_path / "r.html"
    res = CliRunner().invoke(cli, ["report", "--actor", "RUS", "--actor", "UKR", "--out", str(out), "--db", str(db)])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert "Kharkiv" in html
    for tag in (*RAW_TAGS, "<script>alert('title')"):
        assert tag not in html, tag
    assert "&lt;script&gt;" in html or "&lt;b onmouseover" in html or "&lt;img" in html
    served = client.get("/report", params={"actor": ["RUS", "UKR"]})
    assert served.status_code == 200
    for tag in RAW_TAGS:
        assert tag not in served.text
