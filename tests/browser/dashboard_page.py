"""What the dashboard page shows, read through plotly's graph divs: the shared half of its browser tests.

tests/browser/test_dashboard_panels.py, test_dashboard_controls.py and test_year_frames.py open the page and read
its figures with these. Expected numbers are read from data/*.parquet with pandas, never through the app's Store,
so a wrong query cannot agree with itself; waits are on conditions in the page, never on fixed sleeps.

Each test opens the app served by a real gunicorn (session ``live_server``) in headless Debian Chromium. The
``page`` fixture fails any test whose page sent a request beyond 127.0.0.1.
"""

from __future__ import annotations

import io
import math
import re
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from layouts.ids import Panel
from tests.patience import PAGE_WAIT_MS

TIMEOUT = PAGE_WAIT_MS  # a cold worker on a busy machine may need long for its first figures
MAP, SANKEY, SERIES = (Panel.id(p, "graph") for p in ("map", "sankey", "series"))

# ---- what the page shows, read through plotly's graph divs ------------------------------------------------

#: JS shared by the snippets below: the plotly graph div inside a dcc.Graph, and a trace array decoded
#: (plotly.py sends numpy arrays as base64 typed-array specs; plotly.js keeps the decoded array on the spec).
JS_HELPERS = """
const gd = (id) => document.getElementById(id)?.querySelector('.js-plotly-plot');
const arr = (v) => v == null ? null : Array.isArray(v) ? v : Array.from(v._inputArray ?? v);
"""

_DRAWN = JS_HELPERS + """
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

_SERIES = JS_HELPERS + """
(id) => {
    const g = gd(id);
    return {title: g.layout.title.text,  // the context events (on the hidden axis y2) are no series
            traces: g.data.filter(t => t.yaxis !== 'y2').map(t => ({name: t.name, x: arr(t.x), y: arr(t.y)}))};
}"""

JS_MAP = JS_HELPERS + """
(id) => {
    const g = gd(id), shapes = g.data[0], labels = g.data[1];
    return {title: g.layout.title.text, locations: arr(shapes.locations), customdata: shapes.customdata,
            lineWidths: arr(shapes.marker.line.width), labels: arr(labels.text)};
}"""

JS_TITLE = JS_HELPERS + "(id) => gd(id).layout.title.text"
JS_SANKEY_NODES = JS_HELPERS + "(id) => arr(gd(id).data[0].node.customdata)"

#: Where a point (lon, lat) of the map lies on screen, and whether it is inside the country's shape.
#: Plotly draws geo paths in projected coordinates; each path's d3 datum carries its location (ISO-3).
JS_MAP_POINT = JS_HELPERS + """
([id, iso3, lon, lat]) => {
    const g = gd(id);
    const path = [...g.querySelectorAll('.choroplethlayer path')].find(p => p.__data__?.loc === iso3);
    const [px, py] = g._fullLayout.geo._subplot.projection([lon, lat]);
    const screen = new DOMPoint(px, py).matrixTransform(path.getScreenCTM());
    return {x: screen.x, y: screen.y, inside: path.isPointInFill(new DOMPoint(px, py))};
}"""


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
