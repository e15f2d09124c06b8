"""The data behind each panel, as the table a user downloads and the API query that returns the same rows.

Figures, "Download CSV" and the data-API links all start from these functions, so what is drawn, what is
downloaded and what the API serves cannot drift apart.
"""

from __future__ import annotations

import pandas as pd

from dashboard.catalog import CRIMES, PARTICIPATING
from dashboard.figures.choropleth import map_frame
from dashboard.figures.ranking import COLUMNS as RANKING_COLUMNS
from dashboard.figures.ranking import ranking_frame
from dashboard.figures.sankey import LINK_COLUMNS, sankey_data
from dashboard.figures.timeseries import series_frame
from dashboard.store import Store
from dashboard.view.state import SEE_ROUTES, ViewState

MAP_COLUMNS = ["iso3", "name", "year", "indicator", "measure", "value", "flag", "lower", "upper", "source", "note",
               "rank", "change"]


def panel_frame(store: Store, state: ViewState, panel: str) -> pd.DataFrame:
    """Exactly the rows the panel draws under the current filters."""
    if panel == "map":
        frame = map_frame(store, state)
        frame = frame[frame["participating"] | frame["value"].notna()]
        return frame[MAP_COLUMNS].reset_index(drop=True)
    if panel == "sankey":
        links = sankey_data(store, state).links
        if links.empty:
            return pd.DataFrame(columns=LINK_COLUMNS)
        lo, hi = state.years
        return links.assign(year_from=lo, year_to=hi)
    if panel == "ranking":
        return ranking_frame(store, state)[RANKING_COLUMNS]
    if panel == "series":
        return series_frame(store, state)
    raise ValueError(f"unknown panel {panel!r}")


def panel_api(state: ViewState, panel: str) -> tuple[str, dict[str, str]] | None:
    """The API resource and filters that return this panel's underlying published rows; None where the panel
    draws no published rows (the Sankey of a crime type without flow data)."""
    lo, hi = state.years
    span = {"from": str(lo), "to": str(hi)} if lo != hi else {"year": str(lo)}
    if panel in ("map", "ranking"):
        return "country-indicators", {"indicator": state.indicator, "year": str(state.year),
                                      "measure": "" if state.measure == "absolute" else state.measure}
    if panel == "series" and state.series == "country":
        return "country-indicators", {"indicator": state.indicator,
                                      "country": ",".join(state.countries or PARTICIPATING),
                                      "measure": "" if state.measure == "absolute" else state.measure}
    crime = CRIMES[state.crime]
    if panel == "series" or crime.routes:
        routes = ",".join([state.route] if state.route else SEE_ROUTES)
        extra = span if panel == "sankey" else {}
        return "route-detections", {"route": routes, "nationality": state.nationality or "", **extra}
    measure = crime.flows(state.indicator)
    if measure is None:
        return None
    return "flows", {"measure": measure, "destination": ",".join(state.countries or PARTICIPATING),
                     "origin": state.nationality or "", **span}
