"""The one table of panels: every place that draws a panel outside the main view (presenter, embed, export)
builds it through `build_panel`, so a panel looks and counts the same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from dashboard.figures import choropleth, ranking, sankey, timeseries
from dashboard.store import Store
from dashboard.view.state import ViewState

#: Panel id -> heading. The main view shows map, then the Flows slot (sankey or ranking), then series.
PANELS: dict[str, str] = {"map": "Map", "sankey": "Flows", "ranking": "Ranking", "series": "Over time"}

_TITLES: dict[str, Callable[[ViewState], str]] = {
    "map": choropleth.map_title,
    "sankey": sankey.sankey_title,
    "ranking": ranking.ranking_title,
    "series": timeseries.series_title,
}
#: The title with a partial year flagged; the series spans the years and marks partial ones point by point.
_HEADINGS: dict[str, Callable[[Store, ViewState], str]] = {
    "map": choropleth.map_heading,
    "sankey": sankey.sankey_heading,
    "ranking": ranking.ranking_heading,
    "series": lambda _store, state: timeseries.series_title(state),
}
_BUILDERS: dict[str, Callable[[Store, ViewState, Any], go.Figure]] = {
    "map": choropleth.build_choropleth,
    "sankey": lambda store, state, _geojson: sankey.build_sankey(store, state),
    "ranking": lambda store, state, _geojson: ranking.build_ranking(store, state),
    "series": lambda store, state, _geojson: timeseries.build_timeseries(store, state),
}


def flows_panel(crime: str) -> str:
    """What fills the Flows slot: the Sankey where the crime type has flows, else the ranking of the 11."""
    return "sankey" if sankey.has_flows(crime) else "ranking"


def slot_panels(state: ViewState, panels: tuple[str, ...]) -> tuple[str, ...]:
    """The panels a deck slide asks for, with the Flows slot filled as the main view fills it: a slide that
    names the Sankey for a crime type without flows projects the ranking, never a blank "No flow data"."""
    return tuple(flows_panel(state.crime) if p == "sankey" else p for p in panels)


def view_panels(state: ViewState) -> tuple[str, ...]:
    """The panels the main view shows for a state, in its order (the report pack holds these)."""
    return "map", flows_panel(state.crime), "series"


def panel_title(state: ViewState, panel: str) -> str:
    """The title the panel's figure carries, e.g. 'Detected victims of trafficking, 2019'."""
    return _TITLES[panel](state)


def panel_heading(store: Store, state: ViewState, panel: str) -> str:
    """The title as drawn, with a year that a source covers only in part flagged (January–April only)."""
    return _HEADINGS[panel](store, state)


def build_panel(store: Store, state: ViewState, panel: str, geojson: str | dict[str, Any]) -> go.Figure:
    """The panel's figure. `geojson` is the outlines' URL (browser) or the outlines themselves (image export)."""
    if panel not in _BUILDERS:
        raise ValueError(f"unknown panel {panel!r}")
    return _BUILDERS[panel](store, state, geojson)
