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


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the dashboard and the API over `db` until interrupted."""
    require()
    import uvicorn

    from eventwire.web.app import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="info")
