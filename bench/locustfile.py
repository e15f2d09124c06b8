"""Locust users for the server scenarios; bench/load.py runs them headless, one scenario per run.

The requests are the browser's own: bench/browser.py records the URLs of a cold load and the bodies of the
callbacks a year step posts, and writes them to the JSON file named by BENCH_REPLAY. BENCH_SCENARIO picks the
user class below.
"""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, events, task
from locust.exception import StopUser

_EMPTY = {"page": [], "page_callbacks": [], "step_callbacks": []}
REPLAY = json.loads(Path(os.environ["BENCH_REPLAY"]).read_text(encoding="utf-8")) if "BENCH_REPLAY" in os.environ \
    else _EMPTY
# What Chromium sends, less zstd, which locust's client cannot decode (the server then picks brotli).
HEADERS = {"Accept-Encoding": "gzip, deflate, br"}
CALLBACK_HEADERS = {**HEADERS, "Content-Type": "application/json"}
CALLBACK = "/_dash-update-component"


class _Replay(FastHttpUser):
    abstract = True

    def post_callback(self, body: str, name: str) -> None:
        with self.client.post(CALLBACK, data=body, headers=CALLBACK_HEADERS, name=name, catch_response=True) as r:
            if r.status_code not in (200, 204):
                r.failure(f"status {r.status_code}")


class Steady(_Replay):
    """A presenter's audience clicking along: each user sends one year-step callback a second.

    Each user keeps its own phase within the second. Locust starts all 200 users in one batch (spawn rate
    200/s), and its constant_pacing counts from that start, which kept them in lockstep: 200 requests in
    the same tenth of a second, every second (the plenary's burst, not 200 people each acting once a second).
    """

    def on_start(self) -> None:
        self._next = time.perf_counter() + random.random()
        gevent.sleep(self._next - time.perf_counter())

    def wait_time(self) -> float:
        self._next += 1.0
        return max(0.0, self._next - time.perf_counter())

    @task
    def step(self) -> None:
        self.post_callback(random.choice(REPLAY["step_callbacks"]), "year-step callback")


class Saturation(_Replay):
    """Closed loop: each user sends the next year-step callback as soon as the last one was answered."""

    wait_time = constant(0)

    @task
    def step(self) -> None:
        self.post_callback(random.choice(REPLAY["step_callbacks"]), "year-step callback")


class Plenary(_Replay):
    """One full cold page load per user (every URL the browser fetched, then the first callbacks), then stop."""

    wait_time = constant(0)

    @task
    def load_page(self) -> None:
        failed = None
        t0 = time.perf_counter()
        size = 0
        try:
            for path in REPLAY["page"]:
                with self.client.get(path, headers=HEADERS, name="page resource", catch_response=True) as r:
                    size += len(r.content or b"")
                    if r.status_code != 200:
                        failed = f"{path}: status {r.status_code}"
                        r.failure(failed)
            for body in REPLAY["page_callbacks"]:
                self.post_callback(body, "page callback")
        except Exception as exc:  # noqa: BLE001 - any failure fails the page, and the user still stops
            failed = f"{type(exc).__name__}: {exc}"
        # The page as a whole is reported as one more request, named "full page".
        events.request.fire(request_type="PAGE", name="full page", response_time=(time.perf_counter() - t0) * 1000,
                            response_length=size, exception=RuntimeError(failed) if failed else None, context={})
        raise StopUser()
