"""The dashboard in a real browser: what only a browser can show, checked against the prepared data.

Each test opens the app served by a real gunicorn (session ``live_server``) in headless Debian Chromium. The
``page`` fixture fails any test whose page sent a request beyond 127.0.0.1. Expected numbers are read from
data/*.parquet with pandas, never through the app's Store, so a wrong query cannot agree with itself.
Waits are on conditions in the page (plotly has drawn, the URL changed), never on fixed sleeps.
"""

from __future__ import annotations

import io
import math
import re
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from dashboard.catalog import CRIME_TYPES, CRIMES, INDICATORS, PARTICIPATING
from layouts.ids import Ids, Panel
from tests.browser.conftest import LOCAL_HOST, screenshot
from tests.conftest import DATA_DIR

TIMEOUT = 30_000  # ms; a cold worker may need a few seconds for its first figures
MAP, SANKEY, SERIES = (Panel.id(p, "graph") for p in ("map", "sankey", "series"))

# ---- what the page shows, read through plotly's graph divs ------------------------------------------------

#: JS shared by the snippets below: the plotly graph div inside a dcc.Graph, and a trace array decoded
#: (plotly.py sends numpy arrays as base64 typed-array specs; plotly.js keeps the decoded array on the spec).
_JS_HELPERS = """
const gd = (id) => document.getElementById(id)?.querySelector('.js-plotly-plot');
const arr = (v) => v == null ? null : Array.isArray(v) ? v : Array.from(v._inputArray ?? v);
"""

_DRAWN = _JS_HELPERS + """
([mapId, sankeyId, seriesId, needSankeyNodes]) => {
    const map = gd(mapId), sankey = gd(sankeyId), series = gd(seriesId);
    if (!map || !sankey || !series) return false;
    if (document.querySelector('[data-dash-is-loading="true"]')) return false;
    const mapDrawn = map.querySelectorAll('.choroplethlayer path').length >= 11;
    const sankeyDrawn = needSankeyNodes ? sankey.querySelectorAll('.sankey-node').length > 0
                                        : !!sankey._fullLayout;
    const seriesDrawn = series.querySelectorAll('.scatterlayer .trace').length > 0;
    return mapDrawn && sankeyDrawn && seriesDrawn;
}"""

_SERIES = _JS_HELPERS + """
(id) => {
    const g = gd(id);
    return {title: g.layout.title.text,
            traces: g.data.map(t => ({name: t.name, x: arr(t.x), y: arr(t.y)}))};
}"""

_MAP = _JS_HELPERS + """
(id) => {
    const g = gd(id), shapes = g.data[0], labels = g.data[1];
    return {title: g.layout.title.text, locations: arr(shapes.locations), customdata: shapes.customdata,
            lineWidths: arr(shapes.marker.line.width), labels: arr(labels.text)};
}"""

_TITLE = _JS_HELPERS + "(id) => gd(id).layout.title.text"
_SANKEY_NODES = _JS_HELPERS + "(id) => arr(gd(id).data[0].node.customdata)"

#: Where a point (lon, lat) of the map lies on screen, and whether it is inside the country's shape.
#: Plotly draws geo paths in projected coordinates; each path's d3 datum carries its location (ISO-3).
_MAP_POINT = _JS_HELPERS + """
([id, iso3, lon, lat]) => {
    const g = gd(id);
    const path = [...g.querySelectorAll('.choroplethlayer path')].find(p => p.__data__?.loc === iso3);
    const [px, py] = g._fullLayout.geo._subplot.projection([lon, lat]);
    const screen = new DOMPoint(px, py).matrixTransform(path.getScreenCTM());
    return {x: screen.x, y: screen.y, inside: path.isPointInFill(new DOMPoint(px, py))};
}"""


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return pd.read_parquet(DATA_DIR / "country_indicators.parquet")


@pytest.fixture(scope="module")
def countries() -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / "countries.csv", keep_default_na=False).set_index("iso3")


def open_view(page, query: str = "", *, sankey_nodes: bool = False) -> None:
    """Open the dashboard at `query` and wait until plotly has drawn all three panels."""
    page.goto("/" + query)
    wait_drawn(page, sankey_nodes=sankey_nodes)


