"""Two years side by side in a real browser: `?compare=2015&year=2022` draws the two years' maps and the change,
and Greece's change, in the figure, its hover, the table and the CSV, is the later published value less the
earlier one, read from data/ with pandas (dashboard_page.py says why never through the app).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.catalog import PARTICIPATING
from layouts.ids import Ids, Panel
from tests.browser import dashboard_page as ui
from tests.browser.conftest import screenshot

#: The subplots and the choropleth traces on each: locations, shading, coloraxis and hover rows.
JS_COMPARE = ui.JS_HELPERS + """
(id) => {
    const g = gd(id), L = g.layout;
    const maps = g.data.filter(t => t.type === 'choropleth').map(t => ({
        geo: t.geo || 'geo', coloraxis: t.coloraxis || null, locations: arr(t.locations), z: arr(t.z),
        customdata: t.customdata}));
    return {title: L.title.text, subplots: ['geo', 'geo2', 'geo3'].filter(k => !!L[k]),
            annotations: (L.annotations || []).map(a => a.text), maps: maps,
            paths: ['geo', 'geo2', 'geo3'].map(k => g.querySelectorAll(`.geo.${k} .choroplethlayer path`).length)};
}"""

#: Where a point (lon, lat) of one subplot lies on screen (as dashboard_page.JS_MAP_POINT, for any subplot).
JS_POINT = ui.JS_HELPERS + """
([id, geo, lon, lat]) => {
    const g = gd(id), layer = g.querySelector(`.geo.${geo} .choroplethlayer path`);
    window.scrollBy({top: layer.closest('.geo').getBoundingClientRect().top - 100, behavior: 'instant'});
    const [px, py] = g._fullLayout[geo]._subplot.projection([lon, lat]);
    const screen = new DOMPoint(px, py).matrixTransform(layer.getScreenCTM());
    return {x: screen.x, y: screen.y};
}"""
_HOVER_TEXT = "() => [...document.querySelectorAll('.hoverlayer .hovertext')].map(h => h.textContent).join(' | ')"
_COMPARING = ui.JS_HELPERS + "([id, n]) => { const g = gd(id); return !!g && !!g.layout.geo3 && " \
                             "g.querySelectorAll('.choroplethlayer path').length >= n; }"


def _published(indicators: pd.DataFrame, iso3: str, year: int) -> float | None:
    """The one published value of the default indicator's Eurostat series (Greece, Montenegro) in a year."""
    rows = indicators[(indicators["indicator"] == "illegally_present") & (indicators["iso3"] == iso3)
                      & (indicators["year"] == year)]
    return None if rows.empty or pd.isna(rows["value"].iloc[0]) else float(rows["value"].iloc[0])


def _change_words(before: float, after: float) -> str:
    """'-862,410 (-94.6%)': the change as the hover and table write it, computed here from the two values."""
    change = after - before
    return f"{'+' if change > 0 else ''}{change:,.0f} ({'+' if change > 0 else ''}{change / before * 100:.1f}%)"


def _wait_comparing(page, year: int) -> dict:  # noqa: ANN001
    page.wait_for_function(_COMPARING, arg=[ui.MAP, 3 * len(PARTICIPATING)], timeout=ui.TIMEOUT)
    page.wait_for_function(ui.JS_HELPERS + "([id, y]) => gd(id).layout.annotations[1].text === `<b>${y}</b>`",
                           arg=[ui.MAP, year], timeout=ui.TIMEOUT)
    return page.evaluate(JS_COMPARE, ui.MAP)


