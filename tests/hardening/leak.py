"""The leak check: tell a leak from a cache by passes over a fixed set of views, never by seconds.

A cache fills and then holds; a leak grows with every request. So `leak_check`:

1. Warms up on a fixed, finite set of requests (`view_set`: every crime type's opening view in its last three
   years, each visited as a browser does, load.visit_requests). The set is passed over again and again, each pass
   in a random order on one kept-alive connection, so by one worker, between two reads of that worker's cache
   sizes (dashboard.web.testing_hooks). A worker is warm once a full pass left every one of its caches as it found
   them. Every worker must be warm within `max_warm_up_passes` passes of its own; if not, a cache never stops
   growing under a finite set of views: an unbounded cache, and the verdict says which.
2. Reads each worker's resident memory, sends `passes` further passes of the same set through `clients`
   concurrent users, and reads it again. More growth than `max_growth`, in any worker, is a leak. Before each
   read every worker hands its freed memory back to the system (what the app does after a burst of pandas work),
   so what is read is what the worker keeps, not what malloc holds for reuse.

The verdict is a value, so one test requires "flat" of the app and another requires "leak" of the same check,
with the same passes and threshold, against a server that leaks on purpose (SEE_TEST_LEAK_BYTES).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import threading
import time
from dataclasses import asdict, dataclass, field

from dashboard.catalog import CRIME_TYPES
from dashboard.view.state import Domain, default_state, to_query
from dashboard.web.testing_hooks import CACHES_PATH, ENV, RELEASE_SIGNAL, released_path
from tests.hardening import load
from tests.hardening.load import LoadResult, Outcome, Request
from tests.hardening.server import Server, rss_bytes

#: The environment that switches the test hooks on in a server started by tests/hardening/server.py.
HOOKS_ENV = {ENV: "1"}
#: Connections in a row that may land on warm workers while a cold one waits idle, per worker, before the
#: warm-up gives up on reaching it (a connection goes to whichever worker accepts it first).
REACH_TRIES = 200
#: Seconds a worker may take to answer RELEASE_SIGNAL: only a hung worker comes near it.
RELEASE_TIMEOUT = 120
#: Pause before a user that reached a warm worker tries again, so idle users do not spin on the warm workers.
SKIP_PAUSE = 0.05


@dataclass(frozen=True)
class Settings:
    """One run of the check: the same for the app and for the leaking server it must catch."""

    warm_up_clients: int
    max_warm_up_passes: int
    passes: int
    clients: int
    max_growth: float


@dataclass
class WarmUp:
    """What the warm-up saw, per worker: full passes served, and the pass that left its caches unchanged.

    Called by the warm-up's users under one lock. A user that lands on a worker already warm does not pass over
    the set there (`skipped`): it reconnects, so the CPU goes to the workers still filling their caches.
    """

    pids: list[int]
    max_passes: int
    passes: dict[int, int] = field(default_factory=dict)
    warm_at: dict[int, int] = field(default_factory=dict)
    caches: dict[int, dict] = field(default_factory=dict)
    last_growth: dict[int, dict] = field(default_factory=dict)
    running: dict[int, int] = field(default_factory=dict)  # passes under way, per worker
    skips: int = 0  # connections that landed on a warm worker since a pass last began or ended
    broken: int = 0  # passes that did not stay on one worker (a connection was closed and reopened)
    failure: str = ""  # why the warm-up stopped early (no cache sizes, no connection, a worker out of reach)
    result: LoadResult = field(default_factory=LoadResult)

    def cold(self) -> list[int]:
        return [pid for pid in self.pids if pid not in self.warm_at]

    def finished(self) -> bool:
        """Every worker warm, or one that never will be, or a failure."""
        stuck = any(self.passes.get(pid, 0) >= self.max_passes for pid in self.cold())
        return not self.cold() or stuck or bool(self.failure)

    def begin(self, pid: int) -> bool:
        """A connection reached `pid`: whether to pass over the set there (only while the worker is cold)."""
        if pid in self.warm_at:
            self.skips += 1
            idle = [p for p in self.cold() if not self.running.get(p)]
            if idle and self.skips >= REACH_TRIES * len(self.pids):
                self.failure = f"workers {idle} are cold and took none of {self.skips} connections"
            return False
        self.running[pid] = self.running.get(pid, 0) + 1
        self.skips = 0
        return True

    def end(self, pid: int, before: dict, after: dict, whole: bool) -> None:
        """A pass on `pid` ended; `whole` if every answer in it came from `pid`."""
        self.running[pid] -= 1
        self.skips = 0
        if not whole:
            self.broken += 1
            return
        self.passes[pid] = self.passes.get(pid, 0) + 1
        if before != after:
            self.last_growth[pid] = {k: (before.get(k), v) for k, v in after.items() if before.get(k) != v}
        elif pid not in self.warm_at:
            self.warm_at[pid], self.caches[pid] = self.passes[pid], after


@dataclass(frozen=True)
class Verdict:
    """"flat" (no worker grew more than the threshold), "leak" (one did) or "unsettled" (a cache never held)."""

    kind: str
    reason: str  #: one sentence for the assertion message
    warm_up: WarmUp  #: the passes it took each worker's caches to settle
    load: LoadResult | None = None  #: the measured passes; None when the warm-up never settled
    #: Each worker's RSS in bytes (by pid) before and after the measured passes.
    rss_start: dict[int, int] = field(default_factory=dict)
    rss_end: dict[int, int] = field(default_factory=dict)

    @property
    def growth(self) -> dict[int, float]:
        return {pid: (self.rss_end[pid] - start) / start for pid, start in self.rss_start.items()
                if pid in self.rss_end}

    @property
    def errors(self) -> list[Outcome]:
        return self.warm_up.result.errors + (self.load.errors if self.load else [])

    def figures(self) -> dict[str, object]:
        per_worker = {str(pid): sum(o.worker == pid for o in self.load.outcomes) for pid in self.rss_start} \
            if self.load else {}
        return {
            "verdict": self.kind, "reason": self.reason,
            "warm_up_passes": {str(p): n for p, n in self.warm_up.passes.items()},
            "warm_at_pass": {str(p): n for p, n in self.warm_up.warm_at.items()},
            "warm_up_broken_passes": self.warm_up.broken,
            "warm_up": self.warm_up.result.summary(),
            "caches": {str(p): c for p, c in self.warm_up.caches.items()},
            **({"load": self.load.summary(), "requests_per_worker": per_worker} if self.load else {}),
            "rss_start_mb": {str(p): round(v / 2**20, 1) for p, v in self.rss_start.items()},
            "rss_end_mb": {str(p): round(v / 2**20, 1) for p, v in self.rss_end.items()},
            "growth_pct": {str(p): round(100 * g, 2) for p, g in self.growth.items()},
        }


def opening_views(domain: Domain) -> list[tuple[str, dict]]:
    """Every crime type's opening view in its last three years: its query, and the view as the store holds it."""
    views = []
    for crime in CRIME_TYPES:
        base = default_state(domain, crime)
        for year in domain.years(crime, base.indicator)[-3:]:
            state = base.with_(year=year)
            views.append((to_query(state, domain),
                          {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}))
    return views


