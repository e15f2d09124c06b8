"""Country profiles in Chromium: Serbia's profile shows its 2019 smuggling offences as published and its rank among
the 11, a code that is none of the 11 gets the clear page with 404, a click on the map offers the profile, the
profile prints on A4 pages, and screenshots at 1920x1080 and 1280x800. The ``page`` fixture fails any test whose
page sent a request beyond 127.0.0.1. Expected numbers are read from data/ with pandas.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from dashboard.catalog import PARTICIPATING
from layouts.ids import Ids
from tests.browser.conftest import screenshot

TIMEOUT = 60_000
#: Every chart of the profile drawn (plotly puts two main-svg layers in each).
DRAWN = ("() => document.querySelectorAll('.profile-graph').length > 0 && document.querySelectorAll("
         "'.profile-graph .main-svg').length >= 2 * document.querySelectorAll('.profile-graph').length")
A4_PRINTABLE = {"width": 718, "height": 1047}  # 190 x 277 mm at 96 dpi, inside the print CSS's 10 mm margins


def _open(page, path: str) -> None:  # noqa: ANN001
    response = page.goto(path)
    assert response is not None and response.status == 200
    page.wait_for_function(DRAWN, timeout=TIMEOUT)


def test_serbias_profile_shows_its_2019_smuggling_offences_and_rank(page, recorder, indicators) -> None:
    published = indicators[(indicators["indicator"] == "smuggling_offences") & (indicators["year"] == 2019)
                           & indicators["iso3"].isin(PARTICIPATING)].set_index("iso3")["value"]
    serbia = published["SRB"]
    rank = 1 + int((published > serbia).sum())
    _open(page, "/country/SRB")
    expect(page.locator("h1")).to_have_text("Serbia: country profile")
    block = page.locator("#indicator-smuggling_offences")
    block.locator("summary").click()
    row = block.locator("tbody tr", has=page.locator("th", has_text=re.compile(r"^2019$")))
    expect(row).to_have_count(1, timeout=TIMEOUT)
    cells = row.locator("th, td").all_inner_texts()
    assert cells[1] == f"{serbia:,.0f}" == "165"
    assert cells[3] == f"{rank} of {len(published)}" == "4 of 11"
    # The headline: the latest year, with its rank in words.
    assert "participating countries with data" in block.locator(".profile-headline").inner_text()
    assert block.locator(".profile-tools a", has_text="Open in the dashboard").get_attribute("href") \
        .startswith("/?crime=migrant-smuggling")
    assert not recorder.errors(), recorder.errors()


def test_an_unknown_country_is_a_clear_404_page(page) -> None:
    response = page.goto("/country/XYZ")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("No such country", timeout=TIMEOUT)
    links = page.locator(".profile-index a")
    expect(links).to_have_count(len(PARTICIPATING))
    links.filter(has_text="Greece").click()
    page.wait_for_function(DRAWN, timeout=TIMEOUT)
    expect(page.locator("h1")).to_have_text("Greece: country profile")


def test_a_click_on_the_map_offers_the_countrys_profile(page) -> None:
    page.goto("/?crime=migrant-smuggling&year=2019")
    page.wait_for_selector(".choroplethlayer path", timeout=TIMEOUT)
    page.evaluate("""() => document.querySelector('#map-graph .js-plotly-plot')
        .emit('plotly_click', {points: [{location: 'SRB', curveNumber: 0, pointNumber: 0}]})""")
    offer = page.locator(f"#{Ids.PROFILES} a")
    expect(offer).to_have_text("Serbia's profile", timeout=TIMEOUT)
    offer.click()
    page.wait_for_function(DRAWN, timeout=TIMEOUT)
    assert page.url.endswith("/country/SRB")
    back = page.get_by_role("link", name="Open the dashboard with Serbia selected")
    assert "country=SRB" in back.get_attribute("href")


def test_the_profile_prints_on_a4_pages_without_its_tools(page, recorder) -> None:
    _open(page, "/country/GRC")
    page.emulate_media(media="print")
    page.set_viewport_size(A4_PRINTABLE)
    for hidden in (".profile-tools", ".profile-nav", ".lang-menu", ".profile-block details"):
        assert all(not el.is_visible() for el in page.query_selector_all(hidden)), hidden
    assert page.evaluate("() => document.documentElement.scrollWidth") <= A4_PRINTABLE["width"]
    # Two blocks side by side (the routes' table across the page), each chart whole inside its block.
    widths = page.evaluate("() => Array.from(document.querySelectorAll('.profile-block:not(.profile-routes)'))"
                           ".map(b => b.getBoundingClientRect().width)")
    assert widths and max(widths) <= A4_PRINTABLE["width"] / 2
    assert page.evaluate("() => Array.from(document.querySelectorAll('.profile-graph')).every(g => g"
                         ".getBoundingClientRect().right <= g.closest('.profile-block').getBoundingClientRect().right)")
    expect(page.locator(".profile-block .source-line").first).to_be_visible()
    screenshot(page, "country-print-a4")
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 2
    assert not recorder.errors(), recorder.errors()


def test_screenshots_of_two_profiles_at_two_sizes(page) -> None:
    for size in ({"width": 1920, "height": 1080}, {"width": 1280, "height": 800}):
        page.set_viewport_size(size)
        for iso3 in ("SRB", "GRC"):
            _open(page, f"/country/{iso3}")
            assert page.evaluate("() => document.documentElement.scrollWidth") <= size["width"]
            screenshot(page, f"country-{iso3}-{size['width']}x{size['height']}")
