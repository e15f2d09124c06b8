"""Gunicorn settings for the dashboard, used by the Procfile, `make run` and the browser tests.

    gunicorn --config dashboard/gunicorn_conf.py dashboard.wsgi:server

Everything can be tuned from the environment:

    PORT             port to listen on (default 8050)
    HOST             address to listen on (default 0.0.0.0; the tests use 127.0.0.1)
    BIND             full bind spec, wins over HOST/PORT (e.g. "127.0.0.1:9000" or "unix:/run/see.sock")
    WEB_CONCURRENCY  worker processes (default 2 * cores + 1, at most 8)
    GUNICORN_THREADS threads per worker (default 4; more than 1 makes gunicorn use gthread workers); image
                     exports may hold all but one of them (SEE_EXPORT_SLOTS, dashboard/config.py)
    GUNICORN_TIMEOUT seconds before a silent worker is killed and replaced (default 60)
    ACCESS_LOG       "1" to log every request to stdout (default off: the error log on stderr stays on)
    LOG_LEVEL        gunicorn's log level (default "info")
"""

from __future__ import annotations

import os

from dashboard.config import DEFAULT_THREADS  # gunicorn puts the working directory on sys.path before this


def _int_env(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours CPU pinning in containers
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


bind = [os.environ.get("BIND") or f"{os.environ.get('HOST', '0.0.0.0')}:{_int_env('PORT', 8050)}"]

workers = _int_env("WEB_CONCURRENCY", min(2 * _cores() + 1, 8))
threads = _int_env("GUNICORN_THREADS", DEFAULT_THREADS)

# Import the app (and read the prepared data) once in the master; forked workers share those pages
# copy-on-write instead of each loading its own copy, and a broken app fails at start, not per worker.
preload_app = True
# ...and precompute the opening view in every year there too (dashboard.config.Config.warm). Set through
# gunicorn's raw_env, which the arbiter applies before preloading, not by changing os.environ on import: a
# test or tool that merely imports this file must not switch the warm-up on for itself.
# Arrow allocates through malloc rather than its bundled mimalloc: mimalloc keeps the parquet reader's arenas
# (~40 MB) resident for good, where malloc_trim in when_ready hands them back before the fork. Measured: a
# worker starts at 125 MB instead of 163 MB (bench/NOTES.md). Also through raw_env, for the same reason.
raw_env = [f"{name}={value}" for name, value in (("SEE_WARM", "1"), ("ARROW_DEFAULT_MEMORY_POOL", "system"))
           if name not in os.environ]

timeout = _int_env("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5

accesslog = "-" if os.environ.get("ACCESS_LOG", "").strip().lower() in {"1", "true", "yes", "on"} else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")

# Worker heartbeats go to a file touched every few seconds; on a disk-backed /tmp that can stall workers.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Gunicorn >= 25 opens a control socket at one fixed path per user, so two servers on one machine (tests
# next to `make run`) would fight over it. Nothing here uses gunicornc.
control_socket_disable = True


def when_ready(server) -> None:  # noqa: ANN001 - gunicorn's Arbiter
    """In the master, after the app (and its warm-up) loaded and before any worker forks: hand freed memory back
    to the system and freeze the loaded objects out of the garbage collector's reach.

    A worker's resident memory starts as the master's at fork, so the warm-up's temporaries must not linger in
    malloc's and Arrow's free lists; and a frozen object is never written by a collection, so the pages the
    workers share with the master stay shared instead of being copied into each (bench/NOTES.md).
    """
    import gc

    from dashboard.memory import release_freed_memory

    release_freed_memory()
    gc.freeze()