def view_set(app, domain: Domain) -> list[Request]:  # noqa: ANN001 - dash.Dash
    """The fixed set one pass sends: a visit (load.visit_requests) to each opening view."""
    return [request for query, view in opening_views(domain) for request in load.visit_requests(app, query, view)]


def _cache_sizes(conn) -> tuple[int, dict]:  # noqa: ANN001 - http.client.HTTPConnection
    status, _worker, body = load.send(conn, Request("GET", CACHES_PATH))
    try:
        report = json.loads(body)
        return int(report["pid"]), report["caches"]
    except (ValueError, KeyError, TypeError):
        raise AssertionError(f"{CACHES_PATH} answered {status}, not cache sizes: start the server with "
                             f"{ENV}=1") from None


def _pass_or_skip(base_url: str, requests: list[Request], seen: WarmUp, lock: threading.Lock) -> list[Outcome]:
    """Reach a worker; if it is cold, send the set in a random order there, between two reads of its caches."""
    conn = load.connect(base_url)
    try:
        pid, before = _cache_sizes(conn)
        with lock:
            go = seen.begin(pid)
        if not go:
            return []
        outcomes = [load.record(conn, request) for request in random.sample(requests, len(requests))]
        pid_after, after = _cache_sizes(conn)
        with lock:
            seen.end(pid, before, after, pid_after == pid and all(o.worker == pid for o in outcomes))
        return outcomes
    finally:
        conn.close()


