"""The Flows panel (id `sankey`, as URLs carry it): routes into the 11, or origins to destinations, as a Sankey."""

from __future__ import annotations

import pandas as pd

from dashboard.catalog import CRIMES, PARTICIPATING
from dashboard.figures import sankey
from dashboard.i18n.messages import N_
from dashboard.panels.help import flows_help
from dashboard.panels.provenance import row_source_ids
from dashboard.panels.spec import PanelSpec, Sources
from dashboard.panels.summaries import sankey_summary
from dashboard.store import Store
from dashboard.view import interactions
from dashboard.view.state import ViewState, view_routes

#: Every Sankey shares one layout, so any drawn Sankey takes a patch (figures.sankey.patch_paths).
PATCH_KEY = "sankey"


def flow_rows(store: Store, state: ViewState) -> pd.DataFrame:
    """The links drawn, with the years they sum over."""
    links = sankey.sankey_data(store, state).links
    if links.empty:
        return pd.DataFrame(columns=sankey.LINK_COLUMNS)
    lo, hi = state.years
    return links.assign(year_from=lo, year_to=hi)


def route_api(state: ViewState, span: dict[str, str] | None = None) -> tuple[str, dict[str, str]]:
    """Frontex's detections on the view's route (or the region's routes): the Flows' and the series' twin."""
    routes = ",".join(view_routes(state))
    return "route-detections", {"route": routes, "nationality": state.nationality or "", **(span or {})}


def _api(state: ViewState) -> tuple[str, dict[str, str]] | None:
    lo, hi = state.years
    span = {"from": str(lo), "to": str(hi)} if lo != hi else {"year": str(lo)}
    crime = CRIMES[state.crime]
    if crime.routes:
        return route_api(state, span)
    measure = crime.flows(state.indicator)
    if measure is None:
        return None
    return "flows", {"measure": measure, "destination": ",".join(state.countries or PARTICIPATING),
                     "origin": state.nationality or "", **span}


def _sources(_store: Store, state: ViewState, rows: pd.DataFrame) -> Sources:
    lo, hi = state.years
    ids = ["frontex"] if CRIMES[state.crime].routes else row_source_ids(rows)
    return Sources(ids, None, sankey.flow_sources(state), list(range(lo, hi + 1)))


def _notes(store: Store, state: ViewState) -> list[str]:
    note = sankey.sankey_data(store, state).note
    return [note] if note else []


def _year_patch(store: Store, state: ViewState, _geojson: object) -> dict[str, object]:
    return sankey.patch_paths(sankey.build_sankey(store, state).to_plotly_json())


PANEL = PanelSpec(
    id="sankey", heading=N_("Flows"), slot="flows",
    rows=flow_rows, figure=lambda store, state, _geojson: sankey.build_sankey(store, state),
    title=sankey.sankey_title, heading_for=sankey.sankey_heading, summary=sankey_summary, sources=_sources,
    api=_api, patch_key=lambda _state: PATCH_KEY, year_patch=_year_patch, help=flows_help, fits=sankey.has_flows,
    notes=_notes,
    click=interactions.click_sankey,
)
