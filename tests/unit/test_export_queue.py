"""The render queue that keeps exports off the request threads: a full queue refuses at once, a report pack is one
job, an accepted export gets its own result, and the limits come from the environment.

No timing asserts: the waits below are deadlines that turn a hang into a failure, never a measured speed.
"""

from __future__ import annotations

import io
import threading
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from dashboard.config import Config
from dashboard.export import files as export
from dashboard.export.queue import ExportBusy, ExportCache, RenderQueue

DEADLINE = 60.0  # seconds before a test that should have moved on gives up and fails
QUERY = "crime=human-trafficking&year=2019"


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.01)


class Background:
    """`queue.run(work)` on a thread of its own, as a request thread would call it; its result or error kept."""

    def __init__(self, renderer: RenderQueue, work: Callable[[], bytes]) -> None:
        self.result: bytes | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._call, args=(renderer, work), daemon=True)
        self._thread.start()

    def _call(self, renderer: RenderQueue, work: Callable[[], bytes]) -> None:
        try:
            self.result = renderer.run(work)
        except BaseException as exc:  # noqa: BLE001 - kept for the test to look at
            self.error = exc

    def join(self) -> Background:
        self._thread.join(DEADLINE)
        assert not self._thread.is_alive(), "the export never came back"
        return self


def _blocked(release: threading.Event, body: bytes) -> Callable[[], bytes]:
    def work() -> bytes:
        assert release.wait(DEADLINE)
        return body
    return work


def test_a_full_queue_refuses_at_once_and_accepted_jobs_get_their_own_result() -> None:
    renderer, release = RenderQueue(slots=2, wait=DEADLINE), threading.Event()
    first = Background(renderer, _blocked(release, b"first"))
    second = Background(renderer, _blocked(release, b"second"))
    _until(lambda: renderer.taken == 2, "both jobs to take their slots")
    refused = Background(renderer, lambda: b"never made").join()  # comes back while the other two still wait
    assert isinstance(refused.error, ExportBusy) and refused.result is None
    assert "busy making other exports (2 at a time)" in str(refused.error)
    assert 1 <= refused.error.retry_after <= 60
    release.set()
    assert (first.join().result, second.join().result) == (b"first", b"second")
    _until(lambda: renderer.taken == 0, "the slots to come free")
    assert renderer.run(lambda: b"third") == b"third"


def test_a_failing_job_raises_in_its_request_and_frees_its_slot() -> None:
    renderer = RenderQueue(slots=1, wait=DEADLINE)

    def broken() -> bytes:
        raise export.ImageExportUnavailable("the image could not be made (TimeoutError)")

    with pytest.raises(export.ImageExportUnavailable, match="could not be made"):
        renderer.run(broken)
    assert renderer.taken == 0 and renderer.run(lambda: b"next") == b"next"


def test_a_request_that_stops_waiting_is_told_to_retry_and_its_queued_job_is_skipped() -> None:
    renderer, started, release = RenderQueue(slots=2, wait=DEADLINE), threading.Event(), threading.Event()
    made: list[str] = []

    def slow() -> bytes:
        started.set()
        return _blocked(release, b"slow")()

    running = Background(renderer, slow)
    assert started.wait(DEADLINE)
    renderer.wait = 0.01  # for the next request only: the running one already waits with the long wait
    queued = Background(renderer, lambda: made.append("queued") or b"late").join()
    assert isinstance(queued.error, ExportBusy) and "took longer than 0.01 s" in str(queued.error)
    assert renderer.taken == 2  # its job still holds a slot, behind the one rendering
    release.set()
    assert running.join().result == b"slow"
    _until(lambda: renderer.taken == 0, "the queue to drain")
    assert made == []  # nobody was waiting for it any more, so it was never made


def test_the_cache_keeps_to_its_byte_bound_dropping_the_least_recently_used() -> None:
    cache = ExportCache(max_bytes=10)
    cache.put("a", b"aaaa")
    cache.put("b", b"bbbb")
    assert cache.get("a") == b"aaaa"  # now the most recently used
    cache.put("c", b"cccc")
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (b"aaaa", None, b"cccc")
    assert cache.size == 8
    assert cache.put("huge", b"x" * 11) == b"x" * 11 and cache.get("huge") is None and cache.size == 8


def _tiny_png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 3), "white").save(buf, format="PNG")
    return buf.getvalue()


def test_a_report_pack_is_one_job_and_while_it_holds_the_slot_the_next_export_is_refused(
        make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    renders: list[str] = []

    def fake_render(fig, fmt: str, *args, **kwargs) -> bytes:  # noqa: ANN001, ANN002, ANN003
        renders.append(fmt)
        return _tiny_png() if fmt == "png" else b'<svg width="1" height="1"></svg>'

    monkeypatch.setattr(export, "render_image", fake_render)
    (tmp_path / "hold").touch()
    app = make_app(export_slots=1, export_cache_mb=0, test_hold_exports=tmp_path)
    client = app.server.test_client()
    results: dict[str, object] = {}
    pack = threading.Thread(target=lambda: results.update(pack=client.get(f"/export/report-pack.zip?{QUERY}")))
    pack.start()
    _until(lambda: len(list(tmp_path.glob("admitted-*"))) == 1, "the pack to take the slot")
    refused = client.get(f"/export/series.svg?{QUERY}")
    assert refused.status_code == 503 and int(refused.headers["Retry-After"]) >= 1
    assert "busy making other exports (1 at a time)" in refused.get_data(as_text=True)
    assert client.get(f"/export/map.csv?{QUERY}").status_code == 200  # CSV needs no renderer
    (tmp_path / "hold").unlink()
    pack.join(DEADLINE)
    resp = results["pack"]
    assert resp.status_code == 200, resp.get_data(as_text=True)
    names = zipfile.ZipFile(io.BytesIO(resp.data)).namelist()
    assert sorted(renders) == ["png"] * 3 + ["svg"] * 3 and len(names) == 10
    assert len(list(tmp_path.glob("admitted-*"))) == 1  # six images, one job
    assert client.get(f"/export/series.svg?{QUERY}").status_code == 200  # the slot is free again


def test_limits_come_from_the_environment_and_leave_a_thread_free(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GUNICORN_THREADS", "SEE_EXPORT_SLOTS", "SEE_EXPORT_WAIT", "SEE_EXPORT_CACHE_MB"):
        monkeypatch.delenv(name, raising=False)
    config = Config()
    assert (config.export_slots, config.export_wait, config.export_cache_mb) == (3, 60, 8)
    assert config.test_hold_exports is None
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    assert Config().export_slots == 7
    monkeypatch.setenv("SEE_EXPORT_SLOTS", "2")
    monkeypatch.setenv("SEE_EXPORT_WAIT", "30")
    assert (Config().export_slots, Config().export_wait) == (2, 30)
    monkeypatch.setenv("SEE_EXPORT_SLOTS", "8")
    with pytest.raises(ValueError, match=r"SEE_EXPORT_SLOTS \(8\) must be below GUNICORN_THREADS \(8\)"):
        Config()
    monkeypatch.setenv("SEE_EXPORT_SLOTS", "many")
    with pytest.raises(ValueError, match="SEE_EXPORT_SLOTS must be a whole number of at least 1, not 'many'"):
        Config()
