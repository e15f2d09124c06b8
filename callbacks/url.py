"""The one place where the URL, the controls and panel clicks meet the ViewState.

Every input is turned back into query parameters and run through the same codec as the URL, so a value
posted by a control, a click or a hand-written link is validated the same way. Then the state is written
out to the URL (one history entry per change, so back and forward walk the views) and to every control.

A year step is the exception that makes play fast: the browser holds the drawn view's year frames (each
year's URL, label, links and panel contents, all computed here on the server), and two clientside
callbacks apply a frame locally when the slider moves or the URL (back, forward) lands on a frame's query.
Only what they cannot resolve reaches `sync`, as a URL or year request.
"""

from __future__ import annotations

from dataclasses import replace

import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update

from dashboard.catalog import INDICATORS, indicators_for
from dashboard.i18n.messages import translator
from dashboard.panels.registry import PANELS
from dashboard.view import interactions
from dashboard.view.params import from_json
from dashboard.view.state import (
    Domain,
    ViewState,
    parse_query,
    state_from_store_data,
    store_data,
    timeline_key,
    to_query,
)
from dashboard.web.links import view_links
from dashboard.web.reader import reader_language
from layouts.controls import measure_options
from layouts.ids import Ids, Panel
from layouts.outputs import link_outputs, panel_outputs


def _from_controls(values: dict, previous: ViewState | None, domain: Domain) -> ViewState:
    """Controls -> params (through the parameter table) -> parse_query: hostile payloads are cleaned by the
    codec, notices dropped. What the controls cannot say comes from the view they change."""
    params = from_json(values)
    if previous is not None and values.get("crime") != previous.crime:
        # A new crime type opens with its own indicator and time-series mode (Frontex routes suit only some).
        params.pop("indicator", None)
        params.pop("series", None)
    if previous is not None and previous.year_from is not None and params.get("year") == [str(previous.year)]:
        params["from"], params["to"] = [str(previous.year_from)], [str(previous.year_to)]
    if previous is not None and previous.nationality:
        params["nationality"] = [previous.nationality]
    if previous is not None and isinstance(previous.events, tuple) and values.get("events") is True:
        params["events"] = [",".join(previous.events)]  # the switch says on; the view's named events stay
    if previous is not None:  # the controls do not carry the language: a change keeps the view's
        params["lang"] = [previous.lang]
    return parse_query(params, domain).state


def year_marks(years: tuple[int, ...]) -> dict:
    """Every year is a stop; labels every fifth year and at both ends, so they never overlap."""
    if not years:
        return {}
    ends = (years[0], years[-1])
    labelled = {y for y in years if y % 5 == 0 and min(abs(y - e) for e in ends) > 2} | set(ends)
    return {str(y): (str(y) if y in labelled else "") for y in years}


CONTROL_KEYS = ("crime", "indicator", "countries", "route", "measure", "incidents", "events", "series", "top",
                "compare", "year")
#: Controls that are inputs of `sync`; the year slider reaches it only through the year request.
SYNC_CONTROLS = CONTROL_KEYS[:-1]
CONTROL_IDS = {"crime": Ids.CRIME, "indicator": Ids.INDICATOR, "countries": Ids.COUNTRIES, "route": Ids.ROUTE,
               "measure": Ids.MEASURE, "incidents": Ids.INCIDENTS, "events": Ids.EVENTS, "series": Ids.SERIES,
               "top": Ids.TOP, "compare": Ids.COMPARE, "year": Ids.YEAR}
#: Graph id -> what a click on that panel does to the view (dashboard.panels.spec.PanelSpec.click).
CLICKS = {Panel.id(p.id, "graph"): p.click for p in PANELS.values() if p.click is not None}


def resolve(trigger: str | None, prop: str | None, search: str | None, values: dict, event: object,
            previous: dict | None, domain: Domain) -> tuple[ViewState, list[str]]:
    """The new state for whatever triggered the callback, and the notices to show (only for URLs)."""
    prev = state_from_store_data(previous, domain)  # re-validate what the browser held
    if trigger in (None, Ids.URL) or prev is None:
        parsed = parse_query(search if isinstance(search, str) else "", domain, reader_language())
        return parsed.state, parsed.shown
    if trigger == Ids.CLEAR:
        return interactions.clear_selection(prev), []
    if trigger == Panel.id("series", "graph") and prop == "selectedData":
        return interactions.select_series(prev, event, domain), []
    if trigger in CLICKS:
        return CLICKS[trigger](prev, event, domain), []
    return _from_controls(values, prev, domain), []


def register(app: Dash, domain: Domain, base_path: str) -> None:
    _register_local_steps(app)
    _register_sync(app, domain, base_path)


