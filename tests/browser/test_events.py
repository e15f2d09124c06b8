"""Events on the timeline in Chromium (issue 15, done means): the series for irregular migration carries the
18 March 2016 marker, read from the drawn figure and its SVG, with the document in its hover and a tick on the
year slider; the switch removes them and brings them back, and a year step leaves them where they are.

The event is read from data/events.csv with pandas, not through the app.
"""

from __future__ import annotations

import pandas as pd
import pytest

from layouts.ids import Ids
from tests.browser.conftest import screenshot
from tests.browser.dashboard_page import JS_HELPERS, SERIES, TIMEOUT, open_view, query_of
from tests.conftest import DATA_DIR

STATEMENT = "eu-turkiye-statement"

#: The events' marker trace as plotly holds it, and the labels its SVG draws.
_MARKERS = JS_HELPERS + """
(id) => {
    const g = gd(id);
    const i = g.data.findIndex(t => t.yaxis === 'y2' && t.mode === 'markers+text');
    if (i < 0) return null;
    const t = g.data[i];
    const labels = [...g.querySelectorAll('.scatterlayer .trace')[i].querySelectorAll('.textpoint text')]
        .map(e => e.textContent);
    return {index: i, ids: t.ids, x: arr(t.x), labels: labels};
}"""

_HAS_MARKERS = JS_HELPERS + """
([id, want]) => { const g = gd(id); return !!g && !document.querySelector('[data-dash-is-loading="true"]')
    && g.data.some(t => t.yaxis === 'y2') === want; }"""

#: Hover the event's marker through plotly's own hover and read the label it shows.
_HOVER = JS_HELPERS + """
([id, curve, point]) => {
    const g = gd(id);
    Plotly.Fx.hover(g, [{curveNumber: curve, pointNumber: point}]);
    return [...g.querySelectorAll('.hoverlayer .hovertext text')].map(e => e.textContent).join(' ');
}"""


@pytest.fixture(scope="module")
def statement() -> pd.Series:
    return pd.read_csv(DATA_DIR / "events.csv", keep_default_na=False).set_index("id").loc[STATEMENT]


def _markers(page) -> dict | None:  # noqa: ANN001
    return page.evaluate(_MARKERS, SERIES)


def test_the_irregular_migration_series_carries_the_18_march_2016_marker(page, statement):
    open_view(page)
    drawn = _markers(page)
    assert drawn is not None, "the series draws no events"
    at = drawn["ids"].index(STATEMENT)
    assert drawn["x"][at] == statement["date"] == "2016-03-18"
    assert "EU–Türkiye Statement" in drawn["labels"]  # its label, drawn as text in the chart's SVG
    hover = page.evaluate(_HOVER, [SERIES, drawn["index"], at])
    assert statement["title"] in hover and "March 18, 2016" in hover
    assert statement["publisher"] in hover and "EU-Turkey statement, 18 March 2016" in hover
    tick = page.locator(f"#{Ids.YEAR_EVENTS} [data-event={STATEMENT}]")
    assert tick.get_attribute("title") == f"March 18, 2016: {statement['title']}"
    assert tick.locator("[lang=en]").inner_text() == statement["title"]
    # The tick stands where 18 March 2016 is on the slider, between the marks of 2016 and 2017.
    box = tick.bounding_box()
    marks = {m.inner_text(): m.bounding_box() for m in page.locator(".dash-slider-mark").all() if m.inner_text()}
    left, right = marks["2015"], marks["2020"]
    per_year = (right["x"] - left["x"]) / 5
    expected = left["x"] + left["width"] / 2 + per_year * (1 + 77 / 366)
    assert abs(box["x"] + box["width"] / 2 - expected) < 3
    screenshot(page, "events-on-the-series")


def test_the_switch_removes_the_events_and_brings_them_back(page):
    open_view(page)
    switch = page.locator(f"#{Ids.EVENTS}")
    switch.focus()
    page.keyboard.press("Space")
    page.wait_for_function(_HAS_MARKERS, arg=[SERIES, False], timeout=TIMEOUT)
    assert query_of(page)["events"] == ["0"]
    assert _markers(page) is None
    page.wait_for_function(f"() => !document.querySelector('#{Ids.YEAR_EVENTS} li')", timeout=TIMEOUT)
    assert page.locator(f"#{SERIES} .scatterlayer .trace").count() > 0  # the data stays
    page.keyboard.press("Space")
    page.wait_for_function(_HAS_MARKERS, arg=[SERIES, True], timeout=TIMEOUT)
    assert "events" not in query_of(page)
    assert STATEMENT in _markers(page)["ids"]


def test_a_year_step_and_a_link_keep_them_as_the_view_says(page):
    open_view(page, "?year=2020")
    page.wait_for_load_state("networkidle")  # the year frames have arrived
    page.focus(f"#{Ids.YEAR} [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('year=2019')", timeout=TIMEOUT)
    assert STATEMENT in _markers(page)["ids"]  # the year patch replaced the shapes only
    open_view(page, "?events=0")
    assert _markers(page) is None and page.locator(f"#{Ids.EVENTS}").is_checked() is False
