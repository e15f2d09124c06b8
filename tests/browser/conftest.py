"""Browser test harness: a real gunicorn serving the app, Debian's headless Chromium driven by Playwright.

Fixtures
    live_server  (session)  -> str          base URL of a real gunicorn on 127.0.0.1, e.g. "http://127.0.0.1:41234"
    browser      (session)  -> Browser      headless /usr/bin/chromium (never a Playwright-downloaded browser)
    page         (function) -> Page         fresh context (1280x800, base_url=live_server); ``page.recorder``
                                            is its PageRecorder. At teardown it asserts that no request left
                                            127.0.0.1, so every browser test also proves the app works offline.
    recorder     (function) -> PageRecorder the same recorder, for tests that prefer a fixture
    indicators   (module)   -> DataFrame    data/country_indicators.parquet read by pandas, not through the Store
    countries    (module)   -> DataFrame    data/countries.csv indexed by iso3 (names, label points)

Helpers
    screenshot(page, name) -> Path          full-page PNG under artifacts/screenshots/ (gitignored)
    tests/browser/dashboard_page.py         the dashboard's figures read through plotly's graph divs

Every test under tests/browser is marked ``browser`` (deselect with ``-m "not browser"``).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

# The same Chromium, with the same flags that keep it from phoning home, as the bench drives.
from bench.browser import CHROMIUM
from tests.patience import PAGE_WAIT_MS, PROBE_S, SERVER_START_S

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
ARTIFACTS = REPO_ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
LOCAL_HOST = "127.0.0.1"
SERVER_START_TIMEOUT = SERVER_START_S
# Schemes that never touch the network.
_LOCAL_SCHEMES = {"data", "blob", "about"}

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every collected item, not just this folder's: mark only ours.
    for item in items:
        if _HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------------------------- live server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOCAL_HOST, 0))
        return sock.getsockname()[1]


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=PROBE_S) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, OSError):
        return None


def wait_until_serving(url: str, proc: subprocess.Popen, what: str, log: Callable[[], str] = lambda: "") -> None:
    """Return once GET `url` answers 200; fail the test, with `log()`, if `proc` exits first or the suite's
    patience (tests/patience.py) runs out. Every server a test starts comes up through this one wait."""
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while (status := _status(url)) != 200:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode} before serving {url}; log:\n{log()}")
        if time.monotonic() > deadline:
            pytest.fail(f"GET {url} gave {status} instead of 200 within {SERVER_START_TIMEOUT:.0f} s ({what}); "
                        f"log:\n{log()}")
        time.sleep(0.1)


def _tail(path: Path, lines: int = 60) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """Start ``gunicorn --config dashboard/gunicorn_conf.py dashboard.wsgi:server`` on a free 127.0.0.1 port."""
    if not (REPO_ROOT / "dashboard" / "wsgi.py").exists():
        pytest.skip("dashboard/wsgi.py does not exist yet: no app to serve for the browser tests")

    port = _free_port()
    base_url = f"http://{LOCAL_HOST}:{port}"
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    ARTIFACTS.mkdir(exist_ok=True)
    log_path = ARTIFACTS / f"live_server-{worker}.log"
    env = {
        **os.environ,
        "BIND": f"{LOCAL_HOST}:{port}",
        "PORT": str(port),
        "HOST": LOCAL_HOST,
        "WEB_CONCURRENCY": os.environ.get("TEST_WEB_CONCURRENCY", "2"),
        "PYTHONUNBUFFERED": "1",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "dashboard/gunicorn_conf.py", "dashboard.wsgi:server"]
    with log_path.open("wb") as log:
        # Own session, so a stuck master and its workers can be killed together at teardown.
        proc = subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_until_serving(base_url + "/", proc, "gunicorn", lambda: _tail(log_path))
        yield base_url
    finally:
        if proc.poll() is None:
            proc.terminate()  # SIGTERM to the master: it stops its workers gracefully
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


# --------------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium under Playwright. Never runs ``playwright install``."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is missing: run scripts/install-system-deps (apt-get install chromium)")
    from bench.browser import chromium

    with chromium() as browser:
        yield _PatientBrowser(browser)


class _PatientBrowser:
    """The browser, whose every new context and page waits as long as the suite's patience (tests/patience.py)
    instead of Playwright's 30 s: a click or a navigation on a busy machine is slow, not broken."""

    def __init__(self, browser) -> None:  # noqa: ANN001 (Playwright's Browser)
        self._browser = browser

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self._browser, name)

    def new_context(self, **options):  # noqa: ANN003, ANN201
        context = self._browser.new_context(**options)
        context.set_default_timeout(PAGE_WAIT_MS)
        context.set_default_navigation_timeout(PAGE_WAIT_MS)
        return context

    def new_page(self, **options):  # noqa: ANN003, ANN201
        page = self._browser.new_page(**options)
        page.set_default_timeout(PAGE_WAIT_MS)
        page.set_default_navigation_timeout(PAGE_WAIT_MS)
        return page


@dataclass
class PageRecorder:
    """What one page asked for and complained about."""

    requests_seen: list[str] = field(default_factory=list)  # every request URL, in order
    responses: list[tuple[str, int]] = field(default_factory=list)  # (url, status)
    failed_requests: list[tuple[str, str]] = field(default_factory=list)  # (url, failure text)
    console_errors: list[str] = field(default_factory=list)  # console.error(...) and friends
    page_errors: list[str] = field(default_factory=list)  # uncaught exceptions

    def external_requests(self) -> list[str]:
        """Request URLs that went anywhere but 127.0.0.1 (data:, blob: and about: never leave the page)."""
        return [url for url in self.requests_seen if not _is_local(url)]

    def status_of(self, pattern: str) -> list[int]:
        """Statuses of the responses whose URL path matches the regex ``pattern`` (``re.search``)."""
        return [status for url, status in self.responses if re.search(pattern, urlsplit(url).path)]

    def errors(self) -> list[str]:
        """Console errors and uncaught page errors together, for a one-line ``assert not recorder.errors()``."""
        return [*self.console_errors, *self.page_errors]


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in _LOCAL_SCHEMES or parts.hostname == LOCAL_HOST


@pytest.fixture
def page(browser, live_server: str):
    """A new page in its own context, recording traffic; fails the test if anything left 127.0.0.1."""
    recorder = PageRecorder()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server)
    # Context-level network events also cover popups and workers.
    context.on("request", lambda request: recorder.requests_seen.append(request.url))
    context.on("response", lambda response: recorder.responses.append((response.url, response.status)))
    context.on("requestfailed", lambda request: recorder.failed_requests.append((request.url, request.failure or "")))
    new_page = context.new_page()

    def on_console(message) -> None:
        if message.type == "error":
            recorder.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    new_page.on("console", on_console)
    new_page.on("pageerror", lambda error: recorder.page_errors.append(str(error)))
    new_page.recorder = recorder
    try:
        yield new_page
    finally:
        context.close()
    external = recorder.external_requests()
    assert not external, f"the page made requests that left {LOCAL_HOST} (the app must work offline): {external}"


@pytest.fixture
def recorder(page) -> PageRecorder:
    """The PageRecorder of this test's ``page``."""
    return page.recorder


def screenshot(page, name: str) -> Path:
    """Save a full-page PNG of ``page`` as artifacts/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --------------------------------------------------------------------------------------------- expected data


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return pd.read_parquet(DATA_DIR / "country_indicators.parquet")


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "countries.csv", keep_default_na=False).set_index("iso3")
