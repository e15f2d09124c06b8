"""The one table of panels: every place that draws a panel outside the main view (presenter, embed, export)
builds it through `build_panel`, so a panel looks and counts the same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from dashboard.figures import choropleth, sankey, timeseries
from dashboard.state import ViewState
from dashboard.store import Store

#: Panel id -> heading, in the order the main view and the report pack show them.
PANELS: dict[str, str] = {"map": "Map", "sankey": "Flows", "series": "Over time"}

_TITLES: dict[str, Callable[[ViewState], str]] = {
    "map": choropleth.map_title,
    "sankey": sankey.sankey_title,
    "series": timeseries.series_title,
}


def panel_title(state: ViewState, panel: str) -> str:
    """The title the panel's figure carries, e.g. 'Detected victims of trafficking, 2019'."""
    return _TITLES[panel](state)


def build_panel(store: Store, state: ViewState, panel: str, geojson: str | dict[str, Any]) -> go.Figure:
    """The panel's figure. `geojson` is the outlines' URL (browser) or the outlines themselves (image export)."""
    if panel == "map":
        return choropleth.build_choropleth(store, state, geojson)
    if panel == "sankey":
        return sankey.build_sankey(store, state)
    if panel == "series":
        return timeseries.build_timeseries(store, state)
    raise ValueError(f"unknown panel {panel!r}")
