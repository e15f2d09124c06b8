"""Play/pause and speed of the year timeline: clientside, since only the slider value moves.

Each tick changes the year slider, which then flows through the one state callback like any other change.
Where play starts and where a tick goes are `dashboard.view.timeline`'s rules, run in the browser by
assets/app.js (`see.rules`). Both callbacks read the view's years from one place, the slider's marks, which
`callbacks/url.py` writes with one mark per year of `timeline.years_of`. Under the slider, the drawn view's
context events stand as ticks at their dates (dashboard.figures.events.slider_events).
"""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State

from dashboard.figures.events import slider_events
from dashboard.store import Store
from dashboard.view.state import Domain, state_from_store_data
from layouts.controls import event_ticks
from layouts.ids import Ids


def register(app: Dash, store: Store, domain: Domain) -> None:
    _register_play(app)

    @app.callback(Output(Ids.YEAR_EVENTS, "children"), Input(Ids.DRAW, "data"))
    def mark_events(data):  # noqa: ANN001, ANN202
        """The drawn view's events along the slider (a year step draws no new view, so they stay)."""
        state = state_from_store_data(data, domain)
        if state is None:
            return []
        return event_ticks(slider_events(store, state, domain.years(state.crime, state.indicator)))


def _register_play(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction("see", "togglePlay"),
        Output(Ids.TICKER, "disabled"), Output(Ids.PLAY, "children"), Output(Ids.YEAR, "value", allow_duplicate=True),
        Input(Ids.PLAY, "n_clicks"), State(Ids.TICKER, "disabled"), State(Ids.YEAR, "value"),
        State(Ids.YEAR, "marks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("see", "nextYear"),
        Output(Ids.YEAR, "value", allow_duplicate=True), Output(Ids.TICKER, "disabled", allow_duplicate=True),
        Output(Ids.PLAY, "children", allow_duplicate=True),
        Input(Ids.TICKER, "n_intervals"), State(Ids.YEAR, "value"), State(Ids.YEAR, "marks"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("see", "speed"), Output(Ids.TICKER, "interval"), Input(Ids.SPEED, "value"),
    )
