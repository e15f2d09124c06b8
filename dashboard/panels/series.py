"""The "Over time" panel (id `series`): the indicator per country, or Frontex's detections per route, by year."""

from __future__ import annotations

import pandas as pd

from dashboard.catalog import PARTICIPATING
from dashboard.figures import timeseries
from dashboard.figures.events import events_note
from dashboard.figures.notes import indicator_sources
from dashboard.i18n.messages import N_
from dashboard.panels.flows import route_api
from dashboard.panels.help import series_help
from dashboard.panels.provenance import row_source_ids
from dashboard.panels.spec import PanelSpec, Sources
from dashboard.panels.summaries import series_summary
from dashboard.store import Store
from dashboard.view import interactions
from dashboard.view.state import ViewState


def _api(state: ViewState) -> tuple[str, dict[str, str]]:
    if state.series == "country":
        return "country-indicators", {"indicator": state.indicator,
                                      "country": ",".join(state.countries or PARTICIPATING),
                                      "measure": "" if state.measure == "absolute" else state.measure}
    return route_api(state)


def _sources(store: Store, state: ViewState, rows: pd.DataFrame) -> Sources:
    """Every year it draws, not only the view's: the partial-year notes cover the whole line."""
    if state.series == "route":
        return Sources(["frontex"], None, ("frontex",), list(store.route_years))
    return Sources(row_source_ids(rows), state.indicator, indicator_sources(state.indicator),
                   list(store.years_for(state.indicator)))


def _patch_key(state: ViewState) -> str:
    """Only the year marker moves while the lines and the events stay: the same lines and events, the same key."""
    return "|".join(map(str, (state.indicator, state.measure, state.series, state.countries, state.route,
                              state.nationality, state.events)))


PANEL = PanelSpec(
    id="series", heading=N_("Over time"), slot="series",
    rows=timeseries.series_frame, figure=lambda store, state, _geojson: timeseries.build_timeseries(store, state),
    title=timeseries.series_title, heading_for=lambda _store, state: timeseries.series_title(state),
    summary=series_summary, sources=_sources, api=_api, patch_key=_patch_key,
    year_patch=lambda _store, state, _geojson: timeseries.year_marker_update(state), help=series_help,
    click=interactions.click_series,
    notes=lambda store, state: events_note(store, state, timeseries.series_frame(store, state)),
)
