"""The dashboard's panels in a real browser: what they draw, hover, rank and download, against the prepared data.

How these tests run, and why their expected numbers come from data/ and not the app: dashboard_page.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import pytest

from dashboard.catalog import CRIMES, INDICATORS, PARTICIPATING
from layouts.ids import Panel
from tests.browser import dashboard_page as ui
from tests.browser.conftest import LOCAL_HOST, screenshot

# ---- 1, 2: the page loads, draws its three panels, complains about nothing and stays on 127.0.0.1 ------------


def test_default_view_draws_three_panels_without_errors(page, recorder):
    ui.open_view(page, sankey_nodes=True)

    assert page.locator(f"#{ui.MAP} .choroplethlayer path").count() >= len(PARTICIPATING)
    assert page.locator(f"#{ui.SANKEY} .sankey-node").count() > 0
    assert page.locator(f"#{ui.SERIES} .scatterlayer .trace").count() > 0
    assert page.evaluate(ui.JS_TITLE, ui.MAP).startswith(INDICATORS["irregular_migration_national"].label)
    assert not recorder.errors(), f"console or page errors: {recorder.errors()}"

    # Every request was recorded (the page, Dash's bundles and callbacks, the outlines), all on 127.0.0.1.
    paths = [urlsplit(url).path for url in recorder.requests_seen]
    assert "/" in paths and "/_dash-update-component" in paths and "/data/countries.geojson" in paths, paths
    origins = {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in recorder.requests_seen
               if urlsplit(url).scheme in ("http", "https")}
    assert {urlsplit(origin).hostname for origin in origins} == {LOCAL_HOST}, origins
    assert not recorder.failed_requests, recorder.failed_requests
    assert all(status < 400 for _, status in recorder.responses), [r for r in recorder.responses if r[1] >= 400]


# ---- 5: "Download CSV" gives the rows the panel shows --------------------------------------------------------


def test_map_and_series_downloads_hold_the_rows_shown(page, recorder, indicators, countries):
    ui.open_view(page, "?crime=migrant-smuggling&year=2019")
    indicator = "smuggling_offences"
    this_year = ui.published(indicators, indicator, indicators["iso3"].unique())
    this_year = this_year[this_year["year"] == 2019].set_index("iso3")

    # Map: one row per participating country, plus every other country with a value that year.
    rows = ui.download_csv(page, "map").set_index("iso3")
    with_value = {c for c in this_year.index[this_year["value"].notna()] if c in countries.index}
    assert set(rows.index) == set(PARTICIPATING) | with_value
    assert (rows["year"] == 2019).all() and (rows["indicator"] == indicator).all()
    published_values = this_year["value"].reindex(rows.index)
    for iso3, value in rows["value"].items():
        expected = published_values[iso3]
        assert (pd.isna(value) and pd.isna(expected)) or value == expected, (iso3, value, expected)
    # ... and the same numbers as the map's hover text.
    shown = page.evaluate(ui.JS_MAP, ui.MAP)
    hover = dict(zip(shown["locations"], (ui.hover_number(row[1]) for row in shown["customdata"]), strict=True))
    for iso3, value in rows["value"].items():
        assert hover[iso3] == (None if pd.isna(value) else value), (iso3, hover[iso3], value)

    # Time series: every point drawn, and nothing else, for the 11 countries.
    rows = ui.download_csv(page, "series")
    assert set(rows["iso3"]) <= set(PARTICIPATING) and (rows["indicator"] == indicator).all()
    from_csv = ui.points_by_name(rows, countries)
    ui.assert_close(from_csv, ui.series_points(page), "series CSV vs chart")
    expected = ui.points_by_name(ui.published(indicators, indicator, PARTICIPATING), countries)
    ui.assert_close(from_csv, expected, "series CSV vs prepared data")
    assert not recorder.errors(), recorder.errors()


# ---- 9: the opening view and the ranking show the 11 ---------------------------------------------------------

_HOVER_TEXT = "() => [...document.querySelectorAll('.hoverlayer .hovertext')].map(h => h.textContent).join(' | ')"
RANKING = Panel.id("ranking", "graph")
_RANKING = ui.JS_HELPERS + """
(id) => { const g = gd(id); if (!g || !g.data || !g.data.length) return null;
          return {title: g.layout.title.text, y: arr(g.data[0].y), x: arr(g.data[0].x), text: arr(g.data[0].text),
                  shown: g.offsetParent !== null}; }"""


def test_opening_map_hover_for_turkiye_gives_its_published_value(page, recorder, indicators, countries):
    """Türkiye, the largest transit country, is on the opening map with its own authority's figure."""
    ui.open_view(page)
    opening_year = CRIMES["irregular-migration"].opening_year
    row = ui.published(indicators, "irregular_migrants_apprehended", ["TUR"])
    value = float(row.loc[row["year"] == opening_year, "value"].iloc[0])
    lon, lat = float(countries.at["TUR", "lon"]), float(countries.at["TUR", "lat"])
    point = page.evaluate(ui.JS_MAP_POINT, [ui.MAP, "TUR", lon, lat])
    assert point["inside"], point
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(_HOVER_TEXT + ".includes('Türkiye')", timeout=ui.TIMEOUT)
    hover = page.evaluate(_HOVER_TEXT)
    assert f"{value:,.0f}" in hover, hover
    assert "Presidency of Migration Management" in hover and "Irregular migrants apprehended" in hover, hover
    assert not recorder.errors(), recorder.errors()


