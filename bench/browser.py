"""Cold load and year steps in Debian's headless Chromium, with every byte counted through the DevTools protocol.

Bytes on the wire: for each request, what was sent (request line, headers, body) and what was received
(`Network.loadingFinished.encodedDataLength`: response headers plus the body as transferred, compressed).
Times are taken in the page by bench/probe.js, never by sleeping.

Along the way the recorder keeps what the load tests replay: the URLs a cold load fetched and the bodies of
the callback requests the browser posted.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, CDPSession, Page, sync_playwright

from layouts.ids import Ids

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROBE = (Path(__file__).resolve().parent / "probe.js").read_text(encoding="utf-8")
VIEWPORT = {"width": 1280, "height": 800}
CALLBACK_PATH = "/_dash-update-component"
#: How long the network must be silent before a load or a step counts as finished.
QUIET_S = 0.4
STEP_TIMEOUT_S = 60.0


@dataclass
class Traffic:
    """Requests seen on one page through CDP, keyed by request id."""

    requests: dict[str, dict] = field(default_factory=dict)
    callbacks: list[str] = field(default_factory=list)  # every callback body posted, kept across reset()
    last_event: float = field(default_factory=time.monotonic)

    def _req(self, request_id: str) -> dict:
        self.last_event = time.monotonic()
        return self.requests.setdefault(request_id, {"sent": 0, "received": 0, "done": False})

    def on_request(self, event: dict) -> None:
        req = self._req(event["requestId"])
        request = event["request"]
        req.update(url=request["url"], method=request["method"],
                   body=len((request.get("postData") or "").encode()))
        req["sent"] = req.get("headers", 0) + req["body"]
        if CALLBACK_PATH in request["url"] and request.get("postData"):
            self.callbacks.append(request["postData"])

    def on_request_extra(self, event: dict) -> None:
        req = self._req(event["requestId"])
        headers = event.get("headers", {})
        req["headers"] = sum(len(k) + len(str(v)) + 4 for k, v in headers.items()) + 40  # + request line
        req["sent"] = req["headers"] + req.get("body", 0)

    def on_finished(self, event: dict) -> None:
        req = self._req(event["requestId"])
        req.update(received=int(event["encodedDataLength"]), done=True)

    def on_failed(self, event: dict) -> None:
        self._req(event["requestId"]).update(done=True, failed=event.get("errorText", "failed"))

    def network(self) -> list[dict]:
        """Requests that went over the network (data: URLs never leave the page)."""
        return [r for r in self.requests.values() if str(r.get("url", "")).startswith("http")]

    def totals(self) -> dict[str, int]:
        reqs = self.network()
        return {"requests": len(reqs), "sent": sum(r["sent"] for r in reqs),
                "received": sum(r["received"] for r in reqs)}

    def pending(self) -> int:
        return sum(1 for r in self.network() if not r["done"])

    def reset(self) -> None:
        self.requests = {rid: r for rid, r in self.requests.items() if not r["done"]}


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _withhold_frames(cdp: CDPSession) -> None:
    """Answer the year-frames callback with 204 (no update), so every year step goes to the server.

    Through the DevTools Fetch domain, for callback requests only: Playwright's page.route would switch off
    the HTTP cache for every request, and the page would re-fetch cached files (the favicon) on each step.
    """
    def paused(event: dict) -> None:
        body = (event["request"].get("postData") or "").replace(" ", "")
        if f'"output":"{Ids.FRAMES}.data"' in body:
            cdp.send("Fetch.fulfillRequest", {"requestId": event["requestId"], "responseCode": 204})
        else:
            cdp.send("Fetch.continueRequest", {"requestId": event["requestId"]})

    cdp.on("Fetch.requestPaused", paused)
    cdp.send("Fetch.enable", {"patterns": [{"urlPattern": f"*{CALLBACK_PATH}*", "requestStage": "Request"}]})


@contextmanager
def recorded_page(browser: Browser, withhold_frames: bool = False) -> Iterator[tuple[Page, Traffic]]:
    """A fresh context (empty cache) with the probe installed and CDP network events recorded.

    With `withhold_frames`, the page never receives the drawn view's year frames: it steps the years the
    way it does before they arrive or in a view without them (IOM incidents), through the server.
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(PROBE)
    page = context.new_page()
    traffic = Traffic()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.requestWillBeSent", traffic.on_request)
    cdp.on("Network.requestWillBeSentExtraInfo", traffic.on_request_extra)
    cdp.on("Network.loadingFinished", traffic.on_finished)
    cdp.on("Network.loadingFailed", traffic.on_failed)
    if withhold_frames:
        _withhold_frames(cdp)
    try:
        yield page, traffic
    finally:
        context.close()