def wait_drawn(page, *, sankey_nodes: bool = False) -> None:
    page.wait_for_function(_DRAWN, arg=[MAP, SANKEY, SERIES, sankey_nodes], timeout=TIMEOUT)


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def series_points(page) -> dict[str, dict[int, float]]:
    """Trace name -> {year: value} of the points the time series draws (gaps left out)."""
    fig = page.evaluate(_SERIES, SERIES)
    return {t["name"]: {int(x): y for x, y in zip(t["x"], t["y"], strict=True) if y is not None and not
                        math.isnan(y)} for t in fig["traces"]}


def published(indicators: pd.DataFrame, indicator: str, iso3s, per100k: bool = False) -> pd.DataFrame:
    """Rows of the prepared file for one indicator and some countries; rates divided by that year's population."""
    rows = indicators[(indicators["indicator"] == indicator) & indicators["iso3"].isin(list(iso3s))].copy()
    if per100k:
        pop = indicators[indicators["indicator"] == "population"].set_index(["iso3", "year"])["value"]
        rows["value"] = rows["value"].to_numpy() / pop.reindex(
            pd.MultiIndex.from_arrays([rows["iso3"], rows["year"]])).to_numpy() * 100_000
    return rows


def points_by_name(rows: pd.DataFrame, countries: pd.DataFrame) -> dict[str, dict[int, float]]:
    """Country name -> {year: value} for the rows that have a value (null is "no data" or suppressed)."""
    rows = rows[rows["value"].notna()]
    return {countries.at[iso3, "name"]: dict(zip(g["year"].astype(int), g["value"].astype(float), strict=True))
            for iso3, g in rows.groupby("iso3")}


def download_csv(page, panel: str) -> pd.DataFrame:
    """Click the panel's "Download CSV" and read the file the browser saved."""
    with page.expect_download(timeout=TIMEOUT) as info:
        page.click(f"#{Panel.id(panel, 'download-btn')}")
    download = info.value
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    with open(download.path(), encoding="utf-8") as handle:
        return pd.read_csv(io.StringIO(handle.read()), keep_default_na=False, na_values=[""])


def hover_number(text: str) -> float | None:
    """'1,533' -> 1533.0; 'no data' and 'fewer than 5 (suppressed)' -> None (the map never draws them as 0)."""
    return float(text.replace(",", "")) if re.fullmatch(r"-?[\d,]+(\.\d+)?", text) else None


def assert_close(actual: dict, expected: dict, what: str) -> None:
    assert actual.keys() == expected.keys(), f"{what}: {sorted(actual)} != {sorted(expected)}"
    for key, value in expected.items():
        assert actual[key] == pytest.approx(value, rel=1e-9), f"{what} {key}: {actual[key]} != {value}"


# ---- 1, 2: the page loads, draws its three panels, complains about nothing and stays on 127.0.0.1 ------------


def test_default_view_draws_three_panels_without_errors(page, recorder):
    open_view(page, sankey_nodes=True)

    assert page.locator(f"#{MAP} .choroplethlayer path").count() >= len(PARTICIPATING)
    assert page.locator(f"#{SANKEY} .sankey-node").count() > 0
    assert page.locator(f"#{SERIES} .scatterlayer .trace").count() > 0
    assert page.evaluate(_TITLE, MAP).startswith(INDICATORS["irregular_migration_national"].label)
    assert not recorder.errors(), f"console or page errors: {recorder.errors()}"

    # Every request was recorded (the page, Dash's bundles and callbacks, the outlines), all on 127.0.0.1.
    paths = [urlsplit(url).path for url in recorder.requests_seen]
    assert "/" in paths and "/_dash-update-component" in paths and "/data/countries.geojson" in paths, paths
    origins = {f"{urlsplit(url).scheme}://{urlsplit(url).netloc}" for url in recorder.requests_seen
               if urlsplit(url).scheme in ("http", "https")}
    assert {urlsplit(origin).hostname for origin in origins} == {LOCAL_HOST}, origins
    assert not recorder.failed_requests, recorder.failed_requests
    assert all(status < 400 for _, status in recorder.responses), [r for r in recorder.responses if r[1] >= 400]


# ---- 3: a click on a country selects it in the time series and the URL ------------------------------------


