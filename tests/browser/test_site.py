"""The static edition in a browser, with the network blocked: from file://, and over a plain static server that
serves the folder's parent (so the edition sits under a path prefix). Every request outside is aborted and
recorded; the test fails if there is one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests.browser.conftest import LOCAL_HOST, _free_port, wait_until_serving
from tests.patience import PAGE_WAIT_MS
from tests.site_edition import write_site


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory)[0]


@pytest.fixture(scope="session")
def static_server(site: Path) -> Iterator[str]:
    """`python -m http.server` over the site's parent: the edition is at <origin>/site/."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", LOCAL_HOST,
                             "--directory", str(site.parent)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    origin = f"http://{LOCAL_HOST}:{port}"
    try:
        wait_until_serving(f"{origin}/site/index.html", proc, "python -m http.server")
        yield origin
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _smuggling(indicators: pd.DataFrame, year: int) -> str:
    value = indicators.query("indicator == 'smuggling_offences' and iso3 == 'GRC' and year == @year")["value"].item()
    return f"{value:,.0f}"


def _run(browser, url: str, allowed: str, indicators: pd.DataFrame) -> None:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    left: list[str] = []

    def route(r) -> None:  # noqa: ANN001
        if r.request.url.startswith(allowed) or r.request.url.startswith(("data:", "blob:", "about:")):
            r.continue_()
        else:
            left.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("request", lambda req: None if req.url.startswith((allowed, "data:", "blob:", "about:"))
            else left.append(req.url))
    page.goto(url)
    page.select_option("#site-crime", "migrant-smuggling")
    for panel in ("map", "ranking", "series"):
        page.wait_for_selector(f"#site-{panel}-figure .main-svg", timeout=PAGE_WAIT_MS)
    label = page.locator("#site-year-label")
    page.locator("body").click(position={"x": 5, "y": 5})
    while label.text_content() != "2019":  # ← steps back from the opening year, one year a key
        before = label.text_content()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("b => document.getElementById('site-year-label').textContent !== b", arg=before,
                               timeout=PAGE_WAIT_MS)
    summary = page.locator("#site-map-summary")
    assert _smuggling(indicators, 2019) in summary.text_content()
    assert "Greece" in page.locator("#site-map-table").inner_html()
    page.click("#site-play")
    page.wait_for_function("() => document.getElementById('site-year-label').textContent !== '2019'",
                           timeout=PAGE_WAIT_MS)
    page.click("#site-play")  # pause where play got to, then read that year's values
    year = int(label.text_content())
    assert year > 2019
    assert _smuggling(indicators, year) in summary.text_content()
    ranking_x = page.evaluate("() => document.getElementById('site-ranking-figure').data.flatMap(t => t.x || [])")
    assert any(f"{x:,.0f}" == _smuggling(indicators, year) for x in ranking_x if isinstance(x, (int, float)))
    page.click("#site-decks a")  # a deck, stepped by the presenter's keys
    page.wait_for_selector("#site-slide-figure-0 .main-svg", timeout=PAGE_WAIT_MS)
    counter = page.locator("#site-slide-counter")
    first = page.locator("#site-slide-title").text_content()
    assert counter.text_content().startswith("Slide 1 of")
    page.keyboard.press("PageDown")
    page.wait_for_function("() => document.getElementById('site-slide-counter').textContent.startsWith('Slide 2')",
                           timeout=PAGE_WAIT_MS)
    assert page.locator("#site-slide-title").text_content() != first
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => document.getElementById('site-slide-counter').textContent.startsWith('Slide 1')",
                           timeout=PAGE_WAIT_MS)
    assert left == [], left
    context.close()


def test_the_edition_runs_from_file_with_the_network_blocked(browser, site: Path, indicators) -> None:  # noqa: ANN001
    _run(browser, (site / "index.html").as_uri(), "file://", indicators)


def test_the_edition_runs_from_a_static_server_under_a_path_prefix(browser, static_server: str,  # noqa: ANN001
                                                                    indicators) -> None:  # noqa: ANN001
    _run(browser, f"{static_server}/site/index.html", f"{static_server}/site/", indicators)
