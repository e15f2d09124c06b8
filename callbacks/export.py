"""'Download CSV' on every panel: exactly the rows behind the panel under the current filters."""

from __future__ import annotations

from dash import Dash, Input, Output, State, dcc, no_update

from dashboard.panels.registry import panel_rows
from dashboard.store import Store
from dashboard.view.state import Domain, state_from_store_data
from layouts.ids import Ids, Panel


def csv_filename(panel: str, state_params: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in state_params)[:80].strip("-")
    return f"see-route-monitor_{panel}{'_' + safe if safe else ''}.csv"


def register(app: Dash, store: Store, domain: Domain) -> None:
    for panel in Panel.NAMES:
        _register_one(app, store, domain, panel)


def _register_one(app: Dash, store: Store, domain: Domain, panel: str) -> None:
    @app.callback(Output(Panel.id(panel, "download"), "data"), Input(Panel.id(panel, "download-btn"), "n_clicks"),
                  State(Ids.VIEW, "data"), prevent_initial_call=True)
    def download(_clicks, data):  # noqa: ANN001, ANN202
        state = state_from_store_data(data, domain)
        if state is None:
            return no_update
        frame = panel_rows(store, state, panel)
        name = csv_filename(panel, f"{state.indicator}_{state.year_from or state.year}-{state.year_to or ''}")
        return dcc.send_data_frame(frame.to_csv, name, index=False)
