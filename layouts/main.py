"""The main view: header, notices, filters, timeline and the linked panels (map, flows or ranking, series)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.panels.registry import panel_label
from dashboard.web.urls import path_url
from layouts.controls import compare_control, filter_bar, timeline
from layouts.ids import Ids, Panel
from layouts.language import language_menu
from layouts.panels import panel_card
from layouts.share import export_words, share_modals, view_tools


def header(data_date: str, base_path: str, tools: html.Div | None = None, lang: str = DEFAULT_LANG,
           search: str = "") -> dbc.Navbar:
    """The site header. Each panel gives the release dates of its own sources; the header names the newest.

    Its links keep the page's language; the language menu reopens this page, with its view, in another."""
    t = translator(lang)
    keep = f"?lang={lang}" if lang != DEFAULT_LANG else ""
    return dbc.Navbar(
        dbc.Container(
            [
                html.Div([
                    html.A("SEE Route Monitor", href=path_url("", base_path) + keep,
                           className="navbar-brand fw-bold"),
                    html.Span(t("Irregular migration, migrant smuggling and trafficking in human beings on the "
                                "Eastern Mediterranean and Western Balkan routes"), className="tagline"),
                ]),
                # On a phone or tablet the tools fold into "Menu" (assets/app.css; assets/a11y.js closes it there
                # when the page opens). A native disclosure: it opens by touch, click or keyboard without a script.
                html.Details([
                    html.Summary(t("Menu"), className="site-menu-toggle"),
                    html.Div([
                        html.Span(t("Newest source release: {date}", date=data_date), className="data-date me-3",
                                  title=t("Each panel names the release date of each of its sources")),
                        dbc.NavLink(t("Country profiles"), href=path_url("country", base_path) + keep,
                                    className="d-inline text-white me-2"),
                        dbc.NavLink(t("About the data"), href=path_url("about", base_path) + keep,
                                    className="d-inline text-white"),
                        language_menu(lang, search),
                        tools,
                    ], className="site-menu-items d-flex align-items-center"),
                ], open=True, className="site-menu"),
            ],
            fluid=True,
        ),
        color="dark", dark=True, className="mb-2 site-header",
    )


def _series_tools(lang: str) -> html.Div:
    """The series panel's own controls: by country or by route, and the context events' switch."""
    t = translator(lang)
    series_toggle = dbc.RadioItems(
        id=Ids.SERIES, inline=True, className="small",
        options=[{"label": t("By country"), "value": "country"},
                 {"label": t("By route (Frontex)"), "value": "route"}],
    )
    events = dbc.Switch(id=Ids.EVENTS, label=t("Events"), value=True, className="small mb-0 ms-3",
                        input_style={"cursor": "pointer"})
    return html.Div([series_toggle, events], className="d-flex align-items-center flex-wrap")


def _top_n(lang: str) -> html.Div:
    """How many flows the Sankey draws."""
    t = translator(lang)
    return html.Div([
        dbc.Label(t("Top"), html_for=Ids.TOP, className="small me-1 mb-0"),
        dbc.Input(id=Ids.TOP, type="number", min=3, max=30, step=1, size="sm", debounce=True,
                  style={"width": "4.5rem"}),
    ], className="d-flex align-items-center")


def main_layout(data_date: str, country_names: dict[str, str], routes: list[str], base_path: str = "/",
                lang: str = DEFAULT_LANG, search: str = "") -> html.Div:
    """The dashboard in `lang`; `country_names` are the data's (English) names, named here in `lang` by CLDR."""
    t = translator(lang)

    def card(panel: str, extra: list | None = None) -> dbc.Card:
        return panel_card(panel, panel_label(panel, lang), extra, lang)

    incidents = dbc.Switch(id=Ids.INCIDENTS, label=t("Deaths and disappearances (IOM)"), value=False,
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
            header(data_date, base_path, view_tools(base_path, lang), lang, search),
            *share_modals(lang),
            dbc.Container(
                [
                    # A page heading and a main landmark, for screen-reader navigation; the navbar shows the name.
                    html.H1(t("SEE Route Monitor: dashboard"), className="visually-hidden"),
                    html.Div(id=Ids.NOTICES, role="status"),
                    filter_bar(country_names, routes, lang),
                    timeline(lang),
                    dbc.Row(
                        [
                            dbc.Col(card("map", [compare_control(lang),
                                                 html.Div(id=Ids.PROFILES, className="profile-offers small"),
                                                 incidents]), lg=7, className="mb-2"),
                            # The Flows slot: the Sankey, or the ranking where a crime type has no flows
                            # (callbacks/panels.py shows one of the two).
                            dbc.Col([html.Div(card("sankey", [_top_n(lang)]), id=Panel.id("sankey", "slot"),
                                              className="flows-slot"),
                                     html.Div(card("ranking"),
                                              id=Panel.id("ranking", "slot"), className="flows-slot d-none")],
                                    lg=5, className="mb-2"),
                        ],
                        className="g-2", id=Ids.PANEL_ROW,
                    ),
                    dbc.Row(dbc.Col(card("series", [_series_tools(lang)]), className="mb-2")),
                ],
                fluid=True, tag="main",
            ),
        ],
        **{"data-lang": lang, "data-export-words": export_words(lang)},
    )