def wait_quiet(page: Page, traffic: Traffic, timeout_s: float = STEP_TIMEOUT_S) -> None:
    """Until no request is in flight and none started or finished for QUIET_S."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver the CDP events
        if traffic.pending() == 0 and time.monotonic() - traffic.last_event >= QUIET_S:
            return
    raise TimeoutError(f"network still busy after {timeout_s:.0f} s")


def cold_load(browser: Browser, url: str) -> tuple[dict, list[dict]]:
    """One cold load: time until all three panels are drawn, bytes, and the requests it made."""
    with recorded_page(browser) as (page, traffic):
        page.goto(url + "/", wait_until="commit")
        page.wait_for_function("() => window.__bench && window.__bench.drawn !== null", timeout=STEP_TIMEOUT_S * 1000)
        drawn_ms = page.evaluate("() => window.__bench.drawn")
        wait_quiet(page, traffic)
        failed = [r["url"] for r in traffic.network() if r.get("failed")]
        if failed:
            raise RuntimeError(f"cold load of {url}: requests failed: {failed}")
        return {"drawn_ms": drawn_ms, **traffic.totals()}, traffic.network()


def _steps_so_far(page: Page) -> list[dict]:
    return page.evaluate("() => window.__bench.steps")


_MARKS = """() => {
    const track = document.querySelector('#year .dash-slider-track').getBoundingClientRect();
    const marks = Array.from(document.querySelectorAll('#year .dash-slider-mark'));
    return {y: track.top + track.height / 2, xs: marks.map(m => {
        const r = m.getBoundingClientRect(); return r.left + r.width / 2; })};
}"""


def slider_steps(page: Page, traffic: Traffic, count: int) -> list[dict]:
    """Click the year slider one mark at a time, bouncing between the ends, waiting for each step to show.

    Mouse clicks, as a presenter moves it: with step=None, Dash 4's slider snaps an arrow-key move back to the
    mark it came from when moving right, so the keyboard cannot walk the years in both directions.
    """
    thumb = page.locator("#year [role=slider]")
    lo, hi = (int(thumb.get_attribute(a)) for a in ("aria-valuemin", "aria-valuemax"))
    marks = page.evaluate(_MARKS)
    if len(marks["xs"]) != hi - lo + 1:
        raise RuntimeError(f"expected one slider mark per year {lo}-{hi}, found {len(marks['xs'])}")
    direction = -1
    results = []
    for _ in range(count):
        year = int(thumb.get_attribute("aria-valuenow"))
        if not lo < year + direction < hi + 1:
            direction = -direction
        wait_quiet(page, traffic)
        traffic.reset()
        before = len(_steps_so_far(page))
        page.mouse.click(marks["xs"][year + direction - lo], marks["y"])
        page.wait_for_function(f"() => window.__bench.steps.length > {before} && !window.__bench.pending",
                               timeout=STEP_TIMEOUT_S * 1000)
        wait_quiet(page, traffic)
        step = _steps_so_far(page)[-1]
        results.append({**step, **traffic.totals()})
    return results


def play_steps(page: Page, traffic: Traffic, count: int, speed_ms: int) -> tuple[list[dict], dict]:
    """Press play (restarting it when it stops at the last year) until `count` year changes happened."""
    page.select_option("#speed", str(speed_ms)) if page.locator("#speed").count() else None
    wait_quiet(page, traffic)
    traffic.reset()
    start = len(_steps_so_far(page))
    deadline = time.monotonic() + STEP_TIMEOUT_S + count * (speed_ms / 1000 + 5)
    while len(_steps_so_far(page)) - start < count and time.monotonic() < deadline:
        if "Play" in (page.inner_text("#play") or ""):
            page.click("#play")
        page.wait_for_timeout(200)
    if page.locator("#play").inner_text().find("Pause") >= 0:
        page.click("#play")
    page.wait_for_function("() => !window.__bench.pending", timeout=STEP_TIMEOUT_S * 1000)
    wait_quiet(page, traffic)
    steps = _steps_so_far(page)[start:]
    return steps, traffic.totals()
