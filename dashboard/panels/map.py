"""The map panel: the 11 (and their neighbours) shaded by the indicator in the view's year, or, for a view with
`compare`, the compared year beside the view's year and the change between them (dashboard.figures.compare)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures import choropleth, compare
from dashboard.figures.notes import indicator_sources
from dashboard.i18n.messages import N_
from dashboard.panels.help import indicator_help
from dashboard.panels.provenance import row_source_ids
from dashboard.panels.spec import Geojson, PanelSpec, Sources
from dashboard.panels.summaries import compare_summary, map_summary
from dashboard.store import Store
from dashboard.view import interactions
from dashboard.view.state import ViewState

#: The map's rows as downloaded: every participating country (with or without data) and every other with data.
COLUMNS = ["iso3", "name", "year", "indicator", "measure", "value", "flag", "lower", "upper", "source", "note",
           "rank", "change"]
#: Each year's columns of a comparison's rows, as the rows of one year name them.
_ONE_YEAR = ["iso3", "name", "year", "value", "flag", "source", "note"]


def map_rows(store: Store, state: ViewState) -> pd.DataFrame:
    """The year's rows; for a comparison, each country's two years and the change (dashboard.figures.compare)."""
    if state.compare is not None:
        return compare.compare_frame(store, state)[compare.COLUMNS]
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


def _api(state: ViewState) -> tuple[str, dict[str, str]]:
    """A comparison's twin: the published rows of the years from one to the other, both included."""
    resource, params = indicator_api(state)
    if state.compare is not None:
        del params["year"]
        params.update(zip(("from", "to"), map(str, sorted((state.compare, state.year))), strict=True))
    return resource, params


def _sources(store: Store, state: ViewState, rows: pd.DataFrame) -> Sources:
    """A comparison's caveats name the flags and notes of both its years, one row per country and year."""
    if state.compare is None:
        return indicator_year_sources(store, state, rows)
    earlier = rows[[c if c in ("iso3", "name") else f"compare_{c}" for c in _ONE_YEAR]].set_axis(_ONE_YEAR, axis=1)
    years = pd.concat([earlier, rows[_ONE_YEAR]], ignore_index=True)
    return Sources(row_source_ids(years), state.indicator, indicator_sources(state.indicator),
                   sorted((state.compare, state.year)), rows=years)


def _patch_key(state: ViewState) -> str | None:
    """Incidents and comparisons are redrawn per year; otherwise one indicator and measure share one layout."""
    if state.incidents or state.compare is not None:
        return None
    return f"{state.indicator}|{state.measure}|{state.incidents}"


def _figure(store: Store, state: ViewState, geojson: Geojson) -> go.Figure:
    build = choropleth.build_choropleth if state.compare is None else compare.build_compare
    return build(store, state, geojson)


def _title(state: ViewState) -> str:
    return choropleth.map_title(state) if state.compare is None else compare.compare_title(state)


def _heading(store: Store, state: ViewState) -> str:
    return (choropleth.map_heading if state.compare is None else compare.compare_heading)(store, state)


def _summary(store: Store, state: ViewState) -> str:
    return (map_summary if state.compare is None else compare_summary)(store, state)


PANEL = PanelSpec(
    id="map", heading=N_("Map"), slot="map",
    rows=map_rows, figure=_figure, title=_title, heading_for=_heading, summary=_summary,
    sources=_sources, api=_api, patch_key=_patch_key, help=indicator_help,
    year_patch=lambda store, state, _geojson: choropleth.year_update(store, state),
    click=interactions.click_map,
)
