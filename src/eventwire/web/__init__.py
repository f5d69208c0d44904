"""The web dashboard and JSON API (extra `web`: FastAPI, uvicorn, Jinja2), imported only when used."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from eventwire.errors import EventwireError

NEEDS = ("fastapi", "uvicorn", "jinja2")
INSTALL_HINT = "pip install 'eventwire[web]'"


def require() -> None:
    """Fail with the install command when a package of the `web` extra is missing."""
    missing = [m for m in NEEDS if importlib.util.find_spec(m) is None]
    if missing:
        raise EventwireError(f"the web dashboard needs {', '.join(missing)}: {INSTALL_HINT}")


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, busy_timeout: float = 5.0) -> None:
    """Serve the dashboard and the API over `db` until interrupted; a request waits up to `busy_timeout`
    seconds for a writer (`eventwire ingest`) to let go of the database, then answers 503."""
    require()
    import uvicorn

    from eventwire.web.app import create_app

    uvicorn.run(create_app(db, busy_timeout=busy_timeout), host=host, port=port, log_level="info")
