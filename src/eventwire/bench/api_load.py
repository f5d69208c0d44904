"""Load test of the JSON API: client threads send the dashboard's requests to a running server on
loopback until a request count or a time limit is reached, and report requests/s and latency percentiles.
Used by benchmarks/api_load.py and tests/reliability/test_load.py (which asserts no errors, never speed).
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from typing import Any

# the dashboard's API calls, with the parameters it sends
ENDPOINTS = ("/api/summary", "/api/events?per_page=20", "/api/events?actor=RUS&sort=-date",
             "/api/series?period=week&by=quad_class", "/api/actors?per_page=10", "/api/dyads",
             "/api/places", "/api/escalation?period=week", "/api/quotes?per_page=10", "/api/codes?prefix=19")


def percentile(sorted_values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of sorted values, nearest rank."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), math.ceil(q / 100 * len(sorted_values))))
    return sorted_values[rank - 1]


def load(base_url: str, requests: int = 2000, seconds: float = 20.0, clients: int = 8,
         endpoints: tuple[str, ...] = ENDPOINTS) -> dict[str, Any]:
    """Send up to `requests` GETs (or for up to `seconds`) from `clients` threads; every answer that is not
    a 200 is counted as an error with its status (or the exception's name)."""
    import httpx

    lock = threading.Lock()
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    examples: list[str] = []
    sent = 0
    deadline = time.monotonic() + seconds

    def client(k: int) -> None:
        nonlocal sent
        with httpx.Client(base_url=base_url, timeout=30) as http:
            i = k
            while time.monotonic() < deadline:
                with lock:
                    if sent >= requests:
                        return
                    sent += 1
                url = endpoints[i % len(endpoints)]
                i += 1
                start = time.perf_counter()
                try:
                    status = http.get(url).status_code
                    outcome = None if status == 200 else str(status)
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    if outcome is not None:
                        errors[outcome] += 1
                        if len(examples) < 5:
                            examples.append(f"{url}: {outcome}")

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered), "clients": clients, "seconds": round(elapsed, 2),
        "requests_per_s": round(len(ordered) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(ordered, 50) * 1000, 1), "p99_ms": round(percentile(ordered, 99) * 1000, 1),
        "max_ms": round((ordered[-1] if ordered else 0) * 1000, 1),
        "errors": dict(errors), "error_examples": examples,
    }
