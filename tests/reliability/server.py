"""A real `eventwire serve` in a child process on a free loopback port, for the concurrency and load tests."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from eventwire.bench.api_load import ENDPOINTS  # noqa: F401 - the dashboard's requests, hammered here too

from .corpus import child_env, eventwire_cmd


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: Path, *extra: str, start_timeout: float = 60) -> Iterator[str]:
    """The base address of a running server over `db`; the server is stopped at the end."""
    port = free_port()
    proc = subprocess.Popen(eventwire_cmd("serve", "--db", str(db), "--port", str(port), *extra),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=child_env())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"the server exited with {proc.returncode}: {proc.stderr.read()[-2000:]}")  # type: ignore[union-attr]
            try:
                httpx.get(base + "/api/codes?per_page=1", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise AssertionError("the server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
