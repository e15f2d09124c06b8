"""Image exports on a render thread of their own, behind a bounded queue, so exports never stall the dashboard.

kaleido's sync server drives one browser per process and renders one figure at a time, and a report pack takes
seconds. Rendered in the request threads behind one lock, a burst of exports left every thread of a worker
waiting, and `/healthz`, pages and callbacks queued behind them (issue 11: 29 s for `/healthz`).

Here each worker process has one render thread that owns kaleido, fed by a queue. A request that wants an image
takes one of the worker's `slots` (the job being rendered plus those waiting) without blocking: if none is free
it gets ExportBusy at once (the route answers 503 with Retry-After), otherwise it waits for its own result, at
most `wait` seconds. Slots are fewer than the worker's request threads, so at least one thread always stays free
for everything else. A report pack is one job: its six images render one after the other on the render thread.

A small cache of finished exports (ExportCache, bounded in bytes) serves repeats of the same file without a job.

A refusal's text is English (`str(exc)`, what logs and scripts read) and, through `in_language`, the view's
language for the person whose export it was.
"""

from __future__ import annotations

import itertools
import math
import os
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import N_, translator
from dashboard.i18n.numbers import number

#: What a job is guessed to take before this worker has finished one (seconds; a first one starts Chromium).
FIRST_GUESS_SECONDS = 5.0
#: Longest Retry-After ever suggested: past a minute a person would rather be told to come back later.
MAX_RETRY_AFTER = 60
_HOLD_POLL_SECONDS = 0.05


def _spelled(value: object, lang: str) -> str:
    """A number of a message as English always wrote it (`:g`), or as `lang` writes it."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    english = f"{value:g}"
    if lang == DEFAULT_LANG:
        return english
    decimals = len(english.split(".")[1]) if "." in english and "e" not in english else 0
    return number(value, lang, decimals)


class LocalizedError(RuntimeError):
    """An error whose text a person reads: a message (marked with N_) and its values, English by default."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message.format(**{k: _spelled(v, DEFAULT_LANG) for k, v in values.items()})
                         if values else message)
        self.message, self.values = message, values

    def in_language(self, lang: str) -> str:
        """The text in `lang` (English where the catalogue lacks it), its numbers as `lang` writes them."""
        t = translator(lang)
        return t(self.message, **{k: _spelled(v, lang) for k, v in self.values.items()})


BUSY = N_("the server is busy making other exports ({slots} at a time); try again in {seconds} s")
TOO_LONG = N_("the export took longer than {wait} s; try again in a minute")


class ExportBusy(LocalizedError):
    """Every render slot of this worker is taken (or the wait ran out): try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int, **values: object) -> None:
        super().__init__(message, **values)
        self.retry_after = retry_after


@dataclass(eq=False)
class _Job:
    work: Callable[[], bytes]
    done: threading.Event = field(default_factory=threading.Event)
    result: bytes | None = None
    error: BaseException | None = None
    abandoned: bool = False  # its request stopped waiting: skip it if it has not started


class RenderQueue:
    """Per-process render thread and its bounded queue; `run` is what request threads call."""

    def __init__(self, slots: int, wait: float, hold: Path | None = None) -> None:
        if slots < 1:
            raise ValueError("a render queue needs at least one slot")
        self.slots, self.wait = slots, wait
        #: TEST ONLY (Config.test_hold_exports): jobs wait while hold/"hold" exists; None in production.
        self._hold = hold
        self._lock = threading.Lock()  # held for a counter update only, never while rendering
        self._taken = 0
        self._seconds = FIRST_GUESS_SECONDS  # running mean of recent jobs, for Retry-After
        self._serials = itertools.count(1)
        self._jobs: queue.SimpleQueue[_Job] | None = None
        self._pid: int | None = None

    @property
    def taken(self) -> int:
        """Slots in use now: the job being rendered and the jobs waiting for the render thread."""
        return self._taken

    def retry_after(self) -> int:
        """Seconds until a slot is likely free: about one job's time, as this worker has measured it."""
        return max(1, min(MAX_RETRY_AFTER, math.ceil(self._seconds)))

    def run(self, work: Callable[[], bytes]) -> bytes:
        """`work()` done on the render thread; ExportBusy at once if every slot is taken, or if it takes longer
        than `wait` seconds (it is then skipped if it has not started). Its own exceptions are re-raised."""
        job = _Job(work)
        with self._lock:
            jobs = self._jobs_of_this_process()
            if self._taken >= self.slots:
                raise ExportBusy(BUSY, self.retry_after(), slots=self.slots, seconds=self.retry_after())
            self._taken += 1
            serial = next(self._serials)
        if self._hold is not None:  # TEST ONLY: tell the test this job holds a slot
            (self._hold / f"admitted-{os.getpid()}-{serial}").touch()
        jobs.put(job)
        if not job.done.wait(self.wait):
            job.abandoned = True
            raise ExportBusy(TOO_LONG, self.retry_after(), wait=self.wait)
        if job.error is not None:
            raise job.error
        assert job.result is not None
        return job.result

    def _jobs_of_this_process(self) -> queue.SimpleQueue[_Job]:
        """The queue of this process's render thread, started on the first export (under self._lock).

        gunicorn builds the app in its master and forks the workers: a thread does not survive a fork, so each
        worker starts its own, and counts its own slots from zero.
        """
        if self._pid != os.getpid():
            self._jobs, self._pid, self._taken = queue.SimpleQueue(), os.getpid(), 0
            threading.Thread(target=self._serve, args=(self._jobs,), name="export-render", daemon=True).start()
        assert self._jobs is not None
        return self._jobs

    def _serve(self, jobs: queue.SimpleQueue[_Job]) -> None:
        while True:
            job = jobs.get()
            try:
                if not job.abandoned:
                    self._held()
                    started = time.monotonic()
                    job.result = job.work()
                    self._seconds = 0.7 * self._seconds + 0.3 * (time.monotonic() - started)
            except Exception as exc:  # noqa: BLE001 - handed to the request thread, which answers for it
                job.error = exc
            finally:
                with self._lock:
                    self._taken -= 1
                job.done.set()

    def _held(self) -> None:
        """TEST ONLY: wait while the hold file exists. Returns at once in production (no hold folder)."""
        while self._hold is not None and (self._hold / "hold").exists():
            time.sleep(_HOLD_POLL_SECONDS)


class ExportCache:
    """Finished exports by key, least recently used dropped first, at most `max_bytes` in all (per process)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def size(self) -> int:
        """Bytes held now; never more than max_bytes."""
        return self._bytes

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: Hashable, body: bytes) -> bytes:
        """Keep `body` (unless it alone is over the bound) and hand it back."""
        if len(body) > self.max_bytes:
            return body
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += len(body) - (len(old) if old is not None else 0)
            self._items[key] = body
            while self._bytes > self.max_bytes:
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped)
        return body
