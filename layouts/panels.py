"""One panel card: title, graph, source line and caveats, and its data links. The same for every panel."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, get_asset_url, html

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from layouts.glossary import linked
from layouts.ids import Panel
from layouts.share import export_menu


def graph_config(lang: str = DEFAULT_LANG) -> dict:
    """Plotly config for every panel; the base-map topojson comes from our own assets (offline, base-path aware),
    and the mode bar speaks `lang` (dashboard/web/plotly_words.py registers our languages with plotly.js)."""
    return {
        **({"locale": lang} if lang != DEFAULT_LANG else {}),
        "displaylogo": False,
        "responsive": True,
        # plotly.js 7's "Share chart..." posts the chart to a plotly server: not from an offline hall's dashboard.
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "sendChartToCloud"],
        "toImageButtonOptions": {"format": "png", "scale": 3},
        "topojsonURL": get_asset_url("topojson/"),
    }


def panel_card(panel: str, heading: str, extra: list | None = None, lang: str = DEFAULT_LANG) -> dbc.Card:
    """A panel: graph, tools and provenance. `extra` holds panel-specific controls shown in its header.

    Graph sizes live in assets/app.css (class graph-<panel>), so each screen size gets its own proportions.
    """
    return dbc.Card(
        [
            dbc.CardHeader(_panel_header(panel, heading, extra, lang)),
            dbc.CardBody([_panel_figure(panel, lang), data_table_region(panel, heading, lang)], className="p-1"),
            dbc.CardFooter([html.Div(id=Panel.id(panel, "provenance"), className="provenance"),
                            _panel_tools(panel, lang)]),
        ],
        className="panel h-100",
        id=Panel.id(panel, "card"),
    )


def _panel_header(panel: str, heading: str, extra: list | None, lang: str) -> html.Div:
    """The panel's heading and its "?", with the controls only this panel has (`extra`) beside them."""
    return html.Div(
        [
            html.Div([html.H2(heading, className="panel-heading"), panel_help(panel, heading, lang)],
                     className="panel-title"),
            html.Div(extra or [], className="panel-extra"),
        ],
        className="panel-header",
    )


def panel_help(panel: str, heading: str, lang: str = DEFAULT_LANG) -> html.Details:
    """The "?" beside a panel's title: a native disclosure (keyboard, touch and screen readers without a script)
    that says in two sentences what the panel counts for the view and what it does not (filled in by
    callbacks/panels.py, dashboard/panels/help.py)."""
    t = translator(lang)
    label = t("What this panel counts: {panel}", panel=heading)
    return html.Details(
        [html.Summary([html.Span("?", **{"aria-hidden": "true"}), html.Span(label, className="visually-hidden")],
                      className="panel-help-toggle", title=label),
         html.Div(id=Panel.id(panel, "help"), className="panel-help-text")],
        className="panel-help",
    )


def _panel_figure(panel: str, lang: str) -> html.Figure:
    """The chart and, as its caption, a paragraph saying what it shows (dashboard/panels/summaries.py).

    A figure with a figcaption ties the two together for screen readers; the spinner waits 400 ms so a quick
    redraw does not flash.
    """
    return html.Figure(
        [
            dcc.Loading(
                dcc.Graph(id=Panel.id(panel, "graph"), config=graph_config(lang),
                          className=f"panel-graph graph-{panel}"),
                delay_show=400, type="dot",
            ),
            html.Figcaption(id=Panel.id(panel, "summary"), className="panel-summary"),
        ],
        className="mb-0",
    )


def _panel_tools(panel: str, lang: str) -> html.Div:
    """The ways to take the chart's numbers away: a table on the page, a CSV download, the data API's CSV and
    JSON links and the export menu. callbacks/panels.py fills in the links per view, and keeps the drawn figure's
    patch and timeline keys in the "key" store that sits among them."""
    pid, t = Panel.id, translator(lang)
    return html.Div(
        [
            html.Button(t("Table"), id=pid(panel, "table-btn"), n_clicks=0, type="button",
                        className="btn btn-sm btn-outline-secondary me-2",
                        title=t("Show the numbers of this chart as a table"),
                        **{"aria-expanded": "false", "aria-controls": pid(panel, "table")}),
            dbc.Button(t("Download CSV"), id=pid(panel, "download-btn"), size="sm",
                       color="secondary", outline=True, className="me-2"),
            dcc.Download(id=pid(panel, "download")),
            dcc.Store(id=pid(panel, "key")),
            html.Span(t("Data API: "), className="text-muted small"),
            html.A("CSV", id=pid(panel, "api-csv"), href="#", className="small me-1"),
            html.A("JSON", id=pid(panel, "api-json"), href="#", className="small"),
            export_menu(panel, lang),
        ],
        className="panel-tools",
    )


def data_table_region(panel: str, heading: str, lang: str = DEFAULT_LANG) -> html.Div:
    """Where the chart's numbers appear as a table once "Table" is pressed (filled by callbacks/panels.py).

    "table-view" holds the view only while the table is open, so a closed table costs no request. The region
    can be scrolled from the keyboard (tabindex) and is named for screen readers.
    """
    t = translator(lang)
    return html.Div([
        dcc.Store(id=Panel.id(panel, "table-view")),
        dbc.Collapse(
            html.Div(id=Panel.id(panel, "table"), className="panel-table", tabIndex="0", role="region",
                     **{"aria-label": t("{heading}: the chart's data as a table", heading=heading)}),
            id=Panel.id(panel, "table-collapse"), is_open=False,
        ),
    ])


def data_table(caption: str, columns: list[str], rows: list[list[str]], note: str = "") -> dbc.Table:
    """A plain table of already formatted cells, with a caption and column headers for screen readers."""
    return dbc.Table(
        [
            html.Caption([caption, html.Span(f" {note}", className="text-muted") if note else None]),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody([html.Tr([html.Td(cell) for cell in row]) for row in rows]),
        ],
        size="sm", striped=True, className="small mb-1",
    )


def provenance_children(sources: list[str], caveats: list[str], lang: str = DEFAULT_LANG, base_path: str = "/",
                        new_tab: bool = False) -> list:
    """The source line and caveats under a panel: the same piece on the main view and embeds. The glossary's terms
    in the caveats link to their entries on the About page (`new_tab` in an embed, framed in another site's page);
    the source line is left whole: it is the publishers' own titles, in English in every language."""
    t = translator(lang)
    return [
        html.Div([html.Strong(t("Source: ")), "; ".join(sources)], className="source-line"),
        html.Ul([html.Li(linked(c, lang, base_path, new_tab)) for c in caveats], className="caveats"),
    ]
