"""Phones and tablets (issue 15): at 390x844 and 768x1024, in a touch context, nothing scrolls sideways, the header
folds into a menu that opens by tap, the year slider is wide and moves by touch, the map fills the width with its
legend under it, each panel's "?" opens by tap, and axe finds nothing serious. A caveat's term opens its entry in
the glossary.

Each test opens its own Chromium context with the device's viewport and touch (``has_touch``); like the ``page``
fixture, it fails a test whose page sent a request beyond 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.panels.registry import panel_help
from dashboard.view.state import default_state
from layouts.ids import Ids, Panel, Share
from tests.browser.conftest import PageRecorder, screenshot
from tests.browser.dashboard_page import JS_HELPERS, MAP, TIMEOUT
from tests.browser.test_accessibility import _serious

PHONE, TABLET = (390, 844), (768, 1024)
MAP_DRAWN = "() => document.querySelectorAll('#map-graph .choroplethlayer path').length >= 11"
PAGES = {"/": MAP_DRAWN, "/about": "() => document.querySelector('.about .glossary dt') !== null",
         "/country/SRB": "() => document.querySelectorAll('.profile-graph .main-svg').length >= 2"}
#: Where the map's legend and its map stand on screen.
JS_LEGEND = JS_HELPERS + """
(id) => {
    const g = gd(id), box = (e) => e.getBoundingClientRect();
    return {bar: box(g.querySelector('.colorbar')).toJSON(), map: box(g.querySelector('.geo .bg')).toJSON(),
            graph: box(g).toJSON(), ticks: [...g.querySelectorAll('.colorbar .cbaxis text')].map(t => t.textContent)};
}"""


@contextmanager
def device(browser, live_server: str, size: tuple[int, int]) -> Iterator:  # noqa: ANN001
    """A page in a touch context of that viewport; fails if a request left 127.0.0.1."""
    recorder = PageRecorder()
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, base_url=live_server,
                                  has_touch=True, is_mobile=True)
    context.on("request", lambda request: recorder.requests_seen.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: recorder.page_errors.append(str(error)))
    page.emulate_media(reduced_motion="reduce")
    try:
        yield page
    finally:
        context.close()
    assert not recorder.external_requests(), recorder.external_requests()
    assert not recorder.page_errors, recorder.page_errors


def _open(page, path: str) -> None:  # noqa: ANN001
    page.goto(path, wait_until="networkidle")
    page.wait_for_function(PAGES[path.split("?")[0]], timeout=TIMEOUT)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["390x844", "768x1024"])
@pytest.mark.parametrize("path", list(PAGES))
def test_nothing_is_wider_than_the_screen(browser, live_server, path, size):
    with device(browser, live_server, size) as page:
        _open(page, path)
        assert page.evaluate("document.documentElement.scrollWidth") <= size[0]
        screenshot(page, f"mobile-{path.strip('/') or 'home'}-{size[0]}x{size[1]}")


def test_the_header_folds_into_a_menu_that_opens_by_tap(browser, live_server):
    with device(browser, live_server, PHONE) as page:
        _open(page, "/")
        about = page.get_by_role("link", name="About the data")
        assert not about.is_visible()
        page.tap(".site-menu-toggle")
        about.wait_for(state="visible")
        box = page.locator(f"#{Share.PRESENT}").bounding_box()
        assert box is not None and box["height"] >= 40 and box["x"] + box["width"] <= PHONE[0]  # finger-sized
        page.tap(".lang-menu summary")
        page.get_by_role("link", name="Ελληνικά").wait_for(state="visible")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
        screenshot(page, "mobile-menu-open")


def test_on_a_wide_screen_the_header_shows_its_tools_without_a_menu(page):
    page.goto("/", wait_until="networkidle")
    page.get_by_role("link", name="About the data").wait_for(state="visible")
    assert not page.locator(".site-menu-toggle").is_visible()


def test_the_year_slider_is_wide_readable_and_moves_by_touch(browser, live_server):
    with device(browser, live_server, PHONE) as page:
        _open(page, "/?year=2022")
        slider = page.locator(f"#{Ids.YEAR}").bounding_box()
        assert slider["width"] >= 280
        label = page.locator(f"#{Ids.YEAR_LABEL}")
        assert label.inner_text() == "2022"
        assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 18
        page.touchscreen.tap(slider["x"] + slider["width"] * 0.05, slider["y"] + slider["height"] / 2)
        page.wait_for_function(f"() => document.getElementById('{Ids.YEAR_LABEL}').innerText.trim() !== '2022'",
                               timeout=TIMEOUT)
        year = int(label.inner_text())
        assert year < 2010  # the left end of the track: the first years
        page.wait_for_function(f"() => location.search.includes('year={year}')", timeout=TIMEOUT)
        assert parse_qs(urlsplit(page.url).query)["year"] == [str(year)]
        page.wait_for_function(JS_HELPERS + "([id, y]) => gd(id).layout.title.text.includes(String(y))",
                               arg=[MAP, year], timeout=TIMEOUT)


def test_the_map_fills_the_width_with_its_legend_under_it(browser, live_server):
    with device(browser, live_server, PHONE) as page:
        _open(page, "/?crime=migrant-smuggling&year=2019")
        page.wait_for_function(JS_HELPERS + "(id) => gd(id).data[0].colorbar.yanchor === 'bottom'", arg=MAP,
                               timeout=TIMEOUT)
        legend = page.evaluate(JS_LEGEND, MAP)
        assert legend["graph"]["width"] >= PHONE[0] - 50
        assert legend["map"]["width"] >= legend["graph"]["width"] - 20  # the map takes the whole width
        assert legend["bar"]["top"] >= legend["map"]["bottom"] - 1  # the legend stands under the map
        assert legend["ticks"][0] == "No data (–)" and len(legend["ticks"]) >= 3
        screenshot(page, "mobile-map-legend")


def test_a_panels_question_mark_opens_by_tap_and_says_what_it_counts(browser, live_server, domain):
    with device(browser, live_server, PHONE) as page:
        _open(page, "/?crime=migrant-smuggling")
        toggle = page.locator(f"#{Panel.id('map', 'card')} .panel-help-toggle")
        assert toggle.get_attribute("title") == "What this panel counts: Map"
        page.wait_for_function(f"() => document.getElementById('{Panel.id('map', 'help')}').textContent.length > 0",
                               timeout=TIMEOUT)
        help_text = page.locator(f"#{Panel.id('map', 'help')}")
        assert not help_text.is_visible()
        toggle.tap()
        help_text.wait_for(state="visible")
        expected = panel_help(default_state(domain, "migrant-smuggling"), "map")
        assert help_text.inner_text() == expected
        box = help_text.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE[0]


def test_a_caveats_term_opens_its_entry_in_the_glossary(page):
    page.goto("/?crime=migrant-smuggling&year=2019", wait_until="networkidle")
    link = page.locator(f"#{Panel.id('map', 'provenance')} a.term-link", has_text="offences").first
    link.wait_for(state="visible", timeout=TIMEOUT)
    assert link.get_attribute("href") == "/about#term-offences"
    link.click()
    page.wait_for_url("**/about#term-offences", timeout=TIMEOUT)
    entry = page.locator("#term-offences")
    entry.wait_for(state="visible", timeout=TIMEOUT)
    page.wait_for_function("() => { const r = document.getElementById('term-offences').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < innerHeight; }", timeout=TIMEOUT)
    assert entry.inner_text() == "Police-recorded offences"
    assert page.evaluate("document.activeElement.id") == "term-offences"


@pytest.mark.parametrize("size", [PHONE, TABLET], ids=["390x844", "768x1024"])
@pytest.mark.parametrize("path", list(PAGES))
def test_axe_finds_nothing_serious_on_phones_and_tablets(browser, live_server, path, size):
    with device(browser, live_server, size) as page:
        _open(page, path)
        assert _serious(page) == []
        if path == "/":  # a panel's "?" and the menu open (the menu last: opened, it lies over the page below it)
            page.tap(f"#{Panel.id('map', 'card')} .panel-help-toggle")
            page.locator(f"#{Panel.id('map', 'help')}").wait_for(state="visible")
            page.tap(".site-menu-toggle")
            assert _serious(page) == []
