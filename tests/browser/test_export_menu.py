"""The Export menu and "Report pack" in a real browser: "Preparing…" while the server makes the file, then the
download; on a busy server (503 with Retry-After) it says so, waits and tries again, and when the server stays
busy it says so plainly. assets/export.js does it; the links stay plain URLs.

The server's answers are steered with Playwright's request routing: a request is held (to see "Preparing…"),
answered 503 (to play a busy server), or passed on to the real gunicorn. The page's clock is Playwright's, so a
Retry-After is skipped over instead of waited out; nothing here measures time.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from playwright.sync_api import Page, Route, expect

from layouts.ids import Ids, Share
from tests.browser.conftest import screenshot
from tests.patience import PAGE_WAIT_MS

TIMEOUT = PAGE_WAIT_MS
VIEW = "crime=human-trafficking&year=2019"
STATUS = "#see-export-status"
BUSY_BODY = "error: the server is busy making other exports (3 at a time); try again in 30 s\n"


def _busy(route: Route, seconds: int = 30) -> None:
    route.fulfill(status=503, headers={"Retry-After": str(seconds), "Content-Type": "text/plain"}, body=BUSY_BODY)


def _open_view(page: Page) -> None:
    page.clock.install()  # time flows as usual; fast_forward skips a Retry-After
    page.goto(f"/?{VIEW}")
    page.wait_for_selector(".choroplethlayer path", timeout=TIMEOUT)
    expect(page.locator(f"#{Ids.YEAR_LABEL}")).to_have_text("2019", timeout=TIMEOUT)
    expect(page.locator(f"#{Share.REPORT_PACK}")).to_have_attribute("href", f"/export/report-pack.zip?{VIEW}",
                                                                     timeout=TIMEOUT)


def _click_export(page: Page, panel: str, kind: str) -> None:
    item = page.locator(f"#{Share.export(panel, kind)}")
    page.locator(".dropdown, .dropup", has=item).get_by_role("button", name="Export").click()
    item.click()


def _wait_for(page: Page, condition: Callable[[], bool]) -> None:
    for _ in range(TIMEOUT // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("the export request never reached the server")


def _real_errors(recorder) -> list[str]:  # noqa: ANN001
    """Console errors other than Chromium's note on each 503 this test answers on purpose."""
    return [e for e in recorder.errors() if "status of 503" not in e]


def test_an_export_says_preparing_until_its_file_is_downloaded(page: Page, recorder) -> None:  # noqa: ANN001
    held: list[Route] = []
    page.route("**/export/series.svg*", lambda route: held.append(route))
    _open_view(page)
    _click_export(page, "series", "svg")
    expect(page.locator(STATUS)).to_have_text("Preparing series.svg…", timeout=TIMEOUT)
    _wait_for(page, lambda: bool(held))
    assert page.url.endswith(f"/?{VIEW}")  # the page stayed where it was
    screenshot(page, "export-preparing")
    with page.expect_download(timeout=TIMEOUT) as download:
        held[0].continue_()
    name = "see-route-monitor_series_thb_victims_2019.svg"
    assert download.value.suggested_filename == name
    svg = download.value.path().read_text(encoding="utf-8")
    # The footer names each source with its own release date (issue 10), and the view it came from.
    assert svg.startswith("<svg") and "(UNODC): released 2025-04-14" in svg and VIEW.replace("&", "&amp;") in svg
    expect(page.locator(STATUS)).to_have_text(f"Downloaded {name}.", timeout=TIMEOUT)
    assert not _real_errors(recorder), recorder.errors()


def test_a_busy_server_is_waited_out_and_the_report_pack_still_arrives(page: Page, recorder) -> None:  # noqa: ANN001
    calls: list[str] = []

    def answer(route: Route) -> None:
        calls.append(route.request.url)
        if len(calls) == 1:
            _busy(route)
        else:
            route.continue_()

    page.route("**/export/report-pack.zip*", answer)
    _open_view(page)
    page.locator(f"#{Share.REPORT_PACK}").click()
    expect(page.locator(STATUS)).to_have_text("The server is busy making other exports. Trying again in 30 s…",
                                              timeout=TIMEOUT)
    screenshot(page, "export-busy")
    with page.expect_download(timeout=3 * TIMEOUT) as download:
        page.clock.fast_forward(30_000)
    assert len(calls) == 2 and calls[1] == calls[0]
    pack = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    assert "README.txt" in pack.namelist() and len(pack.namelist()) == 10
    expect(page.locator(STATUS)).to_have_text(
        "Downloaded see-route-monitor_report-pack_thb_victims_2019-2019.zip.", timeout=TIMEOUT)
    assert not _real_errors(recorder), recorder.errors()


def test_a_server_that_stays_busy_is_reported_plainly(page: Page, recorder) -> None:  # noqa: ANN001
    calls: list[str] = []
    page.route("**/export/map.png*", lambda route: (calls.append(route.request.url), _busy(route, 1)))
    _open_view(page)
    _click_export(page, "map", "png-a4")
    expect(page.locator(STATUS)).to_have_text(
        "The server is too busy to make map.png now: it is making other exports. Please try again in a few minutes.",
        timeout=TIMEOUT)
    assert len(calls) == 6
    screenshot(page, "export-too-busy")
    assert not _real_errors(recorder), recorder.errors()
