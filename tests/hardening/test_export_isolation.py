"""Exports cannot stall the dashboard: with every render slot of every worker held busy, on a real gunicorn with
the Procfile's settings, the health check, the page and a panel callback still answer, and the next export is
refused at once with 503 and Retry-After. Released, the held exports and a new one come back as files.

The slots are held through the test-only hook SEE_TEST_HOLD_EXPORTS (dashboard/config.py): no export job starts
while <folder>/hold exists, and each accepted job leaves a marker naming its worker, so the test knows when
every slot of every worker is taken. Nothing here measures time: the waits are deadlines that turn a hang into
a failure.
"""

from __future__ import annotations

import http.client
import io
import json
import time
import zipfile
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dashboard import gunicorn_conf
from dashboard.panels.registry import panel_title
from dashboard.view.state import default_state, to_query
from tests.hardening.server import gunicorn
from tests.unit.dash_post import ENDPOINT, payload

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="image export needs chromium")

DEADLINE = 120.0  # seconds: a deadline for a hang, not a measured speed
SLOTS = gunicorn_conf.threads - 1  # the default of SEE_EXPORT_SLOTS under the Procfile's settings


def _get(base_url: str, path: str, body: bytes | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request on a fresh connection (so the kernel hands it to any worker); status, headers, body."""
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=DEADLINE * 3)
    try:
        headers = {"Connection": "close", **({"Content-Type": "application/json"} if body else {})}
        conn.request("POST" if body else "GET", path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def _admitted(hold: Path) -> Counter:
    """Accepted export jobs per worker pid, from the hook's markers (admitted-<pid>-<n>)."""
    return Counter(int(p.name.split("-")[1]) for p in hold.glob("admitted-*"))


def _is_refusal(answer: tuple[int, dict[str, str], bytes]) -> bool:
    status, headers, body = answer
    return status == 503 and int(headers.get("retry-after", "0")) >= 1 and b"busy making other exports" in body


def _fill_every_slot(base_url: str, hold: Path, pool: ThreadPoolExecutor, workers: int) -> list[Future]:
    """Send exports one at a time until every worker holds SLOTS of them; the held requests' futures.

    Each export is either accepted (a new marker appears, and its request waits) or refused by a full worker
    (its request comes back), so the one in flight is always the one a new marker belongs to.
    """
    held: list[Future] = []
    for n in range(20 * workers * SLOTS):
        if sum(_admitted(hold).values()) == workers * SLOTS:
            return held
        before = sum(_admitted(hold).values())
        future = pool.submit(_get, base_url, f"/export/series.svg?year={2015 + n % 5}")
        deadline = time.monotonic() + DEADLINE
        while not future.done() and sum(_admitted(hold).values()) == before:
            assert time.monotonic() < deadline, "an export was neither accepted nor refused"
            time.sleep(0.02)
        if future.done():
            assert _is_refusal(future.result()), future.result()[:2]
        else:
            held.append(future)
    raise AssertionError(f"the slots never all filled: {_admitted(hold)}")


def test_with_every_render_slot_held_the_dashboard_answers_and_exports_are_refused_at_once(app, domain,  # noqa: ANN001
                                                                                          tmp_path: Path) -> None:
    hold = tmp_path
    (hold / "hold").touch()
    state = default_state(domain, "human-trafficking")
    view = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(state).items()}
    callback = json.dumps(payload(app, "map-graph.figure", {"draw-view.data": view}, ["draw-view.data"])).encode()
    workers = gunicorn_conf.workers
    env = {"SEE_TEST_HOLD_EXPORTS": str(hold), "SEE_EXPORT_WAIT": str(int(DEADLINE * 2))}
    with gunicorn(env, name="export-isolation", workers=workers) as server, \
            ThreadPoolExecutor(max_workers=workers * SLOTS + 8) as pool:
        held = _fill_every_slot(server.base_url, hold, pool, workers)
        assert _admitted(hold) == {pid: SLOTS for pid in server.worker_pids()}

        for _ in range(4 * workers):
            status, _, body = _get(server.base_url, "/healthz")
            assert status == 200 and json.loads(body)["status"] == "ok"
        for _ in range(2 * workers):
            status, _, body = _get(server.base_url, f"/{to_query(state, domain)}")
            assert status == 200 and b"SEE Route Monitor" in body
            status, _, body = _get(server.base_url, ENDPOINT, callback)
            figure = json.loads(body)["response"]["map-graph"]["figure"]
            assert status == 200 and figure["layout"]["title"]["text"] == panel_title(state, "map")
        for path in ("/export/map.png?year=2019", "/export/report-pack.zip", "/export/sankey.svg?size=slide"):
            for _ in range(workers):
                refused = _get(server.base_url, path)
                assert _is_refusal(refused), (path, refused[0], refused[2][:200])
        status, _, body = _get(server.base_url, "/export/map.csv?year=2019")  # CSV needs no renderer
        assert status == 200 and body.startswith(b"# ")
        assert not any(f.done() for f in held), "a held export came back before it was released"

        (hold / "hold").unlink()
        for future in held:
            status, headers, body = future.result(timeout=DEADLINE)
            assert status == 200 and headers["content-type"].startswith("image/svg+xml") and b"<svg" in body[:200]
        status, headers, body = _get(server.base_url, f"/export/report-pack.zip{to_query(state, domain)}")
        assert status == 200, body[:300]
        assert "README.txt" in zipfile.ZipFile(io.BytesIO(body)).namelist()