def test_clicking_a_country_on_the_map_selects_it(page, recorder, indicators, countries):
    open_view(page, "?crime=migrant-smuggling&year=2019")
    assert len(series_points(page)) == len(PARTICIPATING)  # all 11 before the click

    # A real mouse click on Greece's label point, located through the map's own projection.
    lon, lat = float(countries.at["GRC", "lon"]), float(countries.at["GRC", "lat"])
    point = page.evaluate(_MAP_POINT, [MAP, "GRC", lon, lat])
    assert point["inside"], point  # the label point lies on Greece's shape
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])

    page.wait_for_url(re.compile(r"[?&]country=GRC(&|$)"), timeout=TIMEOUT)
    page.wait_for_function(_JS_HELPERS + "(id) => gd(id).data.map(t => t.name).join() === 'Greece'", arg=SERIES,
                           timeout=TIMEOUT)
    assert query_of(page)["country"] == ["GRC"]
    assert query_of(page)["crime"] == ["migrant-smuggling"] and query_of(page)["year"] == ["2019"]

    expected = points_by_name(published(indicators, "smuggling_offences", ["GRC"]), countries)
    assert_close(series_points(page), expected, "time series after clicking Greece")
    # The map outlines the selection (its response may land after the time series' one: wait for it).
    page.wait_for_function(_JS_HELPERS + """(id) => {
        const t = gd(id).data[0], w = arr(t.marker.line.width), i = arr(t.locations).indexOf('GRC');
        return i >= 0 && w[i] > Math.max(...w.filter((_, j) => j !== i));
    }""", arg=MAP, timeout=TIMEOUT)
    shown = page.evaluate(_MAP, MAP)
    widths = dict(zip(shown["locations"], shown["lineWidths"], strict=True))
    assert widths["GRC"] > max(w for code, w in widths.items() if code != "GRC")
    assert not recorder.errors(), recorder.errors()


# ---- 4: a URL reproduces the view, controls write the URL, back walks the history --------------------------

ROUND_TRIP = "?crime=human-trafficking&indicator=thb_victims_female&year=2019&country=GRC,TUR&measure=per100k&top=5"


def _controls(page) -> dict:
    return {
        "crime": page.inner_text(f"#{Ids.CRIME}-value"),
        "indicator": page.inner_text(f"#{Ids.INDICATOR}-value"),
        "countries": page.locator(f"#{Ids.COUNTRIES}-value .dash-dropdown-value-item").all_inner_texts(),
        "measure": page.eval_on_selector_all(f"#{Ids.MEASURE} input", "els => els.filter(e => e.checked)"
                                                                     ".map(e => e.value)"),
        "slider": page.get_attribute(f"#{Ids.YEAR} [role=slider]", "aria-valuenow"),
        "year_label": page.inner_text(f"#{Ids.YEAR_LABEL}"),
        "top": page.input_value(f"#{Ids.TOP}"),
    }


