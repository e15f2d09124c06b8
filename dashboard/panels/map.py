"""The map panel: the 11 (and their neighbours) shaded by the indicator in the view's year."""

from __future__ import annotations

import pandas as pd

from dashboard.figures import choropleth
from dashboard.figures.notes import indicator_sources
from dashboard.i18n.messages import N_
from dashboard.panels.help import indicator_help
from dashboard.panels.provenance import row_source_ids
from dashboard.panels.spec import PanelSpec, Sources
from dashboard.panels.summaries import map_summary
from dashboard.store import Store
from dashboard.view import interactions
from dashboard.view.state import ViewState

#: The map's rows as downloaded: every participating country (with or without data) and every other with data.
COLUMNS = ["iso3", "name", "year", "indicator", "measure", "value", "flag", "lower", "upper", "source", "note",
           "rank", "change"]


def map_rows(store: Store, state: ViewState) -> pd.DataFrame:
    frame = choropleth.map_frame(store, state)
    frame = frame[frame["participating"] | frame["value"].notna()]
    return frame[COLUMNS].reset_index(drop=True)


def indicator_api(state: ViewState) -> tuple[str, dict[str, str]]:
    """The year's published rows of the indicator (the map's and the ranking's twin)."""
    return "country-indicators", {"indicator": state.indicator, "year": str(state.year),
                                  "measure": "" if state.measure == "absolute" else state.measure}


def indicator_year_sources(_store: Store, state: ViewState, rows: pd.DataFrame) -> Sources:
    """The sources of a one-indicator view of the year (the map's and the ranking's)."""
    lo, hi = state.years
    return Sources(row_source_ids(rows), state.indicator, indicator_sources(state.indicator),
                   list(range(lo, hi + 1)))


def _patch_key(state: ViewState) -> str | None:
    """Incidents are redrawn per year; otherwise one indicator and measure share one layout."""
    return None if state.incidents else f"{state.indicator}|{state.measure}|{state.incidents}"


PANEL = PanelSpec(
    id="map", heading=N_("Map"), slot="map",
    rows=map_rows, figure=choropleth.build_choropleth, title=choropleth.map_title,
    heading_for=choropleth.map_heading, summary=map_summary, sources=indicator_year_sources, api=indicator_api,
    patch_key=_patch_key, year_patch=lambda store, state, _geojson: choropleth.year_update(store, state),
    help=indicator_help,
    click=interactions.click_map,
)
