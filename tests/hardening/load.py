"""A small closed-loop HTTP load client: N threads, each one user repeating a page visit as fast as answers come.

Threads with http.client rather than a load tool, because the fault test needs each request's exact start and
end time and outcome: a request may only fail if it was in flight when the worker serving it was killed.
One visit is what the browser does when it opens a view and moves the year: the page, Dash's layout and
dependencies, the URL -> view callback, the three panel callbacks, a data-API download and the health check.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.unit.dash_post import ENDPOINT, payload

#: Answers a browser accepts; everything else (and every exception) is an error.
OK_STATUSES = {200, 204, 304}


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None


@dataclass
class Outcome:
    start: float
    end: float
    request: Request
    status: int | None
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and self.status in OK_STATUSES


@dataclass
class LoadResult:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def summary(self) -> dict[str, object]:
        took = sorted(o.end - o.start for o in self.outcomes if o.ok)
        span = (max(o.end for o in self.outcomes) - min(o.start for o in self.outcomes)) if self.outcomes else 0
        return {
            "requests": len(self.outcomes),
            "errors": len(self.errors),
            "requests_per_second": round(len(self.outcomes) / span, 1) if span else 0,
            "p50_ms": round(took[len(took) // 2] * 1000) if took else None,
            "p95_ms": round(took[int(len(took) * 0.95)] * 1000) if took else None,
            "first_errors": [f"{o.request.method} {o.request.path[:60]}: {o.status} {o.error}"
                             for o in self.errors[:5]],
        }


def visit(app, queries: Sequence[str], views: Sequence[dict]) -> list[Request]:  # noqa: ANN001 - dash.Dash
    """The requests of one user visit, with a query and a view picked at random."""
    query = random.choice(queries)
    view = random.choice(views)

    def callback(output: str, values: dict[str, object], trigger: str = "draw-view.data") -> Request:
        return Request("POST", ENDPOINT, json.dumps(payload(app, output, values, [trigger])).encode())

    return [
        Request("GET", f"/{query}"),
        Request("GET", "/_dash-layout"),
        Request("GET", "/_dash-dependencies"),
        callback("view-state.data", {"url-request.data": {"search": query, "n": 1}}, trigger="url-request.data"),
        callback("map-graph.figure", {"draw-view.data": view}),
        callback("sankey-graph.figure", {"draw-view.data": view}),
        callback("series-graph.figure", {"draw-view.data": view}),
        callback("year-frames.data", {"timeline-key.data": query}, trigger="timeline-key.data"),
        Request("GET", f"/api/country-indicators.csv?indicator={view['indicator']}&year={view['year']}"),
        Request("GET", "/healthz"),
    ]


def _send(conn: http.client.HTTPConnection, request: Request, close: bool) -> int:
    headers = {"Accept-Encoding": "br, gzip", "Connection": "close" if close else "keep-alive"}
    if request.body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(request.method, request.path, body=request.body, headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status


def run(base_url: str, clients: int, seconds: float, make_visit, keep_alive: bool = True,  # noqa: ANN001
        timeout: float = 120.0) -> LoadResult:
    """``clients`` threads repeat ``make_visit()`` until ``seconds`` have passed; every request is recorded."""
    parts = urlsplit(base_url)
    result = LoadResult()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def user() -> None:
        conn = None
        mine: list[Outcome] = []
        while time.monotonic() < deadline:
            for request in make_visit():
                if conn is None:
                    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
                start = time.monotonic()
                try:
                    status = _send(conn, request, close=not keep_alive)
                    mine.append(Outcome(start, time.monotonic(), request, status))
                except (OSError, http.client.HTTPException) as exc:
                    mine.append(Outcome(start, time.monotonic(), request, None, f"{type(exc).__name__}: {exc}"))
                    conn.close()
                    conn = None
                if not keep_alive and conn is not None:
                    conn.close()
                    conn = None
                if time.monotonic() >= deadline:
                    break
        if conn is not None:
            conn.close()
        with lock:
            result.outcomes.extend(mine)

    threads = [threading.Thread(target=user, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + timeout + 30)
    result.outcomes.sort(key=lambda o: o.start)
    return result
