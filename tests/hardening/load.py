"""A small closed-loop HTTP load client: N threads, each one user repeating a page visit as fast as answers come.

Threads with http.client rather than a load tool, because the fault test needs each request's exact start and
end time and outcome: a request may only fail if it was in flight when the worker serving it was killed.
One visit is what the browser does when it opens a view and moves the year: the page, Dash's layout and
dependencies, the URL -> view callback, the three panel callbacks, the year frames, a data-API download and the
health check. `run` repeats visits for a time (the fault test); `run_queue` sends a fixed list of requests (the
leak check's passes, tests/hardening/leak.py).
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from tests.unit.dash_post import ENDPOINT, payload

#: Answers a browser accepts; everything else (and every exception) is an error.
OK_STATUSES = {200, 204, 304}
#: The response header naming the worker that answered (dashboard.web.testing_hooks.WORKER_HEADER; only servers
#: started with SEE_TEST_HOOKS=1 send it).
WORKER_HEADER = "X-See-Worker"


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
    worker: int | None = None  # the pid that answered, where the server names it

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
            "seconds": round(span, 1),
            "requests_per_second": round(len(self.outcomes) / span, 1) if span else 0,
            "p50_ms": round(took[len(took) // 2] * 1000) if took else None,
            "p95_ms": round(took[int(len(took) * 0.95)] * 1000) if took else None,
            "first_errors": [f"{o.request.method} {o.request.path[:60]}: {o.status} {o.error}"
                             for o in self.errors[:5]],
        }


def visit(app, queries: Sequence[str], views: Sequence[dict]) -> list[Request]:  # noqa: ANN001 - dash.Dash
    """The requests of one user visit, with a query and a view picked at random."""
    return visit_requests(app, random.choice(queries), random.choice(views))


def visit_requests(app, query: str, view: dict) -> list[Request]:  # noqa: ANN001 - dash.Dash
    """The requests of one visit: opening the view at `query`, drawing `view` (a ViewState as the store holds it)."""

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


#: A socket timeout only a hung server reaches: a busy 2-core machine may take minutes over a cold request (the
#: leak check's warm-up at load average 27 timed out at 120 s), and no test may depend on the machine's speed.
HANG_TIMEOUT = 600.0


def send(conn: http.client.HTTPConnection, request: Request, close: bool = False) -> tuple[int, int | None, bytes]:
    """One request on `conn`: its status, the worker that answered (if named) and the body."""
    headers = {"Accept-Encoding": "br, gzip", "Connection": "close" if close else "keep-alive"}
    if request.body is not None:
        headers["Content-Type"] = "application/json"
    conn.request(request.method, request.path, body=request.body, headers=headers)
    response = conn.getresponse()
    body = response.read()
    worker = response.getheader(WORKER_HEADER)
    return response.status, int(worker) if worker and worker.isdigit() else None, body


def record(conn: http.client.HTTPConnection, request: Request, close: bool = False) -> Outcome:
    """Send one request and record its outcome; a failed connection is closed (http.client reopens it)."""
    start = time.monotonic()
    try:
        status, worker, _body = send(conn, request, close)
        return Outcome(start, time.monotonic(), request, status, worker=worker)
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        return Outcome(start, time.monotonic(), request, None, f"{type(exc).__name__}: {exc}")


def connect(base_url: str, timeout: float = HANG_TIMEOUT) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def run(base_url: str, clients: int, seconds: float, make_visit, keep_alive: bool = True,  # noqa: ANN001
        timeout: float = HANG_TIMEOUT) -> LoadResult:
    """``clients`` threads repeat ``make_visit()`` until ``seconds`` have passed; every request is recorded."""
    deadline = time.monotonic() + seconds

    def user(mine: list[Outcome]) -> None:
        conn = connect(base_url, timeout)  # http.client opens it again after each close
        while time.monotonic() < deadline:
            for request in make_visit():
                mine.append(record(conn, request, close=not keep_alive))
                if not keep_alive:
                    conn.close()
                if time.monotonic() >= deadline:
                    break
        conn.close()

    return users(clients, user, seconds + timeout + 30)


def run_queue(base_url: str, clients: int, requests: Iterable[Request], timeout: float = HANG_TIMEOUT) -> LoadResult:
    """``clients`` threads, each on one kept-alive connection, send ``requests`` between them until none is left."""
    queue = iter(requests)
    lock = threading.Lock()

    def user(mine: list[Outcome]) -> None:
        conn = connect(base_url, timeout)
        while True:
            with lock:
                request = next(queue, None)
            if request is None:
                break
            mine.append(record(conn, request))
        conn.close()

    return users(clients, user, None)


def users(clients: int, user, join_timeout: float | None) -> LoadResult:  # noqa: ANN001 - Callable[[list], None]
    """Run ``clients`` threads of ``user(outcomes)`` at once and gather what they recorded, in start order."""
    result = LoadResult()
    lock = threading.Lock()

    def one() -> None:
        mine: list[Outcome] = []
        user(mine)
        with lock:
            result.outcomes.extend(mine)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(join_timeout)
    result.outcomes.sort(key=lambda o: o.start)
    return result
