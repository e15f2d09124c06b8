"""Load and faults against a real gunicorn on 127.0.0.1, with the Procfile's settings.

- Soak: the leak check of tests/hardening/leak.py, judged by passes over a fixed set of views, never by
  seconds. Warm up until no cache of any worker grows during a full pass; then SOAK_PASSES further passes
  (100 in CI, 18,000 requests; `make soak` runs 1,000, ~5 minutes at 600 requests/s) sent by 200 concurrent
  users must all succeed, and no worker's resident memory may grow by more than 5%.
- The check can fail: the same check, with the same passes and limit, against a server that keeps 4 kB per
  request (SEE_TEST_LEAK_BYTES, dashboard.web.testing_hooks) must report a leak.
- Kill: a worker is SIGKILLed under load. The server keeps answering, the master replaces the worker, and only
  requests in flight at the moment of the kill may fail: each failure is checked to have started before and
  ended after it. (Requests use a fresh connection each, so a failure cannot be a later request on a dead
  worker's kept-alive socket.)

Figures go to artifacts/soak.json, artifacts/soak-leak.json and artifacts/kill.json and are printed (pytest -s
shows them).
"""

from __future__ import annotations

import json
import os
import random
import signal
import threading
import time

import pytest

from dashboard import gunicorn_conf
from dashboard.web.testing_hooks import LEAK_ENV
from tests.browser.conftest import ARTIFACTS
from tests.hardening import leak, load
from tests.hardening.server import gunicorn

SOAK_PASSES = int(os.environ.get("SOAK_PASSES", "100"))
SOAK_CLIENTS = int(os.environ.get("SOAK_CLIENTS", "200"))
#: The leak the check must catch: a few kB kept per request.
LEAK_BYTES = 4096
SETTINGS = leak.Settings(warm_up_clients=2 * gunicorn_conf.workers, max_warm_up_passes=20, passes=SOAK_PASSES,
                         clients=SOAK_CLIENTS, max_growth=0.05)


@pytest.fixture(scope="module")
def make_visit(app, domain):  # noqa: ANN001, ANN201
    """Random visits to the opening views (leak.opening_views)."""
    views = leak.opening_views(domain)
    queries = [query for query, _view in views]
    states = [view for _query, view in views]
    return lambda: load.visit(app, queries, states)


def _report(name: str, figures: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"{name}.json").write_text(json.dumps(figures, indent=2))
    print(f"\n{name}: {json.dumps(figures)}")


def _leak_check(app, domain, name: str, env: dict[str, str] | None = None) -> leak.Verdict:  # noqa: ANN001
    with gunicorn(name=name, workers=gunicorn_conf.workers, env={**leak.HOOKS_ENV, **(env or {})}) as server:
        verdict = leak.leak_check(server, leak.view_set(app, domain), SETTINGS)
    _report(name, {**verdict.figures(), "clients": SETTINGS.clients, "passes": SETTINGS.passes,
                   "threads_per_worker": gunicorn_conf.threads})
    return verdict


def test_soak_200_clients_no_errors_and_flat_memory(app, domain):
    verdict = _leak_check(app, domain, "soak")
    assert verdict.load and verdict.load.outcomes, verdict.reason
    assert not verdict.errors, [f"{o.request.path[:60]} {o.status} {o.error}" for o in verdict.errors[:5]]
    assert verdict.kind == "flat", verdict.figures()


def test_soak_check_reports_a_server_that_leaks_4_kb_per_request(app, domain):
    verdict = _leak_check(app, domain, "soak-leak", {LEAK_ENV: str(LEAK_BYTES)})
    assert not verdict.errors, [f"{o.request.path[:60]} {o.status} {o.error}" for o in verdict.errors[:5]]
    assert verdict.kind == "leak", verdict.figures()


def test_a_killed_worker_loses_only_its_requests_in_flight(make_visit):
    seconds, kill_after = 24.0, 8.0
    with gunicorn(name="kill", workers=3) as server:
        before = server.worker_pids()
        victim = random.choice(before)
        killed_at: list[float] = []

        def kill() -> None:
            time.sleep(kill_after)
            killed_at.append(time.monotonic())
            os.kill(victim, signal.SIGKILL)

        killer = threading.Thread(target=kill)
        killer.start()
        result = load.run(server.base_url, 40, seconds, make_visit, keep_alive=False)
        killer.join()
        after = server.worker_pids()
    at = killed_at[0]
    in_flight = [o for o in result.outcomes if o.start <= at <= o.end]
    failed = result.errors
    later = [o for o in result.outcomes if o.start > at]
    figures = {**result.summary(), "in_flight_at_kill": len(in_flight), "failed": len(failed),
               "succeeded_after_kill": sum(o.ok for o in later), "workers_before": len(before),
               "workers_after": len(after)}
    _report("kill", figures)
    assert victim not in after and len(after) == len(before), "the master must replace the killed worker"
    assert all(o.start <= at <= o.end for o in failed), [
        (round(o.start - at, 3), round(o.end - at, 3), o.error) for o in failed if not o.start <= at <= o.end]
    assert len(failed) <= len(in_flight)
    assert later and all(o.ok for o in later), [f"{o.request.path[:40]} {o.status} {o.error}" for o in later
                                                 if not o.ok][:5]
