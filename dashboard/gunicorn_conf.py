"""Gunicorn settings for the dashboard, used by the Procfile, `make run` and the browser tests.

    gunicorn --config dashboard/gunicorn_conf.py dashboard.wsgi:server

Everything can be tuned from the environment:

    PORT             port to listen on (default 8050)
    HOST             address to listen on (default 0.0.0.0; the tests use 127.0.0.1)
    BIND             full bind spec, wins over HOST/PORT (e.g. "127.0.0.1:9000" or "unix:/run/see.sock")
    WEB_CONCURRENCY  worker processes (default 2 * cores + 1, at most 8)
    GUNICORN_THREADS threads per worker (default 4; more than 1 makes gunicorn use gthread workers)
    GUNICORN_TIMEOUT seconds before a silent worker is killed and replaced (default 60)
    ACCESS_LOG       "1" to log every request to stdout (default off: the error log on stderr stays on)
    LOG_LEVEL        gunicorn's log level (default "info")
"""

from __future__ import annotations

import os


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
threads = _int_env("GUNICORN_THREADS", 4)

# Import the app (and read the prepared data) once in the master; forked workers share those pages
# copy-on-write instead of each loading its own copy, and a broken app fails at start, not per worker.
preload_app = True

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


def post_worker_init(worker) -> None:
    """Render Dash's index page once inside each worker before it takes requests.

    Dash registers the JS bundles it may serve (``registered_paths``) only while rendering the index page, per
    process. With several workers the page can come from one worker and ``/_dash-component-suites/...`` from
    another that never rendered it, which answers 500 "not a registered library" and leaves the app stuck on
    "Loading...". Rendering it here also runs Dash's first-request setup before threads can race on it.
    """
    app = worker.wsgi
    url_map = getattr(app, "url_map", None)
    if url_map is None:  # not a Flask app: nothing to warm
        return
    # Dash names each route by its own path; the index sits where "_dash-layout" sits, minus that name.
    prefixes = [r.rule.removesuffix("_dash-layout") for r in url_map.iter_rules() if r.rule.endswith("/_dash-layout")]
    for prefix in prefixes:
        try:
            status = app.test_client().get(prefix).status_code
        except Exception:  # a broken index must show up in the log, not kill the worker here
            worker.log.exception("warming the Dash index %s failed", prefix)
            continue
        if status != 200:
            worker.log.warning("warming the Dash index %s answered %s", prefix, status)