def test_compare_draws_two_maps_and_the_change_with_greece_from_its_published_values(page, recorder, indicators,
                                                                                      countries):
    before, after = _published(indicators, "GRC", 2015), _published(indicators, "GRC", 2022)
    assert before and after
    ui.open_view(page, "?compare=2015&year=2022")
    fig = _wait_comparing(page, 2022)

    assert fig["subplots"] == ["geo", "geo2", "geo3"]
    assert all(n >= len(PARTICIPATING) for n in fig["paths"]), fig["paths"]  # three maps drawn, each with the 11
    assert fig["annotations"] == ["<b>2015</b>", "<b>2022</b>", "<b>Change from 2015 to 2022</b>"]
    assert fig["title"].endswith(", 2015 and 2022")
    by_geo = {}
    for trace in fig["maps"]:
        by_geo.setdefault(trace["geo"], []).append(trace)
    assert [t["coloraxis"] for t in (by_geo["geo"][0], by_geo["geo2"][0])] == ["coloraxis", "coloraxis"]  # one scale
    changed = by_geo["geo3"][0]
    i = changed["locations"].index("GRC")
    assert changed["z"][i] == pytest.approx((after - before) / before * 100)
    words = _change_words(before, after)
    assert changed["customdata"][i][1:4] == [f"2015: {before:,.0f}", f"2022: {after:,.0f}", words]
    # Montenegro published nothing for 2015: no change, drawn as "no data" (not among the shaded countries).
    assert _published(indicators, "MNE", 2015) is None and _published(indicators, "MNE", 2022)
    assert "MNE" not in changed["locations"]
    blank = by_geo["geo3"][1]
    assert blank["customdata"][blank["locations"].index("MNE")][3] == "no comparison (2015: no data)"

    # The hover a reader sees over Greece on the change map.
    lon, lat = float(countries.at["GRC", "lon"]), float(countries.at["GRC", "lat"])
    point = page.evaluate(JS_POINT, [ui.MAP, "geo3", lon, lat])
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(f"() => ({_HOVER_TEXT})().includes('Greece')", timeout=ui.TIMEOUT)
    hover = page.evaluate(_HOVER_TEXT)
    assert f"Change: {words}" in hover and f"2015: {before:,.0f}" in hover and "Source: Eurostat" in hover

    # The table and the CSV: both years and the change, per country.
    page.click(f"#{Panel.id('map', 'table-btn')}")
    row = page.locator(f"#{Panel.id('map', 'table')} tr", has_text="Greece")
    row.wait_for(timeout=ui.TIMEOUT)
    cells = row.locator("td").all_inner_texts()
    assert f"{before:,.0f}" in cells and f"{after:,.0f}" in cells and f"{after - before:,.0f}" in cells
    rows = ui.download_csv(page, "map").set_index("iso3")
    assert rows.loc["GRC", ["compare_year", "compare_value", "year", "value", "change"]].tolist() == \
        [2015, before, 2022, after, after - before]
    assert pd.isna(rows.loc["MNE", "change"]) and pd.isna(rows.loc["MNE", "compare_value"])
    assert page.inner_text(f"#{Ids.COMPARE}-value") == "2015"
    screenshot(page, "compare-2015-2022")
    assert not recorder.errors(), recorder.errors()


def test_the_control_writes_compare_and_a_year_step_redraws_both_years(page, recorder, indicators):
    ui.open_view(page, "?year=2019")
    page.click(f"#{Ids.COMPARE}")
    page.get_by_role("option", name="2015", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]compare=2015(&|$)"), timeout=ui.TIMEOUT)
    _wait_comparing(page, 2019)

    # A year step in a comparison goes to the server: the right map and the change show the new year.
    page.focus(f"#{Ids.YEAR} [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"[?&]year=2018(&|$)"), timeout=ui.TIMEOUT)
    fig = _wait_comparing(page, 2018)
    assert ui.query_of(page)["compare"] == ["2015"]
    right = next(t for t in fig["maps"] if t["geo"] == "geo2")
    grc = right["customdata"][right["locations"].index("GRC")]
    assert grc[2] == f"2018: {_published(indicators, 'GRC', 2018):,.0f}"
    assert grc[3] == _change_words(_published(indicators, "GRC", 2015), _published(indicators, "GRC", 2018))

    # Clearing the control leaves the comparison: one map again, and the URL says no compare.
    page.click(f"#{Ids.COMPARE} .dash-dropdown-clear")
    page.wait_for_function(ui.JS_HELPERS + "(id) => !gd(id).layout.geo3 && gd(id).data.length === 2", arg=ui.MAP,
                           timeout=ui.TIMEOUT)
    assert "compare" not in ui.query_of(page)
    assert not recorder.errors(), recorder.errors()


def test_an_embed_draws_the_comparison(page, recorder, indicators):
    page.goto("/embed/map?compare=2015&year=2022")
    page.wait_for_function("() => { const g = document.querySelector('.embed-graph .js-plotly-plot'); return !!g"
                           " && !!g.layout.geo3 && g.querySelectorAll('.choroplethlayer path').length >= 33; }",
                           timeout=ui.TIMEOUT)
    change = page.evaluate("""() => { const g = document.querySelector('.embed-graph .js-plotly-plot');
        const t = g.data.find(t => t.geo === 'geo3'), i = [...t.locations].indexOf('GRC'); return t.customdata[i]; }""")
    before, after = _published(indicators, "GRC", 2015), _published(indicators, "GRC", 2022)
    assert change[3] == _change_words(before, after)
    assert page.inner_text(".embed-title").endswith(", 2015 and 2022")
    screenshot(page, "compare-embed")
    assert not recorder.errors(), recorder.errors()
