"""The filter bar and the timeline. Declarative only: values are filled in from the URL by callbacks/url.py."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.catalog import CRIME_TYPES, PARTICIPATING
from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from dashboard.i18n.names import country_name
from layouts.ids import Ids


def _labelled(label: str, control, width: dict) -> dbc.Col:  # noqa: ANN001 - any Dash component
    return dbc.Col(html.Div([dbc.Label(label, html_for=control.id, className="control-label"), control]), **width)


def dropdown_labels(lang: str) -> dict[str, str]:
    """The words Dash's dropdown draws itself ("Select All", "Search" …), in `lang`; {num_selected} is the
    dropdown's own placeholder, filled in by the browser."""
    t = translator(lang)
    return {"select_all": t("Select All"), "deselect_all": t("Deselect All"),
            "selected_count": t("{num_selected} selected"), "search": t("Search"), "clear_search": t("Clear search"),
            "clear_selection": t("Clear selection"), "no_options_found": t("No options found")}


def filter_bar(country_names: dict[str, str], routes: list[str], lang: str = DEFAULT_LANG) -> dbc.Card:
    """The filters in `lang`: countries named by CLDR (the 11 first, then the rest in the language's order of
    names), Frontex's routes under Frontex's own names."""
    t, labels = translator(lang), dropdown_labels(lang)
    participating = [{"label": country_name(c, lang, country_names.get(c, c)), "value": c} for c in PARTICIPATING]
    others = sorted(
        ({"label": country_name(c, lang, n), "value": c} for c, n in country_names.items() if c not in PARTICIPATING),
        key=lambda o: o["label"],
    )
    return dbc.Card(
        dbc.CardBody(
            dbc.Row(
                [
                    _labelled(t("Crime type"), dcc.Dropdown(
                        id=Ids.CRIME, options=[{"label": t(v), "value": k} for k, v in CRIME_TYPES.items()],
                        clearable=False, searchable=False, labels=labels), {"xs": 12, "md": 6, "xl": 2}),
                    _labelled(t("Indicator"), dcc.Dropdown(
                        id=Ids.INDICATOR, clearable=False, searchable=False, optionHeight=48, labels=labels),
                        {"xs": 12, "md": 6, "xl": 3}),
                    _labelled(t("Countries"), dcc.Dropdown(
                        id=Ids.COUNTRIES, multi=True, options=participating + others,
                        placeholder=t("All 11 participating countries"), labels=labels), {"xs": 12, "md": 6, "xl": 3}),
                    _labelled(t("Route (Frontex)"), dcc.Dropdown(
                        id=Ids.ROUTE, options=[{"label": r, "value": r} for r in routes],
                        placeholder=t("South-East European routes"), labels=labels), {"xs": 12, "md": 6, "xl": 2}),
                    _labelled(t("Measure"), dbc.RadioItems(
                        id=Ids.MEASURE, options=measure_options(lang),
                        inline=True), {"xs": 12, "md": 6, "xl": 2}),
                ],
                className="g-2 align-items-end",
            )
        ),
        className="filter-bar mb-2",
    )


def compare_control(lang: str = DEFAULT_LANG) -> html.Div:
    """The map's "Compare with" year: empty for one year; a year shows it beside the view's year, and the change
    (the URL's `compare`). Its years are the view's, filled in by callbacks/url.py."""
    t = translator(lang)
    return html.Div([
        dbc.Label(t("Compare with"), html_for=Ids.COMPARE, className="small me-1 mb-0"),
        dcc.Dropdown(id=Ids.COMPARE, clearable=True, searchable=False, placeholder=t("no other year"),
                     labels=dropdown_labels(lang), className="compare-year"),
    ], className="d-flex align-items-center")


def measure_options(lang: str, per_capita: bool = True) -> list[dict]:
    """Absolute or per 100,000, the rate disabled for an indicator that has none (callbacks/url.py)."""
    t = translator(lang)
    return [{"label": t("Absolute"), "value": "absolute"},
            {"label": t("Per 100,000"), "value": "per100k", "disabled": not per_capita}]


def event_ticks(events: list[dict[str, object]]) -> list[html.Li]:
    """The view's events as ticks along the year slider (dashboard.figures.events.slider_events): each at its place,
    its date and English title as its tooltip and, for screen readers, as its text."""
    return [html.Li([html.Span(f"{e['date']}: ", className="visually-hidden"),
                     html.Span(str(e["title"]), lang="en", className="visually-hidden")],
                    className="year-event", title=f"{e['date']}: {e['title']}", style={"left": f"{e['left']}%"},
                    **{"data-event": e["id"]})
            for e in events]


def timeline(lang: str = DEFAULT_LANG) -> html.Div:
    t = translator(lang)
    return html.Div(
        [
            dbc.Button(t("▶ Play"), id=Ids.PLAY, color="primary", size="sm", className="play-button",
                       n_clicks=0, title=t("Play or pause the years (Space)")),
            html.Div([
                dbc.Label(t("Speed"), html_for=Ids.SPEED, className="visually-hidden"),
                dbc.Select(id=Ids.SPEED, value="1200", size="sm", options=[
                    {"label": t("Slow"), "value": "2000"}, {"label": t("Normal"), "value": "1200"},
                    {"label": t("Fast"), "value": "600"}]),
            ], className="speed"),
            html.Div([
                dbc.Label(t("Year"), html_for=Ids.YEAR, className="visually-hidden"),  # names the thumb (a11y.js)
                # step=1, not None: Dash 4 snaps an ArrowRight back to the mark it left when steps follow marks.
                dcc.Slider(id=Ids.YEAR, step=1, allow_direct_input=False, min=2000, max=2025, value=2022,
                           included=False, updatemode="mouseup", className="year-slider"),
                html.Ul(id=Ids.YEAR_EVENTS, className="year-events", **{"aria-label": t("Events on the timeline")}),
            ], className="flex-grow-1 year-slider-box"),
            html.Output(id=Ids.YEAR_LABEL, className="year-label", **{"aria-live": "polite"}),
            dbc.Button(t("Clear selection"), id=Ids.CLEAR, size="sm", color="secondary", outline=True,
                       title=t("Clear the selected countries, route, nationality and year range")),
            dcc.Interval(id=Ids.TICKER, interval=1200, disabled=True),
        ],
        className="timeline d-flex align-items-center gap-2 mb-2",
        # The play button's labels in this language, for assets/app.js, which switches them.
        **{"data-play-label": t("▶ Play"), "data-pause-label": t("⏸ Pause")},
    )