def _register_local_steps(app: Dash) -> None:
    """The clientside half of a year step (assets/timeline.js): apply the frame the browser holds, or ask."""
    frame_states = [State(Ids.FRAMES, "data"), *(State(Panel.id(p, "key"), "data") for p in Panel.NAMES)]
    # Parse the frames when they arrive, not on the first step the presenter takes.
    app.clientside_callback(ClientsideFunction("timeline", "parse"), Input(Ids.FRAMES, "data"),
                            prevent_initial_call=True)
    app.clientside_callback(
        ClientsideFunction("timeline", "fromUrl"),
        Output(Ids.YEAR, "value", allow_duplicate=True), Output(Ids.URL_REQUEST, "data"),
        Input(Ids.URL, "search"), State(Ids.VIEW, "data"), *frame_states,
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("timeline", "step"),
        Output(Ids.URL, "search", allow_duplicate=True), Output(Ids.VIEW, "data", allow_duplicate=True),
        Output(Ids.YEAR_LABEL, "children", allow_duplicate=True), Output(Ids.NOTICES, "children", allow_duplicate=True),
        Output(Ids.YEAR_REQUEST, "data"),
        *(o for p in Panel.NAMES for o in panel_outputs(p, duplicate=True)), *link_outputs(duplicate=True),
        Input(Ids.YEAR, "value"), State(Ids.VIEW, "data"), State(Ids.YEAR_REQUEST, "id"), *frame_states,
        prevent_initial_call=True,
    )


def _sync_wiring() -> tuple[list[Output], list[Input | State]]:
    """The outputs and inputs of `sync`, in the order it unpacks and answers them."""
    outputs = [Output(Ids.URL, "search"), Output(Ids.VIEW, "data"), Output(Ids.DRAW, "data"),
               Output(Ids.TIMELINE, "data"), Output(Ids.NOTICES, "children"), Output(Ids.INDICATOR, "options"),
               Output(Ids.MEASURE, "options"), Output(Ids.YEAR, "min"), Output(Ids.YEAR, "max"),
               Output(Ids.YEAR, "marks"), Output(Ids.COMPARE, "options"),
               Output(Ids.YEAR_LABEL, "children")]
    outputs += [Output(CONTROL_IDS[k], "value") for k in CONTROL_KEYS]
    outputs += link_outputs()
    inputs = [Input(Ids.URL_REQUEST, "data"), Input(Ids.YEAR_REQUEST, "data")]
    inputs += [Input(CONTROL_IDS[k], "value") for k in SYNC_CONTROLS]
    inputs += [Input(pid, "clickData") for pid in CLICKS]
    inputs += [Input(Panel.id("series", "graph"), "selectedData"), Input(Ids.CLEAR, "n_clicks"),
               State(Ids.URL, "search"), State(Ids.YEAR, "value"), State(Ids.VIEW, "data")]
    return outputs, inputs


def _register_sync(app: Dash, domain: Domain, base_path: str) -> None:
    """The one server callback that turns any change (URL, control, click) into the new state and writes it out."""
    outputs, inputs = _sync_wiring()

    @app.callback(*outputs, *inputs)
    def sync(url_request, year_request, *args):  # noqa: ANN001, ANN202 - Dash passes whatever the browser sent
        *controls, search, year, previous = args[: len(SYNC_CONTROLS)] + args[-3:]
        values = dict(zip(CONTROL_KEYS, (*controls, year), strict=True))
        trigger = ctx.triggered_id if isinstance(ctx.triggered_id, str) else None
        prop = ctx.triggered[0]["prop_id"].rsplit(".", 1)[-1] if ctx.triggered else None
        event = ctx.triggered[0].get("value") if ctx.triggered else None
        if trigger == Ids.URL_REQUEST:
            trigger, search = Ids.URL, url_request.get("search") if isinstance(url_request, dict) else None
        elif trigger == Ids.YEAR_REQUEST:
            trigger, values["year"] = Ids.YEAR, year_request.get("year") if isinstance(year_request, dict) else None
        state, notices = resolve(trigger, prop, search, values, event, previous, domain)
        query = to_query(state, domain)
        years = domain.years(state.crime, state.indicator)
        per_capita = INDICATORS[state.indicator].per_capita
        alerts = [dbc.Alert(n, color="warning", dismissable=True, className="py-1 mb-1") for n in notices]
        lo, hi = state.years
        # A year step (one the browser had no frame for) changes only the URL, the view, the year label and
        # the links. Every other control, its options and the slider's marks stay as the browser has them, so
        # the renderer redraws none of them and the answer is smaller (bench/NOTES.md).
        before = state_from_store_data(previous, domain)
        year_step = trigger == Ids.YEAR and before is not None and replace(before, year=state.year) == state
        t = translator(state.lang)
        controls = (
            [{"label": t(i.label), "value": i.id} for i in indicators_for(state.crime)],
            measure_options(state.lang, per_capita),
            years[0] if years else 0, years[-1] if years else 0, year_marks(years),
            [{"label": str(y), "value": y} for y in years],
        )
        values_out = (state.crime, state.indicator, list(state.countries), state.route, state.measure,
                      state.incidents, state.events is not False, state.series, state.top, state.compare, state.year)
        data = store_data(state, domain)
        same_timeline = before is not None and timeline_key(before, domain) == data["key"]
        return (
            no_update if query == (search or "") else query,
            data,
            data,
            no_update if same_timeline else data["key"],
            alerts,
            *([no_update] * len(controls) if year_step else controls),
            str(state.year) if lo == hi else f"{lo}–{hi}",
            *([no_update] * len(values_out) if year_step else values_out),
            *view_links(state, domain, base_path),
        )
