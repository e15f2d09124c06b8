"""Year steps in a real browser: from the year frames, with no request, and showing the published numbers.

A presenter plays the years on a projector whose network may be slow or gone; once a view is drawn, stepping
through its years must not need the server. Back and forward between those years stay local too. A view
without frames (IOM incidents on the map) still steps, through the server.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pandas as pd

from layouts.ids import Ids, Panel, Share
from tests.browser.dashboard_page import JS_HELPERS, MAP, SANKEY, SERIES, TIMEOUT, open_view
from tests.conftest import DATA_DIR

CALLBACK = "/_dash-update-component"

_SHOWS_YEAR = JS_HELPERS + """
([mapId, sankeyId, seriesId, year]) => {
    const map = gd(mapId), sankey = gd(sankeyId), series = gd(seriesId);
    const shape = series && series._fullLayout.shapes[0];
    return !!(map && sankey && shape) && map.layout.title.text.endsWith(', ' + year)
        && sankey.layout.title.text.endsWith(', ' + year) && String(shape.x0).startsWith(String(year));
}"""

_MAP_HOVER = JS_HELPERS + """
(id) => Object.fromEntries(gd(id).data[0].locations.map((c, i) => [c, gd(id).data[0].customdata[i][1]]))
"""


def _callbacks(recorder) -> int:  # noqa: ANN001
    return sum(1 for url in recorder.requests_seen if CALLBACK in url)


def _step(page, key: str, year: int) -> None:  # noqa: ANN001
    page.focus(f"#{Ids.YEAR} [role=slider]")
    page.keyboard.press(key)
    page.wait_for_function(_SHOWS_YEAR, arg=[MAP, SANKEY, SERIES, year], timeout=TIMEOUT)


def _published(indicator: str, year: int) -> dict[str, float]:
    rows = pd.read_parquet(DATA_DIR / "country_indicators.parquet")
    rows = rows[(rows["indicator"] == indicator) & (rows["year"] == year) & rows["value"].notna()]
    return dict(zip(rows["iso3"], rows["value"].astype(float), strict=True))


def test_slider_steps_and_history_make_no_request_and_show_the_data(page, recorder):
    open_view(page, "?year=2021")
    page.wait_for_load_state("networkidle")  # the year frames have arrived
    before = _callbacks(recorder)
    for year in (2020, 2019, 2018):
        _step(page, "ArrowLeft", year)
        assert parse_qs(urlsplit(page.url).query)["year"] == [str(year)]
    assert page.inner_text(f"#{Ids.YEAR_LABEL}") == "2018"
    # what the map says for 2018 is the prepared data's 2018, as published
    hover = page.evaluate(_MAP_HOVER, MAP)
    published = {c: v for c, v in _published("illegally_present", 2018).items() if c in hover}
    assert len(published) >= 6
    assert {c: hover[c] for c in published} == {c: f"{v:,.0f}" for c, v in published.items()}
    # every link moved with the year: API twins and the view tools
    for href in (page.get_attribute(f"#{Panel.id('map', 'api-csv')}", "href"),
                 page.get_attribute(f"#{Share.PRESENT}", "href")):
        assert "year=2018" in href, href
    page.go_back()
    page.wait_for_function(_SHOWS_YEAR, arg=[MAP, SANKEY, SERIES, 2019], timeout=TIMEOUT)
    page.go_forward()
    page.wait_for_function(_SHOWS_YEAR, arg=[MAP, SANKEY, SERIES, 2018], timeout=TIMEOUT)
    assert _callbacks(recorder) == before, "a year step of a drawn view went to the server"
    assert not recorder.errors(), recorder.errors()


def test_a_pasted_link_to_another_view_still_goes_to_the_server(page, recorder):
    open_view(page, "?year=2021")
    page.wait_for_load_state("networkidle")
    before = _callbacks(recorder)
    page.evaluate("() => { history.pushState({}, '', '?crime=human-trafficking&year=2019');"
                  " window.dispatchEvent(new PopStateEvent('popstate')); }")
    page.wait_for_function(JS_HELPERS + "(id) => gd(id).layout.title.text === 'Detected victims of trafficking, 2019'",
                           arg=MAP, timeout=TIMEOUT)
    assert _callbacks(recorder) > before
    assert not recorder.errors(), recorder.errors()


def test_a_view_with_iom_incidents_steps_through_the_server(page, recorder):
    open_view(page, "?year=2020&incidents=1")
    page.wait_for_load_state("networkidle")
    before = _callbacks(recorder)
    _step(page, "ArrowLeft", 2019)
    assert _callbacks(recorder) > before
    assert parse_qs(urlsplit(page.url).query)["year"] == ["2019"]
    assert not recorder.errors(), recorder.errors()