def test_url_round_trip_reproduces_the_view_and_back_restores_it(page, recorder, indicators, countries):
    indicator = INDICATORS["thb_victims_female"]
    open_view(page, ROUND_TRIP, sankey_nodes=True)

    assert _controls(page) == {
        "crime": CRIME_TYPES["human-trafficking"], "indicator": indicator.label, "countries": ["Greece", "Türkiye"],
        "measure": ["per100k"], "slider": "2019", "year_label": "2019", "top": "5",
    }
    assert page.evaluate(_TITLE, MAP) == f"{indicator.label} per 100,000 population, 2019"
    assert page.evaluate(_TITLE, SANKEY).endswith(", 2019")
    nodes = page.evaluate(_SANKEY_NODES, SANKEY)
    assert {n for n in nodes if n.startswith("destination:")} == {"destination:GRC", "destination:TUR"}
    assert len([n for n in nodes if n.startswith("origin:")]) <= 5 + 1  # top 5 and "Other"
    assert page.evaluate(_TITLE, SERIES) == f"{indicator.label} per 100,000 population"
    expected = points_by_name(published(indicators, indicator.id, ["GRC", "TUR"], per100k=True), countries)
    assert_close(series_points(page), expected, "time series per 100,000")
    # The map's hover numbers are the rates for 2019 (two decimals).
    shown = page.evaluate(_MAP, MAP)
    hover = dict(zip(shown["locations"], (hover_number(row[1]) for row in shown["customdata"]), strict=True))
    for iso3 in ("GRC", "TUR"):
        assert hover[iso3] == pytest.approx(round(expected[countries.at[iso3, "name"]][2019], 2)), iso3
    before_url = page.url

    # One year back with the keyboard on the slider's handle: the URL follows.
    page.focus(f"#{Ids.YEAR} [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"[?&]year=2018(&|$)"), timeout=TIMEOUT)
    page.wait_for_function(_JS_HELPERS + "(id) => gd(id).layout.title.text.endsWith(', 2018')", arg=MAP,
                           timeout=TIMEOUT)
    assert page.inner_text(f"#{Ids.YEAR_LABEL}") == "2018"
    after = query_of(page)
    assert after.pop("year") == ["2018"]
    assert after == {k: v for k, v in parse_qs(urlsplit(before_url).query).items() if k != "year"}

    # Back: the previous URL and the previous view.
    page.go_back()
    page.wait_for_url(before_url, timeout=TIMEOUT)
    page.wait_for_function(_JS_HELPERS + "(id) => gd(id).layout.title.text.endsWith(', 2019')", arg=MAP,
                           timeout=TIMEOUT)
    assert page.inner_text(f"#{Ids.YEAR_LABEL}") == "2019"
    assert page.get_attribute(f"#{Ids.YEAR} [role=slider]", "aria-valuenow") == "2019"
    assert not recorder.errors(), recorder.errors()


# ---- 5: "Download CSV" gives the rows the panel shows --------------------------------------------------------


def test_map_and_series_downloads_hold_the_rows_shown(page, recorder, indicators, countries):
    open_view(page, "?crime=migrant-smuggling&year=2019")
    indicator = "smuggling_offences"
    this_year = published(indicators, indicator, indicators["iso3"].unique())
    this_year = this_year[this_year["year"] == 2019].set_index("iso3")

    # Map: one row per participating country, plus every other country with a value that year.
    rows = download_csv(page, "map").set_index("iso3")
    with_value = {c for c in this_year.index[this_year["value"].notna()] if c in countries.index}
    assert set(rows.index) == set(PARTICIPATING) | with_value
    assert (rows["year"] == 2019).all() and (rows["indicator"] == indicator).all()
    published_values = this_year["value"].reindex(rows.index)
    for iso3, value in rows["value"].items():
        expected = published_values[iso3]
        assert (pd.isna(value) and pd.isna(expected)) or value == expected, (iso3, value, expected)
    # ... and the same numbers as the map's hover text.
    shown = page.evaluate(_MAP, MAP)
    hover = dict(zip(shown["locations"], (hover_number(row[1]) for row in shown["customdata"]), strict=True))
    for iso3, value in rows["value"].items():
        assert hover[iso3] == (None if pd.isna(value) else value), (iso3, hover[iso3], value)

    # Time series: every point drawn, and nothing else, for the 11 countries.
    rows = download_csv(page, "series")
    assert set(rows["iso3"]) <= set(PARTICIPATING) and (rows["indicator"] == indicator).all()
    from_csv = points_by_name(rows, countries)
    assert_close(from_csv, series_points(page), "series CSV vs chart")
    expected = points_by_name(published(indicators, indicator, PARTICIPATING), countries)
    assert_close(from_csv, expected, "series CSV vs prepared data")
    assert not recorder.errors(), recorder.errors()


# ---- 6: bad parameters -------------------------------------------------------------------------------------


def test_bad_parameters_show_a_notice_and_the_default_view(page, recorder):
    page.goto("/?year=abc&crime=piracy")
    wait_drawn(page)

    notices = page.locator(f"#{Ids.NOTICES} .alert")
    notices.first.wait_for(state="visible", timeout=TIMEOUT)
    text = " ".join(notices.all_inner_texts())
    assert '"piracy"' in text and '"abc"' in text, text
    # The default view: irregular migration's opening indicator and year (catalog.CRIMES).
    default, latest = CRIMES["irregular-migration"].default_indicator, CRIMES["irregular-migration"].opening_year
    assert page.inner_text(f"#{Ids.CRIME}-value") == CRIME_TYPES["irregular-migration"]
    assert page.inner_text(f"#{Ids.YEAR_LABEL}") == str(latest)
    assert page.evaluate(_TITLE, MAP) == f"{INDICATORS[default].label}, {latest}"
    assert "Traceback" not in page.content() and "Error" not in page.title()
    assert not [s for _, s in recorder.responses if s >= 500], recorder.responses
    assert not recorder.errors(), recorder.errors()


# ---- 9: the opening view and the ranking show the 11 ---------------------------------------------------------

_HOVER_TEXT = "() => [...document.querySelectorAll('.hoverlayer .hovertext')].map(h => h.textContent).join(' | ')"
RANKING = Panel.id("ranking", "graph")
_RANKING = _JS_HELPERS + """
(id) => { const g = gd(id); if (!g || !g.data || !g.data.length) return null;
          return {title: g.layout.title.text, y: arr(g.data[0].y), x: arr(g.data[0].x), text: arr(g.data[0].text),
                  shown: g.offsetParent !== null}; }"""


def test_opening_map_hover_for_turkiye_gives_its_published_value(page, recorder, indicators, countries):
    """Türkiye, the largest transit country, is on the opening map with its own authority's figure."""
    open_view(page)
    opening_year = CRIMES["irregular-migration"].opening_year
    row = published(indicators, "irregular_migrants_apprehended", ["TUR"])
    value = float(row.loc[row["year"] == opening_year, "value"].iloc[0])
    lon, lat = float(countries.at["TUR", "lon"]), float(countries.at["TUR", "lat"])
    point = page.evaluate(_MAP_POINT, [MAP, "TUR", lon, lat])
    assert point["inside"], point
    page.mouse.move(point["x"], point["y"])
    page.wait_for_function(_HOVER_TEXT + ".includes('Türkiye')", timeout=TIMEOUT)
    hover = page.evaluate(_HOVER_TEXT)
    assert f"{value:,.0f}" in hover, hover
    assert "Presidency of Migration Management" in hover and "Irregular migrants apprehended" in hover, hover
    assert not recorder.errors(), recorder.errors()


def test_smuggling_ranking_shows_greeces_2019_value(page, recorder, indicators):
    open_view(page, "?crime=migrant-smuggling&year=2019")
    page.wait_for_function(_JS_HELPERS + "(id) => gd(id)?.querySelectorAll('.scatterlayer .point').length >= 11",
                           arg=RANKING, timeout=TIMEOUT)
    shown = page.evaluate(_RANKING, RANKING)
    greece = published(indicators, "smuggling_offences", ["GRC"])
    assert float(greece.loc[greece["year"] == 2019, "value"].iloc[0]) == 1533
    bars = dict(zip(shown["y"], zip(shown["x"], shown["text"], strict=True), strict=True))
    assert bars["Greece"] == (1533, "1,533")
    assert shown["shown"] and shown["title"].endswith(", 2019") and len(shown["y"]) == len(PARTICIPATING)
    assert page.locator(f"#{RANKING} .scatterlayer text", has_text="1,533").count() == 1  # on screen, as text
    assert not page.locator(f"#{Panel.id('sankey', 'slot')}").is_visible()  # no "No flow data" half screen
    assert not recorder.errors(), recorder.errors()


# ---- 8: play ---------------------------------------------------------------------------------------------


#: The year label, the slider and the URL agree (a tick sent just before Pause may still be on its way).
_YEAR_SETTLED = """([labelId, yearId]) => {
    const label = document.getElementById(labelId).textContent;
    const slider = document.querySelector(`#${yearId} [role=slider]`).getAttribute('aria-valuenow');
    const inUrl = new URLSearchParams(location.search).get('year');
    return label === slider && (inUrl === label || inUrl === null);
}"""


def test_play_advances_the_year_and_pause_stops(page, recorder):
    open_view(page, "?year=2015")
    page.select_option(f"#{Ids.SPEED}", "600")
    page.click(f"#{Ids.PLAY}")
    page.wait_for_function("(id) => Number(document.getElementById(id).textContent) > 2015", arg=Ids.YEAR_LABEL,
                           timeout=TIMEOUT)
    page.click(f"#{Ids.PLAY}")
    page.wait_for_function("(id) => document.getElementById(id).textContent.includes('Play')", arg=Ids.PLAY,
                           timeout=TIMEOUT)
    page.wait_for_function(_YEAR_SETTLED, arg=[Ids.YEAR_LABEL, Ids.YEAR], timeout=TIMEOUT)
    year = int(page.inner_text(f"#{Ids.YEAR_LABEL}"))
    assert year > 2015
    page.wait_for_function(_JS_HELPERS + "([id, year]) => gd(id).layout.title.text.endsWith(', ' + year)",
                           arg=[MAP, year], timeout=TIMEOUT)  # the map follows
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
        open_view(page, query, sankey_nodes=name in FLOWS)
        if name not in FLOWS:
            page.wait_for_function(_JS_HELPERS + "(id) => gd(id)?.querySelectorAll('.scatterlayer .point').length",
                                   arg=RANKING, timeout=TIMEOUT)
        path = screenshot(page, f"dashboard-{name}-{width}x{height}")
        assert path.stat().st_size > 10_000
        # Nothing wider than the window, and no filter value cut off (long ones wrap onto a second line).
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.evaluate(_CLIPPED_FILTER_VALUES) == [], f"{name} at {width}x{height}"
    assert not recorder.errors(), recorder.errors()
