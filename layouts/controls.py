"""The filter bar and the timeline. Declarative only: values are filled in from the URL by callbacks/url.py."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.catalog import CRIME_TYPES, PARTICIPATING
from layouts.ids import Ids


def _labelled(label: str, control, width: dict) -> dbc.Col:  # noqa: ANN001 - any Dash component
    return dbc.Col(html.Div([dbc.Label(label, html_for=control.id, className="control-label"), control]), **width)


def filter_bar(country_names: dict[str, str], routes: list[str]) -> dbc.Card:
    participating = [{"label": country_names.get(c, c), "value": c} for c in PARTICIPATING]
    others = sorted(
        ({"label": n, "value": c} for c, n in country_names.items() if c not in PARTICIPATING),
        key=lambda o: o["label"],
    )
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    _labelled("Crime type", dcc.Dropdown(
                        id=Ids.CRIME, options=[{"label": v, "value": k} for k, v in CRIME_TYPES.items()],
                        clearable=False, searchable=False), {"xs": 12, "md": 6, "xl": 2}),
                    _labelled("Indicator", dcc.Dropdown(id=Ids.INDICATOR, clearable=False, searchable=False,
                                                        optionHeight=48), {"xs": 12, "md": 6, "xl": 3}),
                    _labelled("Countries", dcc.Dropdown(
                        id=Ids.COUNTRIES, multi=True, options=participating + others,
                        placeholder="All 11 participating countries"), {"xs": 12, "md": 6, "xl": 3}),
                    _labelled("Route (Frontex)", dcc.Dropdown(
                        id=Ids.ROUTE, options=[{"label": r, "value": r} for r in routes],
                        placeholder="South-East European routes"), {"xs": 12, "md": 6, "xl": 2}),
                    _labelled("Measure", dbc.RadioItems(
                        id=Ids.MEASURE, options=[{"label": "Absolute", "value": "absolute"},
                                                 {"label": "Per 100,000", "value": "per100k"}],
                        inline=True), {"xs": 12, "md": 6, "xl": 2}),
                ],
                className="g-2 align-items-end",
            )
        ),
        className="filter-bar mb-2",
    )


def timeline() -> html.Div:
    return html.Div(
        [
            dbc.Button("▶ Play", id=Ids.PLAY, color="primary", size="sm", className="play-button",
                       n_clicks=0, title="Play or pause the years (Space)"),
            html.Div([
                dbc.Label("Speed", html_for=Ids.SPEED, className="visually-hidden"),
                dbc.Select(id=Ids.SPEED, value="1200", size="sm", options=[
                    {"label": "Slow", "value": "2000"}, {"label": "Normal", "value": "1200"},
                    {"label": "Fast", "value": "600"}]),
            ], className="speed"),
            html.Div([
                dbc.Label("Year", html_for=Ids.YEAR, className="visually-hidden"),  # names the thumb (a11y.js)
                # step=1, not None: Dash 4 snaps an ArrowRight back to the mark it left when steps follow marks.
                dcc.Slider(id=Ids.YEAR, step=1, allow_direct_input=False, min=2000, max=2025, value=2022,
                           included=False, updatemode="mouseup", className="year-slider"),
            ], className="flex-grow-1"),
            html.Output(id=Ids.YEAR_LABEL, className="year-label", **{"aria-live": "polite"}),
            dbc.Button("Clear selection", id=Ids.CLEAR, size="sm", color="secondary", outline=True,
                       title="Clear the selected countries, route, nationality and year range"),
            dcc.Interval(id=Ids.TICKER, interval=1200, disabled=True),
        ],
        className="timeline d-flex align-items-center gap-2 mb-2",
    )
