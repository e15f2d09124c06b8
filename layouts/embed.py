"""/embed/<panel>: one panel alone, for an iframe in someone else's page or report.

Title, the chart filling the frame, its source line and caveats, each source's release date and a link back to the
full view.
No controls and no callbacks: what the URL says is what is drawn, on the first paint.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.i18n.locales import DEFAULT_LANG
from dashboard.i18n.messages import translator
from layouts.panels import graph_config, provenance_children


def embed_layout(panel: str, title: str, figure: object, sources: list[str], caveats: list[str], releases: list[str],
                 full_view: str, notices: list[str], summary: str = "", table: object = None,
                 lang: str = DEFAULT_LANG, base_path: str = "/", shape: str = "") -> html.Div:
    """The page. ``summary`` (what the chart shows, in words) and ``table`` (its rows) are its text alternatives.
    Its caveats' glossary links open a new tab: the About page is never framed. ``shape`` is a class for a chart
    that needs more height than its frame's share ("comparing": a grid of maps)."""
    config = {**graph_config(), "displayModeBar": False}
    t = translator(lang)
    return html.Div(
        [
            html.Header(
                [
                    html.H1(title, className="embed-title"),
                    html.A(t("Open the full view ↗"), href=full_view, target="_blank", rel="noopener",
                           className="embed-link"),
                ],
                className="embed-header",
            ),
            html.Div([dbc.Alert(n, color="warning", className="py-1 px-2 mb-1 small") for n in notices]),
            dcc.Graph(figure=figure, config=config, responsive=True, className="embed-graph"),
            html.Footer(
                [
                    html.P(summary, className="embed-summary mb-1") if summary else None,
                    html.Details([html.Summary(t("Data table")), table], className="embed-table") if table else None,
                    html.Div(provenance_children(sources, caveats, lang, base_path, new_tab=True),
                             className="provenance"),
                    html.Div(t("Data: {releases}", releases="; ".join(releases)) + " · SEE Route Monitor",
                             className="embed-date"),
                ],
                # It scrolls when the caveats outgrow a small frame: focusable, so the keyboard can scroll it too.
                className="embed-footer", tabIndex="0", **{"aria-label": t("Sources and caveats")},
            ),
        ],
        className=f"embed-page embed-{panel} {shape}".strip(),
        **{"data-lang": lang},
    )
