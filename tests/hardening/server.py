"""A real gunicorn for the hardening tests: started from the Procfile's config, with its workers in view.

The load, fault and start-up tests need more than the browser tests' ``live_server``: their own settings
(workers, data folder), the worker pids (to kill one, to read its memory) and the exit code and log of a server
that refused to start.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.browser.conftest import ARTIFACTS, LOCAL_HOST, REPO_ROOT, _free_port, _status, _tail
from tests.patience import SERVER_START_S

START_TIMEOUT = SERVER_START_S


@dataclass
class Server:
    """A running gunicorn master: its URL, process and log."""

    base_url: str
    proc: subprocess.Popen
    log_path: Path

    def worker_pids(self) -> list[int]:
        """The master's live child processes (its workers), from /proc."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        try:
            return sorted(int(p) for p in children.read_text().split())
        except OSError:
            return []

    def log(self) -> str:
        return _tail(self.log_path, 200)


def rss_bytes(pid: int) -> int:
    """Resident memory of one process (VmRSS), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for pid {pid}")


def start(env: dict[str, str] | None = None, name: str = "hardening") -> tuple[subprocess.Popen, str, Path]:
    """Launch gunicorn on a free 127.0.0.1 port in its own session; returns (process, base URL, log path)."""
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"{name}-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}.log"
    # Production settings: a developer's SEE_DEBUG must not leak into a server the tests call production.
    inherited = {k: v for k, v in os.environ.items() if k != "SEE_DEBUG"}
    full_env = {**inherited, "BIND": f"{LOCAL_HOST}:{port}", "PORT": str(port), "HOST": LOCAL_HOST,
                "WEB_CONCURRENCY": "2", "PYTHONUNBUFFERED": "1", **(env or {})}
    command = [sys.executable, "-m", "gunicorn", "--config", "dashboard/gunicorn_conf.py", "dashboard.wsgi:server"]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, cwd=REPO_ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    return proc, f"http://{LOCAL_HOST}:{port}", log_path


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the master (workers stop gracefully); SIGKILL the whole group if it hangs."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


@contextmanager
def gunicorn(env: dict[str, str] | None = None, name: str = "hardening", workers: int = 2) -> Iterator[Server]:
    """A gunicorn serving the app, ready (GET / answered 200 and every worker is up) when the block starts."""
    proc, base_url, log_path = start({"WEB_CONCURRENCY": str(workers), **(env or {})}, name)
    server = Server(base_url, proc, log_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while _status(base_url + "/healthz") != 200 or len(server.worker_pids()) < workers:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {proc.returncode}; log:\n{server.log()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not come up within {START_TIMEOUT:.0f} s; log:\n{server.log()}")
            time.sleep(0.25)
        yield server
    finally:
        stop(proc)
