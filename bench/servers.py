"""Start the benchmarked apps under gunicorn with the Procfile's settings, and read their workers' memory.

Both apps (ours and the baseline) run with the same `dashboard/gunicorn_conf.py`, on 127.0.0.1 only, so the
comparison is app against app, not server settings against server settings.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO_ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
START_TIMEOUT = 90.0

#: name -> WSGI entry point; both are served by the same gunicorn config.
APPS = {"ours": "dashboard.wsgi:server", "baseline": "bench.baseline_app:server"}


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log: Path

    def wait_idle(self, timeout: float = 180.0) -> float:
        """Until the workers and their children have used under 5 % of a core for 2 s; the seconds waited.

        A swamped app keeps working through its queue after the load tool stopped: the next measurement of
        the other app must not run alongside that. The children count too: an export's Chromium (kaleido's)
        works in processes of its own, started and ended while this waits.
        """
        started = time.monotonic()
        watched: dict[int, psutil.Process] = {}
        quiet = 0
        while quiet < 2 and time.monotonic() - started < timeout:
            busy, fresh = 0.0, False
            for proc in psutil.Process(self.process.pid).children(recursive=True):
                try:
                    if proc.pid in watched:
                        busy += watched[proc.pid].cpu_percent(None)
                    else:  # a process's first reading is its baseline, 0.0: this second says nothing
                        watched[proc.pid] = proc
                        proc.cpu_percent(None)
                        fresh = True
                except psutil.NoSuchProcess:
                    watched.pop(proc.pid, None)
            quiet = quiet + 1 if busy < 5.0 and not fresh else 0
            time.sleep(1.0)
        return time.monotonic() - started

    def worker_memory_mb(self) -> dict[str, float]:
        """Resident (RSS) and unique (USS) memory of the largest worker, and the worker count."""
        workers = psutil.Process(self.process.pid).children()
        rss = [w.memory_info().rss for w in workers]
        uss = [w.memory_full_info().uss for w in workers]
        return {"workers": len(workers), "rss_max_mb": max(rss, default=0) / 2**20,
                "uss_max_mb": max(uss, default=0) / 2**20}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def serve(name: str, log_dir: Path, workers: int | None = None) -> Iterator[Server]:
    """Run one app under gunicorn until the block ends; its log goes to log_dir/<name>.log."""
    port = _free_port()
    url = f"http://{HOST}:{port}"
    env = {**os.environ, "BIND": f"{HOST}:{port}", "PYTHONUNBUFFERED": "1"}
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    log_dir.mkdir(parents=True, exist_ok=True)
    log = log_dir / f"{name}.log"
    command = [sys.executable, "-m", "gunicorn", "--config", "dashboard/gunicorn_conf.py", APPS[name]]
    with log.open("wb") as out:
        proc = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not _ready(url + "/"):
            if proc.poll() is not None or time.monotonic() > deadline:
                tail = log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"{name} did not start on {url}; log:\n{tail}")
            time.sleep(0.25)
        # Every worker warms itself (gunicorn_conf.post_worker_init); give the last ones a moment to finish.
        time.sleep(1.0)
        yield Server(name, url, proc, log)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
