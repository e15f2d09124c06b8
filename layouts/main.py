"""The main view: header, notices, filters, timeline and the linked panels (map, flows or ranking, series)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.web.urls import path_url
from layouts.controls import filter_bar, timeline
from layouts.ids import Ids, Panel
from layouts.panels import panel_card
from layouts.share import share_modals, view_tools


def header(data_date: str, base_path: str, tools: html.Div | None = None) -> dbc.Navbar:
    """The site header. Each panel gives the release dates of its own sources; the header names the newest."""
    return dbc.Navbar(
        dbc.Container(
            [
                html.Div([
                    html.A("SEE Route Monitor", href=path_url("", base_path), className="navbar-brand fw-bold"),
                    html.Span("Irregular migration, migrant smuggling and trafficking in human beings on the "
                              "Eastern Mediterranean and Western Balkan routes", className="tagline"),
                ]),
                html.Div([
                    html.Span(f"Newest source release: {data_date}", className="data-date me-3",
                              title="Each panel names the release date of each of its sources"),
                    dbc.NavLink("About the data", href=path_url("about", base_path), className="d-inline text-white"),
                    tools,
                ], className="d-flex align-items-center"),
            ],
            fluid=True,
        ),
        color="dark", dark=True, className="mb-2 site-header",
    )


def main_layout(data_date: str, country_names: dict[str, str], routes: list[str], base_path: str = "/") -> html.Div:
    series_toggle = dbc.RadioItems(
        id=Ids.SERIES, inline=True, className="small",
        options=[{"label": "By country", "value": "country"}, {"label": "By route (Frontex)", "value": "route"}],
    )
    top_n = html.Div([
        dbc.Label("Top", html_for=Ids.TOP, className="small me-1 mb-0"),
        dbc.Input(id=Ids.TOP, type="number", min=3, max=30, step=1, size="sm", debounce=True,
                  style={"width": "4.5rem"}),
    ], className="d-flex align-items-center")
    incidents = dbc.Switch(id=Ids.INCIDENTS, label="Deaths and disappearances (IOM)", value=False,
                           className="small mb-0")
    return html.Div(
        [
            dcc.Location(id=Ids.URL, refresh=False),
            dcc.Store(id=Ids.VIEW),
            dcc.Store(id=Ids.DRAW),
            dcc.Store(id=Ids.FRAMES),
            dcc.Store(id=Ids.TIMELINE),
            dcc.Store(id=Ids.URL_REQUEST),
            dcc.Store(id=Ids.YEAR_REQUEST),
            header(data_date, base_path, view_tools(base_path)),
            *share_modals(),
            dbc.Container(
                [
                    # A page heading and a main landmark, for screen-reader navigation; the navbar shows the name.
                    html.H1("SEE Route Monitor: dashboard", className="visually-hidden"),
                    html.Div(id=Ids.NOTICES, role="status"),
                    filter_bar(country_names, routes),
                    timeline(),
                    dbc.Row(
                        [
                            dbc.Col(panel_card("map", "Map", [incidents]), lg=7, className="mb-2"),
                            # The Flows slot: the Sankey, or the ranking where a crime type has no flows
                            # (callbacks/panels.py shows one of the two).
                            dbc.Col([html.Div(panel_card("sankey", "Flows", [top_n]), id=Panel.id("sankey", "slot"),
                                              className="flows-slot"),
                                     html.Div(panel_card("ranking", "Ranking of the 11"),
                                              id=Panel.id("ranking", "slot"), className="flows-slot d-none")],
                                    lg=5, className="mb-2"),
                        ],
                        className="g-2",
                    ),
                    dbc.Row(dbc.Col(panel_card("series", "Over time", [series_toggle]), className="mb-2")),
                ],
                fluid=True, tag="main",
            ),
        ]
    )