def warm_up(server: Server, requests: list[Request], clients: int, max_passes: int) -> WarmUp:
    """Passes over `requests` by `clients` users until every worker has had a pass in which no cache grew."""
    seen = WarmUp(server.worker_pids(), max_passes)
    lock = threading.Lock()

    def user(mine: list[Outcome]) -> None:
        while True:
            with lock:
                if seen.finished():
                    return
            try:
                outcomes = _pass_or_skip(server.base_url, requests, seen, lock)
            except (OSError, AssertionError, http.client.HTTPException) as exc:
                with lock:
                    seen.failure = seen.failure or f"{type(exc).__name__}: {exc}"
                return
            if outcomes:
                mine.extend(outcomes)
            else:
                time.sleep(SKIP_PAUSE)  # a poll interval, not a measure: nothing is judged by time

    seen.result = load.users(clients, user, None)
    return seen


def resident_memory(pids: list[int]) -> dict[int, int]:
    """Each worker's resident memory, read after it has handed its freed memory back (RELEASE_SIGNAL)."""
    counts = {pid: _released(pid) for pid in pids}
    for pid in pids:
        os.kill(pid, RELEASE_SIGNAL)
    deadline = time.monotonic() + RELEASE_TIMEOUT
    while any(_released(pid) <= counts[pid] for pid in pids):
        if time.monotonic() > deadline:  # a hung worker, not a slow one: the release takes well under a second
            late = [pid for pid in pids if _released(pid) <= counts[pid]]
            raise AssertionError(f"workers {late} did not release their freed memory within {RELEASE_TIMEOUT} s")
        time.sleep(0.05)
    for pid in pids:
        released_path(pid).unlink(missing_ok=True)  # counted from zero again next time
    return {pid: rss_bytes(pid) for pid in pids}


def _released(pid: int) -> int:
    try:
        return int(released_path(pid).read_text() or 0)
    except (OSError, ValueError):  # not yet written, or caught mid-write
        return 0


def leak_check(server: Server, requests: list[Request], settings: Settings) -> Verdict:
    """Warm up by passes, then judge each worker's memory over `settings.passes` further passes."""
    pids = server.worker_pids()
    warm = warm_up(server, requests, settings.warm_up_clients, settings.max_warm_up_passes)
    if warm.failure:
        return Verdict("unsettled", f"the warm-up stopped: {warm.failure}", warm)
    if warm.cold():
        growth = {pid: warm.last_growth.get(pid) for pid in warm.cold()}
        return Verdict("unsettled", f"caches still growing after {settings.max_warm_up_passes} passes of a fixed "
                       f"set of views (an unbounded cache?), per worker (entries before, after): {growth}", warm)
    start = resident_memory(pids)
    work = (request for _ in range(settings.passes) for request in random.sample(requests, len(requests)))
    result = load.run_queue(server.base_url, settings.clients, work)
    if server.worker_pids() != pids:
        return Verdict("unsettled", "a worker died or was replaced during the check", warm, result, start)
    end = resident_memory(pids)
    verdict = Verdict("flat", "", warm, result, start, end)
    worst = max(verdict.growth.values())
    kind = "leak" if worst > settings.max_growth else "flat"
    reason = (f"largest worker growth {100 * worst:.1f}% over {settings.passes} passes "
              f"({'above' if kind == 'leak' else 'within'} the {100 * settings.max_growth:.0f}% limit)")
    return Verdict(kind, reason, warm, result, start, end)
