"""Load test of the JSON API on loopback: python benchmarks/api_load.py [--requests N] [--seconds S] [--clients C]

Builds the demo database (`eventwire demo`) in a temporary folder, starts `eventwire serve` on a free
loopback port and sends the dashboard's requests from C client threads (httpx) until N requests or S
seconds; prints requests/s, p50 and p99 latency and the errors (there should be none) as JSON.
"""

import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from eventwire.bench.api_load import load


def option(name: str, default: float) -> float:
    return float(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        subprocess.run([sys.executable, "-m", "eventwire.cli.main", "demo", "--db", str(db)], check=True,
                       capture_output=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, "-m", "eventwire.cli.main", "serve", "--db", str(db),
                                   "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    httpx.get(base + "/api/codes?per_page=1", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            result = load(base, requests=int(option("--requests", 2000)), seconds=option("--seconds", 20),
                          clients=int(option("--clients", 8)))
        finally:
            server.terminate()
            server.wait(10)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
