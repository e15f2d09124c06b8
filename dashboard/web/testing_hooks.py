"""Test-only hooks: let the leak tests see every worker's caches, and give them a leak to catch.

Inert unless the server starts with SEE_TEST_HOOKS=1 in its environment: `install` then returns at once and
adds nothing. tests/hardening sets it for the servers it starts; the Procfile, `make run` and
dashboard/gunicorn_conf.py never do, and no request can switch it on, so none of this is reachable in
production. With it set:

- every response names the worker process that answered it (header X-See-Worker: <pid>), so a test knows whose
  caches a request filled (a kept-alive connection stays with one worker);
- GET <base>/_test/caches answers that worker's pid and, for every cache it holds, its entries (and bytes where
  the cache counts them): the leak test warms up until no cache grows over a whole pass of its views;
- the signal RELEASE_SIGNAL makes a worker hand its freed memory back to the system (dashboard.memory, as the
  app itself does after a burst of pandas work), then count it in released_path(pid): resident memory read
  after it is what the worker keeps, not what malloc merely holds for reuse. A signal, because the test must
  reach every worker and a connection goes to whichever worker accepts it;
- SEE_TEST_LEAK_BYTES=N makes every request keep N bytes for the life of the worker, a deliberate leak: the
  leak test must report it, or it could not tell a leak from a cache.
"""

from __future__ import annotations

import os
import signal
import tempfile
import threading
from collections.abc import Callable, Mapping
from functools import cached_property
from pathlib import Path

from flask import Flask, Response, jsonify

from dashboard.memory import release_freed_memory

ENV = "SEE_TEST_HOOKS"
LEAK_ENV = "SEE_TEST_LEAK_BYTES"
WORKER_HEADER = "X-See-Worker"
CACHES_PATH = "/_test/caches"
#: A real-time signal: gunicorn resets its own signals (HUP, USR1, USR2, WINCH...) in each worker, not these.
RELEASE_SIGNAL = signal.SIGRTMIN + 1

#: A cache's current size: {"entries": n} and, where the cache counts them, {"bytes": n}.
Sizes = Callable[[], dict[str, int]]


def enabled() -> bool:
    """Whether this process was started with the test hooks on (SEE_TEST_HOOKS=1)."""
    return os.environ.get(ENV, "").strip() == "1"


def lru_sizes(cached: Callable) -> Sizes:
    """The size of a functools.lru_cache-wrapped function: its entry count."""
    return lambda: {"entries": cached.cache_info().currsize}


def computed_properties(obj: object) -> Sizes:
    """The size of an object's functools.cached_property values: how many have been computed so far."""
    names = [name for name in dir(type(obj)) if isinstance(getattr(type(obj), name, None), cached_property)]
    return lambda: {"entries": sum(name in vars(obj) for name in names)}


def released_path(pid: int) -> Path:
    """The file in which worker `pid` counts the times it handed its freed memory back (RELEASE_SIGNAL)."""
    return Path(tempfile.gettempdir()) / f"see-test-released-{pid}"


def _on_release_signal(_signum: int, _frame: object) -> None:
    release_freed_memory()
    path = released_path(os.getpid())
    count = int(path.read_text() or 0) if path.exists() else 0
    path.write_text(str(count + 1))


def install(server: Flask, base_path: str, caches: Mapping[str, Sizes]) -> bool:
    """Add the hooks to the server if SEE_TEST_HOOKS=1; otherwise do nothing. Returns whether it added them."""
    if not enabled():
        return False
    leak_bytes = int(os.environ.get(LEAK_ENV, "").strip() or 0)
    kept: list[bytes] = []  # the deliberate leak: never emptied

    @server.before_request
    def leak() -> None:
        if leak_bytes:
            kept.append(b"\x01" * leak_bytes)  # written, not calloc'd zeros, so its pages are really resident

    @server.after_request
    def name_worker(response: Response) -> Response:
        response.headers[WORKER_HEADER] = str(os.getpid())
        return response

    @server.route(f"{base_path.rstrip('/')}{CACHES_PATH}")
    def cache_sizes() -> Response:
        return jsonify({"pid": os.getpid(), "caches": {name: sizes() for name, sizes in caches.items()}})

    # Set in gunicorn's master (the app is preloaded there); every worker it forks inherits the handler.
    if threading.current_thread() is threading.main_thread():
        signal.signal(RELEASE_SIGNAL, _on_release_signal)

    return True
