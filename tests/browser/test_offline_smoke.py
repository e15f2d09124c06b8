"""The dashboard loads in a real browser with everything served by itself: no CDN, no web fonts, no tiles.

The ``page`` fixture already fails the test if any request left 127.0.0.1.
"""

from __future__ import annotations

from tests.browser.conftest import screenshot
from tests.patience import PAGE_WAIT_MS

BOOTSTRAP_PATH = "/assets/00_vendor/bootstrap/bootstrap.min.css"
TOPOJSON_PATH = "/assets/topojson/world_50m.json"

# Dash renders into #react-entry-point and shows a ._dash-loading placeholder until the layout arrived.
_APP_RENDERED = """() => {
    const root = document.querySelector('#react-entry-point');
    return root !== null && root.children.length > 0 && document.querySelector('._dash-loading') === null;
}"""

_FETCH_TOPOJSON = """async (path) => {
    const response = await fetch(path);
    const body = response.ok ? await response.json() : null;
    return {
        status: response.status,
        contentType: response.headers.get('content-type') || '',
        layers: body && body.objects ? Object.keys(body.objects) : [],
    };
}"""


def test_home_page_is_styled_and_mapped_offline(page, recorder):
    page.goto("/", wait_until="networkidle")
    page.wait_for_function(_APP_RENDERED, timeout=PAGE_WAIT_MS)
    page.wait_for_load_state("networkidle")
    screenshot(page, "offline-smoke-home")

    # Bootstrap comes from our own /assets/, and it is applied.
    assert recorder.status_of(r"^/assets/00_vendor/bootstrap/bootstrap\.min\.css$") == [200], recorder.responses
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--bs-blue').trim()") == (
        "#0d6efd"
    )

    # It is the first stylesheet from /assets/, so the app's own CSS (loaded after it) can override it.
    # Dash includes files at the root of assets/ before any sub-folder: keep the app's CSS in a sub-folder
    # that sorts after "00_vendor" (or exclude bootstrap with assets_ignore and list it first yourself).
    hrefs = page.eval_on_selector_all("link[rel=stylesheet]", "links => links.map(link => link.href)")
    asset_css = [href for href in hrefs if "/assets/" in href]
    assert asset_css and BOOTSTRAP_PATH in asset_css[0], f"bootstrap must load before the app's CSS: {asset_css}"

    # The base map plotly.js asks for (config topojsonURL = /assets/topojson/) is served as JSON.
    topojson = page.evaluate(_FETCH_TOPOJSON, TOPOJSON_PATH)
    assert topojson["status"] == 200, topojson
    assert "json" in topojson["contentType"], topojson
    assert {"countries", "land", "coastlines"} <= set(topojson["layers"]), topojson

    assert not recorder.errors(), f"console or page errors: {recorder.errors()}"
