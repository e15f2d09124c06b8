"""The page gets plotly.js from the partial bundle in assets/, and that bundle draws every figure we build.

The bundle holds only the trace types listed in scripts/plotly-bundle/entry.js; a figure with any other type
would stay blank in the browser. So every figure builder runs here for every crime type, with and without
the incidents layer and in both series modes, and each trace type it produces must be in the bundle.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from dashboard.catalog import CRIME_TYPES
from dashboard.figures import choropleth, ranking, sankey, timeseries
from dashboard.view.state import default_state
from tests.conftest import REPO_ROOT

BUNDLE = REPO_ROOT / "assets" / "00_vendor" / "plotly" / "plotly-see.min.js"
ENTRY = REPO_ROOT / "scripts" / "plotly-bundle" / "entry.js"


def bundled_types() -> set[str]:
    return set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text(encoding="utf-8"))) - {"core"}


def test_the_bundle_is_the_plotly_js_the_python_package_ships():
    import plotly.offline

    header = BUNDLE.read_text(encoding="utf-8")[:200]
    assert f"plotly.js v{plotly.offline.get_plotlyjs_version()}, partial bundle" in header
    assert bundled_types() == {"scatter", "scattergeo", "choropleth", "sankey"}
    for trace in bundled_types():  # each registered module really is inside the file
        assert f'"{trace}"' in BUNDLE.read_text(encoding="utf-8")


@pytest.mark.parametrize("crime", list(CRIME_TYPES))
def test_every_trace_type_a_figure_uses_is_bundled(store, domain, crime):
    state = default_state(domain, crime)
    figures = [choropleth.build_choropleth(store, replace(state, incidents=True), "/data/countries.geojson"),
               sankey.build_sankey(store, state), ranking.build_ranking(store, state),
               timeseries.build_timeseries(store, replace(state, series="country")),
               timeseries.build_timeseries(store, replace(state, series="route"))]
    used = {trace.type for fig in figures for trace in fig.data}
    assert "choropleth" in used
    assert used <= bundled_types(), f"not in the plotly.js bundle: {used - bundled_types()}"


def test_every_page_loads_the_partial_bundle_not_the_full_one(client):
    page = client.get("/").get_data(as_text=True)
    assert '<script src="/assets/00_vendor/plotly/plotly-see.min.js"' in page
    assert "package_data/plotly.min.js" not in page