def test_smuggling_ranking_shows_greeces_2019_value(page, recorder, indicators):
    ui.open_view(page, "?crime=migrant-smuggling&year=2019")
    page.wait_for_function(ui.JS_HELPERS + "(id) => gd(id)?.querySelectorAll('.scatterlayer .point').length >= 11",
                           arg=RANKING, timeout=ui.TIMEOUT)
    shown = page.evaluate(_RANKING, RANKING)
    greece = ui.published(indicators, "smuggling_offences", ["GRC"])
    assert float(greece.loc[greece["year"] == 2019, "value"].iloc[0]) == 1533
    bars = dict(zip(shown["y"], zip(shown["x"], shown["text"], strict=True), strict=True))
    assert bars["Greece"] == (1533, "1,533")
    assert shown["shown"] and shown["title"].endswith(", 2019") and len(shown["y"]) == len(PARTICIPATING)
    assert page.locator(f"#{RANKING} .scatterlayer text", has_text="1,533").count() == 1  # on screen, as text
    assert not page.locator(f"#{Panel.id('sankey', 'slot')}").is_visible()  # no "No flow data" half screen
    assert not recorder.errors(), recorder.errors()


# ---- 7: screenshots for the eye ------------------------------------------------------------------------------

_CLIPPED_FILTER_VALUES = """() => [...document.querySelectorAll('.filter-bar .dash-dropdown-value')]
    .filter(e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1)
    .map(e => e.textContent)"""
#: Every crime type's opening view (the Flows slot holds the ranking for those without flows).
VIEWS = {"default": "", "smuggling": "?crime=migrant-smuggling", "trafficking": "?crime=human-trafficking",
         "deaths": "?crime=deaths", "asylum": "?crime=asylum", "context": "?crime=context",
         "smuggling-2019": "?crime=migrant-smuggling&year=2019"}
FLOWS = {"default", "trafficking", "asylum"}


@pytest.mark.parametrize("width,height", [(1920, 1080), (1280, 800)])
def test_screenshots(page, recorder, width, height):
    """Artefacts for review (artifacts/screenshots/); also checks no panel heading or label is clipped."""
    page.set_viewport_size({"width": width, "height": height})
    for name, query in VIEWS.items():
        ui.open_view(page, query, sankey_nodes=name in FLOWS)
        if name not in FLOWS:
            page.wait_for_function(ui.JS_HELPERS + "(id) => gd(id)?.querySelectorAll('.scatterlayer .point').length",
                                   arg=RANKING, timeout=ui.TIMEOUT)
        path = screenshot(page, f"dashboard-{name}-{width}x{height}")
        assert path.stat().st_size > 10_000
        # Nothing wider than the window, and no filter value cut off (long ones wrap onto a second line).
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate(_CLIPPED_FILTER_VALUES) == [], f"{name} at {width}x{height}"
    assert not recorder.errors(), recorder.errors()
